"""The questionnaire records the conversation (issue 13): "Prefer not to say" for every
required question, words for every "Something else", notes under every part, and only what
the scheme needs to decide is required."""

from __future__ import annotations

from rpc_desktop.domain.case import Form, ParentSlot
from rpc_desktop.domain.eligibility import evaluate
from rpc_desktop.domain.questionnaire import (
    DECLINED,
    DECLINED_LABEL,
    ItemType,
    conversation_progress,
    missing_required,
    shown_items,
)
from tests.helpers import demo_case, packs
from tests.unit.test_documents import flat, pdf_text, rsq_pdf

REQUIRED = {
    "parent-role",
    "expecting-role",
    "rel-status-together",
    "rel-status-apart",
    "conflict-frequency",
    "conflict-intensity",
    "child-sees",
    "due-date",
    "ready",
    "other-willing",
    "contact-method",
}
"""Who the parent is to the child, where the relationship is, how much conflict and whether
the children are exposed to it (what RPC is for), whether they will take part, how the
provider reaches them, and for an expected baby, when. (Language and interpreter are asked
once, with the parent's details.)"""


def test_only_what_the_scheme_needs_to_decide_is_required() -> None:
    rsq = packs().rsq
    assert rsq is not None
    assert {i.id for i in rsq.items() if i.required} == REQUIRED


def test_every_required_question_takes_prefer_not_to_say_and_it_counts() -> None:
    rsq = packs().rsq
    assert rsq is not None
    for item in rsq.items():
        if item.type is not ItemType.TEXT:  # free text takes any words
            assert item.accepts(DECLINED) is item.required, item.id
        if item.required:
            assert item.display(DECLINED) == DECLINED_LABEL
    case = demo_case()
    assert case.rsq_a is not None
    answers = dict(case.rsq_a.answers)
    assert not missing_required(rsq, case.variant, answers)
    answers["conflict-frequency"] = DECLINED
    answers["conflict-intensity"] = DECLINED
    assert not missing_required(rsq, case.variant, answers), "declined counts as answered"
    del answers["conflict-frequency"]
    assert [i.id for i in missing_required(rsq, case.variant, answers)] == ["conflict-frequency"]


def test_the_screening_never_takes_prefer_not_to_say() -> None:
    screening = packs().screening
    assert screening is not None
    assert not any(item.accepts(DECLINED) for item in screening.items)


def test_every_something_else_asks_for_the_parents_words() -> None:
    rsq = packs().rsq
    assert rsq is not None
    items = rsq.items()
    for item in items:
        for option in item.options:
            if option.label.lower() in ("something else", "with someone else"):
                follow = [
                    i
                    for i in items
                    if i.show_if is not None
                    and i.show_if.item == item.id
                    and option.value in i.show_if.values
                ]
                assert follow and follow[0].type is ItemType.TEXT, (item.id, option.value)


def test_every_part_ends_with_notes_in_the_parents_words() -> None:
    rsq = packs().rsq
    assert rsq is not None
    for section in rsq.sections:
        last = section.items[-1]
        assert last.id == f"{section.id}-notes" and last.type is ItemType.TEXT
        assert not last.required and last.show_if is None and last.variants is None


def test_declined_notes_and_words_print_on_that_parents_rsq_only() -> None:
    case = demo_case()
    assert case.rsq_a is not None and case.rsq_b is not None
    a = dict(case.rsq_a.answers)
    a["conflict-intensity"] = DECLINED
    a["conflict-notes"] = "Says the rows are mostly about money since the new job."
    a["parent-role"] = "other"
    a["parent-role-detail"] = "Nan who has brought Maja up since she was two"
    case = case.model_copy(update={"rsq_a": case.rsq_a.model_copy(update={"answers": a})})
    text_a = flat(pdf_text(rsq_pdf(case, ParentSlot.A)))
    assert "When you disagree, how heated does it usually get? Prefer not to say" in text_a
    assert "Says the rows are mostly about money since the new job." in text_a
    assert "Nan who has brought Maja up since she was two" in text_a
    text_b = flat(pdf_text(rsq_pdf(case, ParentSlot.B)))
    assert "Prefer not to say" not in text_b and "mostly about money" not in text_b
    # Eligibility still sees both parents' questionnaires as talked through.
    scheme = packs().schemes[case.scheme_id]
    evaluation = evaluate(case, scheme, case.referral_date, packs=packs())
    rsq_done = next(c for c in evaluation.criteria if c.id == "rsq")
    assert rsq_done.status.value == "met", rsq_done.reason
    assert {i.id for i in shown_items(packs().rsq.items(), case.variant, a)} >= {  # type: ignore[union-attr]
        "parent-role-detail",
        "conflict-notes",
    }
    assert case.part(Form.RSQ, ParentSlot.A) is not None


def test_the_progress_says_which_part_how_much_and_about_how_long_is_left() -> None:
    rsq = packs().rsq
    assert rsq is not None
    case = demo_case()
    start = conversation_progress(rsq, case.variant, {}, "relationship")
    assert (start.part, start.answered) == (1, 0)
    assert start.parts == len(
        [s for s in rsq.sections if any(i.applies_to(case.variant) for i in s.items)]
    )
    # Every question not yet answered: half a minute, or a minute and a half written down.
    asked = [i for i in shown_items(rsq.items(), case.variant, {}) if not i.id.endswith("-notes")]
    assert start.asked == len(asked)
    seconds = sum(90 if i.type is ItemType.TEXT else 30 for i in asked)
    assert start.minutes_left == -(-seconds // 60)
    assert case.rsq_a is not None
    answers = dict(case.rsq_a.answers)
    later = conversation_progress(rsq, case.variant, answers, "practical")
    assert later.part == later.parts and later.answered > 0
    assert later.minutes_left < start.minutes_left
    answers["conflict-frequency"] = DECLINED
    assert conversation_progress(rsq, case.variant, answers, "conflict").answered >= later.answered


def test_each_parts_notes_are_named_for_their_part() -> None:
    """A screen reader (and `make a11y`) tells the notes of one part from another's."""
    rsq = packs().rsq
    assert rsq is not None
    names = [s.items[-1].text for s in rsq.sections]
    assert len(set(names)) == len(names)
    assert all(s.title in s.items[-1].text for s in rsq.sections)
