"""The About box: the diagnostics' facts to read, copy and save, without the family."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from rpc_desktop import __version__
from rpc_desktop.gui.about import GATHERING, AboutDialog, show_about
from rpc_desktop.gui.main_window import MainWindow
from tests.gui.drive import nameless_stops
from tests.gui.test_app import first_run
from tests.gui.test_referral_e2e import personal_strings, to_built_preview
from tests.helpers import demo_case, fast_context, make_store


def shown(*args: Any) -> AboutDialog:
    dialog = show_about(*args)
    assert dialog is not None
    return dialog


def gathered(qtbot: QtBot, dialog: AboutDialog) -> str:
    qtbot.waitUntil(lambda: dialog.text != "", timeout=15_000)
    assert dialog.facts.toPlainText() == dialog.text
    return dialog.text


@pytest.fixture
def unlocked(qtbot: QtBot, isolated_home: Path) -> MainWindow:
    window = MainWindow(fast_context(isolated_home))
    qtbot.addWidget(window)
    window.show()
    first_run(qtbot, window)
    assert window.workspace is not None
    window.workspace.add_case(demo_case())
    return window


def test_unlocked_it_shows_the_store_checked_and_copies_the_same_text(
    qtbot: QtBot, unlocked: MainWindow
) -> None:
    dialog = shown(unlocked, unlocked.context, unlocked.workspace)
    assert dialog.isVisible() and not dialog.copy.isEnabled()
    text = gathered(qtbot, dialog)
    for fact in (
        f"RPC Referral Desktop {__version__}",
        f"Qt {qVersion()}\n",  # the running Qt, not the one installed
        "integrity ok",
        "cases 1 (draft 1)",
        "profile.name = set (not shown)  [user]",
        "scheme north-east-relationships-matter",
    ):
        assert fact in text, f"{fact!r} not in:\n{text}"
    leaked = sorted(s for s in personal_strings(demo_case()) if s.casefold() in text.casefold())
    assert not leaked and "Priya Tester" not in text
    assert dialog.copy.isEnabled()
    dialog.copy.click()
    assert QApplication.clipboard().text() == text
    assert "Copied to the clipboard" in dialog.status.text()


def test_save_writes_a_new_file_and_never_over_one(
    qtbot: QtBot, unlocked: MainWindow, tmp_path: Path
) -> None:
    dialog = shown(unlocked, unlocked.context, unlocked.workspace)
    text = gathered(qtbot, dialog)
    target = tmp_path / "for-it.txt"
    dialog.choose_file = lambda: target  # type: ignore[method-assign]
    dialog.save.click()
    assert target.read_text(encoding="utf-8") == text
    assert "Saved as" in dialog.status.text()
    kept = tmp_path / "kept.txt"
    kept.write_text("mine", encoding="utf-8")
    dialog.choose_file = lambda: kept  # type: ignore[method-assign]
    dialog.save.click()
    assert kept.read_text(encoding="utf-8") == "mine"
    assert "already exists, and was kept" in dialog.status.text()


def test_the_status_line_shows_only_once_it_says_something(
    qtbot: QtBot, unlocked: MainWindow
) -> None:
    """`make a11y` found it empty in the tree: selectable, it takes the focus from a click,
    and empty it was a control with no name for a screen reader."""
    dialog = shown(unlocked, unlocked.context, unlocked.workspace)
    gathered(qtbot, dialog)
    assert dialog.status.isHidden()
    assert nameless_stops(dialog) == []
    dialog.copy.click()
    assert dialog.status.isVisibleTo(dialog) and "Copied" in dialog.status.text()
    assert nameless_stops(dialog) == []


def test_locked_what_needs_the_store_is_not_checked(qtbot: QtBot, isolated_home: Path) -> None:
    make_store(isolated_home)
    dialog = shown(None, fast_context(isolated_home), None)
    qtbot.addWidget(dialog)
    assert dialog.facts.toPlainText() == GATHERING
    text = gathered(qtbot, dialog)
    assert "integrity locked: not checked" in text and "cases locked: not checked" in text


def test_locking_the_app_closes_it_and_the_quick_hide_screen_never_shows_it(
    qtbot: QtBot, unlocked: MainWindow
) -> None:
    dialog = shown(unlocked, unlocked.context, unlocked.workspace)
    gathered(qtbot, dialog)
    unlocked.lock(hide=False)
    assert not dialog.isVisible()
    unlocked.lock(hide=True)
    assert show_about(unlocked, unlocked.context, None) is None
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, AboutDialog) and w.isVisible()
    ]


@pytest.mark.slow
def test_after_the_demo_referral_in_the_wizard_nothing_of_the_family_is_in_them(
    qtbot: QtBot, isolated_home: Path
) -> None:
    """The demo family through the wizard to a built preview, with the log on and the
    user's activity logged as the app logs it: the About box's facts (the log's last lines
    with them) hold none of what the practitioner typed."""
    from rpc_desktop.app.logs import start_logging, stop_logging
    from rpc_desktop.gui import activity

    start_logging(isolated_home)
    try:
        window = MainWindow(fast_context(isolated_home))
        qtbot.addWidget(window)
        window.show()
        activity.watch(window)
        first_run(qtbot, window)
        to_built_preview(qtbot, window)
        reference = window.host.session.case.reference
        dialog = shown(window, window.context, window.workspace)
        text = gathered(qtbot, dialog)
    finally:
        stop_logging()
    for fact in ("screen: wizard", "page: screening-a", "page: review", "cases 1 (draft 1)"):
        assert fact in text, f"{fact!r} not in:\n{text}"
    assert f"preview built for {reference}" in text
    leaked = sorted(s for s in personal_strings(demo_case()) if s.casefold() in text.casefold())
    assert not leaked, f"the diagnostics hold {leaked}"
    assert "Priya Tester" not in text
