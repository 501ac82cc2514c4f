"""The monitoring export: one row a referral, and nothing in it that names the family."""

from __future__ import annotations

import csv
import re
from datetime import UTC, date, datetime
from pathlib import Path

from rpc_desktop.domain.clock import record_progress
from rpc_desktop.domain.eligibility import evaluate
from rpc_desktop.domain.figures import (
    ACCEPTED_BY,
    FIXED_COLUMNS,
    STARTED_BY,
    age_band,
    first_day,
    monitoring_row,
    write_csv,
)
from rpc_desktop.domain.packs import load_packs
from rpc_desktop.domain.progress import Happened, ProgressEntry
from tests.helpers import RESOURCES, ROOT, demo_case

SENT = date(2026, 12, 21)
AT = datetime(2027, 1, 20, 12, 0, tzinfo=UTC)


def strings(value: object) -> set[str]:
    """Every string anywhere in a case file's data."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(strings(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(strings(v) for v in value)) if value else set()
    return set()


def exported(tmp_path: Path) -> tuple[dict[str, str], str, set[str]]:
    packs = load_packs(RESOURCES)
    case = demo_case()
    case = record_progress(
        case, Happened.GATEWAY_ACKNOWLEDGED, date(2026, 12, 22), sent_on=SENT, at=AT
    )
    case = record_progress(
        case, Happened.HOME_VISIT, date(2027, 1, 7), sent_on=SENT, note="Met Zofia at home", at=AT
    )
    scheme = packs.schemes[case.scheme_id]
    evaluation = evaluate(case, scheme, case.referral_date, packs=packs)
    row = monitoring_row(case, scheme, evaluation, SENT, today=date(2027, 1, 20))
    path = tmp_path / "monitoring.csv"
    write_csv([row], path)
    return row, path.read_text(encoding="utf-8-sig"), strings(case.model_dump(mode="json"))


def test_the_export_holds_no_name_address_birth_date_or_free_text(tmp_path: Path) -> None:
    row, text, in_case = exported(tmp_path)
    allowed = set(row.values())  # the reference, the scheme, the area, the dates it counts
    personal = {s for s in in_case - allowed if len(s) >= 3}
    assert "14 Larkspur Gardens" in personal and "Met Zofia at home" in personal
    # An id or a code (a variant, a status, an answer's id) may meet one of the row's by
    # chance; nothing else of the family's may: a name, an address, a phone number, an
    # e-mail, a date (of birth), a sentence.
    found = sorted(s for s in personal if s in text and not re.fullmatch(r"[a-z][a-z0-9-]*", s))
    assert found == []


def test_a_row_counts_what_the_returns_ask(tmp_path: Path) -> None:
    row, text, _ = exported(tmp_path)
    assert row["reference"] == "RPC-DEMO-0001"
    assert row["area"] == "Gateshead"
    # Children born 9 March 2017, 22 August 2020, 2 November 2023; referred 18 Dec 2026.
    assert row["children_age_bands"] == "0-4;5-10;5-10"
    assert row["sent_on"] == "2026-12-21" and row["outcome"] == "open"
    assert row["step:gateway"] == "2026-12-22" and row["step:first-visit"] == "2027-01-07"
    assert row["step:start"] == ""
    # Taken on at the provider's home visit; no start date given yet.
    assert row["accepted_on"] == "2027-01-07" and row["started_on"] == ""
    assert row["eligibility"] == "eligible"
    assert all(
        v in ("met", "not-met", "unknown") for k, v in row.items() if k.startswith("criterion:")
    )
    header = next(csv.reader([text.splitlines()[0]]))
    assert header[:3] == ["reference", "scheme", "variant"]


def test_age_bands() -> None:
    on = date(2026, 12, 18)
    assert age_band(date(2022, 12, 19), None, on) == "0-4"  # 3 the day before a birthday
    assert age_band(date(2021, 12, 18), None, on) == "5-10"  # 5 that day
    assert age_band(date(2010, 1, 1), None, on) == "16-18"
    assert age_band(None, date(2027, 3, 1), on) == "unborn"
    assert age_band(None, None, on) == "unknown"


def test_accepted_is_the_first_acceptance_and_started_the_first_start_date() -> None:
    def entry(what: Happened, on: date) -> ProgressEntry:
        return ProgressEntry(what=what, on=on, recorded_at=AT)

    progress = [
        entry(Happened.GATEWAY_ACKNOWLEDGED, date(2027, 1, 4)),
        entry(Happened.PANEL_ACCEPTED, date(2027, 1, 12)),
        entry(Happened.HOME_VISIT, date(2027, 1, 8)),
        entry(Happened.START_DATE_GIVEN, date(2027, 1, 19)),
        entry(Happened.START_DATE_GIVEN, date(2027, 1, 15)),
    ]
    assert first_day(progress, ACCEPTED_BY) == "2027-01-08"
    assert first_day(progress, STARTED_BY) == "2027-01-15"
    assert first_day(progress[:1], ACCEPTED_BY) == ""
    assert first_day([entry(Happened.RETURNED_WITH_ADVICE, date(2027, 1, 5))], ACCEPTED_BY) == ""


def test_the_documented_columns_are_the_fixed_columns() -> None:
    """docs/monitoring-export.md lists every fixed column, in the order of the file."""
    doc = (ROOT / "docs" / "monitoring-export.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([a-z_]+)` \|", doc, re.MULTILINE)
    assert listed == list(FIXED_COLUMNS)
