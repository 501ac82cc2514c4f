"""The desktop window next to a bare six-page QWizard, same run.

1. Start to the first painted window, in fresh processes: ours (the app's start path as in
   gui/app.py, with a store present, so the unlock screen) against a bare QWizard of six
   form pages. Parent clock from spawn to the child's "shown" line, 7 runs each, interleaved.
   Goal: ratio ≤ 2.0. The same children report their resident memory once idle (~300 ms
   after showing). Goal: ratio ≤ 2.0.
2. Unlock to a case list of 10,000 cases (60 answers each), in-process: the passphrase,
   the worker thread, the store opening with its integrity check, then the list filled.
   No bare baseline. The key derivation on its own is shown beside it; once with a fast
   KDF (the benchmark store) and once with the real default (~0.5 s Argon2id, a few cases).
3. The slowest page turn through the demo case's wizard (next(), then the event loop turn
   that paints it) against the bare six-page QWizard. Goal: our slowest under 50 ms. And
   opening the demo case from the case list (first, and again after going back to the
   list, as a practitioner does). Goal: ≤ 200 ms. Both with the app's look as the app sets it
   (gui/app.py: its style, then the user's display settings), once on a desktop and once
   in touch mode (the tablet's look: 44 px targets, 12 pt text).
"""

from __future__ import annotations

