"""Scheme packs and Participation Agreements: every criterion is data."""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from rpc_desktop.domain.case import CarerRole, ItemId, Variant

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DaPolicy(StrEnum):
    EXCLUDE = "exclude"
    """Any exclusion indicator stops the referral."""
    TRIAGE = "triage"
    """An indicator sends the referral to a triage panel that weighs current risk."""


class UniversalContactRule(StrEnum):
    REQUIRED = "required"
    REQUIRED_IF_CLOSING = "required-if-closing"
    NOT_REQUIRED = "not-required"


class Gateway(_Model):
    name: NonEmpty
    email: Annotated[str, StringConstraints(pattern=r"^([^@\s]+@[^@\s]+\.[^@\s]+)?$")] = ""
    """Empty where the scheme publishes none: the email draft then asks for a recipient."""
    phone: str = ""
    hours: str = ""


class Children(_Model):
    max_age: int = Field(gt=0, le=25)
    """Children must be under this age on the referral date."""
    send_max_age: int | None = Field(default=None, gt=0, le=30)
    """With SEND, under this age instead."""
    expected_baby_counts: bool = False

    @model_validator(mode="after")
    def _send_above(self) -> Self:
        if self.send_max_age is not None and self.send_max_age < self.max_age:
            raise ValueError("send_max_age must not be lower than max_age")
        return self


class DomesticAbuse(_Model):
    policy: DaPolicy
    lookback_months: int = Field(default=0, ge=0, le=120)
    """DA within this many months before the referral excludes; 0: only current DA."""


class TimelineStep(_Model):
    id: ItemId
    label: NonEmpty
    working_days: int = Field(gt=0, le=120)
    """Counted from the previous step (or from the referral date)."""


class Contact(_Model):
    name: NonEmpty
    phone: str = ""
    web: str = ""
    notes: str = ""


class Scheme(_Model):
    id: ItemId
    name: NonEmpty
    region: NonEmpty
    version: NonEmpty
    summary: str = ""
    agreement: ItemId
    variants: list[Variant] = Field(default_factory=lambda: list(Variant))
    professional_referrals_only: bool = True
    areas: list[NonEmpty] = Field(min_length=1)
    area_aliases: dict[str, NonEmpty] = Field(default_factory=dict)
    """Other names for places inside an area (a district), mapped to the area."""
    eligible_roles: list[CarerRole] = Field(min_length=1)
    intergenerational_excluded: bool = False
    children: Children
    both_parents_agree: bool = True
    prior_engagement_weeks: int = Field(default=0, ge=0, le=104)
    domestic_abuse: DomesticAbuse
    universal_contact: UniversalContactRule = UniversalContactRule.NOT_REQUIRED
    referrer_continues_support: bool = False
    gateway: Gateway
    timeline: list[TimelineStep] = Field(min_length=1)
    decision_note: str = ""
    pathways: list[NonEmpty] = Field(default_factory=list)
    da_signposting: list[Contact] = Field(min_length=1)
    what_is_free: str = ""
    feedback_to_referrer: str = ""

    @model_validator(mode="after")
    def _aliases_point_at_areas(self) -> Self:
        areas = {a.casefold() for a in self.areas}
        for alias, area in self.area_aliases.items():
            if area.casefold() not in areas:
                raise ValueError(f"area_aliases: '{alias}' points at '{area}', not one of areas")
        return self

    def area_for(self, local_authority: str) -> str | None:
        """The scheme area a local authority (or district) falls in, if any."""
        wanted = _place(local_authority)
        if not wanted:
            return None
        for area in self.areas:
            if _place(area) == wanted:
                return area
        for alias, area in self.area_aliases.items():
            if _place(alias) == wanted:
                return area
        return None


_NOISE = {"council", "borough", "metropolitan", "city", "county", "district", "of", "the"}


def _place(name: str) -> str:
    """A place name as people write it: "Redcar & Cleveland Borough Council" is
    "redcar and cleveland"; "Newcastle-upon-Tyne" is "newcastle upon tyne"."""
    words = name.casefold().replace("&", " and ").replace("-", " ").replace(",", " ").split()
    kept = [w for w in words if w not in _NOISE]
    return " ".join(kept or words)


class Agreement(_Model):
    """A Participation Agreement; parents sign the exact text, whose hash is kept."""

    id: ItemId
    version: NonEmpty
    title: NonEmpty
    paragraphs: list[NonEmpty] = Field(min_length=1)

    @property
    def text(self) -> str:
        return f"{self.title}\nVersion {self.version}\n\n" + "\n\n".join(self.paragraphs)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()
