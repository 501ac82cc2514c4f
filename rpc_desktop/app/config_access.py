"""Whether every user of the machine can use IT's configuration, and only IT can change it:
the file and every file and folder it names, as an ordinary user meets them.

docs/deploying.md asks that the file, and everything it names, be owned by an administrator
and not writable by users; users must be able to read them (and enter the folders they are
in), except the organisation's key in the "group-key" signing mode, which only the group's
members may read (app/signing.py). This is judged from the modes and owners (POSIX), not by
opening the files: the self-test is often run as root, who can open anything. On Windows
the installer sets the folder's ACL and there are no modes to judge, so nothing is checked
there.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rpc_desktop.app.signing import SigningMode

if TYPE_CHECKING:
    from rpc_desktop.app.config import MachineConfig
    from rpc_desktop.app.signing import Signing

ADMINS = (0,)
"""Who may own IT's files: root."""
CHECKED = sys.platform != "win32"
"""Whether there are modes and owners to judge here."""


@dataclass(frozen=True)
class Named:
    """A file or folder the configuration depends on, and what users lose without it."""

    path: Path
    what: str
    unreadable: str
    """What happens to a user who cannot read it."""
    folder: bool = False
    group: str = ""
    """Only this group's members may read it (group-key mode's key); others must not."""


def named(config: MachineConfig) -> list[Named]:
    """The configuration file and every file and folder it names."""
    if config.path is None:
        return []
    out = [Named(config.path, "the configuration file", "the app runs for them on every default")]
    if config.extra_packs is not None:
        out.append(
            Named(
                config.extra_packs,
                "extra_packs",
                "the schemes in it are missing for them",
                folder=True,
            )
        )
    if config.recovery_public_key is not None:
        out.append(
            Named(
                config.recovery_public_key,
                "recovery_public_key",
                "their first run cannot create a store",
            )
        )
    if (signing := config.signing) is not None:
        out += _signing_files(signing)
    return out


def _signing_files(signing: Signing) -> list[Named]:
    why = "their PDFs are signed with each device's own certificate instead"
    if signing.mode is SigningMode.DEVICE_CERTIFICATES:
        assert signing.ca_certificate is not None
        what = "signing.ca_certificate, the organisation CA's certificate"
        return [Named(signing.ca_certificate, what, why)]
    out = []
    if signing.certificate is not None:
        out.append(Named(signing.certificate, "signing.certificate", why))
    group = signing.group if signing.mode is SigningMode.GROUP_KEY else ""
    for key, path in (("signing.key", signing.key), ("signing.pkcs12", signing.pkcs12)):
        if path is not None:
            out.append(Named(path, f"{key}, the organisation's signing key", why, group=group))
    return out


def setup_problems(path: Path, resources: Path) -> list[str]:
    """Everything wrong with IT's file at `path`, as the self-test reports it: each bad
    value and pack problem the app would show, a RPC_DESKTOP_CONFIG it would ignore, and
    what an ordinary user could not read or could change (`user_problems`)."""
    from rpc_desktop.app.config import ignored_override, load
    from rpc_desktop.app.context import configured_packs

    config = load(path)
    # A scheme it names that is not installed is a set-up problem too, as the app shows it.
    problems = [*config.problems, *(str(e) for e in configured_packs(config, resources).errors)]
    if note := ignored_override(path):
        problems.append(note)
    return problems + user_problems(config)


def user_problems(config: MachineConfig, *, admins: Collection[int] = ()) -> list[str]:
    """Each way an ordinary user would fail to use the configuration, or could change it,
    named with the file, what is wrong and what to do; [] when there is none. Files are
    IT's when an account in `admins` (ADMINS unless given) owns them."""
    if not CHECKED:
        return []
    admins = admins or ADMINS
    seen: set[Path] = set()  # a folder several files are in is reported once
    return [problem for item in named(config) for problem in _problems(item, admins, seen)]


def _problems(item: Named, admins: Collection[int], seen: set[Path]) -> Iterator[str]:
    try:
        target = item.path.resolve()
    except (OSError, RuntimeError) as exc:
        yield f"{item.path} ({item.what}): cannot be checked ({exc})."
        return
    for folder in reversed(target.parents):
        if folder not in seen:
            seen.add(folder)
            yield from _folder(folder, f"a folder {item.what} is in", item.unreadable, admins)
    if item.folder:
        yield from _folder(target, item.what, item.unreadable, admins, listed=True)
        for inner in sorted(target.rglob("*")):
            if inner.is_dir():
                where = f"a folder in {item.what}"
                yield from _folder(inner, where, item.unreadable, admins, listed=True)
            else:
                yield from _file(inner, f"a file in {item.what}", item.unreadable, admins)
    elif item.group:
        yield from group_file(target, item.what, item.group, admins)
    else:
        yield from _file(target, item.what, item.unreadable, admins)


