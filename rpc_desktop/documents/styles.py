"""Fonts, paragraph styles, the page template and rendering, shared by the four PDFs."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from importlib.util import find_spec
from io import BytesIO
from pathlib import Path
from threading import RLock

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from rpc_desktop import APP_NAME, __version__

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FALLBACK_FONTS = (
    ("NotoSansSymbols2", "NotoSansSymbols2-Regular.ttf"),
    ("NotoSansSymbols", "NotoSansSymbols-Regular.ttf"),
    ("DroidSansFallback", "DroidSansFallback.ttf"),
)
"""Tried in turn for a character DejaVu Sans lacks: symbols, then Chinese, Japanese, Korean."""
INK = colors.HexColor("#1d2330")
MUTED = colors.HexColor("#5b6475")
RULE = colors.HexColor("#c9cfdb")
TINT = colors.HexColor("#eef1f6")
MARKING = "OFFICIAL-SENSITIVE"
SUBSTITUTE = '<font color="#5b6475">['
"""Opens a named stand-in for a character no shipped font has (user text is escaped, so
only clean() can write it)."""
SUBSTITUTE_NOTE = (
    f"Grey words in square brackets, such as {SUBSTITUTE}emoji: party popper]</font>, name a "
    "character that the fonts in this document cannot print, such as a colour emoji. The "
    "case file keeps what was typed."
)
_fonts_dir = [Path(__file__).resolve().parent.parent / "resources" / "fonts"]


@cache
def register_fonts(fonts_dir: Path) -> None:
    """Embed DejaVu Sans: the built-in fonts cannot show names such as Łukasiewicz."""
    _fonts_dir[0] = fonts_dir
    regular, bold = str(fonts_dir / "DejaVuSans.ttf"), str(fonts_dir / "DejaVuSans-Bold.ttf")
    pdfmetrics.registerFont(TTFont(FONT, regular))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, bold))
    # No italic face is shipped: <i> falls back to upright under its own name.
    pdfmetrics.registerFont(TTFont(f"{FONT}-Italic", regular))
    pdfmetrics.registerFont(TTFont(f"{FONT}-BoldItalic", bold))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=f"{FONT}-Italic", boldItalic=f"{FONT}-BoldItalic"
    )


def _style(name: str, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": FONT,
        "fontSize": 10,
        "leading": 13.5,
        "textColor": INK,
        "alignment": TA_LEFT,
        "wordWrap": None,
        "splitLongWords": True,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)


class Styles:
    """The paragraph styles; one place to change how every document looks."""

    title = _style("title", fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=4)
    subtitle = _style("subtitle", fontSize=10, textColor=MUTED, spaceAfter=10)
    h2 = _style("h2", fontName=FONT_BOLD, fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=4)
    body = _style("body", spaceAfter=5)
    small = _style("small", fontSize=8.5, leading=11, textColor=MUTED)
    question = _style("question", fontName=FONT_BOLD, fontSize=9.5, leading=12.5, spaceBefore=5)
    answer = _style("answer", leftIndent=10, spaceAfter=3)
    cell = _style("cell", fontSize=9, leading=11.5)
    cell_bold = _style("cell_bold", fontName=FONT_BOLD, fontSize=9, leading=11.5)
    mono = _style("mono", fontSize=8, leading=10.5, textColor=MUTED)


_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_SHAPED_SCRIPTS = _RTL
"""Hebrew and Arabic (and their neighbours): HarfBuzz orders and joins their letters."""
_HARFBUZZ = find_spec("uharfbuzz") is not None
_JOINERS = {
    0x200D,
    0x20E3,
    *range(0xFE00, 0xFE10),
    *range(0x1F3FB, 0x1F400),
    *range(0xE0020, 0xE0080),
}
_FLAG = range(0x1F1E6, 0x1F200)
_lock = RLock()


_reportlab_cmap = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """ReportLab writes a code point past U+FFFF (an emoji) as five hex digits, which PDF
    readers reject, so the character cannot be copied or searched: PDF wants UTF-16 there."""
    return re.sub(
        "<([0-9A-F]{5,6})>$",
        lambda m: f"<{chr(int(m[1], 16)).encode('utf-16-be').hex().upper()}>",
        _reportlab_cmap(fontname, subset),
        flags=re.M,
    )


ttfonts.makeToUnicodeCMap = _to_unicode_cmap
if _HARFBUZZ and isinstance((ttfonts.shapeFragWord.__defaults__ or [None])[0], dict):
    # ReportLab shapes with discretionary and ordinary ligatures on: "first" would print and
    # copy as "ﬁrﬆ" next to an Arabic name. Arabic joins and lam-alef do not need them.
    ttfonts.shapeFragWord.__defaults__[0].update(liga=False, dlig=False)


def _visual(line: str) -> str:
    """Right-to-left runs put in reading order a word at a time (python-bidi); HarfBuzz, in
    ReportLab's shaping, then joins the letters of each word and lays them right to left."""
    if not _RTL.search(line):
        return line
    from bidi import get_display
    from bidi.mirror import MIRRORED

    # The document reads left to right: an Arabic name in "Name, role" stays on the left.
    shown = str(get_display(line, base_dir="L"))
    if not _HARFBUZZ:
        return shown
    # HarfBuzz reverses and mirrors a right-to-left word again, so it gets it back unshown.
    mirror = str.maketrans(MIRRORED)
    return "".join(
        w[::-1].translate(mirror) if _starts_rtl(w) else w for w in re.split(r"(\s+)", shown)
    )


