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

from rpc_desktop.domain.status import ENDINGS as ENDINGS
from rpc_desktop.domain.status import Happened as Happened

PROGRESS_SINCE = 3
"""The case-file version that first holds `progress`."""


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
