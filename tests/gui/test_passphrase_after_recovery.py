"""After IT recovered the store, the app offers the user their own passphrase at the next
unlock; Settings offers it any time (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from rpc_desktop.app import recovery
from rpc_desktop.app.workspace import Workspace
from rpc_desktop.errors import WrongPassphrase
from rpc_desktop.gui.main_window import MainWindow
from rpc_desktop.gui.passphrase_dialog import PassphraseDialog
from rpc_desktop.gui.settings_dialog import SettingsDialog
from tests.gui.drive import answer_in_turn
from tests.helpers import fast_context

SET_BY_IT = "set by IT for the user"
OWN = "the user's own four words"


def test_the_first_unlock_after_recovery_offers_the_users_own_passphrase(
    qtbot: QtBot, isolated_home: Path
) -> None:
    Workspace.create(fast_context(isolated_home), SET_BY_IT, actor="user").close(backup=False)
    recovery.mark_recovered(isolated_home)  # as `rpc-desktop recover` leaves it
    window = MainWindow(fast_context(isolated_home))
    qtbot.addWidget(window)
    window.show()
    seen: list[str] = []

    def in_the_dialog() -> None:
        """The offer comes up as a modal dialog (its own event loop): answered from a timer,
        as the user would, first with a typo."""
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(20, in_the_dialog)
            return
        QTest.keyClicks(dialog.new, OWN)
        QTest.keyClicks(dialog.again, OWN + " typo")
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        seen.append(dialog.problem.text())
        dialog.again.clear()
        QTest.keyClicks(dialog.again, OWN)
        said.append(answer_in_turn("OK"))  # filled when the confirmation shows
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    said: list[list[str]] = []
    QTimer.singleShot(0, in_the_dialog)
    qtbot.keyClicks(window.unlock.ui.passphrase, SET_BY_IT)
    qtbot.keyClick(window.unlock.ui.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(said and said[0]) and QApplication.activeModalWidget() is None)
    assert seen == ["The two passphrases differ."]
    assert said[0] == ["Your new passphrase is set."]
    assert not recovery.recovered_by_it(isolated_home), "offered once, then not again"
    window.lock(hide=False)
    Workspace.open(fast_context(isolated_home), OWN).close(backup=False)
    with pytest.raises(WrongPassphrase):
        Workspace.open(fast_context(isolated_home), SET_BY_IT)


def test_settings_offers_a_new_passphrase_and_without_recovery_nothing_is_offered(
    qtbot: QtBot, isolated_home: Path
) -> None:
    workspace = Workspace.create(fast_context(isolated_home), SET_BY_IT, actor="user")
    try:
        dialog = SettingsDialog(
            None, workspace.context.settings, workspace.context.config, {}, workspace
        )
        qtbot.addWidget(dialog)
        assert dialog.passphrase_button.text().replace("&", "") == "Change passphrase…"
        change = PassphraseDialog(workspace, dialog)
        qtbot.addWidget(change)
        qtbot.keyClicks(change.new, "short")
        qtbot.keyClicks(change.again, "short")
        qtbot.mouseClick(change.ok, Qt.MouseButton.LeftButton)
        assert "at least" in change.problem.text(), "too short is said, nothing changed"
        from rpc_desktop.gui.passphrase_dialog import offer_after_recovery

        assert offer_after_recovery(dialog, workspace) is False
    finally:
        workspace.close(backup=False)