def _starts_rtl(word: str) -> bool:
    """Whether HarfBuzz will lay this word out right to left (its first strong letter)."""
    for ch in word:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL") or (kind == "AN" and _RTL.match(ch)):
            return True
        if kind == "L":
            return False
    return False


@cache
def _covered() -> frozenset[str]:
    """What DejaVu Sans draws, in both weights."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        register_fonts(_fonts_dir[0])
    regular, bold = (pdfmetrics.getFont(n).face.charToGlyph for n in (FONT, FONT_BOLD))
    return frozenset(chr(c) for c in regular.keys() & bold.keys())


@cache
def _fallback(name: str, filename: str) -> frozenset[str]:
    """A fallback font's characters; registered (and read) only once a text needs it."""
    path = _fonts_dir[0] / filename
    if not path.is_file():
        return frozenset()
    with _lock:
        if name not in pdfmetrics.getRegisteredFontNames():
            font = TTFont(name, str(path))
            # ReportLab gives a font its store of glyphs that map to no character (a shaped
            # form) only once it has shaped with that font; a paragraph shaped for another
            # font's script (Arabic) that reaches one in this font first would fail on it.
            if font.shapable:
                font.hbFont()
            pdfmetrics.registerFont(font)
    return frozenset(chr(c) for c, g in pdfmetrics.getFont(name).face.charToGlyph.items() if g)


def _font_for(ch: str) -> str | None:
    if ch in _covered():
        return FONT
    return next((n for n, f in FALLBACK_FONTS if ch in _fallback(n, f)), None)


def _printable(text: str) -> str:
    """Escaped; characters DejaVu lacks in a fallback font, or named in grey brackets (never
    an empty box: ReportLab cannot draw colour emoji)."""
    if set(text) <= _covered():
        return html.escape(text, quote=False)
    out: list[str] = []
    i = 0
    while i < len(text):
        font = _font_for(text[i])
        end, name = _stand_in(text, i)
        if font is None or any(_font_for(c) is None for c in text[i + 1 : end]):
            out.append(f"{SUBSTITUTE}{html.escape(name, quote=False)}]</font>" if name else "")
            i = end
            continue
        end = i + 1
        while end < len(text) and _font_for(text[end]) == font:
            end += 1
        run = html.escape(text[i:end], quote=False)
        out.append(run if font == FONT else f'<font name="{font}">{run}</font>')
        i = end
    return "".join(out)


def _stand_in(text: str, start: int) -> tuple[int, str]:
    """The end of the emoji sequence (or character) at start, and the words that stand for
    it: '' for an invisible format character, which is simply left out."""
    end = start + 1
    while end < len(text) and (
        ord(text[end]) in _JOINERS
        or ord(text[end - 1]) == 0x200D
        or (ord(text[end]) in _FLAG and ord(text[end - 1]) in _FLAG and end - start < 2)
    ):
        end += 1
    points = [ord(c) for c in text[start:end] if ord(c) not in (0x200D, 0x20E3)]
    points = [c for c in points if not 0xFE00 <= c < 0xFE10 and not 0xE0020 <= c < 0xE0080]
    if all(c in _FLAG for c in points) and len(points) == 2:
        return end, "flag: " + "".join(chr(c - 0x1F1E6 + ord("A")) for c in points)
    if len(points) == 1 and unicodedata.category(chr(points[0])) in ("Cf", "Cc", "Zl", "Zp"):
        return end, ""
    names = [unicodedata.name(chr(c), f"U+{c:04X}").lower() for c in points]
    names = [n.replace("emoji modifier fitzpatrick ", "skin tone ") for n in names]
    emoji = any(c >= 0x1F000 or 0x2600 <= c < 0x2C00 for c in points)
    return end, ("emoji: " if emoji else "character: ") + " + ".join(names)


