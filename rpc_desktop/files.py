"""Writing files whole or not at all, readable by their owner only: keys, settings,
certificates, and everything the app writes for the user to send or keep."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from rpc_desktop.errors import BundleError

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def write_atomically(path: Path, data: bytes, mode: int = PRIVATE_FILE) -> None:
    """A fresh temporary file with `mode` (never a stale one's rights), fsync, then replace:
    a crash leaves the old file or the new one, never half of either."""
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(path)


def write_new_private(path: Path, data: bytes) -> None:
    """A file that must not exist yet, readable by its owner only (0600), written whole: a
    half-written one never takes its name. For what the user sends or keeps (a sealed bundle,
    a review note, an email draft). On Windows the file takes its folder's permissions."""
    if path.exists():
        raise BundleError(f"{path} already exists; choose another folder or move it.")
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            raise BundleError(f"{path} already exists; choose another folder or move it.")
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        why = exc.strerror or exc
        raise BundleError(f"Cannot write {path.name} in {path.parent}: {why}.") from exc


def make_tree_private(folder: Path) -> None:
    """Every file under `folder` 0600 and every folder 0700 (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    folder.chmod(PRIVATE_FOLDER)
    for path in folder.rglob("*"):
        if path.is_symlink():
            continue
        path.chmod(PRIVATE_FOLDER if path.is_dir() else PRIVATE_FILE)


def remove_tree(folder: Path) -> None:
    """Remove a folder and everything in it; what cannot be removed is left (and tried
    again at the next start)."""
    shutil.rmtree(folder, ignore_errors=True)
