"""The referral's clock after sending: due dates on the working-day calendar, across bank
holidays, and what happened against them. Expected dates are counted by hand below."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from rpc_desktop.domain.case import Case
from rpc_desktop.domain.clock import (
    StepState,
    case_clock,
    next_due,
    record_progress,
    referral_clock,
    working_days_after,
)
from rpc_desktop.domain.details import EditError
from rpc_desktop.domain.progress import PROGRESS_SINCE, Happened
from rpc_desktop.domain.scheme import Scheme, TimelineStep
from tests.helpers import RESOURCES, demo_case

NORTH_EAST = [
    TimelineStep(id="gateway", label="Gateway", working_days=2),
    TimelineStep(id="first-visit", label="First home visit", working_days=10),
    TimelineStep(id="start", label="Start date given", working_days=5),
]
WORCESTERSHIRE = [TimelineStep(id="panel", label="Panel decision", working_days=20)]


def test_north_east_over_christmas_and_new_year() -> None:
    # Sent Friday 18 December 2026. Gateway: Mon 21, Tue 22. First visit, ten more: 23, 24,
    # (Christmas Fri 25, weekend, Boxing Day observed Mon 28), 29, 30, 31, (New Year Fri 1,
    # weekend), 4, 5, 6, 7, 8 January. Start date, five more: 11-15 January.
    clock = referral_clock(date(2026, 12, 18), NORTH_EAST, {}, today=date(2026, 12, 18))
    assert [c.due for c in clock] == [date(2026, 12, 22), date(2027, 1, 8), date(2027, 1, 15)]
    assert all(c.state is StepState.DUE for c in clock)
    assert working_days_after(date(2026, 12, 18), date(2027, 1, 15)) == 17, "17 in all"


def test_worcestershire_panel_over_easter() -> None:
    # Sent Thursday 18 March 2027: 20 working days, Good Friday 26 and Easter Monday 29 March
    # not counted: 19, 22-25, 30, 31, 1, 2, 5-9, 12-16 April, 19 April.
    (panel,) = referral_clock(date(2027, 3, 18), WORCESTERSHIRE, {}, today=date(2027, 3, 18))
    assert panel.due == date(2027, 4, 19)


def test_a_referral_sent_at_the_weekend_starts_on_the_next_working_day() -> None:
    # Saturday 19 December 2026: the clock starts Monday 21, the gateway's two days end Wed 23.
    gateway = referral_clock(date(2026, 12, 19), NORTH_EAST, {}, today=date(2026, 12, 19))[0]
    assert gateway.due == date(2026, 12, 23)


def test_each_step_counts_from_when_the_one_before_happened() -> None:
    sent = date(2027, 2, 1)  # a Monday
    on_time = referral_clock(sent, NORTH_EAST, {}, today=sent)
    assert on_time[0].due == date(2027, 2, 3)
    # The gateway took two days longer: the home visit's ten days run from then.
    late = referral_clock(sent, NORTH_EAST, {"gateway": date(2027, 2, 5)}, today=date(2027, 2, 5))
    assert late[0].state is StepState.LATE and late[0].working_days_late == 2
    assert late[1].due == date(2027, 2, 19)  # 8, 9, 10, 11, 12, 15, 16, 17, 18, 19
    early = referral_clock(sent, NORTH_EAST, {"gateway": date(2027, 2, 2)}, today=sent)
    assert early[0].state is StepState.DONE and early[0].working_days_late == 0
    assert early[1].due == date(2027, 2, 16)


def test_an_overdue_step_says_by_how_many_working_days_and_is_the_next_action() -> None:
    sent = date(2027, 2, 1)
    clock = referral_clock(sent, NORTH_EAST, {"gateway": date(2027, 2, 3)}, today=date(2027, 2, 22))
    visit = clock[1]
    assert visit.due == date(2027, 2, 17)
    assert visit.state is StepState.OVERDUE and visit.working_days_late == 3  # 18, 19, 22
    # The start date counts on from the visit's due date while the visit has not happened.
    assert clock[2].due == date(2027, 2, 24) and clock[2].state is StepState.DUE
    assert next_due(clock) is visit


def test_an_ended_referral_stops_its_clock() -> None:
    sent = date(2027, 2, 1)
    clock = referral_clock(
        sent,
        NORTH_EAST,
        {"gateway": date(2027, 2, 3)},
        today=date(2027, 6, 1),
        ended_on=date(2027, 2, 10),
    )
    assert [c.state for c in clock] == [StepState.DONE, StepState.STOPPED, StepState.STOPPED]
    assert next_due(clock) is None


def test_the_shipped_schemes_timelines_give_17_and_20_working_days() -> None:
    from rpc_desktop.domain.packs import load_packs

    packs = load_packs(RESOURCES)
    totals = {s.id: sum(t.working_days for t in s.timeline) for s in packs.schemes.values()}
    assert sorted(totals.values()) == [17, 20]


# --- what the practitioner records, against the scheme's own timeline ------------------

SENT = date(2027, 2, 1)  # a Monday
AT = datetime(2027, 3, 1, 10, 0, tzinfo=UTC)


def north_east() -> Scheme:
    from rpc_desktop.domain.packs import load_packs

    packs = load_packs(RESOURCES)
    return next(s for s in packs.schemes.values() if s.id == "north-east-relationships-matter")


def test_recorded_progress_drives_the_schemes_clock_and_is_written_as_version_3() -> None:
    case = demo_case()
    assert case.schema_version == 2 and case.progress == []
    case = record_progress(
        case, Happened.GATEWAY_ACKNOWLEDGED, date(2027, 2, 3), sent_on=SENT, at=AT
    )
    case = record_progress(
        case, Happened.HOME_VISIT, date(2027, 2, 19), sent_on=SENT, note="went well", at=AT
    )
    assert case.schema_version == PROGRESS_SINCE
    clock = case_clock(case, north_east(), SENT, today=date(2027, 3, 1))
    assert [c.state for c in clock] == [StepState.DONE, StepState.LATE, StepState.OVERDUE]
    assert clock[1].due == date(2027, 2, 17) and clock[1].working_days_late == 2
    assert clock[2].due == date(2027, 2, 26)  # five working days on from the visit
    again = Case.model_validate_json(case.model_dump_json())
    assert again.progress == case.progress  # kept in the case file


def test_progress_is_refused_before_sending_in_the_future_or_after_the_end() -> None:
    case = demo_case()
    with pytest.raises(EditError, match="before the referral was sent"):
        record_progress(case, Happened.HOME_VISIT, date(2027, 1, 29), sent_on=SENT, at=AT)
    with pytest.raises(EditError, match="has not happened yet"):
        record_progress(case, Happened.HOME_VISIT, date(2027, 3, 2), sent_on=SENT, at=AT)
    ended = record_progress(case, Happened.FAMILY_WITHDREW, date(2027, 2, 8), sent_on=SENT, at=AT)
    with pytest.raises(EditError, match="ended on 08/02/2027"):
        record_progress(ended, Happened.HOME_VISIT, date(2027, 2, 9), sent_on=SENT, at=AT)
    clock = case_clock(ended, north_east(), SENT, today=date(2027, 3, 1))
    assert [c.state for c in clock][1:] == [StepState.STOPPED, StepState.STOPPED]
    assert case.progress == [], "the case given is never changed"


def test_a_case_file_from_before_progress_loads_with_none() -> None:
    old = demo_case().model_dump(mode="json")
    old.pop("progress")
    assert Case.model_validate(old).progress == []
