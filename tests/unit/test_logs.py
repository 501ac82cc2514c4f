"""The log support reads: errors by type, frames and what the user was doing, never their
message; a hard crash's traceback in the same file, also after it rotates."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from rpc_desktop.app import logs
from rpc_desktop.errors import StoreError
from tests.helpers import ROOT

SECRET = "Zofia Okafor, 14 Larkspur Gardens"


def _read_the_file(path: Path) -> None:
    try:
        path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise StoreError(SECRET) from exc


def test_an_unexpected_error_is_logged_with_its_chain_and_the_users_activity(
    log_file: Path,
) -> None:
    logs.note_activity(screen="wizard", page="rsq-a-3")
    logs.note_activity(action="Lock")
    try:
        _read_the_file(Path("/nowhere") / SECRET)
    except StoreError as exc:
        logs.log_unexpected(type(exc), exc, exc.__traceback__)
    text = log_file.read_text(encoding="utf-8")
    assert "ERROR rpc_desktop.app.logs: unexpected error: StoreError" in text
    assert "(while: screen wizard, page rsq-a-3, action Lock)" in text
    assert "FileNotFoundError" in text and "which led to rpc_desktop.errors.StoreError" in text
    assert "in _read_the_file" in text  # the frames of both
    assert text.index("FileNotFoundError") < text.index("which led to")
    assert "Zofia" not in text and "Larkspur" not in text


def test_a_handled_error_is_logged_at_warning_with_its_frames(log_file: Path) -> None:
    try:
        _read_the_file(Path("/nowhere"))
    except StoreError as exc:
        logs.log_handled(exc, "saving the figures")
    text = log_file.read_text(encoding="utf-8")
    assert "WARNING rpc_desktop.app.logs: handled error saving the figures: StoreError" in text
    assert "in _read_the_file" in text
    assert SECRET not in text


def test_a_new_screen_forgets_the_page_of_the_one_before(log_file: Path) -> None:
    logs.note_activity(screen="wizard", page="scheme")
    logs.note_activity(screen="case-list")
    assert logs.activity() == "screen case-list"


def test_the_start_line_names_the_version_and_platform(log_file: Path) -> None:
    from rpc_desktop import __version__

    first = log_file.read_text(encoding="utf-8").splitlines()[0]
    assert f"rpc-desktop {__version__} started (Python " in first


def test_recent_lines_read_on_into_the_file_before_a_rotation(
    log_file: Path, isolated_home: Path
) -> None:
    logging.getLogger("rpc_desktop.test").info("before the rotation")
    root = logging.getLogger("rpc_desktop")
    handler = next(h for h in root.handlers if isinstance(h, RotatingFileHandler))
    handler.doRollover()
    logging.getLogger("rpc_desktop.test").info("after the rotation")
    lines = logs.recent_lines(isolated_home, 3)
    assert len(lines) == 3
    assert lines[-2].endswith("before the rotation") and lines[-1].endswith("after the rotation")
    assert logs.recent_lines(isolated_home / "nothing-here") == []


CRASH = """
import faulthandler, logging, sys
from pathlib import Path
from rpc_desktop.app import logs
home = Path(sys.argv[1])
before = faulthandler.is_enabled()
logs.start_logging(home / "first")
logs.stop_logging()
assert faulthandler.is_enabled() is before, "stopping gives the crash handler back"
logs.start_logging(home)
logging.getLogger("rpc_desktop.test").info("line before the rotation")
handler = [h for h in logging.getLogger("rpc_desktop").handlers][0]
handler.doRollover()
logging.getLogger("rpc_desktop.test").info("about to crash")
faulthandler._sigsegv()
"""


def crash(home: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *options, "-c", textwrap.dedent(CRASH), str(home)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="a crash dialog would wait on Windows")
def test_a_hard_crash_leaves_its_traceback_in_the_current_log(tmp_path: Path) -> None:
    """As Qt's C++ failing would: a segmentation fault, after the log rotated once."""
    home = tmp_path / "home"
    done = crash(home)
    assert done.returncode != 0 and "AssertionError" not in done.stderr
    text = (home / logs.LOG_FILE).read_text(encoding="utf-8")
    assert "about to crash" in text
    assert "Fatal Python error: Segmentation fault" in text
    assert text.index("about to crash") < text.index("Fatal Python error")
    assert "line before the rotation" in (home / f"{logs.LOG_FILE}.1").read_text(encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="a crash dialog would wait on Windows")
def test_a_crash_handler_python_was_given_keeps_writing_where_it_was_told(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    done = crash(home, "-X", "faulthandler")
    assert done.returncode != 0 and "AssertionError" not in done.stderr
    assert "Fatal Python error: Segmentation fault" in done.stderr
    assert "Fatal Python error" not in (home / logs.LOG_FILE).read_text(encoding="utf-8")
