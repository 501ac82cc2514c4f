"""The encrypted local store: create, unlock, save every answer, back up, recover.

Layout under the data folder:
    store/rpc.db (+ -wal, -shm)   the SQLCipher database
    store/keyfile.json            the data key, wrapped (passphrase; IT recovery key)
    store/unlock-state.json       wrong-passphrase count, for the growing delay (and a copy
                                  in <data>/.unlock-state.json: throttle.py)
(StorePaths, in layout.py, names them without importing the database layers.)
    store/corrupt-*/              a database that failed its check, moved aside untouched
    backups/rpc-*.db              encrypted backups (same data key), the newest few
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from rpc_desktop.domain.case import AnswerValue, Case, Form, ParentSlot
from rpc_desktop.domain.status import CaseStatus
from rpc_desktop.errors import NoStore, StoreError, StoreLocked
from rpc_desktop.files import make_private_folder
from rpc_desktop.store import audit, backup, migrate, opening, repository, reviews, throttle
from rpc_desktop.store.device_keys import DeviceKeyRecords
from rpc_desktop.store.engine import make_engine
from rpc_desktop.store.keys import (
    KdfParams,
    KeyFile,
    calibrate,
    new_data_key,
    wrap_for_recovery,
    wrap_with_passphrase,
)
from rpc_desktop.store.layout import MIN_PASSPHRASE, StorePaths
from rpc_desktop.store.opening import restore, translated, unavailable
from rpc_desktop.store.rekey import Interrupted, Progress, Rekeyed, rekey_store
from rpc_desktop.store.review_records import ReviewRecords
from rpc_desktop.store.throttle import unlock_delay
from rpc_desktop.store.unlock import key_from_passphrase

__all__ = ["Rekeyed", "Store", "restore", "unlock_delay"]

log = logging.getLogger(__name__)


@dataclass
class Store(ReviewRecords, DeviceKeyRecords):
    paths: StorePaths
    _engine: Engine | None
    data_key: bytes = field(repr=False)
    actor: str = ""
    _case_ids: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def closed(self) -> bool:
        """Locked: the key is gone and every use is refused."""
        return self._engine is None

    @property
    def engine(self) -> Engine:
        """The database; after close() (the app locked) every use is refused."""
        if self._engine is None:
            raise StoreLocked("The store is locked: unlock it to go on.", 0.0)
        return self._engine

    # --- opening and closing ----------------------------------------------------------

    @classmethod
    def create(
        cls,
        home: Path,
        passphrase: str,
        *,
        actor: str = "",
        kdf: KdfParams | None = None,
        recovery_public_key: Any = None,
    ) -> Store:
        paths = StorePaths(home)
        if paths.exists() or paths.db.exists():
            raise StoreError(f"A store already exists in {paths.folder}; it was left as it is.")
        if len(passphrase) < MIN_PASSPHRASE:
            raise StoreError(f"Choose a passphrase of at least {MIN_PASSPHRASE} characters.")
        for folder in (paths.home, paths.folder):
            make_private_folder(folder)
        data_key = new_data_key()
        entries = [wrap_with_passphrase(data_key, passphrase, kdf or calibrate())]
        if recovery_public_key is not None:
            entries.append(wrap_for_recovery(data_key, recovery_public_key))
        throttle.start(paths)
        KeyFile(paths.keyfile, entries, throttled=True).write()
        store = cls(paths, make_engine(paths.db, data_key), data_key, actor)
        migrate.upgrade(store.engine)
        with store.transaction() as conn:
            audit.append(conn, actor, "store-created")
        return store

    @classmethod
    def open(
        cls,
        home: Path,
        passphrase: str,
        *,
        actor: str = "",
        clock: Callable[[], float] = time.time,
    ) -> Store:
        """Unlock with the passphrase (after the wait wrong ones earned: throttle.py). A wrong
        one never replaces or touches the database."""
        data_key = key_from_passphrase(home, passphrase, clock=clock)
        return cls.open_with_key(home, data_key, actor=actor)

    @classmethod
    def open_with_key(cls, home: Path, data_key: bytes, *, actor: str = "") -> Store:
        """Open after the cheap check (opening.py); the app runs `full_check` after."""
        paths = StorePaths(home)
        if not paths.db.exists():
            raise NoStore(f"{paths.db} is missing. Restore a backup with `rpc-desktop restore`.")
        opening.check_at_open(paths, data_key)
        store = cls(paths, make_engine(paths.db, data_key), data_key, actor)
        try:
            revision = migrate.current_revision(store.engine)
        except DBAPIError as exc:
            store.engine.dispose()
            raise unavailable(paths, exc.orig or exc) from exc
        if revision is not None and revision not in migrate.known_revisions():
            store.engine.dispose()
            raise StoreError(
                f"This store was upgraded by a newer version of the app (schema {revision}). "
                "Install that version again; this one would not understand the data. Nothing "
                "was changed."
            )
        if revision != migrate.head_revision():
            try:
                store.backup()  # a verified copy before the schema changes
                migrate.upgrade(store.engine)
            except BaseException:
                store._forget()
                raise
            log.info("store migrated from schema %s to %s", revision, migrate.head_revision())
            with store.transaction() as conn:
                audit.append(conn, actor, "store-migrated", detail=migrate.head_revision())
        return store

    def close(self, *, backup: bool = True) -> None:
        """Lock: the key is dropped even when the backup first fails (which is raised)."""
        if self._engine is None:
            return
        try:
            if backup:
                self.backup()
        finally:
            self._forget()

    def _forget(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        self._engine = None
        self.data_key = b""
        self._case_ids.clear()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One short transaction; a full disk becomes a StoreFull and nothing half-written stays."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except DBAPIError as exc:  # a full disk, a damaged page, a broken constraint
            raise translated(exc.orig) from exc

    # --- cases -------------------------------------------------------------------------

    def add_case(self, case: Case, page: str = "") -> None:
        with self.transaction() as conn:
            repository.insert_case(conn, case, page)
            audit.append(conn, self.actor, "case-created", case.reference)

    def save_case(self, case: Case, page: str | None = None) -> None:
        """Replace the whole case, answers included (imports, tests)."""
        with self.transaction() as conn:
            repository.update_case(conn, case, page)

    def save_details(self, case: Case, page: str | None = None) -> None:
        """Save everything but the answers (those are saved one by one as they are given)."""
        with self.transaction() as conn:
            repository.update_case(conn, case, page, answers_too=False)

    def set_answer(
        self,
        reference: str,
        form: Form,
        slot: ParentSlot,
        item_id: str,
        value: AnswerValue | None,
        questionnaire_version: str,
    ) -> None:
        """Commit one answer in its own short transaction, the moment it is given."""
        cid = self._case_ids.get(reference)
        if cid is None:
            with self.engine.connect() as conn:
                cid = self._case_ids[reference] = repository.case_id(conn, reference)
        raw = self.engine.raw_connection()
        try:
            raw.execute("BEGIN IMMEDIATE")
            try:
                repository.set_answer_raw(
                    raw, cid, form, slot, item_id, value, questionnaire_version
                )
                raw.execute("COMMIT")
            except BaseException:
                # SQLite may have rolled back already: a full disk does.
                if getattr(raw.driver_connection, "in_transaction", False):
                    raw.execute("ROLLBACK")
                raise
        except sqlcipher3.Error as exc:
            raise translated(exc) from exc
        finally:
            raw.close()

    def set_page(self, reference: str, page: str) -> None:
        with self.transaction() as conn:
            repository.set_page(conn, reference, page)

    def load_case(self, reference: str) -> Case:
        return self.load_case_and_page(reference)[0]

    def load_case_and_page(self, reference: str) -> tuple[Case, str]:
        with self.engine.connect() as conn:
            return repository.load_case(conn, reference)

    def list_cases(
        self, limit: int = 50, offset: int = 0, status: CaseStatus | None = None
    ) -> list[repository.CaseSummary]:
        with self.engine.connect() as conn:
            return repository.summaries(conn, limit=limit, offset=offset, status=status)

    def search(self, text: str, limit: int = 50) -> list[repository.CaseSummary]:
        with self.engine.connect() as conn:
            return repository.search(conn, text, limit=limit)

    def set_status(
        self, reference: str, to: CaseStatus, comment: str = "", *, sent_at: datetime | None = None
    ) -> None:
        with self.transaction() as conn:
            was = repository.move(conn, reference, to, self.actor, comment, sent_at=sent_at)
            audit.append(
                conn, self.actor, "status-changed", reference, f"{was.value} -> {to.value}"
            )

    def history(self, reference: str) -> list[dict[str, str]]:
        with self.engine.connect() as conn:
            return repository.history(conn, reference)

    def export_case(self, reference: str) -> dict[str, Any]:
        """Everything held about a case, for a subject access request."""
        case, page = self.load_case_and_page(reference)
        with self.transaction() as conn:
            audit.append(conn, self.actor, "case-exported", reference)
            entries = audit.entries_for(conn, reference)
            status_history = repository.history(conn, reference)
        return {
            "case": case.model_dump(mode="json"),
            "resume_page": page,
            "status_history": status_history,
            "audit": entries,
            "exported_at": datetime.now(UTC).isoformat(),
        }

    def erase_case(self, reference: str) -> None:
        with self.transaction() as conn:
            repository.remove(conn, reference)
            audit.append(conn, self.actor, "case-erased", reference)
        self._case_ids.pop(reference, None)
        self._vacuum()

    def purge(self, retention_days: int, *, now: datetime | None = None) -> list[str]:
        """Remove cases sent or approved, and bundles reviewed, over `retention_days` ago."""
        cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
        with self.transaction() as conn:
            gone = repository.sent_before(conn, cutoff)
            for reference in gone:
                repository.remove(conn, reference)
                self._case_ids.pop(reference, None)
                audit.append(
                    conn, self.actor, "case-purged", reference, f"retention {retention_days} days"
                )
            decided = reviews.reviews_decided_before(conn, cutoff)
            for review_id, reference in decided:
                reviews.remove_review(conn, review_id)
                audit.append(
                    conn,
                    self.actor,
                    "review-purged",
                    reference,
                    f"retention {retention_days} days",
                )
            gone += [reference for _id, reference in decided]
        if gone:
            self._vacuum()
        return gone

    def _vacuum(self) -> None:
        with self.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            raw.execute("VACUUM")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # --- keys, backups, audit ---------------------------------------------------------

    def change_passphrase(
        self,
        new: str,
        *,
        kdf: KdfParams | None = None,
        rekey: bool = False,
        recovery_public_key: Any = None,
        progress: Progress | None = None,
    ) -> Rekeyed | None:
        """Re-wrap the data key under `new` (quick; an old key file with the old passphrase
        still opens the database), or with `rekey`, give the database and every backup a new
        data key (rekey.py; crash-safe), so old key material opens none of them.
        `recovery_public_key` is IT's key, needed only for a store made before the app kept
        it beside the recovery copy."""
        if len(new) < MIN_PASSPHRASE:
            raise StoreError(f"Choose a passphrase of at least {MIN_PASSPHRASE} characters.")
        if not rekey:
            KeyFile.read(self.paths.keyfile).rewrap(self.data_key, new, kdf or calibrate())
            with self.transaction() as conn:
                audit.append(conn, self.actor, "passphrase-changed")
            return None
        params = kdf or calibrate()
        started = time.perf_counter()
        self.engine.dispose()  # the re-key needs the file to itself
        try:
            key, moved = rekey_store(
                self.paths, self.data_key, new, params, recovery_public_key, progress
            )
        except Interrupted:
            self._forget()  # which key opens the database is for the next unlock to settle
            raise
        self._forget()
        self._engine, self.data_key = make_engine(self.paths.db, key), key
        with self.transaction() as conn:
            detail = f"re-keyed {len(moved.rekeyed)}"
            audit.append(conn, self.actor, "passphrase-changed", detail=detail)
        log.info("store re-keyed: %d file(s)", len(moved.rekeyed))
        return Rekeyed(time.perf_counter() - started, moved)

    def full_check(self) -> list[str]:
        """Every page checked (seconds for a big store): the app calls it from a worker
        thread after unlock, and every backup runs it first. Problems are returned (and the
        next unlock checks in full, moving the database aside if they are still there)."""
        self.engine  # noqa: B018 - refused once locked
        return opening.full_check(self.paths, self.data_key)

    def backup(self) -> Path:
        """A verified backup, after the full check: a damaged database is never backed up,
        and the backups already kept are left as they are."""
        problems = self.full_check()
        if problems:
            raise StoreError(
                f"The database failed its full check ({problems[0]}), so no backup was taken "
                "and the backups already kept were left as they are. Lock the app: the next "
                "unlock moves the damaged database aside and offers the newest backup."
            )
        with self.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            target = backup.take_backup(raw, self.data_key, self.paths.backups)
        with self.transaction() as conn:
            audit.append(conn, self.actor, "backup-taken", detail=target.name)
        log.info("backup taken: %s", target.name)
        return target

    def verify_audit(self) -> audit.ChainReport:
        with self.engine.connect() as conn:
            return audit.verify_chain(conn)

    def integrity_problems(self) -> list[str]:
        """The full check (an older name for `full_check`)."""
        return self.full_check()
