"""The four PDFs, read back with pypdf."""

from __future__ import annotations

import hashlib
import re
from io import BytesIO
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from rpc_desktop.documents.agreement_pdf import build_agreement
from rpc_desktop.documents.rsq_pdf import build_rsq
from rpc_desktop.documents.styles import register_fonts, render
from rpc_desktop.documents.summary_pdf import SummaryContext, build_summary
from rpc_desktop.domain.case import Case, ParentSlot
from rpc_desktop.domain.eligibility import evaluate
from tests.helpers import RESOURCES, demo_case, packs, varied

FONTS = RESOURCES / "fonts"


def pdf_text(data: bytes) -> str:
    reader = PdfReader(BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def rsq_pdf(case: Case, slot: ParentSlot) -> bytes:
    register_fonts(FONTS)
    scheme = packs().scheme(case.scheme_id)
    return render(
        build_rsq(case, slot, packs().rsq, scheme),
        title="RSQ",
        reference=case.reference,
        fonts_dir=FONTS,
    )


def summary_pdf(case: Case) -> bytes:
    register_fonts(FONTS)
    scheme = packs().scheme(case.scheme_id)
    ctx = SummaryContext(
        evaluate(case, scheme, case.referral_date, packs=packs()),
        "ab" * 32,
        "FFFF " * 16,
        "0.1.0",
        "2026.1",
        "2026.1",
    )
    return render(
        build_summary(case, scheme, ctx), title="Summary", reference=case.reference, fonts_dir=FONTS
    )


def agreement_pdf(case: Case) -> bytes:
    register_fonts(FONTS)
    scheme = packs().scheme(case.scheme_id)
    return render(
        build_agreement(case, packs().agreement_for(scheme), scheme),
        title="PA",
        reference=case.reference,
        fonts_dir=FONTS,
    )


def test_rsq_holds_that_parents_answers_only() -> None:
    case = demo_case()
    text_a = flat(pdf_text(rsq_pdf(case, ParentSlot.A)))
    text_b = flat(pdf_text(rsq_pdf(case, ParentSlot.B)))
    assert case.parent_a.name in text_a and "Parent A" in text_a
    own_a = [v for v in case.rsq_a.answers.values() if isinstance(v, str) and len(v) > 25]
    own_b = [v for v in case.rsq_b.answers.values() if isinstance(v, str) and len(v) > 25]
    assert own_a and own_b
    for answer in own_a:
        assert flat(answer)[:40] in text_a
        assert flat(answer)[:40] not in text_b or answer in own_b


def test_skipped_questions_are_left_out() -> None:
    rsq = packs().rsq
    assert rsq is not None
    case = demo_case()
    conditional = next(
        i
        for i in rsq.items()
        if i.show_if and i.applies_to(case.variant) and i.id in case.rsq_a.answers
    )
    cond = conditional.show_if
    assert cond is not None
    parent = rsq.item(cond.item)
    assert parent is not None
    other = (
        ("no" if cond.values == ["yes"] else "yes")
        if parent.type.value == "yesno"
        else next(o.value for o in parent.options if o.value not in cond.values)
    )
    answers = {**case.rsq_a.answers, cond.item: other}
    changed = case.model_copy(update={"rsq_a": case.rsq_a.model_copy(update={"answers": answers})})
    first_words = flat(conditional.text.split("{")[0])[:30]
    assert first_words in flat(pdf_text(rsq_pdf(case, ParentSlot.A)))
    assert first_words not in flat(pdf_text(rsq_pdf(changed, ParentSlot.A)))


def test_summary_states_screening_but_never_the_answers() -> None:
    case = demo_case()
    text = flat(pdf_text(summary_pdf(case)))
    assert "screened for domestic abuse on their own" in text
    assert "No indicator of domestic abuse was found" in text
    screening = packs().screening
    assert screening is not None
    for item in screening.items:
        assert flat(item.text)[:35] not in text
    assert case.screening_a.safe_contact not in text
    for label in ("15 January 2027", "22 December 2026", "Eligible", case.reference):
        assert label in text


def test_agreement_carries_three_signatures_and_the_text_hash() -> None:
    case = demo_case()
    data = agreement_pdf(case)
    text = flat(pdf_text(data))
    agreement = packs().agreement_for(packs().scheme(case.scheme_id))
    for sig in case.signatures:
        assert sig.name in text
    # the hash is in the metadata, not the text parents read (issue 13)
    keywords = str((PdfReader(BytesIO(data)).metadata or {}).get("/Keywords", ""))
    assert agreement.sha256 in keywords
    assert agreement.sha256[:40] not in text.replace(" ", "")
    assert text.count("Signed") >= 3
    # the strokes are drawn as vector lines in the page content
    page = PdfReader(BytesIO(data)).pages[-1].get_contents().get_data()
    assert page.count(b" l") > 100


def test_unsigned_block_shows_the_follow_up() -> None:
    case = demo_case()
    case = case.model_copy(
        update={
            "signatures": [s for s in case.signatures if s.signer.value != "parent-b"],
            "follow_ups": [
                {
                    "signer": "parent-b",
                    "reason": "Working away until Friday",
                    "recorded_at": "2026-12-18T10:00:00Z",
                }
            ],
        }
    )
    case = Case.model_validate(case.model_dump(mode="json", warnings=False))
    text = flat(pdf_text(agreement_pdf(case)))
    assert "Not signed at the visit: Working away until Friday" in text


HOSTILE = [
    "<b>Bold</b> & <font size=80>big</font> </para><para>",
    "محمد عبد الله",
    "שרה כהן",
    "Zoë 👨‍👩‍👧 Ñúñez \u202eevil",
    "Łukasiewicz-Øvergård Dvořák",
    "A" * 10_000,
    "line one\nline two\r\n\x00\x07tab\there",
]


@pytest.mark.parametrize("name", HOSTILE, ids=lambda n: repr(n[:20]))
def test_hostile_names_still_give_valid_pdfs(name: str) -> None:
    case = varied(
        demo_case(),
        **{
            "parent_a.name": name,
            "children.0.name": name,
            "address.line1": name,
            "referrer.organisation": name,
        },
    )
    for data in (rsq_pdf(case, ParentSlot.A), summary_pdf(case), agreement_pdf(case)):
        reader = PdfReader(BytesIO(data))
        assert len(reader.pages) >= 1
        text = pdf_text(data)
        assert "OFFICIAL-SENSITIVE" in text
    if name.startswith("<b>"):
        assert "<b>Bold</b>" in pdf_text(summary_pdf(case))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=300))
# Found by this test: Arabic makes the paragraph shaped, and the Korean syllable's fallback
# font had never shaped, so ReportLab failed on its glyph (documents/styles.py).
@example("\x9d_쓯ﺊ")
def test_any_text_in_a_free_text_answer_gives_a_valid_pdf(text: str) -> None:
    case = demo_case()
    rsq = packs().rsq
    assert rsq is not None
    item = next(i for i in rsq.items() if i.type.value == "text" and i.id in case.rsq_a.answers)
    answers: dict[str, Any] = {**case.rsq_a.answers, item.id: text}
    changed = case.model_copy(update={"rsq_a": case.rsq_a.model_copy(update={"answers": answers})})
    data = rsq_pdf(changed, ParentSlot.A)
    assert len(PdfReader(BytesIO(data)).pages) >= 1


def test_same_case_gives_the_same_bytes() -> None:
    case = demo_case()
    first = hashlib.sha256(rsq_pdf(case, ParentSlot.B)).hexdigest()
    assert first == hashlib.sha256(rsq_pdf(case, ParentSlot.B)).hexdigest()
