"""The practitioner's settings: a typed model saved as a JSON file beside the data.

The profile is the practitioner's own work details (never a family's); window geometry
lives in QSettings.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from rpc_desktop import paths
from rpc_desktop.files import write_atomically
from rpc_desktop.roles import MAX_IDLE_MINUTES, AppRole


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = ""
    role: str = ""
    organisation: str = ""
    phone: str = ""
    email: str = ""


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore")

    profile: Profile = Field(default_factory=Profile)
    role: AppRole = AppRole.PRACTITIONER
    idle_lock_minutes: float = Field(default=5, gt=0, le=MAX_IDLE_MINUTES)
    enabled_schemes: list[str] = Field(default_factory=list)
    """Empty: every scheme pack that loads."""
    last_case: str = ""
    """The reference of the case open when the app last stopped, to resume it (a
    reference, never a name)."""


def settings_path() -> Path:
    return paths.data_home() / "settings.json"


def load_settings() -> Settings:
    """The saved settings, or defaults when there are none or they cannot be read."""
    try:
        return Settings.model_validate(json.loads(settings_path().read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError):
        return Settings()


def save_settings(settings: Settings) -> None:
    # Only what the user (or the app for them) set: IT's values stay IT's defaults.
    text = settings.model_dump_json(indent=2, exclude_unset=True)
    write_atomically(settings_path(), text.encode("utf-8"))
