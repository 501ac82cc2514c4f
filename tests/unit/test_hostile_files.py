"""Hostile files (issue 11): zip bombs, data hidden in a bundle's zip, a bundle verified
without touching the disk, and case files that are pipes, devices, folders or huge.

The zips are written byte by byte (`raw_zip`) so each test changes one thing only; the
untouched writer's output verifies intact, which shows the rest is as zipfile writes it.
"""

from __future__ import annotations

import os
import struct
import sys
import threading
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from rpc_desktop.documents.bundle import build_bundle, document_names
from rpc_desktop.documents.device import Device, one_off_device
from rpc_desktop.documents.verify import (
    VerifyResult,
    VerifyStatus,
    verify_bundle,
    verify_bytes,
    verify_folder,
)
from rpc_desktop.domain.casefile import MAX_CASE_FILE, read_case
from rpc_desktop.errors import CaseFileError, VerifyError
from tests.helpers import DEMO_CASE, RESOURCES, demo_case, packs

REF = "RPC-DEMO-0001"
ROOT = f"{REF}-v1"
MB = 1024 * 1024
DOS_DATE_2000 = (2000 - 1980) << 9 | 1 << 5 | 1
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX only")


@dataclass(frozen=True)
class Sealed:
    device: Device
    file: Path
    members: list[tuple[str, bytes]]

    @property
    def trusted(self) -> set[str]:
        return {self.device.fingerprint}


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> Sealed:
    tmp = tmp_path_factory.mktemp("sealed")
    device = one_off_device()
    built = build_bundle(demo_case(), packs(), tmp / "out", device, fonts_dir=RESOURCES / "fonts")
    with zipfile.ZipFile(built.file) as zf:
        members = [(i.filename, zf.read(i)) for i in zf.infolist()]
    return Sealed(device, built.file, members)


# --- writing zips byte by byte ------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    """One entry, and what its two headers say (each field can be made to lie)."""

    name: str
    packed: bytes
    method: int
    crc: int
    size: int
    flags: int = 0
    local: dict[str, object] | None = None
    """Fields of the local header that differ from the central directory's."""
    local_extra: bytes = b""
    central_extra: bytes = b""
    comment: bytes = b""
    before: bytes = b""
    """Bytes written just before this entry's local header."""
    listed: bool = True
    """False: a local entry the central directory leaves out."""


def member(name: str, data: bytes) -> Member:
    if name.endswith(".pdf"):
        return Member(name, data, 0, zlib.crc32(data), len(data))
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)
    return Member(name, packer.compress(data) + packer.flush(), 8, zlib.crc32(data), len(data))


def raw_zip(members: list[Member], *, before_directory: bytes = b"") -> bytes:
    body, directory, listed = bytearray(), bytearray(), 0
    for m in members:
        body += m.before
        offset = len(body)
        name = m.name.encode("utf-8")
        fields = {
            "version": 20,
            "flags": m.flags,
            "method": m.method,
            "crc": m.crc,
            "packed": len(m.packed),
            "size": m.size,
            "name": name,
        }
        local = {**fields, **(m.local or {})}
        body += struct.pack(
            "<4sHHHHHIIIHH",
            b"PK\x03\x04",
            local["version"],
            local["flags"],
            local["method"],
            0,
            DOS_DATE_2000,
            local["crc"],
            local["packed"],
            local["size"],
            len(local["name"]),  # type: ignore[arg-type]
            len(m.local_extra),
        )
        body += local["name"] + m.local_extra + m.packed  # type: ignore[operator]
        if not m.listed:
            continue
        listed += 1
        directory += struct.pack(
            "<4sHHHHHHIIIHHHHHII",
            b"PK\x01\x02",
            0x314,
            20,
            m.flags,
            m.method,
            0,
            DOS_DATE_2000,
            m.crc,
            len(m.packed),
            m.size,
            len(name),
            len(m.central_extra),
            len(m.comment),
            0,
            0,
            0o644 << 16,
            offset,
        )
        directory += name + m.central_extra + m.comment
    body += before_directory
    end = struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, listed, listed, len(directory), len(body), 0
    )
    return bytes(body + directory + end)


def members_of(sealed: Sealed) -> list[Member]:
    return [member(name, data) for name, data in sealed.members]


def changed(members: list[Member], suffix: str, **changes: object) -> list[Member]:
    """The members, with the one whose name ends with `suffix` changed."""
    return [replace(m, **changes) if m.name.endswith(suffix) else m for m in members]  # type: ignore[arg-type]


