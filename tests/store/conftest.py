from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rpc_desktop.store.store import Store
from tests.helpers import FAST_KDF, PASSPHRASE


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.create(tmp_path / "data", PASSPHRASE, kdf=FAST_KDF, actor="Priya Tester")
    yield opened
    opened.close(backup=False)
