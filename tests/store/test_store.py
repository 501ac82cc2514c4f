"""The encrypted store: round trips, wrong passphrases, corruption, a full disk, plaintext."""

from __future__ import annotations

import hashlib
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rpc_desktop.domain.case import Case, Form, ParentSlot
from rpc_desktop.domain.status import CaseStatus
from rpc_desktop.errors import StoreCorrupt, StoreError, StoreFull, StoreLocked, WrongPassphrase
from rpc_desktop.store import migrate
from rpc_desktop.store.engine import make_engine
from rpc_desktop.store.keys import KeyFile
from rpc_desktop.store.layout import StorePaths
from rpc_desktop.store.store import Store, restore, unlock_delay
from tests.helpers import FAST_KDF, PASSPHRASE, ROOT, demo_case, varied

NAMES = [b"Okafor", "Łukasiewicz".encode(), b"Zofia", b"Larkspur"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_case_round_trip_with_answers_and_page(store: Store) -> None:
    case = demo_case()
    store.add_case(case, page="rsq-a-3")
    loaded, page = store.load_case_and_page(case.reference)
    assert loaded == case and page == "rsq-a-3"


def test_each_answer_is_saved_and_reloaded(store: Store) -> None:
    case = demo_case().model_copy(update={"rsq_b": None})
    store.add_case(case)
    store.set_answer(
        case.reference, Form.RSQ, ParentSlot.B, "conflict-how-often", "weekly", "2026.1"
    )
    store.set_answer(case.reference, Form.RSQ, ParentSlot.A, "rel-status", None, "2026.1")
    loaded = store.load_case(case.reference)
    assert loaded.rsq_b is not None
    assert loaded.rsq_b.answers == {"conflict-how-often": "weekly"}
    assert loaded.rsq_b.questionnaire_version == "2026.1"
    assert "rel-status" not in loaded.rsq_a.answers  # type: ignore[union-attr]


references = st.from_regex(r"RPC-[A-Z0-9]{4,10}", fullmatch=True)
names = st.text(min_size=0, max_size=40)
values = st.one_of(
    st.sampled_from(["yes", "no"]),
    st.integers(0, 10),
    names,
    st.lists(st.sampled_from(["a", "b", "c"]), max_size=3, unique=True),
)
answer_dicts = st.dictionaries(
    st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True), values, max_size=12
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    reference=references,
    a=names,
    b=names,
    rsq_a=answer_dicts,
    screening_b=answer_dicts,
    page=st.text(max_size=20),
)
def test_any_case_round_trips_equal(
    store: Store,
    reference: str,
    a: str,
    b: str,
    rsq_a: dict[str, object],
    screening_b: dict[str, object],
    page: str,
) -> None:
    base = demo_case()
    case = varied(base, reference=reference, **{"parent_a.name": a, "parent_b.name": b})
    case = case.model_copy(
        update={
            "rsq_a": base.rsq_a.model_copy(update={"answers": rsq_a}),  # type: ignore[union-attr]
            "screening_b": base.screening_b.model_copy(update={"answers": screening_b}),  # type: ignore[union-attr]
        }
    )
    case = Case.model_validate(case.model_dump(mode="json"))
    try:
        store.add_case(case, page=page)
    except StoreError:
        store.save_case(case, page=page)  # hypothesis reused a reference
    assert store.load_case_and_page(reference) == (case, page)


def test_search_by_name_prefix_and_reference(store: Store) -> None:
    store.add_case(demo_case())
    other = varied(
        demo_case(),
        reference="RPC-TEST-0002",
        **{
            "parent_a.name": "Ann Example",
            "parent_b.name": "Bo Example",
            "children": [],
            "focus_child_id": None,
        },
    )
    store.add_case(other)
    assert [s.reference for s in store.search("okaf")] == ["RPC-DEMO-0001"]
    assert [s.reference for s in store.search("LUKAS")] == ["RPC-DEMO-0001"]
    assert [s.reference for s in store.search("exam")] == ["RPC-TEST-0002"]
    assert [s.reference for s in store.search("rpc-test")] == ["RPC-TEST-0002"]
    assert store.search("zzz") == [] and store.search("  ") == []
    assert [s.reference for s in store.list_cases()] == ["RPC-TEST-0002", "RPC-DEMO-0001"]


