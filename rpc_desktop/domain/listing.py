"""Which cases the case list shows and in what order (issue 14): light (no pydantic), like
domain.status, so the first window can use it before anything heavy loads."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rpc_desktop.domain.labels import Labelled, labels
from rpc_desktop.domain.status import CaseStatus


class DueFilter(Labelled):
    """The case list's "Due" filter."""

    ANY = "any"
    OVERDUE = "overdue"
    BY_TODAY = "by-today"
    THIS_WEEK = "this-week"

    __labels__ = labels(
        {
            "any": "Any time",
            "overdue": "Overdue",
            "by-today": "Due today or overdue",
            "this-week": "Due in the next 7 days",
        }
    )


class SortBy(StrEnum):
    """The case list's order (by a column's header)."""

    UPDATED = "updated"
    REFERENCE = "reference"
    NAME = "name"
    SCHEME = "scheme"
    STATUS = "status"
    NEXT_ACTION = "next-action"
    DUE = "due"


@dataclass(frozen=True)
class CaseQuery:
    """Which cases the list shows, and in what order."""

    text: str = ""
    """A name word or the reference, by its beginning."""
    status: CaseStatus | None = None
    scheme_id: str | None = None
    due: DueFilter = DueFilter.ANY
    sort: SortBy = SortBy.UPDATED
    descending: bool = True
    """Newest, latest or last first; cases with no due date come last either way."""
