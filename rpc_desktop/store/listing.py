"""The case list's queries (issue 14): filtered by name or reference, status, scheme and when
the next action is due, sorted by any column, a page at a time; and the next actions kept
beside each case (domain.followups works them out; app.followups keeps them here).

`next_action` NULL means "not worked out since the case last changed" (an edit, an answer or
a move sets it so); "" means nothing more to do.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, select, update

from rpc_desktop.domain.listing import CaseQuery, DueFilter, SortBy
from rpc_desktop.domain.status import CaseStatus
from rpc_desktop.store.repository import CaseSummary, fold, summary
from rpc_desktop.store.tables import cases
from rpc_desktop.store.tables import search_terms as terms
from rpc_desktop.store.tables import status_changes as changes

_ORDER = {
    SortBy.UPDATED: cases.c.updated_at,
    SortBy.REFERENCE: cases.c.reference,
    SortBy.NAME: cases.c.display_name,
    SortBy.SCHEME: cases.c.scheme_id,
    SortBy.STATUS: cases.c.status,
    SortBy.NEXT_ACTION: cases.c.next_action,
    SortBy.DUE: cases.c.next_due,
}
_COLUMNS = (
    cases.c.reference,
    cases.c.scheme_id,
    cases.c.status,
    cases.c.display_name,
    cases.c.page,
    cases.c.updated_at,
    cases.c.next_action,
    cases.c.next_due,
)


def _where(query: CaseQuery, today: date) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if query.text:
        prefix = fold(" ".join(query.text.split()))
        # A range on the folded term uses the index; LIKE 'x%' would not.
        matching = select(terms.c.case_id).where(
            terms.c.term >= prefix, terms.c.term < prefix + "\uffff"
        )
        where.append(cases.c.id.in_(matching))
    if query.status is not None:
        where.append(cases.c.status == query.status.value)
    if query.scheme_id:
        where.append(cases.c.scheme_id == query.scheme_id)
    if query.due is DueFilter.OVERDUE:
        where.append(cases.c.next_due < today)
    elif query.due is DueFilter.BY_TODAY:
        where.append(cases.c.next_due <= today)
    elif query.due is DueFilter.THIS_WEEK:
        where.append(cases.c.next_due <= today + timedelta(days=7))
    return where


def summaries(
    conn: Connection, query: CaseQuery, today: date, *, limit: int, offset: int = 0
) -> list[CaseSummary]:
    """A page of the cases `query` chooses, in its order (ties: newest change first)."""
    column = _ORDER[query.sort]
    order: list[ColumnElement[Any]] = [column.desc() if query.descending else column.asc()]
    if query.sort in (SortBy.DUE, SortBy.NEXT_ACTION):
        order.insert(0, column.is_(None))  # no date (or not worked out) last either way
    if query.sort is not SortBy.UPDATED:
        order.append(cases.c.updated_at.desc())
    statement = (
        select(*_COLUMNS)
        .where(and_(True, *_where(query, today)))
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )
    return [summary(r) for r in conn.execute(statement)]


def count(conn: Connection, query: CaseQuery, today: date) -> int:
    """How many cases `query` chooses, all pages together."""
    statement = select(func.count()).select_from(cases).where(and_(True, *_where(query, today)))
    return int(conn.execute(statement).scalar_one())


def due_counts(conn: Connection, today: date) -> tuple[int, int]:
    """How many cases are due today, and how many are overdue."""
    due = cases.c.next_due
    row = conn.execute(
        select(
            func.count().filter(due == today),
            func.count().filter(due < today),
        )
    ).one()
    return int(row[0]), int(row[1])


def stale(conn: Connection) -> list[tuple[str, CaseStatus, datetime | None]]:
    """Cases whose next action is not worked out: reference, status, when sent."""
    statement = select(cases.c.reference, cases.c.status, cases.c.sent_at).where(
        cases.c.next_action.is_(None)
    )
    return [(r.reference, CaseStatus(r.status), r.sent_at) for r in conn.execute(statement)]


def status_of(conn: Connection, reference: str) -> CaseStatus | None:
    found = conn.execute(select(cases.c.status).where(cases.c.reference == reference)).scalar()
    return CaseStatus(found) if found else None


def status_since(conn: Connection, reference: str) -> datetime | None:
    """When the case came to its present status (None: a draft never moved)."""
    statement = (
        select(changes.c.at)
        .join(cases, cases.c.id == changes.c.case_id)
        .where(cases.c.reference == reference)
        .order_by(changes.c.id.desc())
        .limit(1)
    )
    return conn.execute(statement).scalar()


def set_next(
    conn: Connection, reference: str, what: str, due: date | None, figures: str = ""
) -> None:
    """Keep what the case needs next, and its row of the figures as JSON (without touching
    when it last changed)."""
    conn.execute(
        update(cases)
        .where(cases.c.reference == reference)
        .values(next_action=what, next_due=due, figures=figures)
    )


def figure_rows(conn: Connection) -> list[str]:
    """Every case's row of the figures (JSON), oldest case first; none for a case whose
    scheme this app does not have."""
    query = select(cases.c.figures).where(cases.c.figures != "").order_by(cases.c.id)
    return [r.figures for r in conn.execute(query) if r.figures]
