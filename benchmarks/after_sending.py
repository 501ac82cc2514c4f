"""After sending, with 10,000 cases in a real encrypted store, next to bare baselines, same run.

The app's own QApplication (gui/app.py make_application: its style, and Python's cycle
collector run between events, as the app runs). The store holds 10,000 invented cases (most
sent, with recorded steps; some drafts with a signature follow-up), each with its next
action, due date and row of the figures worked out as the app keeps them (app.followups).
Then:

1. The case list's first page with due dates: the query (sorted by due date; and filtered
   to what is overdue) against the same SELECT in plain DBAPI on the same encrypted database;
   and the case list screen filled with it (CaseListScreen.reload) against a bare
   QTableWidget filled with the same strings. Goal (issue 14): ≤ 50 ms.
2. The team lead's Figures screen over every row the store keeps (read, summarised, tables
   and three charts built, painted at 1024×768) against a bare QChartView with one bar
   series. Goal: ≤ 300 ms.
3. The monitoring export of the 10,000 (CSV) against csv.DictWriter writing the same rows
   from memory. Goal: ≤ 2 s. The XLSX export (XlsxWriter) is held to the same 2 s.
4. What an upgrade costs once: working out next actions for cases the store marks as not
   worked out (a store from before them has every case so), per case.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/after_sending.py
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCharts import QBarSeries, QBarSet, QChart, QChartView
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem
from sqlalchemy import delete, insert

from rpc_desktop.app import figures, followups
from rpc_desktop.app.workspace import Workspace
from rpc_desktop.domain import editing
from rpc_desktop.domain.clock import record_progress
from rpc_desktop.domain.eligibility import evaluate
from rpc_desktop.domain.figures import monitoring_row
from rpc_desktop.domain.figures_summary import scheme_figures
from rpc_desktop.domain.followups import next_action
from rpc_desktop.domain.listing import CaseQuery, DueFilter, SortBy
from rpc_desktop.domain.progress import Happened
from rpc_desktop.domain.signatures import Signer
from rpc_desktop.domain.status import CaseStatus
from rpc_desktop.gui.app import make_application
from rpc_desktop.gui.case_list import DUE, CaseListScreen
from rpc_desktop.gui.figures.view import FiguresView
from rpc_desktop.store.repository import _body, display_name, search_terms
from rpc_desktop.store.tables import case_plans as plans
from rpc_desktop.store.tables import cases
from rpc_desktop.store.tables import search_terms as terms
from tests.helpers import demo_case, fast_context

CASES = 10_000
PAGE = 50
PASSPHRASE = "benchmark passphrase"
TODAY = date(2027, 3, 1)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def timed(fn: Callable[[], object], rounds: int) -> list[float]:
    fn()
    out = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def verdict(value: float, goal: float) -> str:
    return f"(goal ≤ {ms(goal)}: {'met' if value <= goal else 'NOT met'})"


def build(work: Path) -> Workspace:
    """10,000 cases: rows inserted directly (as a device that has used the app for years
    would hold them), each one's next action and figures row worked out from a real Case."""
    context = fast_context(work / "home")
    workspace = Workspace.create(context, PASSPHRASE, actor="bench")
    packs = workspace.packs
    base = demo_case()
    scheme = packs.schemes[base.scheme_id]
    evaluation = evaluate(base, scheme, base.referral_date or TODAY, packs=packs)
    rng = random.Random(14)
    t = time.perf_counter()
    with workspace.store.engine.begin() as conn:
        for batch in range(0, CASES, 1000):
            case_rows, term_rows, plan_rows = [], [], []
            for n in range(batch, batch + 1000):
                sent_on = TODAY - timedelta(days=rng.randrange(5, 400))
                case = base.model_copy(update={"reference": f"RPC-BENCH-{n:05d}"})
                at = datetime.combine(sent_on, datetime.min.time(), tzinfo=UTC)
                sent = rng.random() < 0.7
                if sent:
                    for what, after in (
                        (Happened.GATEWAY_ACKNOWLEDGED, 2),
                        (Happened.HOME_VISIT, 12),
                        (Happened.START_DATE_GIVEN, 18),
                    ):
                        on = sent_on + timedelta(days=after + rng.randrange(4))
                        if on >= TODAY or rng.random() < 0.3:
                            break
                        case = record_progress(
                            case, what, on, sent_on=sent_on, at=at + timedelta(days=400)
                        )
                    status = CaseStatus.SENT
                    action = next_action(
                        case, status, since=sent_on, scheme=scheme, sent_on=sent_on
                    )
                else:
                    case = editing.record_follow_up(
                        case, Signer.PARENT_B, "Away", at=at, due=sent_on + timedelta(days=5)
                    )
                    status = CaseStatus.DRAFT
                    action = next_action(case, status, since=sent_on)
                row = monitoring_row(case, scheme, evaluation, sent_on if sent else None, TODAY)
                case_rows.append(
                    {
                        "id": n + 1,
                        "reference": case.reference,
                        "scheme_id": case.scheme_id,
                        "status": status.value,
                        "display_name": display_name(case),
                        "page": "",
                        "body": _body(case),
                        "created_at": at,
                        "updated_at": at,
                        "sent_at": at if sent else None,
                    }
                )
                plan_rows.append(
                    {
                        "case_id": n + 1,
                        "next_action": action.what,
                        "next_due": action.due,
                        "figures": json.dumps(row, sort_keys=True),
                    }
                )
                term_rows += [{"case_id": n + 1, "term": term} for term in search_terms(case)]
            conn.execute(insert(cases), case_rows)
            conn.execute(insert(terms), term_rows)
            conn.execute(insert(plans), plan_rows)
    print(f"built {CASES:,} cases with their next actions in {time.perf_counter() - t:.1f} s")
    return workspace


