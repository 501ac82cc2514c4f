"""Opening a store safely: the growing wait after wrong passphrases, the integrity check
that moves a damaged database aside untouched, restoring a backup, and the message a failed
write becomes."""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3

from rpc_desktop.errors import StoreCorrupt, StoreError, StoreFull
from rpc_desktop.store import backup
from rpc_desktop.store.engine import connect, integrity_problems
from rpc_desktop.store.layout import DB_NAME, StorePaths

log = logging.getLogger(__name__)

MAX_DELAY_SECONDS = 60.0


def unlock_delay(failures: int) -> float:
    """Seconds to wait after `failures` wrong passphrases in a row: 0, 1, 2, 4 … 60."""
    return 0.0 if failures <= 0 else min(2.0 ** (failures - 1), MAX_DELAY_SECONDS)


@dataclass
class Attempts:
    path: Path
    failures: int = 0
    last: float = 0.0

    @classmethod
    def read(cls, path: Path) -> Attempts:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(path, int(data["failures"]), float(data["last"]))
        except (OSError, ValueError, KeyError, TypeError):
            return cls(path)

    def save(self) -> None:
        self.path.write_text(json.dumps({"failures": self.failures, "last": self.last}))


def translated(exc: BaseException | None) -> StoreError:
    if "full" in str(exc).lower():
        return StoreFull(
            "The disk is full, so the last change was not saved. Everything saved before it "
            "is safe. Free some space and try again."
        )
    return StoreError(f"The store could not save: {exc}")


def check_or_move_aside(paths: StorePaths, data_key: bytes) -> None:
    """Open once with the key and check every page; a bad file is moved aside, untouched."""
    try:
        conn = connect(paths.db, data_key)
        try:
            problems = integrity_problems(conn)
        finally:
            conn.close()
    except sqlcipher3.DatabaseError as exc:
        problems = [str(exc)]
    if not problems:
        return
    aside = move_aside(paths, "corrupt")
    log.warning("the database failed its integrity check and was moved aside to %s", aside.name)
    backups = [str(p) for p in backup.list_backups(paths.backups)]
    offer = (
        f" The newest backup is {Path(backups[0]).name}: restore it with `rpc-desktop restore`."
        if backups
        else " There is no backup to restore."
    )
    raise StoreCorrupt(
        f"The database failed its check ({problems[0]}). It was moved, unchanged, to "
        f"{aside}.{offer}",
        str(aside),
        backups,
    )


def move_aside(paths: StorePaths, why: str) -> Path:
    """Move the database and its WAL, untouched, into a new dated folder beside them."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    aside = paths.folder / f"{why}-{stamp}"
    aside.mkdir(mode=0o700)
    for suffix in ("", "-wal", "-shm"):
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
