"""Questionnaire and screening packs: data, validated on load."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from rpc_desktop.domain.case import AnswerValue, Case, ItemId, ParentSlot, Variant
from rpc_desktop.domain.dates import long_date

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

DECLINED = "prefer-not-to-say"
"""The answer a parent may give to any required question: it counts as answered (the
parent was asked) and prints as such."""
DECLINED_LABEL = "Prefer not to say"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ItemType(StrEnum):
    SINGLE = "single"
    MULTI = "multi"
    SCALE = "scale"
    YESNO = "yesno"
    DATE = "date"
    TEXT = "text"


class Option(_Model):
    value: ItemId
    label: NonEmpty


class Scale(_Model):
    min: int = 0
    max: int = 10
    min_label: str = ""
    max_label: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.max <= self.min:
            raise ValueError(f"max ({self.max}) must be greater than min ({self.min})")
        return self


class Prompt(_Model):
    why: NonEmpty
    how: NonEmpty


class ShowIf(_Model):
    item: ItemId
    equals: str | None = None
    in_: list[str] | None = Field(default=None, alias="in")

    @model_validator(mode="after")
    def _one_test(self) -> Self:
        if (self.equals is None) == (self.in_ is None):
            raise ValueError("give exactly one of 'equals' or 'in'")
        return self

    @property
    def values(self) -> list[str]:
        return [self.equals] if self.equals is not None else list(self.in_ or [])

    def holds(self, answer: AnswerValue | None) -> bool:
        if answer is None:
            return False
        if isinstance(answer, list):
            return any(a in self.values for a in answer)
        return str(answer) in self.values


class Item(_Model):
    id: ItemId
    text: NonEmpty
    type: ItemType
    required: bool = False
    variants: list[Variant] | None = None
    options: list[Option] = Field(default_factory=list)
    scale: Scale | None = None
    show_if: ShowIf | None = None
    prompt: Prompt
    declinable: bool = True
    """Whether "Prefer not to say" is offered when the item is required (a screening
    item never offers it: the screening decides on its answers)."""

    @property
    def offers_decline(self) -> bool:
        return self.required and self.declinable

    @model_validator(mode="after")
    def _shape(self) -> Self:
        choice = self.type in (ItemType.SINGLE, ItemType.MULTI)
        if choice and len(self.options) < 2:
            raise ValueError(f"a '{self.type}' item needs at least two options")
        if not choice and self.options:
            raise ValueError(f"a '{self.type}' item takes no options")
        if self.type is ItemType.SCALE and self.scale is None:
            raise ValueError("a 'scale' item needs 'scale = { min = .., max = .. }'")
        values = [o.value for o in self.options]
        if len(set(values)) != len(values):
            raise ValueError("option values repeat")
        if DECLINED in values:
            raise ValueError(f"{DECLINED!r} is offered with every required item: not an option")
        return self

    def answer_values(self) -> set[str] | None:
        """Every answer this item can have, as text; None for dates and free text."""
        if self.type is ItemType.YESNO:
            return {"yes", "no"}
        if self.options:
            return {o.value for o in self.options}
        if self.type is ItemType.SCALE and self.scale is not None:
            return {str(n) for n in range(self.scale.min, self.scale.max + 1)}
        return None

    def applies_to(self, variant: Variant | None) -> bool:
        return self.variants is None or variant is None or variant in self.variants

    def accepts(self, value: AnswerValue) -> bool:
        """Whether a stored answer has the shape this item expects."""
        if value == DECLINED and self.offers_decline:
            return True
        match self.type:
            case ItemType.YESNO:
                return value in ("yes", "no")
            case ItemType.SINGLE:
                return isinstance(value, str) and value in {o.value for o in self.options}
            case ItemType.MULTI:
                allowed = {o.value for o in self.options}
                return isinstance(value, list) and all(v in allowed for v in value)
            case ItemType.SCALE:
                assert self.scale is not None
                return (
                    isinstance(value, int)
                    and not isinstance(value, bool)
                    and self.scale.min <= value <= self.scale.max
                )
            case ItemType.DATE:
                return isinstance(value, str) and _is_iso_date(value)
            case ItemType.TEXT:
                return isinstance(value, str)
        return False  # pragma: no cover

    def problem(self, value: object) -> str:
        """What is wrong with an answer this item does not accept, for a message."""
        shown = repr(value)[:60]
        if self.options:
            allowed = ", ".join(o.value for o in self.options)
            return f"{shown} is not an answer to this question (one of: {allowed})"
        if self.scale is not None:
            return f"{shown} is not a whole number from {self.scale.min} to {self.scale.max}"
        hints = {"yesno": '"yes" or "no"', "date": "a date as YYYY-MM-DD", "text": "text"}
        return f"{shown} should be {hints.get(self.type.value, self.type.value)}"

    def display(self, value: AnswerValue) -> str:
        """The answer as a person reads it."""
        if value == DECLINED and self.offers_decline:
            return DECLINED_LABEL
        labels = {o.value: o.label for o in self.options}
        if isinstance(value, list):
            return "; ".join(labels.get(v, v) for v in value) or "None of these"
        if self.type is ItemType.YESNO:
            return "Yes" if value == "yes" else "No"
        if self.type is ItemType.SCALE and self.scale is not None:
            low = f"{self.scale.min} {self.scale.min_label}".strip()
            high = f"{self.scale.max} {self.scale.max_label}".strip()
            return f"{value} on a scale from {low} to {high}"
        if self.type is ItemType.DATE and isinstance(value, str) and _is_iso_date(value):
            return long_date(date.fromisoformat(value))
        return labels.get(str(value), str(value))


def _is_iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


class Section(_Model):
    id: ItemId
    title: NonEmpty
    intro: str = ""
    items: list[Item] = Field(min_length=1)


def _check_references(items: list[Item]) -> None:
    seen: dict[str, Item] = {}
    for item in items:
        if item.id in seen:
            raise ValueError(f"item id '{item.id}' is used twice")
        if item.show_if is not None:
            target = seen.get(item.show_if.item)
            if target is None:
                raise ValueError(
                    f"item '{item.id}': show_if refers to '{item.show_if.item}', "
                    "which is not an earlier item"
                )
            allowed = target.answer_values()
            if allowed and (bad := [v for v in item.show_if.values if v not in allowed]):
                raise ValueError(
                    f"item '{item.id}': show_if value {bad[0]!r} is not an answer of "
                    f"'{target.id}' (one of {', '.join(sorted(allowed))})"
                )
        seen[item.id] = item


class Questionnaire(_Model):
    id: ItemId
    version: NonEmpty
    title: NonEmpty
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _references(self) -> Self:
        _check_references(self.items())
        return self

    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items() if i.id == item_id), None)


def is_shown(
    item: Item, variant: Variant | None, answers: dict[str, AnswerValue], by_id: dict[str, Item]
) -> bool:
    """An item is asked when it fits the variant and its condition (and its parent's) hold."""
    if not item.applies_to(variant):
        return False
    if item.show_if is None:
        return True
    parent = by_id.get(item.show_if.item)
    if parent is None or not is_shown(parent, variant, answers, by_id):
        return False
    return item.show_if.holds(answers.get(item.show_if.item))


def shown_items(
    items: list[Item], variant: Variant | None, answers: dict[str, AnswerValue]
) -> list[Item]:
    by_id = {i.id: i for i in items}
    return [i for i in items if is_shown(i, variant, answers, by_id)]


def missing_required(
    questionnaire: Questionnaire, variant: Variant | None, answers: dict[str, AnswerValue]
) -> list[Item]:
    """Required items that are shown but have no usable answer."""
    return [
        item
        for item in shown_items(questionnaire.items(), variant, answers)
        if item.required and not _answered(item, answers.get(item.id))
    ]


def _answered(item: Item, value: AnswerValue | None) -> bool:
    return value is not None and value != "" and item.accepts(value)


SECONDS_A_QUESTION = {ItemType.TEXT: 90}
"""How long asking a question and hearing the answer takes, about: 30 seconds, and a minute
and a half where the parent's words are written down."""
SECONDS_DEFAULT = 30


@dataclass(frozen=True)
class Progress:
    """How far a parent's conversation has got, for the page that holds `part`."""

    part: int
    parts: int
    answered: int
    asked: int
    """Questions asked of this parent as things stand (their answers decide follow-ups);
    the notes at the end of each part are not counted."""
    minutes_left: int


def conversation_progress(
    questionnaire: Questionnaire,
    variant: Variant | None,
    answers: dict[str, AnswerValue],
    section_id: str,
) -> Progress:
    """Parts with a question for this variant, and an estimate of the time the questions
    not yet answered will take (SECONDS_A_QUESTION), rounded up to a minute."""
    by_id = {i.id: i for i in questionnaire.items()}
    parts = [
        [i for i in s.items if is_shown(i, variant, answers, by_id) and i.id != f"{s.id}-notes"]
        for s in questionnaire.sections
    ]
    ids = [s.id for s, shown in zip(questionnaire.sections, parts, strict=True) if shown]
    asked = [i for shown in parts for i in shown]
    left = [i for i in asked if not _answered(i, answers.get(i.id))]
    seconds = sum(SECONDS_A_QUESTION.get(i.type, SECONDS_DEFAULT) for i in left)
    part = ids.index(section_id) + 1 if section_id in ids else 0
    return Progress(part, len(ids), len(asked) - len(left), len(asked), -(-seconds // 60))


def fill_placeholders(text: str, case: Case, slot: ParentSlot) -> str:
    child = case.focus_child
    other = case.other_parent(slot)
    return text.replace("{child}", (child.first_name if child else "") or "your child").replace(
        "{other_parent}", other.first_name or "the other parent"
    )


# --- DA screening ---------------------------------------------------------------------


class Flag(StrEnum):
    EXCLUSION = "exclusion"
    CONCERN = "concern"
    NONE = "none"


class GateQuestion(_Model):
    text: NonEmpty


class Gate(_Model):
    alone: GateQuestion
    safe_to_talk: GateQuestion
    safe_contact: GateQuestion
    interpreter: GateQuestion = GateQuestion(
        text="The interpreter helping is a professional interpreter, not a family member or "
        "friend of either parent"
    )
    """Asked only when the parent needs an interpreter."""


class ScreeningItem(Item):
    declinable: bool = False
    flag: Flag = Flag.NONE
    trigger: list[str] = Field(default_factory=list)
    escalate: list[str] = Field(default_factory=list)
    """Answers that make a concern item an exclusion indicator (e.g. "often")."""
    marks: Literal["last-incident-date"] | None = None

    @model_validator(mode="after")
    def _flag_needs_trigger(self) -> Self:
        if self.flag is not Flag.NONE and not self.trigger:
            raise ValueError(f"a '{self.flag}' item needs 'trigger' answers")
        if self.escalate and self.flag is not Flag.CONCERN:
            raise ValueError("'escalate' only applies to a 'concern' item")
        if self.flag is not Flag.NONE:
            allowed = self.answer_values()
            if allowed is None:
                raise ValueError(f"a '{self.type}' item cannot raise a flag")
            # A typo here would silently switch a safety check off: refuse it.
            for name, values in (("trigger", self.trigger), ("escalate", self.escalate)):
                if bad := [v for v in values if v not in allowed]:
                    raise ValueError(
                        f"{name} value {bad[0]!r} is not an answer to this item "
                        f"(one of: {', '.join(sorted(allowed))})"
                    )
        if self.marks and self.type is not ItemType.DATE:
            raise ValueError("'marks' needs a 'date' item")
        return self

    def flag_for(self, value: AnswerValue | None) -> Flag:
        """The flag this answer raises, if any."""
        if self.flag is Flag.NONE or value is None:
            return Flag.NONE
        given = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        if any(v in self.escalate for v in given):
            return Flag.EXCLUSION
        return self.flag if any(v in self.trigger for v in given) else Flag.NONE


class ScreeningQuestionnaire(_Model):
    id: ItemId
    version: NonEmpty
    title: NonEmpty
    intro: str = ""
    gate: Gate
    items: list[ScreeningItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _references(self) -> Self:
        _check_references(list(self.items))
        return self

    def item(self, item_id: str) -> ScreeningItem | None:
        return next((i for i in self.items if i.id == item_id), None)
