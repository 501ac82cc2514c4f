"""The team lead's Figures screen with 10,000 referrals, next to a bare chart, in the same run.

Ours: build the FiguresView over 10,000 invented monitoring rows for a year (it summarises
them, fills its tables and builds its three charts) at 1024×768 and paint it whole (grab());
summarising alone is timed too. Baseline: a bare QChartView of the same size with one bar
series of the funnel's five bars, painted the same way. Issue 14's goal: the view with its
charts drawn in ≤ 300 ms; the output says whether it was met.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/figures.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCharts import QBarSeries, QBarSet, QChart, QChartView
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from rpc_desktop.app import paths
from rpc_desktop.domain.calendar import add_working_days
from rpc_desktop.domain.figures_summary import last_year, scheme_figures, summarise
from rpc_desktop.domain.packs import load_packs

ROWS = 10_000
ROUNDS = 15
GOAL_MS = 300.0
SIZE = (1024, 768)
TODAY = date(2027, 1, 20)
NE, WORCS = "north-east-relationships-matter", "worcestershire-harmony-at-home"
NE_CRITERIA = ("area", "children", "consent", "roles", "universal-contact", "intergenerational")
WORCS_CRITERIA = ("area", "children", "consent", "prior-engagement", "continuing-support")


def invented_rows(count: int, seed: int = 14) -> list[dict[str, str]]:
    """Monitoring rows of invented referrals through 2026 (no real family): most North East,
    some Worcestershire; each step reached a few working days after the one before."""
    pick = random.Random(seed)
    rows = []
    for n in range(count):
        scheme = NE if pick.random() < 0.8 else WORCS
        referred = date(2026, 1, 1) + timedelta(days=pick.randrange(365))
        outcome = pick.choices(
            ["eligible", "not-eligible", "excluded", "triage", "needs-information"],
            [70, 15, 5, 3, 7],
        )[0]
        criteria = NE_CRITERIA if scheme == NE else WORCS_CRITERIA
        row = {
            "reference": f"RPC-BENCH-{n:05d}",
            "scheme": scheme,
            "variant": pick.choice(["couple", "separated", "expecting"]),
            "area": "Gateshead" if scheme == NE else "Worcestershire",
            "children_age_bands": "5-10",
            "referral_date": referred.isoformat(),
            "eligibility": outcome,
            "outcome": "not sent",
            "outcome_on": "",
        }
        for criterion in criteria:
            missed = outcome == "not-eligible" and pick.random() < 0.3
            row[f"criterion:{criterion}"] = "not-met" if missed else "met"
        sent = None
        if outcome in ("eligible", "triage") and pick.random() < 0.9:
            sent = add_working_days(referred, pick.randrange(0, 4))
            row["outcome"] = "open"
        row["sent_on"] = sent.isoformat() if sent else ""
        steps = [("gateway", 1, 4), ("first-visit", 6, 14), ("start", 3, 8)]
        if scheme == WORCS:
            steps = [("panel", 10, 26)]
        day, accepted, started = sent, "", ""
        for step, low, high in steps:
            reached = day is not None and pick.random() < 0.85
            day = add_working_days(day, pick.randint(low, high)) if reached and day else None
            row[f"step:{step}"] = day.isoformat() if day else ""
            if day and step in ("first-visit", "panel"):
                accepted = day.isoformat()
            if day and step == "start":
                started = day.isoformat()
        row["accepted_on"], row["started_on"] = accepted, started
        rows.append(row)
    return rows


def settle(app: QApplication) -> None:
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


def main() -> int:
    from rpc_desktop.gui.figures.view import FiguresView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    packs = load_packs(paths.resources_dir())
    schemes = [scheme_figures(packs.schemes[i]) for i in (NE, WORCS)]
    rows = invented_rows(ROWS)
    period = last_year(TODAY)

    def ours() -> tuple[float, float]:
        start = time.perf_counter()
        summarise(rows, period)
        summarised = time.perf_counter()
        # The view summarises the rows itself, as the screen does when it opens.
        view = FiguresView(lambda: rows, schemes, today=lambda: TODAY, initial_period="last-year")
        view.resize(*SIZE)
        view.grab()
        done = time.perf_counter()
        view.deleteLater()
        return summarised - start, done - summarised

    def baseline() -> float:
        start = time.perf_counter()
        chart = QChart()
        bars = QBarSet("Referrals")
        bars.append([float(n) for n in (10_000, 7_000, 6_300, 5_000, 4_000)])
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        chart.createDefaultAxes()
        view = QChartView(chart)
        view.resize(*SIZE)
        view.grab()
        done = time.perf_counter()
        view.deleteLater()
        return done - start

    for _ in range(2):  # warm up: fonts, the holiday calendar, QtCharts' first layout
        ours()
        baseline()
        settle(app)
    summaries, views, bases = [], [], []
    for _ in range(ROUNDS):
        summary_s, view_s = ours()
        settle(app)
        base_s = baseline()
        settle(app)
        summaries.append(summary_s)
        views.append(view_s)
        bases.append(base_s)
    ms = 1000
    mv, mb, msum = (statistics.median(x) * ms for x in (views, bases, summaries))
    print(f"{ROWS:,} invented referrals, {ROUNDS} rounds, medians (same run):")
    print(f"  summarise alone: {msum:.1f} ms")
    print(f"  the Figures view built (summarising) and painted (grab) at 1024×768: {mv:.1f} ms")
    print(f"  baseline, a bare QChartView with one bar series at 1024×768: {mb:.1f} ms")
    met = mv <= GOAL_MS
    print(
        f"  ratio {mv / mb:.2f}; goal ≤ {GOAL_MS:.0f} ms: "
        + ("met" if met else f"NOT met (over by {mv - GOAL_MS:.0f} ms)")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
