"""What each case needs next, worked out and kept in the store (domain.followups decides;
store.listing keeps it), and the case list's pages (issue 14).

The store marks a case's next action "not worked out" whenever the case changes (an edit, an
answer, a move); the next listing works out those few before it reads. A store from before
next actions existed has every case marked so: unlocking works them all out once, in the
unlock's worker thread, so the first list is quick.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from sqlalchemy import Connection

from rpc_desktop.domain import followups
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


def work_out(
    conn: Connection,
    packs: Packs,
    reference: str,
    status: CaseStatus,
    sent_at: datetime | None,
    today: date,
) -> followups.NextAction:
    """The next action of one case, from what the store holds."""
    case, _page = repository.load_case(conn, reference)
    scheme = packs.schemes.get(case.scheme_id)
    outcome = None
    if status is CaseStatus.DRAFT and scheme is not None:
        outcome = evaluate(case, scheme, case.referral_date or today, packs=packs).outcome
    return followups.next_action(
        case,
        status,
        since=_local_day(listing.status_since(conn, reference), today),
        outcome=outcome,
        scheme=scheme,
        sent_on=_local_day(sent_at, today) if sent_at else None,
    )


def refresh(store: Store, packs: Packs, today: date | None = None) -> int:
    """Work out every next action not worked out since its case changed; how many."""
    today = today or date.today()
    with store.transaction() as conn:
        waiting = listing.stale(conn)
        for reference, status, sent_at in waiting:
            try:
                action = work_out(conn, packs, reference, status, sent_at, today)
            except RpcError as exc:  # a case this app cannot read: listed with nothing to do
                log.warning("next action not worked out for a case: %s", type(exc).__name__)
                action = followups.NOTHING
            listing.set_next(conn, reference, action.what, action.due)
    return len(waiting)


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
