"""The headless interface (stable: tests and IT scripts use it).

rpc-desktop                          launch the app
rpc-desktop demo --out DIR           build the demo family's bundle
rpc-desktop check CASE.json          eligibility + screening as JSON
rpc-desktop bundle CASE.json --out DIR
rpc-desktop verify BUNDLE|FILE.pdf
rpc-desktop self-test                for IT: offscreen, temp store, demo bundle; exit 0 all passed
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from rpc_desktop import APP_NAME, __version__

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_NOT_ELIGIBLE = 3
EXIT_TAMPERED = 4


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rpc-desktop", description=APP_NAME)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo", help="build the demo family's bundle, no screen needed")
    demo.add_argument("--out", type=Path, required=True, help="folder to write the bundle in")
    check = sub.add_parser(
        "check", help="eligibility and screening as JSON (exit 0 eligible, 3 not, 2 bad input)"
    )
    check.add_argument("case", type=Path, help="a case JSON file")
    check.add_argument(
        "--as-of", help="judge on this date (YYYY-MM-DD) instead of the referral date"
    )
    bundle = sub.add_parser("bundle", help="build the four PDFs, email draft and sealed bundle")
    bundle.add_argument("case", type=Path, help="a case JSON file")
    bundle.add_argument("--out", type=Path, required=True, help="folder to write the bundle in")
    verify = sub.add_parser("verify", help="check a bundle (exit 0 intact, 4 tampered or unknown)")
    verify.add_argument(
        "bundle",
        type=Path,
        help="a .rpcbundle file, an unpacked bundle folder, or one PDF (its PAdES signature)",
    )
    verify.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="FINGERPRINT",
        help="also trust this device-key fingerprint (or, for a PDF, certificate SHA-256); "
        "this device's own key and IT's trusted_keys always are",
    )
    sub.add_parser("schema", help="print the case file JSON Schema")
    selftest = sub.add_parser(
        "self-test",
        help="for IT: start offscreen, open a temporary store, build and verify the demo "
        "bundle; one line per check (exit 0 all passed, 1 otherwise)",
    )
    selftest.add_argument(
        "--first-window",
        action="store_true",
        help="instead: start the app as usual, print 'shown' once its first window has "
        "painted, and quit (times a build's start)",
    )
    from rpc_desktop.store_commands import add_parsers

    add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        if no_display():
            print(
                "rpc-desktop: there is no display to open the app on (no DISPLAY or "
                "WAYLAND_DISPLAY). Run it from a desktop session, or use the headless "
                "commands: rpc-desktop --help",
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
        from rpc_desktop.gui.app import run

        return run()
    if args.command == "self-test":  # before `commands`: the start it times must stay lean
        from rpc_desktop import selftest

        return selftest.run(first_window=args.first_window)
    from rpc_desktop import commands
    from rpc_desktop.errors import RpcError

    handlers = {
        "demo": commands.demo,
        "check": commands.check,
        "bundle": commands.bundle,
        "verify": commands.verify,
        "schema": commands.schema,
    }
    try:
        if args.command not in handlers:
            from rpc_desktop import store_commands

            return store_commands.run(args)
        return handlers[args.command](args)
    except RpcError as exc:
        print(f"rpc-desktop {args.command}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def no_display() -> bool:
    """On Linux without a display Qt would abort; say so instead (offscreen is for tests)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def emit(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))
