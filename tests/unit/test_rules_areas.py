"""An area written as people write it matches the listed area, and never another one."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from rpc_desktop.domain.criteria import Status, area
from rpc_desktop.domain.scheme import Scheme, place_key
from tests.helpers import demo_case, packs, varied

NE = packs().scheme("north-east-relationships-matter")
WORCS = packs().scheme("worcestershire-harmony-at-home")


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        # "Co." / "Co" / "County", before or after, and the council's own name.
        ("Co. Durham", "Durham"),
        ("Co Durham", "Durham"),
        ("co.durham", "Durham"),
        ("County Durham", "Durham"),
        ("Durham County Council", "Durham"),
        ("Durham CC", "Durham"),
        ("DURHAM", "Durham"),
        # "&" / "and", hyphens, commas, the council's kind.
        ("Redcar & Cleveland", "Redcar and Cleveland"),
        ("Redcar & Cleveland Borough Council", "Redcar and Cleveland"),
        ("redcar-and-cleveland", "Redcar and Cleveland"),
        ("Gateshead Council", "Gateshead"),
        ("Gateshead MBC", "Gateshead"),
        ("Metropolitan Borough of Gateshead", "Gateshead"),
        ("South Tyneside Council", "South Tyneside"),
        # "City of X" / "X City"
        ("City of Sunderland", "Sunderland"),
        ("Sunderland City Council", "Sunderland"),
        ("Newcastle City Council", "Newcastle upon Tyne"),
        ("Newcastle upon Tyne, City of", "Newcastle upon Tyne"),
        ("Worcester City", "Worcestershire"),
        # "upon" / "on", with or without hyphens.
        ("Newcastle-upon-Tyne", "Newcastle upon Tyne"),
        ("Newcastle on Tyne", "Newcastle upon Tyne"),
        ("Stockton on Tees", "Stockton-on-Tees"),
        ("Stockton upon Tees", "Stockton-on-Tees"),
        ("Stockton-on-Tees Borough Council", "Stockton-on-Tees"),
        # Spaces, full stops and curly quotes.
        ("  middlesbrough  ", "Middlesbrough"),
        ("Northumberland County Council.", "Northumberland"),
        ("Hartlepool Borough Council", "Hartlepool"),
        # Other names the pack lists (districts and short names).
        ("Newcastle", "Newcastle upon Tyne"),
        ("Stockton", "Stockton-on-Tees"),
        ("Redcar", "Redcar and Cleveland"),
        ("Wyre Forest District Council", "Worcestershire"),
        ("Malvern Hills", "Worcestershire"),
        ("Worcestershire County Council", "Worcestershire"),
    ],
)
def test_usual_written_forms_match_the_listed_area(written: str, listed: str) -> None:
    scheme = WORCS if listed == "Worcestershire" else NE
    assert scheme.area_for(written) == listed


@pytest.mark.parametrize(
    "written",
    [
        "North Tyneside",  # not South Tyneside
        "Tyneside",
        "Tyne and Wear",
        "Cleveland",  # the old county held four of the areas: never guessed
        "Newcastle-under-Lyme",  # Staffordshire, not Newcastle upon Tyne
        "Newcastle under Lyme Borough Council",
        "Durham Road",
        "Stockton Heath",  # Warrington
        "Redcar and Cleveland and Hartlepool",
        "Sunderland Point",  # Lancashire
        "Council",
        "County",
        "Co.",
        "Leeds City Council",
        "Worcester Park",  # London
    ],
)
def test_other_places_do_not_match(written: str) -> None:
    assert NE.area_for(written) is None
    assert WORCS.area_for(written) is None


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("St. Helens", "Saint Helens"),
        ("St Albans City and District Council", "saint albans"),
        ("King's Lynn", "Kings Lynn"),
        ("King\u2019s Lynn", "Kings Lynn"),
        ("Ynys Môn", "Ynys Mon"),
        ("Brighton & Hove City Council", "Brighton and Hove"),
        ("Kingston upon Hull, City of", "Kingston-upon-Hull"),
        ("Southend-on-Sea", "Southend upon Sea"),
        ("The Royal Borough of Windsor and Maidenhead", "Windsor & Maidenhead"),
    ],
)
def test_written_forms_of_one_place_are_one_key(one: str, other: str) -> None:
    assert place_key(one) == place_key(other)


def test_place_words_inside_a_name_are_kept() -> None:
    assert place_key("Isle of Wight Council") == "isle of wight"
    assert place_key("Newcastle-under-Lyme") != place_key("Newcastle upon Tyne")
    assert place_key("North Tyneside") != place_key("South Tyneside")
    assert place_key("City") == "city"  # never reduced to nothing


WRITTEN_AS: list[Any] = [
    lambda s: s.upper(),
    lambda s: s.lower(),
    lambda s: s.replace(" and ", " & "),
    lambda s: s.replace(" ", "-"),
    lambda s: s.replace("-", " "),
    lambda s: s.replace("-on-", "-upon-").replace(" on ", " upon "),
    lambda s: s.replace(" upon ", " on "),
    lambda s: f"{s} Council",
    lambda s: f"{s} Borough Council",
    lambda s: f"City of {s}",
    lambda s: f"{s} City Council",
    lambda s: f"Co. {s}",
    lambda s: f"  {s}, ",
]


@given(
    listed=st.sampled_from([*NE.areas, *WORCS.areas]),
    changes=st.lists(st.sampled_from(WRITTEN_AS), max_size=4),
)
def test_any_mix_of_written_forms_finds_the_area_and_no_other(
    listed: str, changes: list[Any]
) -> None:
    written = listed
    for change in changes:
        written = change(written)
    found = {s.area_for(written) for s in (NE, WORCS)} - {None}
    assert found == {listed}, written


def test_each_scheme_area_has_its_own_key() -> None:
    for scheme in (NE, WORCS):
        keys = [place_key(a) for a in scheme.areas]
        assert len(set(keys)) == len(keys)


def _with(**changes: Any) -> dict[str, Any]:
    return {**NE.model_dump(mode="json"), **changes}


def test_an_alias_written_like_another_area_is_refused() -> None:
    with pytest.raises(ValidationError, match="is how 'Gateshead' is written"):
        Scheme.model_validate(_with(area_aliases={"Gateshead Council": "Sunderland"}))


def test_two_areas_written_the_same_way_are_refused() -> None:
    with pytest.raises(ValidationError, match="two areas are written the same way"):
        Scheme.model_validate(_with(areas=["Durham", "County Durham"]))


def test_an_alias_may_be_another_form_of_its_own_area() -> None:
    scheme = Scheme.model_validate(_with(area_aliases={"Durham County": "Durham"}))
    assert scheme.area_for("durham county") == "Durham"


def test_the_criterion_names_the_listed_area_and_keeps_the_words() -> None:
    case = varied(demo_case(), **{"address.local_authority": "Co. Durham"})
    result = area(case, NE)
    assert result.status is Status.MET
    assert result.reason == 'The family lives in Durham (written "Co. Durham").'
    district = area(varied(case, **{"address.local_authority": "Redditch"}), WORCS)
    assert district.reason == "The family lives in Redditch (in Worcestershire)."
    exact = area(varied(case, **{"address.local_authority": "Gateshead"}), NE)
    assert exact.reason == "The family lives in Gateshead."


def test_somewhere_else_is_outside() -> None:
    case = varied(demo_case(), **{"address.local_authority": "Newcastle-under-Lyme"})
    result = area(case, NE)
    assert result.status is Status.NOT_MET
    assert result.reason.startswith("Newcastle-under-Lyme is outside the areas")
