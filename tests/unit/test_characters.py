"""Every character reaches the page (issue 13): long answers in full, symbols in a fallback
font or named, right-to-left names in reading order with joined letters."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.pdfbase.ttfonts import TTFontFace

from rpc_desktop.documents.styles import field_table, para, register_fonts, render
from rpc_desktop.domain.case import Case, ParentSlot
from tests.helpers import demo_case, varied
from tests.unit.test_documents import FONTS, flat, pdf_text, rsq_pdf, summary_pdf

PARAGRAPH = "Sunday we rowed about the gas bill and bedtimes again, and nobody slept. " * 40
ESSAY = "\n\n".join([PARAGRAPH] * 12)[:30_000]
UNBROKEN = "x" * 29_999 + "y"
SYMBOLS = "Zoë 😀 ★ → ✓ ⚽ 中 김 🎉 👍🏽"
ARABIC, HEBREW = "فاطمة الزهراء", "דוד כהן"


def body(data: bytes) -> str:
    """The text without the page furniture, and without spaces (lines wrap anywhere)."""
    text = flat(pdf_text(data))
    text = re.sub(
        r"OFFICIAL-SENSITIVE|\S+ · RPC-DEMO-0001|RPC Referral Desktop \S+|Page \d+", "", text
    )
    return text.replace(" ", "")


def with_answer(case: Case, text: str) -> Case:
    answers: dict[str, Any] = {**case.rsq_a.answers, "conflict-recent": text}
    return case.model_copy(update={"rsq_a": case.rsq_a.model_copy(update={"answers": answers})})


@pytest.mark.parametrize("text", [ESSAY, UNBROKEN], ids=["paragraphs", "no-spaces"])
def test_a_long_answer_prints_in_full_across_pages(text: str) -> None:
    data = rsq_pdf(with_answer(demo_case(), text), ParentSlot.A)
    assert len(PdfReader(BytesIO(data)).pages) > 2
    assert flat(text).replace(" ", "") in body(data)
    assert "cut at" not in pdf_text(data)


@pytest.mark.parametrize(
    "text", [ESSAY[:20_000], UNBROKEN[-20_000:]], ids=["paragraphs", "no-spaces"]
)
def test_a_long_value_in_the_summary_splits_its_table_row(text: str) -> None:
    """20,000 characters is the most a case field holds; a row taller than a page splits."""
    data = summary_pdf(varied(demo_case(), **{"parent_a.accessibility_needs": text}))
    assert len(PdfReader(BytesIO(data)).pages) > 2
    assert flat(text).replace(" ", "") in body(data)


def test_a_table_value_longer_than_a_page_splits() -> None:
    register_fonts(FONTS)
    data = render(
        [field_table([("Notes", ESSAY), ("After", "the end")])],
        title="T",
        reference="RPC-DEMO-0001",
        fonts_dir=FONTS,
    )
    assert len(PdfReader(BytesIO(data)).pages) > 2
    assert flat(ESSAY).replace(" ", "") + "Aftertheend" in body(data)


@cache
def font_files() -> dict[str, TTFontFace]:
    faces = (TTFontFace(str(path)) for path in FONTS.glob("*.ttf"))
    return {
        face.name.decode() if isinstance(face.name, bytes) else face.name: face for face in faces
    }


def drawn(data: bytes) -> list[tuple[str, str]]:
    """(font, text) for each text-showing operation, in the order the glyphs are drawn (left to
    right), read through each font's ToUnicode map: pypdf's own extraction reorders
    right-to-left text, which would hide a wrong visual order."""
    out: list[tuple[str, str]] = []
    reader = PdfReader(BytesIO(data))
    for page in reader.pages:
        fonts: dict[str, tuple[str, dict[int, str]]] = {}
        for key, ref in page["/Resources"]["/Font"].items():
            font = ref.get_object()
            if "/ToUnicode" not in font:
                continue
            cmap = font["/ToUnicode"].get_object().get_data().decode()
            chars = cmap.split("beginbfchar", 1)[-1]
            pairs = re.findall(r"<([0-9A-F]{2})> <([0-9A-F]+)>", chars)
            codes = {int(a, 16): bytes.fromhex(b).decode("utf-16-be") for a, b in pairs}
            fonts[key] = (str(font["/BaseFont"]).split("+")[-1], codes)
        current: tuple[str, dict[int, str]] = ("", {})
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"Tf":
                current = fonts.get(operands[0], ("", {}))
            elif op in (b"Tj", b"TJ"):
                items = operands[0] if op == b"TJ" else [operands[0]]
                raw = b"".join(
                    getattr(item, "original_bytes", None) or bytes(item, "latin-1")
                    for item in items
                    if isinstance(item, (str, bytes))
                )
                out.append((current[0], "".join(current[1].get(b, "") for b in raw)))
    return out


def assert_no_empty_boxes(data: bytes) -> None:
    """Every character drawn is in the cmap of the font that draws it (none is .notdef)."""
    faces = font_files()
    for font, text in drawn(data):
        face = faces[font]
        missing = {
            c for c in text if not 0xE000 <= ord(c) < 0xF900 and not face.charToGlyph.get(ord(c))
        }
        assert not missing, f"{font} has no glyph for {missing}"


def test_symbols_print_from_a_font_that_has_them_or_are_named() -> None:
    case = with_answer(varied(demo_case(), **{"parent_a.name": SYMBOLS}), f"Answer {SYMBOLS}")
    for data in (rsq_pdf(case, ParentSlot.A), summary_pdf(case)):
        assert_no_empty_boxes(data)
        fonts = {font for font, _ in drawn(data)}
        assert {"NotoSansSymbols2-Regular", "DroidSansFallback"} <= fonts
        text = flat(pdf_text(data))
        for shown in ("😀", "★", "→", "✓", "⚽", "中", "김"):
            assert shown in text
        assert "[emoji: party popper]" in text
        assert "[emoji: thumbs up sign + skin tone type-4]" in text
        assert "Grey words in square brackets" in text, "the note says what they mean"


def test_no_note_when_nothing_is_named() -> None:
    assert "Grey words" not in pdf_text(summary_pdf(demo_case()))


def test_right_to_left_names_are_drawn_in_reading_order_with_joined_letters() -> None:
    register_fonts(FONTS)
    for name in (ARABIC, HEBREW):
        data = render([para(f"{name}, birth parent")], title="T", reference="R", fonts_dir=FONTS)
        assert_no_empty_boxes(data)
        line = next(t for _, t in drawn(data) if "birth" in t)
        # Drawn left to right: the last letter of the last word first.
        assert unicodedata.normalize("NFKC", line) == f"{name[::-1]}, birth parent"
    data = render([para(ARABIC)], title="T", reference="R", fonts_dir=FONTS)
    arabic = next(t for _, t in drawn(data) if unicodedata.normalize("NFKC", t) == ARABIC[::-1])
    joined = [c for c in arabic if 0xFE70 <= ord(c) <= 0xFEFF]
    assert len(joined) >= 8, "initial, medial and final forms, not isolated letters"


def test_shaped_paragraphs_keep_plain_letters_in_english_words() -> None:
    register_fonts(FONTS)
    data = render([para(f"{ARABIC} first fit")], title="T", reference="R", fonts_dir=FONTS)
    assert "first fit" in pdf_text(data), "no ﬁ or ﬆ ligatures"


def test_rtl_names_in_the_documents_are_shaped() -> None:
    case = varied(demo_case(), **{"parent_a.name": ARABIC, "parent_b.name": HEBREW})
    rsq, summary = rsq_pdf(case, ParentSlot.A), summary_pdf(case)
    for data, names in ((rsq, (ARABIC, "דוד")), (summary, (ARABIC, HEBREW))):
        assert_no_empty_boxes(data)
        lines = [unicodedata.normalize("NFKC", t) for _, t in drawn(data)]
        for name in names:
            assert any(name[::-1] in t for t in lines), name