def zeros_deflated(megabytes: int) -> bytes:
    """A raw deflate stream of `megabytes` MB of zeros, made in milliseconds: one flushed
    (self-contained) megabyte, repeated, then an empty final block."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    one = packer.compress(bytes(MB)) + packer.flush(zlib.Z_FULL_FLUSH)
    return one * megabytes + b"\x03\x00"


def problems(result: VerifyResult) -> str:
    return "\n".join(result.problems)


def test_the_byte_by_byte_writer_makes_an_intact_bundle(sealed: Sealed) -> None:
    """The baseline for every test below: our writer's zip is what zipfile writes."""
    result = verify_bytes(raw_zip(members_of(sealed)), sealed.trusted)
    assert result.status is VerifyStatus.INTACT, result.problems
    assert result.contents is not None and result.contents.reference == REF


# --- zip bombs ------------------------------------------------------------------------------


@contextmanager
def peak_allocated() -> Iterator[list[int]]:
    """The most memory Python allocated inside the block (zlib's output included)."""
    peak: list[int] = []
    tracemalloc.start()
    try:
        yield peak
    finally:
        peak.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()


@pytest.mark.parametrize("where", ["an added entry", "the email draft"])
def test_a_zip_bomb_is_refused_with_memory_bounded(sealed: Sealed, where: str) -> None:
    """An entry whose headers (both, agreeing) declare a small size but whose data inflates
    to 256 MB: inflating stops one byte past the declared size."""
    members = members_of(sealed)
    if where == "an added entry":
        members.append(
            Member(f"{ROOT}/data/bomb.pdf", zeros_deflated(256), 8, zlib.crc32(bytes(1024)), 1024)
        )
        name = "bomb.pdf"
    else:  # the real email's size and CRC, a bomb for its data
        name = document_names(REF)["email"]
        members = changed(members, name, packed=zeros_deflated(256))
    data = raw_zip(members)
    with peak_allocated() as peak:
        result = verify_bytes(data, sealed.trusted)
    assert result.status is VerifyStatus.TAMPERED
    assert f"{name}: inflates to more than the" in problems(result)
    assert peak[0] < 48 * MB, f"verifying a zip bomb allocated {peak[0] / MB:.0f} MB"


def test_a_huge_declared_size_is_refused_before_anything_is_inflated(sealed: Sealed) -> None:
    members = [
        *members_of(sealed),
        Member(f"{ROOT}/data/huge.pdf", zeros_deflated(1), 8, 0, 3 * 1024 * MB),
    ]
    with peak_allocated() as peak, pytest.raises(VerifyError, match="too large"):
        verify_bytes(raw_zip(members), sealed.trusted)
    assert peak[0] < 16 * MB


def test_a_bundle_file_over_the_cap_is_refused_unread(sealed: Sealed, tmp_path: Path) -> None:
    big = tmp_path / "big.rpcbundle"
    with big.open("wb") as handle:
        handle.truncate(64 * MB)  # sparse: nothing to read but zeros
    with (
        peak_allocated() as peak,
        pytest.raises(VerifyError, match=r"too large to be a referral bundle \(over 32 MB\)"),
    ):
        verify_bundle(big, sealed.trusted)
    assert peak[0] < 4 * MB


# --- nothing written to disk ----------------------------------------------------------------

_WRITES: list[str] | None = None
"""While a list, every file or folder the process creates or writes is added to it."""


def _watch(event: str, args: tuple[object, ...]) -> None:
    if _WRITES is None:
        return
    if event == "open" and len(args) >= 3:
        path, mode, flags = args[0], args[1], args[2]
        writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND
        if (isinstance(mode, str) and set(mode) & set("wax+")) or (
            isinstance(flags, int) and flags & writing
        ):
            _WRITES.append(f"open {path!r} {mode!r}")
    elif event in ("os.mkdir", "os.rename", "shutil.copyfile", "shutil.move"):
        _WRITES.append(f"{event} {args[0]!r}")


sys.addaudithook(_watch)


@contextmanager
def writes() -> Iterator[list[str]]:
    global _WRITES
    _WRITES = []
    try:
        yield _WRITES
    finally:
        _WRITES = None


def test_verifying_bytes_or_a_bundle_file_writes_nothing(sealed: Sealed) -> None:
    data = sealed.file.read_bytes()
    with writes() as written:
        from_bytes = verify_bytes(data, sealed.trusted)
        from_file = verify_bundle(sealed.file, sealed.trusted)
    assert from_bytes.ok and from_file.ok
    assert from_bytes.contents == from_file.contents
    assert written == [], "verifying wrote the bundle's contents to disk"


# --- data hidden in the zip -----------------------------------------------------------------

EMAIL = document_names(REF)["email"]
SUMMARY = document_names(REF)["summary"]
Tweak = Callable[[list[Member]], bytes]


def _hidden_entry(at_end: bool) -> Tweak:
    def tweak(members: list[Member]) -> bytes:
        hidden = replace(member(f"{ROOT}/data/hidden.txt", b"not verified"), listed=False)
        return raw_zip([*members, hidden] if at_end else [members[0], hidden, *members[1:]])

    return tweak


