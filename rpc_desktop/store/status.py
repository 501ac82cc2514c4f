"""Case statuses and the moves between them: light, so the first window needs no database."""

from __future__ import annotations

from enum import StrEnum


class CaseStatus(StrEnum):
    DRAFT = "draft"
    READY_FOR_REVIEW = "ready-for-review"
    RETURNED = "returned"
    APPROVED = "approved"
    SENT = "sent"


ALLOWED_MOVES: dict[CaseStatus, set[CaseStatus]] = {
    CaseStatus.DRAFT: {CaseStatus.READY_FOR_REVIEW},
    CaseStatus.READY_FOR_REVIEW: {CaseStatus.RETURNED, CaseStatus.APPROVED, CaseStatus.DRAFT},
    CaseStatus.RETURNED: {CaseStatus.READY_FOR_REVIEW, CaseStatus.DRAFT},
    CaseStatus.APPROVED: {CaseStatus.SENT, CaseStatus.RETURNED},
    CaseStatus.SENT: set(),
}
