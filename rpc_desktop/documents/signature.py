"""A signature drawn from its vector strokes."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from rpc_desktop.documents.styles import INK, RULE
from rpc_desktop.domain.case import Point, Signature


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
        if self.signature:
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
