"""The file a user sends to support (issue 15; app/diagnostics.py says what is in it):

rpc-desktop diagnostics [--out FILE] [--unlock] [--passphrase-file FILE]
    versions, settings and where each came from, IT's configuration, the packs, the store's
    health and the log's last lines; no personal data. Without the passphrase what needs
    the store open is "locked: not checked"; with it (--unlock, --passphrase-file or
    RPC_DESKTOP_PASSPHRASE) the store is checked in full and its cases counted by status.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rpc_desktop.cli.output import EXIT_OK, emit

if TYPE_CHECKING:
    from rpc_desktop.app.context import AppContext


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from rpc_desktop.cli.store import passphrase_options

    parser = sub.add_parser(
        "diagnostics",
        parents=[passphrase_options()],
        help="write one file for support: versions, settings, packs, store health, the log's "
        "last lines (no personal data); the store is checked only with the passphrase",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="the file to write (new; default: rpc-desktop-diagnostics-DATE-TIME.txt here)",
    )
    parser.add_argument(
        "--unlock",
        action="store_true",
        help="ask for the passphrase, to check the store and count its cases",
    )
    parser.set_defaults(handler=diagnostics)


def _unlocking(args: argparse.Namespace) -> bool:
    from rpc_desktop.cli.store import PASSPHRASE_ENV

    return bool(args.unlock or args.passphrase_file or os.environ.get(PASSPHRASE_ENV))


def diagnostics(context: AppContext, args: argparse.Namespace) -> int:
    from rpc_desktop.app import diagnostics as report
    from rpc_desktop.cli.store import opened

    out = args.out or Path.cwd() / report.file_name()
    if out.exists():  # said before the passphrase is asked for
        from rpc_desktop.errors import BundleError

        raise BundleError(f"{out} already exists; choose another file.")
    checked = _unlocking(args) and context.store_exists()
    if checked:
        with opened(context, args) as workspace:
            text = report.build(context, workspace)
    else:
        if _unlocking(args):
            print("There is no store in this data folder to check.", file=sys.stderr)
        text = report.build(context)
    report.write(out, text)
    emit({"diagnostics": str(out), "store_checked": checked})
    return EXIT_OK
