"""From the case list, as a practitioner does once the team lead approved a referral: record
the day it went to the gateway, see the clock's next step and its due date, record what
happened, and see an overdue step flagged in the list, at the top and in the dialog."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from rpc_desktop.domain.progress import Happened
from rpc_desktop.domain.status import CaseStatus
from rpc_desktop.gui.main_window import MainWindow
from rpc_desktop.gui.progress_dialog import ProgressDialog
from rpc_desktop.gui.sent_dialog import SentDialog
from tests.gui.test_case_list import column
from tests.gui.test_private_parts import window  # noqa: F401
from tests.helpers import demo_case


def test_an_approved_referral_is_sent_its_steps_recorded_and_an_overdue_one_flagged(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811
) -> None:
    workspace = window.workspace
    assert workspace is not None
    cases = window.cases
    case = demo_case()
    workspace.add_case(case)
    # The review exchange itself is driven in test_review_screen.py: here it has happened.
    for to in (CaseStatus.READY_FOR_REVIEW, CaseStatus.APPROVED):
        workspace.store.set_status(case.reference, to)
    cases.attach(workspace)
    assert column(cases, "Next action") == ["Send the approved referral"]
    cases.ui.table.selectRow(0)
    after = cases.ui.afterButton
    assert after.isEnabled() and after.text().replace("&", "") == "Record sending…"

    # A day in the future is refused beside the date, and nothing moves.
    qtbot.mouseClick(after, Qt.MouseButton.LeftButton)
    sent_dialog = QApplication.activeModalWidget()
    assert isinstance(sent_dialog, SentDialog)
    sent_dialog.on.set_date(cases.today + timedelta(days=3))
    qtbot.mouseClick(sent_dialog.ok, Qt.MouseButton.LeftButton)
    assert "has not happened yet" in sent_dialog.problem.text()
    assert workspace.store.list_cases()[0].status is CaseStatus.APPROVED
    sent_dialog.on.set_date(cases.today)
    qtbot.mouseClick(sent_dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not sent_dialog.isVisible())
    assert workspace.store.list_cases()[0].status is CaseStatus.SENT
    assert column(cases, "Status") == ["Sent"]
    assert column(cases, "Next action") == ["Referral Gateway processes the referral"]
    assert not column(cases, "Due")[0].startswith("Overdue")

    # What happened, recorded from the "After sending" dialog: the list moves on.
    cases.ui.table.selectRow(0)
    assert after.text().replace("&", "") == "After sending…"
    qtbot.mouseClick(after, Qt.MouseButton.LeftButton)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ProgressDialog)
    dialog.what.setCurrentIndex(dialog.what.findData(Happened.GATEWAY_ACKNOWLEDGED.value))
    dialog.on.set_date(cases.today)
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "", dialog.error.text()
    assert column(cases, "Next action") == ["Provider's first home visit"]
    dialog.close()

    # Three weeks on, the first home visit (ten working days) is overdue: bold words in the
    # list, counted at the top, and flagged in the dialog.
    cases.today += timedelta(days=21)
    cases.reload()
    (due,) = column(cases, "Due")
    assert due.startswith("Overdue: ")
    assert cases.ui.dueSummary.text() == "Follow-ups: 1 overdue."
    later = ProgressDialog(workspace, case.reference, cases, today=cases.today)
    qtbot.addWidget(later)
    assert "overdue" in later.alert.text().lower()
    saved, _page = workspace.load(case.reference)
    assert [e.what for e in saved.progress] == [Happened.GATEWAY_ACKNOWLEDGED]
    actions = [e["action"] for e in workspace.store.export_case(case.reference)["audit"]]
    assert "progress-recorded" in actions
