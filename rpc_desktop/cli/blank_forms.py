"""rpc-desktop blank-forms --scheme ID --out DIR [--variant V]: the paper RSQs and agreement
to take on a visit in case the laptop cannot be used. Prints the files written as JSON;
refuses (exit 2, nothing written) when one of them exists already."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from rpc_desktop.domain.case import Variant

if TYPE_CHECKING:
    from rpc_desktop.app.context import AppContext

COMMAND = "blank-forms"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        COMMAND,
        help="write a scheme's blank RSQs (one per variant) and Participation Agreement, to "
        "print and take on a visit; never overwrites a file",
    )
    parser.add_argument("--scheme", required=True, help="the scheme's id (see its pack)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the PDFs in")
    parser.add_argument(
        "--variant",
        action="append",
        choices=[v.value for v in Variant],
        help="only this RSQ variant (repeat for more); default: every variant the scheme uses",
    )
    parser.set_defaults(handler=run)


def run(context: AppContext, args: argparse.Namespace) -> int:
    from rpc_desktop.app.blank_forms import write_blank_forms
    from rpc_desktop.cli.output import EXIT_OK, emit, warn_setup

    warn_setup(context)
    variants = [Variant(v) for v in args.variant] if args.variant else None
    written = write_blank_forms(context, args.scheme, args.out, variants)
    emit({"scheme": args.scheme, "written": [str(path) for path in written]})
    return EXIT_OK
