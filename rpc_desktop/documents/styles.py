"""Fonts, paragraph styles, the page template and rendering, shared by the four PDFs."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from io import BytesIO
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from rpc_desktop import APP_NAME, __version__

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
INK = colors.HexColor("#1d2330")
MUTED = colors.HexColor("#5b6475")
RULE = colors.HexColor("#c9cfdb")
TINT = colors.HexColor("#eef1f6")
MARKING = "OFFICIAL-SENSITIVE"
MAX_FIELD_CHARS = 4_000
"""Longer user text is cut (with a note) so one pasted essay cannot make a PDF unusable."""


@cache
def register_fonts(fonts_dir: Path) -> None:
    """Embed DejaVu Sans: the built-in fonts cannot show names such as Łukasiewicz."""
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


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: object, limit: int = MAX_FIELD_CHARS) -> str:
    """User text made safe for a Paragraph: escaped, control characters dropped, bounded."""
    value = _CONTROL.sub("", unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n"))
    cut = len(value) > limit
    if cut:
        value = value[:limit]
    out = html.escape(value, quote=False).replace("\n", "<br/>")
    return out + (f" <i>[cut at {limit:,} characters]</i>" if cut else "")


def para(text: object, style: ParagraphStyle = Styles.body) -> Paragraph:
    """A paragraph of user text (always escaped)."""
    return Paragraph(clean(text), style)


def markup(text: str, style: ParagraphStyle = Styles.body) -> Paragraph:
    """A paragraph of our own markup, with any user parts already passed through clean()."""
    return Paragraph(text, style)


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
    with _binary_streams():
        doc.build(list(story), onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


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