def _mode(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _describe(info: os.stat_result) -> str:
    return f"mode {stat.S_IMODE(info.st_mode):04o}, owner {_owner(info.st_uid)}"


def _owner(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return str(uid)


def _changeable(path: Path, info: os.stat_result, what: str, admins: Collection[int]) -> str:
    """Who other than IT could change (or replace) it, or ""."""
    mode = info.st_mode
    if info.st_uid not in admins:
        return (
            f"{path} ({what}): owned by {_owner(info.st_uid)}, not root, so that user can "
            f"change it ({_describe(info)}). As root: chown root {path}"
        )
    sticky = stat.S_ISDIR(mode) and mode & stat.S_ISVTX  # /tmp: others cannot replace it
    if mode & (stat.S_IWGRP | stat.S_IWOTH) and not sticky:
        who = "any user" if mode & stat.S_IWOTH else "its group's members"
        return (
            f"{path} ({what}): {who} can change it ({_describe(info)}). As root: chmod go-w {path}"
        )
    return ""


def _file(path: Path, what: str, unreadable: str, admins: Collection[int]) -> Iterator[str]:
    info = _mode(path)
    if info is None:
        yield f"{path} ({what}): cannot be checked (it is gone or cannot be looked at)."
        return
    if not info.st_mode & stat.S_IROTH:
        yield (
            f"{path} ({what}): users cannot read it ({_describe(info)}), so {unreadable}. "
            f"As root: chmod o+r {path}"
        )
    if problem := _changeable(path, info, what, admins):
        yield problem


def _folder(
    path: Path, what: str, unreadable: str, admins: Collection[int], *, listed: bool = False
) -> Iterator[str]:
    """A folder users must enter, and list too when the app reads what is in it. (Also the
    folders of group-key mode's key: the app of a user outside the group must see that the
    key is there, to know it is not theirs to read rather than missing.)"""
    info = _mode(path)
    if info is None:
        yield f"{path} ({what}): cannot be checked (it is gone or cannot be looked at)."
        return
    if not info.st_mode & stat.S_IXOTH:
        yield (
            f"{path} ({what}): users cannot enter it ({_describe(info)}), so {unreadable}. "
            f"As root: chmod o+x {path}"
        )
    if listed and not info.st_mode & stat.S_IROTH:
        yield (
            f"{path} ({what}): users cannot list it ({_describe(info)}), so {unreadable}. "
            f"As root: chmod o+r {path}"
        )
    if problem := _changeable(path, info, what, admins):
        yield problem


def _gid(group: str) -> int | None:
    try:
        import grp

        return grp.getgrnam(group).gr_gid
    except (ImportError, KeyError):
        return None


def _group_name(gid: int) -> str:
    try:
        import grp

        return grp.getgrgid(gid).gr_name
    except (ImportError, KeyError):
        return str(gid)


def group_file(path: Path, what: str, group: str, admins: Collection[int]) -> Iterator[str]:
    """group-key mode's key: readable by `group`'s members and by nobody else."""
    info = _mode(path)
    if info is None:
        yield f"{path} ({what}): cannot be checked (it is gone or cannot be looked at)."
        return
    said = f"{_describe(info)}, group {_group_name(info.st_gid)}"
    fix = f"As root: chgrp {group} {path} && chmod 0640 {path}"
    if info.st_mode & stat.S_IROTH:
        yield (
            f"{path} ({what}): any user can read it ({said}), so any local user can sign as "
            f"the organisation, not only the members of {group}. {fix}"
        )
    gid = _gid(group)
    if gid is not None and info.st_gid != gid:
        yield (
            f"{path} ({what}): its group is {_group_name(info.st_gid)}, not {group} ({said}), "
            f"so the members of {group} cannot sign. {fix}"
        )
    elif gid is not None and not info.st_mode & stat.S_IRGRP:
        yield (
            f"{path} ({what}): the members of {group} cannot read it ({said}), so they "
            f"cannot sign. As root: chmod g+r {path}"
        )
    if problem := _changeable(path, info, what, admins):
        yield problem


def signing_report(config: MachineConfig) -> list[str]:
    """Which signing mode is in force and who can sign as the organisation, in the
    self-test's words (its problems are `user_problems`')."""
    from rpc_desktop.app.signing import group_members, organisation_ca
    from rpc_desktop.errors import BundleError

    signing = config.signing
    if signing is None and any("key 'signing'" in p for p in config.problems):
        return [
            "signing mode: none in force: [signing] is not valid (above), so each device "
            "signs its PDFs with its own self-signed certificate"
        ]
    if signing is None:
        return [
            "signing mode: none ([signing] not set): each device signs its PDFs with its own "
            "self-signed certificate; no user can sign as the organisation"
        ]
    if signing.mode is SigningMode.DEVICE_CERTIFICATES:
        try:
            ca = organisation_ca(signing)[0]
            issuer = f"{ca.subject.rfc4514_string()} (until {ca.not_valid_after_utc:%Y-%m-%d})"
        except BundleError as exc:
            issuer = f"the CA in {signing.ca_certificate} ({exc})"
        return [
            "signing mode: device-certificates: each device signs with its own key under a "
            f"certificate issued by {issuer}; no organisation key is on this machine, so a "
            "user can sign only as their own device (one without a certificate yet signs "
            "self-signed: rpc-desktop certificate request / issue / import)"
        ]
    key = signing.organisation_key
    if signing.mode is SigningMode.GROUP_KEY:
        members = group_members(signing.group)
        if members is None:
            who = "(the key's access list decides: not checked here)"
        else:
            who = ", ".join(members) or (f"nobody yet (As root: usermod -aG {signing.group} USER)")
        return [
            f"signing mode: group-key: the members of {signing.group} can read {key} and "
            f"sign as the organisation: {who}; every other user signs as their own device"
        ]
    if signing.mode_named:
        return [
            f'signing mode: shared-key (IT\'s choice: mode = "shared-key"): any local user '
            f"can read {key} and sign as the organisation"
        ]
    return [
        "warning: signing mode: shared-key: any local user can sign as the organisation "
        f"(they can all read {key}). [signing] names a key but no mode, as earlier builds "
        'did, and it works as before. To stop it: mode = "device-certificates" with '
        'ca_certificate (recommended), or mode = "group-key" with group = "rpc-signers"; '
        'to keep it knowingly: mode = "shared-key" (docs/deploying.md, "The signing key: '
        'modes and trade-off").'
    ]
