"""Each parent's private part: from Parent B's part, no route shows Parent A's screening.

Back, the steps list, the eligibility page's links, the handover and a resumed case all
reach Parent A's safety questions folded, with none of A's answers in any widget; only the
explicit, audited "Show Parent A's answers" shows them, and they fold again when the page
is left.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from rpc_desktop.domain.case import Case, ParentSlot, VisitOrder
from rpc_desktop.gui.main_window import MainWindow
from rpc_desktop.gui.wizard.items import AnswerInput
from rpc_desktop.gui.wizard.screening_page import ScreeningPage
from rpc_desktop.store.tables import audit_log
from tests.gui.drive import answer_in_turn
from tests.gui.test_app import first_run
from tests.helpers import demo_case, fast_context, varied

A_CONTACT = "Call the office number first"


def in_turn_case(*, a_done: bool = True) -> Case:
    """The demo family on a visit held each parent in turn; Parent B's screening not
    finished (the practitioner is in B's part), Parent A's done or not."""
    case = varied(
        demo_case(),
        **{
            "screening_a.safe_contact": A_CONTACT,
            "screening_a.completed": a_done,
            "screening_b.completed": False,
        },
    )
    return case.model_copy(update={"visit_order": VisitOrder.EACH_IN_TURN})


@pytest.fixture
def window(qtbot: QtBot, isolated_home: Path) -> MainWindow:
    win = MainWindow(fast_context(isolated_home))
    qtbot.addWidget(win)
    win.show()
    first_run(qtbot, win)
    return win


def open_at(window: MainWindow, case: Case, page: str):  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    window.workspace.store.add_case(case, page=page)
    window.open_case(case.reference)
    assert window.host is not None
    return window.host.wizard


def a_page(window: MainWindow) -> ScreeningPage:
    assert window.host is not None
    (page,) = [p for p in window.host.wizard.findChildren(ScreeningPage) if p.slot is ParentSlot.A]
    return page


def a_answers_held(window: MainWindow) -> list[str]:
    """What of Parent A's screening any widget of the wizard holds (goal: nothing), whether
    the page's body is in it or put away while the page is far (StepPage.shelve)."""
    page = a_page(window)
    body = page.scroll_area or page
    held = [
        f"{w.item.id}={w.value()}" for w in body.findChildren(AnswerInput) if w.value() is not None
    ]
    if page.contact.text():
        held.append("safe contact")
    if page.alone.isChecked() or page.safe.isChecked():
        held.append("gate ticks")
    if page.questions.isVisibleTo(body):
        held.append("questions shown")
    assert window.host is not None
    texts = [w.text() for w in window.host.findChildren(type(page.contact))]
    if any(A_CONTACT in t for t in texts):
        held.append("contact text elsewhere")
    return held


def into_b_part(window: MainWindow, qtbot: QtBot):  # type: ignore[no-untyped-def]
    wizard = open_at(window, in_turn_case(), "handover-b")
    assert wizard.current_step().id == "handover-b"
    handover = wizard.currentPage()
    assert not handover.isComplete()
    handover.alone.click()
    wizard.next()
    assert wizard.current_step().id == "screening-b"
    b_page = wizard.currentPage()
    assert b_page.questions.isVisibleTo(b_page), "with Parent B alone, B's questions show"
    assert any(w.value() is not None for w in b_page.findChildren(AnswerInput))
    return wizard


def test_back_from_parent_bs_part_never_shows_parent_as_answers(
    qtbot: QtBot, window: MainWindow
) -> None:
    wizard = into_b_part(window, qtbot)
    assert a_page(window).title() == "Safety questions: Parent A", "a neutral title"
    seen = []
    while wizard.current_step().id != "scheme":
        wizard.back()
        seen.append(wizard.current_step().id)
        assert a_answers_held(window) == [], f"at {wizard.current_step().id}"
    assert "screening-a" in seen and "handover-b" in seen
    wizard.go_to("screening-a")
    page = a_page(window)
    assert page.fold.isVisibleTo(page) and "done, on" in page.fold_text.text()
    assert a_answers_held(window) == []


def test_the_steps_list_and_the_eligibility_links_reach_it_folded(
    qtbot: QtBot, window: MainWindow
) -> None:
    wizard = into_b_part(window, qtbot)
    assert window.host is not None
    steps = window.host.steps
    row = next(i for i in range(steps.count()) if steps.item(i).data(256) == "screening-a")
    steps.setFocus()
    steps.setCurrentRow(row)
    qtbot.keyClick(steps, Qt.Key.Key_Return)  # Enter on the step, as a keyboard user would
    qtbot.waitUntil(lambda: wizard.current_step().id == "screening-a")
    assert a_answers_held(window) == []
    wizard.go_to("eligibility")
    wizard.currentPage().go_to.emit("screening-a")  # "Go to the question" on that page
    assert wizard.current_step().id == "screening-a"
    assert a_answers_held(window) == []


def test_only_the_audited_reveal_shows_them_and_they_fold_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    wizard = into_b_part(window, qtbot)
    wizard.go_to("screening-a")
    page = a_page(window)
    answer_in_turn("Cancel")
    page.reveal.click()
    assert a_answers_held(window) == [], "cancelled: nothing shown"
    said = answer_in_turn("Show Parent A")
    page.reveal.click()
    assert "check who can see the screen" in said[0]
    held = a_answers_held(window)
    assert "safe contact" in held and "questions shown" in held
    assert window.workspace is not None
    with window.workspace.store.engine.connect() as conn:
        actions = [
            (r.action, r.detail)
            for r in conn.execute(select(audit_log.c.action, audit_log.c.detail))
        ]
    assert ("screening-answers-shown", "a") in actions
    assert ("handover-confirmed", "b") in actions
    wizard.next()
    assert a_answers_held(window) == [], "left: folded again"
    wizard.back()
    assert wizard.current_step().id == "screening-a"
    assert a_answers_held(window) == [], "back again: still folded"


def test_an_unfinished_screening_goes_on_only_through_its_handover(
    qtbot: QtBot, window: MainWindow
) -> None:
    wizard = open_at(window, in_turn_case(a_done=False), "screening-a")
    page = a_page(window)
    assert wizard.currentPage() is page
    assert "started, not finished" in page.fold_text.text()
    assert a_answers_held(window) == [], "a resumed case is with nobody"
    assert not page.reveal.isVisibleTo(page) and page.to_handover.isVisibleTo(page)
    page.to_handover.click()
    assert wizard.current_step().id == "handover-a"
    wizard.currentPage().alone.click()
    wizard.next()
    assert wizard.current_step().id == "screening-a"
    assert "safe contact" in a_answers_held(window), "with Parent A alone: it goes on"


def test_guidance_hides_with_one_key_on_every_page(qtbot: QtBot, window: MainWindow) -> None:
    wizard = into_b_part(window, qtbot)
    page = wizard.currentPage()
    assert all(p.isVisibleTo(page) for p in page.prompts[:3])
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.questions.findChildren(AnswerInput)[0].setFocus()
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert not any(p.isVisibleTo(page) for p in page.prompts)
    wizard.next()
    rsq = wizard.currentPage()
    assert wizard.current_step().kind.value == "rsq"
    assert not any(p.isVisibleTo(rsq) for p in rsq.prompts), "hidden on the next page too"
    rsq.guidance_toggle.click()
    assert any(p.isVisibleTo(rsq) for p in rsq.prompts)


def _with_a_alone(window: MainWindow):  # type: ignore[no-untyped-def]
    """Parent A's part of an each-in-turn visit, A's screening open and not finished, the
    practitioner confirmed alone with A at the handover (no walking: page by page)."""
    wizard = open_at(window, in_turn_case(a_done=False), "handover-a")
    wizard.currentPage().alone.click()
    wizard.next()
    assert wizard.current_step().id == "screening-a"
    assert "safe contact" in a_answers_held(window), "with Parent A alone, A's part is open"
    return wizard


def test_back_into_a_page_filled_with_parent_a_folds_it_once_with_parent_b(
    qtbot: QtBot, window: MainWindow
) -> None:
    wizard = _with_a_alone(window)
    while wizard.current_step().id != "handover-b":  # A's questionnaire, page by page
        wizard.next()
        assert a_answers_held(window) == [], f"left A's screening, at {wizard.current_step().id}"
    wizard.currentPage().alone.click()
    wizard.next()
    assert wizard.current_step().id == "screening-b"
    while wizard.current_step().id != "screening-a":
        wizard.back()
        assert a_answers_held(window) == [], f"at {wizard.current_step().id}"
    assert "go to the handover" in a_page(window).fold_text.text()


def test_a_jump_out_of_parent_as_part_forgets_who_the_practitioner_is_with(
    qtbot: QtBot, window: MainWindow
) -> None:
    wizard = _with_a_alone(window)
    assert window.host is not None
    wizard.go_to("rsq-b")  # the steps list, or an eligibility link: Parent B may be here now
    assert window.host.session.with_parent is None
    wizard.go_to("screening-a")
    assert a_answers_held(window) == []
    wizard.go_to("handover-b")
    assert not wizard.currentPage().alone.isChecked()


def test_deferring_hands_over_to_nobody_and_resuming_needs_the_handover(
    qtbot: QtBot, window: MainWindow
) -> None:
    wizard = _with_a_alone(window)
    page = a_page(window)
    page.defer_reason.setText("Parent B came back in")
    page.defer.click()
    assert window.host is not None and window.host.session.with_parent is None
    assert a_answers_held(window) == [] and page.to_handover.isVisibleTo(page)
    page.to_handover.click()
    wizard.currentPage().alone.click()
    wizard.next()
    assert page.defer.text() == "Resume this screening" and page.defer.isVisibleTo(page)


def test_answers_shown_by_the_reveal_cannot_be_changed(qtbot: QtBot, window: MainWindow) -> None:
    wizard = into_b_part(window, qtbot)
    wizard.go_to("screening-a")
    page = a_page(window)
    answer_in_turn("Show Parent A")
    page.reveal.click()
    assert "questions shown" in a_answers_held(window)
    for part in (page.questions, page.done, page.gate, page.defer_row):
        assert not part.isEnabled(), part


def test_a_screening_reached_by_a_jump_within_its_parents_part_can_be_begun(
    qtbot: QtBot, window: MainWindow
) -> None:
    """With Parent A confirmed at the handover, the steps list skips A's screening and comes
    back to it: it opens, begun, and its gate can be ticked."""
    case = in_turn_case().model_copy(update={"screening_a": None})
    wizard = open_at(window, case, "handover-a")
    wizard.currentPage().alone.click()
    wizard.go_to("rsq-a")
    wizard.go_to("screening-a")
    page = a_page(window)
    assert page.questions.isVisibleTo(page) or page.gate.isVisibleTo(page)
    page.alone.click()
    assert window.host is not None
    screening = window.host.session.case.screening_a
    assert screening is not None and screening.alone_confirmed
