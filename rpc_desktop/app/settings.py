"""The user's own settings: a typed model saved as `settings.json` in their data folder.

The profile is the user's own work details (never a family's). What IT's machine-wide
configuration locks is applied on top (config.apply): this file holds only what the user
(or the app for them) chose.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
)

from rpc_desktop.domain.roles import MAX_IDLE_MINUTES, MIN_IDLE_MINUTES, AppRole
from rpc_desktop.files import write_atomically

SETTINGS_FILE = "settings.json"


class DisplayMode(StrEnum):
    """Touch and large text: bigger targets and text for tablets and scaled screens."""

    AUTO = "auto"
    """On when the screen is scaled up or is a touch screen; off on a plain desktop."""
    ON = "on"
    OFF = "off"

    @property
    def label(self) -> str:
        return {
            DisplayMode.AUTO: "Automatic (on for touch and scaled screens)",
            DisplayMode.ON: "On",
            DisplayMode.OFF: "Off",
        }[self]


class TextSize(StrEnum):
    NORMAL = "normal"
    LARGE = "large"
    LARGER = "larger"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Display(BaseModel):
    model_config = ConfigDict(extra="ignore")

    mode: DisplayMode = DisplayMode.AUTO
    text_size: TextSize = TextSize.NORMAL

    @field_validator("mode", "text_size", mode="wrap")
    @classmethod
    def _unknown_is_default(
        cls, value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
    ) -> Any:
        """A value this version does not know (written by a newer one) must not cost the
        user the rest of their settings."""
        try:
            return handler(value)
        except ValidationError:
            assert info.field_name is not None
            return cls.model_fields[info.field_name].default


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
    idle_lock_minutes: float = Field(default=5, ge=MIN_IDLE_MINUTES, le=MAX_IDLE_MINUTES)
    enabled_schemes: list[str] = Field(default_factory=list)
    """Empty: every scheme pack that loads."""
    display: Display = Field(default_factory=Display)
    """Touch and large text; the defaults keep the plain desktop look."""
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
