"""Encrypted backups: the same data key, taken on close and before migrations, verified.

A database with no tables is never backed up. Rotation keeps the newest KEEP, and never
drops the newest backup that holds cases while every one kept is empty: five backups of an
emptied store do not push out the last one with the families in it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from rpc_desktop.errors import StoreError
from rpc_desktop.store.engine import connect, integrity_problems

KEEP = 5


def list_backups(folder: Path) -> list[Path]:
    """Newest first."""
    return sorted(folder.glob("rpc-*.db"), reverse=True)


def table_count(conn: Any) -> int:
    row = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
    return int(row[0])


def take_backup(source: Any, data_key: bytes, folder: Path, *, keep: int = KEEP) -> Path:
    """Copy the open database to a new encrypted file, check it, then drop the oldest."""
    if table_count(source) == 0:
        raise StoreError("The database has no tables, so it was not backed up.")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"rpc-{stamp}.db"
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    dest = connect(partial, data_key, journal="DELETE")
    try:
        source.backup(dest)
    finally:
        dest.close()
    check_backup(partial, data_key)
    partial.replace(target)
    rotate(folder, data_key, keep=keep)
    return target


def holds_cases(path: Path, data_key: bytes) -> bool:
    try:
        conn = connect(path, data_key, journal="DELETE")
        try:
            return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM cases)").fetchone()[0])
        finally:
            conn.close()
    except sqlcipher3.Error:
        return False


def rotate(folder: Path, data_key: bytes, *, keep: int = KEEP) -> list[Path]:
    """Drop all but the newest `keep`, unless that would leave no backup holding cases while
    an older one holds some: the newest of those is kept as well. Returns what was dropped."""
    backups = list_backups(folder)
    kept, dropped = backups[:keep], backups[keep:]
    if dropped and not any(holds_cases(p, data_key) for p in kept):
        keeper = next((p for p in dropped if holds_cases(p, data_key)), None)
        dropped = [p for p in dropped if p != keeper]
    for old in dropped:
        old.unlink(missing_ok=True)
    return dropped


def check_backup(path: Path, data_key: bytes) -> None:
    try:
        conn = connect(path, data_key, journal="DELETE")
        try:
            problems = integrity_problems(conn)
            tables = table_count(conn) if not problems else 0
        finally:
            conn.close()
    except sqlcipher3.OperationalError as exc:
        raise StoreError(f"The backup {path.name} could not be read just now ({exc}).") from exc
    except sqlcipher3.DatabaseError as exc:
        problems, tables = [str(exc)], 0
    if problems:
        raise StoreError(f"The backup {path.name} failed its check: {problems[0]}")
    if tables == 0:
        raise StoreError(f"The backup {path.name} holds no tables: it is not a store.")
