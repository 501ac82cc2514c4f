"""Who may sign the PDFs as the organisation: IT's `[signing]` table and its three modes.

- "device-certificates" (the default when IT gives a CA certificate): every device signs with
  its own key, which never leaves its store, under a certificate the organisation's CA issued
  for it (`rpc-desktop certificate`). No organisation key is on the machine, and the CA's key
  stays with IT: a local user can sign only as their own device.
- "group-key": one organisation key, readable only by a group IT controls (say
  `rpc-signers`); its members sign as the organisation, everyone else as their device.
- "shared-key": one organisation key every user can read, so any local user can sign as the
  organisation. It is what a file that names a key and no mode gets (as earlier builds did),
  and the self-test says so; named as the mode, it is IT's informed choice.

docs/deploying.md, "The signing key: modes and trade-off", is the guide for IT.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography import x509

    from rpc_desktop.documents.identity import SigningIdentity


class SigningMode(StrEnum):
    DEVICE_CERTIFICATES = "device-certificates"
    GROUP_KEY = "group-key"
    SHARED_KEY = "shared-key"


SETTINGS = ("mode", "ca_certificate", "certificate", "key", "pkcs12", "password_env", "group")
KEY_FILES = ("certificate", "key", "pkcs12", "password_env")
"""The settings of an organisation key (group-key and shared-key)."""


@dataclass(frozen=True)
class Signing:
    """IT's `[signing]` table, checked."""

    certificate: Path | None = None
    key: Path | None = None
    pkcs12: Path | None = None
    password_env: str = ""
    """The environment variable that holds the key's password, if it has one."""
    mode: SigningMode = SigningMode.SHARED_KEY
    mode_named: bool = False
    """Whether the file names the mode (a key without one is an earlier build's shared key)."""
    ca_certificate: Path | None = None
    """device-certificates: the organisation CA's certificate(s), PEM; never its key."""
    group: str = ""
    """group-key: the group whose members may read the key."""

    @property
    def organisation_key(self) -> Path | None:
        """The file holding the organisation's private key (None: there is none)."""
        return self.pkcs12 or self.key


class SigningProblem(ValueError):
    """What is wrong with the `[signing]` table (it then falls back to its default)."""


def parse_signing(value: Any, base: Path) -> Signing:
    """The table checked as a whole: the mode, the files it needs and no others, and that
    what it names can be used here."""
    if not isinstance(value, dict):
        raise SigningProblem(
            'must be a table: [signing] with mode = "device-certificates" and ca_certificate, '
            "or certificate and key (or pkcs12)"
        )
    if unknown := set(value) - set(SETTINGS):
        raise SigningProblem(f"unknown setting {sorted(unknown)[0]!r}")
    files = ("ca_certificate", "certificate", "key", "pkcs12")
    paths = {k: _path(value[k], base) for k in files if k in value}
    given = {k for k in value if k != "mode"}
    if "mode" in value:
        try:
            mode = SigningMode(_text(value["mode"]))
        except ValueError:
            choices = ", ".join(f'"{m.value}"' for m in SigningMode)
            raise SigningProblem(f"mode {value['mode']!r}: must be one of {choices}") from None
    elif "ca_certificate" in value and not {"key", "pkcs12"} & given:
        mode = SigningMode.DEVICE_CERTIFICATES
    else:
        mode = SigningMode.SHARED_KEY
    signing = Signing(
        certificate=paths.get("certificate"),
        key=paths.get("key"),
        pkcs12=paths.get("pkcs12"),
        password_env=_text(value.get("password_env", "")),
        mode=mode,
        mode_named="mode" in value,
        ca_certificate=paths.get("ca_certificate"),
        group=_text(value.get("group", "")),
    )
    _check_settings(signing, given)
    from rpc_desktop.errors import BundleError

    try:
        if mode is SigningMode.DEVICE_CERTIFICATES:
            organisation_ca(signing)
        else:
            signing_identity(signing)
    except BundleError as exc:  # the message names the file and what is wrong
        raise SigningProblem(str(exc)) from None
    except Exception as exc:  # a file no loader expected: still only this key's problem
        raise SigningProblem(f"cannot be used ({type(exc).__name__}: {exc})") from None
    return signing


