"""Kill a passphrase change with a re-key at random moments: the store must always open with
the old or the new passphrase, with every case, an intact audit chain, and no file left that
an older key opens.

Each round a child process unlocks the store and changes the passphrase with a full re-key
(`Store.change_passphrase(rekey=True)`: the key file with the new key pending, the database,
each backup, the key file's commit), writing a marker to a pipe as it enters each step. The
parent kills it with SIGKILL, most rounds at a random moment across the whole operation (its
length measured first), some just as a key-file rewrite begins. Then the parent unlocks with
one passphrase or the other, picked at random (so both settle an interrupted re-key: the old
one undoes it, the new one finishes it), and checks everything.
"""

from __future__ import annotations

import itertools
import os
import random
import select
import signal
import statistics
import time
from collections import Counter
from pathlib import Path

import pytest
import sqlcipher3

from rpc_desktop.domain.case import Case, Form, ParentSlot
from rpc_desktop.errors import WrongPassphrase
from rpc_desktop.store.engine import raw_key_pragma
from rpc_desktop.store.keys import KeyFile
from rpc_desktop.store.layout import StorePaths
from rpc_desktop.store.store import Store
from tests.helpers import FAST_KDF, demo_case, varied

RANDOM_KILLS = 44
TARGETED_KILLS = {"key file: new key pending": 8, "key file: commit": 8, "file rpc.db": 4}
"""Kills a random 0-3 ms after a step begins: each key-file rewrite, and the database's
`PRAGMA rekey` (which leaves a hot journal)."""
CASES = 24
PASSPHRASES = ("first passphrase of two", "second passphrase of two")

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")

_ticks = itertools.count(10**9, 1000)


def tick() -> float:
    """A clock that moves 1000 s a call: a wrong try in a check never waits."""
    return float(next(_ticks))


def _child(home: Path, typed: str, new: str, now: float, write_fd: int) -> None:
    def mark(what: str) -> None:
        os.write(write_fd, f"{time.monotonic():.6f} {what}\n".encode())

    try:
        mark("unlock")
        store = Store.open(home, typed, clock=lambda: now)
        mark("re-key begins")
        store.change_passphrase(new, kdf=FAST_KDF, rekey=True, progress=mark)
        mark("done")
        store.close(backup=False)
        mark("closed")
    finally:
        os._exit(0)


def _read(fd: int, buffer: bytearray, timeout: float = 0.0) -> None:
    while select.select([fd], [], [], timeout)[0]:
        chunk = os.read(fd, 65536)
        if not chunk:
            return
        buffer += chunk
        timeout = 0.0


def _markers(buffer: bytearray) -> list[tuple[float, str]]:
    out = []
    for line in buffer.decode().splitlines():
        stamp, _, what = line.partition(" ")
        out.append((float(stamp), what))
    return out


def _phase(what: str) -> str:
    if what.startswith("file rpc.db"):
        return "re-keying the database"
    if what.startswith("file "):
        return "re-keying a backup"
    return {
        "unlock": "unlocking (Argon2id, throttle)",
        "re-key begins": "making the new key (Argon2id)",
        "key file: new key pending": "writing the key file (pending)",
        "key file: commit": "writing the key file (commit)",
        "done": "after the commit (audit, close)",
        "closed": "finished",
    }.get(what, what)


Kill = tuple[str, float, str]
"""("at", seconds after the fork, ""), ("after", a few seconds more, a marker), or ("end"…)."""


def _run(home: Path, typed: str, new: str, kill: Kill) -> list[tuple[float, str]]:
    """One child, killed at a moment, or a random few milliseconds after a marker."""
    read_fd, write_fd = os.pipe()
    now = tick()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_fd)
        _child(home, typed, new, now, write_fd)
    os.close(write_fd)
    buffer = bytearray()
    how, value, target = kill
    if how == "at":
        while time.monotonic() < started + value:
            _read(read_fd, buffer, min(0.002, max(0.0, started + value - time.monotonic())))
    elif how == "after":
        deadline = time.monotonic() + 10
        while target.encode() not in buffer and time.monotonic() < deadline:
            _read(read_fd, buffer, 0.0005)
        time.sleep(value)
    else:  # run to the end
        while b"closed" not in buffer and time.monotonic() < started + 30:
            _read(read_fd, buffer, 0.01)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    _read(read_fd, buffer)
    os.close(read_fd)
    return [(stamp - started, what) for stamp, what in _markers(buffer)]


