"""What a case needs next, and by when (issue 14): the case list's "next action" and its due
date, and what is due today or overdue at unlock.

Follow-ups arise from what happened, never from a to-do typed in: someone could not sign at
the visit (due when the practitioner said, otherwise FOLLOW_UP_WORKING_DAYS after), a
screening was deferred, a manager's decision on what screening raised is still awaited, the
team lead returned the case, the team lead approved it and it waits to be sent. Once sent,
the next step of the scheme's timeline is the next action, due when the referral's clock
says (domain.clock). Due dates never depend on today; whether one is overdue does.

Pure: the caller gives the case's status, when it came to that status, when it was sent and
the eligibility outcome (app.followups works them out and keeps the answer in the store).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rpc_desktop.domain.calendar import add_working_days
from rpc_desktop.domain.case import Case, ParentSlot
from rpc_desktop.domain.clock import case_clock, next_due
from rpc_desktop.domain.eligibility import Outcome
from rpc_desktop.domain.progress import ended_on
from rpc_desktop.domain.scheme import Scheme
from rpc_desktop.domain.status import CaseStatus

FOLLOW_UP_WORKING_DAYS = 5
"""A follow-up with no date of its own is due this many working days after it arose."""


@dataclass(frozen=True)
class NextAction:
    what: str
    """In a few words, with no personal detail ("Get Parent B's signature")."""
    due: date | None = None

    def overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today

    def due_by(self, today: date) -> bool:
        """Due today or overdue: what the practitioner sees at unlock."""
        return self.due is not None and self.due <= today


NOTHING = NextAction("")
"""A referral that ended: nothing more to do."""


def follow_up_due(arose: date) -> date:
    return add_working_days(arose, FOLLOW_UP_WORKING_DAYS)


def draft_follow_ups(case: Case, outcome: Outcome | None) -> list[NextAction]:
    """What a case not yet sent is waiting for, soonest first (those with no date last)."""
    found: list[NextAction] = []
    for follow in case.follow_ups:
        due: date | None = follow.due or follow_up_due(follow.recorded_at.date())
        found.append(NextAction(f"Get {follow.signer.label}'s signature", due))
    for slot in ParentSlot:
        screening = case.screening(slot)
        if screening is not None and screening.deferred:
            at = screening.deferred_at
            due = follow_up_due(at.date()) if at else None
            found.append(NextAction(f"Finish {slot.label}'s safety questions", due))
    if outcome is Outcome.NEEDS_OVERSIGHT and case.oversight is None:
        screened = [
            s.screened_at.date()
            for s in (case.screening_a, case.screening_b)
            if s is not None and s.screened_at is not None
        ]
        due = follow_up_due(max(screened)) if screened else None
        found.append(NextAction("Get the manager's oversight decision", due))
    return sorted(found, key=lambda a: (a.due is None, a.due or date.max))


def next_action(
    case: Case,
    status: CaseStatus,
    *,
    since: date,
    outcome: Outcome | None = None,
    scheme: Scheme | None = None,
    sent_on: date | None = None,
) -> NextAction:
    """The one thing the case needs next. `since`: the day it came to `status`."""
    if status is CaseStatus.SENT:
        if scheme is None or sent_on is None or ended_on(case.progress) is not None:
            return NOTHING
        step = next_due(case_clock(case, scheme, sent_on, sent_on))
        return NextAction(step.step.label, step.due) if step else NextAction("Close the referral")
    if status is CaseStatus.APPROVED:
        return NextAction("Send the approved referral", follow_up_due(since))
    if status is CaseStatus.READY_FOR_REVIEW:
        return NextAction("Awaiting the team lead's review")
    if status is CaseStatus.RETURNED:
        return NextAction("Make the team lead's changes", follow_up_due(since))
    waiting = draft_follow_ups(case, outcome)
    if waiting:
        return waiting[0]
    return NextAction("Continue the referral")
