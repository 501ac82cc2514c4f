"""A bundle's files in memory, and the BagIt checks on them.

A bundle file (zip) and an unpacked bundle folder are both read into the same `BagFiles`
(path in the bag → bytes), and every check runs on that: one implementation, whatever the
bundle came in. The BagIt checks are those of `bagit.Bag(...).validate()`, on bytes, and
stricter where a bundle allows no choice: UTF-8 tag files, SHA-256 manifests, and the tag
manifest always checked (bagit skips it for a bag that claims an older BagIt version, which
would let bag-info.txt and the manifest change under an intact seal).
"""

from __future__ import annotations

import hashlib
import io
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from rpc_desktop.documents.seal import SEAL_FILE, SEALED_FILE
from rpc_desktop.documents.zipcheck import MAX_ENTRIES, MAX_UNPACKED, Damaged
from rpc_desktop.errors import VerifyError
from rpc_desktop.files import NotAFile, TooLarge, read_regular_file

MANIFEST = "manifest-sha256.txt"
ROOT_FILES = {"bagit.txt", "bag-info.txt", MANIFEST, SEALED_FILE, SEAL_FILE}
TAG_FILES_COVERED = {"bagit.txt", "bag-info.txt", MANIFEST}
BOM = "\ufeff"


@dataclass(frozen=True)
class BagFiles:
    """What a bundle holds: its files by path in the bag ('bagit.txt', 'data/…pdf'), its
    folders, and anything a bag never holds (path → what it is, e.g. 'a link')."""

    files: dict[str, bytes]
    folders: frozenset[str] = frozenset()
    odd: dict[str, str] = field(default_factory=dict)


class BagProblem(Exception):
    """A tag file or manifest cannot be read as BagIt."""


# --- reading ---------------------------------------------------------------------------


def from_zip(entries: list[tuple[str, bytes]]) -> BagFiles:
    """The entries of a bundle file: one folder, safe relative names, each once."""
    seen: set[str] = set()
    roots: set[str] = set()
    files: dict[str, bytes] = {}
    for name, content in entries:
        if name.endswith("/"):
            raise Damaged(f"{name}: a folder entry, which bundle files never hold")
        parts = _safe_parts(name)
        folded = "/".join(parts).casefold()
        if folded in seen:
            raise Damaged(f"{name}: appears twice in the bundle file")
        seen.add(folded)
        roots.add(parts[0] if len(parts) > 1 else "")
        files["/".join(parts[1:])] = content
    if len(roots) != 1 or "" in roots:
        raise Damaged("the bundle file must hold exactly one bundle folder")
    return BagFiles(files, _folders(files))


def _safe_parts(name: str) -> list[str]:
    parts = name.split("/")
    if (
        not name
        or name.startswith("/")
        or "\\" in name
        or any(c < " " or c == "\x7f" for c in name)
        or any(p in ("", ".", "..") or ":" in p or p != p.strip() for p in parts)
    ):
        raise Damaged(f"{name!r}: unsafe path in the bundle file")
    return parts


def _folders(files: dict[str, bytes]) -> frozenset[str]:
    return frozenset(
        "/".join(parts[:n]) for parts in (p.split("/") for p in files) for n in range(1, len(parts))
    )


def read_folder(folder: Path) -> BagFiles:
    """An unpacked bundle folder, read whole into memory under the same caps as a bundle
    file (links and anything else a bag never holds are noted, not followed or read)."""
    files: dict[str, bytes] = {}
    folders: set[str] = set()
    odd: dict[str, str] = {}
    budget = MAX_UNPACKED
    pending = [("", folder)]
    while pending:
        prefix, where = pending.pop()
        with os.scandir(where) as listing:
            found = sorted(listing, key=lambda e: e.name)
        for entry in found:
            rel = prefix + entry.name
            if len(files) + len(folders) + len(odd) >= MAX_ENTRIES:
                raise VerifyError(f"{folder} holds too many files to be a bundle folder.")
            if entry.is_symlink():
                odd[rel] = "a link"
            elif entry.is_dir(follow_symlinks=False):
                folders.add(rel)
                pending.append((rel + "/", Path(entry.path)))
            elif entry.is_file(follow_symlinks=False):
                files[rel] = _read(Path(entry.path), budget, folder)
                budget -= len(files[rel])
            else:
                odd[rel] = "not a regular file"
    return BagFiles(files, frozenset(folders), odd)


def _read(path: Path, budget: int, folder: Path) -> bytes:
    try:
        return read_regular_file(path, budget)
    except TooLarge:
        raise VerifyError(f"{folder} is too large to be a bundle folder.") from None
    except NotAFile as exc:
        raise VerifyError(f"{path} is {exc}, not part of a bundle.") from None
    except OSError as exc:
        raise VerifyError(f"{path} cannot be read ({exc.strerror or exc}).") from exc


def structure_problems(bag: BagFiles) -> list[str]:
    """Only the bag's own files at its root and its documents in data/, nothing else."""
    problems = []
    for path in sorted(set(bag.files) | bag.folders | set(bag.odd)):
        if path in bag.odd:
            problems.append(f"{path}: {bag.odd[path]}, not part of a sealed bundle")
        elif path in bag.folders and path in bag.files:
            problems.append(f"{path}: both a file and a folder in the bundle")
        elif path in bag.folders and path != "data":
            problems.append(f"{path}: a folder that is not part of a sealed bundle")
    if problems:
        return problems
    present = {p.split("/")[0] for p in bag.files} | {p for p in bag.folders if "/" not in p}
    problems += [
        f"{extra}: not part of a sealed bundle" for extra in sorted(present - ROOT_FILES - {"data"})
    ]
    problems += [f"{missing}: missing" for missing in sorted(ROOT_FILES - present)]
    return problems


