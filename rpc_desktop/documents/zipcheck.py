"""Reading a bundle file (a zip) strictly, from memory: every byte accounted for.

A bundle file is what `bundle._zip_folder` writes with Python's zipfile: local entries one
after another from the first byte, each stored or deflated, without extra fields, comments,
data descriptors or encryption; then the central directory listing exactly those entries
with the same headers; then the end record, with no comment. Anything else is refused,
naming what is wrong and where: there is nowhere in the file for data that is not verified.

Entries are inflated with a cap on the bytes actually produced (never trusting the sizes the
headers declare), so memory stays bounded whatever the input.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from rpc_desktop.errors import VerifyError

MAX_BUNDLE_FILE = 32 * 1024 * 1024
"""A bundle file larger than this is refused before it is read (the demo's is 0.45 MB)."""
MAX_ENTRIES = 64
MAX_UNPACKED = 32 * 1024 * 1024
"""The most all entries may inflate to, together."""
MB = 1024 * 1024

LOCAL = b"PK\x03\x04"
CENTRAL = b"PK\x01\x02"
END = b"PK\x05\x06"
LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
CENTRAL_HEADER = struct.Struct("<4sHHHHHHIIIHHHHHII")
END_RECORD = struct.Struct("<4sHHHHIIH")
STORED, DEFLATED = 0, 8
UTF8_NAME = 0x800
"""The only flag our bundles carry (set by zipfile for a name that is not ASCII)."""
ENCRYPTED, DATA_DESCRIPTOR, STRONG_ENCRYPTION = 0x1, 0x8, 0x40
CHUNK = 64 * 1024


class Damaged(Exception):
    """The file is a zip, but not as a bundle is written: tampered with, or not ours."""


COMMON = ("version", "flags", "compression", "time", "date", "CRC", "compressed size", "size")
"""The fields both headers of an entry hold, in both headers' order."""


@dataclass(frozen=True)
class _Entry:
    name: str
    raw_name: bytes
    common: tuple[int, ...]
    """COMMON, as the central directory gives them."""
    offset: int

    @property
    def method(self) -> int:
        return self.common[2]

    @property
    def crc(self) -> int:
        return self.common[5]

    @property
    def packed(self) -> int:
        return self.common[6]

    @property
    def size(self) -> int:
        return self.common[7]


def read_entries(data: bytes, what: str = "the file") -> list[tuple[str, bytes]]:
    """Each entry's name and bytes, in the order of the file.

    Raises VerifyError when `data` is not a zip at all or too large to be a bundle, and
    Damaged when it is a zip that holds anything a bundle file does not.
    """
    if len(data) > MAX_BUNDLE_FILE:
        raise VerifyError(f"{what} is too large to be a referral bundle ({_mb(MAX_BUNDLE_FILE)}).")
    end = _end_record(data, what)
    entries = _central_directory(data, end, what)
    _walk_local_headers(data, entries, cd_start=end[1])
    return [(entry.name, _content(data, entry)) for entry in entries]


def _mb(size: int) -> str:
    return f"over {size // MB} MB"


def _end_record(data: bytes, what: str) -> tuple[int, int, int]:
    """(entries, where the central directory starts, where it ends) from the end record,
    which must be the file's last 22 bytes."""
    at = len(data) - END_RECORD.size
    if at < 0 or data[at : at + 4] != END:
        found = data.rfind(END, max(0, at - 0xFFFF))
        if found < 0 or len(data) - found < END_RECORD.size:
            raise VerifyError(f"{what} is not a bundle file (not a readable zip: no end record).")
        if END_RECORD.unpack_from(data, found)[-1]:
            raise Damaged("the bundle file carries a comment it was not sealed with")
        raise Damaged("the bundle file has extra bytes after its end")
    _sig, disk, cd_disk, here, total, cd_size, cd_start, comment = END_RECORD.unpack_from(data, at)
    if comment:
        raise Damaged("the bundle file's end record is damaged (it announces a comment)")
    if not data.startswith(LOCAL):
        raise Damaged("the bundle file has extra bytes before its first entry")
    if disk or cd_disk or here != total:
        raise Damaged("the bundle file claims to span several disks")
    if 0xFFFF in (here, total) or 0xFFFFFFFF in (cd_size, cd_start):
        raise Damaged("the bundle file uses zip64 records, which bundles never hold")
    if total > MAX_ENTRIES:
        raise VerifyError(f"{what} holds {total} files: too many for a referral bundle.")
    if cd_start + cd_size > at:
        raise Damaged("the bundle file's central directory runs past its end record")
    if cd_start + cd_size < at:
        raise Damaged("the bundle file has extra bytes between its central directory and its end")
    return total, cd_start, at


def _central_directory(data: bytes, end: tuple[int, int, int], what: str) -> list[_Entry]:
    total, pos, stop = end
    entries: list[_Entry] = []
    declared = 0
    for n in range(total):
        if pos + CENTRAL_HEADER.size > stop or data[pos : pos + 4] != CENTRAL:
            raise Damaged(f"the bundle file's central directory is damaged at entry {n + 1}")
        fields = CENTRAL_HEADER.unpack_from(data, pos)
        common, (name_len, extra_len, comment_len, disk, _internal, _external, offset) = (
            fields[2:10],
            fields[10:],
        )
        _version, flags, method, _time, _date, _crc, packed, size = common
        raw_name = data[pos + CENTRAL_HEADER.size : pos + CENTRAL_HEADER.size + name_len]
        name = _decode_name(raw_name, flags)
        _check_header(name, flags, method, extra_len, "")
        if comment_len:
            raise Damaged(f"{name}: carries a comment in the bundle file")
        if disk or 0xFFFFFFFF in (packed, size, offset):
            raise Damaged(f"{name}: uses zip64 or multi-disk fields, which bundles never hold")
        if method == STORED and packed != size:
            raise Damaged(f"{name}: stored, but its two sizes differ ({packed} and {size})")
        declared += size
        if declared > MAX_UNPACKED:
            raise VerifyError(
                f"{what} is too large to be a referral bundle: its files would unpack to "
                f"{_mb(MAX_UNPACKED)}."
            )
        entries.append(_Entry(name, raw_name, common, offset))
        pos += CENTRAL_HEADER.size + name_len
    if pos != stop:
        raise Damaged("the bundle file's central directory holds bytes that are not an entry")
    return entries


def _decode_name(raw: bytes, flags: int) -> str:
    try:
        return raw.decode("utf-8") if flags & UTF8_NAME else raw.decode("cp437")
    except UnicodeDecodeError:
        raise Damaged(f"{raw!r}: a file name that is not UTF-8 in the bundle file") from None


def _check_header(name: str, flags: int, method: int, extra_len: int, where: str) -> None:
    """What either header of an entry may hold: exactly what zipfile writes for a bundle."""
    if extra_len:
        raise Damaged(f"{name}: carries extra fields{where} in the bundle file")
    if flags & (ENCRYPTED | STRONG_ENCRYPTION):
        raise Damaged(f"{name}: is encrypted in the bundle file")
    if flags & DATA_DESCRIPTOR:
        raise Damaged(f"{name}: has a data descriptor in the bundle file (its sizes come after it)")
    if flags & ~UTF8_NAME:
        raise Damaged(f"{name}: uses zip features bundles never use (flags {flags:#06x})")
    if method not in (STORED, DEFLATED):
        raise Damaged(f"{name}: compressed with method {method}; bundles are stored or deflated")


def _walk_local_headers(data: bytes, entries: list[_Entry], cd_start: int) -> None:
    """From the first byte to the central directory, every byte belongs to a listed entry:
    its local header (agreeing with the central directory) and its compressed data."""
    pos = 0
    for entry in entries:
        if entry.offset != pos:
            _gap(data, pos, entry.offset, before=entry.name)
        if pos + LOCAL_HEADER.size > cd_start or data[pos : pos + 4] != LOCAL:
            raise Damaged(f"{entry.name}: its local header is missing from the bundle file")
        header = LOCAL_HEADER.unpack_from(data, pos)
        common, (name_len, extra_len) = header[1:9], header[9:]
        start = pos + LOCAL_HEADER.size
        raw_name = data[start : start + name_len]
        _check_header(entry.name, common[1], common[2], extra_len, " in its local header")
        here, there = (raw_name, *common), (entry.raw_name, *entry.common)
        if here != there:
            labels = ("name", *COMMON)
            differ = ", ".join(f for f, a, b in zip(labels, here, there, strict=True) if a != b)
            raise Damaged(
                f"{entry.name}: its local header disagrees with the central directory ({differ})"
            )
        pos = start + name_len + entry.packed
        if pos > cd_start:
            raise Damaged(f"{entry.name}: its data runs into the central directory")
    if pos != cd_start:
        _gap(data, pos, cd_start, before="")


def _gap(data: bytes, start: int, stop: int, *, before: str) -> None:
    """Bytes no listed entry accounts for: name them by where they are."""
    if start > stop:
        raise Damaged(f"{before}: overlaps the entry before it in the bundle file")
    if data[start : start + 4] == LOCAL and start + LOCAL_HEADER.size <= stop:
        name_len = LOCAL_HEADER.unpack_from(data, start)[9]
        first = LOCAL_HEADER.size + start
        hidden = data[first : first + name_len].decode("utf-8", "replace")
        raise Damaged(f"{hidden}: an entry the bundle file's central directory does not list")
    where = f"before {before}" if before else "before its central directory"
    if start == 0:
        where = "before its first entry"
    raise Damaged(f"the bundle file has {stop - start} extra bytes {where}")


def _content(data: bytes, entry: _Entry) -> bytes:
    """The entry's bytes, never more than its header declares (which the sum of all
    declared sizes already bounds)."""
    start = entry.offset + LOCAL_HEADER.size + len(entry.raw_name)
    packed = memoryview(data)[start : start + entry.packed]
    stored = entry.method == STORED
    content = bytes(packed) if stored else _inflate(packed, entry.size, entry.name)
    if len(content) != entry.size:
        raise Damaged(
            f"{entry.name}: holds {len(content)} bytes, not the {entry.size} its header declares"
        )
    if zlib.crc32(content) != entry.crc:
        raise Damaged(f"{entry.name}: is damaged in the bundle file (its CRC does not match)")
    return content


def _inflate(packed: memoryview, limit: int, name: str) -> bytes:
    """Inflate at most `limit` bytes, fed and drawn in chunks: a bomb stops at limit + 1."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    out = bytearray()
    fed = 0
    pending: bytes | memoryview = b""
    try:
        while not inflater.eof:
            if not pending and fed < len(packed):
                pending = packed[fed : fed + CHUNK]
                fed += len(pending)
            piece = inflater.decompress(pending, limit + 1 - len(out))
            out += piece
            if len(out) > limit:
                raise Damaged(
                    f"{name}: inflates to more than the {limit} bytes its header declares"
                )
            pending = inflater.unconsumed_tail
            if not piece and not pending and fed >= len(packed):
                break  # no input left and nothing more comes out
    except zlib.error as exc:
        raise Damaged(f"{name}: is damaged in the bundle file ({exc})") from None
    if not inflater.eof:
        raise Damaged(f"{name}: its compressed data ends early in the bundle file")
    if inflater.unused_data or pending or fed < len(packed):
        raise Damaged(f"{name}: has extra bytes after its compressed data in the bundle file")
    return bytes(out)
