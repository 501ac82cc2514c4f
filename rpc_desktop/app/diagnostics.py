"""What support asks for, in one text a user can send (issue 15): `rpc-desktop diagnostics`
writes it to a file, the About box shows it and copies it, and the app logs the start of it
when it starts.

It says which versions run, every setting the app runs on and where its value came from
(the default, the user, IT's configuration, IT's locked value), the packs, the store's
health and the log's last lines. It holds no personal data: the user's own profile is said
to be set or not, never shown; a family appears nowhere (cases are counted by status); the
user's home folder is written as "~". What needs the store (its integrity, the cases, the
audit chain) is checked only when it is open: otherwise "locked: not checked".
"""

from __future__ import annotations

import logging
import platform
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from rpc_desktop import APP_NAME, __version__
from rpc_desktop.app import logs
from rpc_desktop.files import write_new_private

if TYPE_CHECKING:
    from rpc_desktop.app.config import MachineConfig
    from rpc_desktop.app.context import AppContext
    from rpc_desktop.app.settings import Settings
    from rpc_desktop.app.workspace import Workspace

log = logging.getLogger(__name__)

LOG_LINES = 200
LOCKED = "locked: not checked"
QT_PACKAGES = ("PySide6-Essentials", "PySide6")
LIBRARIES = (
    "PySide6-Essentials",
    "PySide6-Addons",
    "pydantic",
    "SQLAlchemy",
    "sqlcipher3",
    "cryptography",
    "reportlab",
)


def build(
    context: AppContext,
    workspace: Workspace | None = None,
    *,
    qt: str = "",
    log_lines: int = LOG_LINES,
    now: datetime | None = None,
) -> str:
    """The whole report. `qt` is the running Qt's version (the GUI knows it; a command says
    which PySide6 is installed); `workspace`, when the store is open, lets it be checked."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    sections = [
        (f"{APP_NAME} diagnostics", [f"written {moment:%Y-%m-%d %H:%M:%S} UTC"]),
        ("Versions", versions(qt)),
        ("Places", places(context)),
        ("Settings (value, and where it came from)", settings_lines(context)),
        ("IT's configuration", configuration(context.config)),
        ("Packs", packs(context)),
        ("Store", store(context, workspace)),
        (f"Log (last {log_lines} lines)", _log(context, log_lines)),
    ]
    return "\n".join(_section(title, lines) for title, lines in sections)


def _log(context: AppContext, count: int) -> list[str]:
    return [private(line) for line in logs.recent_lines(context.home, count)] or ["none"]


def _section(title: str, lines: Iterable[str]) -> str:
    return f"== {title} ==\n" + "".join(f"{line}\n" for line in lines)


def private(text: object) -> str:
    """A path or text with the user's home folder written as "~" (it holds their name)."""
    home = str(Path.home()).rstrip("/\\")
    if not home:
        return str(text)
    return re.sub(re.escape(home) + r"(?![\w.-])", "~", str(text))


def qt_version(running: str = "") -> str:
    if running:
        return running
    installed = next((v for name in QT_PACKAGES if (v := _installed(name))), "")
    return f"{installed} (installed; not started)" if installed else "not installed"


