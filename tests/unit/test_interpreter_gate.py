"""Language and interpreter are asked once, with the parent's details; before the safety
questions, a parent who needs an interpreter is screened only with a professional one,
never a family member or friend (issue 13)."""

from __future__ import annotations

from rpc_desktop.domain.case import Case, ParentSlot
from rpc_desktop.domain.screening import ScreeningState, evaluate_screening, gate_passed
from tests.helpers import demo_case, packs


def with_interpreter(case: Case, *, needed: bool, professional: bool) -> Case:
    parent = case.parent_a.model_copy(
        update={"interpreter_needed": needed, "preferred_language": "Polish"}
    )
    assert case.screening_a is not None
    screening = case.screening_a.model_copy(update={"interpreter_not_family": professional})
    return case.model_copy(update={"parent_a": parent, "screening_a": screening})


def test_the_questionnaire_no_longer_asks_about_interpreters() -> None:
    rsq = packs().rsq
    assert rsq is not None
    assert not [i.id for i in rsq.items() if "interpret" in (i.id + i.text).lower()]


def test_a_parent_who_needs_an_interpreter_is_screened_only_with_a_professional() -> None:
    screening = packs().screening
    assert screening is not None
    assert "family member or friend" in screening.gate.interpreter.text
    case = demo_case()
    assert gate_passed(case, ParentSlot.A), "no interpreter needed: alone and safe is enough"
    family = with_interpreter(case, needed=True, professional=False)
    assert not gate_passed(family, ParentSlot.A)
    result = evaluate_screening(family, screening, ParentSlot.A)
    assert result.state is ScreeningState.GATE_NOT_PASSED
    professional = with_interpreter(case, needed=True, professional=True)
    assert gate_passed(professional, ParentSlot.A)
    assert evaluate_screening(professional, screening, ParentSlot.A).state is (
        evaluate_screening(case, screening, ParentSlot.A).state
    )
    assert gate_passed(with_interpreter(case, needed=False, professional=False), ParentSlot.A)
