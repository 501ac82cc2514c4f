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


# What happened to a referral after it was sent (domain.progress records it; here, with no
# pydantic, so the command line can offer the choices without loading it).


class Happened(Labelled):
    GATEWAY_ACKNOWLEDGED = "gateway-acknowledged"
    HOME_VISIT = "home-visit"
    START_DATE_GIVEN = "start-date-given"
    PANEL_ACCEPTED = "panel-accepted"
    RETURNED_WITH_ADVICE = "returned-with-advice"
    DECLINED = "declined"
    FAMILY_WITHDREW = "family-withdrew"
    CLOSED = "closed"

    __labels__ = labels(
        {
            "gateway-acknowledged": "Gateway acknowledged the referral",
            "home-visit": "Provider's home visit",
            "start-date-given": "Start date given",
            "panel-accepted": "Panel accepted",
            "returned-with-advice": "Returned with advice",
            "declined": "Declined",
            "family-withdrew": "Family withdrew",
            "closed": "Closed",
        }
    )

    @property
    def ends(self) -> bool:
        """The referral goes no further after this."""
        return self in ENDINGS


ENDINGS = frozenset({Happened.DECLINED, Happened.FAMILY_WITHDREW, Happened.CLOSED})
