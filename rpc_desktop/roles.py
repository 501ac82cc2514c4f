"""Light names the first screen needs (no pydantic): who uses the app, and the idle cap."""

from __future__ import annotations

from enum import StrEnum

MAX_IDLE_MINUTES = 15
"""The longest idle lock anyone may set, IT included."""


class AppRole(StrEnum):
    PRACTITIONER = "practitioner"
    """Makes referrals: the case list and the wizard."""
    TEAM_LEAD = "team-lead"
    """Reviews referrals: the review inbox."""
