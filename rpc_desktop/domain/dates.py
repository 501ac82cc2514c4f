"""Date arithmetic the rules and documents share."""

from __future__ import annotations

from datetime import date, datetime


def age_on(born: date, on: date) -> int:
    """Whole years between a birth date and a day (a 29 February birthday turns on 1 March)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from `earlier` to `later` (negative if later is before)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def long_datetime(moment: datetime) -> str:
    return f"{long_date(moment.date())}, {moment:%H:%M} {moment.tzname() or ''}".rstrip()
