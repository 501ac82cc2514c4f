"""Python's cycle collector runs on the GUI thread, on the app's timer, by the same
thresholds as the automatic one; an open case's widgets are frozen out of full collections
until the case closes."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from rpc_desktop.gui import collector


class _Cycle:
    def __init__(self, seen: list[str]) -> None:
        self.seen = seen
        self.me = self  # only the cycle collector frees it

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


@pytest.fixture
def installed(qapp: QApplication) -> Iterator[collector.Collector]:
    # What earlier tests left for deletion goes first: freed later, in the middle of a
    # test, it would bring the allocation count back under the threshold the test set.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    was = gc.isenabled()
    yield collector.install(qapp)
    collector.uninstall()
    assert gc.isenabled()
    if not was:
        gc.disable()


def test_garbage_is_collected_by_the_timer_on_the_gui_thread(
    qtbot: QtBot, installed: collector.Collector
) -> None:
    assert not gc.isenabled(), "no automatic collection: it would run in any thread"
    seen: list[str] = []
    for _ in range(gc.get_threshold()[0] * 3):
        _Cycle(seen)
    assert seen == [], "nothing collected until the timer says so"
    qtbot.waitUntil(lambda: len(seen) > 0, timeout=5 * collector.INTERVAL_MS)
    assert installed.collections >= 1
    assert set(seen) == {threading.main_thread().name}


def test_an_open_case_is_frozen_until_it_closes(
    qtbot: QtBot, installed: collector.Collector
) -> None:
    widgets = [QWidget() for _ in range(50)]
    seen: list[str] = []
    held = _Cycle(seen)  # alive as the case opens (a page's wrapper, say)
    installed.freeze()
    assert gc.get_freeze_count() >= len(widgets)
    del held  # garbage now, but frozen: a full collection passes over it
    gc.collect()
    assert seen == []
    installed.thaw()
    assert gc.get_freeze_count() == 0 and seen == [threading.main_thread().name]
    for widget in widgets:
        widget.deleteLater()


def test_a_page_turn_puts_the_timer_off_and_the_pause_after_it_collects(
    qtbot: QtBot, installed: collector.Collector
) -> None:
    seen: list[str] = []
    for _ in range(gc.get_threshold()[0] * 3):
        _Cycle(seen)
    # Turns closer together than the timer's interval: the timer never gets to collect.
    for _ in range(4):
        collector.page_turned()
        qtbot.wait(collector.INTERVAL_MS // 2)
    assert seen == [] and installed.collections == 0
    collector.collect_due()  # what the wizard does once the next page is prepared
    assert seen and installed.collections == 1
