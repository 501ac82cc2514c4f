"""Where a store's files are, and the passphrase rule: importable before any database code,
so the first window can tell first run from unlock at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DB_NAME = "rpc.db"
MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class StorePaths:
    home: Path

    @property
    def folder(self) -> Path:
        return self.home / "store"

    @property
    def db(self) -> Path:
        return self.folder / DB_NAME

    @property
    def keyfile(self) -> Path:
        return self.folder / "keyfile.json"

    @property
    def unlock_state(self) -> Path:
        return self.folder / "unlock-state.json"

    @property
    def unlock_mirror(self) -> Path:
        """A second copy of the wrong-passphrase count, kept elsewhere (throttle.py)."""
        return self.home / ".unlock-state.json"

    @property
    def needs_full_check(self) -> Path:
        """Left when the full integrity check failed on an open store: the next unlock checks
        every page before opening (and moves the database aside if it fails again)."""
        return self.folder / "needs-full-check"

    @property
    def backups(self) -> Path:
        return self.home / "backups"

    def exists(self) -> bool:
        return self.keyfile.exists()
