"""The "After sending" dialog on a real encrypted store with the demo family's case sent:
what happened is recorded through the widgets (saved, audited, the clock counted again), an
overdue step says so in words and in bold, a date that does not fit is refused beside the
form with nothing kept, and it is usable from the keyboard and by touch."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from rpc_desktop.app.settings import DisplayMode, TextSize
from rpc_desktop.app.workspace import Workspace
from rpc_desktop.domain.details import EditError
from rpc_desktop.domain.status import CaseStatus, Happened
from rpc_desktop.gui import colours, display, progress_dialog
from rpc_desktop.gui.progress_dialog import NOTE_HINT, ProgressDialog
from rpc_desktop.store.tables import audit_log
from tests.gui.drive import labels_hiding_text
from tests.helpers import PASSPHRASE, demo_case, fast_context

REF = "RPC-DEMO-0001"


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A store with the demo family's case, approved and sent today."""
    workspace = Workspace.create(fast_context(tmp_path / "home"), PASSPHRASE, actor="test")
    workspace.add_case(demo_case())
    for to in (CaseStatus.READY_FOR_REVIEW, CaseStatus.APPROVED, CaseStatus.SENT):
        workspace.store.set_status(REF, to)
    yield workspace
    workspace.close(backup=False)


@pytest.fixture
def sent_on() -> date:
    return datetime.now(UTC).astimezone().date()


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[QApplication]:
    """The app's own style (touch mode off); put back afterwards as test_display does."""
    font, palette = qapp.font(), qapp.palette()
    display.apply_display(qapp, DisplayMode.OFF, TextSize.NORMAL)
    yield qapp
    qapp.setPalette(palette)
    display.apply_display(qapp, DisplayMode.OFF, TextSize.NORMAL)
    qapp.setFont(font)
    qapp.setProperty(display.TOUCH, None)


def progress_audit(workspace: Workspace) -> list[tuple[str, str]]:
    with workspace.store.transaction() as conn:
        rows = conn.execute(
            select(audit_log.c.case_ref, audit_log.c.detail).where(
                audit_log.c.action == "progress-recorded"
            )
        )
        return [(r.case_ref, r.detail) for r in rows]


