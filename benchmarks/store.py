"""The encrypted store next to plain unencrypted sqlite3 with the same pragmas, same run.

1. One autosaved answer (upsert the answer, touch the case) in its own transaction:
   p50 and p95. Goal: p95 ≤ 1.5× plain and under 5 ms.
2. With 10,000 cases of 60 answers each: the case list's first page sorted by last change,
   and a search by family name. Goal: each under 50 ms.
3. Unlock (Argon2id key derivation, then opening and checking the database), on its own.
4. With the 10,000 cases: unlock after key derivation (open with the cheap check, then the
   first page of the list). Goal: ≤ 300 ms. And the full check, which runs off that path.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert

from rpc_desktop.app.paths import resources_dir
from rpc_desktop.domain.case import Form, ParentSlot
from rpc_desktop.domain.casefile import read_case
from rpc_desktop.store.engine import PRAGMAS
from rpc_desktop.store.keys import calibrate
from rpc_desktop.store.repository import answers, cases, display_name, search_terms, terms
from rpc_desktop.store.store import Store
from rpc_desktop.store.tables import case_plans

CASES, ANSWERS = 10_000, 60
SURNAMES = [
    "Okafor",
    "Łukasiewicz",
    "Smith",
    "Patel",
    "Nowak",
    "Hughes",
    "Khan",
    "Jones",
    "Williams",
    "Brown",
    "Taylor",
    "Davies",
    "Evans",
    "Thomas",
    "Roberts",
    "Walker",
]
PASSPHRASE = "benchmark passphrase"


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1]


def plain_db(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("PRAGMA journal_mode = WAL", *PRAGMAS):
        conn.execute(pragma)
    conn.executescript(
        "CREATE TABLE cases (id INTEGER PRIMARY KEY, reference TEXT UNIQUE, updated_at TEXT);"
        "CREATE TABLE answers (case_id INTEGER, form TEXT, slot TEXT, item_id TEXT, value TEXT,"
        " questionnaire_version TEXT, answered_at TEXT,"
        " PRIMARY KEY (case_id, form, slot, item_id));"
        "INSERT INTO cases (reference, updated_at) VALUES ('RPC-DEMO-0001', '2026');"
    )
    return conn


def plain_answer(conn: sqlite3.Connection, n: int) -> None:
    now = datetime.now(UTC).isoformat()
    conn.execute("BEGIN IMMEDIATE")
    cid = conn.execute("SELECT id FROM cases WHERE reference = 'RPC-DEMO-0001'").fetchone()[0]
    conn.execute(
        "INSERT INTO answers VALUES (?, 'rsq', 'a', ?, ?, '2026.1', ?) ON CONFLICT (case_id, form,"
        " slot, item_id) DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at",
        (cid, f"item-{n % 60}", json.dumps(n), now),
    )
    conn.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (now, cid))
    conn.execute("COMMIT")


def autosave(work: Path) -> None:
    store = Store.create(work / "ours", PASSPHRASE, kdf=calibrate(0.05))
    demo = read_case(resources_dir() / "demo" / "case.json")
    store.add_case(demo)
    plain = plain_db(work / "plain.db")
    ours_t, plain_t = [], []
    for n in range(400):
        t = time.perf_counter()
        store.set_answer(demo.reference, Form.RSQ, ParentSlot.A, f"item-{n % 60}", n, "2026.1")
        ours_t.append(time.perf_counter() - t)
        t = time.perf_counter()
        plain_answer(plain, n)
        plain_t.append(time.perf_counter() - t)
    ours_t, plain_t = ours_t[20:], plain_t[20:]
    p95o, p95p = pct(ours_t, 95) * 1000, pct(plain_t, 95) * 1000
    print(
        f"autosave one answer: ours p50 {pct(ours_t, 50) * 1000:.2f} ms p95 {p95o:.2f} ms; "
        f"plain sqlite3 p50 {pct(plain_t, 50) * 1000:.2f} ms p95 {p95p:.2f} ms; "
        f"p95 ratio {p95o / p95p:.2f} (goal ≤ 1.5 and < 5 ms: "
        f"{'met' if p95o / p95p <= 1.5 and p95o < 5 else 'NOT met'})"
    )
    store.close(backup=False)
    plain.close()


def big_store(work: Path) -> Store:
    store = Store.create(work / "big", PASSPHRASE, kdf=calibrate(0.05))
    demo = read_case(resources_dir() / "demo" / "case.json").model_copy(
        update={
            "signatures": [],
            "rsq_a": None,
            "rsq_b": None,
            "screening_a": None,
            "screening_b": None,
        }
    )
    rng = random.Random(7)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    t = time.perf_counter()
    with store.engine.begin() as conn:
        for batch in range(0, CASES, 1000):
            case_rows, answer_rows, term_rows = [], [], []
            for n in range(batch, batch + 1000):
                surname = f"{rng.choice(SURNAMES)}{n}"
                case = demo.model_copy(
                    update={
                        "reference": f"RPC-BENCH-{n:05d}",
                        "parent_a": demo.parent_a.model_copy(update={"name": f"Alex {surname}"}),
                        "parent_b": demo.parent_b.model_copy(update={"name": f"Sam {surname}"}),
                    }
                )
                when = start + timedelta(minutes=rng.randrange(600_000))
                case_rows.append(
                    {
                        "id": n + 1,
                        "reference": case.reference,
                        "scheme_id": case.scheme_id,
                        "status": "draft",
                        "display_name": display_name(case),
                        "page": "",
                        "body": case.model_dump_json(),
                        "created_at": when,
                        "updated_at": when,
                    }
                )
                answer_rows += [
                    {
                        "case_id": n + 1,
                        "form": "rsq",
                        "slot": "ab"[i % 2],
                        "item_id": f"item-{i}",
                        "value": json.dumps(i),
                        "questionnaire_version": "2026.1",
                        "answered_at": when,
                    }
                    for i in range(ANSWERS)
                ]
                term_rows += [{"case_id": n + 1, "term": term} for term in search_terms(case)]
            conn.execute(insert(cases), case_rows)
            conn.execute(insert(answers), answer_rows)
            conn.execute(insert(terms), term_rows)
            # Each draft's next action, as the app keeps it once worked out (a store from
            # before next actions works them out at its first unlock: after_sending.py).
            conn.execute(
                insert(case_plans),
                [
                    {"case_id": row["id"], "next_action": "Continue the referral", "figures": ""}
                    for row in case_rows
                ],
            )
    print(
        f"built {CASES:,} cases x {ANSWERS} answers in {time.perf_counter() - t:.1f} s "
        f"({(work / 'big' / 'store' / 'rpc.db').stat().st_size / 1e6:.0f} MB)"
    )
    return store


def queries(store: Store) -> None:
    def timed(fn, rounds: int = 30) -> list[float]:  # type: ignore[no-untyped-def]
        fn()
        out = []
        for _ in range(rounds):
            t = time.perf_counter()
            fn()
            out.append((time.perf_counter() - t) * 1000)
        return out

    first_page = timed(lambda: store.list_cases(limit=50))
    assert len(store.list_cases(limit=50)) == 50
    found = store.search("okafor12")
    searched = timed(lambda: store.search("okafor12"))
    for name, values in (
        ("case list, first page of 50", first_page),
        (f"search 'okafor12' ({len(found)} hits)", searched),
    ):
        p95 = pct(values, 95)
        print(
            f"{name}: p50 {pct(values, 50):.2f} ms p95 {p95:.2f} ms "
            f"(goal < 50 ms: {'met' if p95 < 50 else 'NOT met'})"
        )


def unlock(work: Path) -> None:
    home = work / "unlock"
    Store.create(home, PASSPHRASE).close(backup=False)
    t = time.perf_counter()
    store = Store.open(home, PASSPHRASE)
    print(
        f"unlock (Argon2id tuned to ~0.5 s, open, integrity check): "
        f"{(time.perf_counter() - t) * 1000:.0f} ms"
    )
    store.close(backup=False)


def unlock_big(store: Store) -> None:
    """Unlock after key derivation: open (the cheap check: the key decrypts the file and it
    has tables) and the first page of the case list. The full check reads every page: the
    app runs it after unlock in a worker, and every backup runs it first."""
    home = store.paths.home
    key = store.data_key
    store.close(backup=False)
    t = time.perf_counter()
    reopened = Store.open_with_key(home, key)
    first_page = reopened.list_cases(limit=50)
    opened = (time.perf_counter() - t) * 1000
    assert len(first_page) == 50
    print(
        f"open the 10,000-case store with its key and list the first 50 (cheap check; the full "
        f"check runs after unlock): {opened:.0f} ms "
        f"(goal ≤ 300 ms: {'met' if opened <= 300 else 'NOT met'})"
    )
    t = time.perf_counter()
    problems = reopened.full_check()
    print(
        f"full integrity check of the 10,000-case store (in a worker after unlock, and before "
        f"each backup): {(time.perf_counter() - t) * 1000:.0f} ms "
        f"({'no problems' if not problems else problems[0]})"
    )
    t = time.perf_counter()
    done = reopened.change_passphrase(PASSPHRASE[::-1], kdf=calibrate(0.05), rekey=True)
    assert done is not None
    print(
        f"re-key the 10,000-case store (passphrase change; no backups): "
        f"{time.perf_counter() - t:.1f} s ({len(done.moved.rekeyed)} file)"
    )
    reopened.close(backup=False)


if __name__ == "__main__":
    work = Path(tempfile.mkdtemp(prefix="rpc-store-bench-"))
    try:
        autosave(work)
        unlock(work)
        big = big_store(work)
        queries(big)
        unlock_big(big)
    finally:
        shutil.rmtree(work, ignore_errors=True)
