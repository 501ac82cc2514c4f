"""What the user was doing, in the log: screens, wizard pages by id, toolbar actions and
dialogs by name; never what they typed. The start-up facts and Qt's own warnings too."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from rpc_desktop import __version__
from rpc_desktop.app import logs
from rpc_desktop.gui import activity
from rpc_desktop.gui import app as gui_app
from rpc_desktop.gui.main_window import MainWindow
from tests.gui.test_app import first_run
from tests.helpers import fast_context


def said(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_screens_pages_and_actions_are_logged_by_name_only(
    qtbot: QtBot, isolated_home: Path, log_file: Path
) -> None:
    window = MainWindow(fast_context(isolated_home))
    qtbot.addWidget(window)
    window.show()
    activity.watch(window)
    first_run(qtbot, window)
    qtbot.waitUntil(lambda: "screen: case-list" in said(log_file))
    window.new_case()
    assert window.host is not None
    wizard = window.host.wizard
    qtbot.waitUntil(lambda: "screen: wizard" in said(log_file))
    assert "page: scheme" in said(log_file)
    wizard.next()
    wizard.next()
    step = wizard.current_step().id
    assert f"page: {step}" in said(log_file)
    name = wizard.currentPage().findChildren(QLineEdit)[0]
    qtbot.keyClicks(name, "Zofia Testowa")
    name.editingFinished.emit()
    assert logs.activity() == f"screen wizard, page {step}"
    typed = name.text()
    window.lock_action.trigger()
    qtbot.waitUntil(lambda: "screen: unlock" in said(log_file))
    try:
        raise RuntimeError(typed)  # a message quoting what the user typed
    except RuntimeError as exc:
        logs.log_unexpected(type(exc), exc, exc.__traceback__)
    text = said(log_file)
    assert "action: Lock" in text
    assert "unexpected error: RuntimeError (while: screen unlock, action Lock)" in text
    assert "Zofia" not in text and "Priya" not in text


def test_a_dialog_coming_to_the_front_is_named(
    qtbot: QtBot, isolated_home: Path, log_file: Path
) -> None:
    from rpc_desktop.gui.about import show_about

    window = MainWindow(fast_context(isolated_home))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    activity.watch(window)
    dialog = show_about(window, window.context, None)
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: "window: AboutDialog" in said(log_file))


def test_the_start_up_facts_are_logged_from_a_worker(
    qtbot: QtBot, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('idle_lock_minutes = 10\nlocked = ["idle_lock_minutes"]\ncolour = 3\n')
    monkeypatch.setenv("RPC_DESKTOP_CONFIG", str(config))
    path = logs.start_logging(isolated_home)
    try:
        gui_app.log_startup(fast_context(isolated_home))
        qtbot.waitUntil(lambda: "set-up problem" in said(path), timeout=15_000)
    finally:
        logs.stop_logging()
    text = said(path)
    assert f"rpc-desktop {__version__} started" in text
    assert "running on Qt 6." in text
    assert f"IT's configuration: {config} (locked: idle_lock_minutes)" in text
    assert "packs: north-east-relationships-matter 2026.1" in text
    assert "WARNING rpc_desktop.app.diagnostics: set-up problem:" in text
    assert "unknown key 'colour'" in text


def test_qt_warnings_are_logged_once_each(log_file: Path) -> None:
    context = QMessageLogContext()
    for _ in range(3):
        gui_app.qt_message(QtMsgType.QtWarningMsg, context, "QPainter::begin: not active")
    gui_app.qt_message(QtMsgType.QtDebugMsg, context, "chatter")
    text = said(log_file)
    assert text.count("Qt: QPainter::begin: not active") == 1
    assert "WARNING rpc_desktop.qt" in text and "chatter" not in text