def case_list(workspace: Workspace, app: QApplication) -> None:
    engine = workspace.store.engine
    by_due = CaseQuery(sort=SortBy.DUE, descending=False)
    overdue = CaseQuery(due=DueFilter.OVERDUE, sort=SortBy.DUE, descending=False)
    # The same page's columns but the last change (stored after the body), in one query.
    columns = "reference, scheme_id, status, display_name, page, next_action, next_due"

    def plain() -> list[object]:
        with engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            return raw.execute(
                f"SELECT {columns} FROM cases LEFT JOIN case_plans ON case_id = id "
                f"ORDER BY next_due IS NULL, next_due, id DESC LIMIT {PAGE}"
            ).fetchall()

    for name, query in (("sorted by due date", by_due), ("overdue only", overdue)):
        rows, total = workspace.cases_page(query, today=TODAY, limit=PAGE)
        ours = timed(partial(workspace.cases_page, query, today=TODAY, limit=PAGE), 30)
        base = timed(plain, 30)
        mo, mb = statistics.median(ours), statistics.median(base)
        print(
            f"case list query, first {len(rows)} of {total} ({name}): ours {ms(mo)}, plain "
            f"DBAPI {ms(mb)}, ratio {mo / mb:.2f} {verdict(mo, 0.050)}"
        )
    screen = CaseListScreen()
    screen.resize(1024, 700)
    screen.attach(workspace)
    screen.today = TODAY
    screen.ui.table.horizontalHeader().setSortIndicator(DUE, Qt.SortOrder.AscendingOrder)
    screen.show()
    strings = [
        [screen.ui.table.item(r, c).text() for c in range(7)]
        for r in range(screen.ui.table.rowCount())
    ]
    bare = QTableWidget(len(strings), 7)
    bare.resize(1024, 700)
    bare.show()

    def fill_bare() -> None:
        bare.setRowCount(len(strings))
        for r, values in enumerate(strings):
            for c, value in enumerate(values):
                bare.setItem(r, c, QTableWidgetItem(value))
        bare.resizeColumnsToContents()
        app.processEvents()

    def reload() -> None:
        screen.reload()
        app.processEvents()

    ours, base = timed(reload, 15), timed(fill_bare, 15)
    mo, mb = statistics.median(ours), statistics.median(base)
    print(
        f"case list screen, first page of {len(strings)} with due dates, filled and painted: "
        f"ours {ms(mo)}, bare QTableWidget {ms(mb)}, ratio {mo / mb:.2f} {verdict(mo, 0.050)}"
    )
    screen.attach(None)
    screen.deleteLater()
    bare.deleteLater()


