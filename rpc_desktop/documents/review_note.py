"""The team lead's decision on one bundle version, sealed with their device key.

A review note is one JSON file: the decision ("approved" with the team lead's name,
drawn signature and comment; or "returned" with comments) bound to the exact bundle file
by its SHA-256, and an Ed25519 seal over the canonical form of that decision. The
practitioner imports it; nothing in it is trusted until the seal checks out and the key
is one the practitioner's device trusts.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from rpc_desktop import __version__
from rpc_desktop.documents.seal import DeviceKey, fingerprint
from rpc_desktop.domain.status import ReviewStatus
from rpc_desktop.errors import VerifyError

NOTE_SUFFIX = ".rpcreview"
FORMAT = "rpc-review-note/1"
MAX_NOTE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class ReviewNote:
    reference: str
    version: int
    bundle_sha256: str
    """SHA-256 of the exact bundle file reviewed."""
    decision: ReviewStatus
    """APPROVED or RETURNED."""
    reviewer: str
    reviewer_role: str
    comment: str
    decided_at: datetime
    signature_strokes: list[list[list[float]]]
    """The team lead's drawn signature (approvals); empty for a return."""
    signature_aspect: float
    signer: str = ""
    """The fingerprint of the key that sealed the note, once checked."""
    signer_public_key: str = ""
    """That key itself (one OpenSSH line): what a practitioner encrypts bundles to."""

    def body(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "app_version": __version__,
            "reference": self.reference,
            "version": self.version,
            "bundle_sha256": self.bundle_sha256,
            "decision": self.decision.value,
            "reviewer": self.reviewer,
            "reviewer_role": self.reviewer_role,
            "comment": self.comment,
            "decided_at": self.decided_at.isoformat(),
            "signature": {"strokes": self.signature_strokes, "aspect": self.signature_aspect},
        }

    def file_name(self) -> str:
        return f"{self.reference}-v{self.version}-{self.decision.value}{NOTE_SUFFIX}"


def canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def seal_note(note: ReviewNote, key: DeviceKey) -> bytes:
    """The note file's bytes: its body and a seal over the body's canonical form."""
    body = note.body()
    document = {
        "body": body,
        "seal": {
            "algorithm": "Ed25519",
            "public_key": key.public_b64,
            "fingerprint": key.fingerprint,
            "signature": base64.b64encode(key.private.sign(canonical(body))).decode("ascii"),
        },
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def read_note(data: bytes) -> ReviewNote:
    """Check the seal and read the note; raises VerifyError naming what is wrong.

    Whether the sealing key is trusted is the caller's question (note.signer).
    """
    if len(data) > MAX_NOTE_BYTES:
        raise VerifyError("This file is too large to be a review note.")
    try:
        document = json.loads(data)
        body, seal = document["body"], document["seal"]
        if body.get("format") != FORMAT:
            raise VerifyError(f"This is not a review note (format {body.get('format')!r}).")
        if seal.get("algorithm") != "Ed25519":
            raise VerifyError("The review note's seal is not an Ed25519 seal.")
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(seal["public_key"]))
        signature = base64.b64decode(seal["signature"])
    except VerifyError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise VerifyError(f"This is not a readable review note ({exc}).") from exc
    try:
        public.verify(signature, canonical(body))
    except InvalidSignature:
        raise VerifyError(
            "The review note has been changed since the team lead sealed it: refused."
        ) from None
    signer = fingerprint(public)
    if seal.get("fingerprint") != signer:
        raise VerifyError("The review note's seal names a different key from the one it holds.")
    try:
        drawn = body["signature"]
        return ReviewNote(
            reference=str(body["reference"]),
            version=int(body["version"]),
            bundle_sha256=str(body["bundle_sha256"]),
            decision=_decision(body["decision"]),
            reviewer=str(body["reviewer"]),
            reviewer_role=str(body.get("reviewer_role", "")),
            comment=str(body["comment"]),
            decided_at=_aware(datetime.fromisoformat(body["decided_at"])),
            signature_strokes=drawn["strokes"],
            signature_aspect=float(drawn["aspect"]),
            signer=signer,
            signer_public_key=public.public_bytes(
                serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
            ).decode("ascii"),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise VerifyError(f"The review note is missing a field ({exc}).") from exc


def _decision(value: object) -> ReviewStatus:
    decision = ReviewStatus(str(value))
    if not decision.decided:
        raise ValueError(f"decision {value!r} is not approved or returned")
    return decision


def _aware(moment: datetime) -> datetime:
    if moment.utcoffset() is None:
        raise ValueError("decided_at has no time zone")
    return moment


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
