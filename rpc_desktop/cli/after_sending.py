"""After sending (issue 14), headless:

rpc-desktop progress REFERENCE WHAT YYYY-MM-DD [--note TEXT]
    record what happened to a sent referral, and when (audited)
rpc-desktop figures --out FILE.csv|FILE.xlsx
    the monitoring export: one row a case, no names, addresses, dates of birth or free
    text (columns: docs/monitoring-export.md); CSV or an Excel workbook by the file's
    ending; refuses to overwrite a file
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rpc_desktop.domain.status import Happened

if TYPE_CHECKING:
    from rpc_desktop.app.context import AppContext


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from rpc_desktop.cli.store import passphrase_options

    secret = passphrase_options()
    progress = sub.add_parser(
        "progress", parents=[secret], help="record what happened to a sent referral, and when"
    )
    progress.add_argument("reference")
    progress.add_argument("what", choices=[h.value for h in Happened])
    progress.add_argument("on", type=_day, help="the day it happened (YYYY-MM-DD)")
    progress.add_argument("--note", default="", help="kept on this device only")
    progress.set_defaults(handler=record)
    figures = sub.add_parser(
        "figures", parents=[secret], help="the monitoring export (CSV or XLSX, no personal data)"
    )
    figures.add_argument(
        "--out", type=Path, required=True, help="FILE.csv or FILE.xlsx (never overwritten)"
    )
    figures.set_defaults(handler=export)


def record(context: AppContext, args: argparse.Namespace) -> int:
    from rpc_desktop.app import figures
    from rpc_desktop.cli.output import EXIT_OK, emit
    from rpc_desktop.cli.store import opened

    with opened(context, args, backup=True) as workspace:
        figures.record_progress(workspace, args.reference, Happened(args.what), args.on, args.note)
    emit({"reference": args.reference, "recorded": args.what, "on": args.on.isoformat()})
    return EXIT_OK


def export(context: AppContext, args: argparse.Namespace) -> int:
    from rpc_desktop.app import figures
    from rpc_desktop.cli.output import EXIT_BAD_INPUT, EXIT_OK, emit, fail
    from rpc_desktop.cli.store import opened

    out: Path = args.out
    figures.export_format(out)  # before the passphrase: a wrong ending is said at once
    if out.exists():
        fail("figures", f"{out} exists already: nothing was written (choose another name).")
        return EXIT_BAD_INPUT
    with opened(context, args) as workspace:
        count = figures.export_monitoring(workspace, out)
    emit({"written": str(out), "referrals": count})
    return EXIT_OK
