"""One row a referral for the programme's monitoring returns (issue 14): no names,
addresses, dates of birth or free text, only what the returns count. The columns are
documented in docs/monitoring-export.md; a test exports the demo family and finds none of
its personal strings in the file.

A criterion's and a step's columns are named from their ids, so referrals of both schemes
share one header (a column a scheme does not have stays empty).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from rpc_desktop.domain.case import Case
from rpc_desktop.domain.clock import case_clock
from rpc_desktop.domain.eligibility import Evaluation
from rpc_desktop.domain.progress import Happened, ProgressEntry, ended_on
from rpc_desktop.domain.scheme import Scheme

FIXED_COLUMNS = (
    "reference",
    "scheme",
    "variant",
    "area",
    "children_age_bands",
    "referral_date",
    "sent_on",
    "accepted_on",
    "started_on",
    "eligibility",
    "outcome",
    "outcome_on",
)
ACCEPTED_BY = frozenset({Happened.PANEL_ACCEPTED, Happened.HOME_VISIT})
"""The service took the family on: the panel accepted them (Worcestershire), or the
provider made its first home visit (North East)."""
STARTED_BY = frozenset({Happened.START_DATE_GIVEN})
AGE_BANDS = ((0, 4), (5, 10), (11, 15), (16, 18))
"""Children's ages at the referral date, in bands; a baby not yet born is "unborn"."""


def age_band(born: date | None, due: date | None, on: date) -> str:
    if born is None:
        return "unborn" if due is not None else "unknown"
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return next((f"{low}-{high}" for low, high in AGE_BANDS if low <= years <= high), "19+")


def first_day(progress: list[ProgressEntry], kinds: frozenset[Happened]) -> str:
    """The first day any of `kinds` was recorded (ISO), or empty."""
    day = min((e.on for e in progress if e.what in kinds), default=None)
    return day.isoformat() if day else ""


def monitoring_row(
    case: Case, scheme: Scheme, evaluation: Evaluation, sent_on: date | None, today: date
) -> dict[str, str]:
    """The referral's row: step columns `step:<id>` hold the day each timeline step was
    reached; criterion columns `criterion:<id>` its status (met, not-met, unknown…)."""
    on = case.referral_date or today
    bands = sorted(age_band(c.date_of_birth, c.due_date, on) for c in case.children)
    ended = ended_on(case.progress)
    last_end = next((e for e in reversed(case.progress) if e.what.ends), None)
    row = {
        "reference": case.reference,
        "scheme": scheme.id,
        "variant": case.variant.value if case.variant else "",
        "area": case.address.local_authority,
        "children_age_bands": ";".join(bands),
        "referral_date": case.referral_date.isoformat() if case.referral_date else "",
        "sent_on": sent_on.isoformat() if sent_on else "",
        "accepted_on": first_day(case.progress, ACCEPTED_BY),
        "started_on": first_day(case.progress, STARTED_BY),
        "eligibility": evaluation.outcome.value,
        "outcome": last_end.what.value if last_end else ("open" if sent_on else "not sent"),
        "outcome_on": ended.isoformat() if ended else "",
    }
    if sent_on is not None:
        for step in case_clock(case, scheme, sent_on, today):
            row[f"step:{step.step.id}"] = step.happened_on.isoformat() if step.happened_on else ""
    for criterion in evaluation.criteria:
        row[f"criterion:{criterion.id}"] = criterion.status.value
    return row


def columns(rows: Iterable[dict[str, str]]) -> list[str]:
    """The fixed columns, then every step's and criterion's in the order first met."""
    seen: dict[str, None] = dict.fromkeys(FIXED_COLUMNS)
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def write_csv(rows: list[dict[str, str]], path: Path) -> None:
    """UTF-8 with a byte-order mark, so a spreadsheet opens it with its letters intact."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns(rows), restval="")
        writer.writeheader()
        writer.writerows(rows)
