"""The DA rules: indicators, concerns, triage, the look-back, unfinished screening."""

from __future__ import annotations

from typing import Any

import pytest

from rpc_desktop.domain.case import Case, OversightDecision, ParentSlot
from rpc_desktop.domain.eligibility import Outcome, Status, evaluate
from rpc_desktop.domain.scheme import DaPolicy
from tests.helpers import demo_case, packs
from tests.unit.test_eligibility import (
    NE,
    REFERRAL,
    concern_item,
    exclusion_item,
    judge,
    scheme,
    screened,
    with_oversight,
    worcs_case,
)


def test_exclusion_indicator_from_either_parent_excludes() -> None:
    for slot in ParentSlot:
        case = screened(demo_case(), slot, **{exclusion_item(): "yes"})
        result = judge(case)
        assert result.outcome is Outcome.EXCLUDED
        assert not result.bundle_allowed and result.oversight_needed
        assert result.criterion("da-indicators").status is Status.NOT_MET


def test_exclusion_wins_over_a_recorded_decision_to_proceed() -> None:
    case = with_oversight(
        screened(demo_case(), ParentSlot.A, **{exclusion_item(): "yes"}), OversightDecision.PROCEED
    )
    assert judge(case).outcome is Outcome.EXCLUDED


def test_triage_scheme_routes_indicator_to_triage_after_oversight() -> None:
    triage = scheme(NE).model_copy(
        update={
            "domestic_abuse": scheme(NE).domestic_abuse.model_copy(
                update={"policy": DaPolicy.TRIAGE}
            )
        }
    )
    case = screened(demo_case(), ParentSlot.B, **{exclusion_item(): "yes"})
    first = evaluate(case, triage, case.referral_date, packs=packs())
    assert first.outcome is Outcome.NEEDS_OVERSIGHT and not first.bundle_allowed
    decided = with_oversight(case, OversightDecision.REFER_TO_TRIAGE)
    second = evaluate(decided, triage, decided.referral_date, packs=packs())
    assert second.outcome is Outcome.TRIAGE and second.bundle_allowed
    refused = with_oversight(case, OversightDecision.DO_NOT_PROCEED)
    assert evaluate(refused, triage, refused.referral_date, packs=packs()).outcome is (
        Outcome.EXCLUDED
    )


def test_concern_needs_a_recorded_oversight_decision() -> None:
    item, answer = concern_item()
    case = screened(demo_case(), ParentSlot.A, **{item: answer})
    result = judge(case)
    assert result.outcome is Outcome.NEEDS_OVERSIGHT and result.oversight_needed
    assert judge(with_oversight(case, OversightDecision.PROCEED)).outcome is Outcome.ELIGIBLE
    assert judge(with_oversight(case, OversightDecision.DO_NOT_PROCEED)).outcome is (
        Outcome.EXCLUDED
    )


def _past_abuse(case: Case, months_ago: int) -> Case:
    when = REFERRAL.replace(
        year=REFERRAL.year - (1 if months_ago >= 12 else 0),
        month=((REFERRAL.month - months_ago - 1) % 12) + 1,
    )
    return screened(case, ParentSlot.B, **{"past-abuse": "yes", "last-incident": when.isoformat()})


def test_da_eleven_months_before_referral_excludes() -> None:
    result = judge(_past_abuse(worcs_case(), 11))
    assert result.criterion("da-lookback").status is Status.NOT_MET
    assert result.outcome is Outcome.EXCLUDED
    assert "11 months" in result.criterion("da-lookback").reason


def test_da_thirteen_months_before_referral_meets_that_criterion() -> None:
    case = _past_abuse(worcs_case(), 13)
    result = judge(case)
    assert result.criterion("da-lookback").status is Status.MET
    # Past abuse is still a concern a manager must look at.
    assert result.outcome is Outcome.NEEDS_OVERSIGHT
    assert judge(with_oversight(case, OversightDecision.PROCEED)).outcome is Outcome.ELIGIBLE


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        ({"deferred": True, "deferred_reason": "Other parent arrived"}, "deferred"),
        ({"alone_confirmed": False}, "alone"),
        ({"completed": False}, "not finished"),
    ],
)
def test_unfinished_screening_needs_information(update: dict[str, Any], expected: str) -> None:
    case = demo_case()
    assert case.screening_b is not None
    case = case.model_copy(update={"screening_b": case.screening_b.model_copy(update=update)})
    result = judge(case)
    assert result.criterion("da-screening").status is Status.UNKNOWN
    assert expected in result.criterion("da-screening").reason
    assert result.outcome is Outcome.NEEDS_INFORMATION and not result.bundle_allowed


def test_missing_screening_and_rsq_need_information() -> None:
    case = demo_case().model_copy(update={"screening_a": None, "rsq_b": None})
    result = judge(case)
    assert result.criterion("da-screening").status is Status.UNKNOWN
    assert result.criterion("rsq").status is Status.UNKNOWN
    assert result.outcome is Outcome.NEEDS_INFORMATION


def test_da_reasons_never_repeat_screening_questions() -> None:
    screening = packs().screening
    assert screening is not None
    case = screened(demo_case(), ParentSlot.A, **{exclusion_item(): "yes"})
    texts = " ".join(c.reason for c in judge(case).criteria)
    for item in screening.items:
        assert item.text not in texts


def test_an_escalating_answer_turns_a_concern_into_an_indicator() -> None:
    screening = packs().screening
    item = next(i for i in screening.items if i.escalate)
    mild = next(t for t in item.trigger if t not in item.escalate)
    concern = judge(screened(demo_case(), ParentSlot.A, **{item.id: mild}))
    assert concern.outcome is Outcome.NEEDS_OVERSIGHT
    severe = judge(screened(demo_case(), ParentSlot.A, **{item.id: item.escalate[0]}))
    assert severe.outcome is Outcome.EXCLUDED
