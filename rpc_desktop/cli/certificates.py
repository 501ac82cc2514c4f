"""Device certificates, for IT's signing mode "device-certificates" (app/certificates.py):

rpc-desktop certificate request --out FILE
    on the device: a certificate request for this device's PDF key (asks the passphrase)
rpc-desktop certificate issue REQUEST --ca-certificate CA.pem --ca-key CA-KEY.pem
                              [--key-password-env NAME] [--name NAME] [--days N] --out FILE
    on IT's machine, where the CA's key is: the device's certificate (with the CA's)
rpc-desktop certificate import FILE
    on the device: keep it; the PDFs are signed under it from the next unlock
rpc-desktop certificate show
    which signing mode is in force, and which certificate signs this device's PDFs
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from rpc_desktop.cli.output import EXIT_OK, emit
from rpc_desktop.errors import BundleError

if TYPE_CHECKING:
    from rpc_desktop.app.context import AppContext


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from rpc_desktop.cli.store import passphrase_options

    command = sub.add_parser(
        "certificate",
        help="device certificates issued by the organisation's CA (signing mode "
        '"device-certificates")',
    )
    verbs = command.add_subparsers(dest="verb", required=True)
    request = verbs.add_parser(
        "request",
        parents=[passphrase_options()],
        help="write a certificate request for this device's PDF key, for IT",
    )
    request.add_argument("--out", type=Path, required=True, help="the request file (new)")
    request.set_defaults(handler=write_request)
    issue = verbs.add_parser(
        "issue", help="IT: issue a device's certificate for its request, with the CA's key"
    )
    issue.add_argument("request", type=Path, metavar="REQUEST")
    issue.add_argument("--ca-certificate", type=Path, required=True)
    issue.add_argument("--ca-key", type=Path, required=True)
    issue.add_argument(
        "--key-password-env",
        metavar="NAME",
        help="the environment variable holding the CA key's password (else asked for)",
    )
    issue.add_argument("--name", default="", help="the signer's name PDF readers show")
    issue.add_argument("--days", type=int, default=3 * 365, help="how long it lasts")
    issue.add_argument("--out", type=Path, required=True, help="the certificate file (new)")
    issue.set_defaults(handler=issue_certificate, log_in_home=False)
    keep = verbs.add_parser("import", help="keep the certificate IT issued for this device")
    keep.add_argument("certificate", type=Path, metavar="FILE")
    keep.set_defaults(handler=import_certificate)
    show = verbs.add_parser("show", help="the signing mode and this device's certificate")
    show.set_defaults(handler=show_certificate)


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BundleError(f"The {what} {path} cannot be read ({exc.strerror or exc}).") from exc


def _write_new(path: Path, data: bytes) -> None:
    try:
        with path.open("xb") as file:
            file.write(data)
    except FileExistsError:
        raise BundleError(f"{path} exists already: name a new file.") from None
    except OSError as exc:
        raise BundleError(f"{path} cannot be written ({exc.strerror or exc}).") from exc


def write_request(context: AppContext, args: argparse.Namespace) -> int:
    from rpc_desktop.app.certificates import make_request
    from rpc_desktop.cli.store import opened

    with opened(context, args) as workspace:
        request = make_request(workspace.device)
    _write_new(args.out, request)
    emit({"request": str(args.out), "next": "send it to IT; import what they send back"})
    return EXIT_OK


def issue_certificate(_context: AppContext, args: argparse.Namespace) -> int:
    from rpc_desktop.app.certificates import issue
    from rpc_desktop.cli.store import key_password

    if args.days < 1:
        raise BundleError("--days must be at least 1.")
    key = _read(args.ca_key, "CA key file")
    issued = issue(
        _read(args.request, "request file"),
        _read(args.ca_certificate, "CA certificate file"),
        key,
        key_password(
            key,
            args.ca_key,
            args.key_password_env,
            whose="the CA key's",
            nothing="nothing was issued",
            error=BundleError,
        ),
        days=args.days,
        name=args.name,
    )
    _write_new(args.out, issued)
    emit({"certificate": str(args.out), "next": "the device runs: certificate import FILE"})
    return EXIT_OK


def import_certificate(context: AppContext, args: argparse.Namespace) -> int:
    from rpc_desktop.app.certificates import import_certificate as keep

    certificate = keep(context, _read(args.certificate, "certificate file"))
    emit(
        {
            "imported": certificate.subject.rfc4514_string(),
            "issued_by": certificate.issuer.rfc4514_string(),
            "valid_until": f"{certificate.not_valid_after_utc:%Y-%m-%d}",
            "next": "PDFs are signed under it from the next unlock",
        }
    )
    return EXIT_OK


def show_certificate(context: AppContext, _args: argparse.Namespace) -> int:
    from rpc_desktop.app.certificates import describe

    emit(describe(context))
    return EXIT_OK
