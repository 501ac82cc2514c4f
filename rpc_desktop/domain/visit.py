"""The map of a referral and each parent's private part, as plain data.

`step_map` gives every step that applies to a case in this visit's order with its state
(done, needs something, not yet, blocked) and whether the practitioner may go there: the
Flow alone decides what is reachable. `screening_view` decides what a screening page may
show: a finished screening folds to "Done, on <date>"; an unfinished one opens only while
the practitioner is with that parent (confirmed at the handover, and forgotten as soon as
they go to a step that is not that parent's); everything else stays folded, its answers
in no widget, until an explicit, audited, read-only reveal.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rpc_desktop.domain.case import Case, ParentSlot, Signer
from rpc_desktop.domain.criteria import Status
from rpc_desktop.domain.eligibility import Evaluation
from rpc_desktop.domain.flow import DaState, Flow, Kind, Step
from rpc_desktop.domain.labels import Labelled, labels
from rpc_desktop.domain.questionnaire import shown_items
from rpc_desktop.domain.scheme import Scheme

__all__ = [
    "ScreeningView",
    "StepState",
    "StepStatus",
    "screening_view",
    "step_for_field",
    "step_map",
]


class StepState(Labelled):
    DONE = "done"
    NEEDS = "needs"
    NOT_YET = "not-yet"
    BLOCKED = "blocked"

    __labels__ = labels(
        {
            "done": "done",
            "needs": "needs something",
            "not-yet": "not yet",
            "blocked": "blocked",
        }
    )


@dataclass(frozen=True)
class StepStatus:
    step: Step
    state: StepState
    reachable: bool


class ScreeningView(StrEnum):
    OPEN = "open"
    """The questions, with this parent's answers: the practitioner is with them, alone."""
    DONE = "done"
    """Folded: "Done, on <date>"; the answers only after an audited reveal (read-only)."""
    ELSEWHERE = "elsewhere"
    """Folded: not finished, and the practitioner has not confirmed they are with this
    parent now; it starts or goes on only through the handover."""


def screening_view(case: Case, slot: ParentSlot, with_parent: ParentSlot | None) -> ScreeningView:
    screening = case.screening(slot)
    if screening is not None and screening.completed:
        return ScreeningView.DONE
    if with_parent is slot:
        return ScreeningView.OPEN
    return ScreeningView.ELSEWHERE


def step_map(
    flow: Flow,
    case: Case,
    scheme: Scheme | None,
    evaluation: Evaluation | None,
    *,
    sent: bool = False,
) -> list[StepStatus]:
    """Every step that applies to this family, in this visit's order, with its state
    (`sent`: a version of the bundle has gone for review)."""
    reachable = {s.id for s in flow.applicable(case, scheme)}
    waiting = _waiting_steps(evaluation)
    out = []
    for step in flow.ordered(case, scheme):
        if step.kind is Kind.DA_STOP:
            if scheme is None or flow.da_state(case, scheme) is DaState.CLEAR:
                continue
        elif not flow.applies(step, case, scheme):
            continue
        if step.id not in reachable:
            out.append(StepStatus(step, StepState.BLOCKED, False))
            continue
        state = _state(flow, step, case, scheme, evaluation, waiting)
        if step.kind is Kind.REVIEW and sent:
            state = StepState.DONE
        out.append(StepStatus(step, state, True))
    return out


def _waiting_steps(evaluation: Evaluation | None) -> set[str]:
    if evaluation is None:
        return set()
    return {
        step_for_field(c.field)
        for c in evaluation.criteria
        if c.status is not Status.MET and c.field
    }


def _state(
    flow: Flow,
    step: Step,
    case: Case,
    scheme: Scheme | None,
    evaluation: Evaluation | None,
    waiting: set[str],
) -> StepState:
    match step.kind:
        case Kind.SCHEME:
            return StepState.DONE if scheme is not None else StepState.NOT_YET
        case Kind.REFERRER | Kind.PARENTS | Kind.CHILDREN | Kind.PRIOR:
            if step.id in waiting:
                return StepState.NEEDS
            return StepState.DONE if _has_details(step.kind, case) else StepState.NOT_YET
        case Kind.PLAN:
            return StepState.DONE if case.visit_order is not None else StepState.NOT_YET
        case Kind.HANDOVER | Kind.SCREENING:
            assert step.slot is not None
            screening = case.screening(step.slot)
            if screening is None:
                return StepState.NOT_YET
            if step.kind is Kind.HANDOVER or screening.completed:
                return StepState.DONE
            return StepState.NEEDS
        case Kind.DA_STOP:
            assert scheme is not None
            state = flow.da_state(case, scheme)
            return StepState.NEEDS if state is DaState.REVIEW else StepState.DONE
        case Kind.RSQ:
            return _section_state(flow, step, case)
        case Kind.ELIGIBILITY:
            if evaluation is None:
                return StepState.NOT_YET
            return StepState.DONE if evaluation.bundle_allowed else StepState.NEEDS
        case Kind.AGREEMENT:
            signed = sum(case.signature(s) is not None for s in Signer)
            if signed == len(Signer):
                return StepState.DONE
            return StepState.NEEDS if signed else StepState.NOT_YET
        case Kind.REVIEW:
            return StepState.NOT_YET
    raise AssertionError(step.kind)  # pragma: no cover


def _has_details(kind: Kind, case: Case) -> bool:
    if kind is Kind.REFERRER:
        return bool(case.referrer.name)
    if kind is Kind.PARENTS:
        return bool(case.parent_a.name or case.parent_b.name)
    if kind is Kind.CHILDREN:
        return bool(case.children)
    return case.prior_intervention is not None


def _section_state(flow: Flow, step: Step, case: Case) -> StepState:
    assert step.slot is not None
    responses = case.rsq(step.slot)
    answers = responses.answers if responses else {}
    section = next(s for s in flow.rsq.sections if s.id == step.section)
    shown = shown_items(list(section.items), case.variant, answers)
    given = [i for i in shown if i.id in answers]
    if not given:
        return StepState.NOT_YET
    missing = [i for i in shown if i.required and i.id not in answers]
    return StepState.NEEDS if missing else StepState.DONE


def step_for_field(field: str) -> str:
    """The step (or the prefix of the steps) that asks for a field of the case."""
    head = field.split(".")[0]
    return {
        "variant": "scheme",
        "relationship": "scheme",
        "referral_date": "scheme",
        "referrer": "referrer",
        "universal_contact": "referrer",
        "address": "parents",
        "parent_a": "parents",
        "parent_b": "parents",
        "children": "children",
        "prior_intervention": "prior",
        "screening_a": "screening-a",
        "screening_b": "screening-b",
        "oversight": "da-stop",
        "rsq_a": "rsq-a",
        "rsq_b": "rsq-b",
    }.get(head, "scheme")
