"""What a case needs next and by when: follow-ups arising from what happened, and the
referral's clock once sent. Expected dates are counted by hand across Christmas 2026
(Friday 25 December, Boxing Day observed Monday 28 December, New Year's Day Friday 1 January)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from rpc_desktop.domain import editing
from rpc_desktop.domain.case import FOLLOW_UPS_SINCE, Oversight, OversightDecision, ParentSlot
from rpc_desktop.domain.clock import record_progress
from rpc_desktop.domain.details import EditError
from rpc_desktop.domain.eligibility import Outcome
from rpc_desktop.domain.followups import (
    NOTHING,
    NextAction,
    draft_follow_ups,
    follow_up_due,
    next_action,
)
from rpc_desktop.domain.progress import Happened
from rpc_desktop.domain.signatures import Signer
from rpc_desktop.domain.status import CaseStatus
from tests.helpers import demo_case, packs

TUESDAY_22_DEC = datetime(2026, 12, 22, 15, 0, tzinfo=UTC)
NORTH_EAST = "north-east-relationships-matter"


def test_a_follow_up_is_due_five_working_days_after_it_arose_across_bank_holidays() -> None:
    # From Tue 22 Dec: Wed 23, Thu 24, (Fri 25, weekend, Mon 28), Tue 29, Wed 30, Thu 31.
    assert follow_up_due(date(2026, 12, 22)) == date(2026, 12, 31)
    # From Wed 30 Dec: Thu 31, (Fri 1 Jan, weekend), Mon 4, Tue 5, Wed 6, Thu 7.
    assert follow_up_due(date(2026, 12, 30)) == date(2027, 1, 7)


def test_someone_unable_to_sign_is_followed_up_by_the_date_given_or_the_usual_time() -> None:
    case = editing.record_follow_up(
        demo_case(), Signer.PARENT_B, "Away working this week", at=TUESDAY_22_DEC
    )
    assert case.schema_version < FOLLOW_UPS_SINCE, "no date given: nothing new to write"
    assert next_action(case, CaseStatus.DRAFT, since=date(2026, 12, 1)) == NextAction(
        "Get Parent B's signature", date(2026, 12, 31)
    )
    dated = editing.record_follow_up(
        case, Signer.PARENT_A, "Needs glasses", at=TUESDAY_22_DEC, due=date(2026, 12, 23)
    )
    assert dated.schema_version == FOLLOW_UPS_SINCE
    assert [a.what for a in draft_follow_ups(dated, None)] == [
        "Get Parent A's signature",
        "Get Parent B's signature",
    ], "soonest first"
    with pytest.raises(EditError, match="has passed"):
        editing.record_follow_up(
            case, Signer.PARENT_A, "Later", at=TUESDAY_22_DEC, due=date(2026, 12, 21)
        )


def test_a_deferred_screening_is_followed_up_and_resuming_it_settles_that() -> None:
    case = demo_case()
    deferred = editing.defer_screening(
        case, ParentSlot.B, reason="The other parent came back", at=TUESDAY_22_DEC
    )
    assert deferred.schema_version == FOLLOW_UPS_SINCE
    assert deferred.screening_b is not None and deferred.screening_b.deferred_at is not None
    assert draft_follow_ups(deferred, None) == [
        NextAction("Finish Parent B's safety questions", date(2026, 12, 31))
    ]
    resumed = editing.resume_screening(deferred, ParentSlot.B)
    assert resumed.screening_b is not None and resumed.screening_b.deferred_at is None
    assert draft_follow_ups(resumed, None) == []
    assert next_action(resumed, CaseStatus.DRAFT, since=date(2026, 12, 1)) == NextAction(
        "Continue the referral"
    )


def test_an_old_deferred_screening_with_no_time_has_no_due_date_and_comes_last() -> None:
    case = editing.defer_screening(demo_case(), ParentSlot.A, reason="Interrupted")
    assert case.screening_a is not None
    old = case.model_copy(
        update={"screening_a": case.screening_a.model_copy(update={"deferred_at": None})}
    )
    old = editing.record_follow_up(old, Signer.LINK_WORKER, "Pen ran out", at=TUESDAY_22_DEC)
    assert draft_follow_ups(old, None) == [
        NextAction("Get Link worker's signature", date(2026, 12, 31)),
        NextAction("Finish Parent A's safety questions", None),
    ]


def test_a_decision_awaited_from_a_manager_is_a_follow_up_until_recorded() -> None:
    case = demo_case()
    assert case.screening_a is not None and case.screening_a.screened_at is not None
    awaited = draft_follow_ups(case, Outcome.NEEDS_OVERSIGHT)
    screened = max(
        s.screened_at.date() for s in (case.screening_a, case.screening_b) if s and s.screened_at
    )
    assert awaited == [NextAction("Get the manager's oversight decision", follow_up_due(screened))]
    decided = case.model_copy(
        update={
            "oversight": Oversight(
                decided_by="Sam Manager",
                decided_at=TUESDAY_22_DEC,
                decision=OversightDecision.PROCEED,
            )
        }
    )
    assert draft_follow_ups(decided, Outcome.NEEDS_OVERSIGHT) == []
    assert draft_follow_ups(case, Outcome.ELIGIBLE) == []


def test_moves_through_review_have_their_own_next_action() -> None:
    case = demo_case()
    since = date(2026, 12, 22)
    assert next_action(case, CaseStatus.READY_FOR_REVIEW, since=since) == NextAction(
        "Awaiting the team lead's review"
    )
    assert next_action(case, CaseStatus.RETURNED, since=since) == NextAction(
        "Make the team lead's changes", date(2026, 12, 31)
    )
    assert next_action(case, CaseStatus.APPROVED, since=since) == NextAction(
        "Send the approved referral", date(2026, 12, 31)
    )


def test_once_sent_the_next_step_of_the_clock_is_next() -> None:
    scheme = packs().schemes[NORTH_EAST]
    case = demo_case()
    sent = date(2026, 12, 18)
    first = next_action(case, CaseStatus.SENT, since=sent, scheme=scheme, sent_on=sent)
    assert first == NextAction(scheme.timeline[0].label, date(2026, 12, 22))
    assert first.overdue(date(2026, 12, 23)) and not first.overdue(date(2026, 12, 22))
    assert first.due_by(date(2026, 12, 22)) and not first.due_by(date(2026, 12, 21))
    at = datetime(2027, 1, 4, 9, tzinfo=UTC)
    acknowledged = record_progress(
        case, Happened.GATEWAY_ACKNOWLEDGED, date(2026, 12, 21), sent_on=sent, at=at
    )
    # The first visit: ten working days from the day the gateway acknowledged (Mon 21 Dec):
    # 22, 23, 24, 29, 30, 31, 4, 5, 6, 7 January.
    assert next_action(
        acknowledged, CaseStatus.SENT, since=sent, scheme=scheme, sent_on=sent
    ) == NextAction(scheme.timeline[1].label, date(2027, 1, 7))
    withdrew = record_progress(
        acknowledged, Happened.FAMILY_WITHDREW, date(2026, 12, 23), sent_on=sent, at=at
    )
    assert next_action(withdrew, CaseStatus.SENT, since=sent, scheme=scheme, sent_on=sent) == (
        NOTHING
    )
    assert not NOTHING.due_by(date(2030, 1, 1))
