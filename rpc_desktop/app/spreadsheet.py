"""The monitoring export as an Excel workbook (issue 14): the same rows and columns as the
CSV (domain.figures), one sheet "Referrals", a bold frozen header, dates as real Excel dates
and everything else as text.

Written with XlsxWriter: it writes workbooks and nothing else, and is the fastest of the
well-kept writers (10,000 referrals: about 2 s, where openpyxl's write-only mode took 5;
benchmarks/after_sending.py). Every value goes in with `write_string` or `write_number`,
never `write`, so text that looks like a formula, a number or a link stays the text it is.

Here, not in the domain: XlsxWriter is a third-party writer of files, and the domain stays
free of I/O libraries. It is imported when a workbook is written, so the CSV export and the
rest of the app never load it.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from rpc_desktop.domain import figures

SHEET = "Referrals"
DATE_COLUMNS = frozenset({"referral_date", "sent_on", "outcome_on"})
DATE_FORMAT = "yyyy-mm-dd"
WIDEST = 40
EXCEL_EPOCH = date(1899, 12, 30)
"""Day 0 of Excel's 1900 date system (its serial numbers count days from here, past the
phantom 29 February 1900, so every day this app meets is counted right)."""
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters an XLSX file cannot hold as text."""


def is_date_column(name: str) -> bool:
    """The fixed date columns, every step's (`step:<id>`), and any other `*_on`/`*_date`."""
    return name in DATE_COLUMNS or name.startswith("step:") or name.endswith(("_on", "_date"))


def workbook_bytes(rows: list[dict[str, str]]) -> bytes:
    """The whole workbook, built in memory."""
    import xlsxwriter

    names = figures.columns(rows)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(SHEET)
    bold = book.add_format({"bold": True})
    dated = book.add_format({"num_format": DATE_FORMAT})
    sheet.freeze_panes(1, 0)
    for number, name in enumerate(names):
        width = max(len(name), 10 if is_date_column(name) else 8) + 2
        sheet.set_column(number, number, min(width, WIDEST))
        sheet.write_string(0, number, name, bold)
    # What each column is, once; a date's serial number and a text's cleaned form, once for
    # each distinct value (most repeat: schemes, areas, statuses, days).
    columns = [(number, name, is_date_column(name)) for number, name in enumerate(names)]
    serials: dict[str, int | None] = {}
    texts: dict[str, str] = {}
    for line, row in enumerate(rows, start=1):
        for number, name, is_date in columns:
            text = row.get(name)
            if not text:
                continue
            if is_date:
                if text not in serials:
                    serials[text] = _serial(text)
                serial = serials[text]
                if serial is not None:
                    sheet.write_number(line, number, serial, dated)
                    continue
            clean = texts.get(text)
            if clean is None:
                clean = texts[text] = _ILLEGAL.sub("", text)
            sheet.write_string(line, number, clean)
    book.close()
    return out.getvalue()


def _serial(text: str) -> int | None:
    """Excel's serial number of an ISO day; None when the text is not one."""
    try:
        return (date.fromisoformat(text) - EXCEL_EPOCH).days
    except ValueError:
        return None


def write_xlsx(rows: list[dict[str, str]], path: Path) -> None:
    """Built whole before a byte reaches `path`: a failure leaves no half-written workbook."""
    path.write_bytes(workbook_bytes(rows))
