"""Opening a store safely: the check at open, the full check, moving a damaged database
aside untouched, restoring a backup, and the message a failed write becomes.

Only a real integrity failure moves the database: a page that does not decrypt or a b-tree
SQLite finds wrong (SQLITE_CORRUPT, SQLITE_NOTADB). Anything that may pass (SQLITE_BUSY,
SQLITE_LOCKED, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN, a file that cannot be read just
now) is reported and every file is left as it is.

The check at open is cheap: the file is not empty, the key decrypts it and it has tables;
a small database (up to FULL_CHECK_AT_OPEN_BYTES) is checked in full as well, since that
costs a few milliseconds. A bigger one is checked in full off the critical path: by the app
after unlock (Store.full_check, from a worker thread), and before every backup. A full check
that fails leaves a mark, so the next unlock checks every page before it opens.
"""

from __future__ import annotations

import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3

from rpc_desktop.errors import StoreCorrupt, StoreError, StoreFull
from rpc_desktop.store import backup
from rpc_desktop.store.engine import connect_to_check, integrity_problems
from rpc_desktop.store.layout import DB_NAME, StorePaths

log = logging.getLogger(__name__)

FULL_CHECK_AT_OPEN_BYTES = 4 * 1024 * 1024
"""Up to this size (database and WAL) the full check runs at open: about 60 ms."""
DB_FILES = ("", "-wal", "-shm", "-journal")
"""The database and every file SQLite keeps beside it (a hot journal is part of it)."""


def translated(exc: BaseException | None) -> StoreError:
    if "full" in str(exc).lower():
        return StoreFull(
            "The disk is full, so the last change was not saved. Everything saved before it "
            "is safe. Free some space and try again."
        )
    return StoreError(f"The store could not save: {exc}")


def unavailable(paths: StorePaths, exc: BaseException) -> StoreError:
    """A fault that may pass: said so, and nothing was moved."""
    if "full" in str(exc).lower():
        why = "the disk is full: free some space"
    elif "locked" in str(exc).lower() or "busy" in str(exc).lower():
        why = "another program is using it: close any other copy of the app"
    else:
        why = "check the disk"
    return StoreError(
        f"The store in {paths.folder} could not be opened just now ({exc}); it was left "
        f"exactly as it is. It is not damaged as far as anyone knows: {why}, then try again."
    )


def empty_store(paths: StorePaths, what: str) -> StoreError:
    offer = (
        "Restore a backup with `rpc-desktop restore`"
        if backup.list_backups(paths.backups)
        else "There is no backup to restore"
    )
    return StoreError(
        f"The database {paths.db} {what}: it holds no store, so it was not opened, changed or "
        f"backed up. {offer}; if this store was never used, remove {paths.folder} and start "
        "again."
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def check_at_open(paths: StorePaths, data_key: bytes) -> None:
    """The cheap check (and the full one for a small database, or after a failed one)."""
    if _size(paths.db) == 0:
        raise empty_store(paths, "is empty (0 bytes)")
    small = _size(paths.db) + _size(paths.db.with_name(DB_NAME + "-wal"))
    full = small <= FULL_CHECK_AT_OPEN_BYTES or paths.needs_full_check.exists()
    tables: list[str] = []
    try:
        conn = connect_to_check(paths.db, data_key)
        try:
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = [str(r[0]) for r in rows.fetchall()]
            problems = integrity_problems(conn) if full else []
        finally:
            conn.close()
    except sqlcipher3.OperationalError as exc:
        raise unavailable(paths, exc) from exc
    except sqlcipher3.DatabaseError as exc:
        problems = [str(exc)]
    if problems:
        raise moved_aside(paths, problems)
    if not tables:
        raise empty_store(paths, "has no tables")
    if full:
        paths.needs_full_check.unlink(missing_ok=True)


def full_check(paths: StorePaths, data_key: bytes) -> list[str]:
    """Every page of the open database, on a connection of its own (safe from a worker
    thread while the app works). Problems leave a mark: the next unlock checks in full."""
    try:
        conn = connect_to_check(paths.db, data_key)
        try:
            problems = integrity_problems(conn)
        finally:
            conn.close()
    except sqlcipher3.OperationalError as exc:
        raise unavailable(paths, exc) from exc
    except sqlcipher3.DatabaseError as exc:
        problems = [str(exc)]
    if problems:
        log.warning("the full integrity check failed: %d problem(s)", len(problems))
        try:
            paths.needs_full_check.write_text(problems[0][:200], encoding="utf-8")
        except OSError:
            log.warning("the mark for a full check at the next unlock could not be written")
    return problems


def moved_aside(paths: StorePaths, problems: list[str]) -> StoreError:
    """Move a database that failed its check aside, untouched, and offer the newest backup."""
    try:
        aside = move_aside(paths, "corrupt")
    except OSError as exc:
        return StoreError(
            f"The database failed its check ({problems[0]}), and could not be moved aside "
            f"({exc.strerror or exc}); it was left where it is. Restore a backup with "
            "`rpc-desktop restore`."
        )
    paths.needs_full_check.unlink(missing_ok=True)
    log.warning("the database failed its integrity check and was moved aside to %s", aside.name)
    backups = [str(p) for p in backup.list_backups(paths.backups)]
    offer = (
        f" The newest backup is {Path(backups[0]).name}: restore it with `rpc-desktop restore`."
        if backups
        else " There is no backup to restore."
    )
    return StoreCorrupt(
        f"The database failed its check ({problems[0]}). It was moved, unchanged, to "
        f"{aside}.{offer}",
        str(aside),
        backups,
    )


def move_aside(paths: StorePaths, why: str) -> Path:
    """Move the database and the files beside it, untouched, into a new dated folder."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    aside = paths.folder / f"{why}-{stamp}"
    aside.mkdir(mode=0o700)
    for suffix in DB_FILES:
        current = paths.db.with_name(DB_NAME + suffix)
        if current.exists():
            current.replace(aside / current.name)
    return aside


def restore(home: Path, source: Path, data_key: bytes) -> None:
    """Put a verified backup in place of the database; the current one is kept aside."""
    paths = StorePaths(home)
    backup.check_backup(source, data_key)
    if paths.db.exists():
        move_aside(paths, "replaced")
    partial = paths.db.with_suffix(".restoring")
    shutil.copyfile(source, partial)
    partial.replace(paths.db)
    paths.needs_full_check.unlink(missing_ok=True)