# --- BagIt -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Bag:
    info: dict[str, str | list[str]]
    """bag-info.txt; a tag given more than once maps to the list of its values."""
    entries: dict[str, str]
    """Path → SHA-256, from the payload manifest and the tag manifest together."""


def read_bag(files: dict[str, bytes]) -> Bag:
    """bagit.txt, bag-info.txt and both manifests, parsed as BagIt (raises BagProblem)."""
    declaration = tags(files["bagit.txt"], "bagit.txt")
    for required in ("BagIt-Version", "Tag-File-Character-Encoding"):
        if not isinstance(declaration.get(required), str):
            raise BagProblem(f"bagit.txt: {required} is missing or given twice")
    version = str(declaration["BagIt-Version"])
    if not re.fullmatch(r"\d+\.\d+", version) or not (
        (0, 97) <= tuple(int(n) for n in version.split(".")) < (2, 0)
    ):
        raise BagProblem(f"bagit.txt: BagIt-Version {version!r} is not one bundles use")
    if str(declaration["Tag-File-Character-Encoding"]).replace("-", "").upper() != "UTF8":
        raise BagProblem("bagit.txt: the tag files must be UTF-8")
    entries = manifest(files[MANIFEST], MANIFEST)
    for path, digest in manifest(files[SEALED_FILE], SEALED_FILE).items():
        if path in entries:
            raise BagProblem(f"{path}: listed in both {MANIFEST} and {SEALED_FILE}")
        entries[path] = digest
    return Bag(tags(files["bag-info.txt"], "bag-info.txt"), entries)


def _text(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BagProblem(f"{name}: is not UTF-8 text") from None
    if text.startswith(BOM):
        raise BagProblem(f"{name}: must not start with a byte-order mark")
    return text


def tags(data: bytes, name: str) -> dict[str, str | list[str]]:
    """A tag file (RFC 2822 style, with folded lines), as bagit reads one."""
    found: dict[str, str | list[str]] = {}
    tag, value = "", ""

    def keep() -> None:
        if tag:
            earlier = found.get(tag)
            found[tag] = (
                value.strip()
                if earlier is None
                else [*([earlier] if isinstance(earlier, str) else earlier), value.strip()]
            )

    for line in io.StringIO(_text(data, name), newline=None):
        if not line or line.isspace():
            continue
        if line[0].isspace() and tag:
            value += line
            continue
        keep()
        if ":" not in line:
            raise BagProblem(f"{name} contains invalid tag: {line.strip()}")
        tag, value = line.strip().split(":", 1)
        tag = tag.strip()
    keep()
    return found


def manifest(data: bytes, name: str) -> dict[str, str]:
    """Path → checksum, each path once, none outside the bag."""
    entries: dict[str, str] = {}
    for number, line in enumerate(io.StringIO(_text(data, name), newline=None), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 1)
        if len(parts) != 2:
            raise BagProblem(f"{name}, line {number}: not a checksum and a file name")
        path = posixpath.normpath(parts[1].lstrip("*"))
        if path.startswith(("/", "~", "../")) or path == "..":
            raise BagProblem(f'Path "{path}" in manifest "{name}" is unsafe')
        if path in entries:
            raise BagProblem(f"{name} lists {path} more than once")
        entries[path] = parts[0]
    return entries


def covered(files: dict[str, bytes]) -> set[str]:
    """The files the tag manifest (what the seal signs) lists."""
    return set(manifest(files[SEALED_FILE], SEALED_FILE))


def completeness_problems(bag: Bag, files: dict[str, bytes]) -> list[str]:
    """Every file listed is there, and every document there is listed."""
    payload = {p for p in files if p.startswith("data/")}
    listed = {p for p in bag.entries if p.startswith("data/") or p not in files}
    return [f"{p}: is missing" for p in sorted(listed - payload)] + [
        f"{p}: was added after the bundle was sealed" for p in sorted(payload - listed)
    ]


def oxum_problem(bag: Bag, files: dict[str, bytes]) -> str:
    """bag-info's Payload-Oxum ("bytes.files"), when given, counts the documents."""
    oxum = bag.info.get("Payload-Oxum")
    if oxum is None:
        return ""
    oxum = oxum[0] if isinstance(oxum, list) else oxum
    if not re.fullmatch(r"\d+\.\d+", oxum):
        return f"bag-info.txt: Payload-Oxum {oxum!r} is not 'bytes.files'"
    size, count = (int(n) for n in oxum.split("."))
    payload = [len(data) for path, data in files.items() if path.startswith("data/")]
    if (size, count) != (sum(payload), len(payload)):
        return (
            f"bag-info.txt: Payload-Oxum says {count} files of {size} bytes, but the bundle "
            f"holds {len(payload)} files of {sum(payload)} bytes"
        )
    return ""


def checksum_problems(bag: Bag, files: dict[str, bytes]) -> list[str]:
    return [
        f"{path}: has changed since the bundle was sealed"
        for path, digest in bag.entries.items()
        if hashlib.sha256(files[path]).hexdigest() != digest.lower()
    ]
