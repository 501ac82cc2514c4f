"""The referral wizard's steps, as plain data: which pages apply and in what order.

The QWizard asks this object for the next page; nothing here knows about Qt, so the
order (prior support only where a scheme asks for it, one RSQ page per section that has
questions for the family's variant, the DA stop after an exclusion) is unit-tested.

Each parent's private part starts at a handover ("Now with Parent B, alone?"). The visit
plan chooses the order: each parent in turn (safety questions then questionnaire), or both
parents' safety questions first; and whose part comes first. The DA stop follows the first
screening that raised something, so nothing more is asked of either parent after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from rpc_desktop.domain.case import Case, ParentSlot, VisitOrder
from rpc_desktop.domain.da_criteria import DaState, da_criteria, da_state

__all__ = ["DaState", "Flow", "Kind", "Step", "all_steps"]
from rpc_desktop.domain.questionnaire import Questionnaire, ScreeningQuestionnaire
from rpc_desktop.domain.scheme import Scheme
from rpc_desktop.domain.screening import evaluate_screening


class Kind(StrEnum):
    SCHEME = "scheme"
    REFERRER = "referrer"
    PARENTS = "parents"
    CHILDREN = "children"
    PRIOR = "prior"
    PLAN = "plan"
    HANDOVER = "handover"
    SCREENING = "screening"
    DA_STOP = "da-stop"
    RSQ = "rsq"
    ELIGIBILITY = "eligibility"
    AGREEMENT = "agreement"
    REVIEW = "review"


@dataclass(frozen=True)
class Step:
    id: str
    kind: Kind
    title: str
    slot: ParentSlot | None = None
    section: str | None = None


def all_steps(rsq: Questionnaire) -> list[Step]:
    """Every page the wizard may show, in order; `applicable` picks the ones that apply."""
    steps = [
        Step("scheme", Kind.SCHEME, "Scheme and family situation"),
        Step("referrer", Kind.REFERRER, "Referrer and universal-service contact"),
        Step("parents", Kind.PARENTS, "Parent A and Parent B"),
        Step("children", Kind.CHILDREN, "Children"),
        Step("prior", Kind.PRIOR, "Prior support"),
    ]
    steps.append(Step("plan", Kind.PLAN, "Plan the private parts"))
    for slot in ParentSlot:
        steps.append(Step(f"handover-{slot.value}", Kind.HANDOVER, f"With {slot.label}", slot))
        # A neutral title: the screen may be seen by whoever is in the room.
        steps.append(
            Step(f"screening-{slot.value}", Kind.SCREENING, f"Safety questions: {slot.label}", slot)
        )
    steps.append(Step("da-stop", Kind.DA_STOP, "Manager's check"))
    for slot in ParentSlot:
        for section in rsq.sections:
            steps.append(
                Step(
                    f"rsq-{slot.value}-{section.id}",
                    Kind.RSQ,
                    f"RSQ with {slot.label}: {section.title}",
                    slot,
                    section.id,
                )
            )
    steps += [
        Step("eligibility", Kind.ELIGIBILITY, "Eligibility"),
        Step("agreement", Kind.AGREEMENT, "Participation Agreement"),
        Step("review", Kind.REVIEW, "Review and build"),
    ]
    return steps


class Flow:
    """Which steps apply to a case now; recomputed as answers change."""

    def __init__(self, rsq: Questionnaire, screening: ScreeningQuestionnaire) -> None:
        self.rsq = rsq
        self.screening = screening
        self.steps = all_steps(rsq)
        self._by_id = {s.id: s for s in self.steps}
        self._last: tuple[Case, Scheme | None, list[Step]] | None = None

    def step(self, step_id: str) -> Step:
        return self._by_id[step_id]

    def da_state(self, case: Case, scheme: Scheme) -> DaState:
        screens = [evaluate_screening(case, self.screening, slot) for slot in ParentSlot]
        when = case.referral_date or date.today()
        criteria = {c.id: c for c in da_criteria(case, scheme, screens, when)}
        return da_state(case, scheme, screens, criteria)

    def da_stopped(self, case: Case, scheme: Scheme) -> bool:
        """Nothing after the oversight page is reachable."""
        return self.da_state(case, scheme) in (DaState.STOP, DaState.REVIEW)

    def ordered(self, case: Case, scheme: Scheme | None) -> list[Step]:
        """Every step in this visit's order (before `applies` picks the ones that apply)."""
        by_kind: dict[tuple[Kind, ParentSlot | None], list[Step]] = {}
        for step in self.steps:
            by_kind.setdefault((step.kind, step.slot), []).append(step)
        first = case.first_parent
        second = ParentSlot.B if first is ParentSlot.A else ParentSlot.A

        def part(kind: Kind, slot: ParentSlot) -> list[Step]:
            return by_kind.get((kind, slot), [])

        head = [s for s in self.steps if s.kind in _BEFORE]
        stop = self._by_id["da-stop"]
        if case.visit_order is VisitOrder.EACH_IN_TURN:
            raised_first = scheme is not None and self._raised(case, first)
            middle = [*part(Kind.HANDOVER, first), *part(Kind.SCREENING, first)]
            middle += [stop] if raised_first else []
            middle += part(Kind.RSQ, first)
            middle += [*part(Kind.HANDOVER, second), *part(Kind.SCREENING, second)]
            middle += [] if raised_first else [stop]
            middle += part(Kind.RSQ, second)
        else:
            raised_first = scheme is not None and self._raised(case, first)
            middle = [*part(Kind.HANDOVER, first), *part(Kind.SCREENING, first)]
            middle += [stop] if raised_first else []
            middle += [*part(Kind.HANDOVER, second), *part(Kind.SCREENING, second)]
            middle += [] if raised_first else [stop]
            middle += [*part(Kind.RSQ, first), *part(Kind.RSQ, second)]
        tail = [s for s in self.steps if s.kind in _AFTER]
        return [*head, *middle, *tail]

    def _raised(self, case: Case, slot: ParentSlot) -> bool:
        """This parent's screening raised an indicator or a concern."""
        result = evaluate_screening(case, self.screening, slot)
        return result.has_exclusion or result.has_concern

    def applies(self, step: Step, case: Case, scheme: Scheme | None) -> bool:
        if step.kind is Kind.PRIOR:
            return scheme is not None and scheme.prior_engagement_weeks > 0
        if step.kind is Kind.DA_STOP:
            return scheme is not None and self.da_state(case, scheme) is not DaState.CLEAR
        if step.kind is Kind.RSQ:
            section = next(s for s in self.rsq.sections if s.id == step.section)
            return any(item.applies_to(case.variant) for item in section.items)
        return True

    def applicable(self, case: Case, scheme: Scheme | None) -> list[Step]:
        # A case is never changed in place (every edit makes a new one): the last answer
        # holds for as long as the same case and scheme are asked about (a page turn asks
        # several times).
        last = self._last
        if last is not None and last[0] is case and last[1] is scheme:
            return list(last[2])
        steps = self._applicable(case, scheme)
        self._last = (case, scheme, steps)
        return list(steps)

    def _applicable(self, case: Case, scheme: Scheme | None) -> list[Step]:
        steps = [s for s in self.ordered(case, scheme) if self.applies(s, case, scheme)]
        if scheme is not None and self.da_stopped(case, scheme):
            # Until a manager decides (or after an exclusion), nothing past it is reachable.
            stop = next(i for i, s in enumerate(steps) if s.kind is Kind.DA_STOP)
            return steps[: stop + 1]
        return steps

    def next_step(self, current: str, case: Case, scheme: Scheme | None) -> Step | None:
        steps = self.applicable(case, scheme)
        ids = [s.id for s in steps]
        if current not in ids:
            # The current page stopped applying (say the variant changed): go on from the
            # nearest applicable page after it in the full order.
            order = [s.id for s in self.ordered(case, scheme)]
            later = [s for s in steps if order.index(s.id) > order.index(current)]
            return later[0] if later else None
        index = ids.index(current)
        return steps[index + 1] if index + 1 < len(steps) else None

    def progress(self, current: str, case: Case, scheme: Scheme | None) -> tuple[int, int]:
        """(position from 1, number of pages) for a progress line."""
        ids = [s.id for s in self.applicable(case, scheme)]
        return (ids.index(current) + 1 if current in ids else 0), len(ids)


_BEFORE = frozenset(
    {Kind.SCHEME, Kind.REFERRER, Kind.PARENTS, Kind.CHILDREN, Kind.PRIOR, Kind.PLAN}
)
_AFTER = frozenset({Kind.ELIGIBILITY, Kind.AGREEMENT, Kind.REVIEW})
