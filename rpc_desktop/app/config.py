"""IT's machine-wide configuration: one TOML file for every user of the machine.

Where it is (RPC_DESKTOP_CONFIG may point elsewhere):
    Windows  %ProgramData%\\rpc-desktop\\config.toml
    macOS    /Library/Application Support/rpc-desktop/config.toml
    Linux    /etc/rpc-desktop/config.toml

Every key is checked on its own when the app starts (config_values.py): a bad value is
reported with the key and what is wrong, and that key falls back to its safe default while
the good keys still apply; in a list or table (trusted_keys, gateway) only the bad entry is
left out. A file that is not TOML at all is reported and ignored. Keys listed in `locked`
cannot be loosened by a user's own settings (see `apply`). Whether every user can use what
the file names is the self-test's check (config_access.py); who may sign the PDFs as the
organisation is the `[signing]` table's mode (signing.py). Every key is described, with an
example, in docs/deploying.md.
"""

from __future__ import annotations

import os
import sys
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpc_desktop.app.config_values import (
    LOCKABLE,
    MIN_IDLE_MINUTES,
    PARSERS,
    Bad,
    Partly,
    Signing,
    SigningMode,
    TrustedKey,
    signing_identity,
)
from rpc_desktop.domain.roles import AppRole

if TYPE_CHECKING:
    from rpc_desktop.app.settings import Settings

__all__ = [
    "ENV_VAR",
    "KEYS",
    "LOCKABLE",
    "MIN_IDLE_MINUTES",
    "MachineConfig",
    "Signing",
    "SigningMode",
    "TrustedKey",
    "apply",
    "config_path",
    "ignored_override",
    "load",
    "machine_location",
    "parse",
    "placed",
    "signing_identity",
]

ENV_VAR = "RPC_DESKTOP_CONFIG"
APP_DIR = "rpc-desktop"
DEFAULT_RETENTION_DAYS = 90
KEYS = tuple(PARSERS)


def machine_location() -> Path:
    """The platform's machine-wide file. On Windows the ProgramData folder comes from the
    system (not from an environment variable a user can set for themselves)."""
    if sys.platform == "win32":
        import platformdirs

        base = Path(platformdirs.site_config_dir(appname=None, appauthor=False))
    elif sys.platform == "darwin":
        base = Path("/Library/Application Support")
    else:
        base = Path("/etc")
    return base / APP_DIR / "config.toml"


def config_path() -> Path:
    """Where IT's file is read from: the machine-wide file when it exists (a user cannot
    point the app away from what IT placed), else RPC_DESKTOP_CONFIG when set."""
    machine = machine_location()
    override = os.environ.get(ENV_VAR)
    if override and not placed(machine):
        return Path(override)
    return machine


def placed(path: Path) -> bool:
    """Whether there is a file at `path`, also when a user may not look (a folder they
    cannot enter): then there is one for all they know, and reading it says why it fails."""
    try:
        path.stat()
    except PermissionError:
        return True
    except (OSError, ValueError):
        return False
    return True


@dataclass(frozen=True)
class MachineConfig:
    path: Path | None = None
    """The file read; None when there is none (every value is then its default)."""
    organisation: str = ""
    role: AppRole | None = None
    enabled_schemes: tuple[str, ...] = ()
    extra_packs: Path | None = None
    gateway: dict[str, str] = field(default_factory=dict)
    """Scheme id → the gateway address to send approved referrals to."""
    idle_lock_minutes: float | None = None
    retention_days: int = DEFAULT_RETENTION_DAYS
    recovery_public_key: Path | None = None
    trusted_keys: tuple[TrustedKey, ...] = ()
    signing: Signing | None = None
    locked: frozenset[str] = frozenset()
    problems: tuple[str, ...] = ()
    """Each bad value: where it is and what is wrong. The app shows them at start."""

    def trusted_for(self, role: AppRole) -> set[str]:
        """The keys IT trusts as a practitioner's (bundles) or a team lead's (notes)."""
        return {k.fingerprint for k in self.trusted_keys if k.role == role}

    def team_lead_keys(self) -> list[TrustedKey]:
        """The team leads' keys IT gave in full: bundles are encrypted to them."""
        return [k for k in self.trusted_keys if k.role is AppRole.TEAM_LEAD and k.public_key]

    def is_locked(self, key: str) -> bool:
        return key in self.locked


