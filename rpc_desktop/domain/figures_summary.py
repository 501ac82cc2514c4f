"""The team lead's figures over a period (issue 14), from monitoring rows (domain.figures):
the device's own and those imported from other devices combine the same way, since they are
the same anonymised columns. Counts only: nothing here says who.

A referral belongs to the period its `referral_date` falls in (both ends included). A row
with no referral date, or one that is not a date (nor one between 1990 and 2100), cannot be
placed in any period: it is counted in `Summary.undated`, shown beside the figures, and in
nothing else. A reference seen twice (a newer file from the same device) counts once: the
later row wins. Any other unreadable day (sent, a step) counts as not reached.

Working days to a step are counted from sending as the scheme's clock counts them
(domain.clock): from the day the clock starts (`calendar.clock_start`: a referral sent on a
Saturday counts from the Monday), on the England & Wales working-day calendar, so they
compare directly with the scheme's allowance.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from rpc_desktop.domain.calendar import clock_start, is_working_day
from rpc_desktop.domain.dates import long_date
from rpc_desktop.domain.figures import ACCEPTED_BY, STARTED_BY
from rpc_desktop.domain.scheme import Scheme

STEP = "step:"
CRITERION = "criterion:"
ACCEPTED = "accepted"
STARTED = "started"
COLUMNS = {ACCEPTED: "accepted_on", STARTED: "started_on"}
PLAUSIBLE = (date(1990, 1, 1), date(2100, 12, 31))
"""A day outside these is read as no day at all (not a date)."""
ACCEPTED_LABEL = "Accepted (panel or home visit)"
STARTED_LABEL = "Started (a start date given)"
CRITERION_NAMES = {
    "situation": "Family's situation",
    "referrer": "Named referrer",
    "area": "Lives in the area",
    "roles": "Carers' roles",
    "intergenerational": "Not intergenerational",
    "children": "Children's ages",
    "consent": "Both parents agree",
    "prior-engagement": "Prior engagement",
    "universal-contact": "Universal-service contact",
    "continuing-support": "Referrer keeps supporting",
    "rsq": "RSQ talked through",
    "da-screening": "DA screening done",
    "da-indicators": "No DA indicator",
    "da-concerns": "DA concern decided",
    "da-lookback": "No recent DA",
}
"""Short names for the criteria, for charts; the caller may pass its own."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    """Included."""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def label(self) -> str:
        return f"{long_date(self.start)} to {long_date(self.end)}"


def this_month(today: date) -> Period:
    return Period(today.replace(day=1), _month_end(today))


def last_month(today: date) -> Period:
    end = today.replace(day=1) - timedelta(days=1)
    return Period(end.replace(day=1), end)


def this_quarter(today: date) -> Period:
    """The calendar quarter today falls in (January–March, April–June…)."""
    first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return Period(first, _month_end(first.replace(month=first.month + 2)))


def last_year(today: date) -> Period:
    """The calendar year before this one."""
    return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


@dataclass(frozen=True)
class StepInfo:
    """A step the figures time, as the scheme packs name it."""

    id: str
    """The step's id (`first-visit`), or ACCEPTED / STARTED."""
    label: str
    allowance: int | None = None
    """Working days from sending the scheme allows, if it sets one (and one only)."""


@dataclass(frozen=True)
class StepTiming:
    step: StepInfo
    count: int
    """How many referrals of the period reached the step: what the figures rest on."""
    median: float | None
    p90: int | None
    """Nearest rank: at least 9 in 10 of them reached the step within this many days."""
    within_allowance: int | None
    """How many of them reached it within the allowance (None: no allowance)."""


