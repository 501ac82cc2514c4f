"""A wheel built from the tree carries everything the app reads at run time: the packs, the
fonts, the icons, the demo family, the stylesheet and the migrations, read through
importlib.resources. (`make test` also installs it in a clean virtual environment and runs
its self-test: the Makefile's wheel-selftest.)"""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
    done = subprocess.run(
        [*command, "--no-build-isolation", "--wheel-dir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = out.glob("rpc_desktop-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_holds_every_resource_and_migration(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    package = ROOT / "rpc_desktop"
    needed = [
        *(p for p in (package / "resources").rglob("*") if p.is_file()),
        *(p for p in (package / "store" / "migrations").rglob("*") if p.is_file()),
    ]
    needed = [p for p in needed if "__pycache__" not in p.parts]
    assert len(needed) >= 18
    missing = [
        str(p.relative_to(ROOT)) for p in needed if p.relative_to(ROOT).as_posix() not in names
    ]
    assert not missing, f"the wheel lacks {missing}"
    assert "rpc_desktop/resources/questionnaires/rsq.toml" in names
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/", "scripts/"))]


def test_the_wheel_names_its_command_and_needs_no_sqlmodel(wheel: zipfile.ZipFile) -> None:
    (entry_points,) = [n for n in wheel.namelist() if n.endswith("entry_points.txt")]
    assert "rpc-desktop = rpc_desktop.cli:main" in wheel.read(entry_points).decode()
    (metadata,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    requires = [
        line.split(":", 1)[1].strip()
        for line in wheel.read(metadata).decode().splitlines()
        if line.startswith("Requires-Dist:")
    ]
    assert any(r.startswith("PySide6-Essentials") for r in requires)
    assert not any(r.lower().startswith("sqlmodel") for r in requires)
