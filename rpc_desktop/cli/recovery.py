"""IT's recovery commands (issue 15; app/recovery.py says how they keep the user's folder
theirs):

rpc-desktop recover --recovery-private-key KEY.pem [--key-password-env NAME]
                    [--data-folder DIR] [--new-passphrase-file FILE]
    a forgotten passphrase: IT's recovery key opens the store and sets a new passphrase;
    the user is offered to choose their own at their next unlock
rpc-desktop recovery-key PUBLIC.pem
    add IT's recovery key to this store, or replace the one it has (asks the passphrase)
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rpc_desktop.cli.output import EXIT_OK, emit

if TYPE_CHECKING:
    from rpc_desktop.app.context import AppContext


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from rpc_desktop.cli.store import passphrase_options, replacement_options

    recover = sub.add_parser(
        "recover",
        parents=[replacement_options()],
        help="IT: set a new passphrase with the recovery key (as root: the user keeps their files)",
    )
    recover.add_argument("--recovery-private-key", type=Path, required=True)
    recover.add_argument(
        "--key-password-env",
        metavar="NAME",
        help="the environment variable holding the recovery private key's password (an "
        "encrypted key is otherwise asked for in a terminal)",
    )
    recover.add_argument(
        "--data-folder",
        type=Path,
        help="the user's data folder (default: RPC_DESKTOP_HOME, else your own)",
    )
    recover.set_defaults(handler=recover_store, log_in_home=False)
    key = sub.add_parser(
        "recovery-key",
        parents=[passphrase_options()],
        help="add IT's recovery public key to this store, or replace the one it has",
    )
    key.add_argument("public_key", type=Path, metavar="PUBLIC.pem")
    key.set_defaults(handler=set_recovery_key)


def recover_store(context: AppContext, args: argparse.Namespace) -> int:
    from rpc_desktop.app import recovery
    from rpc_desktop.app.context import AppContext, read_key_file
    from rpc_desktop.app.logs import start_logging
    from rpc_desktop.app.workspace import Workspace
    from rpc_desktop.cli.store import key_password, new_passphrase

    if args.data_folder is not None:  # the user's folder, as named (the entry point's is ours)
        context = AppContext(args.data_folder.resolve(), kdf=context.kdf)
    home = context.home
    print(f"Recovering the store in {home}", file=sys.stderr)
    with recovery.as_the_owner(home) as owner:
        recovery.check_store_folder(home)
        start_logging(home, echo=args.verbose)
        key = read_key_file(args.recovery_private_key)
        password = key_password(
            key,
            args.recovery_private_key,
            args.key_password_env,
            whose="the recovery key's",
            nothing="nothing was changed",
        )
        replacement = new_passphrase(args)
        workspace = Workspace.recover(
            context,
            key,
            source=args.recovery_private_key,
            actor=getpass.getuser(),
            password=password,
        )
        try:
            workspace.change_passphrase(replacement, rekey=False)  # `passwd` re-keys after
            workspace.record_event(
                "store-recovered", detail="new passphrase set with the recovery key"
            )
            recovery.mark_recovered(home)
        finally:
            workspace.close(backup=False)
    emit(
        {
            "recovered": True,
            "store": str(home),
            "owner": owner.name if owner else "",
            "next": "at their next unlock the user is offered to choose their own passphrase",
        }
    )
    return EXIT_OK


def set_recovery_key(context: AppContext, args: argparse.Namespace) -> int:
    from rpc_desktop.app import recovery
    from rpc_desktop.app.context import read_key_file
    from rpc_desktop.cli.store import opened

    public = read_key_file(args.public_key)
    with recovery.as_the_owner(context.home), opened(context, args) as workspace:
        fingerprint, done = recovery.set_recovery_key(workspace, public)
    emit({"recovery_key": done, "fingerprint": fingerprint})
    return EXIT_OK