@dataclass(frozen=True)
class Summary:
    period: Period
    referrals: int
    """Started: the referral date falls in the period."""
    eligible: int
    not_eligible: int
    not_met: dict[str, int]
    """Not eligible, by criterion not met (most first); one referral may miss several."""
    screened_out: int
    """Stopped at screening (domestic abuse): a count, never who."""
    undecided: dict[str, int]
    """The other outcomes (triage, needs-oversight, needs-information), by outcome."""
    sent: int
    accepted: int
    started: int
    steps: tuple[StepTiming, ...]
    undated: int
    """Rows with no (readable) referral date: in no period's figures."""
    outside: int
    """Rows dated outside the period."""
    criterion_names: Mapping[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.referrals == 0

    @property
    def funnel(self) -> list[tuple[str, int]]:
        return [
            ("Referred", self.referrals),
            ("Eligible", self.eligible),
            ("Sent", self.sent),
            ("Accepted", self.accepted),
            ("Started", self.started),
        ]

    def criterion_label(self, criterion_id: str) -> str:
        return self.criterion_names.get(criterion_id) or criterion_id.replace("-", " ").capitalize()


@dataclass(frozen=True)
class SchemeFigures:
    """What the figures need of a scheme pack: its name and the steps it times."""

    id: str
    name: str
    steps: tuple[StepInfo, ...]


def scheme_figures(scheme: Scheme) -> SchemeFigures:
    """The scheme's timeline steps with the working days each allows from sending (the sum
    of the steps up to it), then accepted and started, allowed what the step that acceptance
    or a start date completes allows."""
    steps: list[StepInfo] = []
    ends: dict[str, int | None] = {ACCEPTED: None, STARTED: None}
    allowed = accumulate(s.working_days for s in scheme.timeline)
    for step, days in zip(scheme.timeline, allowed, strict=True):
        steps.append(StepInfo(step.id, step.label, days))
        for key, kinds in ((ACCEPTED, ACCEPTED_BY), (STARTED, STARTED_BY)):
            if ends[key] is None and kinds & set(step.reached_by):
                ends[key] = days
    steps.append(StepInfo(ACCEPTED, ACCEPTED_LABEL, ends[ACCEPTED]))
    steps.append(StepInfo(STARTED, STARTED_LABEL, ends[STARTED]))
    return SchemeFigures(scheme.id, scheme.name, tuple(steps))


def combined_steps(schemes: Iterable[SchemeFigures]) -> list[StepInfo]:
    """The steps of several schemes, for figures over all of them: each step once, then
    accepted and started, with an allowance only where the schemes that set one agree."""
    out: dict[str, StepInfo] = {}
    ends: dict[str, set[int]] = {ACCEPTED: set(), STARTED: set()}
    for scheme in schemes:
        for step in scheme.steps:
            if step.id in ends:
                ends[step.id] |= {step.allowance} if step.allowance is not None else set()
            else:
                out.setdefault(step.id, step)
    for key, label in ((ACCEPTED, ACCEPTED_LABEL), (STARTED, STARTED_LABEL)):
        days = ends[key]
        out[key] = StepInfo(key, label, next(iter(days)) if len(days) == 1 else None)
    return list(out.values())


def scheme_steps(schemes: Iterable[Scheme]) -> list[StepInfo]:
    """combined_steps of these scheme packs."""
    return combined_steps(scheme_figures(s) for s in schemes)


class WorkingDays:
    """Working days between two days from a running count, built once for the span the
    rows cover: the same answers as clock.working_days_after without walking the calendar
    for each referral."""

    def __init__(self, first: date, last: date) -> None:
        self.first = first
        days = (last - first).days + 1
        ticks = (is_working_day(first + timedelta(days=n)) for n in range(days))
        self.upto = list(accumulate(int(t) for t in ticks))

    def after(self, start: date, end: date) -> int:
        """Working days after `start`, up to and including `end` (0 if end is not later)."""
        if end <= start:
            return 0
        return self.upto[(end - self.first).days] - self.upto[(start - self.first).days]


class _Days:
    """ISO days read once each: 10,000 rows hold a few hundred distinct days."""

    def __init__(self) -> None:
        self.read: dict[str, date | None] = {"": None}
        self.starts: dict[date, date] = {}

    def __call__(self, text: str | None) -> date | None:
        if text is None:
            return None
        try:
            return self.read[text]
        except KeyError:
            pass
        try:
            day: date | None = date.fromisoformat(text)
        except ValueError:
            day = None
        if day is not None and not PLAUSIBLE[0] <= day <= PLAUSIBLE[1]:
            day = None  # a slip in a hand-edited file; it must not make a calendar of ages
        self.read[text] = day
        return day

    def clock_start(self, sent: date) -> date:
        if sent not in self.starts:
            self.starts[sent] = clock_start(sent)
        return self.starts[sent]


def nearest_rank(values: Sequence[int], share: float) -> int:
    """The smallest value at least `share` of `values` are at or below (sorted values)."""
    return values[max(math.ceil(share * len(values)) - 1, 0)]


def summarise(
    rows: Iterable[Mapping[str, str]],
    period: Period,
    steps: Sequence[StepInfo] = (),
    *,
    scheme: str | None = None,
    criterion_names: Mapping[str, str] = CRITERION_NAMES,
) -> Summary:
    """The figures of the referrals started in `period` (of one scheme, if given). `steps`
    names the steps and their allowances (scheme_steps); a step column they do not name is
    timed too, under its id."""
    latest: dict[str, Mapping[str, str]] = {}
    for n, row in enumerate(rows):
        latest[row.get("reference") or f"#{n}"] = row
    day = _Days()
    read, first, last = day.read, period.start, period.end
    undated = outside = 0
    chosen: list[Mapping[str, str]] = []
    for row in latest.values():  # (the hot loop: 10,000 rows in a few milliseconds)
        if scheme is not None and row.get("scheme") != scheme:
            continue
        text = row.get("referral_date", "")
        referred = read[text] if text in read else day(text)
        if referred is None:
            undated += 1
        elif first <= referred <= last:
            chosen.append(row)
        else:
            outside += 1
    outcomes = Counter(row.get("eligibility", "") for row in chosen)
    not_met: Counter[str] = Counter()
    for row in chosen:
        if row.get("eligibility") == "not-eligible":
            not_met.update(
                k[len(CRITERION) :]
                for k, v in row.items()
                if v == "not-met" and k.startswith(CRITERION)
            )
    seen = set().union(*chosen)
    known = {s.id: s for s in steps}
    order = dict.fromkeys(s.id for s in steps if s.id not in (ACCEPTED, STARTED))
    order.update(dict.fromkeys(sorted(k[len(STEP) :] for k in seen if k.startswith(STEP))))
    timed = [known.get(i, StepInfo(i, i)) for i in order]
    timed += [
        known.get(k, StepInfo(k, label))
        for k, label in ((ACCEPTED, ACCEPTED_LABEL), (STARTED, STARTED_LABEL))
    ]
    sent = [(row, day(row.get("sent_on"))) for row in chosen]
    started_clock = [(row, day.clock_start(on)) for row, on in sent if on is not None]
    reached = [_reached(COLUMNS.get(s.id, STEP + s.id), started_clock, day) for s in timed]
    known_days = [d for d in read.values() if d is not None] + list(day.starts.values())
    count = _running_count(min(known_days), max(known_days)) if any(reached) else {}
    return Summary(
        period=period,
        referrals=len(chosen),
        eligible=outcomes["eligible"],
        not_eligible=outcomes["not-eligible"],
        not_met=dict(sorted(not_met.items(), key=lambda kv: (-kv[1], kv[0]))),
        screened_out=outcomes["excluded"],
        undecided={k: outcomes[k] for k in ("triage", "needs-oversight", "needs-information")},
        sent=len(started_clock),
        accepted=_count_days(chosen, COLUMNS[ACCEPTED], day),
        started=_count_days(chosen, COLUMNS[STARTED], day),
        steps=tuple(_timing(s, pairs, count) for s, pairs in zip(timed, reached, strict=True)),
        undated=undated,
        outside=outside,
        criterion_names=dict(criterion_names),
    )


def _count_days(rows: list[Mapping[str, str]], column: str, day: _Days) -> int:
    """How many of `rows` hold a day in `column`."""
    read = day.read
    return sum(1 for row in rows if (read[t] if (t := row.get(column, "")) in read else day(t)))


def _reached(
    column: str, sent: list[tuple[Mapping[str, str], date]], day: _Days
) -> list[tuple[date, date]]:
    """(the day the clock started, the day the step was reached) of each referral of `sent`
    that reached it."""
    read, out = day.read, []
    for row, start in sent:
        text = row.get(column, "")
        on = read[text] if text in read else day(text)
        if on is not None:
            out.append((start, on))
    return out


def _running_count(first: date, last: date) -> dict[date, int]:
    """Each day from `first` to `last` with the working days from `first` up to it."""
    calendar = WorkingDays(first, last)
    return {first + timedelta(days=n): c for n, c in enumerate(calendar.upto)}


def _timing(step: StepInfo, pairs: list[tuple[date, date]], count: dict[date, int]) -> StepTiming:
    if not pairs:
        return StepTiming(step, 0, None, None, None)
    days = [count[reached] - count[start] for start, reached in pairs]
    days = sorted(d if d > 0 else 0 for d in days)
    within = None if step.allowance is None else sum(1 for d in days if d <= step.allowance)
    return StepTiming(step, len(days), statistics.median(days), nearest_rank(days, 0.9), within)