def shown(qtbot: QtBot, workspace: Workspace, today: date | None = None) -> ProgressDialog:
    dialog = ProgressDialog(workspace, REF, today=today)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def row_texts(dialog: ProgressDialog, row: int) -> list[str]:
    table = dialog.timeline
    return [table.item(row, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]


def type_date(qtbot: QtBot, dialog: ProgressDialog, value: date) -> None:
    """As a person would: the day and year typed, the month picked by its number."""
    for field in (dialog.on.day, dialog.on.year):
        field.clear()
    qtbot.keyClicks(dialog.on.day, str(value.day))
    dialog.on.month.setFocus()
    qtbot.keyClicks(dialog.on.month, f"{value.month:02d}")
    qtbot.keyClicks(dialog.on.year, str(value.year))
    assert dialog.on.value() == value


def test_a_home_visit_recorded_through_the_widgets_is_saved_audited_and_counted(
    qtbot: QtBot, workspace: Workspace, sent_on: date
) -> None:
    dialog = shown(qtbot, workspace)
    assert dialog.nothing_yet.isVisible() and not dialog.entries.isVisible()
    assert row_texts(dialog, 1)[2] == "Not yet"
    assert [dialog.what.itemData(i) for i in range(dialog.what.count())][:3] == [
        "gateway-acknowledged",
        "home-visit",
        "start-date-given",
    ], "the scheme's own steps first (scheme-pack data), then the endings"
    dialog.what.setCurrentIndex(dialog.what.findData(Happened.HOME_VISIT.value))
    assert dialog.on.value() == sent_on, "the form starts at today"
    qtbot.keyClicks(dialog.note, "Both parents were at home")
    with qtbot.waitSignal(dialog.recorded) as signal:
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert signal.args == [REF]

    saved, _page = workspace.load(REF)
    assert [(e.what, e.on, e.note) for e in saved.progress] == [
        (Happened.HOME_VISIT, sent_on, "Both parents were at home")
    ]
    assert progress_audit(workspace) == [(REF, f"home-visit {sent_on}")]
    assert workspace.verify_audit().intact
    # The clock is counted again, and the entry is listed.
    visit = row_texts(dialog, 1)
    assert visit[0] == "Provider's first home visit"
    assert visit[2:] == [f"{sent_on:%d %b %Y}", "Done in time"]
    assert dialog.entries.isVisible() and dialog.entries.rowCount() == 1
    assert dialog.entries.item(0, 2).text() == "Both parents were at home"  # type: ignore[union-attr]
    assert dialog.status.text() == f"Recorded: Provider's home visit, {sent_on:%d %b %Y}."
    assert dialog.note.text() == "", "the note is not carried into the next entry"
    assert not dialog.error.isVisible()


def test_an_overdue_step_is_flagged_in_words_bold_and_with_an_icon(
    qtbot: QtBot, workspace: Workspace, sent_on: date
) -> None:
    dialog = shown(qtbot, workspace, today=sent_on + timedelta(days=30))
    gateway = row_texts(dialog, 0)
    assert gateway[0] == "Referral Gateway processes the referral"
    assert gateway[2] == "Not yet"
    assert gateway[3].startswith("Overdue by ") and gateway[3].endswith(" working days")
    state = dialog.timeline.item(0, 3)
    assert state is not None and state.font().bold() and not state.icon().isNull()
    assert dialog.alert.isVisible() and dialog.alert_icon.isVisible()
    assert "overdue" in dialog.alert.text()
    assert "Referral Gateway processes the referral" in dialog.alert.text()
    accessible = dialog.timeline.item(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)  # type: ignore[union-attr]
    assert accessible.startswith("Referral Gateway processes the referral: Overdue by")

    on_time = shown(qtbot, workspace, today=sent_on)
    assert not on_time.alert.isVisible()
    assert all(not row_texts(on_time, r)[3].startswith("Overdue") for r in range(3))
    first = on_time.timeline.item(0, 3)
    assert first is not None and not first.font().bold()


def test_a_date_before_sending_is_refused_beside_the_form_and_nothing_is_saved(
    qtbot: QtBot, workspace: Workspace, sent_on: date
) -> None:
    dialog = shown(qtbot, workspace)
    dialog.what.setCurrentIndex(dialog.what.findData(Happened.GATEWAY_ACKNOWLEDGED.value))
    type_date(qtbot, dialog, sent_on - timedelta(days=3))
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and dialog.error_icon.isVisible()
    assert dialog.error.text() == (
        f"Gateway acknowledged the referral: {sent_on - timedelta(days=3):%d/%m/%Y} "
        "is before the referral was sent."
    )
    assert dialog.record_button.accessibleDescription() == dialog.error.text()
    saved, _page = workspace.load(REF)
    assert saved.progress == []
    assert progress_audit(workspace) == []
    assert dialog.nothing_yet.isVisible()

    dialog.on.day.clear()  # half a date: said before anything reaches the store
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert "day, month and year" in dialog.error.text()
    assert workspace.load(REF)[0].progress == []

    type_date(qtbot, dialog, sent_on)  # put right, the problem goes
    assert not dialog.error.isVisible()


def test_nothing_after_the_referral_ended(
    qtbot: QtBot, workspace: Workspace, sent_on: date
) -> None:
    dialog = shown(qtbot, workspace, today=sent_on + timedelta(days=10))
    dialog.what.setCurrentIndex(dialog.what.findData(Happened.FAMILY_WITHDREW.value))
    type_date(qtbot, dialog, sent_on + timedelta(days=1))
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert not dialog.error.isVisible()
    assert all(row_texts(dialog, r)[3].startswith("Not reached") for r in range(3))
    assert not dialog.alert.isVisible(), "a stopped clock has nothing overdue"
    dialog.what.setCurrentIndex(dialog.what.findData(Happened.HOME_VISIT.value))
    type_date(qtbot, dialog, sent_on + timedelta(days=5))
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    ended = sent_on + timedelta(days=1)
    assert dialog.error.text() == f"Provider's home visit: the referral ended on {ended:%d/%m/%Y}."
    assert [e.what for e in workspace.load(REF)[0].progress] == [Happened.FAMILY_WITHDREW]


def test_not_sent_has_no_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    workspace = Workspace.create(fast_context(tmp_path / "other"), PASSPHRASE, actor="test")
    try:
        workspace.add_case(demo_case())
        with pytest.raises(EditError, match="has not been sent"):
            ProgressDialog(workspace, REF)
    finally:
        workspace.close(backup=False)


def test_the_case_list_opens_it_with_one_call(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(
        progress_dialog.QMessageBox, "information", lambda _p, _t, text: said.append(text)
    )

    def record_a_visit(dialog: ProgressDialog) -> int:  # the person, while it is open
        dialog.what.setCurrentIndex(dialog.what.findData(Happened.HOME_VISIT.value))
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
        return 0

    monkeypatch.setattr(ProgressDialog, "exec", record_a_visit)
    assert progress_dialog.open_after_sending(None, workspace, REF) is True
    assert [e.what for e in workspace.load(REF)[0].progress] == [Happened.HOME_VISIT]
    monkeypatch.setattr(ProgressDialog, "exec", lambda _d: 0)
    assert progress_dialog.open_after_sending(None, workspace, REF) is False, "nothing new"

    other = Workspace.create(fast_context(tmp_path / "other"), PASSPHRASE, actor="test")
    try:
        other.add_case(demo_case())
        assert progress_dialog.open_after_sending(None, other, REF) is False
        assert said == [f"{REF} has not been sent: there is nothing after sending yet."]
    finally:
        other.close(backup=False)


def test_recording_from_the_keyboard_alone(
    qtbot: QtBot, workspace: Workspace, sent_on: date
) -> None:
    dialog = shown(qtbot, workspace)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.what)
    order: list[QWidget | None] = [dialog.what]
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [
        dialog.what,
        dialog.on.day,
        dialog.on.month,
        dialog.on.year,
        dialog.note,
        dialog.record_button,
        dialog.close_button,
    ]
    dialog.what.setFocus()
    qtbot.keyClick(dialog.what, Qt.Key.Key_Down)  # the second choice: the home visit
    assert dialog.chosen() is Happened.HOME_VISIT
    dialog.note.setFocus()
    qtbot.keyClicks(dialog.note, "Rang the provider")
    with qtbot.waitSignal(dialog.recorded):
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return)  # Record is the default button
    assert [(e.what, e.on) for e in workspace.load(REF)[0].progress] == [
        (Happened.HOME_VISIT, sent_on)
    ]


