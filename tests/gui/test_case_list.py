"""The case list with next actions: due dates in words, overdue ones standing out, what is due
shown at the top, sorting by a column's header, filtering by scheme and by when due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from rpc_desktop.app.workspace import Workspace
from rpc_desktop.domain.case import Case
from rpc_desktop.domain.status import CaseStatus
from rpc_desktop.gui.case_list import COLUMNS, DUE, CaseListScreen
from rpc_desktop.gui.main_window import MainWindow
from tests.gui.test_private_parts import window  # noqa: F401
from tests.helpers import demo_case, varied


def column(cases: CaseListScreen, title: str) -> list[str]:
    index = [t for t, _s in COLUMNS].index(title)
    table = cases.ui.table
    return [table.item(r, index).text() for r in range(table.rowCount())]


def add_sent(workspace: Workspace, sent_at: datetime | None = None) -> Case:
    """The demo family's case, approved and sent (now, or at `sent_at`)."""
    sent = demo_case()
    workspace.add_case(sent)
    for to in (CaseStatus.READY_FOR_REVIEW, CaseStatus.APPROVED):
        workspace.store.set_status(sent.reference, to)
    workspace.store.set_status(sent.reference, CaseStatus.SENT, sent_at=sent_at)
    return sent


def test_a_sent_case_past_its_step_stands_out_and_is_found_from_the_top(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811
) -> None:
    workspace = window.workspace
    assert workspace is not None
    cases = window.cases
    sent = add_sent(workspace)
    draft = varied(
        demo_case(), reference="RPC-TEST-0002", scheme_id="worcestershire-harmony-at-home"
    )
    workspace.add_case(draft)
    cases.attach(workspace)
    assert not cases.ui.dueBanner.isVisibleTo(cases), "nothing due yet"
    rows = dict(zip(column(cases, "Reference"), column(cases, "Next action"), strict=True))
    assert rows == {
        sent.reference: "Referral Gateway processes the referral",
        draft.reference: "Continue the referral",
    }
    assert set(column(cases, "Scheme")) == {
        "Relationships Matter",
        "Harmony at Home specialist service",
    }

    # A week on, the gateway's two working days have passed.
    cases.today += timedelta(days=7)
    cases.reload()
    assert cases.ui.dueBanner.isVisibleTo(cases)
    assert cases.ui.dueSummary.text() == "Follow-ups: 1 overdue."
    qtbot.mouseClick(cases.ui.showDueButton, Qt.MouseButton.LeftButton)
    assert column(cases, "Reference") == [sent.reference]
    (due,) = column(cases, "Due")
    assert due.startswith("Overdue: ")
    assert cases.ui.table.item(0, DUE).font().bold(), "overdue stands out, not by colour alone"
    assert cases.ui.count.text() == "1 case"
    cases.ui.table.selectRow(0)
    assert cases.ui.afterButton.isEnabled() and not cases.ui.deleteButton.isEnabled()
    opened: list[str] = []
    cases.after_sending.connect(opened.append)
    qtbot.mouseClick(cases.ui.afterButton, Qt.MouseButton.LeftButton)
    assert opened == [sent.reference]


def test_headers_sort_and_the_scheme_filter_narrows(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811
) -> None:
    workspace = window.workspace
    assert workspace is not None
    cases = window.cases
    for n in (3, 1, 2):
        workspace.add_case(varied(demo_case(), reference=f"RPC-TEST-000{n}"))
    workspace.add_case(
        varied(demo_case(), reference="RPC-TEST-0009", scheme_id="worcestershire-harmony-at-home")
    )
    cases.attach(workspace)
    header = cases.ui.table.horizontalHeader()
    assert header.sectionResizeMode(4) is QHeaderView.ResizeMode.Stretch
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    assert column(cases, "Reference") == [
        "RPC-TEST-0001",
        "RPC-TEST-0002",
        "RPC-TEST-0003",
        "RPC-TEST-0009",
    ]
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert column(cases, "Reference")[0] == "RPC-TEST-0009"
    schemes = cases.ui.schemeFilter
    schemes.setCurrentIndex(schemes.findData("worcestershire-harmony-at-home"))
    assert column(cases, "Reference") == ["RPC-TEST-0009"]
    assert cases.ui.schemeLabel.buddy() is schemes, "a visible name for the screen reader"


def test_unlocking_into_the_open_case_still_says_what_is_due(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811
) -> None:
    from tests.gui.test_app import PASS

    workspace = window.workspace
    assert workspace is not None
    sent = add_sent(workspace, datetime.now(UTC) - timedelta(days=30))
    window.new_case()
    assert window.host is not None
    window.lock(hide=False)
    qtbot.keyClicks(window.unlock.ui.passphrase, PASS)
    qtbot.keyClick(window.unlock.ui.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.host is not None, timeout=10_000)
    assert window.stack.currentWidget() is not window.cases, "back in the case, on its page"
    said = window.statusBar().currentMessage()
    assert said == "Follow-ups: 1 overdue. They are on the Case list."
    assert sent.reference not in said and sent.parent_a.name not in said, "counts, never who"
    window.show_list()
    assert window.cases.ui.dueSummary.text() == "Follow-ups: 1 overdue."
