"""A referral made on a weekend or a bank holiday: the clock starts on the next working day,
and the timeline is counted from there (England & Wales bank holidays)."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rpc_desktop.domain.calendar import (
    add_working_days,
    clock_start,
    clock_start_note,
    is_working_day,
    timeline,
    why_not_working,
)
from tests.helpers import packs

ENGLAND = holidays.country_holidays("GB", subdiv="ENG", years=range(2020, 2040))
NE = packs().scheme("north-east-relationships-matter")


@pytest.mark.parametrize(
    ("referred", "starts"),
    [
        (date(2026, 12, 18), date(2026, 12, 18)),  # a Friday: that day
        (date(2026, 12, 19), date(2026, 12, 21)),  # Saturday -> Monday
        (date(2026, 12, 20), date(2026, 12, 21)),  # Sunday -> Monday
        # Christmas 2026: Friday 25, Boxing Day Saturday 26, its substitute Monday 28.
        (date(2026, 12, 25), date(2026, 12, 29)),
        (date(2026, 12, 26), date(2026, 12, 29)),
        (date(2026, 12, 27), date(2026, 12, 29)),
        (date(2026, 12, 28), date(2026, 12, 29)),
        # Christmas 2027 falls on a Saturday: both days move to Monday 27 and Tuesday 28.
        (date(2027, 12, 24), date(2027, 12, 24)),
        (date(2027, 12, 25), date(2027, 12, 29)),
        # New Year: 1 January 2027 a Friday; 1 January 2022 a Saturday (Monday 3 off).
        (date(2027, 1, 1), date(2027, 1, 4)),
        (date(2021, 12, 31), date(2021, 12, 31)),
        (date(2022, 1, 1), date(2022, 1, 4)),
        # Easter 2027: Good Friday 26 March, Easter Monday 29 March.
        (date(2027, 3, 26), date(2027, 3, 30)),
        (date(2027, 3, 27), date(2027, 3, 30)),
        (date(2027, 3, 28), date(2027, 3, 30)),
        (date(2027, 3, 29), date(2027, 3, 30)),
        (date(2027, 3, 25), date(2027, 3, 25)),  # Maundy Thursday is a working day
        # The August bank holiday is England's (Scotland's falls earlier).
        (date(2027, 8, 30), date(2027, 8, 31)),
    ],
)
def test_the_clock_starts_on_the_next_working_day(referred: date, starts: date) -> None:
    assert clock_start(referred) == starts


def test_the_gateway_deadline_counts_from_the_clock_start() -> None:
    """Two working days from the clock start: a Saturday referral is due when a Monday's
    would be, a day later than a Friday's."""
    friday, saturday, monday = date(2026, 12, 11), date(2026, 12, 12), date(2026, 12, 14)
    gateway = timeline(friday, NE.timeline)[0].due
    assert gateway == date(2026, 12, 15)
    assert timeline(saturday, NE.timeline) == timeline(monday, NE.timeline)
    assert timeline(saturday, NE.timeline)[0].due == date(2026, 12, 16)


@pytest.mark.parametrize(
    ("referred", "dates"),
    [
        # Christmas Day: counted from Tuesday 29 December (Monday 28 is Boxing Day's substitute).
        (date(2026, 12, 25), [date(2026, 12, 31), date(2027, 1, 15), date(2027, 1, 22)]),
        # Good Friday: counted from Tuesday 30 March.
        (date(2027, 3, 26), [date(2027, 4, 1), date(2027, 4, 15), date(2027, 4, 22)]),
        # New Year's Day: counted from Monday 4 January.
        (date(2027, 1, 1), [date(2027, 1, 6), date(2027, 1, 20), date(2027, 1, 27)]),
    ],
)
def test_timelines_from_a_holiday(referred: date, dates: list[date]) -> None:
    entries = timeline(referred, NE.timeline)
    assert [t.due for t in entries] == dates
    assert [t.working_days_from_referral for t in entries] == [2, 12, 17]


def test_a_working_day_referral_is_unchanged() -> None:
    """The domain example: 17 working days after Friday 18 December 2026."""
    assert clock_start(date(2026, 12, 18)) == date(2026, 12, 18)
    assert timeline(date(2026, 12, 18), NE.timeline)[-1].due == date(2027, 1, 15)
    assert clock_start_note(date(2026, 12, 18)) == ""


@pytest.mark.parametrize(
    ("referred", "note"),
    [
        (
            date(2026, 12, 19),
            "Referred on Saturday 19 December 2026, a weekend: the clock starts on the next "
            "working day, Monday 21 December 2026.",
        ),
        (
            date(2026, 12, 25),
            "Referred on Friday 25 December 2026, a bank holiday (Christmas Day): the clock "
            "starts on the next working day, Tuesday 29 December 2026 (after Boxing Day "
            "(observed) on Monday 28 December 2026).",
        ),
        (
            date(2027, 3, 26),
            "Referred on Friday 26 March 2027, a bank holiday (Good Friday): the clock starts "
            "on the next working day, Tuesday 30 March 2027 (after Easter Monday on Monday "
            "29 March 2027).",
        ),
        (
            date(2022, 12, 31),
            "Referred on Saturday 31 December 2022, a weekend: the clock starts on the next "
            "working day, Tuesday 3 January 2023 (after New Year's Day (observed) on Monday "
            "2 January 2023).",
        ),
    ],
)
def test_the_note_says_which_working_day_the_clock_starts_from(referred: date, note: str) -> None:
    assert clock_start_note(referred) == note


def test_why_a_day_is_not_a_working_day() -> None:
    assert why_not_working(date(2026, 12, 25)) == "a bank holiday (Christmas Day)"
    assert why_not_working(date(2026, 12, 26)) == "a bank holiday (Boxing Day)"  # a Saturday
    assert why_not_working(date(2026, 12, 20)) == "a weekend"
    assert why_not_working(date(2026, 12, 21)) == ""


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2038, 12, 31)))
def test_the_clock_start_is_the_first_working_day_on_or_after(referred: date) -> None:
    start = clock_start(referred)
    assert start >= referred and is_working_day(start)
    assert start.weekday() < 5 and start not in ENGLAND
    between = [referred + timedelta(days=n) for n in range((start - referred).days)]
    assert not any(is_working_day(d) for d in between)
    assert (start == referred) == (clock_start_note(referred) == "")


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2038, 12, 31)),
    st.integers(min_value=1, max_value=40),
)
def test_counting_from_a_day_off_is_counting_from_the_clock_start(
    referred: date, days: int
) -> None:
    steps = [NE.timeline[0].model_copy(update={"working_days": days})]
    assert timeline(referred, steps)[0].due == add_working_days(clock_start(referred), days)
