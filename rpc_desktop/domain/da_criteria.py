"""The domestic-abuse criteria. Reasons say which parent and what follows, never what
was said: the summary PDF prints them and the other parent may read it."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from rpc_desktop.domain.case import Case, OversightDecision
from rpc_desktop.domain.criteria import Criterion, Status, criterion
from rpc_desktop.domain.dates import long_date, months_between
from rpc_desktop.domain.scheme import DaPolicy, Scheme
from rpc_desktop.domain.screening import ScreeningResult


class DaState(StrEnum):
    CLEAR = "clear"
    """Nothing raised: no oversight page."""
    STOP = "stop"
    """An exclusion (or DA within the look-back, or a manager's "do not proceed"): the
    referral ends at the oversight page."""
    REVIEW = "review"
    """A concern, or an indicator on a triage scheme, waits for a manager's decision."""
    CONTINUE = "continue"
    """A manager decided the referral may go on."""


DA_CRITERIA = frozenset({"da-screening", "da-indicators", "da-concerns", "da-lookback"})

_NOT_COMPLETE = "Screening is not complete."


def da_criteria(
    case: Case, scheme: Scheme, screens: list[ScreeningResult], when: date
) -> list[Criterion]:
    waiting = [s for s in screens if not s.complete]
    out = [
        screened(waiting),
        indicators(scheme, screens, waiting),
        concerns(case, scheme, screens, when),
    ]
    if scheme.domestic_abuse.lookback_months:
        out.append(lookback(scheme.domestic_abuse.lookback_months, screens, waiting, when))
    return out


def da_state(
    case: Case, scheme: Scheme, screens: list[ScreeningResult], criteria: dict[str, Criterion]
) -> DaState:
    """Where the DA position leaves the referral; the one place its precedence is decided
    (the overall outcome and the wizard's page order both follow it)."""
    decision = case.oversight.decision if case.oversight else None
    indicator = any(s.has_exclusion for s in screens)
    concern = any(s.has_concern for s in screens)
    lookback = criteria.get("da-lookback")
    if decision is OversightDecision.DO_NOT_PROCEED or (
        lookback is not None and lookback.status is Status.NOT_MET
    ):
        return DaState.STOP
    if indicator and scheme.domestic_abuse.policy is not DaPolicy.TRIAGE:
        return DaState.STOP
    if indicator and decision is not OversightDecision.REFER_TO_TRIAGE:
        return DaState.REVIEW
    if concern and criteria["da-concerns"].status is not Status.MET:
        return DaState.REVIEW
    return DaState.CONTINUE if indicator or concern else DaState.CLEAR


def screened(waiting: list[ScreeningResult]) -> Criterion:
    judge = criterion(
        "da-screening", "Each parent screened alone for domestic abuse", "screening_a"
    )
    if waiting:
        return judge(
            Status.UNKNOWN,
            "; ".join(f"{s.slot.label}: {s.state.label}" for s in waiting) + ".",
        )
    return judge(Status.MET, "Both parents were screened alone, when it was safe to talk.")


def indicators(
    scheme: Scheme, screens: list[ScreeningResult], waiting: list[ScreeningResult]
) -> Criterion:
    judge = criterion("da-indicators", "No domestic-abuse indicator", "screening_a")
    flagged = [s.slot.label for s in screens if s.has_exclusion]
    if flagged:
        then = (
            "the referral cannot go ahead"
            if scheme.domestic_abuse.policy is DaPolicy.EXCLUDE
            else "the referral goes to the triage panel, after a management decision"
        )
        return judge(
            Status.NOT_MET,
            f"An indicator was recorded in {' and '.join(flagged)}'s screening: {then}.",
        )
    if waiting:
        return judge(Status.UNKNOWN, _NOT_COMPLETE)
    return judge(Status.MET, "No indicator was found.")


def concerns(case: Case, scheme: Scheme, screens: list[ScreeningResult], when: date) -> Criterion:
    judge = criterion("da-concerns", "Any concern has a management-oversight decision", "oversight")
    oversight = case.oversight
    if not any(s.has_concern for s in screens):
        return judge(Status.MET, "No concern was recorded.")
    if oversight is None:
        return judge(
            Status.UNKNOWN,
            "A concern was recorded; a manager must record a decision "
            "before the bundle can be built.",
        )
    if oversight.decided_at.date() > when:
        return judge(
            Status.UNKNOWN,
            "The management decision is dated after the referral "
            "date; record it again or correct the referral date.",
        )
    decision = oversight.decision
    if (
        decision is OversightDecision.REFER_TO_TRIAGE
        and scheme.domestic_abuse.policy is not DaPolicy.TRIAGE
    ):
        return judge(
            Status.UNKNOWN,
            f"{scheme.name} has no triage panel: the manager must "
            "decide to proceed or not to proceed.",
        )
    return judge(
        Status.MET if decision is not OversightDecision.DO_NOT_PROCEED else Status.NOT_MET,
        f"{oversight.decided_by} decided on {long_date(oversight.decided_at.date())}: "
        f"{decision.label.lower()}.",
    )


def lookback(
    months: int, screens: list[ScreeningResult], waiting: list[ScreeningResult], when: date
) -> Criterion:
    judge = criterion(
        "da-lookback", f"No domestic abuse in the last {months} months", "screening_a"
    )
    incidents = [s.last_incident for s in screens if s.last_incident]
    if not incidents:
        if waiting:
            return judge(Status.UNKNOWN, _NOT_COMPLETE)
        return judge(Status.MET, "No past abuse was reported.")
    ago = months_between(max(incidents), when)
    ok = ago >= months
    return judge(
        Status.MET if ok else Status.NOT_MET,
        f"The most recent incident was {ago} months before the referral date; the "
        f"scheme needs none in the last {months} months: {'met' if ok else 'not met'}.",
    )
