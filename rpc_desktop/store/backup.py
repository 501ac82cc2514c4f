"""Encrypted backups: the same data key, taken on close and before migrations, verified."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rpc_desktop.errors import StoreError
from rpc_desktop.store.engine import connect, integrity_problems

KEEP = 5


def list_backups(folder: Path) -> list[Path]:
    """Newest first."""
    return sorted(folder.glob("rpc-*.db"), reverse=True)


def take_backup(source: Any, data_key: bytes, folder: Path, *, keep: int = KEEP) -> Path:
    """Copy the open database to a new encrypted file, check it, then drop the oldest."""
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
    for old in list_backups(folder)[keep:]:
        old.unlink(missing_ok=True)
    return target


def check_backup(path: Path, data_key: bytes) -> None:
    conn = connect(path, data_key, journal="DELETE")
    try:
        problems = integrity_problems(conn)
    finally:
        conn.close()
    if problems:
        raise StoreError(f"The backup {path.name} failed its check: {problems[0]}")
