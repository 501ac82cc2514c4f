"""The case list's next actions and due dates, in a real encrypted store: worked out when a
case changes, sorted and filtered, counted at unlock, and brought along from an old store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from rpc_desktop.app import figures
from rpc_desktop.app.workspace import Workspace
from rpc_desktop.domain import editing
from rpc_desktop.domain.case import Form, ParentSlot
from rpc_desktop.domain.followups import follow_up_due
from rpc_desktop.domain.listing import CaseQuery, DueFilter, SortBy
from rpc_desktop.domain.progress import Happened
from rpc_desktop.domain.signatures import Signer
from rpc_desktop.domain.status import CaseStatus
from rpc_desktop.store import listing
from tests.helpers import PASSPHRASE, ROOT, demo_case, fast_context, varied

TODAY = datetime.now(UTC).astimezone().date()


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(fast_context(tmp_path / "home"), PASSPHRASE, actor="test")
    yield workspace
    workspace.close(backup=False)


def add(workspace: Workspace, number: int, **changes: object) -> str:
    case = varied(demo_case(), reference=f"RPC-TEST-{number:04d}", **changes)
    workspace.add_case(case)
    return case.reference


def page(workspace: Workspace, **query: object) -> list[tuple[str, str, date | None]]:
    rows, _total = workspace.cases_page(CaseQuery(**query), today=TODAY)  # type: ignore[arg-type]
    return [(r.reference, r.next_action, r.next_due) for r in rows]


def test_a_change_is_worked_out_again_before_the_next_listing(workspace: Workspace) -> None:
    ref = add(workspace, 1)
    assert page(workspace) == [(ref, "Continue the referral", None)]
    case, _ = workspace.load(ref)
    at = datetime.now(UTC)
    workspace.store.save_details(
        editing.record_follow_up(case, Signer.PARENT_B, "At work", at=at, due=TODAY)
    )
    assert page(workspace) == [(ref, "Get Parent B's signature", TODAY)]
    # An answer on its own marks it to be worked out again too.
    workspace.store.set_answer(ref, Form.RSQ, ParentSlot.A, "x-item", "yes", "1.0")
    with workspace.store.engine.connect() as conn:
        assert [s[0] for s in listing.stale(conn)] == [ref]
    assert page(workspace)[0][1] == "Get Parent B's signature"
    for to in (CaseStatus.READY_FOR_REVIEW, CaseStatus.RETURNED):
        workspace.store.set_status(ref, to)
    assert page(workspace) == [(ref, "Make the team lead's changes", follow_up_due(TODAY))]


def test_sent_cases_show_the_clock_and_overdue_ones_are_found(workspace: Workspace) -> None:
    sent = add(workspace, 1)
    for to in (CaseStatus.READY_FOR_REVIEW, CaseStatus.APPROVED, CaseStatus.SENT):
        workspace.store.set_status(sent, to)
    draft = add(workspace, 2)
    rows = dict((r, (what, due)) for r, what, due in page(workspace))
    assert rows[sent][0] == "Referral Gateway processes the referral"
    gateway_due = rows[sent][1]
    assert gateway_due is not None and gateway_due > TODAY
    assert rows[draft] == ("Continue the referral", None)
    # Two days past the gateway's due date, it is overdue; the draft has no date at all.
    later = gateway_due + timedelta(days=2)
    overdue, total = workspace.cases_page(CaseQuery(due=DueFilter.OVERDUE), today=later)
    assert [r.reference for r in overdue] == [sent] and total == 1
    assert workspace.due_now(gateway_due) == (1, 0)
    assert workspace.due_now(later) == (0, 1)
    figures.record_progress(workspace, sent, Happened.GATEWAY_ACKNOWLEDGED, TODAY)
    assert page(workspace, sort=SortBy.REFERENCE, descending=False)[0][1] == (
        "Provider's first home visit"
    )


def test_the_list_sorts_by_due_date_with_undated_last_and_filters(workspace: Workspace) -> None:
    at = datetime.now(UTC)
    refs = []
    for n, days in enumerate((9, 1, None, 4)):
        ref = add(workspace, n, scheme_id="north-east-relationships-matter")
        if days is not None:
            case, _ = workspace.load(ref)
            due = TODAY + timedelta(days=days)
            workspace.store.save_details(
                editing.record_follow_up(case, Signer.PARENT_A, "Later", at=at, due=due)
            )
        refs.append(ref)
    worcs = add(workspace, 9, scheme_id="worcestershire-harmony-at-home")
    assert [r for r, _w, _d in page(workspace, sort=SortBy.DUE, descending=False)] == [
        refs[1],
        refs[3],
        refs[0],
        # No date: last, newest change first.
        worcs,
        refs[2],
    ]
    assert [r for r, _w, _d in page(workspace, sort=SortBy.DUE, descending=True)][:3] == [
        refs[0],
        refs[3],
        refs[1],
    ]
    assert [r for r, _w, _d in page(workspace, due=DueFilter.THIS_WEEK)] == [refs[3], refs[1]]
    assert [r for r, _w, _d in page(workspace, scheme_id="worcestershire-harmony-at-home")] == [
        worcs
    ]
    surname = demo_case().parent_a.name.split()[-1]
    assert len(page(workspace, text=surname, due=DueFilter.THIS_WEEK)) == 2
    assert page(workspace, text=surname, status=CaseStatus.SENT) == []
    rows, total = workspace.cases_page(CaseQuery(), today=TODAY, limit=2)
    assert len(rows) == 2 and total == 5, "a page, and how many in all"


def test_a_store_from_before_next_actions_comes_along_at_unlock(tmp_path: Path) -> None:
    home = tmp_path / "old"
    shutil.copytree(ROOT / "tests" / "fixtures" / "store-v1", home)
    context = fast_context(home)
    workspace = Workspace.open(context, "fixture passphrase v1")
    try:
        with workspace.store.engine.connect() as conn:
            assert listing.stale(conn) == [], "worked out at unlock, not at first listing"
        rows, _total = workspace.cases_page(CaseQuery(), today=TODAY)
        assert [(r.reference, r.next_action) for r in rows] == [
            ("RPC-DEMO-0001", "Continue the referral")
        ]
    finally:
        workspace.close(backup=False)
