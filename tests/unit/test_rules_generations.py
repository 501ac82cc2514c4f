"""The intergenerational criterion is judged from the adults' roles to the child, whatever the
relationship label says (issue 13: a parent and a grandparent recorded as co-carers passed)."""

from __future__ import annotations

from itertools import product

import pytest

from rpc_desktop.domain.case import CarerRole, Relationship
from rpc_desktop.domain.criteria import Criterion, Status, generations
from rpc_desktop.domain.eligibility import Outcome, evaluate
from tests.helpers import demo_case, packs, varied

PARENTS = ("birth-parent", "step-parent", "adoptive-parent")
OPEN = ("foster-carer", "sgo-holder", "other-carer")
"""Roles that do not fix a generation (an SGO holder is often a grandparent)."""
LABELS = (None, *(r.value for r in Relationship))


DEMO = demo_case()


def judged(a: str | None, b: str | None, relationship: str | None) -> Criterion:
    def role(value: str | None) -> CarerRole | None:
        return CarerRole(value) if value else None

    case = DEMO.model_copy(
        update={
            "relationship": Relationship(relationship) if relationship else None,
            "parent_a": DEMO.parent_a.model_copy(update={"role": role(a)}),
            "parent_b": DEMO.parent_b.model_copy(update={"role": role(b)}),
        }
    )
    return generations(case)


@pytest.mark.parametrize(
    ("parent", "label", "first"), list(product(PARENTS, LABELS, (True, False)))
)
def test_a_parent_and_a_grandparent_never_pass_whatever_the_label(
    parent: str, label: str | None, first: bool
) -> None:
    a, b = (parent, "grandparent") if first else ("grandparent", parent)
    result = judged(a, b, label)
    assert result.status is Status.NOT_MET
    assert "different generations" in result.reason
    assert "grandparent" in result.reason and CarerRole(parent).label in result.reason
    if label not in (None, "intergenerational"):
        recorded = Relationship(label).label.lower()
        assert f"whatever their relationship is recorded as ({recorded})" in result.reason
    assert result.field == "parent_a.role"


def test_co_carers_parent_and_grandparent_make_the_referral_not_eligible() -> None:
    case = varied(demo_case(), relationship="co-carers", **{"parent_b.role": "grandparent"})
    result = evaluate(case, packs().scheme(case.scheme_id), case.referral_date, packs=packs())
    assert result.criterion("intergenerational").status is Status.NOT_MET
    assert result.outcome is Outcome.NOT_ELIGIBLE


@pytest.mark.parametrize(("a", "b"), list(product(PARENTS, PARENTS)))
@pytest.mark.parametrize("label", [None, "partners", "former-partners", "co-carers"])
def test_two_parents_are_one_generation(a: str, b: str, label: str | None) -> None:
    result = judged(a, b, label)
    assert result.status is Status.MET
    assert "both parents of the child: one generation" in result.reason


@pytest.mark.parametrize("label", [None, "partners", "co-carers"])
def test_two_grandparents_are_one_generation(label: str | None) -> None:
    result = judged("grandparent", "grandparent", label)
    assert result.status is Status.MET
    assert "both grandparents" in result.reason


@pytest.mark.parametrize(("a", "b"), [*product(PARENTS, PARENTS), ("grandparent",) * 2])
def test_recorded_as_intergenerational_still_excludes_and_asks_to_check(a: str, b: str) -> None:
    result = judged(a, b, "intergenerational")
    assert result.status is Status.NOT_MET
    assert "recorded as from different generations" in result.reason
    assert "check their roles" in result.reason
    assert result.field == "relationship"


@pytest.mark.parametrize("role", OPEN)
def test_the_same_open_role_twice_is_one_generation(role: str) -> None:
    assert judged(role, role, None).status is Status.MET


@pytest.mark.parametrize(
    ("a", "b"), [*product(OPEN, (*PARENTS, "grandparent")), ("foster-carer", "sgo-holder")]
)
def test_where_the_roles_do_not_tell_the_label_decides(a: str, b: str) -> None:
    unknown = judged(a, b, None)
    assert unknown.status is Status.UNKNOWN
    assert "record how they are related" in unknown.reason
    assert unknown.field == "relationship"
    for label in ("partners", "former-partners", "co-carers"):
        met = judged(a, b, label)
        assert met.status is Status.MET, label
        assert "not as from different generations" in met.reason
    refused = judged(a, b, "intergenerational")
    assert refused.status is Status.NOT_MET
    assert "check their roles" not in refused.reason


@pytest.mark.parametrize(("a", "b"), [(None, "birth-parent"), ("grandparent", None), (None, None)])
def test_a_missing_role_is_asked_for(a: str | None, b: str | None) -> None:
    for label in (None, "partners", "co-carers"):
        result = judged(a, b, label)
        assert result.status is Status.UNKNOWN
        assert result.reason.startswith("Record the role of")
    assert judged(a, b, "intergenerational").status is Status.NOT_MET


def test_every_combination_gets_a_status_and_a_reason() -> None:
    roles = [None, *(r.value for r in CarerRole)]
    for a, b, label in product(roles, roles, LABELS):
        result = judged(a, b, label)
        assert result.reason.endswith(".")
        parent_and_grandparent = {a, b} & set(PARENTS) and "grandparent" in (a, b)
        if parent_and_grandparent or label == "intergenerational":
            assert result.status is Status.NOT_MET, (a, b, label)
