"""The case list's queries (issue 14): filtered by name or reference, status, scheme and when
the next action is due, sorted by any column, a page at a time; and the next actions kept
beside each case in `case_plans` (domain.followups works them out; app.followups keeps them
here). A case with no row in `case_plans` is not worked out since it last changed.

Fast with 10,000 cases because no query reads what a case row stores after its body (tens of
kilobytes of overflow pages a row): the page's cases are chosen by their id first, from the
columns stored before the body, the indexes and the narrow `case_plans`; then only those
cases are read, and their last change comes from its index.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    delete,
    func,
    insert,
    select,
    text,
)

from rpc_desktop.domain.listing import CaseQuery, DueFilter, SortBy
from rpc_desktop.domain.status import CaseStatus
from rpc_desktop.store.repository import CaseSummary, fold
from rpc_desktop.store.tables import case_plans as plans
from rpc_desktop.store.tables import cases
from rpc_desktop.store.tables import search_terms as terms
from rpc_desktop.store.tables import status_changes as changes

_ORDER: dict[SortBy, ColumnElement[Any]] = {
    SortBy.UPDATED: cases.c.updated_at,
    SortBy.REFERENCE: cases.c.reference,
    SortBy.NAME: cases.c.display_name,
    SortBy.SCHEME: cases.c.scheme_id,
    SortBy.STATUS: cases.c.status,
    SortBy.NEXT_ACTION: plans.c.next_action,
    SortBy.DUE: plans.c.next_due,
}
_JOINED = cases.outerjoin(plans, plans.c.case_id == cases.c.id)
"""Every case, with its plan if it has one (not yet worked out: none)."""


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
        where.append(plans.c.next_due < today)
    elif query.due is DueFilter.BY_TODAY:
        where.append(plans.c.next_due <= today)
    elif query.due is DueFilter.THIS_WEEK:
        where.append(plans.c.next_due <= today + timedelta(days=7))
    return where


def _chosen(query: CaseQuery, today: date, *, sorting: bool = True) -> Select[Any]:
    """The ids of the cases `query` chooses, from only the tables it needs: a join reads a
    row of the other table for every row, which costs more than the rest together."""
    of_plans = query.due is not DueFilter.ANY or (
        sorting and query.sort in (SortBy.DUE, SortBy.NEXT_ACTION)
    )
    of_cases = bool(query.text or query.status or query.scheme_id) or (
        sorting and query.sort not in (SortBy.DUE, SortBy.NEXT_ACTION)
    )
    where = and_(True, *_where(query, today))
    if of_plans and of_cases:
        joined = cases.join(plans, plans.c.case_id == cases.c.id)
        return select(cases.c.id).select_from(joined).where(where)
    if of_plans:
        return select(plans.c.case_id).where(where)
    return select(cases.c.id).where(where)


def _page_ids(
    conn: Connection, query: CaseQuery, today: date, limit: int, offset: int
) -> list[int]:
    """The page's case ids in order: each sort walks an index, key then id, both the same
    way (ties: the oldest case first, or the newest when descending). By next action or due
    date, the cases with none come last either way."""
    column = _ORDER[query.sort]

    def way(c: ColumnElement[Any]) -> ColumnElement[Any]:
        return c.desc() if query.descending else c.asc()

    chosen = _chosen(query, today)
    if query.sort not in (SortBy.DUE, SortBy.NEXT_ACTION):
        ordered = chosen.order_by(way(column), way(cases.c.id)).limit(limit).offset(offset)
        return list(conn.scalars(ordered))
    has = column.is_not(None) if query.sort is SortBy.DUE else column != ""
    first = chosen.where(has).order_by(way(column), way(plans.c.case_id))
    ids = list(conn.scalars(first.limit(limit).offset(offset)))
    if len(ids) == limit:
        return ids
    skip = 0
    if offset:
        dated = conn.execute(select(func.count()).select_from(first.subquery())).scalar_one()
        skip = max(0, offset - int(dated))
    rest = chosen.where(~has).order_by(plans.c.case_id.desc())
    return ids + list(conn.scalars(rest.limit(limit - len(ids)).offset(skip)))


def summaries(
    conn: Connection, query: CaseQuery, today: date, *, limit: int, offset: int = 0
) -> list[CaseSummary]:
    """A page of the cases `query` chooses, in its order."""
    ids = _page_ids(conn, query, today, limit, offset)
    if not ids:
        return []
    found = {
        r.id: r
        for r in conn.execute(
            select(
                cases.c.id,
                cases.c.reference,
                cases.c.scheme_id,
                cases.c.status,
                cases.c.display_name,
                cases.c.page,
                plans.c.next_action,
                plans.c.next_due,
            )
            .select_from(cases.outerjoin(plans, plans.c.case_id == cases.c.id))
            .where(cases.c.id.in_(ids))
        )
    }
    # From the index, which holds it: the row stores it after the body.
    changed: dict[int, datetime] = dict(
        conn.execute(
            text(
                "SELECT id, updated_at FROM cases INDEXED BY ix_cases_updated_at "
                "WHERE id IN (SELECT value FROM json_each(:ids))"
            ).columns(cases.c.id, cases.c.updated_at),
            {"ids": json.dumps(ids)},
        ).all()
    )
    return [
        CaseSummary(
            r.reference,
            r.scheme_id,
            CaseStatus(r.status),
            r.display_name,
            r.page,
            changed[r.id],
            r.next_action or "",
            r.next_due,
        )
        for r in (found[i] for i in ids)
    ]


def count(conn: Connection, query: CaseQuery, today: date) -> int:
    """How many cases `query` chooses, all pages together."""
    chosen = _chosen(query, today, sorting=False)
    statement = select(func.count()).select_from(chosen.subquery())
    return int(conn.execute(statement).scalar_one())


def due_counts(conn: Connection, today: date) -> tuple[int, int]:
    """How many cases are due today, and how many are overdue."""
    due = plans.c.next_due
    on_the_day = select(func.count()).where(due == today)
    before = select(func.count()).where(due < today)
    return int(conn.execute(on_the_day).scalar_one()), int(conn.execute(before).scalar_one())


def stale(conn: Connection) -> list[tuple[str, CaseStatus, datetime | None]]:
    """Cases whose next action is not worked out: reference, status, when sent."""
    total = conn.execute(select(func.count()).select_from(cases)).scalar_one()
    planned = conn.execute(select(func.count()).select_from(plans)).scalar_one()
    if total == planned:  # every case has its row: nothing to scan for
        return []
    statement = (
        select(cases.c.reference, cases.c.status, cases.c.sent_at)
        .select_from(_JOINED)
        .where(plans.c.case_id.is_(None))
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
    cid = select(cases.c.id).where(cases.c.reference == reference).scalar_subquery()
    conn.execute(delete(plans).where(plans.c.case_id == cid))
    conn.execute(insert(plans).values(case_id=cid, next_action=what, next_due=due, figures=figures))


def figure_rows(conn: Connection) -> list[str]:
    """Every case's row of the figures (JSON), oldest case first; none for a case whose
    scheme this app does not have."""
    query = select(plans.c.figures).where(plans.c.figures != "").order_by(plans.c.case_id)
    return list(conn.execute(query).scalars().all())
