"""Checking a bundle before anything in it is shown: seal, manifests, fingerprint, trust."""

from __future__ import annotations

import json
import logging
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import bagit

from rpc_desktop.documents.bundle import PDF_KEYS, content_fingerprint, document_names
from rpc_desktop.documents.pades import UNTRUSTED, check_pdf_signatures, signer_certificate_sha256
from rpc_desktop.documents.seal import SEAL_FILE, SEALED_FILE, check_seal
from rpc_desktop.domain.case import REFERENCE_PATTERN
from rpc_desktop.errors import VerifyError

MAX_ENTRIES = 64
MAX_UNPACKED = 512 * 1024 * 1024
ROOT_FILES = {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", SEALED_FILE, SEAL_FILE}
TAG_FILES_COVERED = {"bagit.txt", "bag-info.txt", "manifest-sha256.txt"}


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


def verify_bytes(data: bytes, trusted: set[str]) -> VerifyResult:
    """Verify a bundle file's bytes: what is verified is exactly what the caller keeps."""
    with tempfile.TemporaryDirectory(prefix="rpc-verify-") as tmp:
        path = Path(tmp) / "bundle.rpcbundle"
        path.write_bytes(data)
        return verify_bundle(path, trusted)


def verify_bundle(path: Path, trusted: set[str]) -> VerifyResult:
    """Verify a bundle file (zip) or an unpacked bundle folder.

    Raises VerifyError when the input cannot be read at all.
    """
    if path.is_dir():
        return verify_folder(path, trusted)
    if not path.is_file():
        raise VerifyError(f"{path} does not exist.")
    with tempfile.TemporaryDirectory(prefix="rpc-verify-") as tmp:
        try:
            folder = _unpack(path, Path(tmp))
        except _Damaged as exc:
            return VerifyResult(VerifyStatus.TAMPERED, [str(exc)])
        return verify_folder(folder, trusted)


class _Damaged(Exception):
    pass


def _unpack(path: Path, dest: Path) -> Path:
    try:
        raw = path.read_bytes()
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise VerifyError(f"{path.name} is not a bundle file (not a readable zip: {exc}).") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_UNPACKED:
            raise VerifyError(f"{path.name} is too large to be a referral bundle.")
        _check_container(raw, zf)
        seen: set[str] = set()
        roots = set()
        for info in infos:
            parts = _safe_parts(info.filename)
            if info.is_dir():
                continue
            folded = "/".join(parts).casefold()
            if folded in seen:
                raise _Damaged(f"{info.filename}: appears twice in the bundle file")
            seen.add(folded)
            roots.add(parts[0])
            target = dest.joinpath(*parts)
            if not target.resolve().is_relative_to(dest.resolve()):
                raise _Damaged(f"{info.filename}: unsafe path in the bundle file")
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(zf.read(info))
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise _Damaged(f"{info.filename} is damaged in the bundle file ({exc})") from exc
        if len(roots) != 1:
            raise _Damaged("the bundle file must hold exactly one bundle folder")
    return dest / roots.pop()


def _safe_parts(name: str) -> list[str]:
    parts = name.rstrip("/").split("/")
    if (
        not name
        or name.startswith("/")
        or "\\" in name
        or any(p in ("", ".", "..") or ":" in p or p != p.strip() for p in parts)
    ):
        raise _Damaged(f"{name!r}: unsafe path in the bundle file")
    return parts


def _check_container(raw: bytes, zf: zipfile.ZipFile) -> None:
    """Nothing may hide around the entries: no comment, no bytes before or after."""
    if zf.comment:
        raise _Damaged("the bundle file carries a comment it was not sealed with")
    if min((i.header_offset for i in zf.infolist()), default=0) != 0:
        raise _Damaged("the bundle file has extra bytes before its first entry")
    end = raw.rfind(b"PK\x05\x06")
    if end < 0 or end + 22 != len(raw):
        raise _Damaged("the bundle file has extra bytes after its end")


def verify_folder(folder: Path, trusted: set[str]) -> VerifyResult:
    if not (folder / "bagit.txt").is_file() and not (folder / SEAL_FILE).exists():
        raise VerifyError(f"{folder} is not a bundle folder (it has no bagit.txt or {SEAL_FILE}).")
    problems: list[str] = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            problems.append(f"{rel}: a link, not part of a sealed bundle")
        elif path.is_dir() and rel != "data":
            problems.append(f"{rel}: a folder that is not part of a sealed bundle")
    if problems:
        return VerifyResult(VerifyStatus.TAMPERED, problems)
    present = {p.name for p in folder.iterdir()}
    for extra in sorted(present - ROOT_FILES - {"data"}):
        problems.append(f"{extra}: not part of a sealed bundle")
    for missing in sorted(ROOT_FILES - present):
        problems.append(f"{missing}: missing")
    if problems:
        return VerifyResult(VerifyStatus.TAMPERED, problems)

    try:
        seal = check_seal((folder / SEAL_FILE).read_bytes(), (folder / SEALED_FILE).read_bytes())
    except OSError as exc:
        return VerifyResult(VerifyStatus.TAMPERED, [f"{SEAL_FILE}: cannot be read ({exc})"])
    if not seal.valid:
        return VerifyResult(
            VerifyStatus.TAMPERED, [f"{SEAL_FILE}: {seal.problem}"], seal.fingerprint
        )

    covered = _listed(folder / SEALED_FILE)
    if missing_tags := sorted(TAG_FILES_COVERED - set(covered)):
        problems += [f"{name}: not covered by the seal" for name in missing_tags]
        return VerifyResult(VerifyStatus.TAMPERED, problems, seal.fingerprint)

    logging.getLogger("bagit").setLevel(logging.ERROR)  # we report problems ourselves
    try:
        bag = bagit.Bag(str(folder))
        only_listed, only_present = bag.compare_manifests_with_fs()
        problems += [f"{p}: is missing" for p in only_listed]
        problems += [f"{p}: was added after the bundle was sealed" for p in only_present]
        if problems:
            return VerifyResult(VerifyStatus.TAMPERED, problems, seal.fingerprint)
        bag.validate()
    except bagit.BagValidationError as exc:
        problems += [_describe(d) for d in exc.details] or [str(exc.message)]
        return VerifyResult(VerifyStatus.TAMPERED, problems, seal.fingerprint)
    except (bagit.BagError, UnicodeDecodeError, ValueError) as exc:
        return VerifyResult(VerifyStatus.TAMPERED, [f"bag: {exc}"], seal.fingerprint)

    repeated = sorted(k for k, v in bag.info.items() if not isinstance(v, str))
    if repeated:
        problems = [f"bag-info.txt: '{k}' appears more than once" for k in repeated]
        return VerifyResult(VerifyStatus.TAMPERED, problems, seal.fingerprint)
    info = {str(k): str(v) for k, v in bag.info.items()}
    if problems := _document_problems(folder, info):
        return VerifyResult(VerifyStatus.TAMPERED, problems, seal.fingerprint, info)
    if problem := _fingerprint_problem(folder, info):
        return VerifyResult(VerifyStatus.TAMPERED, [problem], seal.fingerprint, info)
    if problems := _pdf_signature_problems(folder, info):
        return VerifyResult(VerifyStatus.TAMPERED, problems, seal.fingerprint, info)
    try:
        contents = _contents(folder, info)
    except (OSError, ValueError) as exc:
        return VerifyResult(VerifyStatus.TAMPERED, [str(exc)], seal.fingerprint, info)
    if seal.fingerprint not in trusted:
        return VerifyResult(
            VerifyStatus.UNTRUSTED,
            [f"sealed by a key this device does not trust: {seal.fingerprint}"],
            seal.fingerprint,
            info,
            contents,
        )
    return VerifyResult(VerifyStatus.INTACT, [], seal.fingerprint, info, contents)


def _document_problems(folder: Path, info: dict[str, str]) -> list[str]:
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
    present = {p.name for p in (folder / "data").iterdir()}
    return [f"data/{n}: is missing" for n in sorted(expected - present)] + [
        f"data/{n}: is not one of the bundle's documents" for n in sorted(present - expected)
    ]


def _contents(folder: Path, info: dict[str, str]) -> BundleContents:
    reference = info["External-Identifier"]
    names = document_names(reference)
    data = folder / "data"
    pdfs = {names[k]: (data / names[k]).read_bytes() for k in PDF_KEYS}
    try:
        checklist = json.loads((data / names["checklist"]).read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"data/{names['checklist']}: cannot be read ({exc})") from None
    if not isinstance(checklist, dict):
        raise ValueError(f"data/{names['checklist']}: is not a checklist")
    return BundleContents(reference, int(info["RPC-Bundle-Version"]), pdfs, checklist)


def _listed(manifest: Path) -> list[str]:
    names = []
    for line in manifest.read_text(encoding="utf-8").splitlines():
        parts = line.strip().split(maxsplit=1)
        if len(parts) == 2:
            names.append(parts[1])
    return names


def _describe(detail: object) -> str:
    path = getattr(detail, "path", "")
    kind = type(detail).__name__
    what = {
        "ChecksumMismatch": "has changed since the bundle was sealed",
        "FileMissing": "is missing",
        "UnexpectedFile": "was added after the bundle was sealed",
    }.get(kind, str(detail))
    return f"{path}: {what}" if path else what


def _fingerprint_problem(folder: Path, info: dict[str, str]) -> str:
    reference = info.get("External-Identifier", "")
    names = document_names(reference)
    try:
        parts = [(folder / "data" / names[k]).read_bytes() for k in ("rsq-a", "rsq-b", "agreement")]
    except OSError:
        return "data: the bundle's documents are not where the seal says"
    if content_fingerprint(*parts) != info.get("RPC-Bundle-Fingerprint"):
        return "bag-info.txt: the bundle fingerprint does not match the documents"
    return ""


def _pdf_signature_problems(folder: Path, info: dict[str, str]) -> list[str]:
    """Each PDF's own PAdES signature: intact, over the whole file, by the certificate the
    sealed bag-info names (so a PDF reader's "unchanged" means the same as our seal)."""
    expected = info.get("RPC-PDF-Certificate-SHA256", "")
    if not expected:
        return ["bag-info.txt: names no PDF signing certificate"]
    names = document_names(info.get("External-Identifier", ""))
    problems = []
    for key in PDF_KEYS:
        try:
            data = (folder / "data" / names[key]).read_bytes()
        except OSError:
            problems.append(f"data/{names[key]}: is missing")
            continue
        found = check_pdf_signatures(data, expected_certificate_sha256=expected)
        problems += [f"{names[key]}: {problem}" for problem in found]
    return problems


def verify_pdf(path: Path, trusted_certificates: set[str]) -> VerifyResult:
    """One PDF on its own: its PAdES signature is intact, covers the whole file, and was made
    with a certificate in `trusted_certificates` (SHA-256s, as bag-info records them)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise VerifyError(f"{path} cannot be read ({exc.strerror or exc}).") from exc
    if not data.startswith(b"%PDF-"):
        raise VerifyError(f"{path.name} is not a PDF.")
    signer = signer_certificate_sha256(data)
    trusted = {"".join(t.split()).replace(":", "").lower() for t in trusted_certificates}
    problems = check_pdf_signatures(
        data, expected_certificate_sha256=signer if signer in trusted else None
    )
    named = [f"{path.name}: {p}" for p in problems]
    if not problems:
        return VerifyResult(VerifyStatus.INTACT, [], signer)
    if all(p.startswith(UNTRUSTED) for p in problems):
        return VerifyResult(VerifyStatus.UNTRUSTED, named, signer)
    return VerifyResult(VerifyStatus.TAMPERED, named, signer)
