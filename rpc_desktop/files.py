"""Files: written whole or not at all, readable by their owner only (keys, settings,
certificates, everything the app writes for the user to send or keep); and read only when
they are regular files under a cap (a case file, a bundle or a PDF from someone else), so a
pipe, a device or a huge file can neither hang a command nor exhaust its memory."""

from __future__ import annotations

import os
import shutil
import stat
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


class NotAFile(Exception):
    """The path names something other than a regular file; the message says what."""


class TooLarge(Exception):
    """The file holds more than the cap."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of `path`, a regular file (or a link to one) of at most `limit` bytes.

    A pipe, a device, a socket or a folder raises NotAFile without being opened for long
    (a pipe is opened without waiting for a writer); a larger file raises TooLarge, and at
    most `limit` + 1 bytes are ever read (a file that grows, or one in /proc that reports no
    size, is caught too). Anything else the system says is an OSError.
    """
    kind = _kind(path.stat().st_mode)
    if kind:
        raise NotAFile(kind)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags), "rb") as handle:
        status = os.fstat(handle.fileno())  # what was opened, if it changed since
        if kind := _kind(status.st_mode):
            raise NotAFile(kind)
        if status.st_size > limit:
            raise TooLarge
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge
    return data


def _kind(mode: int) -> str:
    """'' for a regular file, else what it is, in words."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something other than a file"
