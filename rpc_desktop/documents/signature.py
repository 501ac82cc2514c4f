"""A signature as the agreement shows it: drawn from its vector strokes, or a typed name
set apart as typed (slanted, in a dashed box marked "Typed"), never made to look drawn; and
when it was given, on UK clocks."""

from __future__ import annotations

import math
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from rpc_desktop.documents.styles import FONT, FONT_BOLD, INK, MUTED, RULE
from rpc_desktop.domain.case import Point, Signature
from rpc_desktop.domain.dates import long_datetime

TYPED_SLANT = math.tan(math.radians(12))
"""No italic face is embedded, so a typed name is slanted by hand."""


UK_ZONE = "Europe/London"
GMT = timezone(timedelta(0), "GMT")
BST = timezone(timedelta(hours=1), "BST")


def uk_time(moment: datetime) -> datetime:
    """The moment on UK clocks: GMT in winter, BST in summer (a naive time is UTC, as the
    case stores it). Without the time-zone database (Windows without `tzdata`) the UK rule
    in force since 1996 gives the same answer."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        zone: timezone | ZoneInfo = ZoneInfo(UK_ZONE)
    except ZoneInfoNotFoundError:
        zone = uk_rule(moment)
    return moment.astimezone(zone)


def uk_rule(moment: datetime) -> timezone:
    """BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
    October, GMT otherwise."""
    utc = moment.astimezone(UTC)

    def change(month: int) -> datetime:
        last = date(utc.year, month, 31)
        sunday = last - timedelta(days=(last.weekday() + 1) % 7)
        return datetime(sunday.year, sunday.month, sunday.day, 1, tzinfo=UTC)

    return BST if change(3) <= utc < change(10) else GMT


def uk_datetime(moment: datetime) -> str:
    """What a parent's clock said: "18 December 2026, 10:02 GMT", "1 July 2026, 14:05 BST"."""
    return long_datetime(uk_time(moment))


class SignatureDrawing(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """The strokes scaled into a box that keeps the pad's proportions."""

    def __init__(self, signature: Signature | None, width: float = 70 * mm) -> None:
        super().__init__()
        self.signature = signature
        aspect = signature.aspect if signature else 3.0
        # Keep the pad's proportions inside a 70 x 30 mm box.
        self.width = min(width, 30 * mm * aspect)
        self.height = self.width / aspect

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(0, 2, self.width, 2)
        if self.signature and self.signature.typed:
            self._draw_typed(self.signature.typed_name)
        elif self.signature:
            canvas.setStrokeColor(INK)
            canvas.setFillColor(INK)
            canvas.setLineCap(1)
            canvas.setLineJoin(1)
            for stroke in self.signature.strokes:
                self._draw_stroke(stroke)
        canvas.restoreState()

    def _draw_stroke(self, stroke: list[Point]) -> None:
        """One path a stroke, its width from the stroke's mean pressure."""
        if not stroke:
            return
        canvas = self.canv
        w, h = self.width, self.height
        if len(stroke) == 1:
            p = stroke[0]
            canvas.circle(p.x * w, (1 - p.y) * h, 0.6, stroke=0, fill=1)
            return
        canvas.setLineWidth(0.6 + sum(p.pressure for p in stroke) / len(stroke))
        path = canvas.beginPath()
        path.moveTo(stroke[0].x * w, (1 - stroke[0].y) * h)
        for p in stroke[1:]:
            path.lineTo(p.x * w, (1 - p.y) * h)
        canvas.drawPath(path, stroke=1, fill=0)

    def _draw_typed(self, typed_name: str) -> None:
        """The name slanted in a dashed box headed "Typed", sized to fit the box."""
        canvas = self.canv
        w, h = self.width, self.height
        canvas.setDash(2, 2)
        canvas.setStrokeColor(MUTED)
        canvas.rect(0, 4, w, h - 4, stroke=1, fill=0)
        canvas.setDash()
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT_BOLD, 6.5)
        canvas.drawString(3, h - 9, "TYPED")
        text = _printable(typed_name)
        room = w - 12
        size = 15.0
        while size > 7 and stringWidth(text, FONT, size) * 1.05 > room:
            size -= 0.5
        while len(text) > 1 and stringWidth(text, FONT, size) * 1.05 > room:
            text = text[:-2].rstrip() + "…"
        baseline = 4 + (h - 4 - size) / 2
        canvas.saveState()
        canvas.transform(1, 0, TYPED_SLANT, 1, 6, baseline)
        canvas.setFillColor(INK)
        canvas.setFont(FONT, size)
        canvas.drawString(0, 0, text)
        canvas.restoreState()


def _printable(text: str) -> str:
    """Drawn straight onto the page, so no control or format characters reach it."""
    normal = unicodedata.normalize("NFC", text)
    return "".join(c for c in normal if not unicodedata.category(c).startswith("C")).strip()
