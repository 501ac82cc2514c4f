"""What each case needs next, worked out and kept in the store (domain.followups decides;
store.listing keeps it), and the case list's pages (issue 14).

The store marks a case's next action "not worked out" whenever the case changes (an edit, an
answer, a move); the next listing works out those few before it reads. A store from before
next actions existed has every case marked so: unlocking works them all out once, in the
unlock's worker thread, so the first list is quick.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date, datetime

from pydantic_core import from_json
from sqlalchemy import Connection

from rpc_desktop.domain import figures, followups
from rpc_desktop.domain.eligibility import evaluate
from rpc_desktop.domain.listing import CaseQuery
from rpc_desktop.domain.packs import Packs
from rpc_desktop.domain.status import CaseStatus
from rpc_desktop.errors import RpcError
from rpc_desktop.store import listing, repository
from rpc_desktop.store.repository import CaseSummary
from rpc_desktop.store.store import Store

log = logging.getLogger(__name__)


def _local_day(moment: datetime | None, fallback: date) -> date:
    return moment.astimezone().date() if moment is not None else fallback


@dataclass(frozen=True)
class WorkedOut:
    action: followups.NextAction
    row: dict[str, str] | None
    """Its row of the monitoring figures (None: its scheme pack is not installed here)."""


def work_out(
    conn: Connection,
    packs: Packs,
    reference: str,
    status: CaseStatus,
    sent_at: datetime | None,
    today: date,
) -> WorkedOut:
    """The next action of one case, and its row of the figures, from what the store holds."""
    case, _page = repository.load_case(conn, reference)
    scheme = packs.schemes.get(case.scheme_id)
    sent_on = _local_day(sent_at, today) if sent_at else None
    evaluation = None
    if scheme is not None:
        evaluation = evaluate(case, scheme, case.referral_date or today, packs=packs)
    action = followups.next_action(
        case,
        status,
        since=_local_day(listing.status_since(conn, reference), today),
        outcome=evaluation.outcome if evaluation and status is CaseStatus.DRAFT else None,
        scheme=scheme,
        sent_on=sent_on,
    )
    row = None
    if scheme is not None and evaluation is not None:
        row = figures.monitoring_row(case, scheme, evaluation, sent_on, today)
    return WorkedOut(action, row)


def refresh(store: Store, packs: Packs, today: date | None = None) -> int:
    """Work out every next action (and row of the figures) not worked out since its case
    changed; how many."""
    today = today or date.today()
    with store.transaction() as conn:
        waiting = listing.stale(conn)
        for reference, status, sent_at in waiting:
            try:
                done = work_out(conn, packs, reference, status, sent_at, today)
            except RpcError as exc:  # a case this app cannot read: listed with nothing to do
                log.warning("next action not worked out for a case: %s", type(exc).__name__)
                done = WorkedOut(followups.NOTHING, None)
            row = json.dumps(done.row, ensure_ascii=False, sort_keys=True) if done.row else ""
            listing.set_next(conn, reference, done.action.what, done.action.due, row)
    return len(waiting)


def figure_rows(store: Store, packs: Packs, today: date | None = None) -> list[dict[str, str]]:
    """Every case's row of the monitoring figures, as kept (worked out again where stale)."""
    refresh(store, packs, today)
    with store.engine.connect() as conn:
        texts = listing.figure_rows(conn)
    # pydantic's JSON reader (Rust): a third of json.loads's time over 10,000 rows.
    return [from_json(text) for text in texts]


def cases_page(
    store: Store,
    packs: Packs,
    query: CaseQuery,
    *,
    today: date | None = None,
    limit: int = 200,
    offset: int = 0,
) -> tuple[list[CaseSummary], int]:
    """A page of the case list and how many cases the query chooses in all."""
    today = today or date.today()
    refresh(store, packs, today)
    with store.engine.connect() as conn:
        rows = listing.summaries(conn, query, today, limit=limit, offset=offset)
        total = listing.count(conn, query, today) if len(rows) == limit or offset else len(rows)
    return rows, total


def due_now(store: Store, packs: Packs, today: date | None = None) -> tuple[int, int]:
    """How many cases are due today, and how many overdue (shown at unlock)."""
    today = today or date.today()
    refresh(store, packs, today)
    with store.engine.connect() as conn:
        return listing.due_counts(conn, today)
