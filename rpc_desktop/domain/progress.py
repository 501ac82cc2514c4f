"""What happened to a referral after it was sent, as the practitioner records it (issue 14).

Each entry is one thing that happened and the day it did; which step of the scheme's
timeline an entry completes is scheme-pack data (`TimelineStep.reached_by`). Declined, the
family withdrew and closed end the referral: its clock stops (domain.clock). A case file
holds entries only from version 3 (PROGRESS_SINCE); older files load with none.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, StringConstraints

from rpc_desktop.domain.labels import Labelled, labels

PROGRESS_SINCE = 3
"""The case-file version that first holds `progress`."""


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


class ProgressEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    what: Happened
    on: date
    """The day it happened (not the day it was recorded)."""
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""
    """The practitioner's words: kept on the device, never in the figures or the export."""
    recorded_at: AwareDatetime


def ended_on(progress: list[ProgressEntry]) -> date | None:
    """The day the referral ended (the first ending recorded), if it has."""
    return min((e.on for e in progress if e.what.ends), default=None)
