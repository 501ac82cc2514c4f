"""What every command prints and the exit codes it returns (stable for IT scripts)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rpc_desktop.app.context import AppContext

EXIT_OK = 0
EXIT_FAILED = 1
"""The self-test: a check did not pass."""
EXIT_BAD_INPUT = 2
EXIT_NOT_ELIGIBLE = 3
EXIT_TAMPERED = 4
EXIT_BROKEN_PIPE = 141
"""Whoever read our output went away (`rpc-desktop check … | head -1`): 128 + SIGPIPE, what a
shell reports for a command its pipe closed on. Nothing is printed."""


def emit(data: object) -> None:
    """A command's result, as JSON on stdout."""
    print(json.dumps(data, indent=2, ensure_ascii=False))


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def warn_setup(context: AppContext) -> None:
    """IT's configuration and the packs as the app found them: each problem on stderr."""
    for problem in context.setup_problems():
        warn(problem)


def fail(command: str, message: str) -> None:
    print(f"rpc-desktop {command}: {message}", file=sys.stderr)
