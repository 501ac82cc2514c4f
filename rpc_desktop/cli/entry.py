"""The headless interface (stable: tests and IT scripts use it).

rpc-desktop                          launch the app
rpc-desktop demo --out DIR [--device]   build the demo family's bundle (a one-off key
                                        seals it; --device: this device's, from its store)
rpc-desktop check CASE.json          eligibility + screening as JSON
rpc-desktop bundle CASE.json --out DIR [--device]
rpc-desktop verify BUNDLE|FILE.pdf [--device]
rpc-desktop decrypt BUNDLE --recovery-private-key KEY.pem --out FILE   for IT
rpc-desktop key                      this device's public key and fingerprint
rpc-desktop blank-forms --scheme ID --out DIR   paper RSQs and agreement (blank_forms.py)
rpc-desktop self-test                for IT: offscreen, temp store, demo bundle; exit 0 all passed
rpc-desktop progress REF WHAT DATE   what happened after sending (after_sending.py)
rpc-desktop figures --out FILE.csv   the monitoring export, no personal data
rpc-desktop recover | recovery-key   IT's recovery (recovery.py)
rpc-desktop certificate request | issue | import | show   device certificates (certificates.py)
rpc-desktop diagnostics [--out FILE] [--unlock]   one file for support (diagnostics.py)
(and the store's commands, in store.py)

Only the argument parser loads before a command runs: each command's module, and the app
layer behind it, is imported when that command is asked for.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rpc_desktop import APP_NAME, __version__
from rpc_desktop.cli.output import EXIT_BAD_INPUT, EXIT_BROKEN_PIPE, fail

if TYPE_CHECKING:
    from rpc_desktop.app.context import AppContext


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rpc-desktop", description=APP_NAME)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="also print the log (what happens, never a family's details) on stderr",
    )
    sub = parser.add_subparsers(dest="command")
    sealing = argparse.ArgumentParser(add_help=False)
    sealing.add_argument(
        "--device",
        action="store_true",
        help="seal as this device, with the keys kept in its store (asks for the passphrase); "
        "without it, a one-off key seals the bundle and its fingerprint is printed",
    )
    sealing.add_argument(
        "--passphrase-file",
        type=Path,
        help="with --device: read the passphrase from a file (or set RPC_DESKTOP_PASSPHRASE)",
    )
    demo = sub.add_parser(
        "demo", parents=[sealing], help="build the demo family's bundle, no screen needed"
    )
    demo.add_argument("--out", type=Path, required=True, help="folder to write the bundle in")
    check = sub.add_parser(
        "check", help="eligibility and screening as JSON (exit 0 eligible, 3 not, 2 bad input)"
    )
    check.add_argument("case", type=Path, help="a case JSON file")
    check.add_argument(
        "--as-of", help="judge on this date (YYYY-MM-DD) instead of the referral date"
    )
    bundle = sub.add_parser(
        "bundle", parents=[sealing], help="build the four PDFs, email draft and sealed bundle"
    )
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
    verify.add_argument(
        "--device",
        action="store_true",
        help="unlock the store (asks for the passphrase): open a bundle encrypted to this "
        "device, and trust the keys its user trusts",
    )
    verify.add_argument("--passphrase-file", type=Path, help="with --device: the passphrase")
    decrypt = sub.add_parser(
        "decrypt", help="for IT: open an encrypted bundle with the recovery private key"
    )
    decrypt.add_argument("bundle", type=Path, help="the encrypted .rpcbundle file")
    decrypt.add_argument("--recovery-private-key", type=Path, required=True)
    decrypt.add_argument(
        "--out", type=Path, required=True, help="the sealed bundle file to write (new)"
    )
    sub.add_parser(
        "key",
        help="print this device's public key and fingerprint (for IT's trusted_keys, or "
        "a colleague); no passphrase needed",
    )
    sub.add_parser("schema", help="print the case file JSON Schema")
    sub.add_parser(
        "self-test",
        help="for IT: start offscreen, open a temporary store, build and verify the demo "
        "bundle; one line per check (exit 0 all passed, 1 otherwise)",
    )
    from rpc_desktop.cli.after_sending import add_parsers as add_after_sending
    from rpc_desktop.cli.blank_forms import add_parser as add_blank_forms
    from rpc_desktop.cli.certificates import add_parsers as add_certificates
    from rpc_desktop.cli.diagnostics import add_parsers as add_diagnostics
    from rpc_desktop.cli.recovery import add_parsers as add_recovery
    from rpc_desktop.cli.store import add_parsers

    add_parsers(sub)
    add_recovery(sub)
    add_after_sending(sub)
    add_blank_forms(sub)
    add_diagnostics(sub)
    add_certificates(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, context: AppContext | None = None) -> int:
    """Run one command. `context` is made from the environment unless given (tests give
    one with a fast key derivation). A closed output pipe ends it quietly."""
    try:
        try:
            return _main(argv, context)
        finally:  # what is still buffered goes now, while a closed pipe can still be caught
            if sys.stdout is not None:
                sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE


def _silence_stdout() -> None:
    """Point stdout at the null device, so that flushing it again at exit (Python does)
    raises nothing: the usual pattern for a closed pipe (Python's docs, "Note on SIGPIPE")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real stdout (a test captures it)
        pass


def _main(argv: Sequence[str] | None, context: AppContext | None) -> int:
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

        return run(context, verbose=args.verbose)
    if args.command == "self-test":  # its own context, in a temporary folder
        import rpc_desktop.cli.selftest as selftest

        return selftest.run()
    if args.command == "schema":
        from rpc_desktop.cli.documents import schema

        return schema(None, args)
    from rpc_desktop.app.context import AppContext
    from rpc_desktop.app.logs import log_handled, start_logging
    from rpc_desktop.errors import RpcError

    # `check` reads a case file and the packs only: it leaves the data folder alone.
    uses_data = args.command != "check"
    # `recover` names the folder it works on, and logs there only once it knows the folder
    # holds a store and who owns it (app/recovery.py).
    logs_here = uses_data and getattr(args, "log_in_home", True)
    try:
        context = context or AppContext.load(create_home=logs_here)
        if logs_here:
            try:
                start_logging(context.home, echo=args.verbose)
            except OSError as exc:  # the command still runs; it says it cannot log
                print(f"warning: no log ({exc.strerror or exc})", file=sys.stderr)
        return _dispatch(context, args)
    except RpcError as exc:
        if logs_here:  # `check` keeps no log: it touches no data folder
            log_handled(exc, f"in rpc-desktop {args.command}")
        fail(args.command, str(exc))
        return EXIT_BAD_INPUT


def _dispatch(context: AppContext, args: argparse.Namespace) -> int:
    if handler := getattr(args, "handler", None):  # a command module that registers itself
        return int(handler(context, args))
    if args.command in ("demo", "check", "bundle", "verify", "decrypt", "key"):
        import rpc_desktop.cli.documents as documents

        command = {
            "demo": documents.demo,
            "check": documents.check,
            "bundle": documents.bundle,
            "verify": documents.verify,
            "decrypt": documents.decrypt,
            "key": documents.key,
        }[args.command]
        return command(context, args)
    import rpc_desktop.cli.store as store

    return store.run(context, args)


def no_display() -> bool:
    """On Linux without a display Qt would abort; say so instead (offscreen is for tests)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
