"""The practitioner's app, offscreen: first run, a referral, lock, quick-hide, resume."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from rpc_desktop.gui.main_window import MainWindow

PASS = "four words for the test"


def visible_text(root: QWidget) -> str:
    parts = [root.windowTitle()]
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, (QLabel, QLineEdit)):
            parts.append(widget.text())
    return "\n".join(parts)


@pytest.fixture
def window(qtbot: QtBot, isolated_home: Path) -> MainWindow:
    win = MainWindow(home=isolated_home)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def first_run(qtbot: QtBot, win: MainWindow) -> None:
    ui = win.first_run.ui
    qtbot.keyClicks(ui.name, "Priya Tester")
    qtbot.keyClicks(ui.organisation, "Riverside Early Help (test)")
    qtbot.keyClicks(ui.passphrase, PASS)
    assert not ui.createButton.isEnabled()
    qtbot.keyClicks(ui.confirm, PASS)
    assert ui.createButton.isEnabled()
    qtbot.mouseClick(ui.createButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.store is not None, timeout=15_000)
    assert win.stack.currentWidget() is win.cases


def test_first_run_then_unlock_after_restart(
    qtbot: QtBot, window: MainWindow, isolated_home: Path
) -> None:
    first_run(qtbot, window)
    window.close()
    again = MainWindow(home=isolated_home)
    qtbot.addWidget(again)
    again.show()
    assert again.stack.currentWidget() is again.unlock
    qtbot.keyClicks(again.unlock.ui.passphrase, "wrong one here")
    qtbot.keyClick(again.unlock.ui.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not right" in again.unlock.ui.message.text(), timeout=10_000)
    assert again.store is None


def test_new_referral_quick_hide_and_resume(qtbot: QtBot, window: MainWindow) -> None:
    first_run(qtbot, window)
    qtbot.mouseClick(window.cases.ui.newButton, Qt.MouseButton.LeftButton)
    assert window.host is not None
    wizard = window.host.wizard
    wizard.next()  # scheme -> referrer
    wizard.next()  # referrer -> parents
    page = wizard.currentPage()
    name_edit = page.findChildren(QLineEdit)[0]
    qtbot.keyClicks(name_edit, "Zofia Testowa")
    name_edit.editingFinished.emit()
    reference = window.host.session.case.reference
    assert window.host.session.case.parent_a.name == "Zofia Testowa"
    window.hide_action.trigger()
    assert window.stack.currentWidget() is window.hidden
    assert window.store is None and window.host is None
    text = visible_text(window)
    assert "Zofia" not in text and reference not in text
    assert window.windowTitle() == "Notes"
    qtbot.keyClicks(window.hidden.ui.passphrase, PASS)
    qtbot.keyClick(window.hidden.ui.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.host is not None, timeout=10_000)
    assert window.host.wizard.current_step().id == "parents"
    assert window.host.session.case.parent_a.name == "Zofia Testowa"


def test_idle_lock_after_a_short_timeout(qtbot: QtBot, window: MainWindow) -> None:
    first_run(qtbot, window)
    window.idle.set_minutes(0.002)  # 120 ms
    window.idle.start()
    qtbot.waitUntil(lambda: window.store is None, timeout=5_000)
    assert window.stack.currentWidget() is window.unlock


def test_app_is_offscreen() -> None:
    assert QApplication.platformName() == "offscreen"
