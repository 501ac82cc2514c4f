"""The domain's editing verbs: a change that fits is made, one that does not is refused where
it is given, with a message saying what and where; the case given is never changed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from rpc_desktop.domain import editing
from rpc_desktop.domain.case import CarerRole, Case, Form, OversightDecision, ParentSlot, Point
from rpc_desktop.domain.case import Signer as Who
from rpc_desktop.domain.editing import EditError
from rpc_desktop.domain.labels import Labelled
from tests.helpers import demo_case, packs

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def blank() -> Case:
    return Case(reference="RPC-TEST-0001", scheme_id="north-east-relationships-matter")


# --- answers ---------------------------------------------------------------------------


def test_an_answer_is_given_checked_and_cleared() -> None:
    rsq = packs().questionnaire(Form.RSQ)
    item = next(i for i in rsq.items() if i.options)
    case = blank()
    answered = editing.answer(case, rsq, Form.RSQ, ParentSlot.A, item.id, item.options[0].value)
    assert case.rsq_a is None, "the case given is never changed"
    assert answered.rsq_a is not None
    assert answered.rsq_a.questionnaire_version == rsq.version
    assert answered.rsq_a.answers == {item.id: item.options[0].value}
    for empty in (None, "", []):
        cleared = editing.answer(answered, rsq, Form.RSQ, ParentSlot.A, item.id, empty)
        assert cleared.rsq_a is not None and item.id not in cleared.rsq_a.answers


def test_an_answer_the_question_does_not_take_is_refused_where_it_is_given() -> None:
    rsq = packs().questionnaire(Form.RSQ)
    item = next(i for i in rsq.items() if i.options)
    with pytest.raises(EditError) as refused:
        editing.answer(blank(), rsq, Form.RSQ, ParentSlot.B, item.id, "not-an-option")
    message = str(refused.value)
    assert "Parent B" in message and item.text in message
    assert "'not-an-option' is not an answer to this question" in message
    scale = next(i for i in rsq.items() if i.scale is not None)
    assert scale.scale is not None
    with pytest.raises(EditError, match="whole number"):
        editing.answer(blank(), rsq, Form.RSQ, ParentSlot.A, scale.id, scale.scale.max + 1)
    with pytest.raises(EditError, match="no question 'no-such-item'"):
        editing.answer(blank(), rsq, Form.RSQ, ParentSlot.A, "no-such-item", "yes")


def test_a_screening_answer_goes_to_that_parents_screening_only() -> None:
    screening = packs().questionnaire(Form.SCREENING)
    item = next(i for i in screening.items if i.type.value == "yesno")
    case = editing.answer(blank(), screening, Form.SCREENING, ParentSlot.B, item.id, "no")
    assert case.screening_b is not None and case.screening_b.answers == {item.id: "no"}
    assert case.screening_a is None and case.rsq_b is None


# --- details ---------------------------------------------------------------------------


def test_a_detail_is_checked_when_it_is_given() -> None:
    case = blank()
    named = editing.edit(case, editing.parent_detail(ParentSlot.A, "name"), "Zofia Testowa")
    assert named.parent_a.name == "Zofia Testowa" and case.parent_a.name == ""
    born = editing.edit(named, editing.parent_detail(ParentSlot.A, "date_of_birth"), "1990-02-03")
    assert born.parent_a.date_of_birth == date(1990, 2, 3)
    with pytest.raises(EditError, match=r"^Parent A: date of birth: "):
        editing.edit(named, editing.parent_detail(ParentSlot.A, "date_of_birth"), "1850-01-01")
    role = editing.edit(named, editing.parent_detail(ParentSlot.B, "role"), "step-parent")
    assert role.parent_b.role is CarerRole.STEP_PARENT
    with pytest.raises(EditError, match=r"^Parent B: role: "):
        editing.edit(named, editing.parent_detail(ParentSlot.B, "role"), "uncle")
    with pytest.raises(EditError, match=r"^Reference: "):
        editing.edit(case, editing.case_detail("reference"), "../../etc")


def test_a_detail_names_a_field_that_exists() -> None:
    with pytest.raises(ValueError, match="no field 'nmae'"):
        editing.parent_detail(ParentSlot.A, "nmae")
    with pytest.raises(ValueError):
        editing.Detail(editing.Part.PARENT, "name", "c")


def test_prior_support_is_begun_by_its_first_detail() -> None:
    case = editing.edit(blank(), editing.prior_detail("start_date"), "2026-01-05")
    assert case.prior_intervention is not None
    assert case.prior_intervention.start_date == date(2026, 1, 5)
    assert editing.read(blank(), editing.prior_detail("start_date")) is None


def test_a_screening_detail_needs_the_screening_begun() -> None:
    detail = editing.screening_detail(ParentSlot.A, "alone_confirmed")
    with pytest.raises(EditError, match="Parent A: alone confirmed: that conversation"):
        editing.edit(blank(), detail, True)
    begun = editing.start(blank(), Form.SCREENING, ParentSlot.A, "1")
    assert editing.read(editing.edit(begun, detail, True), detail) is True


# --- children ----------------------------------------------------------------------------


def test_children_are_added_edited_by_id_removed_and_put_back() -> None:
    case, first = editing.add_child(blank())
    case, second = editing.add_child(case)
    assert first != second
    case = editing.edit(case, editing.child_detail(second, "name"), "Maja")
    case = editing.set_focus_child(case, second)
    case, removed = editing.remove_child(case, second)
    assert [c.id for c in case.children] == [first] and case.focus_child_id is None
    case = editing.edit(case, editing.child_detail(first, "name"), "Ola")
    case = editing.restore_child(case, removed)
    assert [c.name for c in case.children] == ["Ola", "Maja"]
    assert case.focus_child_id == second
    with pytest.raises(EditError, match="no child"):
        editing.edit(case, editing.child_detail("child-gone", "name"), "x")
    with pytest.raises(EditError, match="no child"):
        editing.set_focus_child(case, "child-gone")


# --- screening, oversight, the agreement ---------------------------------------------------


def test_screening_is_completed_deferred_and_resumed() -> None:
    case = editing.start(blank(), Form.SCREENING, ParentSlot.B, "1")
    done = editing.complete_screening(case, ParentSlot.B, done=True, by="Priya", at=NOW)
    assert done.screening_b is not None and done.screening_b.screened_at == NOW
    deferred = editing.defer_screening(done, ParentSlot.B, reason="Other parent came home")
    assert deferred.screening_b is not None and deferred.screening_b.deferred
    resumed = editing.resume_screening(deferred, ParentSlot.B)
    assert resumed.screening_b is not None
    assert not resumed.screening_b.deferred and resumed.screening_b.deferred_reason == ""
    with pytest.raises(EditError, match="Parent A's safety questions have not started"):
        editing.defer_screening(blank(), ParentSlot.A, reason="x")


def test_oversight_needs_a_name_and_a_decision() -> None:
    with pytest.raises(EditError, match="manager's name"):
        editing.record_oversight(
            blank(), decided_by=" ", role="", decision=OversightDecision.PROCEED, notes="", at=NOW
        )
    with pytest.raises(EditError, match="choose a decision"):
        editing.record_oversight(
            blank(), decided_by="Sam", role="", decision=None, notes="", at=NOW
        )
    case = editing.record_oversight(
        blank(),
        decided_by="Sam",
        role="Manager",
        decision=OversightDecision.PROCEED,
        notes="",
        at=NOW,
    )
    assert case.oversight is not None and case.oversight.decided_by == "Sam"


def test_a_signature_is_on_the_text_shown_and_settles_a_follow_up() -> None:
    demo = demo_case()
    agreement = packs().agreement_for(packs().scheme(demo.scheme_id))
    waiting = editing.record_follow_up(demo, Who.PARENT_B, "At work today", at=NOW)
    assert [f.signer for f in waiting.follow_ups] == [Who.PARENT_B]
    with pytest.raises(EditError, match="say why"):
        editing.record_follow_up(demo, Who.PARENT_B, "  ", at=NOW)
    strokes = [[Point(x=0.1, y=0.2), Point(x=0.5, y=0.6)]]
    signed = editing.sign(waiting, Who.PARENT_B, agreement, strokes, aspect=3.0, at=NOW)
    signature = signed.signature(Who.PARENT_B)
    assert signature is not None and signature.text_sha256 == agreement.sha256
    assert signature.name == demo.parent_b.name and signed.follow_ups == []
    unsigned = editing.sign(signed, Who.PARENT_B, agreement, [], aspect=3.0, at=NOW)
    assert unsigned.signature(Who.PARENT_B) is None


# --- labels --------------------------------------------------------------------------------


def _labelled(kind: type) -> list[type[Labelled]]:
    found = []
    for sub in kind.__subclasses__():
        found += [sub, *_labelled(sub)]
    return found


def test_every_enum_people_read_has_words_for_each_member() -> None:
    import rpc_desktop.domain.eligibility
    import rpc_desktop.domain.roles
    import rpc_desktop.domain.screening
    import rpc_desktop.domain.status  # noqa: F401

    kinds = _labelled(Labelled)
    assert len(kinds) >= 12
    for kind in kinds:
        for member in kind:
            assert member.label.strip(), f"{kind.__name__}.{member.name} has no label"
        assert set(kind.__labels__) == {str(m) for m in kind}, kind.__name__


def test_no_verb_makes_a_case_that_would_not_load_again() -> None:
    begun = editing.start(blank(), Form.SCREENING, ParentSlot.A, "1")
    with pytest.raises(EditError, match="Parent A's safety questions: "):
        editing.complete_screening(
            begun, ParentSlot.A, done=True, by="Priya", at=datetime(2026, 1, 1)
        )
    with pytest.raises(ValueError, match="not edited"):
        editing.child_detail("child-1", "id")
    case, child = editing.add_child(blank())
    case = editing.edit(case, editing.child_detail(child, "name"), "Maja")
    case = editing.complete_screening(
        editing.start(case, Form.SCREENING, ParentSlot.B, "1"),
        ParentSlot.B,
        done=True,
        by="P",
        at=NOW,
    )
    assert Case.model_validate_json(case.model_dump_json()) == case
