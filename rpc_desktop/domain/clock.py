"""The referral's clock once it is sent (issue 14): when each step of the scheme's timeline
is due, on the England & Wales working-day calendar, and whether it happened in time.

The steps and their lengths are scheme-pack data (`Scheme.timeline`: for the North East the
gateway's 2 working days, the provider's first home visit within 10 more, a start date
within 5 more; for Worcestershire the panel's decision within 20, about a month). The first
step is counted from the day the clock starts after sending (`calendar.clock_start`: a
referral sent on a Saturday starts on the Monday); each later one from the day the step
before actually happened, or from its due date while it has not. A referral that ended
(declined, withdrawn, closed) stops its clock: a step not reached by then is never overdue.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from pydantic import ValidationError

from rpc_desktop.domain.calendar import add_working_days, clock_start, is_working_day
from rpc_desktop.domain.case import Case
from rpc_desktop.domain.details import EditError, first_message
from rpc_desktop.domain.progress import PROGRESS_SINCE, Happened, ProgressEntry, ended_on
from rpc_desktop.domain.scheme import Scheme, TimelineStep


class StepState(StrEnum):
    DONE = "done"
    """Happened on or before its due date."""
    LATE = "late"
    """Happened, after its due date."""
    DUE = "due"
    """Not yet, and not overdue (today is on or before the due date)."""
    OVERDUE = "overdue"
    """Not yet, and its due date has passed."""
    STOPPED = "stopped"
    """Not reached: the referral ended first."""

    @property
    def label(self) -> str:
        return {
            StepState.DONE: "done in time",
            StepState.LATE: "done late",
            StepState.DUE: "due",
            StepState.OVERDUE: "overdue",
            StepState.STOPPED: "not reached (the referral ended)",
        }[self]


@dataclass(frozen=True)
class ClockStep:
    step: TimelineStep
    due: date
    happened_on: date | None
    state: StepState
    working_days_late: int
    """Working days past the due date: to when it happened, or to today while it has not."""


def working_days_after(start: date, end: date) -> int:
    """How many working days fall after `start`, up to and including `end` (0 when `end` is
    not after `start`): the inverse of `calendar.add_working_days`."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def referral_clock(
    sent_on: date,
    steps: list[TimelineStep],
    happened: Mapping[str, date],
    today: date,
    *,
    ended_on: date | None = None,
) -> list[ClockStep]:
    """Each timeline step's due date and state. `happened` maps a step's id to the day it
    actually happened (as the practitioner recorded it); `ended_on`, the day the referral
    ended, if it has (declined, family withdrew, closed)."""
    out: list[ClockStep] = []
    anchor = clock_start(sent_on)
    for step in steps:
        due = add_working_days(anchor, step.working_days)
        on = happened.get(step.id)
        if on is not None:
            state = StepState.DONE if on <= due else StepState.LATE
            late = working_days_after(due, on)
        elif ended_on is not None:
            state, late = StepState.STOPPED, 0
        elif today > due:
            state, late = StepState.OVERDUE, working_days_after(due, today)
        else:
            state, late = StepState.DUE, 0
        out.append(ClockStep(step, due, on, state, late))
        anchor = on if on is not None else due
    return out


def next_due(clock: list[ClockStep]) -> ClockStep | None:
    """The first step not yet reached (overdue or due), for the case list's next action."""
    return next((c for c in clock if c.state in (StepState.DUE, StepState.OVERDUE)), None)


def case_clock(case: Case, scheme: Scheme, sent_on: date, today: date) -> list[ClockStep]:
    """The clock of a sent case: each step reached on the first day something that
    completes it (`TimelineStep.reached_by`) was recorded."""
    happened: dict[str, date] = {}
    for step in scheme.timeline:
        days = [e.on for e in case.progress if e.what in step.reached_by]
        if days:
            happened[step.id] = min(days)
    return referral_clock(
        sent_on, scheme.timeline, happened, today, ended_on=ended_on(case.progress)
    )


def record_progress(
    case: Case, what: Happened, on: date, *, sent_on: date, note: str = "", at: datetime
) -> Case:
    """Record what happened after sending, and when: not before the referral was sent, not
    after today, and nothing after the referral ended."""
    if on < sent_on:
        raise EditError(f"{what.label}: {on:%d/%m/%Y} is before the referral was sent.")
    if on > at.date():
        raise EditError(f"{what.label}: {on:%d/%m/%Y} has not happened yet.")
    ended = ended_on(case.progress)
    if ended is not None and on > ended:
        raise EditError(f"{what.label}: the referral ended on {ended:%d/%m/%Y}.")
    try:
        entry = ProgressEntry(what=what, on=on, note=note, recorded_at=at)
    except ValidationError as exc:
        raise EditError(f"{what.label}: {first_message(exc)}") from None
    progress = sorted([*case.progress, entry], key=lambda e: (e.on, e.recorded_at))
    version = max(case.schema_version, PROGRESS_SINCE)
    return case.model_copy(update={"progress": progress, "schema_version": version})
