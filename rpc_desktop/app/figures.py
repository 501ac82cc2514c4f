"""After sending (issue 14): the referral's clock, what happened, recorded and audited, and
the monitoring export of every case on the device (domain.figures: no names, addresses,
dates of birth or free text), as CSV or XLSX (app/spreadsheet.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import NamedTuple

from rpc_desktop.app import followups, spreadsheet
from rpc_desktop.app.workspace import Workspace
from rpc_desktop.domain import clock, figures
from rpc_desktop.domain.case import Case
from rpc_desktop.domain.details import EditError
from rpc_desktop.domain.progress import ENDINGS, Happened
from rpc_desktop.domain.scheme import Scheme
from rpc_desktop.domain.status import CaseStatus
from rpc_desktop.errors import RpcError
from rpc_desktop.store import audit, listing, repository

EXPORT_FORMATS = (".csv", ".xlsx")
"""What the monitoring export writes, by the file name's ending."""


class ExportError(RpcError):
    """The monitoring export cannot be written as asked (the message says why)."""


class SentClock(NamedTuple):
    """A sent referral and its clock (domain.clock), as the "After sending" dialog shows it."""

    case: Case
    scheme: Scheme
    sent_on: date
    steps: list[clock.ClockStep]


def _sent(workspace: Workspace, reference: str | None = None) -> dict[str, date | None]:
    with workspace.store.transaction() as conn:
        sent = repository.sent_dates(conn, reference)
    return {ref: at.astimezone().date() if at else None for ref, at in sent.items()}


def record_sending(
    workspace: Workspace, reference: str, on: date, *, today: date | None = None
) -> None:
    """An approved referral was sent to the scheme's gateway on `on` (by the team lead's
    email, usually): its clock starts. Not before it was approved, not after today; the
    move is audited. EditError (nothing kept) otherwise."""
    today = today or date.today()
    with workspace.store.engine.connect() as conn:
        status = listing.status_of(conn, reference)
        approved = listing.status_since(conn, reference)
    if status is None:
        raise EditError(f"There is no case {reference} on this device.")
    if status is not CaseStatus.APPROVED:
        raise EditError(
            f"{reference} is {status.label.lower()}: only a referral the team lead "
            "approved is sent to the gateway."
        )
    if on > today:
        raise EditError(f"Sent to the gateway: {on:%d/%m/%Y} has not happened yet.")
    if approved is not None and on < approved.astimezone().date():
        raise EditError(
            f"Sent to the gateway: {on:%d/%m/%Y} is before the team lead approved it "
            f"({approved.astimezone():%d/%m/%Y})."
        )
    # Midday on that day, local time: the day stays the same in any time zone's reading.
    moment = datetime.combine(on, time(12)).astimezone()
    workspace.store.set_status(reference, CaseStatus.SENT, sent_at=moment)


def clock_for(workspace: Workspace, reference: str, today: date | None = None) -> SentClock:
    """The referral, its scheme, the day it was sent and each timeline step's due date and
    state on `today`. EditError if it was not sent, or its scheme pack is not installed."""
    sent_on = _sent(workspace, reference).get(reference)
    if sent_on is None:
        raise EditError(f"{reference} has not been sent: there is nothing after sending yet.")
    case, _page = workspace.load(reference)
    scheme = workspace.packs.schemes.get(case.scheme_id)
    if scheme is None:
        raise EditError(f"{reference}: the scheme {case.scheme_id} is not installed here.")
    steps = clock.case_clock(case, scheme, sent_on, today or date.today())
    return SentClock(case, scheme, sent_on, steps)


def what_can_happen(scheme: Scheme) -> list[Happened]:
    """What a practitioner may record for this scheme: what completes a step of its timeline
    (scheme-pack data, in the timeline's order), then the endings."""
    chosen = [what for step in scheme.timeline for what in step.reached_by]
    chosen += [what for what in Happened if what in ENDINGS]
    return list(dict.fromkeys(chosen))


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
    # Local time: "today" is the practitioner's day (as `sent_on` is), not UTC's.
    at = now or datetime.now(UTC).astimezone()
    changed = clock.record_progress(case, what, on, sent_on=sent_on, note=note, at=at)
    with workspace.store.transaction() as conn:
        repository.update_case(conn, changed, answers_too=False)
        audit.append(
            conn, workspace.store.actor, "progress-recorded", reference, f"{what.value} {on}"
        )


def monitoring_rows(workspace: Workspace, today: date | None = None) -> list[dict[str, str]]:
    """One row a case on the device whose scheme pack is known, as the store keeps it
    (worked out again for a case changed since: app.followups)."""
    return followups.figure_rows(workspace.store, workspace.packs, today)


def export_format(path: Path) -> str:
    """The export's format, from the file's name: ".csv" or ".xlsx" (ExportError if not)."""
    suffix = path.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise ExportError(
            f"{path.name}: the monitoring export is written as .csv or .xlsx; "
            "end the file name with one of them."
        )
    return suffix


def export_monitoring(workspace: Workspace, path: Path, today: date | None = None) -> int:
    """Write the monitoring export, CSV or XLSX by the file's ending; how many referrals it
    holds. Audited (no detail but the count). Overwrites: callers ask first."""
    kind = export_format(path)
    rows = monitoring_rows(workspace, today)
    try:
        if kind == ".xlsx":
            spreadsheet.write_xlsx(rows, path)
        else:
            figures.write_csv(rows, path)
    except OSError as exc:
        raise ExportError(
            f"Cannot write {path.name} in {path.parent}: {exc.strerror or exc}."
        ) from exc
    workspace.record_event("figures-exported", detail=f"{len(rows)} referrals")
    return len(rows)
