"""The app's log: a small rotating file in the data folder, for support.

Modules log what happens (unlock, a case created or opened by its reference, a bundle built
or imported, a migration, a backup, an error) through `logging.getLogger(__name__)`, never
a family's details: no names, addresses, answers or free text; a case appears only by its
reference. An unexpected error is logged by its type and where it happened (the traceback's
frames), not its message, which could quote what a user typed.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from rpc_desktop import __version__

LOG_FILE = "rpc-desktop.log"
ROOT = "rpc_desktop"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger(__name__)


class _OurHandler(RotatingFileHandler):
    """Marks the handler this module added, so starting again replaces it."""


class _OurEcho(logging.StreamHandler):  # type: ignore[type-arg]
    """The same records on stderr (`rpc-desktop --verbose`)."""


def start_logging(home: Path, *, echo: bool = False) -> Path:
    """Log to `home`/rpc-desktop.log (512 KB, three old files kept), and with `echo` to
    stderr too; returns the file's path.

    Calling it again (another data folder, a test) replaces the handlers it added before.
    """
    stop_logging()
    root = logging.getLogger(ROOT)
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = home / LOG_FILE
    handler = _OurHandler(path, maxBytes=512_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    if echo:
        console = _OurEcho(sys.stderr)
        console.setFormatter(logging.Formatter(_FORMAT))
        root.addHandler(console)
    root.setLevel(logging.INFO)
    log.info(
        "rpc-desktop %s started (Python %s, %s %s)",
        __version__,
        platform.python_version(),
        platform.system(),
        platform.machine(),
    )
    return path


def stop_logging() -> None:
    root = logging.getLogger(ROOT)
    for handler in [h for h in root.handlers if isinstance(h, _OurHandler | _OurEcho)]:
        root.removeHandler(handler)
        handler.close()


def log_unexpected(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    """An error nobody handled: its type and the frames it passed through."""
    frames = "".join(traceback.format_tb(tb)).rstrip()
    log.error("unexpected error: %s\n%s", kind.__name__, frames)