def _opens(path: Path, key: bytes) -> bool:
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        conn.execute(raw_key_pragma(key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def _files(home: Path) -> list[Path]:
    paths = StorePaths(home)
    return [paths.db, *sorted(paths.backups.glob("rpc-*.db"))]


def _make(home: Path) -> tuple[dict[str, Case], bytes]:
    store = Store.create(home, PASSPHRASES[0], kdf=FAST_KDF, actor="Kill Tester")
    cases = {}
    for n in range(CASES):
        case = varied(demo_case(), reference=f"RPC-KILL-{n:04d}")
        store.add_case(case)
        store.set_answer(case.reference, Form.RSQ, ParentSlot.A, "kill-note", f"n{n}", "2026.1")
        cases[case.reference] = store.load_case(case.reference)
        if n % 8 == 7:
            store.backup()
    key = store.data_key
    store.close(backup=False)
    return cases, key


@pytest.mark.slow
def test_sigkill_during_a_rekey_never_locks_away_a_case(tmp_path: Path) -> None:
    home = tmp_path / "data"
    cases, first_key = _make(home)
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    current, keys_seen = 0, [first_key]

    def check(round_no: int, markers: list[tuple[float, str]]) -> None:
        """Unlock with one passphrase or the other; everything must be there."""
        nonlocal current
        old, new = PASSPHRASES[current], PASSPHRASES[1 - current]
        pending = KeyFile.read(StorePaths(home).keyfile).pending is not None
        committed = any(what == "done" for _, what in markers)
        order = [old, new] if rng.random() < 0.5 else [new, old]
        opened = None
        for typed in order:
            try:
                opened = Store.open(home, typed, clock=tick)
                break
            except WrongPassphrase:
                assert not pending, f"seed {seed}, round {round_no}: {typed!r} refused mid-way"
        assert opened is not None, f"seed {seed}, round {round_no}: neither passphrase opens"
        where = f"seed {seed}, round {round_no}, last marker {markers[-1:]}"
        if committed:
            assert typed == new, f"{where}: the change was reported done, yet not kept"
        current = PASSPHRASES.index(typed)
        assert KeyFile.read(StorePaths(home).keyfile).pending is None, where
        for reference, case in cases.items():
            assert opened.load_case(reference) == case, f"{where}: {reference} differs"
        assert opened.verify_audit().intact, where
        assert opened.full_check() == [], where
        key = opened.data_key
        if key not in keys_seen:
            keys_seen.append(key)
        for path in _files(home):
            assert _opens(path, key), f"{where}: {path.name} does not open with the key"
            older = [k for k in keys_seen if k != key]
            assert not any(_opens(path, k) for k in older), f"{where}: an old key opens {path}"
        if round_no % 15 == 14:
            opened.backup()  # the set of backups changes as the rounds go on
        opened.close(backup=False)

    # How long the whole operation takes, uninterrupted (three runs).
    lengths = []
    for round_no in range(3):
        markers = _run(home, PASSPHRASES[current], PASSPHRASES[1 - current], ("end", 0.0, ""))
        assert markers[-1][1] == "closed", markers
        lengths.append(markers[-1][0])
        check(-1 - round_no, markers)
    length = statistics.median(lengths)

    plan: list[Kill] = [("at", rng.uniform(0.0, length * 1.05), "") for _ in range(RANDOM_KILLS)]
    for target, kills in TARGETED_KILLS.items():
        plan += [("after", rng.uniform(0.0, 0.003), target) for _ in range(kills)]
    rng.shuffle(plan)

    phases: Counter[str] = Counter()
    hot_journals = 0
    for round_no, kill in enumerate(plan):
        markers = _run(home, PASSPHRASES[current], PASSPHRASES[1 - current], kill)
        phases[_phase(markers[-1][1]) if markers else "starting"] += 1
        hot_journals += any(Path(f"{path}-journal").exists() for path in _files(home))
        check(round_no, markers)

    print(
        f"\nre-key kill test (seed {seed}): {len(plan)} SIGKILLs over an operation of "
        f"{length * 1000:.0f} ms, every case and the audit chain intact after each; "
        f"{len(keys_seen)} data keys used, no file opens with an older one; {hot_journals} "
        "kills left a hot journal. Killed while: "
        + "; ".join(f"{phase} {n}" for phase, n in sorted(phases.items()))
    )
    assert len(plan) >= 50
    for phase in (
        "writing the key file (pending)",
        "re-keying the database",
        "re-keying a backup",
        "writing the key file (commit)",
    ):
        assert phases[phase], f"seed {seed}: no kill while {phase}: {dict(phases)}"
