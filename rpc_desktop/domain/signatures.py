"""Signatures on the Participation Agreement: drawn on the pad, or typed and attested.

A typed signature is how someone who cannot use the pad signs (a keyboard-only user, say):
they type their full name, and the practitioner confirms it was given in person, in front of
them. It is recorded as typed and printed as typed, never passed off as a drawn one. Case
files written before typed signatures existed carry no `kind`, and load as drawn.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Self

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from rpc_desktop.domain.dates import long_date
from rpc_desktop.domain.labels import Labelled, labels

_Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]
TypedName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
"""A typed signature is a full name: long enough for any family's, short enough to print."""


TYPED_SINCE = 2
"""The case schema version that added typed signatures; a case holding one is at least this."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Signer(Labelled):
    PARENT_A = "parent-a"
    PARENT_B = "parent-b"
    LINK_WORKER = "link-worker"

    __labels__ = labels(
        {"parent-a": "Parent A", "parent-b": "Parent B", "link-worker": "Link worker"}
    )


class SignatureKind(Labelled):
    DRAWN = "drawn"
    TYPED = "typed"

    __labels__ = labels({"drawn": "drawn", "typed": "typed, attested in person"})
    """Lower case: read inside sentences ("Parent A: signed, typed, attested in person")."""


class Point(_Model):
    x: float = Field(ge=0, le=1)
    y: float = Field(ge=0, le=1)
    pressure: float = Field(default=1.0, ge=0, le=1)


class Signature(_Model):
    """A signature kept with what was signed: vector strokes on a unit square (drawn), or a
    typed name with the practitioner's attestation that it was given in person (typed)."""

    signer: Signer
    name: _Text
    role: _Text = ""
    signed_at: AwareDatetime
    text_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    agreement_version: _Text = ""
    kind: SignatureKind = SignatureKind.DRAWN
    """Absent from case files older than typed signatures: those were all drawn."""
    aspect: float = Field(default=3.0, gt=0, le=20)
    """Width over height of the pad the strokes were drawn on."""
    strokes: list[list[Point]] = Field(default_factory=list)
    typed_name: TypedName = ""
    """Typed: the name as the signer typed it."""
    attested_in_person: bool = False
    """Typed: the practitioner confirmed the signer gave it in person, in front of them."""
    attested_by: _Text = ""
    """Typed: the practitioner who confirmed it."""

    @model_validator(mode="after")
    def _kind_fits(self) -> Self:
        if self.kind is SignatureKind.TYPED:
            if not self.typed_name:
                raise ValueError("a typed signature needs the name as typed")
            if not (self.attested_in_person and self.attested_by):
                raise ValueError(
                    "a typed signature needs the practitioner's confirmation that it was "
                    "given in person"
                )
            if self.strokes:
                raise ValueError("a typed signature has no drawn strokes")
        elif self.typed_name or self.attested_in_person or self.attested_by:
            raise ValueError("a drawn signature has no typed name or attestation")
        return self

    @property
    def typed(self) -> bool:
        return self.kind is SignatureKind.TYPED

    @property
    def is_blank(self) -> bool:
        """Nothing was signed: a drawing without a stroke (a typed one always has its name)."""
        return not self.typed and not any(self.strokes)


class SignatureFollowUp(_Model):
    """Someone could not sign at the visit; the practitioner follows it up."""

    signer: Signer
    reason: _Text
    recorded_at: AwareDatetime
    due: date | None = None
    """When the practitioner means to have it signed; without one, the usual follow-up time
    after `recorded_at` (domain.followups). Files hold it from version 4 (FOLLOW_UPS_SINCE)."""


def attestation_text(signer_name: str, on: datetime, *, own: bool = False) -> str:
    """What the practitioner confirms before a typed signature counts; `own` when the
    practitioner is the one signing."""
    day = long_date(on.date())
    if own:
        return f"I confirm I typed this signature myself, on {day}."
    return f"I confirm {signer_name} gave this signature in person, in front of me, on {day}."
