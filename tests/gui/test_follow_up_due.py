"""Someone unable to sign at the visit is followed up by the day the practitioner gives (or
five working days later), and the case list shows it as the case's next action."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from rpc_desktop.domain.case import Signer
from rpc_desktop.domain.followups import follow_up_due
from rpc_desktop.gui.main_window import MainWindow
from rpc_desktop.gui.wizard.final_pages import AgreementPage
from tests.gui.drive import type_date
from tests.gui.test_case_list import column
from tests.gui.test_private_parts import open_at, window  # noqa: F401
from tests.helpers import demo_case


def test_a_follow_up_date_given_at_the_agreement_is_the_cases_next_action(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811
) -> None:
    case = demo_case().model_copy(update={"signatures": []})
    wizard = open_at(window, case, "agreement")
    page = wizard.currentPage()
    assert isinstance(page, AgreementPage)
    by = date.today() + timedelta(days=10)
    qtbot.keyClicks(page.reasons[Signer.PARENT_B], "Away working this week")
    type_date(qtbot, page.dues[Signer.PARENT_B], by)
    qtbot.keyClick(page.reasons[Signer.PARENT_B], Qt.Key.Key_Return)
    (follow,) = window.host.session.case.follow_ups  # type: ignore[union-attr]
    assert (follow.signer, follow.due) == (Signer.PARENT_B, by)
    # Parent A without a date: the usual five working days.
    qtbot.keyClicks(page.reasons[Signer.PARENT_A], "Needs their glasses")
    qtbot.keyClick(page.reasons[Signer.PARENT_A], Qt.Key.Key_Return)
    window.show_list()
    assert column(window.cases, "Next action") == ["Get Parent A's signature"]
    day = follow_up_due(date.today())
    assert column(window.cases, "Due")[0].endswith(f"{day.day} {day:%b %Y}")