TRICKS: dict[str, tuple[Tweak, str]] = {
    "a comment on an entry": (
        lambda ms: raw_zip(changed(ms, "bagit.txt", comment=b"approved")),
        "bagit.txt: carries a comment",
    ),
    "an extra field in the central directory": (
        lambda ms: raw_zip(changed(ms, SUMMARY, central_extra=b"\xfe\xca\x04\x00data")),
        f"{SUMMARY}: carries extra fields in the bundle file",
    ),
    "an extra field in a local header": (
        lambda ms: raw_zip(changed(ms, SUMMARY, local_extra=b"\xfe\xca\x04\x00data")),
        f"{SUMMARY}: carries extra fields in its local header",
    ),
    "bytes between two entries": (
        lambda ms: raw_zip(changed(ms, "bagit.txt", before=b"hidden words")),
        "has 12 extra bytes before " + f"{ROOT}/bagit.txt",
    ),
    "bytes before the central directory": (
        lambda ms: raw_zip(ms, before_directory=b"hidden words"),
        "has 12 extra bytes before its central directory",
    ),
    "a local entry the central directory leaves out (between)": (
        _hidden_entry(at_end=False),
        "data/hidden.txt: an entry the bundle file's central directory does not list",
    ),
    "a local entry the central directory leaves out (at the end)": (
        _hidden_entry(at_end=True),
        "data/hidden.txt: an entry the bundle file's central directory does not list",
    ),
    "a local name that differs": (
        lambda ms: raw_zip(changed(ms, "bagit.txt", local={"name": f"{ROOT}/bagit.txT".encode()})),
        "bagit.txt: its local header disagrees with the central directory (name)",
    ),
    "a local size that differs": (
        lambda ms: raw_zip(changed(ms, EMAIL, local={"size": 10})),
        f"{EMAIL}: its local header disagrees with the central directory (size)",
    ),
    "a local compressed size that differs": (
        lambda ms: raw_zip(changed(ms, SUMMARY, local={"packed": 10})),
        f"{SUMMARY}: its local header disagrees with the central directory (compressed size)",
    ),
    "a local compression that differs": (
        lambda ms: raw_zip(changed(ms, SUMMARY, local={"method": 8})),
        f"{SUMMARY}: its local header disagrees with the central directory (compression)",
    ),
    "a local CRC that differs": (
        lambda ms: raw_zip(changed(ms, SUMMARY, local={"crc": 1})),
        f"{SUMMARY}: its local header disagrees with the central directory (CRC)",
    ),
    "a data descriptor": (
        lambda ms: raw_zip(changed(ms, EMAIL, flags=0x08)),
        f"{EMAIL}: has a data descriptor",
    ),
    "an encrypted entry": (
        lambda ms: raw_zip(changed(ms, EMAIL, flags=0x01)),
        f"{EMAIL}: is encrypted",
    ),
    "bzip2 compression": (
        lambda ms: raw_zip(changed(ms, EMAIL, method=12)),
        f"{EMAIL}: compressed with method 12",
    ),
    "lzma compression": (
        lambda ms: raw_zip(changed(ms, EMAIL, method=14)),
        f"{EMAIL}: compressed with method 14",
    ),
    "a folder entry": (
        lambda ms: raw_zip([member(f"{ROOT}/data/", b""), *ms]),
        "data/: a folder entry",
    ),
    "bytes after an entry's deflated data": (
        lambda ms: raw_zip(
            [replace(m, packed=m.packed + b"hidden") if m.name.endswith(EMAIL) else m for m in ms]
        ),
        f"{EMAIL}: has extra bytes after its compressed data",
    ),
}


@pytest.mark.parametrize("trick", list(TRICKS))
def test_data_hidden_in_the_zip_is_refused_naming_it(sealed: Sealed, trick: str) -> None:
    tweak, expected = TRICKS[trick]
    result = verify_bytes(tweak(members_of(sealed)), sealed.trusted)
    assert result.status is VerifyStatus.TAMPERED, (trick, result.problems)
    assert expected in problems(result), (trick, result.problems)
    assert result.contents is None


def test_an_older_bagit_version_does_not_skip_the_tag_manifest(
    sealed: Sealed, tmp_path: Path
) -> None:
    """bagit checks no tag manifest for a bag claiming BagIt 0.96: bag-info.txt (the PDF
    certificate, the fingerprint) and the manifest could then change under an intact seal."""
    folder = tmp_path / ROOT
    for name, data in sealed.members:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    bagit_txt = folder / "bagit.txt"
    bagit_txt.write_text(bagit_txt.read_text().replace("0.97", "0.96"))
    info = folder / "bag-info.txt"
    info.write_text(info.read_text().replace("(demo)", "(changed)"))
    result = verify_folder(folder, sealed.trusted)
    assert result.status is VerifyStatus.TAMPERED
    assert "bagit.txt" in problems(result)


