"""After sending (issue 14): what happened, recorded and audited, and the monitoring export
of every case on the device (domain.figures: no names, addresses, dates of birth or free
text)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from rpc_desktop.app.workspace import Workspace
from rpc_desktop.domain import clock, figures
from rpc_desktop.domain.details import EditError
from rpc_desktop.domain.eligibility import evaluate
from rpc_desktop.domain.progress import Happened
from rpc_desktop.store import audit, repository


def _sent(workspace: Workspace, reference: str | None = None) -> dict[str, date | None]:
    with workspace.store.transaction() as conn:
        sent = repository.sent_dates(conn, reference)
    return {ref: at.astimezone().date() if at else None for ref, at in sent.items()}


def record_progress(
    workspace: Workspace,
    reference: str,
    what: Happened,
    on: date,
    note: str = "",
    *,
    now: datetime | None = None,
) -> None:
    """Record what happened to a sent referral, and when; saved and audited together.
    EditError (nothing kept) if the case was not sent or the entry does not fit."""
    sent_on = _sent(workspace, reference).get(reference)
    if sent_on is None:
        raise EditError(f"{reference} has not been sent: there is nothing after sending yet.")
    case, _page = workspace.load(reference)
    changed = clock.record_progress(
        case, what, on, sent_on=sent_on, note=note, at=now or datetime.now(UTC)
    )
    with workspace.store.transaction() as conn:
        repository.update_case(conn, changed, answers_too=False)
        audit.append(
            conn, workspace.store.actor, "progress-recorded", reference, f"{what.value} {on}"
        )


def monitoring_rows(workspace: Workspace, today: date | None = None) -> list[dict[str, str]]:
    """One row a case on the device whose scheme pack is known."""
    today = today or date.today()
    rows = []
    for reference, sent_on in _sent(workspace).items():
        case, _page = workspace.load(reference)
        scheme = workspace.packs.schemes.get(case.scheme_id)
        if scheme is None:
            continue
        evaluation = evaluate(case, scheme, case.referral_date or today, packs=workspace.packs)
        rows.append(figures.monitoring_row(case, scheme, evaluation, sent_on, today))
    return rows


def export_monitoring(workspace: Workspace, path: Path, today: date | None = None) -> int:
    """Write the monitoring CSV; how many referrals it holds. Audited (no detail)."""
    rows = monitoring_rows(workspace, today)
    figures.write_csv(rows, path)
    workspace.record_event("figures-exported", detail=f"{len(rows)} referrals")
    return len(rows)
