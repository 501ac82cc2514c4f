"""Scheme packs and Participation Agreements: every criterion is data."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from rpc_desktop.domain.case import CarerRole, ItemId, Variant
from rpc_desktop.domain.progress import Happened

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
    reached_by: list[Happened] = Field(default_factory=list)
    """What, recorded after sending, completes this step (domain.progress)."""


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
        areas = {place_key(a): a for a in self.areas}
        if len(areas) != len(self.areas):
            raise ValueError("areas: two areas are written the same way")
        for alias, area in self.area_aliases.items():
            target = areas.get(place_key(area))
            if target is None:
                raise ValueError(f"area_aliases: '{alias}' points at '{area}', not one of areas")
            # An alias written like another area would send that area's families elsewhere.
            other = areas.get(place_key(alias))
            if other is not None and other != target:
                raise ValueError(f"area_aliases: '{alias}' is how '{other}' is written")
        return self

    def area_for(self, local_authority: str) -> str | None:
        """The scheme area a local authority (or district) falls in, if any, however it is
        written (see `place_key`)."""
        wanted = place_key(local_authority)
        if not wanted:
            return None
        for area in self.areas:
            if place_key(area) == wanted:
                return area
        for alias, area in self.area_aliases.items():
            if place_key(alias) == wanted:
                return next(a for a in self.areas if place_key(a) == place_key(area))
        return None


_SAME_WORD = {"co": "county", "st": "saint", "on": "upon"}
"""Short forms written for the same word: "Co. Durham", "St. Helens", "Stockton-on-Tees"."""
_TITLE = {
    *("council", "borough", "metropolitan", "city", "county", "district", "royal"),
    *("unitary", "authority", "of", "the", "and", "mbc", "bc", "cc", "dc"),
}
"""Words naming the kind of council, not the place; dropped only at the start or the end of a
name ("County Durham", "City of Sunderland", "St Albans City and District Council", "Gateshead
MBC"), so "Isle of Wight" keeps its "of", "Redcar and Cleveland" its "and", and no place word
is ever lost."""


def place_key(name: str) -> str:
    """A place name as people write it, reduced to the words that name the place:
    "Co. Durham", "Durham County Council" and "county durham" are all "durham"; "Redcar &
    Cleveland Borough Council" is "redcar and cleveland"; "Stockton on Tees" and
    "Newcastle-upon-Tyne" keep every place word. Nothing is guessed: "North Tyneside" is not
    "South Tyneside", and "Newcastle-under-Lyme" is not "Newcastle upon Tyne"."""
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
    ).casefold()
    bare = re.sub(r"['\u2019]", "", bare.replace("&", " and ").replace("+", " and "))
    words = [_SAME_WORD.get(w, w) for w in re.split(r"[\W_]+", bare) if w]
    start, end = 0, len(words)
    while end - start > 1 and words[start] in _TITLE:
        start += 1
    while end - start > 1 and words[end - 1] in _TITLE:
        end -= 1
    return " ".join(words[start:end])


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
