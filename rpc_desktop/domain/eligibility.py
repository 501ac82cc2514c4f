"""The eligibility rules: every criterion of a scheme, judged on the referral date, and the
overall outcome they add up to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rpc_desktop.domain.case import Case, ParentSlot
from rpc_desktop.domain.criteria import Criterion, Status, family_criteria
from rpc_desktop.domain.da_criteria import DA_CRITERIA, DaState, da_criteria, da_state
from rpc_desktop.domain.labels import Labelled, labels
from rpc_desktop.domain.packs import Packs
from rpc_desktop.domain.scheme import Scheme
from rpc_desktop.domain.screening import ScreeningResult, evaluate_screening

__all__ = ["Criterion", "Evaluation", "Outcome", "Status", "evaluate"]


class Outcome(Labelled):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not-eligible"
    EXCLUDED = "excluded"
    """Domestic abuse: the referral stops and the scheme's DA signposting applies."""
    TRIAGE = "triage"
    """A triage scheme's panel weighs the DA indicator; the referral may go ahead."""
    NEEDS_OVERSIGHT = "needs-oversight"
    NEEDS_INFORMATION = "needs-information"

    __labels__ = labels(
        {
            "eligible": "Eligible",
            "not-eligible": "Not eligible",
            "excluded": "Excluded: domestic abuse",
            "triage": "Refer to the triage panel",
            "needs-oversight": "Needs a management-oversight decision",
            "needs-information": "Needs more information",
        }
    )


@dataclass(frozen=True)
class Evaluation:
    outcome: Outcome
    criteria: tuple[Criterion, ...]
    as_of: date
    oversight_needed: bool
    """A manager must look at the DA position (record it even when the outcome is final)."""
    da_flagged: bool = False
    """Screening raised an indicator or a concern, or DA fell within the look-back:
    show the scheme's DA signposting."""

    @property
    def bundle_allowed(self) -> bool:
        return self.outcome in (Outcome.ELIGIBLE, Outcome.TRIAGE)

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)


def evaluate(case: Case, scheme: Scheme, as_of: date | None, *, packs: Packs) -> Evaluation:
    """Judge a case against a scheme on `as_of` (the referral date; today for a draft)."""
    when = as_of or case.referral_date or date.today()
    rsq, screening_q = packs.require_questionnaires()
    screens = [evaluate_screening(case, screening_q, slot) for slot in ParentSlot]

    criteria = family_criteria(case, scheme, when, rsq)
    criteria += da_criteria(case, scheme, screens, when)
    flagged = any(s.has_exclusion or s.has_concern for s in screens) or any(
        c.id == "da-lookback" and c.status is Status.NOT_MET for c in criteria
    )
    return Evaluation(
        _outcome(case, scheme, criteria, screens),
        tuple(criteria),
        when,
        oversight_needed=flagged and case.oversight is None,
        da_flagged=flagged,
    )


# --- the overall outcome ----------------------------------------------------------------


def _outcome(
    case: Case, scheme: Scheme, criteria: list[Criterion], screens: list[ScreeningResult]
) -> Outcome:
    by_id = {c.id: c for c in criteria}
    state = da_state(case, scheme, screens, by_id)
    indicator = any(s.has_exclusion for s in screens)
    if state is DaState.STOP:
        return Outcome.EXCLUDED
    if state is DaState.REVIEW and indicator:
        return Outcome.NEEDS_OVERSIGHT
    others = [c for c in criteria if c.id not in DA_CRITERIA]
    if any(c.status is Status.NOT_MET for c in others):
        return Outcome.NOT_ELIGIBLE
    if state is DaState.REVIEW:
        return Outcome.NEEDS_OVERSIGHT
    if any(c.status is Status.UNKNOWN for c in criteria):
        return Outcome.NEEDS_INFORMATION
    # An indicator that got this far was referred to a triage scheme's panel.
    return Outcome.TRIAGE if indicator else Outcome.ELIGIBLE
