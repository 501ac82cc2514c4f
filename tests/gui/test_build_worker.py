"""The review page's bundle build runs in the thread pool; the GUI thread keeps its widgets.

Python's cycle collector runs in whichever thread happens to allocate when a threshold is
crossed; during a build that is usually the build's thread, and collecting a dialog left in
a reference cycle there deleted a widget on the wrong thread (a segfault, in an expose event,
right after the "Send it unencrypted?" question). And locking while a build runs must not
leave it going on with the case once the store is locked."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from rpc_desktop.app.send import BUILD_SPACE
from tests.gui.test_send_encrypted import _review_page


class _Witness:
    """Garbage in a reference cycle that says in which thread it was collected."""

    def __init__(self, threads: list[str]) -> None:
        self.threads = threads
        self.me = self  # a cycle: only the cycle collector frees it

    def __del__(self) -> None:
        self.threads.append(threading.current_thread().name)


def test_garbage_left_during_a_build_is_collected_on_the_gui_thread(
    qtbot: QtBot, isolated_home: Path, tmp_path: Path
) -> None:
    _win, page = _review_page(qtbot, isolated_home, tmp_path)
    threads: list[str] = []
    made = [0]

    def leave_garbage() -> None:  # what closing a dialog in a cycle does, many times over
        for _ in range(50):
            _Witness(threads)
        made[0] += 50

    timer = QTimer()
    timer.timeout.connect(leave_garbage)
    timer.start(1)
    page.build.click()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=30_000)
    timer.stop()
    qtbot.waitUntil(gc.isenabled, timeout=5_000)  # the collector is back once it is over
    gc.collect()
    page.forget()
    assert made[0] > 0 and len(threads) == made[0]
    elsewhere = [t for t in threads if t != threading.main_thread().name]
    assert elsewhere == [], f"{len(elsewhere)} collected in {set(elsewhere)}"


def test_locking_while_a_preview_builds_leaves_nothing_built(
    qtbot: QtBot, isolated_home: Path, tmp_path: Path
) -> None:
    win, page = _review_page(qtbot, isolated_home, tmp_path)
    space = isolated_home / BUILD_SPACE
    page.build.click()
    # Under way: the build folder (family data outside the store) exists.
    qtbot.waitUntil(lambda: space.is_dir() and any(space.iterdir()), timeout=30_000)
    win.lock(hide=False)
    assert list(space.iterdir()) == [], "the build went on after the lock"
    qtbot.wait(200)  # what the stopped build might still have reported
    assert page.preview is None and page.dialog is None
