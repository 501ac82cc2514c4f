"""Checking a bundle before anything in it is shown: seal, manifests, fingerprint, trust."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from cryptography import x509

from rpc_desktop.documents import bagcheck
from rpc_desktop.documents.bagcheck import BagFiles, BagProblem
from rpc_desktop.documents.bundle import PDF_KEYS, content_fingerprint, document_names
from rpc_desktop.documents.envelope import ENVELOPE_ALLOWANCE, is_encrypted
from rpc_desktop.documents.pades import UNTRUSTED, check_pdf_signatures, signer_certificate_sha256
from rpc_desktop.documents.seal import SEAL_FILE, SEALED_FILE, check_seal
from rpc_desktop.documents.zipcheck import MAX_BUNDLE_FILE, Damaged, read_entries
from rpc_desktop.domain.case import REFERENCE_PATTERN
from rpc_desktop.errors import VerifyError
from rpc_desktop.files import NotAFile, TooLarge, read_regular_file

MAX_PDF_FILE = MAX_BUNDLE_FILE
"""A PDF verified on its own is read whole, up to this size."""


class VerifyStatus(StrEnum):
    INTACT = "intact"
    TAMPERED = "tampered"
    UNTRUSTED = "untrusted"
    """Intact, but sealed by a key this device does not trust."""


@dataclass(frozen=True)
class BundleContents:
    """The documents exactly as verified: what the team lead's screen shows and sends."""

    reference: str
    version: int
    pdfs: dict[str, bytes]
    """File name → bytes, in the order of the four documents."""
    checklist: dict[str, object]


@dataclass(frozen=True)
class VerifyResult:
    status: VerifyStatus
    problems: list[str] = field(default_factory=list)
    signer: str = ""
    info: dict[str, str] = field(default_factory=dict)
    contents: BundleContents | None = None
    """Set when nothing in the bundle changed (intact, or sealed by an unknown key)."""

    @property
    def ok(self) -> bool:
        return self.status is VerifyStatus.INTACT


def verify_bytes(data: bytes, trusted: set[str], what: str = "the file") -> VerifyResult:
    """Verify a bundle file's bytes, in memory: what is verified is exactly what the caller
    keeps, and nothing of the bundle is written anywhere.

    Raises VerifyError when `data` is not a bundle file at all (not a zip, or too large).
    """
    try:
        bag = bagcheck.from_zip(read_entries(data, what))
    except Damaged as exc:
        return VerifyResult(VerifyStatus.TAMPERED, [str(exc)])
    return _verify(bag, trusted)


def verify_bundle(
    path: Path, trusted: set[str], open_envelope: Callable[[bytes], bytes] | None = None
) -> VerifyResult:
    """Verify a bundle file (zip, or encrypted to its recipients: `open_envelope` decrypts
    it) or an unpacked bundle folder.

    Raises VerifyError when the input cannot be read at all (or opened, when encrypted).
    """
    if path.is_dir():
        return verify_folder(path, trusted)
    data = _read(path, MAX_BUNDLE_FILE + ENVELOPE_ALLOWANCE, "a referral bundle")
    if is_encrypted(data):
        if open_envelope is None:
            raise VerifyError(
                f"{path.name} is encrypted to the people it was sent to: verify it with "
                "--device on their device (or with IT's recovery key: rpc-desktop decrypt)."
            )
        data = open_envelope(data)
    return verify_bytes(data, trusted, path.name)


def _read(path: Path, limit: int, what: str) -> bytes:
    """A file from someone else: a regular file, read whole unless it is too large."""
    try:
        return read_regular_file(path, limit)
    except FileNotFoundError:
        raise VerifyError(f"{path} does not exist.") from None
    except NotAFile as exc:
        raise VerifyError(f"{path} is {exc}, not {what}.") from None
    except TooLarge:
        mb = limit // (1024 * 1024)
        raise VerifyError(f"{path.name} is too large to be {what} (over {mb} MB).") from None
    except OSError as exc:
        raise VerifyError(f"{path} cannot be read ({exc.strerror or exc}).") from exc


def verify_folder(folder: Path, trusted: set[str]) -> VerifyResult:
    """An unpacked bundle folder (given on the command line), read into memory and checked
    exactly as a bundle file is."""
    if not (folder / "bagit.txt").is_file() and not (folder / SEAL_FILE).exists():
        raise VerifyError(f"{folder} is not a bundle folder (it has no bagit.txt or {SEAL_FILE}).")
    return _verify(bagcheck.read_folder(folder), trusted)


