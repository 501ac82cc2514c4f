"""A parent who lives apart from the family has an address of their own: edited field by
field, printed on their RSQ only, and never what the area criterion judges (the children's
home is)."""

from __future__ import annotations

import pytest

from rpc_desktop.domain import editing
from rpc_desktop.domain.case import Address, ParentSlot
from rpc_desktop.domain.criteria import area
from rpc_desktop.domain.editing import EditError, parent_address_detail, parent_detail
from rpc_desktop.domain.eligibility import Status
from tests.helpers import demo_case, packs
from tests.unit.test_documents import flat, pdf_text, rsq_pdf

ELSEWHERE = Address(line1="7 Quarry Row", line2="Byker", town="Newcastle", postcode="NE6 1ZZ")


def test_a_field_of_their_own_address_gives_them_one() -> None:
    case = demo_case()
    assert case.parent_b.address is None
    detail = parent_address_detail(ParentSlot.B, "town")
    assert editing.read(case, detail) is None
    changed = editing.edit(case, detail, "Newcastle")
    assert changed.parent_b.address == Address(town="Newcastle")
    assert changed.parent_a.address is None, "the other parent keeps the family address"
    assert editing.read(changed, detail) == "Newcastle"
    assert case.parent_b.address is None, "the case given is never changed"
    again = editing.edit(changed, parent_address_detail(ParentSlot.B, "postcode"), "NE6 1ZZ")
    assert again.parent_b.address == Address(town="Newcastle", postcode="NE6 1ZZ")


def test_living_at_the_family_address_again_is_no_address_of_their_own() -> None:
    case = editing.edit(demo_case(), parent_detail(ParentSlot.A, "address"), ELSEWHERE)
    assert case.parent_a.address == ELSEWHERE
    back = editing.edit(case, parent_detail(ParentSlot.A, "address"), None)
    assert back.parent_a.address is None


def test_a_value_that_does_not_fit_says_whose_address() -> None:
    with pytest.raises(EditError, match="Parent B's own address: postcode"):
        editing.edit(demo_case(), parent_address_detail(ParentSlot.B, "postcode"), "x" * 20_001)
    with pytest.raises(ValueError, match="no field"):
        parent_address_detail(ParentSlot.A, "country")


def test_their_own_address_prints_on_their_rsq_only() -> None:
    case = editing.edit(demo_case(), parent_detail(ParentSlot.B, "address"), ELSEWHERE)
    theirs = flat(pdf_text(rsq_pdf(case, ParentSlot.B)))
    assert "Lives at 7 Quarry Row, Byker, Newcastle, NE6 1ZZ" in theirs
    other = flat(pdf_text(rsq_pdf(case, ParentSlot.A)))
    for words in ("Lives at", "Quarry Row", "NE6 1ZZ"):
        assert words not in other, f"{words!r} is on the other parent's RSQ"


def test_a_parent_at_the_family_address_has_no_lives_at_line() -> None:
    case = demo_case()
    for slot in ParentSlot:
        assert "Lives at" not in pdf_text(rsq_pdf(case, slot))


def test_living_elsewhere_with_no_address_yet_says_so() -> None:
    case = editing.edit(demo_case(), parent_detail(ParentSlot.A, "address"), Address())
    text = flat(pdf_text(rsq_pdf(case, ParentSlot.A)))
    assert "Lives at Not at the family address (address not given)" in text


def test_the_area_is_the_childrens_home_not_a_parent_elsewhere() -> None:
    case = demo_case()
    scheme = packs().scheme(case.scheme_id)
    away = Address(town="Worcester", postcode="WR1 1ZZ", local_authority="Worcestershire")
    for slot in ParentSlot:
        case = editing.edit(case, parent_detail(slot, "address"), away)
    found = area(case, scheme)
    assert found.status is Status.MET
    assert "Gateshead" in found.reason
