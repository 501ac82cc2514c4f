"""Blank paper forms (issue 13): every question of the variant with room to answer, tick
boxes for options, lines to sign on; written only where nothing would be overwritten."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from rpc_desktop.documents.blank_forms import (
    BOX,
    blank_forms,
    build_blank_agreement,
    build_blank_rsq,
    question_text,
    write_blank_forms,
)
from rpc_desktop.documents.styles import render
from rpc_desktop.domain.case import Variant
from rpc_desktop.domain.questionnaire import ItemType
from rpc_desktop.errors import BundleError
from tests.helpers import RESOURCES, packs
from tests.unit.test_agreement_terms import body_text
from tests.unit.test_documents import flat

FONTS = RESOURCES / "fonts"
SCHEMES = sorted(packs().schemes)


def rsq_text(scheme_id: str, variant: Variant) -> str:
    rsq = packs().rsq
    assert rsq is not None
    scheme = packs().scheme(scheme_id)
    story = build_blank_rsq(rsq, scheme, variant)
    return body_text(render(story, title="Blank RSQ", reference=scheme.name, fonts_dir=FONTS))


@pytest.mark.parametrize("scheme_id", SCHEMES)
@pytest.mark.parametrize("variant", list(Variant))
def test_a_blank_rsq_asks_every_question_of_its_variant(scheme_id: str, variant: Variant) -> None:
    rsq = packs().rsq
    assert rsq is not None
    text = rsq_text(scheme_id, variant)
    asked = [item for item in rsq.items() if item.applies_to(variant)]
    for number, item in enumerate(asked, start=1):
        assert f"{number}. {flat(question_text(item))}" in text, item.id
        for option in item.options:
            assert f"{BOX} {flat(option.label)}" in text, (item.id, option.value)
    others = {flat(question_text(i)) for i in rsq.items() if not i.applies_to(variant)}
    mine = {flat(question_text(i)) for i in asked}
    for question in others - mine:
        assert question not in text
    assert "{child}" not in text and "{other_parent}" not in text
    assert text.count("Prefer not to say") == sum(i.offers_decline for i in asked)
    assert variant.label in text and rsq.version in text


def test_answer_space_fits_each_kind_of_question() -> None:
    text = rsq_text("north-east-relationships-matter", Variant.COUPLE)
    assert f"{BOX} Yes {BOX} No" in text
    assert "Tick all that apply." in text and "Tick one." in text
    assert f"{BOX} 0 {BOX} 1 {BOX} 2" in text, "a scale is a row of numbered boxes"
    assert "(day / month / year)" in text
    assert "Ask only if the answer to question 1 was “Something else”." in text


def test_the_screening_is_never_on_paper() -> None:
    screening = packs().screening
    assert screening is not None
    text = rsq_text("north-east-relationships-matter", Variant.SEPARATED)
    for item in screening.items:
        assert flat(item.text)[:40] not in text
    assert "The domestic abuse screening is not on this form" in text


@pytest.mark.parametrize("scheme_id", SCHEMES)
def test_a_blank_agreement_has_the_terms_and_lines_to_sign(scheme_id: str) -> None:
    scheme = packs().scheme(scheme_id)
    agreement = packs().agreement_for(scheme)
    data = render(
        build_blank_agreement(agreement, scheme), title="x", reference="y", fonts_dir=FONTS
    )
    text = body_text(data)
    for paragraph in agreement.paragraphs:
        assert flat(paragraph) in text
    for _heading, lines in agreement.sections():
        assert all(flat(line) in text for line in lines)
    assert flat(agreement.privacy.withdraw) in text
    assert f"version {agreement.version}" in text
    for label in ("Parent A", "Parent B", "Link worker"):
        assert f"{label} Name Signature Date and time" in text or f"{label} Name Role" in text
    assert text.count("Signature Date and time") == 3


def test_each_scheme_gets_an_rsq_per_variant_and_one_agreement() -> None:
    for scheme_id in SCHEMES:
        scheme = packs().scheme(scheme_id)
        names = [form.file_name for form in blank_forms(packs(), scheme)]
        assert names == [
            *(f"blank-rsq-{scheme.id}-{v.value}.pdf" for v in scheme.variants),
            f"blank-participation-agreement-{scheme.id}.pdf",
        ]
    scheme = packs().scheme(SCHEMES[0])
    only = blank_forms(packs(), scheme, [Variant.SEPARATED])
    assert [f.file_name for f in only] == [
        f"blank-rsq-{scheme.id}-separated.pdf",
        f"blank-participation-agreement-{scheme.id}.pdf",
    ]


def test_forms_are_written_and_never_overwritten(tmp_path: Path) -> None:
    scheme = packs().scheme("worcestershire-harmony-at-home")
    out = tmp_path / "forms"
    written = write_blank_forms(
        packs(), scheme, out, fonts_dir=FONTS, variants=[Variant.COUPLE, Variant.SEPARATED]
    )
    assert sorted(written) == sorted(out.iterdir())
    assert len(written) == 3
    for path in written:
        assert len(PdfReader(BytesIO(path.read_bytes())).pages) >= 1
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # one of the next set exists already: nothing of the set is written
    with pytest.raises(BundleError, match="already exists"):
        write_blank_forms(packs(), scheme, out, fonts_dir=FONTS)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_no_question_type_is_left_without_room_to_answer() -> None:
    rsq = packs().rsq
    assert rsq is not None
    assert {i.type for i in rsq.items()} == set(ItemType), "every kind is exercised above"