def _verify(bag: BagFiles, trusted: set[str]) -> VerifyResult:
    """Every check, on the bundle's files in memory: structure, seal, BagIt, documents."""
    if problems := bagcheck.structure_problems(bag):
        return VerifyResult(VerifyStatus.TAMPERED, problems)
    files = bag.files
    seal = check_seal(files[SEAL_FILE], files[SEALED_FILE])
    if not seal.valid:
        return VerifyResult(
            VerifyStatus.TAMPERED, [f"{SEAL_FILE}: {seal.problem}"], seal.fingerprint
        )

    def tampered(problems: list[str], info: dict[str, str] | None = None) -> VerifyResult:
        return VerifyResult(VerifyStatus.TAMPERED, problems, seal.fingerprint, info or {})

    try:
        covered = bagcheck.covered(files)
        if missing_tags := sorted(bagcheck.TAG_FILES_COVERED - covered):
            return tampered([f"{name}: not covered by the seal" for name in missing_tags])
        bag_it = bagcheck.read_bag(files)
    except BagProblem as exc:
        return tampered([f"bag: {exc}"])
    if problems := bagcheck.completeness_problems(bag_it, files):
        return tampered(problems)
    if problem := bagcheck.oxum_problem(bag_it, files):
        return tampered([problem])
    if problems := bagcheck.checksum_problems(bag_it, files):
        return tampered(problems)

    repeated = sorted(k for k, v in bag_it.info.items() if not isinstance(v, str))
    if repeated:
        return tampered([f"bag-info.txt: '{k}' appears more than once" for k in repeated])
    info = {str(k): str(v) for k, v in bag_it.info.items()}
    if problems := _document_problems(files, info):
        return tampered(problems, info)
    if problem := _fingerprint_problem(files, info):
        return tampered([problem], info)
    if problems := _pdf_signature_problems(files, info):
        return tampered(problems, info)
    try:
        contents = _contents(files, info)
    except ValueError as exc:
        return tampered([str(exc)], info)
    if seal.fingerprint not in trusted:
        return VerifyResult(
            VerifyStatus.UNTRUSTED,
            [f"sealed by a key this device does not trust: {seal.fingerprint}"],
            seal.fingerprint,
            info,
            contents,
        )
    return VerifyResult(VerifyStatus.INTACT, [], seal.fingerprint, info, contents)


def _document_problems(files: dict[str, bytes], info: dict[str, str]) -> list[str]:
    """The reference names the files, so it must be a reference (never a path), and the
    data folder must hold exactly the bundle's documents under that reference."""
    reference = info.get("External-Identifier", "")
    if not re.fullmatch(REFERENCE_PATTERN, reference):
        return [f"bag-info.txt: {reference!r} is not a case reference"]
    try:
        version = int(info.get("RPC-Bundle-Version", ""))
    except ValueError:
        version = 0
    if version < 1:
        return ["bag-info.txt: RPC-Bundle-Version is not a version number"]
    expected = set(document_names(reference).values())
    present = {p.removeprefix("data/") for p in files if p.startswith("data/")}
    return [f"data/{n}: is missing" for n in sorted(expected - present)] + [
        f"data/{n}: is not one of the bundle's documents" for n in sorted(present - expected)
    ]


def _contents(files: dict[str, bytes], info: dict[str, str]) -> BundleContents:
    reference = info["External-Identifier"]
    names = document_names(reference)
    pdfs = {names[k]: files[f"data/{names[k]}"] for k in PDF_KEYS}
    try:
        checklist = json.loads(files[f"data/{names['checklist']}"].decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ValueError(f"data/{names['checklist']}: cannot be read ({exc})") from None
    if not isinstance(checklist, dict):
        raise ValueError(f"data/{names['checklist']}: is not a checklist")
    return BundleContents(reference, int(info["RPC-Bundle-Version"]), pdfs, checklist)


def _fingerprint_problem(files: dict[str, bytes], info: dict[str, str]) -> str:
    names = document_names(info.get("External-Identifier", ""))
    parts = [files[f"data/{names[k]}"] for k in ("rsq-a", "rsq-b", "agreement")]
    if content_fingerprint(*parts) != info.get("RPC-Bundle-Fingerprint"):
        return "bag-info.txt: the bundle fingerprint does not match the documents"
    return ""


def _pdf_signature_problems(files: dict[str, bytes], info: dict[str, str]) -> list[str]:
    """Each PDF's own PAdES signature: intact, over the whole file, by the certificate the
    sealed bag-info names (so a PDF reader's "unchanged" means the same as our seal)."""
    expected = info.get("RPC-PDF-Certificate-SHA256", "")
    if not expected:
        return ["bag-info.txt: names no PDF signing certificate"]
    names = document_names(info.get("External-Identifier", ""))
    problems = []
    for key in PDF_KEYS:
        found = check_pdf_signatures(
            files[f"data/{names[key]}"], expected_certificate_sha256=expected
        )
        problems += [f"{names[key]}: {problem}" for problem in found]
    return problems


def verify_pdf(
    path: Path, trusted_certificates: set[str], trust_roots: Sequence[x509.Certificate] = ()
) -> VerifyResult:
    """One PDF on its own: its PAdES signature is intact, covers the whole file, and was made
    with a certificate in `trusted_certificates` (SHA-256s, as bag-info records them), or one
    a CA in `trust_roots` issued (the organisation's, for device certificates)."""
    data = _read(path, MAX_PDF_FILE, "a PDF")
    if not data.startswith(b"%PDF-"):
        raise VerifyError(f"{path.name} is not a PDF.")
    signer = signer_certificate_sha256(data)
    trusted = {"".join(t.split()).replace(":", "").lower() for t in trusted_certificates}
    if signer in trusted:
        problems = check_pdf_signatures(data, expected_certificate_sha256=signer)
    else:
        problems = check_pdf_signatures(data, trust_roots=trust_roots)
    named = [f"{path.name}: {p}" for p in problems]
    if not problems:
        return VerifyResult(VerifyStatus.INTACT, [], signer)
    if all(p.startswith(UNTRUSTED) for p in problems):
        return VerifyResult(VerifyStatus.UNTRUSTED, named, signer)
    return VerifyResult(VerifyStatus.TAMPERED, named, signer)
