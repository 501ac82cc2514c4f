"""The figures as words and numbers: the rows of the screen's tables and of the PDF's, so
both say the same thing (and a screen reader reads every number the charts show)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from rpc_desktop.domain.figures_summary import Summary

STEP_HEADERS = (
    "Step",
    "Referrals",
    "Median",
    "90th percentile",
    "Scheme allows",
    "Reached in time",
)
UNDECIDED = {
    "triage": "Referred to the triage panel",
    "needs-oversight": "Waiting for a management-oversight decision",
    "needs-information": "Still needing information",
}


def count_rows(summary: Summary, *, criteria: bool = True) -> list[tuple[str, str]]:
    """The counts; with `criteria`, each criterion not met follows "Not eligible"."""
    rows = [
        ("Referrals started", summary.referrals),
        ("Eligible", summary.eligible),
        ("Not eligible", summary.not_eligible),
    ]
    if criteria:
        rows += [(f"Not eligible, not met: {c}", int(n)) for c, n in criterion_rows(summary)]
    rows.append(("Stopped at screening (domestic abuse)", summary.screened_out))
    rows += [(UNDECIDED[k], n) for k, n in summary.undecided.items() if n]
    rows += [
        ("Sent", summary.sent),
        ("Accepted by the service", summary.accepted),
        ("Start date given", summary.started),
    ]
    return [(label, str(n)) for label, n in rows]


def criterion_rows(summary: Summary) -> list[tuple[str, str]]:
    """Not eligible: how many did not meet each criterion (most first)."""
    return [(summary.criterion_label(c), str(n)) for c, n in summary.not_met.items()]


def _days(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}"


def step_rows(summary: Summary) -> list[tuple[str, ...]]:
    """Working days from sending: each step's median and 90th percentile, the referrals they
    rest on, the scheme's allowance and how many reached the step within it."""
    out: list[tuple[str, ...]] = []
    for t in summary.steps:
        allows = "–" if t.step.allowance is None else str(t.step.allowance)
        in_time = "–" if t.within_allowance is None else f"{t.within_allowance} of {t.count}"
        out.append((t.step.label, str(t.count), _days(t.median), _days(t.p90), allows, in_time))
    return out


def left_out(summary: Summary) -> str:
    """What the figures do not count, said plainly (empty when nothing is left out)."""
    if not summary.undated:
        return ""
    some = "referral has" if summary.undated == 1 else "referrals have"
    return f"{summary.undated} {some} no referral date and are in no period's figures."


def fill(table: QTableWidget, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Read-only rows, numbers right-aligned, and the table as tall as its rows (the screen
    scrolls, not each table)."""
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    header = table.horizontalHeader()
    for column in range(len(headers)):
        # The label column takes the room left (and wraps); the numbers keep their width.
        fits = (
            QHeaderView.ResizeMode.Stretch
            if column == 0
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, fits)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    fit_height(table)


def setup(table: QTableWidget, name: str) -> None:
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside it
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    # A narrower window wraps the labels onto more lines: the rows grow to match.
    # (Once the header has settled every section: it resizes them one by one.)
    header.sectionResized.connect(
        lambda *_sizes: QTimer.singleShot(0, table, lambda: fit_height(table))
    )


def fit_height(table: QTableWidget) -> None:
    table.resizeRowsToContents()
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(height)
