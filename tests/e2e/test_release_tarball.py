"""The Linux release tarball as IT receives it (packaging/linux/pack.py) and install.sh run
from it: the docs, the licences and the checksums are in it, an ordinary user is refused
before anything is copied, and a damaged file stops the install."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import ROOT

NOBODY = 65534
TOP = "rpc-desktop-9.9.9-linux-x86_64"


def _pack_module():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "packaging" / "linux"))
    try:
        import pack  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    return pack


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder every user may enter and write (tmp_path's parents are root's alone), so
    that what stops install.sh as `nobody` is its own check, not a permission."""
    folder = Path(tempfile.mkdtemp(prefix="rpc-tarball-", dir="/tmp"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def release(shared: Path) -> Path:
    """A fake one-folder build packed by pack.py's command line, and unpacked."""
    app = shared / "build" / "rpc-desktop"
    (app / "_internal" / "resources").mkdir(parents=True)
    (app / "rpc-desktop").write_text('#!/bin/sh\necho "rpc-desktop 9.9.9"\n')
    (app / "rpc-desktop").chmod(0o755)
    (app / "_internal" / "resources" / "x.toml").write_text("x = 1\n")
    tarball = shared / f"{TOP}.tar.gz"
    assert _pack_module().main([str(app), str(tarball)]) == 0
    with tarfile.open(tarball) as archive:
        archive.extractall(shared / "unpacked", filter="tar")
    for path in [shared / "unpacked", *(shared / "unpacked").rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)
    return shared / "unpacked" / TOP


def test_the_tarball_carries_the_docs_the_licences_and_its_checksums(release: Path) -> None:
    tarball = release.parents[1] / f"{TOP}.tar.gz"
    for name in ["README.md", "deploying.md", "install.sh", "SHA256SUMS"]:
        assert (release / name).is_file(), name
    assert (release / "deploying.md").read_bytes() == (ROOT / "docs" / "deploying.md").read_bytes()
    index = (release / "LICENSES" / "README.txt").read_text(encoding="utf-8")
    for library in ("rpc-desktop", "PySide6_Essentials", "pyhanko", "cryptography", "Python"):
        assert library in index, library
    assert (release / "LICENSES" / "fonts" / "LICENSE-DejaVu.txt").is_file()
    assert list((release / "LICENSES" / "cryptography").glob("LICENSE*"))

    # SHA256SUMS names every other file, with its digest.
    listed = {}
    for line in (release / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    files = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()} - {
        "SHA256SUMS"
    }
    assert set(listed) == files
    for name, digest in listed.items():
        assert hashlib.sha256((release / name).read_bytes()).hexdigest() == digest, name
    # ... and beside the archive, its own checksum as sha256sum -c reads it.
    beside = tarball.with_name(tarball.name + ".sha256").read_text(encoding="utf-8")
    assert beside == f"{hashlib.sha256(tarball.read_bytes()).hexdigest()}  {tarball.name}\n"


def _as_ordinary_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot become an ordinary user")
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


def _run(release: Path, target: Path, *args: str, user: list[str]) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PREFIX": str(target / "opt" / "rpc-desktop"),
        "BINDIR": str(target / "bin"),
        "DATADIR": str(target / "share"),
    }
    return subprocess.run(
        [*user, "sh", str(release / "install.sh"), *args],
        cwd=release,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("args", [(), ("--uninstall",)])
def test_install_sh_refuses_an_ordinary_user_before_copying_anything(
    release: Path, shared: Path, args: tuple[str, ...]
) -> None:
    target = shared / "target"
    target.mkdir(mode=0o777)
    target.chmod(0o777)  # the user could write here: only the check can stop it
    done = _run(release, target, *args, user=_as_ordinary_user())
    assert done.returncode == 1, done.stdout + done.stderr
    assert "must be run as root" in done.stderr and "sudo" in done.stderr
    assert "Nothing was copied" in done.stderr
    assert list(target.iterdir()) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="installs as root (CI runs as root)")
def test_install_sh_as_root_installs_and_refuses_a_damaged_file(
    release: Path, shared: Path
) -> None:
    target = shared / "target"
    done = _run(release, target, user=[])
    assert done.returncode == 0, done.stderr
    prefix = target / "opt" / "rpc-desktop"
    assert (prefix / "rpc-desktop").is_file() and (target / "bin" / "rpc-desktop").is_symlink()
    assert "rpc-desktop 9.9.9" in done.stdout

    (release / "_internal" / "resources" / "x.toml").write_text("x = 2\n")
    installed = (prefix / "_internal" / "resources" / "x.toml").read_text()
    done = _run(release, target, user=[])
    assert done.returncode == 1
    assert "differ from SHA256SUMS" in done.stderr and "nothing was installed" in done.stderr
    assert (prefix / "_internal" / "resources" / "x.toml").read_text() == installed
    assert not (target / "opt" / "rpc-desktop.new").exists()
