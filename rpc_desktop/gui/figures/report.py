"""The figures as files for a report: the charts as one PNG, and one A4 page of PDF with the
period, the counts, the step times and the charts (drawn as vectors).

Files are drawn in the style's standard (light) palette whatever the screen's theme, since
they are printed and pasted into documents; the numbers are all in the text as well. A file
is written whole or not at all, and an existing one only when the user said to replace it.
"""

from __future__ import annotations

import html
import os
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

from rpc_desktop.domain.dates import long_date
from rpc_desktop.domain.figures_summary import Summary
from rpc_desktop.files import write_new_private
from rpc_desktop.gui.figures.charts import (
    ChartLook,
    funnel_chart,
    not_met_chart,
    paint_chart,
    steps_chart,
)
from rpc_desktop.gui.figures.tables import (
    STEP_HEADERS,
    count_rows,
    criterion_rows,
    left_out,
    step_rows,
)

PNG_WIDTH, PNG_HEIGHT = 1600, 1000
PDF_POINTS, PNG_POINTS = 9.0, 13.0
PDF_DPI = 96
"""The PDF's user units: the charts are laid out at the size they are drawn."""
GAP = 12
TOP_SHARE = 0.45
"""Of the charts' height, the funnel's row's; the step times (three bars a step) the rest."""


def file_look(points: float) -> ChartLook:
    font = QFont(QApplication.font())
    font.setPointSizeF(points)
    palette: QPalette = QApplication.style().standardPalette()
    return ChartLook.of(palette, font)


def title(summary: Summary, scheme: str) -> str:
    return f"Referral figures, {scheme}: {summary.period.label}"


def _paint_charts(painter: QPainter, summary: Summary, area: QRectF, look: ChartLook) -> None:
    """The funnel and the criteria side by side (the funnel alone takes the row when no one
    was not eligible), the step times below, full width."""
    row = (area.height() - GAP) * TOP_SHARE
    top = QRectF(area.left(), area.top(), area.width(), row)
    criteria = not_met_chart(summary, look)
    if criteria is None:
        paint_chart(painter, funnel_chart(summary, look), top)
    else:
        half = (area.width() - GAP) / 2
        paint_chart(painter, funnel_chart(summary, look), QRectF(top.topLeft(), QSizeF(half, row)))
        right = QRectF(top.left() + half + GAP, top.top(), half, row)
        paint_chart(painter, criteria, right)
    bottom = QRectF(area.left(), top.bottom() + GAP, area.width(), area.height() - row - GAP)
    steps = steps_chart(summary, look)
    if steps is None:
        painter.setPen(look.text)
        painter.setFont(look.font)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignCenter, NO_STEPS)
    else:
        paint_chart(painter, steps, bottom)


NO_STEPS = "No referral of this period has reached a step after sending yet."


def charts_png(summary: Summary, scheme: str) -> bytes:
    look = file_look(PNG_POINTS)
    image = QImage(PNG_WIDTH, PNG_HEIGHT, QImage.Format.Format_RGB32)
    image.fill(look.background)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(look.text)
        painter.setFont(look.title_font)
        heading = QRectF(GAP, GAP, PNG_WIDTH - 2 * GAP, 2 * QFontMetrics(look.title_font).height())
        painter.drawText(heading, Qt.AlignmentFlag.AlignVCenter, title(summary, scheme))
        area = QRectF(GAP, heading.bottom() + GAP, PNG_WIDTH - 2 * GAP, 0)
        area.setBottom(PNG_HEIGHT - GAP)
        _paint_charts(painter, summary, area, look)
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # The stubs say bytes; PySide6 takes only a str at run time.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise OSError("the charts could not be drawn as a PNG")
    return bytes(data.data())


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An HTML table: the first column words, the others numbers (right-aligned)."""
    head = "".join(
        f"<th align='{'right' if i else 'left'}'>{html.escape(h)}</th>"
        for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td align='{'right' if i else 'left'}'>{html.escape(v)}</td>"
            for i, v in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table cellspacing=0 cellpadding=3 border=1 width='100%'><tr>{head}</tr>{body}</table>"


def _text(summary: Summary, scheme: str, today: date) -> str:
    note = " ".join(
        [
            f"Referrals whose referral date falls in the period; made on {long_date(today)}.",
            left_out(summary),
        ]
    )
    counts = _table(("Referrals", "Number"), count_rows(summary, criteria=False))
    criteria = _table(("Not eligible: criterion not met", "Referrals"), criterion_rows(summary))
    return (
        f"<h2>{html.escape(title(summary, scheme))}</h2><p>{html.escape(note)}</p>"
        f"<table width='100%' cellspacing=0 cellpadding=0><tr><td width='50%' valign='top'>"
        f"{counts}</td><td width='4%'></td><td width='46%' valign='top'>"
        f"{criteria if summary.not_met else ''}</td></tr></table>"
        "<p><b>Working days from sending to each step</b> (as the scheme's clock counts "
        "them; 90th percentile: 9 in 10 referrals reached the step within that many)</p>"
        + _table(STEP_HEADERS, step_rows(summary))
    )


def report_pdf(summary: Summary, scheme: str, today: date) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title(summary, scheme))
    writer.setCreator("RPC Referral Desktop")
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    look = file_look(PDF_POINTS)
    page = QRectF(writer.pageLayout().paintRectPixels(PDF_DPI))
    page.moveTo(0, 0)
    document = QTextDocument()
    document.setDefaultFont(look.font)
    document.setDocumentMargin(0)
    document.setHtml(_text(summary, scheme, today))
    document.setTextWidth(page.width())
    painter = QPainter(writer)
    try:
        document.drawContents(painter)
        used = document.size().height() + GAP
        area = QRectF(0, used, page.width(), page.height() - used)
        _paint_charts(painter, summary, area, look)
    finally:
        painter.end()
    return bytes(data.data())


def write_file(path: Path, data: bytes, *, replace: bool) -> None:
    """A new file (never over one that appeared meanwhile), or, when the user agreed to
    replace it, the old one replaced whole. OSError when it cannot be written."""
    if not replace:
        write_new_private(path, data)
        return
    fd, partial = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(partial).replace(path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


EXPORT_KINDS = "CSV files (*.csv);;Excel workbooks (*.xlsx)"
"""The monitoring export's types, as the save dialog offers them (CSV first: every
spreadsheet and returns form opens it)."""


def with_kind_suffix(path: Path, kind: str) -> Path:
    """`path` with the ending of the type chosen in a save dialog ("Excel workbooks
    (*.xlsx)" gives ".xlsx") when it has none of that dialog's endings; as it is otherwise."""
    endings = [part.strip("*)") for part in kind.split("(", 1)[-1].split() if part]
    if not endings or path.suffix.lower() in endings:
        return path
    return path.with_name(path.name + endings[0])