def test_names_and_descriptions_for_assistive_tools(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = shown(qtbot, workspace)
    assert dialog.what.accessibleName() == "What happened"
    assert dialog.on.day.accessibleName() == "The day it happened: day"
    assert dialog.note.accessibleDescription() == NOTE_HINT
    assert "never" in NOTE_HINT and "this device only" in NOTE_HINT
    assert dialog.timeline.accessibleName() == "Timeline"
    assert dialog.entries.accessibleName() == "Recorded so far"
    buddies = {b.text(): b.buddy() for b in dialog.findChildren(QLabel) if b.buddy()}
    assert buddies["&What happened:"] is dialog.what
    assert buddies["&On:"] is dialog.on and dialog.on.focusProxy() is dialog.on.day
    assert buddies["&Note:"] is dialog.note
    assert labels_hiding_text(dialog) == [], "a problem is read by its words"


def test_touch_mode_targets_and_a_small_screen(
    qtbot: QtBot, styled: QApplication, workspace: Workspace, sent_on: date
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(1024, 768)
    parent.show()
    dialog = ProgressDialog(workspace, REF, parent, today=sent_on + timedelta(days=30))
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.height() <= 768 and dialog.width() <= 1024
    assert not dialog.scroller.horizontalScrollBar().isVisible(), "nothing cut off sideways"
    dialog.close()

    display.apply_display(styled, DisplayMode.ON, TextSize.NORMAL)
    touch = ProgressDialog(workspace, REF, parent, today=sent_on + timedelta(days=30))
    touch.show()
    qtbot.waitExposed(touch)
    for target in (touch.what, touch.on.day, touch.on.month, touch.note, touch.record_button):
        assert target.height() >= display.TOUCH_TARGET_PX, target.objectName()
    assert touch.close_button.height() >= display.TOUCH_TARGET_PX
    assert touch.height() <= 768, "taller content scrolls inside the dialog"


def test_the_overdue_alert_keeps_its_contrast_in_a_dark_palette(
    qtbot: QtBot, styled: QApplication, workspace: Workspace, sent_on: date
) -> None:
    display.use_palette(styled, colours.dark_palette())
    dialog = shown(qtbot, workspace, today=sent_on + timedelta(days=30))
    assert dialog.alert.isVisible() and dialog.alert.font().bold()
    text = dialog.alert.palette().color(QPalette.ColorRole.WindowText)
    background = dialog.palette().color(QPalette.ColorRole.Window)
    assert colours.contrast(text, background) >= colours.MIN_CONTRAST
