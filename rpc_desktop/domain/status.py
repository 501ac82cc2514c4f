"""Where a case and a review stand, and the moves a case may make: light (no pydantic),
so the first window can use them before anything heavy loads."""

from __future__ import annotations

from rpc_desktop.domain.labels import Labelled, labels


class CaseStatus(Labelled):
    """A referral on the practitioner's device."""

    DRAFT = "draft"
    READY_FOR_REVIEW = "ready-for-review"
    RETURNED = "returned"
    APPROVED = "approved"
    SENT = "sent"

    __labels__ = labels(
        {
            "draft": "Draft",
            "ready-for-review": "Ready for review",
            "returned": "Returned",
            "approved": "Approved",
            "sent": "Sent",
        }
    )

    def can_become(self, to: CaseStatus) -> bool:
        return to in ALLOWED_MOVES[self]


ALLOWED_MOVES: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.DRAFT: frozenset({CaseStatus.READY_FOR_REVIEW}),
    CaseStatus.READY_FOR_REVIEW: frozenset(
        {CaseStatus.RETURNED, CaseStatus.APPROVED, CaseStatus.DRAFT}
    ),
    CaseStatus.RETURNED: frozenset({CaseStatus.READY_FOR_REVIEW, CaseStatus.DRAFT}),
    CaseStatus.APPROVED: frozenset({CaseStatus.SENT, CaseStatus.RETURNED}),
    CaseStatus.SENT: frozenset(),
}


class ReviewStatus(Labelled):
    """A version of a bundle under review: on the team lead's device (an imported bundle)
    and on the practitioner's (a version sent), and the decision a review note carries."""

    AWAITING = "awaiting"
    APPROVED = "approved"
    RETURNED = "returned"

    __labels__ = labels({"awaiting": "To review", "approved": "Approved", "returned": "Returned"})

    @property
    def decided(self) -> bool:
        return self is not ReviewStatus.AWAITING
