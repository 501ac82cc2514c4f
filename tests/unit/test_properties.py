"""Properties of the rules that must hold for any family."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rpc_desktop.domain.case import CarerRole, Case, ParentSlot, Relationship
from rpc_desktop.domain.eligibility import Outcome, evaluate
from rpc_desktop.domain.questionnaire import Flag
from rpc_desktop.domain.scheme import DaPolicy
from tests.helpers import demo_case, packs, varied

SCHEMES = ["north-east-relationships-matter", "worcestershire-harmony-at-home"]
EXCLUSION_ITEMS = [i for i in packs().screening.items if i.flag is Flag.EXCLUSION]
OPTIONAL = st.none() | st.booleans()


@st.composite
def families(draw: st.DrawFn) -> Case:
    """The demo family with any of its facts changed."""
    changes: dict[str, Any] = {
        "scheme_id": draw(st.sampled_from(SCHEMES)),
        "address.local_authority": draw(
            st.sampled_from(["Gateshead", "Worcestershire", "Redditch", "Leeds", "", "Durham"])
        ),
        "parent_a.role": draw(st.sampled_from([None, *CarerRole])),
        "parent_b.role": draw(st.sampled_from([None, *CarerRole])),
        "relationship": draw(st.sampled_from([None, *Relationship])),
        "parent_a.agrees_to_referral": draw(OPTIONAL),
        "parent_b.agrees_to_referral": draw(OPTIONAL),
        "referrer.continues_support": draw(OPTIONAL),
        "referrer.case_closing": draw(OPTIONAL),
    }
    start = date(2026, 12, 18) - timedelta(days=draw(st.integers(0, 120)))
    changes["prior_intervention"] = draw(
        st.sampled_from([None, {"type": "Tools", "start_date": start.isoformat()}])
    )
    ages = draw(st.lists(st.integers(0, 30), min_size=0, max_size=3))
    changes["children"] = [
        {
            "id": f"c{n}",
            "name": f"Child {n}",
            "send": draw(st.booleans()),
            "date_of_birth": date(2026 - age, 6, 1).isoformat(),
        }
        for n, age in enumerate(ages)
    ]
    changes["focus_child_id"] = "c0" if ages else None
    return varied(demo_case(), **changes)


def _with_indicator(case: Case, slot: ParentSlot, item_id: str, answer: str) -> Case:
    screening = case.screening(slot)
    assert screening is not None
    new = screening.model_copy(update={"answers": {**screening.answers, item_id: answer}})
    return case.model_copy(update={f"screening_{slot.value}": new})


@settings(max_examples=150, deadline=None)
@given(
    case=families(),
    slot=st.sampled_from(list(ParentSlot)),
    item=st.sampled_from(EXCLUSION_ITEMS),
    data=st.data(),
)
@pytest.mark.slow
def test_an_exclusion_indicator_never_makes_a_case_eligible(
    case: Case, slot: ParentSlot, item: Any, data: st.DataObject
) -> None:
    scheme = packs().scheme(case.scheme_id)
    answer = data.draw(st.sampled_from(item.trigger))
    before = evaluate(case, scheme, case.referral_date, packs=packs())
    after = evaluate(
        _with_indicator(case, slot, item.id, answer), scheme, case.referral_date, packs=packs()
    )
    assert after.outcome is not Outcome.ELIGIBLE
    assert not after.bundle_allowed
    if scheme.domestic_abuse.policy is DaPolicy.EXCLUDE:
        assert after.outcome is Outcome.EXCLUDED
    if not before.bundle_allowed:
        assert not after.bundle_allowed


@settings(max_examples=100, deadline=None)
@given(case=families())
def test_every_criterion_has_a_reason(case: Case) -> None:
    result = evaluate(case, packs().scheme(case.scheme_id), case.referral_date, packs=packs())
    assert result.criteria
    assert all(c.reason.strip() and c.title.strip() for c in result.criteria)
    if result.outcome is Outcome.ELIGIBLE:
        assert all(c.status.value == "met" for c in result.criteria)
