"""Kill the saving process at random moments: every answer it reported must be there.

A child process saves answers one at a time and reports each only after its commit
returned. The parent kills it with SIGKILL at a random moment, then opens the store
and checks the integrity of the file and the presence of every reported answer.
"""

from __future__ import annotations

import os
import random
import select
import signal
import time
from pathlib import Path

import pytest

from rpc_desktop.domain.case import Form, ParentSlot
from rpc_desktop.store.store import Store
from tests.helpers import FAST_KDF, PASSPHRASE, demo_case

KILLS = 60
REF = "RPC-DEMO-0001"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _child(home: Path, key: bytes, round_no: int, write_fd: int) -> None:
    try:
        store = Store.open_with_key(home, key)
        for n in range(100_000):
            item = f"kill-{round_no}-{n}"
            store.set_answer(REF, Form.RSQ, ParentSlot.B, item, n, "2026.1")
            os.write(write_fd, f"{item}\n".encode())
    finally:
        os._exit(0)


def _read_available(fd: int, buffer: bytearray) -> None:
    while select.select([fd], [], [], 0)[0]:
        chunk = os.read(fd, 65536)
        if not chunk:
            return
        buffer += chunk


@pytest.mark.slow
def test_sigkill_never_loses_a_reported_answer(tmp_path: Path) -> None:
    home = tmp_path / "data"
    store = Store.create(home, PASSPHRASE, kdf=FAST_KDF)
    store.add_case(demo_case().model_copy(update={"rsq_b": None}))
    key = store.data_key
    store.engine.dispose()
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    reported: set[str] = set()
    for round_no in range(KILLS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read_fd)
            _child(home, key, round_no, write_fd)
        os.close(write_fd)
        buffer = bytearray()
        deadline = time.monotonic() + rng.uniform(0.0, 0.25)
        while time.monotonic() < deadline:
            _read_available(read_fd, buffer)
            time.sleep(0.001)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        _read_available(read_fd, buffer)
        os.close(read_fd)
        reported |= {line for line in buffer.decode().splitlines() if line}

        after = Store.open_with_key(home, key)  # runs the integrity check; raises if bad
        assert after.integrity_problems() == [], f"seed {seed}, round {round_no}"
        saved = after.load_case(REF).rsq_b
        answers = saved.answers if saved else {}
        missing = reported - set(answers)
        assert not missing, f"seed {seed}, round {round_no}: lost {sorted(missing)[:5]}"
        after.engine.dispose()
    assert len(reported) > KILLS, f"seed {seed}: the child saved too little to test anything"
