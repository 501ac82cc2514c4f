"""After sending, in a real encrypted store: what happened is recorded and audited, and the
monitoring export holds every case and nothing that names a family."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from rpc_desktop.app import figures
from rpc_desktop.app.workspace import Workspace
from rpc_desktop.domain.details import EditError
from rpc_desktop.domain.progress import Happened
from rpc_desktop.domain.status import CaseStatus
from rpc_desktop.store.tables import audit_log
from tests.helpers import PASSPHRASE, demo_case, fast_context, varied


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(fast_context(tmp_path / "home"), PASSPHRASE, actor="test")
    yield workspace
    workspace.close(backup=False)


def send(workspace: Workspace, reference: str) -> date:
    for to in (CaseStatus.READY_FOR_REVIEW, CaseStatus.APPROVED, CaseStatus.SENT):
        workspace.store.set_status(reference, to)
    return datetime.now(UTC).astimezone().date()


def audit_actions(workspace: Workspace) -> list[tuple[str, str, str]]:
    with workspace.store.transaction() as conn:
        rows = conn.execute(select(audit_log.c.action, audit_log.c.case_ref, audit_log.c.detail))
        return [(r.action, r.case_ref, r.detail) for r in rows]


def test_progress_is_recorded_on_a_sent_case_only_and_audited(workspace: Workspace) -> None:
    case = demo_case()
    workspace.add_case(case)
    with pytest.raises(EditError, match="has not been sent"):
        figures.record_progress(workspace, case.reference, Happened.HOME_VISIT, date.today())
    sent = send(workspace, case.reference)
    figures.record_progress(workspace, case.reference, Happened.GATEWAY_ACKNOWLEDGED, sent)
    with pytest.raises(EditError, match="has not happened yet"):
        figures.record_progress(workspace, case.reference, Happened.HOME_VISIT, date(2099, 1, 1))
    saved, _page = workspace.load(case.reference)
    assert [(e.what, e.on) for e in saved.progress] == [(Happened.GATEWAY_ACKNOWLEDGED, sent)]
    assert saved.rsq_a == case.rsq_a, "the answers are kept as they were"
    assert ("progress-recorded", case.reference, f"gateway-acknowledged {sent}") in (
        audit_actions(workspace)
    )
    assert workspace.verify_audit().intact


def test_the_export_has_a_row_a_case_and_no_family_names(
    workspace: Workspace, tmp_path: Path
) -> None:
    case = demo_case()
    other = varied(case, reference="RPC-DEMO-0002")
    workspace.add_case(case)
    workspace.add_case(other)
    sent = send(workspace, case.reference)
    figures.record_progress(workspace, case.reference, Happened.GATEWAY_ACKNOWLEDGED, sent)
    path = tmp_path / "monitoring.csv"
    assert figures.export_monitoring(workspace, path) == 2
    text = path.read_text(encoding="utf-8-sig")
    rows = {line.split(",")[0]: line for line in text.splitlines()[1:]}
    assert set(rows) == {"RPC-DEMO-0001", "RPC-DEMO-0002"}
    assert ",open," in rows["RPC-DEMO-0001"] and ",not sent," in rows["RPC-DEMO-0002"]
    for personal in (
        case.parent_a.name,
        case.parent_b.name,
        case.children[0].name,
        case.address.line1,
        case.address.postcode,
        case.referrer.name,
        str(case.children[0].date_of_birth),
    ):
        assert personal and personal not in text
    assert ("figures-exported", "", "2 referrals") in audit_actions(workspace)