def figures_view(workspace: Workspace, app: QApplication) -> None:
    schemes = [scheme_figures(s) for s in workspace.packs.schemes.values()]

    def ours() -> None:
        view = FiguresView(
            lambda: figures.monitoring_rows(workspace, TODAY),
            schemes,
            today=lambda: TODAY,
            initial_period="last-year",
        )
        view.resize(1024, 768)
        view.grab()
        view.deleteLater()
        app.processEvents()

    def bare() -> None:
        bars = QBarSet("Referrals")
        bars.append([10000.0, 7000.0, 6000.0, 4000.0, 3000.0])
        series = QBarSeries()
        series.append(bars)
        chart = QChart()
        chart.addSeries(series)
        view = QChartView(chart)
        view.resize(1024, 768)
        view.grab()
        view.deleteLater()
        app.processEvents()

    mo, mb = statistics.median(timed(ours, 7)), statistics.median(timed(bare, 7))
    print(
        f"Figures screen over {CASES:,} stored rows (read, summarised, charts drawn): ours "
        f"{ms(mo)}, bare QChartView {ms(mb)}, ratio {mo / mb:.1f} {verdict(mo, 0.300)}"
    )


def export(workspace: Workspace, work: Path) -> None:
    rows = figures.monitoring_rows(workspace, TODAY)
    names = list(dict.fromkeys(k for row in rows for k in row))
    counter = iter(range(1_000_000))

    def ours_csv() -> None:
        figures.export_monitoring(workspace, work / f"export-{next(counter)}.csv", TODAY)

    def bare_csv() -> None:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=names, restval="")
        writer.writeheader()
        writer.writerows(rows)
        (work / "bare.csv").write_text(out.getvalue(), encoding="utf-8")

    mo, mb = statistics.median(timed(ours_csv, 5)), statistics.median(timed(bare_csv, 5))
    print(
        f"monitoring export of {len(rows):,} referrals, CSV: ours {ms(mo)}, csv.DictWriter "
        f"from memory {ms(mb)}, ratio {mo / mb:.1f} {verdict(mo, 2.0)}"
    )

    def ours_xlsx() -> None:
        figures.export_monitoring(workspace, work / f"export-{next(counter)}.xlsx", TODAY)

    mx = statistics.median(timed(ours_xlsx, 3))
    print(
        f"monitoring export of {len(rows):,} referrals, XLSX (XlsxWriter): ours {ms(mx)}, "
        f"ratio to the bare CSV {mx / mb:.1f} {verdict(mx, 2.0)}"
    )


def upgrade(workspace: Workspace) -> None:
    stale = 500
    with workspace.store.engine.begin() as conn:
        conn.execute(delete(plans).where(plans.c.case_id <= stale))
    t = time.perf_counter()
    done = followups.refresh(workspace.store, workspace.packs, TODAY)
    took = time.perf_counter() - t
    print(
        f"working out {done} stale next actions: {ms(took)}, {took / done * 1000:.2f} ms a "
        f"case (a store from before them, of {CASES:,} cases, once: about "
        f"{took / done * CASES:.0f} s at its first unlock)"
    )


def main() -> int:
    # As the app runs: its style, and Python's collector on the GUI thread between events
    # (gui/collector.py), not wherever an allocation crosses a threshold.
    app = make_application([])
    with tempfile.TemporaryDirectory(prefix="rpc-bench-after-") as folder:
        work = Path(folder)
        workspace = build(work)
        try:
            case_list(workspace, app)
            figures_view(workspace, app)
            export(workspace, work)
            upgrade(workspace)
        finally:
            workspace.close(backup=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
