"""The idle lock: its count-down, what keeps the app open, what the lock leaves on screen,
and what a screen reader is given on the lock screens. Intervals are seconds, not minutes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, QEvent, QPointF, Qt, QTimer
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QFocusEvent,
    QInputMethodEvent,
    QKeyEvent,
    QMouseEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from rpc_desktop.gui.idle import warning_ms
from rpc_desktop.gui.lock_banner import TOUCH_HEIGHT, clock, spoken
from rpc_desktop.gui.main_window import MainWindow
from tests.gui.test_app import PASS, first_run
from tests.helpers import demo_case, fast_context

DEMO = demo_case()
FAMILY = [
    DEMO.reference,
    *(p.name for p in (DEMO.parent_a, DEMO.parent_b) if p.name),
    *(c.name for c in DEMO.children),
]


@pytest.fixture
def window(qtbot: QtBot, isolated_home: Path) -> MainWindow:
    win = MainWindow(fast_context(isolated_home))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    first_run(qtbot, win)
    return win


def shown_texts(window: QWidget, *, hidden_too: bool = False) -> list[str]:
    """What a window shows in words: its title and every visible text in it."""
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not hidden_too and not widget.isVisible():
            continue
        if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            texts.append(widget.currentText())
    return texts


def family_on_screen() -> list[str]:
    found = []
    for window in QApplication.topLevelWidgets():
        if window.isVisible():
            for text in shown_texts(window):
                found += [name for name in FAMILY if name in text]
    return found


# --- the count-down --------------------------------------------------------------------


def test_the_count_down_starts_a_minute_or_a_quarter_before_the_lock() -> None:
    assert warning_ms(30 * 60_000) == 60_000
    assert warning_ms(4 * 60_000) == 60_000
    assert warning_ms(2 * 60_000) == 30_000
    assert warning_ms(1200) == 300
    assert [clock(s) for s in (60, 45, 9, 0)] == ["1:00", "0:45", "0:09", "0:00"]
    assert [spoken(s) for s in (60, 120, 45, 1)] == [
        "1 minute",
        "2 minutes",
        "45 seconds",
        "1 second",
    ]


def test_the_count_down_shows_counts_and_the_lock_comes_on_time(
    qtbot: QtBot, window: MainWindow
) -> None:
    banner = window.banner
    window.cases.ui.search.setFocus()
    typing_in = QApplication.focusWidget()
    shown: list[str] = []
    window.idle.counting.connect(lambda _s: shown.append(banner.label.text()))
    clock_ = QElapsedTimer()
    window.idle.set_minutes(0.08)  # 4.8 s; the count-down shows for its last 1.2 s
    clock_.start()
    window.idle.start()
    assert banner.isHidden()
    qtbot.waitUntil(banner.isVisible, timeout=6_000)
    assert clock_.elapsed() >= 3_500, "not before the last quarter"
    assert window.workspace is not None
    assert re.fullmatch(r"Locking in 0:0[12]\. Any key or touch keeps it open\.", shown[0])
    assert banner.keep.height() >= TOUCH_HEIGHT and banner.keep.isVisible()
    assert banner.keep.accessibleName() == "Keep open"
    assert QApplication.focusWidget() is typing_in, "the banner does not take the focus"
    qtbot.waitUntil(lambda: window.workspace is None, timeout=3_000)
    took = clock_.elapsed()
    assert 4_800 <= took < 5_800, f"locked after {took} ms: IT's minutes, not more"
    assert shown[:2] == [
        "Locking in 0:02. Any key or touch keeps it open.",
        "Locking in 0:01. Any key or touch keeps it open.",
    ], "it counts down each second"
    assert banner.isHidden()
    assert window.stack.currentWidget() is window.unlock


def _wait_for_count_down(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(window.banner.isVisible, timeout=3_000)
    assert window.idle.is_counting()


def _restarted_in_full(window: MainWindow) -> bool:
    interval = window.idle.timer.interval()
    return (
        window.banner.isHidden()
        and not window.idle.is_counting()
        and window.idle.timer.remainingTime() > interval - 150
    )


def test_keep_open_restarts_the_full_interval_by_its_accessible_action(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A screen reader's 'press' makes no key or mouse event: the button itself counts."""
    window.idle.set_minutes(0.02)  # 1.2 s, the count-down from 0.9 s
    window.idle.start()
    for _round in range(2):
        _wait_for_count_down(qtbot, window)
        button = QAccessible.queryAccessibleInterface(window.banner.keep)
        assert button.role() == QAccessible.Role.Button
        assert button.text(QAccessible.Text.Name) == "Keep open"
        button.actionInterface().doAction(QAccessibleActionInterface.pressAction())
        qtbot.waitUntil(lambda: _restarted_in_full(window), timeout=1_000)
        assert window.workspace is not None
    qtbot.waitUntil(lambda: window.workspace is None, timeout=3_000)


