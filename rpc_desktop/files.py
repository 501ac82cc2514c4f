"""Files: written whole or not at all, readable by their owner only (keys, settings,
certificates, everything the app writes for the user to send or keep); and read only when
they are regular files under a cap (a case file, a bundle or a PDF from someone else), so a
pipe, a device or a huge file can neither hang a command nor exhaust its memory.

"Owner only" is 0600 for a file and 0700 for a folder on Linux and macOS. On Windows it is an
access-control list naming the current user alone (inherited entries removed, so a file in a
shared folder does not take that folder's readers), set with the system's `icacls` before a
byte is written; a folder's entry is inherited by what is made inside it. Inheritance removed
means SYSTEM and Administrators lose their inherited access too: a backup agent running as
SYSTEM cannot read the data folder (its contents are encrypted in any case)."""

from __future__ import annotations

import functools
import os
import shutil
import stat
import subprocess
from pathlib import Path

from rpc_desktop.errors import BundleError

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
SYSTEM = os.name  # "posix" or "nt"; the tests of the Windows path set it
# Well-known groups a Windows file inherits readers from, removed from an owner-only file
# even when set explicitly: Everyone, Users, Authenticated Users.
BROAD_GROUPS = ("*S-1-1-0", "*S-1-5-32-545", "*S-1-5-11")


class OwnerOnlyFailed(OSError):
    """The system would not make a file readable by its owner only."""


def make_owner_only(path: Path) -> None:
    """Readable (and writable) by the current user alone: 0600 or 0700 on POSIX, a
    user-only ACL on Windows. Raises OwnerOnlyFailed when Windows refuses."""
    folder = path.is_dir()
    if SYSTEM == "nt":
        _run_icacls(owner_only_acl(path, _current_user(), folder=folder))
    else:
        path.chmod(PRIVATE_FOLDER if folder else PRIVATE_FILE)


def system_tool(name: str) -> str:
    """`name`.exe from Windows' System32 (never one found first in the program's or the
    current folder); the bare name where SYSTEMROOT is not set (the tests' stand-ins)."""
    root = os.environ.get("SYSTEMROOT", "")
    return str(Path(root) / "System32" / f"{name}.exe") if root else name


def owner_only_acl(path: Path, user: str, *, folder: bool) -> list[str]:
    """The `icacls` command that leaves `path` to `user` (a `*SID` or `DOMAIN\\name`) alone:
    inheritance removed, the broad groups removed, full control for the user (inherited by
    files and folders inside a folder)."""
    right = "(OI)(CI)F" if folder else "F"
    return [
        system_tool("icacls"),
        str(path),
        "/inheritance:r",
        "/grant:r",
        f"{user}:{right}",
        "/remove:g",
        *BROAD_GROUPS,
        "/q",
    ]


def parse_whoami_user(output: str) -> str:
    """`*SID` from `whoami /user /fo csv /nh` ("DOMAIN\\name","S-1-5-21-…"), or ''."""
    fields = [f.strip().strip('"') for f in output.strip().split('","')]
    sid = fields[-1].strip('"') if fields else ""
    return f"*{sid}" if sid.startswith("S-1-") else ""


@functools.cache
def _current_user() -> str:
    try:
        found = subprocess.run(
            [system_tool("whoami"), "/user", "/fo", "csv", "/nh"],
            capture_output=True,
            text=True,
            timeout=30,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
        sid = parse_whoami_user(found.stdout) if found.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        sid = ""
    if sid:
        return sid
    name = os.environ.get("USERNAME", "")
    domain = os.environ.get("USERDOMAIN", "")
    if not name:
        raise OwnerOnlyFailed("Cannot tell who the current Windows user is.")
    return f"{domain}\\{name}" if domain else name


def _run_icacls(command: list[str]) -> None:
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=60,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise OwnerOnlyFailed(f"Cannot run icacls: {exc}") from exc
    if done.returncode != 0:
        why = (done.stderr or done.stdout).strip() or f"exit {done.returncode}"
        raise OwnerOnlyFailed(f"icacls refused to make {command[1]} private: {why}")


def write_atomically(path: Path, data: bytes, mode: int = PRIVATE_FILE) -> None:
    """A fresh temporary file with `mode` (never a stale one's rights), fsync, then replace:
    a crash leaves the old file or the new one, never half of either."""
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as handle:
        if mode == PRIVATE_FILE and SYSTEM == "nt":
            make_owner_only(tmp)  # while still empty: nobody else ever reads a byte
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
            if SYSTEM == "nt":
                make_owner_only(partial)  # while still empty: nobody else reads a byte
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


def make_private_folder(folder: Path) -> None:
    """The folder, made if need be, owner only (what is made inside it later inherits that
    on Windows; on POSIX each file is made 0600 by whoever writes it)."""
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    make_owner_only(folder)


def make_tree_private(folder: Path) -> None:
    """`folder` and everything under it owner only."""
    if SYSTEM == "nt":
        make_owner_only(folder)
        if any(folder.iterdir()):  # everything inside takes the folder's (inherited) entry
            _run_icacls([system_tool("icacls"), str(folder / "*"), "/reset", "/t", "/q"])
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