def parse(text: str, path: Path) -> MachineConfig:
    """Check every key on its own; a bad one is reported and left at its default."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return MachineConfig(
            path=path,
            problems=(f"{path}: not valid TOML ({exc}); every setting is at its default.",),
        )
    values: dict[str, Any] = {}
    problems = []
    for key, value in raw.items():
        parser = PARSERS.get(key)
        if parser is None:
            problems.append(f"{path}: unknown key '{key}' (ignored; keys: {', '.join(KEYS)})")
            continue
        try:
            checked = parser(value, path.parent)
        except Bad as exc:
            said = str(exc).rstrip(".")  # a message of the documents layer ends in one
            problems.append(f"{path}: key '{key}': {said}; using the default instead.")
        except (OSError, ValueError) as exc:  # a folder it may not enter, a name too long
            why = getattr(exc, "strerror", None) or exc
            problems.append(f"{path}: key '{key}': cannot be checked ({why}); using the default.")
        else:
            if isinstance(checked, Partly):  # the good entries apply; each bad one is named
                problems.extend(f"{path}: key '{key}': {p}." for p in checked.problems)
                checked = checked.value
            values[key] = checked
    locked = values.get("locked", frozenset())
    for key in sorted(locked):
        if key not in values:
            problems.append(
                f"{path}: key 'locked' names '{key}', which the file does not set validly; "
                "it is not locked."
            )
    values["locked"] = frozenset(k for k in locked if k in values)
    return MachineConfig(path=path, problems=tuple(problems), **values)


def load(path: Path | None = None) -> MachineConfig:
    """IT's configuration, from `path` or where the app looks; defaults when there is no
    file. Looked for (no `path`), a RPC_DESKTOP_CONFIG that is not used is reported."""
    looked_for = path is None
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8-sig")  # Windows editors may add a BOM
    except FileNotFoundError:
        return MachineConfig()
    except (OSError, UnicodeDecodeError) as exc:
        return MachineConfig(
            path=path,
            problems=(f"{path}: cannot be read ({exc}); every setting is at its default.",),
        )
    config = parse(text, path)
    if looked_for and (note := ignored_override(path)):
        config = replace(config, problems=(*config.problems, note))
    return config


def ignored_override(used: Path) -> str:
    """What the app says when RPC_DESKTOP_CONFIG is set but the machine-wide file `used` is
    read instead; "" when that is not so (unset, or naming that file)."""
    override = os.environ.get(ENV_VAR)
    if override and Path(override) != used and used == machine_location():
        return f"{ENV_VAR} is set but ignored: the machine-wide {used} is used."
    return ""


def apply(settings: Settings, config: MachineConfig) -> Settings:
    """The settings the app runs on: the user's own, where IT has not locked the value.

    IT's values are the defaults a user starts from. A locked value cannot be loosened:
    the role and organisation are IT's; the idle lock is at most IT's minutes (shorter is
    allowed); the schemes are at most IT's (fewer are allowed).
    """
    mine = settings.model_fields_set
    update: dict[str, Any] = {}
    if config.role is not None and (config.is_locked("role") or "role" not in mine):
        update["role"] = config.role
    if config.organisation and (
        config.is_locked("organisation") or not settings.profile.organisation
    ):
        update["profile"] = settings.profile.model_copy(
            update={"organisation": config.organisation}
        )
    if config.idle_lock_minutes is not None:
        if config.is_locked("idle_lock_minutes"):
            minutes = settings.idle_lock_minutes if "idle_lock_minutes" in mine else 1e9
            update["idle_lock_minutes"] = min(minutes, config.idle_lock_minutes)
        elif "idle_lock_minutes" not in mine:
            update["idle_lock_minutes"] = config.idle_lock_minutes
    if config.enabled_schemes:
        allowed = list(config.enabled_schemes)
        if config.is_locked("enabled_schemes"):
            chosen = [s for s in settings.enabled_schemes if s in allowed]
            update["enabled_schemes"] = chosen or allowed
        elif not settings.enabled_schemes:
            update["enabled_schemes"] = allowed
    return settings.model_copy(update=update)
