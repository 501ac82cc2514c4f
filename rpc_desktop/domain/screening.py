"""DA screening results: what each parent's screening shows, never what was said."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rpc_desktop.domain.case import Case, ParentSlot
from rpc_desktop.domain.labels import Labelled, labels
from rpc_desktop.domain.questionnaire import Flag, ItemType, ScreeningQuestionnaire, shown_items


class ScreeningState(Labelled):
    NOT_STARTED = "not-started"
    DEFERRED = "deferred"
    GATE_NOT_PASSED = "gate-not-passed"
    INCOMPLETE = "incomplete"
    COMPLETE = "complete"

    __labels__ = labels(
        {
            "not-started": "not screened yet",
            "deferred": "screening deferred",
            "gate-not-passed": "not yet confirmed alone and safe to talk",
            "incomplete": "screening not finished",
            "complete": "screened",
        }
    )
    """Lower case: read inside a sentence ("Parent B: screening deferred")."""


@dataclass(frozen=True)
class ScreeningResult:
    slot: ParentSlot
    state: ScreeningState
    exclusion_items: tuple[str, ...] = ()
    concern_items: tuple[str, ...] = ()
    unanswered: tuple[str, ...] = ()
    last_incident: date | None = None

    @property
    def complete(self) -> bool:
        return self.state is ScreeningState.COMPLETE

    @property
    def has_exclusion(self) -> bool:
        return bool(self.exclusion_items)

    @property
    def has_concern(self) -> bool:
        return bool(self.concern_items)


def gate_passed(case: Case, slot: ParentSlot) -> bool:
    """The questions open only with the parent alone, safe to talk and, where they need an
    interpreter, with a professional one (never a family member or friend)."""
    screening = case.screening(slot)
    if screening is None or not (screening.alone_confirmed and screening.safe_to_talk):
        return False
    return screening.interpreter_not_family or not case.parent(slot).interpreter_needed


def evaluate_screening(
    case: Case, questionnaire: ScreeningQuestionnaire, slot: ParentSlot
) -> ScreeningResult:
    """Flags raised by one parent's answers.

    Flags count as soon as they are answered, even before the screening is complete:
    an indicator stops the referral at once.
    """
    screening = case.screening(slot)
    if screening is None:
        return ScreeningResult(slot, ScreeningState.NOT_STARTED)
    answers = screening.answers
    by_id = {i.id: i for i in questionnaire.items}
    shown = [by_id[i.id] for i in shown_items(list(questionnaire.items), case.variant, answers)]
    flags = {i.id: i.flag_for(answers.get(i.id)) for i in shown}
    exclusion = tuple(item_id for item_id, flag in flags.items() if flag is Flag.EXCLUSION)
    concern = tuple(item_id for item_id, flag in flags.items() if flag is Flag.CONCERN)
    unanswered = tuple(
        i.id
        for i in shown
        if i.type is not ItemType.TEXT and (i.id not in answers or not i.accepts(answers[i.id]))
    )
    last_incident = None
    for item in shown:
        value = answers.get(item.id)
        if item.marks == "last-incident-date" and isinstance(value, str):
            try:
                last_incident = date.fromisoformat(value)
            except ValueError:
                last_incident = None

    if screening.deferred:
        state = ScreeningState.DEFERRED
    elif not gate_passed(case, slot):
        state = ScreeningState.GATE_NOT_PASSED
    elif unanswered or not screening.completed:
        state = ScreeningState.INCOMPLETE
    else:
        state = ScreeningState.COMPLETE
    return ScreeningResult(slot, state, exclusion, concern, unanswered, last_incident)
