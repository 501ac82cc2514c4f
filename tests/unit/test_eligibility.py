"""Every criterion of both schemes, met and not met, on invented families."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from rpc_desktop.domain.case import Case, Oversight, OversightDecision, ParentSlot
from rpc_desktop.domain.eligibility import Outcome, Status, evaluate
from rpc_desktop.domain.scheme import Scheme
from tests.helpers import demo_case, packs, varied

NE = "north-east-relationships-matter"
WORCS = "worcestershire-harmony-at-home"
REFERRAL = date(2026, 12, 18)


def scheme(scheme_id: str) -> Scheme:
    return packs().schemes[scheme_id]


def worcs_case(**changes: Any) -> Case:
    base = {
        "scheme_id": WORCS,
        "address.local_authority": "Worcestershire",
        "referrer.continues_support": True,
        "prior_intervention": {
            "type": "Harmony at Home tools",
            "provider": "Family Support",
            "start_date": (REFERRAL - timedelta(weeks=8)).isoformat(),
        },
    }
    base.update(changes)
    return varied(demo_case(), **base)


def judge(case: Case, as_of: date | None = None):
    return evaluate(case, scheme(case.scheme_id), as_of or case.referral_date, packs=packs())


def born(years: int, days: int = 0) -> str:
    """A birth date that makes a child `years` old (plus `days`) on the referral date."""
    return (REFERRAL.replace(year=REFERRAL.year - years) - timedelta(days=days)).isoformat()


def one_child(
    dob: str | None, *, send: bool = False, due: str | None = None
) -> list[dict[str, Any]]:
    return [
        {
            "id": "c1",
            "name": "Sam Testchild",
            "date_of_birth": dob,
            "due_date": due,
            "send": send,
            "lives_with": "both",
        }
    ]


def screened(case: Case, slot: ParentSlot, **answers: Any) -> Case:
    screening = case.screening(slot)
    assert screening is not None
    new = screening.model_copy(update={"answers": {**screening.answers, **answers}})
    return case.model_copy(update={f"screening_{slot.value}": new})


def exclusion_item() -> str:
    return next(i.id for i in packs().screening.items if i.flag.value == "exclusion")


def concern_item() -> tuple[str, str]:
    item = next(
        i for i in packs().screening.items if i.flag.value == "concern" and i.id != "past-abuse"
    )
    return item.id, item.trigger[0]


def with_oversight(case: Case, decision: OversightDecision) -> Case:
    return case.model_copy(
        update={
            "oversight": Oversight(
                decided_by="Morgan Lead",
                role="Team manager",
                decided_at=datetime(2026, 12, 17, 10, tzinfo=UTC),
                decision=decision,
            )
        }
    )


def test_demo_family_is_eligible_for_north_east() -> None:
    result = judge(demo_case())
    assert result.outcome is Outcome.ELIGIBLE, [
        (c.id, c.reason) for c in result.criteria if c.status is not Status.MET
    ]
    assert result.bundle_allowed and not result.oversight_needed


def test_worcestershire_base_case_is_eligible() -> None:
    result = judge(worcs_case())
    assert result.outcome is Outcome.ELIGIBLE, [
        (c.id, c.reason) for c in result.criteria if c.status is not Status.MET
    ]


# (scheme, changes, criterion, status, overall outcome)
CASES: list[tuple[str, dict[str, Any], str, Status, Outcome]] = [
    # Area
    (NE, {"address.local_authority": "Gateshead"}, "area", Status.MET, Outcome.ELIGIBLE),
    (NE, {"address.local_authority": "newcastle"}, "area", Status.MET, Outcome.ELIGIBLE),
    (NE, {"address.local_authority": "Leeds"}, "area", Status.NOT_MET, Outcome.NOT_ELIGIBLE),
    (NE, {"address.local_authority": ""}, "area", Status.UNKNOWN, Outcome.NEEDS_INFORMATION),
    (WORCS, {"address.local_authority": "Redditch"}, "area", Status.MET, Outcome.ELIGIBLE),
    (WORCS, {"address.local_authority": "Gateshead"}, "area", Status.NOT_MET, Outcome.NOT_ELIGIBLE),
    # Roles and generations
    (NE, {"parent_b.role": "sgo-holder"}, "roles", Status.MET, Outcome.ELIGIBLE),
    (NE, {"parent_a.role": None}, "roles", Status.UNKNOWN, Outcome.NEEDS_INFORMATION),
    (
        NE,
        {"relationship": "intergenerational"},
        "intergenerational",
        Status.NOT_MET,
        Outcome.NOT_ELIGIBLE,
    ),
    (
        NE,
        {"relationship": None, "parent_b.role": "grandparent"},
        "intergenerational",
        Status.NOT_MET,
        Outcome.NOT_ELIGIBLE,
    ),
    (
        NE,
        {"relationship": None, "parent_a.role": "grandparent", "parent_b.role": "grandparent"},
        "intergenerational",
        Status.MET,
        Outcome.ELIGIBLE,
    ),
    (
        # Judged from the roles (issue 13): a label never makes a parent and a grandparent
        # one generation.
        NE,
        {"relationship": "partners", "parent_b.role": "grandparent"},
        "intergenerational",
        Status.NOT_MET,
        Outcome.NOT_ELIGIBLE,
    ),
    # Children
    (NE, {"children": one_child(born(17, 364))}, "children", Status.MET, Outcome.ELIGIBLE),
    (NE, {"children": one_child(born(18))}, "children", Status.NOT_MET, Outcome.NOT_ELIGIBLE),
    (
        NE,
        {"children": one_child(born(19), send=True)},
        "children",
        Status.NOT_MET,
        Outcome.NOT_ELIGIBLE,
    ),
    (
        NE,
        {"children": one_child(None, due="2027-04-01"), "focus_child_id": "c1"},
        "children",
        Status.MET,
        Outcome.ELIGIBLE,
    ),
    (NE, {"children": []}, "children", Status.UNKNOWN, Outcome.NEEDS_INFORMATION),
    (NE, {"children": one_child(None)}, "children", Status.UNKNOWN, Outcome.NEEDS_INFORMATION),
    (WORCS, {"children": one_child(born(19), send=True)}, "children", Status.MET, Outcome.ELIGIBLE),
    (
        WORCS,
        {"children": one_child(born(24, 360), send=True)},
        "children",
        Status.MET,
        Outcome.ELIGIBLE,
    ),
    (
        WORCS,
        {"children": one_child(born(25), send=True)},
        "children",
        Status.NOT_MET,
        Outcome.NOT_ELIGIBLE,
    ),
    (WORCS, {"children": one_child(born(19))}, "children", Status.NOT_MET, Outcome.NOT_ELIGIBLE),
    (
        WORCS,
        {"children": one_child(None, due="2027-04-01")},
        "children",
        Status.NOT_MET,
        Outcome.NOT_ELIGIBLE,
    ),
    # Both parents agree
    (NE, {"parent_b.agrees_to_referral": False}, "consent", Status.NOT_MET, Outcome.NOT_ELIGIBLE),
    (
        NE,
        {"parent_a.agrees_to_referral": None},
        "consent",
        Status.UNKNOWN,
        Outcome.NEEDS_INFORMATION,
    ),
    (
        WORCS,
        {"parent_a.agrees_to_referral": False},
        "consent",
        Status.NOT_MET,
        Outcome.NOT_ELIGIBLE,
    ),
    # Prior engagement (Worcestershire: at least 4 weeks)
    (
        WORCS,
        {"prior_intervention.start_date": (REFERRAL - timedelta(days=27)).isoformat()},
        "prior-engagement",
        Status.NOT_MET,
        Outcome.NOT_ELIGIBLE,
    ),
    (
        WORCS,
        {"prior_intervention.start_date": (REFERRAL - timedelta(days=28)).isoformat()},
        "prior-engagement",
        Status.MET,
        Outcome.ELIGIBLE,
    ),
    (
        WORCS,
        {"prior_intervention": None},
        "prior-engagement",
        Status.UNKNOWN,
        Outcome.NEEDS_INFORMATION,
    ),
    # Universal-service contact (North East: when the case is about to close)
    (
        NE,
        {"referrer.case_closing": True, "universal_contact.name": ""},
        "universal-contact",
        Status.UNKNOWN,
        Outcome.NEEDS_INFORMATION,
    ),
    (
        NE,
        {"referrer.case_closing": False, "universal_contact.name": ""},
        "universal-contact",
        Status.MET,
        Outcome.ELIGIBLE,
    ),
    (NE, {"referrer.case_closing": True}, "universal-contact", Status.MET, Outcome.ELIGIBLE),
    # Continuing support (Worcestershire)
    (
        WORCS,
        {"referrer.continues_support": False},
        "continuing-support",
        Status.NOT_MET,
        Outcome.NOT_ELIGIBLE,
    ),
    (
        WORCS,
        {"referrer.continues_support": None},
        "continuing-support",
        Status.UNKNOWN,
        Outcome.NEEDS_INFORMATION,
    ),
    # Professional referral
    (NE, {"referrer.organisation": ""}, "referrer", Status.UNKNOWN, Outcome.NEEDS_INFORMATION),
    # Situation
    (NE, {"variant": None}, "situation", Status.UNKNOWN, Outcome.NEEDS_INFORMATION),
]


@pytest.mark.parametrize(("scheme_id", "changes", "criterion", "status", "outcome"), CASES)
def test_criterion(
    scheme_id: str, changes: dict[str, Any], criterion: str, status: Status, outcome: Outcome
) -> None:
    if "children" in changes:
        changes = {"focus_child_id": "c1" if changes["children"] else None, **changes}
    case = worcs_case(**changes) if scheme_id == WORCS else varied(demo_case(), **changes)
    result = judge(case)
    assert result.criterion(criterion).status is status, result.criterion(criterion).reason
    assert result.outcome is outcome, [(c.id, c.status, c.reason) for c in result.criteria]


def test_reasons_read_as_sentences() -> None:
    result = judge(worcs_case(children=one_child(born(19), send=True), focus_child_id="c1"))
    assert (
        "Sam is 19 and has SEND; the limit with SEND is under 25: met"
        in result.criterion("children").reason
    )
    result = judge(varied(demo_case(), **{"address.local_authority": "Leeds"}))
    assert result.criterion("area").reason.startswith("Leeds is outside the areas")
    result = judge(
        worcs_case(**{"prior_intervention.start_date": (REFERRAL - timedelta(days=27)).isoformat()})
    )
    assert (
        "27 days; at least 28 days (4 weeks) needed: not met"
        in result.criterion("prior-engagement").reason
    )


def test_dates_are_judged_on_the_referral_date_not_today() -> None:
    case = varied(demo_case(), children=one_child(born(17, 360)), focus_child_id="c1")
    assert judge(case).criterion("children").status is Status.MET
    later = case.referral_date + timedelta(days=30)
    assert judge(case, as_of=later).criterion("children").status is Status.NOT_MET


def test_roles_a_scheme_does_not_take() -> None:
    narrow = scheme(NE).model_copy(
        update={
            "eligible_roles": [r for r in scheme(NE).eligible_roles if r.value != "foster-carer"]
        }
    )
    case = varied(demo_case(), **{"parent_b.role": "foster-carer"})
    result = evaluate(case, narrow, case.referral_date, packs=packs())
    assert result.criterion("roles").status is Status.NOT_MET
    assert result.outcome is Outcome.NOT_ELIGIBLE
