"""Working days on the England & Wales bank-holiday calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from rpc_desktop.domain.scheme import TimelineStep


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    # Without subdiv="ENG", Easter Monday and the August holiday are missing.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


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
    """Each step's expected date, counted on from the one before."""
    out: list[TimelineDate] = []
    current, total = referral_date, 0
    for step in steps:
        current = add_working_days(current, step.working_days)
        total += step.working_days
        out.append(TimelineDate(step, current, total))
    return out
