"""Shared builders for tests: the demo family, and variations of it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from rpc_desktop.app.context import AppContext
from rpc_desktop.domain.case import Case
from rpc_desktop.domain.packs import Packs, load_packs
from rpc_desktop.store.keys import KdfParams

if TYPE_CHECKING:
    from rpc_desktop.documents.device import Device
    from rpc_desktop.store.store import Store

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "rpc_desktop" / "resources"
DEMO_CASE = RESOURCES / "demo" / "case.json"

FAST_KDF = KdfParams(iterations=2, memory_kib=8 * 1024, lanes=1)
"""The real Argon2id with small parameters: the same code path, a fraction of the time.
Stores made directly take it as `kdf=`; the app takes it through its context
(conftest.py's `context` fixture)."""
PASSPHRASE = "correct horse battery staple"


@cache
def packs() -> Packs:
    loaded = load_packs(RESOURCES)
    assert not loaded.errors, loaded.errors
    return loaded


def fast_context(home: Path) -> AppContext:
    """The app's context for a data folder, with IT's configuration as the environment
    gives it and FAST_KDF for new passphrases."""
    return AppContext.load(home=home, kdf=lambda: FAST_KDF)


def make_store(home: Path, passphrase: str = PASSPHRASE) -> None:
    """An encrypted store at `home`, made as `rpc-desktop init` does (with FAST_KDF), locked."""
    from rpc_desktop.app.workspace import Workspace

    Workspace.create(fast_context(home), passphrase, actor="test").close(backup=False)


def device_of(store: Store) -> Device:
    """The device keys the app keeps in this open store (made there the first time)."""
    from rpc_desktop.app.device import load_device

    return load_device(fast_context(store.paths.home), store)


def home_device(home: Path, passphrase: str = PASSPHRASE) -> Device:
    """The device keys kept in the store at `home`, unlocked as the app does."""
    from rpc_desktop.app.workspace import Workspace

    workspace = Workspace.open(fast_context(home), passphrase)
    try:
        return workspace.device
    finally:
        workspace.close(backup=False)


def demo_case() -> Case:
    return Case.model_validate_json(DEMO_CASE.read_text(encoding="utf-8"))


def varied(case: Case, **changes: Any) -> Case:
    """A validated copy with dotted-path changes: varied(c, **{"address.town": "Leeds"})."""
    data = case.model_dump(mode="json")
    for path, value in changes.items():
        node = data
        keys = path.split(".")
        for key in keys[:-1]:
            node = node[int(key)] if isinstance(node, list) else node[key]
        last = keys[-1]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
    return Case.model_validate(data)


def iso(d: date) -> str:
    return d.isoformat()


RUN_AS_NOBODY = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv to run the app as another user",
)


def as_nobody(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Python `code` run as the user `nobody`, as an ordinary user meets IT's files (with
    RUN_AS_NOBODY); skipped when nobody cannot run this checkout's Python at all."""
    done = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", code],
        cwd="/",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if "ModuleNotFoundError" in done.stderr or "Permission denied: '" in done.stderr:
        pytest.skip(f"nobody cannot run this checkout's Python: {done.stderr[-200:]}")
    return done
