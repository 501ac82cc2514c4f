"""The monitoring export as an Excel workbook (issue 14): the same rows and columns as the
CSV (domain.figures), one sheet "Referrals", a bold frozen header, dates as real Excel dates
and everything else as text.

Here, not in the domain: openpyxl is a third-party writer of files, and the domain stays
free of I/O libraries. openpyxl is imported when a workbook is written, so the CSV export
and the rest of the app never load it.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

from rpc_desktop.domain import figures

SHEET = "Referrals"
DATE_COLUMNS = frozenset({"referral_date", "sent_on", "outcome_on"})
WIDEST = 40
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters an XLSX file cannot hold (openpyxl refuses them)."""


def is_date_column(name: str) -> bool:
    """The fixed date columns, every step's (`step:<id>`), and any other `*_on`/`*_date`."""
    return name in DATE_COLUMNS or name.startswith("step:") or name.endswith(("_on", "_date"))


def cell_value(column: str, text: str) -> date | str | None:
    """What a cell holds: nothing for an empty value, a date in a date column (when the text
    is one), text otherwise."""
    if not text:
        return None
    if is_date_column(column):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    return _ILLEGAL.sub("", text)


def workbook_bytes(rows: list[dict[str, str]]) -> bytes:
    """The whole workbook, built in memory with openpyxl's write-only (streaming) mode."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    names = figures.columns(rows)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    sheet.freeze_panes = "A2"
    for number, name in enumerate(names, start=1):
        width = max(len(name), 10 if is_date_column(name) else 8) + 2
        sheet.column_dimensions[get_column_letter(number)].width = min(width, WIDEST)
    bold = Font(bold=True)
    header = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        cell.data_type = "s"  # a name is never a formula
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells: list[Any] = [cell_value(name, row.get(name, "")) for name in names]
        for number, value in enumerate(cells):
            if isinstance(value, str) and value.startswith("="):
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"  # text stays text: never read as a formula
                cells[number] = cell
        sheet.append(cells)  # a date gets openpyxl's own format for dates: yyyy-mm-dd
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_xlsx(rows: list[dict[str, str]], path: Path) -> None:
    """Built whole before a byte reaches `path`: a failure leaves no half-written workbook."""
    path.write_bytes(workbook_bytes(rows))
