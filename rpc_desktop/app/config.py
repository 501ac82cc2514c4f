"""IT's machine-wide configuration: one TOML file for every user of the machine.

Where it is (RPC_DESKTOP_CONFIG may point elsewhere):
    Windows  %ProgramData%\\rpc-desktop\\config.toml
    macOS    /Library/Application Support/rpc-desktop/config.toml
    Linux    /etc/rpc-desktop/config.toml

Every key is checked on its own when the app starts. A bad value is reported with the key
and what is wrong, and that key falls back to its safe default while the good keys still
apply; a file that is not TOML at all is reported and ignored. Keys listed in `locked`
cannot be loosened by a user's own settings (see `apply`). Every key is described, with an
example, in docs/deploying.md.
"""

from __future__ import annotations

import math
import os
import re
import sys
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpc_desktop.domain.roles import MAX_IDLE_MINUTES, AppRole

if TYPE_CHECKING:
    from rpc_desktop.app.settings import Settings

ENV_VAR = "RPC_DESKTOP_CONFIG"
APP_DIR = "rpc-desktop"
DEFAULT_RETENTION_DAYS = 90
LOCKABLE = ("role", "organisation", "enabled_schemes", "idle_lock_minutes")
EMAIL = re.compile(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+")
FINGERPRINT = re.compile(r"[0-9A-F]{64}")
KEYS = (
    "organisation",
    "role",
    "enabled_schemes",
    "extra_packs",
    "gateway",
    "idle_lock_minutes",
    "retention_days",
    "recovery_public_key",
    "trusted_keys",
    "signing",
    "locked",
)


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
    if override and not machine.exists():
        return Path(override)
    return machine


@dataclass(frozen=True)
class TrustedKey:
    fingerprint: str
    """In the form the app prints: 16 groups of four hex digits."""
    name: str = ""
    role: AppRole = AppRole.PRACTITIONER
    """A practitioner's key: its bundles are accepted; a team lead's: its review notes are."""
    public_key: str = ""
    """The key itself (one `ssh-ed25519 …` line), when given: a team lead's is what bundles
    are encrypted to."""


@dataclass(frozen=True)
class Signing:
    """An organisation-issued certificate for the PDFs' PAdES signatures."""

    certificate: Path | None = None
    key: Path | None = None
    pkcs12: Path | None = None
    password_env: str = ""
    """The environment variable that holds the key's password, if it has one."""


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


class _Bad(ValueError):
    pass


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _Bad("must be text in quotes")
    return value.strip()


def _path(value: Any, base: Path, *, folder: bool = False) -> Path:
    path = Path(_text(value))
    if not path.is_absolute():
        path = base / path
    if folder and not path.is_dir():
        raise _Bad(f"{path} is not a folder")
    if not folder and not path.is_file():
        raise _Bad(f"{path} does not exist")
    return path


def _fingerprint(value: Any) -> str:
    digits = "".join(_text(value).split()).replace(":", "").upper()
    if not FINGERPRINT.fullmatch(digits):
        raise _Bad(f"{value!r} is not a key fingerprint (64 hexadecimal digits)")
    return " ".join(digits[i : i + 4] for i in range(0, 64, 4))


def _role(value: Any, _base: Path) -> AppRole:
    try:
        return AppRole(_text(value))
    except ValueError:
        raise _Bad('must be "practitioner" or "team-lead"') from None


def _schemes(value: Any, _base: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _Bad('must be a list of scheme ids, e.g. ["north-east"]')
    return tuple(value)


def _gateway(value: Any, _base: Path) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _Bad('must be a table of scheme id = "address", e.g. [gateway]')
    out = {}
    for scheme, address in value.items():
        text = _text(address)
        if not EMAIL.fullmatch(text):
            raise _Bad(f"{scheme}: {address!r} is not an email address")
        out[scheme] = text
    return out


def _minutes(value: Any, _base: Path) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value <= 0
    ):
        raise _Bad(f"must be a number of minutes above 0 (at most {MAX_IDLE_MINUTES:g})")
    if value > MAX_IDLE_MINUTES:
        raise _Bad(f"{value} is more than {MAX_IDLE_MINUTES:g} minutes, the most allowed")
    return float(value)


def _days(value: Any, _base: Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3650:
        raise _Bad("must be a whole number of days from 1 to 3650")
    return value


def _recovery(value: Any, base: Path) -> Path:
    from rpc_desktop.errors import StoreError
    from rpc_desktop.store.keys import load_recovery_public_key

    path = _path(value, base)
    try:
        load_recovery_public_key(path.read_bytes())
    except (StoreError, ValueError, OSError) as exc:
        raise _Bad(f"{path}: {exc}") from None
    return path


def _trusted(value: Any, _base: Path) -> tuple[TrustedKey, ...]:
    if not isinstance(value, list):
        raise _Bad('must be a list, e.g. [{ fingerprint = "…", name = "…" }]')
    return tuple(_trusted_key(entry) for entry in value)


def _trusted_key(entry: Any) -> TrustedKey:
    if isinstance(entry, str):
        return TrustedKey(_fingerprint(entry))
    if not isinstance(entry, dict) or not {"fingerprint", "public_key"} & set(entry):
        raise _Bad(f"{entry!r} is neither a fingerprint nor {{ fingerprint = …, name = … }}")
    if unknown := set(entry) - {"fingerprint", "public_key", "name", "role"}:
        raise _Bad(f"unknown setting {sorted(unknown)[0]!r} in a trusted key")
    try:
        role = AppRole(_text(entry.get("role", AppRole.PRACTITIONER.value)))
    except ValueError:
        raise _Bad(f'role {entry["role"]!r}: must be "practitioner" or "team-lead"') from None
    name, line, fingerprint = _text(entry.get("name", "")), "", ""
    if "public_key" in entry:  # one `ssh-ed25519 …` line: the fingerprint follows from it
        from rpc_desktop.documents.envelope import openssh_fingerprint
        from rpc_desktop.errors import BundleError

        line = _text(entry["public_key"])
        try:
            fingerprint = openssh_fingerprint(line)
        except BundleError as exc:
            raise _Bad(f"public_key {line[:40]!r}: {exc}") from None
    if "fingerprint" in entry:
        given = _fingerprint(entry["fingerprint"])
        if fingerprint and given != fingerprint:
            raise _Bad(f"the public_key of {name or given!r} is not the key {given}")
        fingerprint = given
    return TrustedKey(fingerprint, name, role, line)


def _signing(value: Any, base: Path) -> Signing:
    if not isinstance(value, dict):
        raise _Bad("must be a table: [signing] with certificate and key, or pkcs12")
    unknown = set(value) - {"certificate", "key", "pkcs12", "password_env"}
    if unknown:
        raise _Bad(f"unknown setting {sorted(unknown)[0]!r}")
    signing = Signing(
        certificate=_path(value["certificate"], base) if "certificate" in value else None,
        key=_path(value["key"], base) if "key" in value else None,
        pkcs12=_path(value["pkcs12"], base) if "pkcs12" in value else None,
        password_env=_text(value.get("password_env", "")),
    )
    if signing.pkcs12 is None and (signing.certificate is None or signing.key is None):
        raise _Bad("needs both certificate and key, or pkcs12")
    try:
        signing_identity(signing)
    except Exception as exc:  # the message names the file and what is wrong
        raise _Bad(str(exc)) from None
    return signing


def _locked(value: Any, _base: Path) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad(f"must be a list of keys, from {', '.join(LOCKABLE)}")
    unknown = [v for v in value if v not in LOCKABLE]
    if unknown:
        raise _Bad(f"{unknown[0]!r} cannot be locked (lockable: {', '.join(LOCKABLE)})")
    return frozenset(value)


_PARSERS = {
    "organisation": lambda v, _b: _text(v),
    "role": _role,
    "enabled_schemes": _schemes,
    "extra_packs": lambda v, b: _path(v, b, folder=True),
    "gateway": _gateway,
    "idle_lock_minutes": _minutes,
    "retention_days": _days,
    "recovery_public_key": _recovery,
    "trusted_keys": _trusted,
    "signing": _signing,
    "locked": _locked,
}


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
        parser = _PARSERS.get(key)
        if parser is None:
            problems.append(f"{path}: unknown key '{key}' (ignored; keys: {', '.join(KEYS)})")
            continue
        try:
            values[key] = parser(value, path.parent)
        except _Bad as exc:
            problems.append(f"{path}: key '{key}': {exc}; using the default instead.")
        except (OSError, ValueError) as exc:  # a folder it may not enter, a name too long
            why = getattr(exc, "strerror", None) or exc
            problems.append(f"{path}: key '{key}': cannot be checked ({why}); using the default.")
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
    """IT's configuration; defaults when there is no file."""
    override = os.environ.get(ENV_VAR)
    ignored = path is None and override and Path(override) != machine_location()
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
    if ignored and path == machine_location():
        note = f"{ENV_VAR} is set but ignored: the machine-wide {path} is used."
        config = replace(config, problems=(*config.problems, note))
    return config


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


def signing_identity(signing: Signing | None) -> Any:
    """The organisation's PDF-signing identity, or None for the device's own certificate."""
    if signing is None:
        return None
    from rpc_desktop.documents.identity import load_identity_files, load_pkcs12_identity

    password = os.environ.get(signing.password_env, "") if signing.password_env else ""
    secret = password.encode("utf-8") if password else None
    if signing.pkcs12 is not None:
        return load_pkcs12_identity(signing.pkcs12, secret)
    assert signing.certificate is not None and signing.key is not None
    return load_identity_files(signing.certificate, signing.key, secret)
