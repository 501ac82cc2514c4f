"""The team lead's figures over a period, from invented monitoring rows: what is counted,
what is left out and shown as such, and the working days to each step across bank holidays."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rpc_desktop.domain.clock import working_days_after
from rpc_desktop.domain.figures_summary import (
    ACCEPTED,
    STARTED,
    Period,
    StepInfo,
    WorkingDays,
    last_month,
    last_year,
    nearest_rank,
    scheme_figures,
    scheme_steps,
    summarise,
    this_month,
    this_quarter,
)
from tests.helpers import packs

NE = "north-east-relationships-matter"
WORCS = "worcestershire-harmony-at-home"
DECEMBER = Period(date(2026, 12, 1), date(2026, 12, 31))
STEPS = [
    StepInfo("gateway", "Gateway", 2),
    StepInfo("first-visit", "First visit", 12),
    StepInfo("start", "Start", 17),
    StepInfo(ACCEPTED, "Accepted", 12),
    StepInfo(STARTED, "Start date given", 17),
]


def row(
    reference: str, referred: str, eligibility: str = "eligible", **more: str
) -> dict[str, str]:
    """An invented row, as domain.figures.monitoring_row makes them (`step__gateway` is
    the `step:gateway` column)."""
    out = {
        "reference": reference,
        "scheme": NE,
        "variant": "separated",
        "area": "Gateshead",
        "children_age_bands": "5-10",
        "referral_date": referred,
        "sent_on": "",
        "accepted_on": "",
        "started_on": "",
        "eligibility": eligibility,
        "outcome": "not sent",
        "outcome_on": "",
    }
    out.update({key.replace("__", ":"): value for key, value in more.items()})
    return out


def test_periods() -> None:
    today = date(2026, 11, 29)
    assert this_month(today) == Period(date(2026, 11, 1), date(2026, 11, 30))
    assert last_month(today) == Period(date(2026, 10, 1), date(2026, 10, 31))
    assert last_month(date(2026, 1, 15)) == Period(date(2025, 12, 1), date(2025, 12, 31))
    assert this_month(date(2028, 2, 10)).end == date(2028, 2, 29)
    assert this_quarter(today) == Period(date(2026, 10, 1), date(2026, 12, 31))
    assert this_quarter(date(2027, 2, 3)) == Period(date(2027, 1, 1), date(2027, 3, 31))
    assert this_quarter(date(2027, 6, 30)) == Period(date(2027, 4, 1), date(2027, 6, 30))
    assert last_year(today) == Period(date(2025, 1, 1), date(2025, 12, 31))
    assert date(2026, 12, 31) in DECEMBER and date(2027, 1, 1) not in DECEMBER
    assert DECEMBER.label == "1 December 2026 to 31 December 2026"
    with pytest.raises(ValueError, match="before it starts"):
        Period(date(2026, 12, 2), date(2026, 12, 1))


def test_counts_in_the_period_and_what_is_left_out() -> None:
    rows = [
        row("R1", "2026-12-01", sent_on="2026-12-02", accepted_on="2026-12-10"),
        row(
            "R2",
            "2026-12-31",
            sent_on="2026-12-31",
            accepted_on="2027-01-08",
            started_on="2027-01-15",
        ),
        row("R3", "2026-12-15", sent_on="2026-12-16"),
        row("R4", "2026-12-15", "not-eligible"),
        row("R5", "2026-12-16", "excluded"),
        row("R6", "2026-12-17", "triage", sent_on="2026-12-18"),
        row("R7", "2026-12-18", "needs-information"),
        row("R8", "2026-11-30", sent_on="2026-12-01"),  # the day before: outside
        row("R9", "2027-01-01"),  # the day after: outside
        row("R10", ""),  # no referral date
        row("R11", "18/12/2026"),  # not an ISO date (a hand-edited file): no date either
        row("R12", "0026-12-18"),  # a slip: no date either
    ]
    summary = summarise(rows, DECEMBER, STEPS)
    assert summary.referrals == 7
    assert (summary.eligible, summary.not_eligible, summary.screened_out) == (3, 1, 1)
    assert summary.undecided == {"triage": 1, "needs-oversight": 0, "needs-information": 1}
    assert (summary.sent, summary.accepted, summary.started) == (4, 2, 1)
    assert (summary.undated, summary.outside) == (3, 2)
    assert summary.funnel == [
        ("Referred", 7),
        ("Eligible", 3),
        ("Sent", 4),
        ("Accepted", 2),
        ("Started", 1),
    ]
    assert not summary.empty


def test_a_reference_counts_once_the_later_row_winning() -> None:
    """A newer figures file from the same device carries the same referrals again."""
    older = row("R1", "2026-12-03", sent_on="2026-12-04")
    newer = row("R1", "2026-12-03", sent_on="2026-12-04", accepted_on="2026-12-11")
    summary = summarise([older, row("R2", "2026-12-05"), newer], DECEMBER, STEPS)
    assert (summary.referrals, summary.sent, summary.accepted) == (2, 1, 1)


def test_not_eligible_by_criterion_not_met() -> None:
    rows = [
        row(
            "R1",
            "2026-12-01",
            "not-eligible",
            criterion__area="not-met",
            criterion__children="not-met",
        ),
        row(
            "R2", "2026-12-02", "not-eligible", criterion__area="not-met", criterion__consent="met"
        ),
        row("R3", "2026-12-03", "not-eligible", criterion__consent="not-met"),
        # Not met but the outcome is not "not eligible" (still being filled in): not counted.
        row("R4", "2026-12-04", "needs-information", criterion__area="not-met"),
        row("R5", "2026-11-04", "not-eligible", criterion__area="not-met"),  # outside
    ]
    summary = summarise(rows, DECEMBER, STEPS)
    assert summary.not_eligible == 3
    # Most first; one referral may miss more than one.
    assert summary.not_met == {"area": 2, "children": 1, "consent": 1}
    assert list(summary.not_met) == ["area", "children", "consent"]
    assert summary.criterion_label("area") == "Lives in the area"
    assert summary.criterion_label("a-new-one") == "A new one"


def test_working_days_from_sending_across_christmas_bank_holidays() -> None:
    # Sent Monday 21 December 2026. Christmas Day (Fri 25), Boxing Day observed (Mon 28)
    # and New Year's Day (Fri 1 January 2027) are not working days.
    sent = "2026-12-21"
    rows = [
        row(
            "R1",
            "2026-12-18",
            sent_on=sent,
            step__gateway="2026-12-22",  # 1 working day
            **{"step:first-visit": "2027-01-05"},  # 22,23,24, 29,30,31, 4,5: 8
            accepted_on="2027-01-05",
        ),
        row(
            "R2",
            "2026-12-18",
            sent_on=sent,
            step__gateway="2026-12-29",  # 22,23,24, 29: 4 (late: 2 allowed)
        ),
        row("R3", "2026-12-18", sent_on=sent),  # sent, nothing reached yet
    ]
    assert working_days_after(date(2026, 12, 21), date(2027, 1, 5)) == 8
    summary = summarise(rows, DECEMBER, STEPS)
    timing = {t.step.id: t for t in summary.steps}
    assert [t.step.id for t in summary.steps] == [
        "gateway",
        "first-visit",
        "start",
        ACCEPTED,
        STARTED,
    ]
    gateway = timing["gateway"]
    assert (gateway.count, gateway.median, gateway.p90) == (2, 2.5, 4)
    assert gateway.within_allowance == 1 and gateway.step.label == "Gateway"
    visit = timing["first-visit"]
    assert (visit.count, visit.median, visit.p90, visit.within_allowance) == (1, 8, 8, 1)
    assert (timing[ACCEPTED].count, timing[ACCEPTED].median) == (1, 8)
    assert timing["start"].count == 0 and timing["start"].median is None
    assert timing["start"].p90 is None and timing[STARTED].within_allowance is None


def test_a_referral_sent_on_a_weekend_counts_from_the_next_working_day() -> None:
    """As the scheme's clock does: sent Saturday 28 March 2027, Easter Monday (29th) is a
    bank holiday, so the clock starts on Tuesday 30th; acknowledged Wednesday 31st: 1 day."""
    rows = [row("R1", "2027-03-26", sent_on="2027-03-27", step__gateway="2027-03-31")]
    summary = summarise(rows, Period(date(2027, 3, 1), date(2027, 3, 31)), STEPS)
    assert summary.steps[0].median == 1


def test_median_and_90th_percentile() -> None:
    rows = [
        row(f"R{n}", "2026-12-01", sent_on="2026-12-01", step__gateway=day.isoformat())
        for n, day in enumerate(
            date(2026, 12, 1) + timedelta(days=d) for d in (1, 2, 3, 6, 7, 8, 9, 10, 13, 14)
        )
    ]
    # Tuesday 1 December: working days 1, 2, 3, 4, 5, 6, 7, 8, 9, 10.
    gateway = summarise(rows, DECEMBER, STEPS).steps[0]
    assert (gateway.count, gateway.median, gateway.p90) == (10, 5.5, 9)
    assert gateway.within_allowance == 2
    assert nearest_rank([4], 0.9) == 4
    assert nearest_rank(list(range(1, 21)), 0.9) == 18
    assert nearest_rank(list(range(1, 22)), 0.9) == 19


def test_an_empty_period() -> None:
    summary = summarise([row("R1", "2026-11-03")], DECEMBER, STEPS)
    assert summary.empty and summary.referrals == 0 and summary.outside == 1
    assert summary.not_met == {} and summary.funnel[0] == ("Referred", 0)
    assert all(t.count == 0 and t.median is None for t in summary.steps)
    nothing = summarise([], DECEMBER)
    assert nothing.empty and (nothing.undated, nothing.outside) == (0, 0)
    assert [t.step.id for t in nothing.steps] == [ACCEPTED, STARTED]


def test_rows_of_other_schemes_and_older_files() -> None:
    """A step no pack names is timed under its id; a file from before accepted_on existed
    counts as not accepted; a scheme may be chosen."""
    old = row("W1", "2026-12-07", sent_on="2026-12-07", step__panel="2026-12-21")
    old["scheme"] = WORCS
    del old["accepted_on"], old["started_on"]
    rows = [old, row("N1", "2026-12-08", sent_on="2026-12-08", step__gateway="2026-12-09")]
    summary = summarise(rows, DECEMBER, STEPS)
    assert summary.accepted == 0 and summary.sent == 2
    panel = next(t for t in summary.steps if t.step.id == "panel")
    assert panel.step.label == "panel" and panel.median == 10 and panel.within_allowance is None
    only_ne = summarise(rows, DECEMBER, STEPS, scheme=NE)
    assert only_ne.referrals == 1 and "panel" not in {t.step.id for t in only_ne.steps}


def test_steps_and_allowances_from_the_scheme_packs() -> None:
    schemes = packs().schemes
    ne = {s.id: s for s in scheme_steps([schemes[NE]])}
    assert [(s.id, s.allowance) for s in ne.values()] == [
        ("gateway", 2),
        ("first-visit", 12),
        ("start", 17),
        (ACCEPTED, 12),
        (STARTED, 17),
    ]
    assert ne["first-visit"].label == "Provider's first home visit"
    worcs = scheme_figures(schemes[WORCS])
    assert worcs.name == "Harmony at Home specialist service"
    assert [(s.id, s.allowance) for s in worcs.steps] == [
        ("panel", 20),
        (ACCEPTED, 20),
        (STARTED, None),  # no step of the scheme is reached by a start date
    ]
    both = {s.id: s for s in scheme_steps([schemes[NE], schemes[WORCS]])}
    assert both["panel"].allowance == 20
    # The panel accepts within 20, the provider visits within 12: no one allowance.
    assert both[ACCEPTED].allowance is None and both[STARTED].allowance == 17


@given(
    st.dates(date(2025, 1, 1), date(2028, 12, 31)),
    st.dates(date(2025, 1, 1), date(2028, 12, 31)),
)
def test_the_running_count_matches_the_clock(a: date, b: date) -> None:
    calendar = WorkingDays(min(a, b), max(a, b))
    assert calendar.after(a, b) == working_days_after(a, b)


ROW = st.fixed_dictionaries(
    {
        "reference": st.sampled_from(["R1", "R2", "R3", "R4", "R5", "R6"]),
        "referral_date": st.one_of(
            st.just(""), st.just("not a date"), st.dates(date(2026, 10, 1), date(2027, 2, 28))
        ).map(lambda d: d if isinstance(d, str) else d.isoformat()),
        "eligibility": st.sampled_from(
            ["eligible", "not-eligible", "excluded", "triage", "needs-oversight"]
        ),
        "sent_on": st.sampled_from(["", "2026-12-21", "2027-01-09"]),
        "step:gateway": st.sampled_from(["", "2026-12-22", "2027-01-05", "2026-12-01"]),
        "accepted_on": st.sampled_from(["", "2027-01-11"]),
        "criterion:area": st.sampled_from(["met", "not-met", "unknown"]),
    }
)


@given(st.lists(ROW, max_size=12))
def test_every_referral_is_counted_once_somewhere(rows: list[dict[str, str]]) -> None:
    summary = summarise(rows, DECEMBER, STEPS)
    assert summary.referrals + summary.undated + summary.outside == len(
        {r["reference"] for r in rows}
    )
    outcomes = summary.eligible + summary.not_eligible + summary.screened_out
    assert outcomes + sum(summary.undecided.values()) == summary.referrals
    assert sum(summary.not_met.values()) <= summary.not_eligible
    for timing in summary.steps:
        assert timing.count <= summary.sent
        if timing.count:
            assert timing.median is not None and timing.p90 is not None
            assert 0 <= timing.median <= timing.p90
