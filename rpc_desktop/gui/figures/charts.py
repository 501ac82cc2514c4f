"""The figures' charts, drawn with QtCharts from a Summary: the funnel, not eligible by
criterion, and the working days to each step against the scheme's allowance.

Every colour comes from a palette (the screen's own, so dark and high-contrast themes hold;
a plain light one for a file that will be printed), the fonts from the widget's font (touch
mode's larger text), and each bar carries its number, so nothing rests on colour alone: the
90th percentile is hatched and the allowance drawn in outline.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QFrame, QGraphicsScene

from rpc_desktop.domain.figures_summary import StepTiming, Summary
from rpc_desktop.gui.colours import contrast

BAR_CONTRAST = 3.0
"""WCAG's least contrast for graphics against what is around them."""
HALF_LABEL_CHARS, FULL_LABEL_CHARS = 20, 30
"""Category labels longer than about this many average characters are elided, in a chart
half the screen's width and in one as wide as the screen (the tables carry them whole)."""


@dataclass(frozen=True)
class ChartLook:
    background: QColor
    text: QColor
    grid: QColor
    bar: QColor
    font: QFont

    @classmethod
    def of(cls, palette: QPalette, font: QFont) -> ChartLook:
        role = QPalette.ColorRole
        base, text = palette.color(role.Base), palette.color(role.Text)
        bar = palette.color(role.Highlight)
        if contrast(bar, base) < BAR_CONTRAST:  # a theme whose highlight barely shows
            bar = text
        return cls(base, text, palette.color(role.Mid), bar, QFont(font))

    @property
    def title_font(self) -> QFont:
        font = QFont(self.font)
        font.setBold(True)
        return font


def _chart(title: str, look: ChartLook) -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundBrush(QBrush(look.background))
    chart.setBackgroundPen(QPen(look.grid))
    chart.setBackgroundRoundness(0)
    chart.setTitle(title)
    chart.setTitleBrush(QBrush(look.text))
    chart.setTitleFont(look.title_font)
    legend = chart.legend()
    legend.setLabelColor(look.text)
    legend.setFont(look.font)
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(6, 6, 6, 6))
    layout = chart.layout()
    if layout is not None:
        layout.setContentsMargins(0, 0, 0, 0)
    return chart


def _bar_set(name: str, values: Sequence[float], look: ChartLook, brush: QBrush) -> QBarSet:
    bars = QBarSet(name)
    bars.append(list(values))
    bars.setBrush(brush)
    bars.setPen(QPen(look.text, 1))
    bars.setLabelColor(look.text)
    bars.setLabelFont(look.font)
    return bars


