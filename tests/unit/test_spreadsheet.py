"""The monitoring export's workbook, from rows alone: dates as dates, text as text (never a
formula), empty as empty, and what an XLSX file cannot hold left out."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl

from rpc_desktop.app.spreadsheet import is_date_column, workbook_bytes


def test_which_columns_hold_dates() -> None:
    for name in ("referral_date", "sent_on", "outcome_on", "accepted_on", "step:gateway"):
        assert is_date_column(name), name
    for name in ("reference", "area", "outcome", "criterion:both-agree", "children_age_bands"):
        assert not is_date_column(name), name


def test_text_stays_text_and_dates_become_dates() -> None:
    rows = [
        {
            "reference": '=HYPERLINK("http://example.invalid")',
            "area": "Gate\x07shead",
            "sent_on": "2026-12-21",
            "outcome_on": "",
            "step:gateway": "not a date",
        }
    ]
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes(rows)))["Referrals"]
    header = [c.value for c in sheet[1]]
    cells = dict(zip(header, sheet[2], strict=True))
    assert cells["reference"].data_type == "s", "never a formula"
    assert cells["reference"].value == rows[0]["reference"]
    assert cells["area"].value == "Gateshead", "a control character is left out"
    assert cells["sent_on"].value == datetime(2026, 12, 21)
    assert cells["outcome_on"].value is None
    assert cells["step:gateway"].value == "not a date"
    assert len(list(sheet.iter_rows())) == 2


def test_every_value_that_looks_like_something_else_stays_text() -> None:
    """write() would turn these into a number, a link or a formula; the export never does."""
    values = ["00123", "1e5", "http://example.invalid/x", "+44 191", "@SUM(A1)", "-1"]
    rows = [{"reference": value, "sent_on": ""} for value in values]
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes(rows)))["Referrals"]
    header = [c.value for c in sheet[1]]
    lines = [dict(zip(header, line, strict=True)) for line in sheet.iter_rows(min_row=2)]
    kept = [
        (c["reference"].value, c["reference"].data_type, c["reference"].hyperlink) for c in lines
    ]
    assert kept == [(value, "s", None) for value in values]
    assert [c["sent_on"].value for c in lines] == [None] * len(values), "empty stays empty"


def test_no_rows_still_has_the_header() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes([])))["Referrals"]
    assert [c.value for c in sheet[1]][:3] == ["reference", "scheme", "variant"]
    assert sheet.max_row == 1
