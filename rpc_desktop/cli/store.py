"""The store's headless commands: init, cases, audit, backup, restore, passphrase (IT's
recovery is in recovery.py).

The passphrase comes from --passphrase-file, RPC_DESKTOP_PASSPHRASE, or a prompt.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rpc_desktop.app.context import AppContext
from rpc_desktop.cli.output import EXIT_BAD_INPUT, EXIT_OK, EXIT_TAMPERED, emit, warn_setup
from rpc_desktop.errors import RpcError, StoreError
from rpc_desktop.files import write_new_private

if TYPE_CHECKING:
    from rpc_desktop.app.workspace import Workspace

PASSPHRASE_ENV = "RPC_DESKTOP_PASSPHRASE"  # noqa: S105 - a variable name, not a secret
NEW_PASSPHRASE_ENV = "RPC_DESKTOP_NEW_PASSPHRASE"  # noqa: S105


def passphrase_options() -> argparse.ArgumentParser:
    """The options every command that unlocks the store takes (a parent parser)."""
    secret = argparse.ArgumentParser(add_help=False)
    secret.add_argument(
        "--passphrase-file",
        type=Path,
        help=f"read the passphrase from a file (or set {PASSPHRASE_ENV})",
    )
    return secret


def replacement_options() -> argparse.ArgumentParser:
    """The option of the commands that set a new passphrase (a parent parser)."""
    replacement = argparse.ArgumentParser(add_help=False)
    replacement.add_argument(
        "--new-passphrase-file", type=Path, help=f"the new passphrase (or set {NEW_PASSPHRASE_ENV})"
    )
    return replacement


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    secret = passphrase_options()
    init = sub.add_parser("init", parents=[secret], help="create the encrypted store")
    init.add_argument("--recovery-public-key", type=Path, help="IT's X25519 recovery key (PEM)")

    cases = sub.add_parser("cases", help="the cases on this device")
    verbs = cases.add_subparsers(dest="verb", required=True)
    listing = verbs.add_parser("list", parents=[secret], help="newest change first")
    listing.add_argument("--search", default="", help="a name or reference prefix")
    listing.add_argument("--limit", type=int, default=50)
    for verb, text in (("show", "print one case as JSON"), ("erase", "erase a case for good")):
        parser = verbs.add_parser(verb, parents=[secret], help=text)
        parser.add_argument("reference")
        if verb == "erase":
            parser.add_argument("--yes", action="store_true", help="do not ask to confirm")
    imported = verbs.add_parser("import", parents=[secret], help="add a case from a JSON file")
    imported.add_argument("case", type=Path)
    export = verbs.add_parser("export", parents=[secret], help="everything held about a case")
    export.add_argument("reference")
    export.add_argument("--out", type=Path, required=True)
    purge = verbs.add_parser("purge", parents=[secret], help="remove cases sent long ago")
    purge.add_argument(
        "--days", type=int, default=None, help="default: IT's retention_days, else 90"
    )

    audit = sub.add_parser("audit", help="the audit log")
    audit_verbs = audit.add_subparsers(dest="verb", required=True)
    audit_verbs.add_parser("verify", parents=[secret], help="check the hash chain")
    show = audit_verbs.add_parser("show", parents=[secret], help="the newest entries, as JSON")
    show.add_argument("--event", default="", help='one action ("store-recovered"; "figures-*")')
    show.add_argument("--case", default="", help="one case's entries")
    show.add_argument("--limit", type=int, default=200)

    sub.add_parser("backup", parents=[secret], help="take an encrypted backup now")
    restore = sub.add_parser("restore", parents=[secret], help="put a backup back")
    restore.add_argument("backup", type=Path, nargs="?", help="default: the newest backup")
    replacement = replacement_options()
    passwd = sub.add_parser(
        "passwd",
        parents=[secret, replacement],
        help="change the passphrase, and re-key the database and its backups",
    )
    passwd.add_argument(
        "--rewrap-only",
        action="store_true",
        help="only re-wrap the data key (instant; an old key file with the old passphrase "
        "would still open the database and its backups)",
    )
    passwd.add_argument(
        "--recovery-public-key",
        type=Path,
        help="IT's X25519 recovery key (PEM), to re-key a store made before the app kept it",
    )


def _passphrase(args: argparse.Namespace, prompt: str = "Passphrase: ") -> str:
    if getattr(args, "passphrase_file", None):
        try:
            return Path(args.passphrase_file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise StoreError(f"{args.passphrase_file}: cannot be read ({exc.strerror}).") from exc
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise StoreError(f"No passphrase: use --passphrase-file or set {PASSPHRASE_ENV}.")
    return getpass.getpass(prompt)


def _new_passphrase(args: argparse.Namespace) -> str:
    if getattr(args, "passphrase_file", None) or os.environ.get(PASSPHRASE_ENV):
        return _passphrase(args)
    first = _passphrase(args, "New passphrase: ")
    if getpass.getpass("Again: ") != first:
        raise StoreError("The two passphrases differ; nothing was changed.")
    return first


def key_password(
    key: bytes,
    path: Path,
    variable: str | None,
    *,
    whose: str,
    nothing: str,
    error: type[RpcError] = StoreError,
) -> bytes | None:
    """The password of a private key file IT keeps encrypted (None when it is not): from
    the environment variable `variable` names (--key-password-env), else asked for in a
    terminal. `whose` and `nothing` word the refusal ("the CA key's", "nothing was
    issued")."""
    from rpc_desktop.app.context import pem_is_encrypted

    if not pem_is_encrypted(key):
        return None
    if variable:
        if value := os.environ.get(variable):
            return value.encode("utf-8")
        raise error(
            f"The environment variable {variable} (--key-password-env) is not set, so "
            f"{whose} password is not known; {nothing}."
        )
    if not sys.stdin.isatty():
        raise error(
            f"{path} is encrypted: name the environment variable holding its password with "
            "--key-password-env NAME (no terminal to ask in)."
        )
    return getpass.getpass(f"Password of {path.name}: ").encode("utf-8")


def new_passphrase(args: argparse.Namespace) -> str:
    if args.new_passphrase_file:
        return _passphrase(argparse.Namespace(passphrase_file=args.new_passphrase_file))
    if os.environ.get(NEW_PASSPHRASE_ENV):
        return os.environ[NEW_PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise StoreError(f"No new passphrase: use --new-passphrase-file or {NEW_PASSPHRASE_ENV}.")
    first = getpass.getpass("New passphrase: ")
    if getpass.getpass("Again: ") != first:
        raise StoreError("The two passphrases differ; nothing was changed.")
    return first


@contextmanager
def opened(
    context: AppContext, args: argparse.Namespace, *, backup: bool = False
) -> Iterator[Workspace]:
    """The store, unlocked for one command and locked again after it (a backup first when
    the command changed what it holds)."""
    from rpc_desktop.app.workspace import Workspace

    workspace = Workspace.open(context, _passphrase(args), actor=getpass.getuser())
    try:
        yield workspace
    finally:
        workspace.close(backup=backup)


def run(context: AppContext, args: argparse.Namespace) -> int:
    handler = {
        "init": init,
        "cases": cases,
        "audit": audit,
        "backup": backup,
        "restore": restore,
        "passwd": passwd,
    }[args.command]
    return handler(context, args)


def init(context: AppContext, args: argparse.Namespace) -> int:
    from rpc_desktop.app.workspace import Workspace

    workspace = Workspace.create(
        context,
        _new_passphrase(args),
        actor=getpass.getuser(),
        recovery_key=args.recovery_public_key,
    )
    recovery = workspace.has_recovery_key()
    workspace.close(backup=False)
    emit({"store": str(workspace.folder), "recovery_key": recovery})
    return EXIT_OK


def cases(context: AppContext, args: argparse.Namespace) -> int:
    with opened(context, args, backup=args.verb in ("import", "erase", "purge")) as workspace:
        return _cases(context, workspace, args)


def _cases(context: AppContext, workspace: Workspace, args: argparse.Namespace) -> int:
    if args.verb == "list":
        found = (
            workspace.search(args.search, args.limit)
            if args.search
            else workspace.list_cases(args.limit)
        )
        emit(
            [
                {
                    "reference": s.reference,
                    "scheme": s.scheme_id,
                    "status": s.status.value,
                    "names": s.display_name,
                    "updated_at": s.updated_at.isoformat(),
                }
                for s in found
            ]
        )
    elif args.verb == "show":
        case, page = workspace.load(args.reference)
        emit(
            {
                "case": case.model_dump(mode="json"),
                "resume_page": page,
                "history": workspace.history(args.reference),
            }
        )
    elif args.verb == "import":
        from rpc_desktop.app.documents import load_case_file

        warn_setup(context)
        case = load_case_file(args.case, context.packs)
        workspace.add_case(case)
        emit({"imported": case.reference})
    elif args.verb == "export":
        if args.out.exists():
            raise StoreError(f"{args.out} already exists; choose another file.")
        data = workspace.export_case(args.reference)
        text = json.dumps(data, indent=2, ensure_ascii=False)
        write_new_private(args.out, text.encode("utf-8"))
        emit({"exported": args.reference, "file": str(args.out)})
    elif args.verb == "erase":
        if not args.yes and not _confirm(f"Erase case {args.reference} for good? [y/N] "):
            print("Nothing was erased.", file=sys.stderr)
            return EXIT_BAD_INPUT
        workspace.erase_case(args.reference)
        emit({"erased": args.reference})
    elif args.verb == "purge":
        days = args.days if args.days is not None else context.config.retention_days
        if days < 1:
            raise StoreError("--days must be at least 1.")
        emit({"purged": workspace.purge(days), "retention_days": days})
    return EXIT_OK


def _confirm(question: str) -> bool:
    return sys.stdin.isatty() and input(question).strip().lower() in ("y", "yes")


def audit(context: AppContext, args: argparse.Namespace) -> int:
    if args.verb == "show":
        from rpc_desktop.app.support import audit_entries

        with opened(context, args) as workspace:
            emit(audit_entries(workspace, args.event, args.case, args.limit))
        return EXIT_OK
    return audit_verify(context, args)


def audit_verify(context: AppContext, args: argparse.Namespace) -> int:
    with opened(context, args) as workspace:
        report = workspace.verify_audit()
    emit(
        {
            "entries": report.entries,
            "intact": report.intact,
            "first_broken": report.first_broken,
            "problem": report.problem,
        }
    )
    return EXIT_OK if report.intact else EXIT_TAMPERED


def backup(context: AppContext, args: argparse.Namespace) -> int:
    with opened(context, args) as workspace:
        target = workspace.backup()
    emit({"backup": str(target)})
    return EXIT_OK


def restore(context: AppContext, args: argparse.Namespace) -> int:
    source = context.restore_backup(_passphrase(args), args.backup)
    emit({"restored": str(source)})
    return EXIT_OK


def passwd(context: AppContext, args: argparse.Namespace) -> int:
    """Re-keys by default (and says how long it took); --rewrap-only only re-wraps."""
    with opened(context, args) as workspace:
        done = workspace.change_passphrase(
            new_passphrase(args),
            rekey=not args.rewrap_only,
            recovery_public_key=args.recovery_public_key,
        )
    emit({"passphrase_changed": True, **done})
    return EXIT_OK
