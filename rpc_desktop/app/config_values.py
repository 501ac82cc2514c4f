"""Each key of IT's machine configuration checked on its own (config.py reads the file and
reports what these say is wrong); the `[signing]` table's modes are app/signing.py's.

A check returns the key's value, raises `Bad` with what is wrong (the key falls back to its
default), or, for a list or table of entries (`trusted_keys`, `gateway`), returns `Partly`:
the good entries, and each bad one named with what is wrong, so one typing mistake does not
drop the rest.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rpc_desktop.app.signing import (
    Signing,
    SigningMode,
    SigningProblem,
    parse_signing,
    signing_identity,
)
from rpc_desktop.domain.roles import MAX_IDLE_MINUTES, AppRole
from rpc_desktop.domain.roles import MIN_IDLE_MINUTES as MIN_IDLE_MINUTES

LOCKABLE = ("role", "organisation", "enabled_schemes", "idle_lock_minutes")
EMAIL = re.compile(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+")
FINGERPRINT = re.compile(r"[0-9A-F]{64}")


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


class Bad(ValueError):
    """What is wrong with a key's value (the key falls back to its default)."""


@dataclass(frozen=True)
class Partly:
    """A list or table with some bad entries: the good ones apply, each bad one is named."""

    value: Any
    problems: tuple[str, ...]


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise Bad("must be text in quotes")
    return value.strip()


def _path(value: Any, base: Path, *, folder: bool = False) -> Path:
    path = Path(_text(value))
    if not path.is_absolute():
        path = base / path
    if folder and not path.is_dir():
        raise Bad(f"{path} is not a folder")
    if not folder and not path.is_file():
        raise Bad(f"{path} does not exist")
    return path


def _fingerprint(value: Any) -> str:
    digits = "".join(_text(value).split()).replace(":", "").upper()
    if not FINGERPRINT.fullmatch(digits):
        raise Bad(f"{value!r} is not a key fingerprint (64 hexadecimal digits)")
    return " ".join(digits[i : i + 4] for i in range(0, 64, 4))


def _role(value: Any, _base: Path) -> AppRole:
    try:
        return AppRole(_text(value))
    except ValueError:
        raise Bad('must be "practitioner" or "team-lead"') from None


def _schemes(value: Any, _base: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise Bad('must be a list of scheme ids, e.g. ["north-east"]')
    return tuple(value)


def _gateway(value: Any, _base: Path) -> dict[str, str] | Partly:
    if not isinstance(value, dict):
        raise Bad('must be a table of scheme id = "address", e.g. [gateway]')
    out, problems = {}, []
    for scheme, address in value.items():
        text = address.strip() if isinstance(address, str) else ""
        if EMAIL.fullmatch(text):
            out[scheme] = text
        else:
            problems.append(
                f"scheme '{scheme}': {address!r} is not an email address; that scheme keeps "
                "its pack's address (the other addresses apply)"
            )
    return Partly(out, tuple(problems)) if problems else out


def _minutes(value: Any, _base: Path) -> float:
    allowed = f"from {MIN_IDLE_MINUTES:g} to {MAX_IDLE_MINUTES:g}"
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Bad(f"must be a number of minutes {allowed}")
    if value < MIN_IDLE_MINUTES:
        raise Bad(
            f"{value} is less than {MIN_IDLE_MINUTES:g} minute, the least allowed ({allowed})"
        )
    if value > MAX_IDLE_MINUTES:
        raise Bad(f"{value} is more than {MAX_IDLE_MINUTES:g} minutes, the most allowed")
    return float(value)


def _days(value: Any, _base: Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3650:
        raise Bad("must be a whole number of days from 1 to 3650")
    return value


def _recovery(value: Any, base: Path) -> Path:
    from rpc_desktop.errors import StoreError
    from rpc_desktop.store.keys import load_recovery_public_key

    path = _path(value, base)
    try:
        load_recovery_public_key(path.read_bytes())
    except (StoreError, ValueError, OSError) as exc:
        raise Bad(f"{path}: {exc}") from None
    return path


def _trusted(value: Any, _base: Path) -> tuple[TrustedKey, ...] | Partly:
    if not isinstance(value, list):
        raise Bad('must be a list, e.g. [{ fingerprint = "…", name = "…" }]')
    keys, problems = [], []
    for number, entry in enumerate(value, start=1):
        try:
            keys.append(_trusted_key(entry))
        except Bad as exc:
            name = entry.get("name") if isinstance(entry, dict) else None
            which = f"entry {number} of {len(value)}" + (f" ({name!r})" if name else "")
            problems.append(f"{which}: {exc}; that key is left out (the others are trusted)")
    return Partly(tuple(keys), tuple(problems)) if problems else tuple(keys)


def _trusted_key(entry: Any) -> TrustedKey:
    if isinstance(entry, str):
        return TrustedKey(_fingerprint(entry))
    if not isinstance(entry, dict) or not {"fingerprint", "public_key"} & set(entry):
        raise Bad(f"{entry!r} is neither a fingerprint nor {{ fingerprint = …, name = … }}")
    if unknown := set(entry) - {"fingerprint", "public_key", "name", "role"}:
        raise Bad(f"unknown setting {sorted(unknown)[0]!r} in a trusted key")
    try:
        role = AppRole(_text(entry.get("role", AppRole.PRACTITIONER.value)))
    except ValueError:
        raise Bad(f'role {entry["role"]!r}: must be "practitioner" or "team-lead"') from None
    name, line, fingerprint = _text(entry.get("name", "")), "", ""
    if "public_key" in entry:  # one `ssh-ed25519 …` line: the fingerprint follows from it
        from rpc_desktop.documents.envelope import openssh_fingerprint
        from rpc_desktop.errors import BundleError

        line = _text(entry["public_key"])
        try:
            fingerprint = openssh_fingerprint(line)
        except BundleError as exc:
            raise Bad(f"public_key {line[:40]!r}: {exc}") from None
    if "fingerprint" in entry:
        given = _fingerprint(entry["fingerprint"])
        if fingerprint and given != fingerprint:
            raise Bad(f"the public_key of {name or given!r} is not the key {given}")
        fingerprint = given
    return TrustedKey(fingerprint, name, role, line)


def _signing(value: Any, base: Path) -> Signing:
    try:
        return parse_signing(value, base)
    except SigningProblem as exc:
        raise Bad(str(exc)) from None


def _locked(value: Any, _base: Path) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Bad(f"must be a list of keys, from {', '.join(LOCKABLE)}")
    unknown = [v for v in value if v not in LOCKABLE]
    if unknown:
        raise Bad(f"{unknown[0]!r} cannot be locked (lockable: {', '.join(LOCKABLE)})")
    return frozenset(value)


PARSERS: dict[str, Callable[[Any, Path], Any]] = {
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
"""Every key, in the order docs/deploying.md describes them."""

__all__ = [
    "LOCKABLE",
    "MIN_IDLE_MINUTES",
    "PARSERS",
    "Bad",
    "Partly",
    "Signing",
    "SigningMode",
    "TrustedKey",
    "signing_identity",
]