def test_status_moves_are_checked_and_recorded(store: Store) -> None:
    ref = demo_case().reference
    store.add_case(demo_case())
    with pytest.raises(StoreError, match="cannot become sent"):
        store.set_status(ref, CaseStatus.SENT)
    store.set_status(ref, CaseStatus.READY_FOR_REVIEW)
    store.set_status(ref, CaseStatus.RETURNED, "Please add the school contact")
    store.set_status(ref, CaseStatus.READY_FOR_REVIEW)
    store.set_status(ref, CaseStatus.APPROVED)
    store.set_status(ref, CaseStatus.SENT)
    moves = [(h["from"], h["to"]) for h in store.history(ref)]
    assert moves[0] == ("draft", "ready-for-review") and moves[-1] == ("approved", "sent")
    assert store.history(ref)[1]["comment"] == "Please add the school contact"
    assert store.list_cases()[0].status is CaseStatus.SENT


def test_wrong_passphrase_never_makes_a_new_database(store: Store) -> None:
    store.add_case(demo_case())
    home = store.paths.home
    store.close(backup=False)
    before = sha(store.paths.db)
    clock = [1000.0]
    with pytest.raises(WrongPassphrase):
        Store.open(home, "not the passphrase", clock=lambda: clock[0])
    assert sha(store.paths.db) == before
    with pytest.raises(StoreLocked) as locked:
        Store.open(home, PASSPHRASE, clock=lambda: clock[0])
    assert locked.value.wait_seconds == pytest.approx(1.0)
    clock[0] += 1.5
    with pytest.raises(WrongPassphrase, match="Wait 2 seconds"):
        Store.open(home, "still wrong", clock=lambda: clock[0])
    clock[0] += 2.5
    reopened = Store.open(home, PASSPHRASE, clock=lambda: clock[0])
    assert len(reopened.list_cases()) == 1
    assert [unlock_delay(n) for n in range(5)] == [0, 1, 2, 4, 8] and unlock_delay(20) == 60


