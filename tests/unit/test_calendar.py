from __future__ import annotations

from datetime import date, timedelta

import holidays
from hypothesis import given
from hypothesis import strategies as st

from rpc_desktop.domain.calendar import add_working_days, is_working_day, timeline
from tests.helpers import packs

ENGLAND = holidays.country_holidays("GB", subdiv="ENG", years=range(2024, 2040))


def test_domain_example_seventeen_working_days() -> None:
    assert add_working_days(date(2026, 12, 18), 17) == date(2027, 1, 15)


def test_easter_monday_and_august_holiday_are_skipped() -> None:
    assert not is_working_day(date(2027, 3, 29))  # Easter Monday, England only
    assert not is_working_day(date(2027, 8, 30))  # Summer bank holiday, England
    assert add_working_days(date(2027, 3, 25), 1) == date(2027, 3, 30)  # Good Friday too


def test_north_east_timeline_dates() -> None:
    scheme = packs().schemes["north-east-relationships-matter"]
    dates = [t.due for t in timeline(date(2026, 12, 18), scheme.timeline)]
    assert dates == [date(2026, 12, 22), date(2027, 1, 8), date(2027, 1, 15)]


@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2035, 12, 31)),
    steps=st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=4),
)
def test_timeline_never_lands_on_weekend_or_bank_holiday(start: date, steps: list[int]) -> None:
    current = start
    for days in steps:
        current = add_working_days(current, days)
        assert current.weekday() < 5
        assert current not in ENGLAND
    assert current > start


@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2035, 12, 31)),
    days=st.integers(min_value=0, max_value=60),
)
def test_working_days_counted_exactly(start: date, days: int) -> None:
    end = add_working_days(start, days)
    counted = sum(
        1
        for n in range(1, (end - start).days + 1)
        if (d := start + timedelta(days=n)).weekday() < 5 and d not in ENGLAND
    )
    assert counted == days
