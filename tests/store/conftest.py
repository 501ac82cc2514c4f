from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rpc_desktop.store.keys import KdfParams
from rpc_desktop.store.store import Store

# The real Argon2id with small parameters: the same code path, a fraction of the time.
FAST_KDF = KdfParams(iterations=2, memory_kib=8 * 1024, lanes=1)
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.create(tmp_path / "data", PASSPHRASE, kdf=FAST_KDF, actor="Priya Tester")
    yield opened
    opened.close(backup=False)
