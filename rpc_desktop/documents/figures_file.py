"""A device's anonymised figures for its team lead (issue 14): the monitoring export's rows
(domain.figures: no names, addresses, dates of birth or free text), sealed with the device's
Ed25519 key like a bundle, and encrypted to the team leads by the same route (the caller
wraps the sealed bytes with documents.envelope).

The sealed file is JSON: `{"seal": {...}, "payload": "<JSON text>"}`, the signature over the
payload's UTF-8 bytes exactly. The payload names the format and its version, the device's
key fingerprint, who sent it (the practitioner's name and team, from their profile), when it
was made and the rows. Reading checks the signature before anything else, then every row:
only the export's columns, short single-line values; a file from a hostile sender is refused
with what is wrong and where, never half read.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from rpc_desktop.documents.seal import DeviceKey, fingerprint
from rpc_desktop.domain.figures import FIXED_COLUMNS
from rpc_desktop.errors import VerifyError

FORMAT = "rpc-figures"
VERSION = 1
SUFFIX = ".rpcfigures"
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_ROWS = 100_000
MAX_VALUE = 200
"""Longer than any value the export writes (a list of age bands, an ISO date, an id)."""
_PER_STEP = re.compile(r"^(step|criterion):[a-z0-9][a-z0-9-]{0,79}$")
_EXTRA = {"accepted_on", "started_on"}


@dataclass(frozen=True)
class Sender:
    name: str
    team: str

    def words(self) -> str:
        """ "Name (team)", or whichever is known."""
        if self.name and self.team:
            return f"{self.name} ({self.team})"
        return self.name or self.team


@dataclass(frozen=True)
class FiguresFile:
    signer: str
    """The sealing key's fingerprint (whom to trust is the caller's decision)."""
    sender: Sender
    made_at: datetime
    rows: list[dict[str, str]]


def seal_figures(
    rows: list[dict[str, str]], key: DeviceKey, sender: Sender, made_at: datetime
) -> bytes:
    """The sealed file's bytes (not yet encrypted)."""
    payload = json.dumps(
        {
            "format": FORMAT,
            "version": VERSION,
            "device": key.fingerprint,
            "sender": {"name": sender.name, "team": sender.team},
            "made_at": made_at.isoformat(),
            "rows": rows,
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    signature = key.private.sign(payload.encode("utf-8"))
    seal = {
        "algorithm": "Ed25519",
        "public_key": key.public_b64,
        "signature": base64.b64encode(signature).decode("ascii"),
    }
    return json.dumps({"seal": seal, "payload": payload}, ensure_ascii=False).encode("utf-8")


def _refuse(problem: str) -> VerifyError:
    return VerifyError(f"The figures file was refused: {problem}.")


def _verified_payload(data: bytes) -> tuple[str, dict[str, Any]]:
    """The signer's fingerprint and the payload, once the signature covers it."""
    if len(data) > MAX_FILE_BYTES:
        raise _refuse(f"it is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        outer = json.loads(data.decode("utf-8"))
        seal, payload = outer["seal"], outer["payload"]
        if seal.get("algorithm") != "Ed25519" or not isinstance(payload, str):
            raise ValueError("not an Ed25519 seal")
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(seal["public_key"]))
        signature = base64.b64decode(seal["signature"])
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise _refuse("it is not a sealed figures file (its seal cannot be read)") from None
    try:
        public.verify(signature, payload.encode("utf-8"))
    except InvalidSignature:
        raise _refuse("it is not as it was sealed (the signature does not match)") from None
    try:
        content = json.loads(payload)
    except (ValueError, RecursionError):
        raise _refuse("its figures cannot be read") from None
    if not isinstance(content, dict):
        raise _refuse("its figures cannot be read")
    return fingerprint(public), content


def _text(value: object, where: str, limit: int = MAX_VALUE) -> str:
    if not isinstance(value, str) or len(value) > limit or any(c in value for c in "\r\n\0"):
        raise _refuse(f"{where} is not a short line of text")
    return value


def _row(raw: object, n: int) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise _refuse(f"row {n} is not a row of figures")
    row: dict[str, str] = {}
    for column, value in raw.items():
        if column not in FIXED_COLUMNS and column not in _EXTRA and not _PER_STEP.match(column):
            raise _refuse(f"row {n} has a column the figures never hold ({column[:40]!r})")
        row[column] = _text(value, f"row {n}, {column}")
    if not row.get("reference"):
        raise _refuse(f"row {n} has no reference")
    return row


def open_figures(data: bytes) -> FiguresFile:
    """Check and read a sealed figures file (already decrypted). VerifyError says what is
    wrong and where; nothing of a refused file is returned."""
    signer, content = _verified_payload(data)
    if content.get("format") != FORMAT:
        raise _refuse("it is not a figures file")
    if content.get("version") != VERSION:
        raise _refuse(f"it is version {content.get('version')!r}; this app reads {VERSION}")
    if content.get("device") != signer:
        raise _refuse("the device it names is not the key that sealed it")
    sender = content.get("sender")
    if not isinstance(sender, dict):
        raise _refuse("it does not say who sent it")
    try:
        made_at = datetime.fromisoformat(_text(content.get("made_at"), "its date"))
    except ValueError:
        raise _refuse("its date is not a date") from None
    if made_at.tzinfo is None:
        raise _refuse("its date has no time zone")
    rows = content.get("rows")
    if not isinstance(rows, list) or len(rows) > MAX_ROWS:
        raise _refuse(f"it does not hold a list of at most {MAX_ROWS} rows")
    checked = [_row(raw, n) for n, raw in enumerate(rows, start=1)]
    if len({r["reference"] for r in checked}) != len(checked):
        raise _refuse("it holds a referral twice")
    return FiguresFile(
        signer,
        Sender(
            _text(sender.get("name", ""), "the sender's name"),
            _text(sender.get("team", ""), "the sender's team"),
        ),
        made_at,
        checked,
    )
