"""Who uses the app, and the idle-lock cap: light names the first screen needs."""

from __future__ import annotations

from rpc_desktop.domain.labels import Labelled, labels

MAX_IDLE_MINUTES = 15
"""The longest idle lock anyone may set, IT included."""
MIN_IDLE_MINUTES = 1
"""The shortest: less would lock while the practitioner is still listening."""


class AppRole(Labelled):
    """What a person uses the app for; also what a trusted key is trusted for (a
    practitioner's key: its bundles; a team lead's key: its review notes)."""

    PRACTITIONER = "practitioner"
    """Makes referrals: the case list and the wizard."""
    TEAM_LEAD = "team-lead"
    """Reviews referrals: the review inbox."""

    __labels__ = labels({"practitioner": "Practitioner", "team-lead": "Team lead"})
