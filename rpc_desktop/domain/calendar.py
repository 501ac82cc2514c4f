"""Working days on the England & Wales bank-holiday calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from rpc_desktop.domain.dates import long_date
from rpc_desktop.domain.scheme import TimelineStep


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> dict[date, str]:
    # Without subdiv="ENG", Easter Monday and the August holiday are missing.
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def why_not_working(day: date) -> str:
    """Why a day is not a working day ("a bank holiday (Christmas Day)", "a weekend"); empty
    for a working day."""
    holiday = _bank_holidays(day.year).get(day)
    if holiday:
        return f"a bank holiday ({holiday})"
    return "a weekend" if day.weekday() >= 5 else ""


def clock_start(referral_date: date) -> date:
    """The working day a scheme's clock starts from: the referral date itself on a working day;
    a referral made on a weekend or a bank holiday counts from the next working day."""
    day = referral_date
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def clock_start_note(referral_date: date) -> str:
    """Which working day the clock starts from, when it is not the referral date itself (for
    the summary and the email); empty when it is."""
    why = why_not_working(referral_date)
    if not why:
        return ""
    start = clock_start(referral_date)
    between = (referral_date + timedelta(days=n) for n in range(1, (start - referral_date).days))
    skipped = [
        f"{_bank_holidays(day.year)[day]} on {day:%A} {long_date(day)}"
        for day in between
        if day.weekday() < 5  # a weekday in between that is not working: a bank holiday
    ]
    after = f" (after {' and '.join(skipped)})" if skipped else ""
    return (
        f"Referred on {referral_date:%A} {long_date(referral_date)}, {why}: the clock starts on "
        f"the next working day, {start:%A} {long_date(start)}{after}."
    )


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself is not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


@dataclass(frozen=True)
class TimelineDate:
    step: TimelineStep
    due: date
    working_days_from_referral: int


def timeline(referral_date: date, steps: list[TimelineStep]) -> list[TimelineDate]:
    """Each step's expected date, counted on from the one before; the first from the day the
    clock starts (`clock_start`), so a Saturday referral's 2 working days end on Wednesday."""
    out: list[TimelineDate] = []
    current, total = clock_start(referral_date), 0
    for step in steps:
        current = add_working_days(current, step.working_days)
        total += step.working_days
        out.append(TimelineDate(step, current, total))
    return out
