"""The safety questions' gate asks about the interpreter only for a parent who needs one,
and the questions stay closed until it is ticked (issue 13)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from rpc_desktop.gui.main_window import MainWindow
from tests.gui.test_private_parts import in_turn_case, open_at, window  # noqa: F401
from tests.helpers import varied


def test_the_interpreter_tick_shows_only_for_a_parent_who_needs_one(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811
) -> None:
    case = varied(
        in_turn_case(a_done=False),
        **{
            "parent_b.interpreter_needed": True,
            "parent_b.preferred_language": "Polish",
            "screening_b.interpreter_not_family": False,
        },
    )
    wizard = open_at(window, case, "handover-b")
    wizard.currentPage().alone.click()
    wizard.next()
    assert wizard.current_step().id == "screening-b"
    page = wizard.currentPage()
    assert page.interpreter.isVisibleTo(page) and "family member or friend" in (
        page.interpreter.text()
    )
    assert page.alone.isChecked() and page.safe.isChecked()
    assert not page.questions.isEnabled(), "closed until the interpreter is confirmed"
    page.interpreter.click()
    assert page.questions.isEnabled()
    assert window.host is not None
    assert window.host.session.case.screening_b is not None
    assert window.host.session.case.screening_b.interpreter_not_family
    # Parent A needs no interpreter: no such tick on A's page.
    wizard.go_to("handover-a")
    wizard.currentPage().alone.click()
    wizard.next()
    a_page = wizard.currentPage()
    assert wizard.current_step().id == "screening-a"
    assert a_page.gate.isVisibleTo(a_page) and a_page.questions.isEnabled()
    assert not a_page.interpreter.isVisibleTo(a_page)


def test_an_rsq_page_says_how_far_the_conversation_has_got(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811
) -> None:
    case = in_turn_case()
    assert case.rsq_a is not None
    answers = {k: v for k, v in case.rsq_a.answers.items() if k != "conflict-intensity"}
    case = case.model_copy(update={"rsq_a": case.rsq_a.model_copy(update={"answers": answers})})
    wizard = open_at(window, case, "rsq-a-conflict")
    assert wizard.current_step().id == "rsq-a-conflict"
    page = wizard.currentPage()
    words = page.progress.text()
    assert "part 2 of 9" in words and "questions answered · about 1 minute left" in words
    asked = int(words.split(" of ")[2].split()[0])
    assert f"{asked - 1} of {asked} questions answered" in words
    row = page.rows["conflict-intensity"][1]
    assert row._decline is not None
    row._decline.click()
    assert page.progress.text().endswith(f"{asked} of {asked} questions answered")