def test_missing_store_is_not_created_by_open(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        Store.open(tmp_path / "nothing", PASSPHRASE)
    assert not (tmp_path / "nothing" / "store" / "rpc.db").exists()


def test_create_refuses_an_existing_store_and_a_short_passphrase(
    store: Store, tmp_path: Path
) -> None:
    with pytest.raises(StoreError, match="already exists"):
        Store.create(store.paths.home, PASSPHRASE, kdf=FAST_KDF)
    with pytest.raises(StoreError, match="at least 8"):
        Store.create(tmp_path / "other", "short", kdf=FAST_KDF)


def test_change_passphrase_rewraps_the_key_not_the_database(store: Store) -> None:
    store.add_case(demo_case())
    store.close(backup=False)
    before = KeyFile.read(store.paths.keyfile).unlock(PASSPHRASE)
    reopened = Store.open(store.paths.home, PASSPHRASE)
    reopened.change_passphrase("a brand new passphrase", kdf=FAST_KDF)
    reopened.close(backup=False)
    assert KeyFile.read(store.paths.keyfile).unlock("a brand new passphrase") == before
    with pytest.raises(WrongPassphrase):
        Store.open(store.paths.home, PASSPHRASE)
    again = Store.open(store.paths.home, "a brand new passphrase", clock=lambda: 10**10)
    assert again.load_case(demo_case().reference) == demo_case()


def test_raw_files_hold_no_readable_names(store: Store) -> None:
    store.add_case(demo_case())
    for n in range(5):
        store.set_answer(
            "RPC-DEMO-0001",
            Form.RSQ,
            ParentSlot.A,
            f"note-{n}",
            "Okafor said Zofia Łukasiewicz",
            "2026.1",
        )
    files = [p for p in store.paths.folder.iterdir() if p.is_file()]
    assert any(p.name.endswith("-wal") for p in files), "the WAL is checked while open"
    store.close()
    files += list(store.paths.backups.iterdir())
    for path in files:
        if path.exists():
            raw = path.read_bytes()
            for name in NAMES:
                assert name not in raw, f"{name!r} readable in {path.name}"
    assert (store.paths.home.stat().st_mode & 0o077) == 0
    assert (store.paths.folder.stat().st_mode & 0o077) == 0


def test_flipped_byte_is_detected_file_kept_and_backup_offered(store: Store) -> None:
    store.add_case(demo_case())
    good_backup = store.backup()
    store.close(backup=False)
    db = store.paths.db
    data = bytearray(db.read_bytes())
    data[len(data) // 2] ^= 0x10
    db.write_bytes(bytes(data))
    flipped = sha(db)
    with pytest.raises(StoreCorrupt) as info:
        Store.open(store.paths.home, PASSPHRASE)
    moved = Path(info.value.moved_to) / "rpc.db"
    assert sha(moved) == flipped and not db.exists()
    assert info.value.backups[0] == str(good_backup)
    assert "restore" in str(info.value)
    assert store.data_key == b"", "a closed store forgets its key"
    data_key = KeyFile.read(store.paths.keyfile).unlock(PASSPHRASE)
    restore(store.paths.home, good_backup, data_key)
    recovered = Store.open(store.paths.home, PASSPHRASE)
    assert recovered.load_case("RPC-DEMO-0001") == demo_case()


def test_full_disk_gives_a_clear_error_and_keeps_earlier_answers(store: Store) -> None:
    case = demo_case()
    store.add_case(case)
    store.engine.dispose()
    with store.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    full = Store(
        store.paths,
        make_engine(
            store.paths.db, store.data_key, extra=(f"PRAGMA max_page_count = {pages + 2}",)
        ),
        store.data_key,
    )
    saved = []
    with pytest.raises(StoreFull, match="disk is full"):
        for n in range(10_000):
            full.set_answer(
                case.reference, Form.RSQ, ParentSlot.A, f"big-{n}", "x" * 3000, "2026.1"
            )
            saved.append(n)
    assert saved, "some answers fitted before the disk filled"
    full.engine.dispose()
    store.engine.dispose()
    reopened = Store.open(store.paths.home, PASSPHRASE)
    answers = reopened.load_case(case.reference).rsq_a.answers  # type: ignore[union-attr]
    assert all(answers[f"big-{n}"] == "x" * 3000 for n in saved)
    assert reopened.integrity_problems() == []


def test_backups_are_verified_and_only_the_newest_kept(store: Store) -> None:
    store.add_case(demo_case())
    made = [store.backup() for _ in range(7)]
    kept = sorted(store.paths.backups.glob("rpc-*.db"))
    assert len(kept) == 5 and kept[-1] == made[-1]


def test_retention_purge_removes_old_sent_cases_and_audits(store: Store) -> None:
    store.add_case(demo_case())
    keep = varied(demo_case(), reference="RPC-KEEP-0002")
    store.add_case(keep)
    for status in (CaseStatus.READY_FOR_REVIEW, CaseStatus.APPROVED, CaseStatus.SENT):
        store.set_status("RPC-DEMO-0001", status)
    assert store.purge(30, now=datetime.now(UTC) + timedelta(days=10)) == []
    assert store.purge(30, now=datetime.now(UTC) + timedelta(days=31)) == ["RPC-DEMO-0001"]
    assert [s.reference for s in store.list_cases()] == ["RPC-KEEP-0002"]
    assert store.verify_audit().intact
    with store.engine.connect() as conn:
        actions = [r[0] for r in conn.exec_driver_sql("SELECT action FROM audit_log")]
    assert "case-purged" in actions


def test_retention_purge_removes_old_approved_cases_too(store: Store) -> None:
    """The team lead sends an approved referral; the practitioner's copy then ages out."""
    store.add_case(demo_case())
    for status in (CaseStatus.READY_FOR_REVIEW, CaseStatus.APPROVED):
        store.set_status("RPC-DEMO-0001", status)
    assert store.purge(30, now=datetime.now(UTC) + timedelta(days=29)) == []
    assert store.purge(30, now=datetime.now(UTC) + timedelta(days=31)) == ["RPC-DEMO-0001"]


def test_export_and_erase_are_audited(store: Store) -> None:
    store.add_case(demo_case())
    store.set_status("RPC-DEMO-0001", CaseStatus.READY_FOR_REVIEW)
    exported = store.export_case("RPC-DEMO-0001")
    assert exported["case"]["parent_a"]["name"] == demo_case().parent_a.name
    assert [h["to"] for h in exported["status_history"]] == ["ready-for-review"]
    assert {e["action"] for e in exported["audit"]} >= {"case-created", "status-changed"}
    store.erase_case("RPC-DEMO-0001")
    with pytest.raises(StoreError, match="no case"):
        store.load_case("RPC-DEMO-0001")
    with store.engine.connect() as conn:
        actions = [r[0] for r in conn.exec_driver_sql("SELECT action FROM audit_log")]
        details = " ".join(r[0] for r in conn.exec_driver_sql("SELECT detail FROM audit_log"))
    assert actions[-1] == "case-erased" and "case-exported" in actions
    assert "Okafor" not in details


def test_audit_chain_reports_the_first_broken_link(store: Store) -> None:
    store.add_case(demo_case())
    store.set_status("RPC-DEMO-0001", CaseStatus.READY_FOR_REVIEW)
    store.set_status("RPC-DEMO-0001", CaseStatus.RETURNED)
    assert store.verify_audit().intact and store.verify_audit().entries == 4
    with store.engine.begin() as conn, pytest.raises(Exception, match="append-only"):
        conn.exec_driver_sql("UPDATE audit_log SET detail = 'x' WHERE id = 3")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")  # as someone with the key
        conn.exec_driver_sql("UPDATE audit_log SET detail = 'draft -> approved' WHERE id = 3")
    report = store.verify_audit()
    assert report.first_broken == 3 and "edited" in report.problem


def test_fixture_from_first_schema_upgrades_with_a_backup_first(tmp_path: Path) -> None:
    home = tmp_path / "old"
    shutil.copytree(ROOT / "tests" / "fixtures" / "store-v1", home)
    opened = Store.open(home, "fixture passphrase v1")
    assert migrate.current_revision(opened.engine) == migrate.head_revision() != "0001"
    assert len(list(StorePaths(home).backups.glob("rpc-*.db"))) == 1
    case, page = opened.load_case_and_page("RPC-DEMO-0001")
    assert case.parent_a.name == demo_case().parent_a.name and page == "rsq-a-2"
    with opened.engine.connect() as conn:
        indexes = [r[1] for r in conn.exec_driver_sql("PRAGMA index_list('audit_log')")]
    assert "ix_audit_log_case_ref" in indexes
    assert opened.verify_audit().intact


def test_saving_details_keeps_the_answers(store: Store) -> None:
    case = demo_case()
    store.add_case(case)
    store.set_answer(case.reference, Form.RSQ, ParentSlot.A, "late-answer", "yes", "2026.1")
    renamed = varied(case, **{"parent_b.name": "Dan Okafor"})
    store.save_details(renamed.model_copy(update={"rsq_a": None}), page="children")
    loaded, page = store.load_case_and_page(case.reference)
    assert loaded.parent_b.name == "Dan Okafor" and page == "children"
    assert loaded.rsq_a is not None and loaded.rsq_a.answers["late-answer"] == "yes"
    assert [s.reference for s in store.search("dan")] == [case.reference]


def test_a_store_from_a_newer_app_is_refused_untouched(tmp_path: Path) -> None:
    home = tmp_path / "data"
    store = Store.create(home, PASSPHRASE, kdf=FAST_KDF)
    with store.transaction() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    key = store.data_key
    store.close(backup=False)
    before = (home / "store" / "rpc.db").read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        Store.open_with_key(home, key)
    assert (home / "store" / "rpc.db").read_bytes() == before


def test_the_tables_declared_are_the_schema_the_migrations_make(store: Store) -> None:
    """store/tables.py is declared once and the queries use it; Alembic's own comparison
    finds nothing between it and the database the migrations built."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from rpc_desktop.store.tables import metadata

    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []
    assert set(metadata.tables) >= {"cases", "answers", "audit_log", "reviews"}


def test_the_wait_is_said_rightly_and_ends_when_it_says(tmp_path: Path) -> None:
    """Issue 15: after two wrong passphrases the right one was refused with "try again in 0
    seconds", and a wrong one said "Wait 1 seconds"."""
    home = tmp_path / "data"
    Store.create(home, PASSPHRASE, kdf=FAST_KDF).close(backup=False)
    clock = [1000.0]
    with pytest.raises(WrongPassphrase, match=r"Wait 1 second before trying again\.$"):
        Store.open(home, "wrong once", clock=lambda: clock[0])
    clock[0] += 1.0
    with pytest.raises(WrongPassphrase, match=r"Wait 2 seconds before trying again\.$"):
        Store.open(home, "wrong twice", clock=lambda: clock[0])
    clock[0] += 1.7  # 0.3 s of the 2 left
    with pytest.raises(StoreLocked, match=r"try again in 1 second\.$") as locked:
        Store.open(home, PASSPHRASE, clock=lambda: clock[0])
    clock[0] += locked.value.wait_seconds  # exactly when it said
    Store.open(home, PASSPHRASE, clock=lambda: clock[0]).close(backup=False)
