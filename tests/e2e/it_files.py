"""IT's files as they are placed on a machine: a folder every user could reach, holding a
configuration and what it names, with the modes each test gives them.

tmp_path is inside pytest's own folder (mode 0700: no other user may enter it), so the
configuration is built in a fresh folder under the system's temporary folder instead, made
0755 as /etc is. Modes are set with chmod and judged by their bits: the tests run as root in
CI, and root can open anything, so trying to open a file would prove nothing.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from rpc_desktop.app import config_access
from tests.unit.test_pades import make_ca, make_leaf

PASSWORD_ENV = "IT_TEST_SIGNING_PASSWORD"


def shared_folder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """For a fixture: IT's configuration folder, which every user could enter (0755) as far
    down as it, its files IT's: root's, and this account's too when the tests do not run as
    root. Removed afterwards."""
    base = Path(tempfile.mkdtemp(prefix="rpc-desktop-it-"))
    try:
        base.chmod(0o755)
        for folder in base.parents:
            if not folder.stat().st_mode & stat.S_IXOTH:
                pytest.skip(f"{folder} cannot be entered by other users here")
        monkeypatch.setattr(config_access, "ADMINS", (0, os.getuid()))
        folder = base / "etc" / "rpc-desktop"
        folder.mkdir(parents=True)
        (base / "etc").chmod(0o755)
        folder.chmod(0o755)
        yield folder
    finally:
        shutil.rmtree(base, ignore_errors=True)


def place(path: Path, data: str | bytes, mode: int = 0o644) -> Path:
    """A file as `install -m MODE` would place it."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    path.chmod(mode)
    return path


def signing_files(folder: Path, password: bytes = b"org secret") -> tuple[Path, Path]:
    """An organisation certificate (with its CA) and its key, protected by `password`."""
    ca, ca_key = make_ca()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    leaf = make_leaf(ca, ca_key, key)
    pem = serialization.Encoding.PEM
    cert = place(folder / "org-cert.pem", leaf.public_bytes(pem) + ca.public_bytes(pem))
    key_file = place(
        folder / "org-key.pem",
        key.private_bytes(
            pem, serialization.PrivateFormat.PKCS8, serialization.BestAvailableEncryption(password)
        ),
    )
    return cert, key_file


SIGNING = f"""
[signing]
certificate = "org-cert.pem"
key = "org-key.pem"
password_env = "{PASSWORD_ENV}"
"""


def organisation_ca(
    folder: Path, it_desk: Path, name: str = "Test Council Signing CA"
) -> tuple[Path, Path, x509.Certificate]:
    """The organisation's CA, as IT would split it: its certificate placed in `folder` (what
    the configuration names, on every machine), its key kept on IT's own desk (`it_desk`),
    protected by the password "ca secret"."""
    ca, ca_key = make_ca(name)
    pem = serialization.Encoding.PEM
    folder.mkdir(parents=True, exist_ok=True)
    cert = place(folder / "org-ca.pem", ca.public_bytes(pem))
    it_desk.mkdir(parents=True, exist_ok=True)
    key: ec.EllipticCurvePrivateKey = ca_key
    key_file = place(
        it_desk / "org-ca-key.pem",
        key.private_bytes(
            pem,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"ca secret"),
        ),
        mode=0o600,
    )
    return cert, key_file, ca


DEVICE_CERTIFICATES = """
[signing]
mode = "device-certificates"
ca_certificate = "org-ca.pem"
"""