def nice_top(largest: float) -> tuple[int, int]:
    """A round top for a count axis and its tick interval (about five whole ticks)."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if largest * 1.15 / step <= 5:
                return max(step, math.ceil(largest * 1.15 / step) * step), step
        magnitude *= 10


def _axes(
    chart: QChart, series: QAbstractBarSeries, labels: list[str], largest: float, look: ChartLook
) -> None:
    horizontal = isinstance(series, QHorizontalBarSeries)
    categories = QBarCategoryAxis()
    categories.append(labels)
    values = QValueAxis()
    top, step = nice_top(largest)
    values.setRange(0, top)
    values.setTickType(QValueAxis.TickType.TicksDynamic)
    values.setTickAnchor(0)
    values.setTickInterval(step)
    values.setLabelFormat("%d")
    for axis in (categories, values):
        axis.setLabelsBrush(QBrush(look.text))
        axis.setLabelsFont(look.font)
        axis.setLinePenColor(look.grid)
        axis.setGridLineColor(look.grid)
    categories.setGridLineVisible(False)
    categories.setTruncateLabels(False)  # elided by us, to a width the tables spell out
    chart.addAxis(
        categories, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom
    )
    chart.addAxis(
        values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft
    )
    series.attachAxis(categories)
    series.attachAxis(values)


def _finish(chart: QChart, series: QAbstractBarSeries, labels: list[str], look: ChartLook) -> None:
    series.setLabelsVisible(True)
    series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setLabelsPrecision(3)
    chart.addSeries(series)
    largest = max((s.at(i) for s in series.barSets() for i in range(s.count())), default=0)
    _axes(chart, series, labels, largest, look)
    chart.legend().setVisible(len(series.barSets()) > 1)


def elide(text: str, look: ChartLook, chars: int) -> str:
    metrics = QFontMetrics(look.font)
    width = metrics.averageCharWidth() * chars
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


def funnel_chart(summary: Summary, look: ChartLook) -> QChart:
    chart = _chart("From referral to a start", look)
    labels = [label for label, _ in summary.funnel]
    series = QBarSeries()
    series.append(_bar_set("Referrals", [n for _, n in summary.funnel], look, QBrush(look.bar)))
    _finish(chart, series, labels, look)
    return chart


def not_met_chart(summary: Summary, look: ChartLook) -> QChart | None:
    """None when no referral of the period was found not eligible."""
    if not summary.not_met:
        return None
    chart = _chart("Not eligible: criteria not met", look)
    # A horizontal chart draws its first category at the bottom: reversed, most on top.
    ids = list(reversed(summary.not_met))
    series = QHorizontalBarSeries()
    counts = [summary.not_met[i] for i in ids]
    series.append(_bar_set("Referrals", counts, look, QBrush(look.bar)))
    _finish(
        chart,
        series,
        [elide(summary.criterion_label(i), look, HALF_LABEL_CHARS) for i in ids],
        look,
    )
    return chart


def timed_steps(summary: Summary) -> list[StepTiming]:
    """The steps the period's referrals reached, in timeline order."""
    return [t for t in summary.steps if t.count]


def steps_chart(summary: Summary, look: ChartLook) -> QChart | None:
    """None when no referral of the period has reached a step."""
    timings = list(reversed(timed_steps(summary)))
    if not timings:
        return None
    chart = _chart("Working days from sending to each step", look)
    series = QHorizontalBarSeries()
    series.append(_bar_set("Median", [t.median or 0 for t in timings], look, QBrush(look.bar)))
    hatched = QBrush(look.bar, Qt.BrushStyle.BDiagPattern)
    series.append(_bar_set("90th percentile", [t.p90 or 0 for t in timings], look, hatched))
    if any(t.step.allowance is not None for t in timings):
        allowed = [t.step.allowance or 0 for t in timings]
        series.append(_bar_set("Scheme allows", allowed, look, QBrush(Qt.BrushStyle.NoBrush)))
    labels = [f"{elide(t.step.label, look, FULL_LABEL_CHARS)} ({t.count})" for t in timings]
    _finish(chart, series, labels, look)
    return chart


def all_charts(summary: Summary, look: ChartLook) -> list[QChart]:
    """The charts that have something to show, in the order the screen and files put them."""
    made = [funnel_chart(summary, look), not_met_chart(summary, look), steps_chart(summary, look)]
    return [c for c in made if c is not None]


def paint_chart(painter: QPainter, chart: QChart, target: QRectF) -> None:
    """Draw `chart` into `target` (vector on a PDF), sized to it, without a window."""
    scene = QGraphicsScene()
    scene.addItem(chart)
    chart.setGeometry(QRectF(0, 0, target.width(), target.height()))
    layout = chart.layout()
    if layout is not None:
        layout.activate()
    scene.render(painter, target, QRectF(0, 0, target.width(), target.height()))
    scene.removeItem(chart)


def chart_view() -> QChartView:
    view = QChartView()
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the tables carry the same numbers
    # Nor its viewport (Qt makes it focusable, a nameless stop for a screen reader).
    view.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.setFrameShape(QFrame.Shape.NoFrame)
    view.setMinimumWidth(200)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view


def describe(chart: QChart) -> str:
    """The chart's numbers in words, for a screen reader."""
    axes = chart.axes()
    categories = next((a.categories() for a in axes if isinstance(a, QBarCategoryAxis)), [])
    parts = []
    for series in chart.series():
        if isinstance(series, QAbstractBarSeries):
            for bars in series.barSets():
                values = [f"{c} {bars.at(i):g}" for i, c in enumerate(categories)]
                parts.append(f"{bars.label()}: " + ", ".join(values))
    return "; ".join(parts)