def _key_release(widget: QWidget) -> QEvent:
    return QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)


def _shortcut_override(widget: QWidget) -> QEvent:
    return QKeyEvent(
        QEvent.Type.ShortcutOverride, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
    )


def _input_method(widget: QWidget) -> QEvent:
    return QInputMethodEvent("ż", [])


def _focus_in(widget: QWidget) -> QEvent:
    return QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.OtherFocusReason)


@pytest.mark.parametrize(
    "make", [_key_release, _shortcut_override, _input_method, _focus_in], ids=lambda f: f.__name__
)
def test_input_a_screen_reader_or_input_method_makes_keeps_the_app_open(
    qtbot: QtBot, window: MainWindow, make: Callable[[QWidget], QEvent]
) -> None:
    window.idle.set_minutes(0.02)
    window.idle.start()
    _wait_for_count_down(qtbot, window)
    target = window.cases.ui.search
    QApplication.sendEvent(target, make(target))
    assert _restarted_in_full(window)
    assert window.workspace is not None


def test_a_pointer_that_does_not_move_is_not_someone_there(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.idle.set_minutes(0.02)
    window.idle.start()
    target = window.cases.ui.table

    def move(x: float) -> None:
        screen = QPointF(x, 300)  # where the pointer is on the screen, whatever moves under it
        event = QMouseEvent(
            QEvent.Type.MouseMove,
            target.mapFromGlobal(screen),
            screen,
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        # To the window, as the system delivers a pointer's moves (the watcher sees each
        # window's input before the count-down, and everything during it).
        handle = window.windowHandle()
        assert handle is not None
        QApplication.sendEvent(handle, event)

    move(10)
    _wait_for_count_down(qtbot, window)
    move(10)  # Qt repeats the cursor's place when the banner pushes the page down
    assert window.idle.is_counting()
    move(30)
    assert _restarted_in_full(window)


def test_activity_is_public_and_does_nothing_while_locked(qtbot: QtBot, window: MainWindow) -> None:
    window.idle.set_minutes(0.02)
    window.idle.start()
    _wait_for_count_down(qtbot, window)
    window.idle.activity()  # what the case session may call on every change
    assert _restarted_in_full(window)
    qtbot.waitUntil(lambda: window.workspace is None, timeout=3_000)
    window.idle.activity()
    assert not window.idle.timer.isActive() and window.banner.isHidden()


# --- what the lock leaves ------------------------------------------------------------------


def _open_demo_with_preview(qtbot: QtBot, window: MainWindow):  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    window.workspace.store.add_case(DEMO, page="review")
    window.open_case(DEMO.reference)
    assert window.host is not None
    review = window.host.wizard.currentPage()
    assert review.build.isEnabled(), review.problems.text()
    review.build.click()
    qtbot.waitUntil(lambda: review.dialog is not None and review.dialog.isVisible(), timeout=30_000)
    return review


@pytest.fixture
def stuck() -> Iterator[list[QWidget]]:
    """Should the lock fail to close a modal window, it is closed after a while (so the
    test fails rather than hangs) and named here."""
    found: list[QWidget] = []

    def unstick() -> None:
        if (modal := QApplication.activeModalWidget()) is not None:
            found.append(modal)
            modal.close()

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(unstick)
    timer.start(10_000)
    yield found
    timer.stop()


def test_the_idle_lock_leaves_nothing_of_the_family_on_screen(
    qtbot: QtBot, window: MainWindow, stuck: list[QWidget]
) -> None:
    review = _open_demo_with_preview(qtbot, window)
    preview = review.dialog
    assert set(family_on_screen()) >= {DEMO.reference, DEMO.parent_a.name}, "the check sees"
    window.idle.set_minutes(0.01)  # 600 ms
    window.show_settings()  # window-modal, not blocking: the lock closes it
    settings = QApplication.activeModalWidget()
    assert settings is not None and settings.windowTitle() == "Settings"
    qtbot.waitUntil(lambda: window.workspace is None, timeout=5_000)
    assert not stuck, "the lock left the settings dialog open"
    assert QApplication.activeModalWidget() is None
    assert window.workspace is None and window.host is None
    assert window.stack.currentWidget() is window.unlock
    # Waited for at the top level (no dialog's own loop now), Qt may have deleted it already.
    assert not (isValid(preview) and preview.isVisible())
    assert family_on_screen() == []
    # Once Qt has deleted what the case left, none of it is in the window, shown or not.
    qtbot.waitUntil(
        lambda: not any(DEMO.reference in t for t in shown_texts(window, hidden_too=True))
    )
    hidden = [t for t in shown_texts(window, hidden_too=True) for n in FAMILY if n in t]
    assert hidden == []


def test_a_question_open_when_the_app_locks_is_answered_cancel(
    qtbot: QtBot, window: MainWindow, stuck: list[QWidget]
) -> None:
    review = _open_demo_with_preview(qtbot, window)
    window.idle.set_minutes(0.01)
    assert review.confirm_unencrypted() is False  # exec() returns when the lock closes it
    assert not stuck, "the lock left the question open"
    assert window.workspace is None
    assert QApplication.activeModalWidget() is None
    assert family_on_screen() == []


# --- the lock screens, for a screen reader ----------------------------------------------------


def _name(widget: QWidget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def test_a_wrong_passphrase_is_read_out_not_hidden_behind_a_name(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.lock(hide=False)
    ui = window.unlock.ui
    assert _name(ui.heading) == ui.heading.text() == "Enter your passphrase to unlock"
    qtbot.keyClicks(ui.passphrase, "not the passphrase")
    qtbot.keyClick(ui.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not right" in ui.message.text(), timeout=10_000)
    assert _name(ui.message) == ui.message.text()
    assert ui.passphrase.accessibleDescription() == ui.message.text(), "read with the box"
    first = ui.message.text()
    qtbot.keyClicks(ui.passphrase, PASS)
    qtbot.keyClick(ui.passphrase, Qt.Key.Key_Return)  # too soon after a wrong one
    qtbot.waitUntil(lambda: ui.message.text() not in (first, "Unlocking…"), timeout=10_000)
    assert _name(ui.message) == ui.message.text() == ui.passphrase.accessibleDescription()


def test_the_passphrase_hint_is_read_out_as_it_changes(qtbot: QtBot, isolated_home: Path) -> None:
    win = MainWindow(fast_context(isolated_home))
    qtbot.addWidget(win)
    win.show()
    ui = win.first_run.ui
    said = []
    for text in ("short", " and three more words"):
        qtbot.keyClicks(ui.passphrase, text)
        said.append(_name(ui.strength))
        assert said[-1] == ui.strength.text() == ui.passphrase.accessibleDescription()
    assert said[0].startswith("Too short") and said[1] == "Strong."


def test_before_the_count_down_a_windows_input_and_a_focus_move_keep_it_open(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Until the count-down, the watcher sees each window's input (where the system delivers
    keys, pointer, touch and pen) and every focus move, not every event of the app."""
    window.idle.set_minutes(0.05)  # 3 s
    window.idle.start()
    handle = window.windowHandle()
    assert handle is not None
    qtbot.wait(800)
    assert not _restarted_in_full(window)
    press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    QApplication.sendEvent(handle, press)
    assert _restarted_in_full(window), "a key the system delivered to the window"
    qtbot.wait(800)
    window.cases.ui.search.setFocus()
    window.cases.ui.table.setFocus()  # a screen reader moving through the window
    assert _restarted_in_full(window), "a focus move"
