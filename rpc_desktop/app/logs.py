"""The app's log: a small rotating file in the data folder, for support.

Modules log what happens (unlock, a case created or opened by its reference, a bundle built
or imported, a migration, a backup, an error) through `logging.getLogger(__name__)`, never
a family's details: no names, addresses, answers or free text; a case appears only by its
reference. An error is logged by its type and where it happened (the traceback's frames,
and those of the errors that led to it), not its message, which could quote what a user
typed. Each error line says what the user was last doing (`note_activity`: the screen, the
wizard page's id, the last toolbar action), so support can follow it without the family.

A hard crash (Qt's C++ failing under us) leaves Python's traceback of every thread in the
same file (faulthandler), kept pointed at the current file when it rotates; unless Python's
crash handler was on already (PYTHONFAULTHANDLER, a test runner): it keeps writing there.
"""

from __future__ import annotations

import faulthandler
import logging
import platform
import sys
import traceback
from collections import deque
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from rpc_desktop import __version__

LOG_FILE = "rpc-desktop.log"
ROOT = "rpc_desktop"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 512_000
KEEP = 3

log = logging.getLogger(__name__)

_crash_to_log = False
"""Whether the log took Python's crash handler (and so must give it up when it stops)."""
_activity: dict[str, str] = {}
"""What the user was last doing: "screen", "page", "action" (never a case's content)."""


class _OurHandler(RotatingFileHandler):
    """Marks the handler this module added, so starting again replaces it; the crash
    handler follows the file when it rotates."""

    def doRollover(self) -> None:
        super().doRollover()
        if self.stream is not None and _crash_to_log:
            faulthandler.enable(self.stream, all_threads=True)


class _OurEcho(logging.StreamHandler):  # type: ignore[type-arg]
    """The same records on stderr (`rpc-desktop --verbose`)."""


def start_logging(home: Path, *, echo: bool = False) -> Path:
    """Log to `home`/rpc-desktop.log (512 KB, three old files kept), and with `echo` to
    stderr too; a hard crash writes its traceback there too. Returns the file's path.

    Calling it again (another data folder, a test) replaces the handlers it added before.
    """
    global _crash_to_log
    stop_logging()
    root = logging.getLogger(ROOT)
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = home / LOG_FILE
    handler = _OurHandler(path, maxBytes=MAX_BYTES, backupCount=KEEP, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    if echo:
        console = _OurEcho(sys.stderr)
        console.setFormatter(logging.Formatter(_FORMAT))
        root.addHandler(console)
    root.setLevel(logging.INFO)
    if handler.stream is not None and not faulthandler.is_enabled():
        faulthandler.enable(handler.stream, all_threads=True)
        _crash_to_log = True
    log.info(
        "rpc-desktop %s started (Python %s, %s %s %s)",
        __version__,
        platform.python_version(),
        platform.system(),
        platform.release(),
        platform.machine(),
    )
    return path


def stop_logging() -> None:
    global _crash_to_log
    root = logging.getLogger(ROOT)
    ours = [h for h in root.handlers if isinstance(h, _OurHandler | _OurEcho)]
    if _crash_to_log:  # never left writing to a closed file
        faulthandler.disable()
        _crash_to_log = False
    for handler in ours:
        root.removeHandler(handler)
        handler.close()


def log_file() -> Path | None:
    """The file the log is written to now, or None when logging has not started."""
    for handler in logging.getLogger(ROOT).handlers:
        if isinstance(handler, _OurHandler):
            return Path(handler.baseFilename)
    return None


def recent_lines(home: Path, count: int = 200) -> list[str]:
    """The last `count` lines of the log in `home` (the rotated file before it too, when
    the current one is shorter); [] when there is none."""
    lines: deque[str] = deque(maxlen=count)
    for path in (home / f"{LOG_FILE}.1", home / LOG_FILE):
        try:
            with path.open(encoding="utf-8", errors="replace") as handle:
                lines.extend(line.rstrip("\n") for line in handle)
        except OSError:
            continue
    return list(lines)


def note_activity(**what: str) -> None:
    """Remember what the user is doing (screen=, page=, action=), for the next error's
    line. A new screen forgets the page of the one before."""
    if "screen" in what and "page" not in what:
        _activity.pop("page", None)
    _activity.update({key: value for key, value in what.items() if value})


def activity() -> str:
    """What the user was last doing, in a few words ("" when nothing is known)."""
    return ", ".join(
        f"{key} {_activity[key]}" for key in ("screen", "page", "action") if key in _activity
    )


def trace(value: BaseException) -> str:
    """The error's type and frames, and those of each error that led to it, oldest first;
    never a message."""
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = value
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    parts = []
    for number, error in enumerate(reversed(chain)):
        kind = type(error)
        name = (
            kind.__name__
            if kind.__module__ == "builtins"
            else f"{kind.__module__}.{kind.__qualname__}"
        )
        lead = "which led to " if number else ""
        frames = "".join(traceback.format_tb(error.__traceback__)).rstrip()
        parts.append(f"{lead}{name}\n{frames}" if frames else f"{lead}{name}")
    return "\n".join(parts)


def _while() -> str:
    doing = activity()
    return f" (while: {doing})" if doing else ""


def log_unexpected(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    """An error nobody handled: its type, the frames it passed through, and what the user
    was doing."""
    if value.__traceback__ is None and tb is not None:
        value = value.with_traceback(tb)
    log.error("unexpected error: %s%s\n%s", kind.__name__, _while(), trace(value))


def log_handled(value: BaseException, what: str = "") -> None:
    """An error the app caught and told the user about (a file already there, a store
    that would not open): its type and frames, at WARNING. `what` names the action, in
    words that hold no case's content."""
    doing = f" {what}" if what else ""
    log.warning("handled error%s: %s%s\n%s", doing, type(value).__name__, _while(), trace(value))
