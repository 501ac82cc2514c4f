"""The practitioner's app, offscreen: first run, a referral, lock, quick-hide, resume."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from rpc_desktop.domain.case import ParentSlot
from rpc_desktop.domain.editing import parent_detail
from rpc_desktop.gui.main_window import MainWindow
from tests.helpers import fast_context

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
    win = MainWindow(fast_context(isolated_home))
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
    qtbot.waitUntil(lambda: win.workspace is not None, timeout=15_000)
    assert win.stack.currentWidget() is win.cases


def test_first_run_then_unlock_after_restart(
    qtbot: QtBot, window: MainWindow, isolated_home: Path
) -> None:
    first_run(qtbot, window)
    window.close()
    again = MainWindow(fast_context(isolated_home))
    qtbot.addWidget(again)
    again.show()
    assert again.stack.currentWidget() is again.unlock
    qtbot.keyClicks(again.unlock.ui.passphrase, "wrong one here")
    qtbot.keyClick(again.unlock.ui.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not right" in again.unlock.ui.message.text(), timeout=10_000)
    assert again.workspace is None


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
    assert window.workspace is None and window.host is None
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
    qtbot.waitUntil(lambda: window.workspace is None, timeout=5_000)
    assert window.stack.currentWidget() is window.unlock


def test_app_is_offscreen() -> None:
    assert QApplication.platformName() == "offscreen"


def test_delete_a_draft_asks_first(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    first_run(qtbot, window)
    window.new_case()
    window.show_list()
    window.cases.ui.table.selectRow(0)
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    window.cases.ui.deleteButton.click()
    assert window.cases.ui.table.rowCount() == 1
    window.cases.ui.table.selectRow(0)
    window.cases.ui.deleteButton.click()
    assert window.cases.ui.table.rowCount() == 0


def test_returned_case_shows_the_reviewers_comment(qtbot: QtBot, window: MainWindow) -> None:
    from rpc_desktop.domain.status import CaseStatus

    first_run(qtbot, window)
    window.new_case()
    assert window.host is not None
    reference = window.host.session.case.reference
    window.show_list()
    assert window.workspace is not None
    window.workspace.store.set_status(reference, CaseStatus.READY_FOR_REVIEW)
    window.workspace.store.actor = "Morgan Lead"
    window.workspace.store.set_status(
        reference, CaseStatus.RETURNED, "Please name the school contact"
    )
    window.cases.reload()
    window.cases.ui.table.selectRow(0)
    assert "Please name the school contact" in window.cases.ui.comments.text()
    assert "Morgan Lead" in window.cases.ui.comments.text()
    assert not window.cases.ui.deleteButton.isEnabled(), "only drafts can be deleted"


def test_search_finds_a_case_by_name(qtbot: QtBot, window: MainWindow) -> None:
    first_run(qtbot, window)
    window.new_case()
    assert window.host is not None
    window.host.session.update(parent_detail(ParentSlot.B, "name"), "Daniel Searchable")
    window.show_list()
    qtbot.keyClicks(window.cases.ui.search, "searcha")
    assert window.cases.ui.table.rowCount() == 1
    window.cases.ui.search.clear()
    qtbot.keyClicks(window.cases.ui.search, "nobody")
    assert window.cases.ui.table.rowCount() == 0


def test_first_run_form_is_keyboard_ordered(qtbot: QtBot, window: MainWindow) -> None:
    ui = window.first_run.ui
    order = [ui.name, ui.role, ui.organisation, ui.phone, ui.email, ui.passphrase, ui.confirm]
    ui.name.setFocus()
    for expected in order[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected
    assert all(w.accessibleName() for w in order)


def test_user_text_is_always_shown_as_plain_text(qtbot: QtBot, window: MainWindow) -> None:
    from rpc_desktop.store.store import Store
    from tests.helpers import demo_case, varied

    first_run(qtbot, window)
    assert window.workspace is not None
    store: Store = window.workspace.store
    case = varied(
        demo_case(), **{"parent_b.name": "<b>Dan</b> Okafor", "children.0.name": "<i>Maja</i> Test"}
    )
    store.add_case(case, page="scheme")
    window.open_case(case.reference)
    assert window.host is not None
    wizard = window.host.wizard
    checked = 0
    while True:
        for label in window.findChildren(QLabel):
            if "<b>Dan</b>" in label.text() or "<i>Maja</i>" in label.text():
                assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
                checked += 1
        if wizard.nextId() == -1:
            break
        wizard.next()
    assert checked >= 5


def test_only_enabled_schemes_are_offered(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QComboBox

    first_run(qtbot, window)
    window.context.save_settings(enabled_schemes=["worcestershire-harmony-at-home"])
    window.new_case()
    assert window.host is not None
    assert window.host.session.case.scheme_id == "worcestershire-harmony-at-home"
    combo = next(
        c
        for c in window.host.wizard.currentPage().findChildren(QComboBox)
        if c.accessibleName() == "Scheme"
    )
    assert [combo.itemData(i) for i in range(combo.count())] == ["worcestershire-harmony-at-home"]


def test_qt_calls_do_not_leak_references_to_none(qtbot: QtBot) -> None:
    """PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void call; the
    app then aborted after a few thousand keystrokes. pyproject pins below it."""
    import sys

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for n in range(2000):
        label.setText(str(n))
        label.update()
    assert abs(sys.getrefcount(None) - before) < 50


def test_an_answer_the_question_does_not_take_is_refused_with_a_message(
    qtbot: QtBot, window: MainWindow
) -> None:
    from rpc_desktop.domain.case import Form

    first_run(qtbot, window)
    window.new_case()
    assert window.host is not None
    session = window.host.session
    item = next(i for i in session.packs.questionnaire(Form.RSQ).items() if i.options)
    with qtbot.waitSignal(session.save_failed) as said:
        assert not session.answer(Form.RSQ, ParentSlot.A, item.id, "made-up")
    assert "is not an answer to this question" in said.args[0]
    assert "is not an answer to this question" in window.statusBar().currentMessage()
    part = session.case.rsq_a
    assert part is None or item.id not in part.answers
    assert session.answer(Form.RSQ, ParentSlot.A, item.id, item.options[0].value)
    saved = window.workspace.load(session.case.reference)[0].rsq_a
    assert saved is not None and saved.answers[item.id] == item.options[0].value


def test_unlocking_applies_its_retention(qtbot: QtBot, window: MainWindow) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from rpc_desktop.domain.status import CaseStatus
    from rpc_desktop.store.tables import cases

    first_run(qtbot, window)
    window.new_case()
    assert window.workspace is not None and window.host is not None
    reference = window.host.session.case.reference
    store = window.workspace.store
    store.set_status(reference, CaseStatus.READY_FOR_REVIEW)
    store.set_status(reference, CaseStatus.APPROVED)
    with store.transaction() as conn:
        conn.execute(update(cases).values(updated_at=datetime.now(UTC) - timedelta(days=91)))
    window.show_list()
    window.lock(hide=False)
    qtbot.keyClicks(window.unlock.ui.passphrase, PASS)
    qtbot.keyClick(window.unlock.ui.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10_000)
    assert window.workspace.list_cases() == [], "approved 91 days ago: past the 90 days"


def test_a_refused_detail_is_put_back_and_the_message_goes_with_the_lock(
    qtbot: QtBot, window: MainWindow
) -> None:
    from rpc_desktop.gui.wizard.dates import DateEntry

    first_run(qtbot, window)
    window.new_case()
    assert window.host is not None
    wizard = window.host.wizard
    wizard.next()
    wizard.next()
    page = wizard.currentPage()
    entry = next(
        e for e in page.findChildren(DateEntry) if e.accessibleName() == "Parent A: Date of birth"
    )
    entry.day.setText("1")
    entry.month.setCurrentIndex(1)
    entry.year.setText("1850")  # a person born in 1850: refused
    assert "date of birth" in window.statusBar().currentMessage()
    assert window.host.session.case.parent_a.date_of_birth is None
    assert entry.is_empty(), "the field shows what the case holds"
    window.lock(hide=True)
    assert window.statusBar().currentMessage() == ""


def test_the_bundle_is_not_built_when_the_last_change_could_not_be_saved(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rpc_desktop.domain.editing import parent_detail as detail
    from rpc_desktop.errors import StoreFull

    first_run(qtbot, window)
    window.new_case()
    assert window.host is not None and window.workspace is not None
    wizard = window.host.wizard
    while wizard.current_step().id != "review":
        wizard.setStartId(wizard._ids["review"])
        wizard.restart()
    review = wizard.currentPage()
    window.host.session.update(detail(ParentSlot.A, "name"), "Not Saved", now=False)

    def full(*_args: object, **_kw: object) -> None:
        raise StoreFull("The disk is full, so the last change was not saved.")

    monkeypatch.setattr(window.workspace.store, "save_details", full)  # the disk, at the edge
    review.start_build(None)
    assert "could not be saved" in review.status.text()
    assert not review.bar.isVisible() and review.preview is None
    assert "disk is full" in window.statusBar().currentMessage()
    assert window.host.session.editor.pending, "the change waits to be saved"


def test_every_page_is_checked_in_the_background_after_unlock(
    qtbot: QtBot, window: MainWindow
) -> None:
    first_run(qtbot, window)
    qtbot.waitUntil(lambda: window.last_full_check is not None, timeout=15_000)
    assert window.last_full_check == [], "a healthy store"
    window.lock(hide=False)
    assert window.last_full_check is None or window.workspace is None
    qtbot.keyClicks(window.unlock.ui.passphrase, PASS)
    qtbot.keyClick(window.unlock.ui.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10_000)
    qtbot.waitUntil(lambda: window.last_full_check == [], timeout=15_000)