def _installed(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def versions(qt: str = "") -> list[str]:
    frozen = "yes (built program)" if getattr(sys, "frozen", False) else "no (Python package)"
    lines = [
        f"{APP_NAME} {__version__}",
        f"Python {platform.python_version()} ({platform.python_implementation()})",
        f"Qt {qt_version(qt)}",
        f"platform {platform.system()} {platform.release()} {platform.machine()} "
        f"({platform.platform(terse=True)})",
        f"frozen {frozen}",
    ]
    found = [f"{name} {v}" for name in LIBRARIES if (v := _installed(name))]
    return [*lines, "libraries " + (", ".join(found) or "not known (built program)")]


def places(context: AppContext) -> list[str]:
    config = context.config.path
    log_file = context.home / logs.LOG_FILE
    return [
        f"data folder {private(context.home)}",
        f"log file {private(log_file)}" + ("" if log_file.exists() else " (none yet)"),
        f"IT's configuration {private(config) if config else 'none (every value is its default)'}",
        f"shipped resources {private(context.resources)}",
    ]


# --- settings ---------------------------------------------------------------------------


def settings_lines(context: AppContext) -> list[str]:
    """Each setting the app runs on, its value and where it came from."""
    return [f"{key} = {value}  [{source}]" for key, value, source in settings_table(context)]


def settings_table(context: AppContext) -> list[tuple[str, str, str]]:
    user, config = context.user_settings, context.config
    effective = context.settings
    mine = user.model_fields_set
    rows = [
        ("role", effective.role.value, _it_or_user("role", config.role is not None, mine, config)),
        (
            "profile.organisation",
            effective.profile.organisation or "(not set)",
            _organisation_source(user, config),
        ),
        (
            "idle_lock_minutes",
            f"{effective.idle_lock_minutes:g}",
            _idle_source(user, config),
        ),
        (
            "enabled_schemes",
            ", ".join(effective.enabled_schemes) or "(every scheme that loads)",
            _it_or_user("enabled_schemes", bool(config.enabled_schemes), mine, config),
        ),
    ]
    shown = user.display.model_fields_set if "display" in mine else set()
    for name in ("mode", "text_size"):
        value = getattr(effective.display, name).value
        rows.append((f"display.{name}", value, "user" if name in shown else "default"))
    for name in ("name", "role", "phone", "email"):  # the user's own: said to be set, no more
        given = bool(getattr(user.profile, name))
        said = "set (not shown)" if given else "(not set)"
        rows.append((f"profile.{name}", said, "user" if given else "default"))
    rows.append(("last_case", user.last_case or "(none)", "app" if user.last_case else "default"))
    return rows


def _locked(key: str, config: MachineConfig) -> str:
    return "IT, locked" if config.is_locked(key) else "IT"


def _it_or_user(key: str, it_sets: bool, mine: set[str], config: MachineConfig) -> str:
    """config.apply's rule for role and the schemes: IT's locked value wins, else the
    user's own, else IT's, else the default."""
    if it_sets and (config.is_locked(key) or key not in mine):
        return _locked(key, config)
    if key in mine:
        return "user" + (" (within IT's locked list)" if config.is_locked(key) else "")
    return "default"


def _organisation_source(user: Settings, config: MachineConfig) -> str:
    if config.organisation and (config.is_locked("organisation") or not user.profile.organisation):
        return _locked("organisation", config)
    return "user" if user.profile.organisation else "default"


def _idle_source(user: Settings, config: MachineConfig) -> str:
    mine = "idle_lock_minutes" in user.model_fields_set
    limit = config.idle_lock_minutes
    if limit is None:
        return "user" if mine else "default"
    if config.is_locked("idle_lock_minutes"):
        if mine and user.idle_lock_minutes < limit:
            return f"user (shorter than IT's locked {limit:g})"
        return "IT, locked"
    return "user" if mine else "IT"


# --- IT's configuration and the packs ----------------------------------------------------


def configuration(config: MachineConfig) -> list[str]:
    if config.path is None:
        return ["no file: every value is its default"]
    signing = config.signing
    mode = "not set (each device signs the PDFs with its own certificate)"
    if signing is not None:
        mode = "PKCS#12 file" if signing.pkcs12 else "certificate and key files"
    lines = [
        f"file {private(config.path)}",
        f"locked {', '.join(sorted(config.locked)) or 'nothing'}",
        f"retention_days {config.retention_days}",
        f"extra_packs {private(config.extra_packs) if config.extra_packs else 'not set'}",
        f"recovery_public_key {private(config.recovery_public_key) if config.recovery_public_key else 'not set'}",  # noqa: E501
        f"trusted_keys {len(config.trusted_keys)}",
        f"gateway {', '.join(sorted(config.gateway)) or 'not set'}",
        f"signing {mode}",
    ]
    problems = [f"problem: {private(p)}" for p in config.problems]
    return lines + (problems or ["problems none"])


def packs(context: AppContext) -> list[str]:
    loaded = context.packs
    enabled = set(context.settings.enabled_schemes)
    lines = []
    for scheme in sorted(loaded.schemes.values(), key=lambda s: s.id):
        off = "" if not enabled or scheme.id in enabled else " (not enabled)"
        lines.append(f"scheme {scheme.id} {scheme.version}{off}")
    for agreement in sorted(loaded.agreements.values(), key=lambda a: a.id):
        lines.append(f"agreement {agreement.id} {agreement.version}")
    for name, questionnaire in (("rsq", loaded.rsq), ("screening", loaded.screening)):
        said = questionnaire.version if questionnaire is not None else "MISSING"
        lines.append(f"questionnaire {name} {said}")
    lines += [f"replaced: {private(o)}" for o in loaded.overrides]
    lines += [f"problem: {private(e)}" for e in loaded.errors]
    if context.signing_problem:
        lines.append(f"problem: {private(context.signing_problem)}")
    return lines


# --- the store ----------------------------------------------------------------------------


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _bytes(count: int) -> str:
    size = float(count)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{count} bytes"


def store(context: AppContext, workspace: Workspace | None = None) -> list[str]:
    from rpc_desktop.store.backup import list_backups
    from rpc_desktop.store.layout import StorePaths

    paths = StorePaths(context.home)
    if not paths.exists():
        return ["none (first run not done in this data folder)"]
    folder = sum(_size(p) for p in paths.folder.iterdir() if p.is_file())
    lines = [
        f"database {_bytes(_size(paths.db))} (store folder {_bytes(folder)})",
        f"recovery key {_recovery_key(paths.keyfile)}",
    ]
    if paths.needs_full_check.exists():
        lines.append("marked: the last full check failed; the next unlock checks every page")
    backups = list_backups(paths.backups)
    if backups:
        newest = _stamp(backups[0].name)
        total = _bytes(sum(_size(p) for p in backups))
        lines.append(f"backups {len(backups)} ({total}), newest {newest}")
    else:
        lines.append("backups none")
    if workspace is None or workspace.closed:
        return [*lines, f"integrity {LOCKED}", f"cases {LOCKED}", f"audit chain {LOCKED}"]
    problems = workspace.integrity_problems()
    lines.append("integrity ok" if not problems else f"integrity FAILED: {'; '.join(problems)}")
    counts = case_counts(workspace)
    total_cases = sum(counts.values())
    by_status = ", ".join(f"{status} {n}" for status, n in sorted(counts.items())) or "none"
    lines.append(f"cases {total_cases} ({by_status})")
    chain = workspace.verify_audit()
    said = "intact" if chain.intact else f"BROKEN at entry {chain.first_broken}: {chain.problem}"
    return [*lines, f"audit chain {said} ({chain.entries} entries)"]


def case_counts(workspace: Workspace) -> dict[str, int]:
    """How many cases are in each status (counted from the status index: no case is read)."""
    from sqlalchemy import func, select

    from rpc_desktop.store.tables import cases

    query = select(cases.c.status, func.count()).group_by(cases.c.status)
    with workspace.store.engine.connect() as conn:
        return {str(status): int(n) for status, n in conn.execute(query)}


def _recovery_key(keyfile: Path) -> str:
    from rpc_desktop.store.keys import KeyFile

    try:
        return "yes" if KeyFile.read(keyfile).entry("recovery") is not None else "no"
    except (OSError, ValueError) as exc:
        return f"cannot be read ({type(exc).__name__})"


def _stamp(name: str) -> str:
    """The time in a backup's name (rpc-20261129T101500123456Z.db), as a reader says it."""
    try:
        taken = datetime.strptime(name[4:-3], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
    except ValueError:
        return name
    return f"{taken:%Y-%m-%d %H:%M} UTC ({name})"


# --- the file and the start-up log --------------------------------------------------------


def file_name(now: datetime | None = None) -> str:
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return f"rpc-desktop-diagnostics-{moment:%Y%m%d-%H%M%S}.txt"


def write(path: Path, text: str) -> Path:
    """Write the report to a new file (never over one already there: BundleError)."""
    write_new_private(path, text.encode("utf-8"))
    log.info("diagnostics written")
    return path


def log_startup(context: AppContext, *, qt: str = "") -> None:
    """What the app runs on, in the log once it has started (after the first paint: the
    packs and IT's file are read for it)."""
    log.info("running on Qt %s, %s", qt_version(qt), platform.platform(terse=True))
    config = context.config
    where = private(config.path) if config.path else "none"
    locked = ", ".join(sorted(config.locked)) or "nothing"
    log.info("IT's configuration: %s (locked: %s)", where, locked)
    loaded = context.packs  # a pack that did not load is logged as it loads
    schemes = ", ".join(f"{s.id} {s.version}" for s in loaded.schemes.values()) or "none"
    log.info("packs: %s", schemes)
    for override in loaded.overrides:
        log.info("pack replaced: %s", private(override))
    context.organisation_certificate()  # read now, so a problem with it is known
    for problem in config.problems:
        log.warning("set-up problem: %s", private(problem))
    if context.signing_problem:
        log.warning("set-up problem: %s", private(context.signing_problem))