@cache
def _shaped(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: object) -> str:
    """User text made safe for a Paragraph: escaped, control characters dropped, never cut;
    right-to-left runs in visual order, and each character in a font that has it, or named."""
    value = _CONTROL.sub("", unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n"))
    return "<br/>".join(_printable(_visual(line)) for line in value.split("\n"))


def para(text: object, style: ParagraphStyle = Styles.body) -> Paragraph:
    """A paragraph of user text (always escaped)."""
    return markup(clean(text), style)


def markup(text: str, style: ParagraphStyle = Styles.body) -> Paragraph:
    """A paragraph of our own markup, with any user parts already passed through clean()."""
    return Paragraph(text, _shaped(style) if _SHAPED_SCRIPTS.search(text) else style)


def field_table(
    rows: Sequence[tuple[str, object]], widths: tuple[float, float] = (48, 122)
) -> Table:
    """Label/value rows; labels are ours, values are user text."""
    # Labels are ours and short: plain strings lay out far faster than Paragraphs.
    data = [[label, para(value or "—", Styles.cell)] for label, value in rows]
    table = Table(data, colWidths=[widths[0] * mm, widths[1] * mm], hAlign="LEFT", splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONT", (0, 0), (0, -1), FONT_BOLD, 9),
                ("TEXTCOLOR", (0, 0), (0, -1), INK),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def grid(data: list[list[Flowable]], widths_mm: Sequence[float]) -> Table:
    table = Table(
        data, colWidths=[w * mm for w in widths_mm], hAlign="LEFT", repeatRows=1, splitInRow=1
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), TINT),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def render(story: list[Flowable], *, title: str, reference: str, fonts_dir: Path) -> bytes:
    """Lay a story out on A4 with the header and footer; the same story gives the same bytes."""
    register_fonts(fonts_dir)
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=22 * mm,
        bottomMargin=20 * mm,
        title=f"{title} – {reference}",
        author=APP_NAME,
        subject=f"Reducing Parental Conflict referral {reference}",
        creator=f"{APP_NAME} {__version__}",
        invariant=1,
    )
    decorate = _page_decoration(title, reference)
    story = list(story)
    if _stands_in(story):
        story.append(Paragraph(SUBSTITUTE_NOTE, Styles.small))
    with _binary_streams():
        doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def _stands_in(flowables: Iterable[object]) -> bool:
    """Whether any paragraph names a character in place of printing it."""
    for f in flowables:
        if isinstance(f, Paragraph) and SUBSTITUTE in f.text:
            return True
        inner = f if isinstance(f, (list, tuple)) else getattr(f, "_content", None)
        if isinstance(f, Table):
            inner = [cell for row in f._cellvalues for cell in row]
        if inner and _stands_in(inner):
            return True
    return False


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Write compressed streams as binary, not ASCII85: smaller files, a quarter less work.

    ReportLab only has a global switch; it is restored afterwards.
    """
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous


def _page_decoration(title: str, reference: str) -> Callable[[Canvas, SimpleDocTemplate], None]:
    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        width, height = A4
        canvas.saveState()
        canvas.setFont(FONT_BOLD, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(20 * mm, height - 12 * mm, MARKING)
        canvas.setFont(FONT, 8)
        canvas.drawRightString(width - 20 * mm, height - 12 * mm, f"{title} · {reference}")
        canvas.setStrokeColor(RULE)
        canvas.line(20 * mm, height - 14 * mm, width - 20 * mm, height - 14 * mm)
        canvas.drawString(20 * mm, 11 * mm, f"{APP_NAME} {__version__}")
        canvas.drawRightString(width - 20 * mm, 11 * mm, f"Page {doc.page}")
        canvas.restoreState()

    return draw
