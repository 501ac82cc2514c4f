"""The user's own settings: a typed model saved as `settings.json` in their data folder.

The profile is the user's own work details (never a family's). What IT's machine-wide
configuration locks is applied on top (config.apply): this file holds only what the user
(or the app for them) chose.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from rpc_desktop.domain.roles import MAX_IDLE_MINUTES, AppRole
from rpc_desktop.files import write_atomically

SETTINGS_FILE = "settings.json"


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


def settings_path(home: Path) -> Path:
    return home / SETTINGS_FILE


def load_settings(home: Path) -> Settings:
    """The saved settings, or defaults when there are none or they cannot be read."""
    try:
        text = settings_path(home).read_text(encoding="utf-8")
        return Settings.model_validate(json.loads(text))
    except (OSError, ValueError, ValidationError):
        return Settings()


def save_settings(home: Path, settings: Settings) -> None:
    # Only what the user (or the app for them) set: IT's values stay IT's defaults.
    text = settings.model_dump_json(indent=2, exclude_unset=True)
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomically(settings_path(home), text.encode("utf-8"))
