"""After sending, in a real encrypted store: what happened is recorded and audited, and the
monitoring export holds every case and nothing that names a family."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from rpc_desktop.app import figures
from rpc_desktop.app.workspace import Workspace
from rpc_desktop.domain.case import Case
from rpc_desktop.domain.details import EditError
from rpc_desktop.domain.figures import columns
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


def strings(value: object) -> set[str]:
    """Every string anywhere in a case file's data."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(strings(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(strings(v) for v in value)) if value else set()
    return set()


def personal_strings(cases: list[Case], rows: list[dict[str, str]]) -> set[str]:
    """What the family's case files hold that the export must not: names, addresses,
    phone numbers, e-mails, dates (of birth), sentences. Not what the rows count (the
    reference, the area, the dates of the steps) and not an id or a code, which may meet a
    column's value by chance."""
    allowed = {v for row in rows for v in row.values()}
    held = set().union(*(strings(c.model_dump(mode="json")) for c in cases))
    return {s for s in held - allowed if len(s) >= 3 and not re.fullmatch(r"[a-z][a-z0-9-]*", s)}


def cell_text(value: object) -> str:
    """A cell as text to search: a date as the ISO day it holds."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    return "" if value is None else str(value)


@pytest.fixture
def exported(workspace: Workspace) -> tuple[list[Case], date]:
    """Two cases, one sent, with a note that names the family and where they live."""
    case = demo_case()
    workspace.add_case(case)
    workspace.add_case(varied(case, reference="RPC-DEMO-0002"))
    sent = send(workspace, case.reference)
    note = f"Met {case.parent_a.name} at {case.address.line1}, {case.address.postcode}"
    figures.record_progress(workspace, case.reference, Happened.HOME_VISIT, sent, note)
    saved = [workspace.load(ref)[0] for ref in ("RPC-DEMO-0001", "RPC-DEMO-0002")]
    assert saved[0].progress[0].note == note
    return saved, sent


def test_the_xlsx_export_has_dates_as_dates_and_no_family_strings(
    workspace: Workspace, exported: tuple[list[Case], date], tmp_path: Path
) -> None:
    cases, sent = exported
    path = tmp_path / "monitoring.xlsx"
    assert figures.export_monitoring(workspace, path) == 2
    rows = figures.monitoring_rows(workspace)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Referrals"]
    sheet = book["Referrals"]
    assert sheet.freeze_panes == "A2", "the header stays in view"
    header = [c.value for c in sheet[1]]
    assert header == columns(rows), "the same columns as the CSV"
    assert all(c.font.b for c in sheet[1])
    by_ref = {r[0].value: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2)}
    assert set(by_ref) == {"RPC-DEMO-0001", "RPC-DEMO-0002"}
    first = by_ref["RPC-DEMO-0001"]
    assert first["sent_on"].is_date and first["sent_on"].value.date() == sent
    assert first["step:first-visit"].is_date and first["step:first-visit"].value.date() == sent
    assert first["referral_date"].is_date
    assert first["sent_on"].number_format == "yyyy-mm-dd"
    assert first["outcome"].value == "open" and first["outcome"].data_type == "s"
    assert by_ref["RPC-DEMO-0002"]["sent_on"].value is None, "not sent: an empty cell"

    personal = personal_strings(cases, rows)
    assert cases[0].parent_a.name in personal
    assert str(cases[0].children[0].date_of_birth) in personal
    assert cases[0].progress[0].note in personal
    cells = [cell_text(c.value) for row in sheet.iter_rows() for c in row]
    found = sorted(p for p in personal if any(p in cell for cell in cells))
    assert found == []
    csv_path = tmp_path / "monitoring.csv"
    figures.export_monitoring(workspace, csv_path)
    text = csv_path.read_text(encoding="utf-8-sig")
    assert sorted(p for p in personal if p in text) == []


def test_the_export_refuses_an_ending_it_cannot_write(
    workspace: Workspace, exported: tuple[list[Case], date], tmp_path: Path
) -> None:
    for name in ("monitoring.ods", "monitoring", "monitoring.xls"):
        with pytest.raises(figures.ExportError, match=r"\.csv or \.xlsx"):
            figures.export_monitoring(workspace, tmp_path / name)
        assert not (tmp_path / name).exists()
    for name in ("monitoring.csv", "monitoring.xlsx"):
        with pytest.raises(figures.ExportError, match="Cannot write"):
            figures.export_monitoring(workspace, tmp_path / "no such folder" / name)
    assert figures.export_monitoring(workspace, tmp_path / "SHOUTING.XLSX") == 2
    assert openpyxl.load_workbook(tmp_path / "SHOUTING.XLSX").sheetnames == ["Referrals"]
    exports = [a for a in audit_actions(workspace) if a[0] == "figures-exported"]
    assert exports == [("figures-exported", "", "2 referrals")], "only the one written"


def test_the_clock_of_a_sent_case(workspace: Workspace) -> None:
    case = demo_case()
    workspace.add_case(case)
    with pytest.raises(EditError, match="has not been sent"):
        figures.clock_for(workspace, case.reference)
    sent = send(workspace, case.reference)
    figures.record_progress(workspace, case.reference, Happened.GATEWAY_ACKNOWLEDGED, sent)
    clock = figures.clock_for(workspace, case.reference, today=sent)
    assert clock.sent_on == sent and clock.scheme.id == case.scheme_id
    assert [s.step.id for s in clock.steps] == ["gateway", "first-visit", "start"]
    assert clock.steps[0].happened_on == sent
    assert [e.what for e in clock.case.progress] == [Happened.GATEWAY_ACKNOWLEDGED]
    assert figures.what_can_happen(clock.scheme) == [
        Happened.GATEWAY_ACKNOWLEDGED,
        Happened.HOME_VISIT,
        Happened.START_DATE_GIVEN,
        Happened.DECLINED,
        Happened.FAMILY_WITHDREW,
        Happened.CLOSED,
    ]