import faulthandler
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A crash says where, in Python, it happened (one run of this benchmark in ~20 stopped
# silently in libshiboken6 6.11; the app's own log does the same: app/logs.py).
faulthandler.enable()
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gui_children import BARE_CHILD, OURS_CHILD, bare_wizard, spawn  # noqa: E402
from PySide6.QtWidgets import QApplication, QWizard  # noqa: E402
from store import PASSPHRASE, big_store  # noqa: E402

from rpc_desktop.app.context import AppContext  # noqa: E402
from rpc_desktop.app.paths import resources_dir  # noqa: E402
from rpc_desktop.app.settings import DisplayMode, TextSize  # noqa: E402
from rpc_desktop.domain.casefile import read_case  # noqa: E402
from rpc_desktop.gui import display  # noqa: E402
from rpc_desktop.gui.app import apply_user_display, make_application  # noqa: E402
from rpc_desktop.gui.main_window import MainWindow  # noqa: E402
from rpc_desktop.store.keys import KeyFile, calibrate  # noqa: E402
from rpc_desktop.store.layout import StorePaths  # noqa: E402
from rpc_desktop.store.store import Store  # noqa: E402

if TYPE_CHECKING:  # imported by the unlock path, not before it is timed
    from rpc_desktop.gui.wizard.wizard import ReferralWizard

START_RUNS = 7
PASSES = 3
DEMO_REFERENCE = "RPC-DEMO-0001"


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def start_and_memory(work: Path) -> None:
    home = work / "start-home"
    Store.create(home, PASSPHRASE, kdf=calibrate(0.05)).close(backup=False)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RPC_DESKTOP_HOME": str(home)}
    # The warm-up writes the .pyc files an install has (a wheel's or the PyInstaller build's
    # compiled modules); an environment that forbids writing them would time compiling
    # every changed module on every start instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    errors = work / "child-stderr.txt"
    spawn(OURS_CHILD, env, errors)  # warm-up: disk cache and .pyc files
    spawn(BARE_CHILD, env, errors)
    ours_t: list[float] = []
    bare_t: list[float] = []
    ours_m: list[int] = []
    bare_m: list[int] = []
    for _ in range(START_RUNS):
        elapsed, rss, screen = spawn(OURS_CHILD, env, errors)
        if screen != "unlock":
            raise RuntimeError(f"ours showed {screen!r}, not the unlock screen")
        ours_t.append(elapsed)
        ours_m.append(rss)
        elapsed, rss, _ = spawn(BARE_CHILD, env, errors)
        bare_t.append(elapsed)
        bare_m.append(rss)
    mo, mb = statistics.median(ours_t), statistics.median(bare_t)
    print(
        f"start to first painted window ({START_RUNS} fresh processes each, interleaved): "
        f"ours (unlock screen) {mo * 1000:.0f} ms, bare six-page QWizard {mb * 1000:.0f} ms, "
        f"ratio {mo / mb:.2f} (goal ≤ 2.0: {verdict(mo / mb <= 2.0)})"
    )
    ro, rb = statistics.median(ours_m) / 1024, statistics.median(bare_m) / 1024
    print(
        f"idle resident memory (VmRSS ~300 ms after showing): ours {ro:.1f} MiB, "
        f"bare {rb:.1f} MiB, ratio {ro / rb:.2f} (goal ≤ 2.0: {verdict(ro / rb <= 2.0)})"
    )


# --- 2. unlock to the case list --------------------------------------------------------


def spin_until(done: Callable[[], bool], timeout: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not get there in time")
        QApplication.processEvents()
        time.sleep(0.0005)  # let the worker thread have the GIL


def use_home(home: Path) -> None:
    """Settings (last open case, profile) live in RPC_DESKTOP_HOME: keep each run's apart."""
    os.environ["RPC_DESKTOP_HOME"] = str(home)


def unlock_window(home: Path) -> tuple[MainWindow, float]:
    """A shown window on the unlock screen; seconds from the passphrase to a filled list."""
    use_home(home)
    window = MainWindow(AppContext.load(home=home))
    window.show()
    QApplication.processEvents()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_user_display(app, window.context)  # as gui/app.py does once the window has painted
    assert window.stack.currentWidget() is window.unlock
    t = time.perf_counter()
    window.open_store(PASSPHRASE)
    spin_until(
        lambda: window.stack.currentWidget() is window.cases and window.cases.ui.table.rowCount()
    )
    QApplication.processEvents()  # the list's paint
    return window, time.perf_counter() - t


def kdf_alone(home: Path) -> float:
    t = time.perf_counter()
    KeyFile.read(StorePaths(home).keyfile).unlock(PASSPHRASE)
    return time.perf_counter() - t


def dispose(window: MainWindow) -> None:
    window.lock(hide=False)  # closes the store without a backup
    app = QApplication.instance()
    assert app is not None
    app.removeEventFilter(window.idle)  # app-wide: not for the next window
    window.close()
    window.deleteLater()
    QApplication.processEvents()


def cold_store_import() -> float:
    """The store layers' import in a fresh process (this process has them loaded already)."""
    code = (
        "import time\nfrom PySide6.QtWidgets import QApplication\nt = time.perf_counter()\n"
        "import rpc_desktop.store.store\nprint(time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


def unlock_to_list(work: Path) -> None:
    big = big_store(work)
    home = big.paths.home
    big.close(backup=False)
    window, elapsed = unlock_window(home)
    rows = window.cases.ui.table.rowCount()
    dispose(window)
    kdf = kdf_alone(home)
    print(
        f"unlock to the case list, 10,000 cases (fast KDF, calibrate(0.05)): "
        f"{elapsed * 1000:.0f} ms to {rows} rows shown, of which key derivation alone "
        f"{kdf * 1000:.0f} ms (no bare baseline for this)"
    )

    small = work / "default-kdf"
    store = Store.create(small, PASSPHRASE)  # the real default: calibrated to ~0.5 s
    demo = read_case(resources_dir() / "demo" / "case.json")
    for n in range(1, 6):
        store.add_case(demo.model_copy(update={"reference": f"RPC-DEMO-{n:04d}"}))
    store.close(backup=False)
    window, elapsed = unlock_window(small)
    rows = window.cases.ui.table.rowCount()
    dispose(window)
    kdf = kdf_alone(small)
    print(
        f"unlock to the case list, {rows} cases (real default KDF, Argon2id ~0.5 s): "
        f"{elapsed * 1000:.0f} ms, of which key derivation alone {kdf * 1000:.0f} ms "
        f"(no bare baseline for this)"
    )
    print(
        f"  (in-process: the store layers were already imported; a fresh process pays "
        f"another {cold_store_import() * 1000:.0f} ms importing rpc_desktop.store.store)"
    )


# --- 3. wizard page turns ----------------------------------------------------------------


READING_PAUSE_S = 0.3
"""A person reads a page before turning it; the app uses that time to lay out the next
page, so the benchmark waits as long (event loop running) before each timed turn, for
ours and the bare wizard alike."""


LIST_PAUSE_S = 1.0
"""Finding the case again in the case list (the closed case is taken down meanwhile)."""


def read_pause(seconds: float = READING_PAUSE_S) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def turn_pages(wizard: QWizard, step: Callable[[], str]) -> list[tuple[str, float]]:
    """A reading pause, then next() and one event loop turn (the paint), to the last page."""
    turns: list[tuple[str, float]] = []
    while wizard.nextId() != -1:
        read_pause()
        before = wizard.currentId()
        t = time.perf_counter()
        wizard.next()
        QApplication.processEvents()
        elapsed = time.perf_counter() - t
        if wizard.currentId() == before:
            raise RuntimeError(f"the page after {step()} did not open")
        turns.append((step(), elapsed))
        if len(turns) > 200:
            raise RuntimeError("the wizard never reached its last page")
    return turns


def step_id(wizard: ReferralWizard) -> str:
    return wizard.current_step().id


def page_turns(work: Path, mode: DisplayMode) -> None:
    home = work / f"demo-home-{mode.value}"
    store = Store.create(home, PASSPHRASE, kdf=calibrate(0.05))
    store.add_case(read_case(resources_dir() / "demo" / "case.json"), page="scheme")
    store.close(backup=False)
    window, _ = unlock_window(home)  # loads the packs and the wizard module, as the app does
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    touch = display.apply_display(app, mode, TextSize.NORMAL)
    look = "touch mode" if touch else "desktop"

    opens: list[float] = []
    ours: list[tuple[int, str, float]] = []
    for n in range(1, PASSES + 1):
        if n > 1:  # back to the list, as a practitioner does, and the case chosen again
            window.show_list()
            read_pause(LIST_PAUSE_S)
        t = time.perf_counter()
        window.open_case(DEMO_REFERENCE, "scheme")
        QApplication.processEvents()
        opens.append(time.perf_counter() - t)
        assert window.host is not None
        wizard = window.host.wizard
        ours += [(n, s, dt) for s, dt in turn_pages(wizard, partial(step_id, wizard))]
    dispose(window)
    display.apply_display(app, DisplayMode.OFF, TextSize.NORMAL)

    bare = bare_wizard()
    bare.show()
    QApplication.processEvents()
    base: list[tuple[int, str, float]] = []
    for n in range(1, PASSES + 1):
        bare.restart()
        QApplication.processEvents()
        base += [(n, s, dt) for s, dt in turn_pages(bare, lambda: f"page {bare.currentId() + 1}")]
    bare.close()

    again = statistics.median(opens[1:])
    print(
        f"[{look}] open the demo case (open_case + paint): first {opens[0] * 1000:.0f} ms, "
        f"again {again * 1000:.0f} ms (goal ≤ 200 ms: {verdict(max(opens[0], again) <= 0.2)})"
    )
    slow_o, slow_b = max(ours, key=lambda r: r[2]), max(base, key=lambda r: r[2])
    first = [r for r in ours if r[0] == 1]
    slow_first = max(first, key=lambda r: r[2])
    slow_later = max((r for r in ours if r[0] > 1), key=lambda r: r[2])
    med_o = statistics.median(r[2] for r in ours) * 1000
    med_b = statistics.median(r[2] for r in base) * 1000
    print(
        f"[{look}] wizard page turn, ours ({len(first)} turns a pass, {PASSES} passes through "
        f"the demo case): median {med_o:.1f} ms, slowest {slow_o[2] * 1000:.1f} ms "
        f"(to '{slow_o[1]}', pass {slow_o[0]}); first pass slowest {slow_first[2] * 1000:.1f} ms "
        f"(to '{slow_first[1]}'), later passes slowest {slow_later[2] * 1000:.1f} ms "
        f"(to '{slow_later[1]}')"
    )
    print(
        f"[{look}] wizard page turn, bare six-page QWizard ({PASSES} passes): "
        f"median {med_b:.1f} ms, slowest {slow_b[2] * 1000:.1f} ms; our slowest / bare slowest "
        f"{slow_o[2] / slow_b[2]:.1f}× (goal: our slowest < 50 ms: {verdict(slow_o[2] < 0.05)})"
    )
    top = sorted(first, key=lambda r: -r[2])[:5]
    print(
        "  slowest turns, first pass: " + ", ".join(f"{s} {dt * 1000:.1f} ms" for _, s, dt in top)
    )


if __name__ == "__main__":
    began = time.perf_counter()
    make_application()  # the app's name and style, as gui/app.py gives them
    work = Path(tempfile.mkdtemp(prefix="rpc-gui-bench-"))
    saved_home = os.environ.get("RPC_DESKTOP_HOME")
    try:
        start_and_memory(work)
        unlock_to_list(work)
        page_turns(work, DisplayMode.OFF)
        page_turns(work, DisplayMode.ON)
    finally:
        if saved_home is None:
            os.environ.pop("RPC_DESKTOP_HOME", None)
        else:
            os.environ["RPC_DESKTOP_HOME"] = saved_home
        shutil.rmtree(work, ignore_errors=True)
    print(f"(whole run {time.perf_counter() - began:.0f} s)")
