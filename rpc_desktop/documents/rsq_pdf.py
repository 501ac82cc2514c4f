"""RSQ – Parent A / Parent B: one parent's answers, skipped questions left out."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from rpc_desktop.documents.styles import Styles, clean, field_table, markup, para
from rpc_desktop.domain.case import Case, Parent, ParentSlot
from rpc_desktop.domain.dates import long_date
from rpc_desktop.domain.questionnaire import Questionnaire, fill_placeholders, shown_items
from rpc_desktop.domain.scheme import Scheme


def rsq_title(slot: ParentSlot) -> str:
    return f"RSQ – {slot.label}"


def _own_address(parent: Parent) -> list[tuple[str, object]]:
    """Where a parent who lives apart from the family lives: on their own RSQ only (the
    other parent's RSQ never shows it), and not at all for a parent at the family address."""
    if parent.address is None:
        return []
    a = parent.address
    where = ", ".join(p for p in (a.line1, a.line2, a.town, a.postcode) if p.strip())
    return [("Lives at", where or "Not at the family address (address not given)")]


def build_rsq(
    case: Case, slot: ParentSlot, questionnaire: Questionnaire, scheme: Scheme
) -> list[Flowable]:
    parent = case.parent(slot)
    responses = case.rsq(slot)
    answers = responses.answers if responses else {}
    child = case.focus_child
    story: list[Flowable] = [
        markup(clean(f"{questionnaire.title} – {slot.label}"), Styles.title),
        markup(clean(f"{scheme.name} ({scheme.region}) · case {case.reference}"), Styles.subtitle),
        field_table(
            [
                ("Parent", parent.name),
                ("Role", parent.role.label if parent.role else ""),
                ("Contact", " · ".join(x for x in (parent.phone, parent.email) if x)),
                *_own_address(parent),
                ("Family situation", case.variant.label if case.variant else ""),
                ("Focus child", child.name if child else ""),
                (
                    "Questionnaire version",
                    responses.questionnaire_version if responses else "not started",
                ),
                ("Referral date", long_date(case.referral_date) if case.referral_date else ""),
            ]
        ),
    ]
    if responses and responses.questionnaire_version != questionnaire.version:
        story.append(
            para(
                f"These answers were given under questionnaire version "
                f"{responses.questionnaire_version}; the wording below is version "
                f"{questionnaire.version}.",
                Styles.small,
            )
        )
    shown = {i.id for i in shown_items(questionnaire.items(), case.variant, answers)}
    answered = 0
    for section in questionnaire.sections:
        blocks: list[Flowable] = []
        for item in section.items:
            value = answers.get(item.id)
            if item.id not in shown or value is None or value == "" or not item.accepts(value):
                continue
            answered += 1
            # CondPageBreak keeps a question with its answer far more cheaply than KeepTogether.
            blocks += [
                CondPageBreak(24 * mm),
                para(fill_placeholders(item.text, case, slot), Styles.question),
                para(item.display(value), Styles.answer),
            ]
        if blocks:
            # blocks[0] is a CondPageBreak: the heading goes over with its first question.
            story += [blocks[0], para(section.title, Styles.h2), *blocks[1:]]
    if not answered:
        story.append(para("No answers have been recorded yet.", Styles.body))
    story.append(
        para(
            f"{parent.first_name or slot.label} answered on their own, in conversation with "
            f"the practitioner. Questions that did not apply were not asked and are left out.",
            Styles.small,
        )
    )
    return story