def _check_settings(signing: Signing, given: set[str]) -> None:
    mode = signing.mode
    allowed = {
        SigningMode.DEVICE_CERTIFICATES: {"ca_certificate"},
        SigningMode.GROUP_KEY: {*KEY_FILES, "group"},
        SigningMode.SHARED_KEY: set(KEY_FILES),
    }[mode]
    if extra := sorted(given - allowed):
        why = {
            SigningMode.DEVICE_CERTIFICATES: "no organisation key is kept on the machine",
            SigningMode.GROUP_KEY: "the organisation's key signs",
            SigningMode.SHARED_KEY: "the organisation's key signs, readable by every user",
        }[mode]
        if not signing.mode_named:
            raise SigningProblem(
                f'with a key and no mode, the mode is "shared-key", which takes no '
                f"{extra[0]!r}: name the mode you mean"
            )
        raise SigningProblem(f"mode {mode.value!r} takes no {extra[0]!r} ({why})")
    if mode is SigningMode.DEVICE_CERTIFICATES:
        if signing.ca_certificate is None:
            raise SigningProblem(
                "mode 'device-certificates' needs ca_certificate: the organisation CA's "
                "certificate (PEM), which device certificates are issued by"
            )
        return
    if signing.pkcs12 is None and (signing.certificate is None or signing.key is None):
        raise SigningProblem("needs both certificate and key, or pkcs12")
    if mode is SigningMode.GROUP_KEY:
        if not signing.group:
            raise SigningProblem(
                "mode 'group-key' needs group: the group whose members may sign, e.g. "
                'group = "rpc-signers"'
            )
        if group_members(signing.group) is None and sys.platform != "win32":
            raise SigningProblem(
                f"group {signing.group!r} does not exist on this machine. As root: "
                f"groupadd {signing.group}"
            )


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise SigningProblem("must be text in quotes")
    return value.strip()


def _path(value: Any, base: Path) -> Path:
    path = Path(_text(value))
    if not path.is_absolute():
        path = base / path
    if not path.is_file():
        raise SigningProblem(f"{path} does not exist")
    return path


def group_members(group: str) -> tuple[str, ...] | None:
    """The accounts in `group` (named in it, or having it as their own), sorted; None when
    there is no such group (or no groups to ask: Windows)."""
    try:
        import grp
        import pwd
    except ImportError:
        return None
    try:
        entry = grp.getgrnam(group)
    except KeyError:
        return None
    primary = {p.pw_name for p in pwd.getpwall() if p.pw_gid == entry.gr_gid}
    return tuple(sorted(set(entry.gr_mem) | primary))


def organisation_ca(signing: Signing | None) -> tuple[x509.Certificate, ...]:
    """The organisation CA's certificates device certificates are checked against; () when
    the mode is not device-certificates. BundleError says what is wrong with the file."""
    if signing is None or signing.ca_certificate is None:
        return ()
    from rpc_desktop.documents.identity import load_ca_certificates

    return load_ca_certificates(signing.ca_certificate)


def _readable(path: Path) -> bool:
    """Whether this user may read `path`, tried (os.access does not see Windows' ACLs)."""
    try:
        with path.open("rb"):
            return True
    except PermissionError:
        return False
    except OSError:
        return True  # gone, say: loading it says what is wrong


def signing_identity(signing: Signing | None) -> SigningIdentity | None:
    """The organisation's PDF-signing identity, or None for the device's own certificate:
    with no `[signing]`, in device-certificates mode, and in group-key mode for a user who
    is not in the group (the key is not readable for them: not a problem, the design).
    BundleError says what is wrong: a password variable `password_env` names that is not
    set is said as such, not as a wrong password."""
    if signing is None or signing.mode is SigningMode.DEVICE_CERTIFICATES:
        return None
    from rpc_desktop.documents.identity import load_identity_files, load_pkcs12_identity
    from rpc_desktop.errors import BundleError

    protected = signing.organisation_key
    if signing.mode is SigningMode.GROUP_KEY and protected and not _readable(protected):
        return None
    password = os.environ.get(signing.password_env) if signing.password_env else ""
    if not password and signing.password_env:
        state = "not set" if password is None else "empty"
        raise BundleError(
            f"The password of {protected} is read from the environment variable "
            f"{signing.password_env} (password_env), which is {state} here: set it for every "
            "user of the machine (a system-wide variable), or remove password_env if the key "
            "has no password."
        )
    secret = password.encode("utf-8") if password else None
    if signing.pkcs12 is not None:
        return load_pkcs12_identity(signing.pkcs12, secret)
    assert signing.certificate is not None and signing.key is not None
    return load_identity_files(signing.certificate, signing.key, secret)