# --- a folder holding a pipe ------------------------------------------------------------------


def unblock_after(path: Path, call: Callable[[], object], seconds: float = 10.0) -> object:
    """Run `call`; if it is still waiting on the pipe `path` after `seconds`, open the pipe's
    other end so it returns, and fail: it should never have waited."""
    outcome: list[object] = []

    def target() -> None:
        try:
            outcome.append(call())
        except Exception as exc:
            outcome.append(exc)

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        fd = os.open(path, os.O_RDWR | os.O_NONBLOCK)  # lets a reader or a writer go on
        os.close(fd)
        worker.join(seconds)
        pytest.fail(f"waited on the pipe {path.name} (outcome once freed: {outcome})")
    return outcome[0]


@posix_only
def test_a_pipe_in_an_unpacked_bundle_is_refused_not_read(sealed: Sealed, tmp_path: Path) -> None:
    for name, data in sealed.members:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    checklist = tmp_path / ROOT / "data" / document_names(REF)["checklist"]
    checklist.unlink()
    os.mkfifo(checklist)
    result = unblock_after(checklist, lambda: verify_folder(tmp_path / ROOT, sealed.trusted))
    assert isinstance(result, VerifyResult), result
    assert result.status is VerifyStatus.TAMPERED
    assert f"data/{checklist.name}: not a regular file" in problems(result)


def test_the_folder_and_the_file_give_the_same_answer(sealed: Sealed, tmp_path: Path) -> None:
    """One implementation: an unpacked folder and its zip verify to the same result, and
    a change to the same file is reported in the same words."""
    for name, data in sealed.members:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    folder = verify_folder(tmp_path / ROOT, sealed.trusted)
    assert folder == verify_bytes(sealed.file.read_bytes(), sealed.trusted)
    summary = tmp_path / ROOT / "data" / SUMMARY
    summary.write_bytes(summary.read_bytes().replace(b"%%EOF", b"%%EOX", 1))
    altered = [(n, (summary.read_bytes() if n.endswith(SUMMARY) else d)) for n, d in sealed.members]
    expected = [f"data/{SUMMARY}: has changed since the bundle was sealed"]
    assert verify_folder(tmp_path / ROOT, sealed.trusted).problems == expected
    assert verify_bytes(raw_zip([member(n, d) for n, d in altered]), sealed.trusted).problems == (
        expected
    )


@posix_only
@pytest.mark.parametrize("kind", ["pipe", "folder", "device"])
def test_a_bundle_that_is_not_a_file_is_refused(sealed: Sealed, tmp_path: Path, kind: str) -> None:
    if kind == "pipe":
        path = tmp_path / "pipe.rpcbundle"
        os.mkfifo(path)
        outcome = unblock_after(path, lambda: verify_bundle(path, sealed.trusted))
        assert isinstance(outcome, VerifyError) and "is a pipe (FIFO)" in str(outcome), outcome
    elif kind == "folder":
        with pytest.raises(VerifyError, match="not a bundle folder"):
            verify_bundle(tmp_path, sealed.trusted)
    else:
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero")
        with pytest.raises(VerifyError, match="is a device"):
            verify_bundle(Path("/dev/zero"), sealed.trusted)


# --- case files -----------------------------------------------------------------------------


def _read_case_outcome(path: Path) -> object:
    try:
        return read_case(path)
    except CaseFileError as exc:
        return exc


@posix_only
def test_a_case_file_that_is_a_pipe_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "case.json"
    os.mkfifo(fifo)
    outcome = unblock_after(fifo, lambda: _read_case_outcome(fifo))
    assert isinstance(outcome, CaseFileError)
    assert str(outcome) == f"{fifo}: is a pipe (FIFO), not a case file"


def test_a_case_file_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError, match=r"is a folder, not a case file"):
        read_case(tmp_path)


def test_a_case_file_over_the_cap_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(MAX_CASE_FILE + 1)  # sparse
    with peak_allocated() as peak, pytest.raises(CaseFileError, match="larger than 10 MB"):
        read_case(big)
    assert peak[0] < MB


def test_a_case_file_at_the_cap_is_still_read(tmp_path: Path) -> None:
    """The cap refuses only what is over it: a case padded with spaces to 10 MB loads."""
    text = DEMO_CASE.read_text(encoding="utf-8")
    padded = tmp_path / "padded.json"
    padded.write_text(text + " " * (MAX_CASE_FILE - len(text.encode())), encoding="utf-8")
    assert read_case(padded).reference == REF


def test_a_link_to_a_case_file_is_read(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    try:
        link.symlink_to(DEMO_CASE)
    except OSError:
        pytest.skip("no symbolic links here")
    assert read_case(link).reference == REF
