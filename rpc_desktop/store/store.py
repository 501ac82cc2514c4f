"""The encrypted local store: create, unlock, save every answer, back up, recover.

Layout under the data folder:
    store/rpc.db (+ -wal, -shm)   the SQLCipher database
    store/keyfile.json            the data key, wrapped (passphrase; IT recovery key)
    store/unlock-state.json       wrong-passphrase count, for the growing delay
(StorePaths, in layout.py, names them without importing the database layers.)
    store/corrupt-*/              a database that failed its check, moved aside untouched
    backups/rpc-*.db              encrypted backups (same data key), the newest few
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError

from rpc_desktop.domain.case import AnswerValue, Case, ParentSlot
from rpc_desktop.errors import (
    NoStore,
    StoreCorrupt,
    StoreError,
    StoreFull,
    StoreLocked,
    WrongPassphrase,
)
from rpc_desktop.store import audit, backup, migrate, repository, reviews
from rpc_desktop.store.engine import connect, integrity_problems, make_engine
from rpc_desktop.store.keys import (
    KdfParams,
    KeyFile,
    calibrate,
    new_data_key,
    wrap_for_recovery,
    wrap_with_passphrase,
)
from rpc_desktop.store.layout import DB_NAME, MIN_PASSPHRASE, StorePaths
from rpc_desktop.store.status import CaseStatus

MAX_DELAY_SECONDS = 60.0


def unlock_delay(failures: int) -> float:
    """Seconds to wait after `failures` wrong passphrases in a row: 0, 1, 2, 4 … 60."""
    return 0.0 if failures <= 0 else min(2.0 ** (failures - 1), MAX_DELAY_SECONDS)


@dataclass
class _Attempts:
    path: Path
    failures: int = 0
    last: float = 0.0

    @classmethod
    def read(cls, path: Path) -> _Attempts:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(path, int(data["failures"]), float(data["last"]))
        except (OSError, ValueError, KeyError, TypeError):
            return cls(path)

    def save(self) -> None:
        self.path.write_text(json.dumps({"failures": self.failures, "last": self.last}))


@dataclass
class Store:
    paths: StorePaths
    _engine: Engine | None
    data_key: bytes = field(repr=False)
    actor: str = ""
    _case_ids: dict[str, int] = field(default_factory=dict, repr=False)

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
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if os.name == "posix":
                folder.chmod(0o700)
        data_key = new_data_key()
        entries = [wrap_with_passphrase(data_key, passphrase, kdf or calibrate())]
        if recovery_public_key is not None:
            entries.append(wrap_for_recovery(data_key, recovery_public_key))
        KeyFile(paths.keyfile, entries).write()
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
        """Unlock with the passphrase. A wrong one never replaces or touches the database."""
        paths = StorePaths(home)
        if not paths.exists():
            raise NoStore(f"There is no store in {paths.folder} yet.")
        attempts = _Attempts.read(paths.unlock_state)
        wait = attempts.last + unlock_delay(attempts.failures) - clock()
        if wait > 0:
            raise StoreLocked(f"Too many wrong passphrases: try again in {wait:.0f} seconds.", wait)
        try:
            data_key = KeyFile.read(paths.keyfile).unlock(passphrase)
        except WrongPassphrase:
            attempts.failures += 1
            attempts.last = clock()
            attempts.save()
            delay = unlock_delay(attempts.failures)
            raise WrongPassphrase(
                f"That passphrase is not right. Wait {delay:.0f} seconds before trying again."
            ) from None
        if attempts.failures:
            attempts.failures = 0
            attempts.save()
        return cls.open_with_key(home, data_key, actor=actor)

    @classmethod
    def open_with_key(cls, home: Path, data_key: bytes, *, actor: str = "") -> Store:
        paths = StorePaths(home)
        if not paths.db.exists():
            raise NoStore(f"{paths.db} is missing. Restore a backup with `rpc-desktop restore`.")
        _check_or_move_aside(paths, data_key)
        store = cls(paths, make_engine(paths.db, data_key), data_key, actor)
        revision = migrate.current_revision(store.engine)
        if revision is not None and revision not in migrate.known_revisions():
            store.engine.dispose()
            raise StoreError(
                f"This store was upgraded by a newer version of the app (schema {revision}). "
                "Install that version again; this one would not understand the data. Nothing "
                "was changed."
            )
        if revision != migrate.head_revision():
            store.backup()  # a verified copy before the schema changes
            migrate.upgrade(store.engine)
            with store.transaction() as conn:
                audit.append(conn, actor, "store-migrated", detail=migrate.head_revision())
        return store

    def close(self, *, backup: bool = True) -> None:
        if self._engine is None:
            return
        if backup:
            self.backup()
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
        except OperationalError as exc:
            raise _translated(exc.orig) from exc

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
        form: str,
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
        except sqlcipher3.OperationalError as exc:
            raise _translated(exc) from exc
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

    def set_status(self, reference: str, to: CaseStatus, comment: str = "") -> None:
        with self.transaction() as conn:
            was = repository.move(conn, reference, to, self.actor, comment)
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
            entries = [
                {"at": r.at, "actor": r.actor, "action": r.action, "detail": r.detail}
                for r in conn.execute(
                    audit._table.select()
                    .where(audit._table.c.case_ref == reference)
                    .order_by(audit._table.c.id)
                )
            ]
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

    # --- review: versions sent (practitioner) ----------------------------------------------

    def next_version(self, reference: str) -> int:
        with self.engine.connect() as conn:
            return reviews.next_version(conn, reference)

    def record_sent(
        self, reference: str, version: int, file_sha256: str, fingerprint: str, data: bytes
    ) -> None:
        """Keep the sealed bundle as sent, and mark the case ready for review: together."""
        with self.transaction() as conn:
            reviews.add_version(conn, reference, version, file_sha256, fingerprint, data)
            was = repository.move(conn, reference, CaseStatus.READY_FOR_REVIEW, self.actor, "")
            audit.append(
                conn,
                self.actor,
                "bundle-sent",
                reference,
                f"version {version}; {was.value} -> {CaseStatus.READY_FOR_REVIEW.value}",
            )

    def sent_versions(self, reference: str) -> list[reviews.SentVersion]:
        with self.engine.connect() as conn:
            return reviews.sent_versions(conn, reference)

    def sent_bundle(self, reference: str, version: int) -> bytes:
        with self.engine.connect() as conn:
            return reviews.sent_bundle(conn, reference, version)

    def record_decision(
        self,
        reference: str,
        version: int,
        *,
        approved: bool,
        reviewer: str,
        comment: str,
        decided_at: datetime,
        note: bytes,
    ) -> None:
        """A team lead's review note, imported: the version's decision and the case's status."""
        to = CaseStatus.APPROVED if approved else CaseStatus.RETURNED
        with self.transaction() as conn:
            reviews.record_decision(
                conn,
                reference,
                version,
                decision=to.value,
                reviewer=reviewer,
                comment=comment,
                decided_at=decided_at,
                note=note,
            )
            repository.move(conn, reference, to, reviewer, comment)
            audit.append(
                conn, self.actor, "review-note-imported", reference, f"version {version}: {to}"
            )

    # --- review: bundles imported (team lead) ----------------------------------------------

    def add_review(
        self,
        *,
        reference: str,
        version: int,
        file_sha256: str,
        signer: str,
        scheme_id: str,
        info: dict[str, str],
        data: bytes,
    ) -> int:
        with self.transaction() as conn:
            review_id = reviews.add_review(
                conn,
                reference=reference,
                version=version,
                file_sha256=file_sha256,
                signer=signer,
                scheme_id=scheme_id,
                info=info,
                data=data,
            )
            audit.append(
                conn,
                self.actor,
                "bundle-imported",
                reference,
                f"version {version}; sealed by {signer}; sha256 {file_sha256}",
            )
        return review_id

    def list_reviews(self, status: str | None = None) -> list[reviews.ReviewSummary]:
        with self.engine.connect() as conn:
            return reviews.list_reviews(conn, status=status)

    def review_history(self, reference: str, signer: str) -> list[reviews.ReviewSummary]:
        with self.engine.connect() as conn:
            return reviews.review_history(conn, reference, signer)

    def get_review(self, review_id: int) -> reviews.ReviewSummary:
        with self.engine.connect() as conn:
            return reviews.get_review(conn, review_id)

    def review_bundle(self, review_id: int) -> bytes:
        with self.engine.connect() as conn:
            return reviews.review_bundle(conn, review_id)

    def decide_review(
        self, review_id: int, *, approved: bool, reviewer: str, comment: str, note: bytes
    ) -> None:
        status = CaseStatus.APPROVED.value if approved else CaseStatus.RETURNED.value
        with self.transaction() as conn:
            was = reviews.decide(
                conn, review_id, status=status, reviewer=reviewer, comment=comment, note=note
            )
            audit.append(
                conn,
                self.actor,
                f"bundle-{status}",
                was.reference,
                f"version {was.version}; sha256 {was.file_sha256}",
            )

    def record_event(self, action: str, case_ref: str = "", detail: str = "") -> None:
        """An audit entry for something refused or checked that changes no data."""
        with self.transaction() as conn:
            audit.append(conn, self.actor, action, case_ref, detail)

    # --- trusted keys ----------------------------------------------------------------------

    def trust_key(
        self, fingerprint: str, role: str, label: str = "", source: str = "first use"
    ) -> None:
        """Trust a practitioner's key (for bundles) or a team lead's (for review notes)."""
        with self.transaction() as conn:
            if reviews.trust(conn, fingerprint, role, label, source):
                audit.append(
                    conn, self.actor, "key-trusted", detail=f"{fingerprint} as {role} ({source})"
                )

    def untrust_key(self, fingerprint: str, role: str) -> None:
        with self.transaction() as conn:
            reviews.untrust(conn, fingerprint, role)
            audit.append(conn, self.actor, "key-untrusted", detail=f"{fingerprint} as {role}")

    def trusted_keys(self, role: str | None = None) -> list[reviews.TrustedKeyInfo]:
        with self.engine.connect() as conn:
            return reviews.trusted_keys(conn, role)

    def _vacuum(self) -> None:
        with self.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            raw.execute("VACUUM")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # --- keys, backups, audit ---------------------------------------------------------

    def change_passphrase(self, new: str, *, kdf: KdfParams | None = None) -> None:
        if len(new) < MIN_PASSPHRASE:
            raise StoreError(f"Choose a passphrase of at least {MIN_PASSPHRASE} characters.")
        KeyFile.read(self.paths.keyfile).rewrap(self.data_key, new, kdf or calibrate())
        with self.transaction() as conn:
            audit.append(conn, self.actor, "passphrase-changed")

    def backup(self) -> Path:
        with self.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            target = backup.take_backup(raw, self.data_key, self.paths.backups)
        with self.transaction() as conn:
            audit.append(conn, self.actor, "backup-taken", detail=target.name)
        return target

    def verify_audit(self) -> audit.ChainReport:
        with self.engine.connect() as conn:
            return audit.verify_chain(conn)

    def integrity_problems(self) -> list[str]:
        with self.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            return integrity_problems(raw)

    def count(self) -> int:
        with self.engine.connect() as conn:
            return repository.count(conn)


def _translated(exc: BaseException | None) -> StoreError:
    if "full" in str(exc).lower():
        return StoreFull(
            "The disk is full, so the last change was not saved. Everything saved before it "
            "is safe. Free some space and try again."
        )
    return StoreError(f"The store could not save: {exc}")


def _check_or_move_aside(paths: StorePaths, data_key: bytes) -> None:
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
    aside = _move_aside(paths, "corrupt")
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


def _move_aside(paths: StorePaths, why: str) -> Path:
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
        _move_aside(paths, "replaced")
    partial = paths.db.with_suffix(".restoring")
    shutil.copyfile(source, partial)
    partial.replace(paths.db)
