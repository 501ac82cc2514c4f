"""The details of a case a form edits: which field of which part (`Detail`), reading it, and
changing it with the new value checked as it is given (`edit`). editing.py builds the other
verbs on the same checked copies."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from rpc_desktop.domain.case import (
    Address,
    Case,
    Child,
    Parent,
    ParentSlot,
    PriorIntervention,
    Referrer,
    Screening,
    UniversalContact,
)
from rpc_desktop.errors import RpcError

M = TypeVar("M", bound=BaseModel)


class EditError(RpcError):
    """A change that does not fit the case; the message says what is wrong and where."""


class Part(StrEnum):
    """The part of a case a detail belongs to."""

    CASE = "case"
    REFERRER = "referrer"
    CONTACT = "universal_contact"
    ADDRESS = "address"
    PARENT = "parent"
    PARENT_ADDRESS = "parent_address"
    """A parent's own address, where they live apart from the family."""
    CHILD = "child"
    PRIOR = "prior_intervention"
    SCREENING = "screening"


_MODELS: dict[Part, type[BaseModel]] = {
    Part.CASE: Case,
    Part.REFERRER: Referrer,
    Part.CONTACT: UniversalContact,
    Part.ADDRESS: Address,
    Part.PARENT: Parent,
    Part.PARENT_ADDRESS: Address,
    Part.CHILD: Child,
    Part.PRIOR: PriorIntervention,
    Part.SCREENING: Screening,
}
_WHERE = {
    Part.CASE: "",
    Part.REFERRER: "Referrer",
    Part.CONTACT: "Universal-service contact",
    Part.ADDRESS: "Family address",
    Part.CHILD: "Child",
    Part.PRIOR: "Prior support",
}


_PER_PARENT = (Part.PARENT, Part.PARENT_ADDRESS, Part.SCREENING)


@dataclass(frozen=True)
class Detail:
    """One field of one part of a case, as a form edits it."""

    part: Part
    name: str
    key: str = ""
    """Which parent ("a" or "b") for a parent's, their address's or a screening's field; a
    child's id."""

    def __post_init__(self) -> None:
        if self.name not in _MODELS[self.part].model_fields:
            raise ValueError(f"{_MODELS[self.part].__name__} has no field {self.name!r}")
        if self.part is Part.CHILD and self.name == "id":
            raise ValueError("a child's id names them for good: it is not edited")
        if self.part in _PER_PARENT:
            ParentSlot(self.key)

    @property
    def where(self) -> str:
        """Where the field is, in words, for a message."""
        if self.part is Part.PARENT_ADDRESS:
            head = f"{ParentSlot(self.key).label}'s own address"
        elif self.part in _PER_PARENT:
            head = ParentSlot(self.key).label
        else:
            head = _WHERE[self.part]
        words = self.name.replace("_", " ")
        return f"{head}: {words}" if head else words.capitalize()


def case_detail(name: str) -> Detail:
    return Detail(Part.CASE, name)


def referrer_detail(name: str) -> Detail:
    return Detail(Part.REFERRER, name)


def contact_detail(name: str) -> Detail:
    return Detail(Part.CONTACT, name)


def address_detail(name: str) -> Detail:
    return Detail(Part.ADDRESS, name)


def parent_detail(slot: ParentSlot, name: str) -> Detail:
    return Detail(Part.PARENT, name, slot.value)


def parent_address_detail(slot: ParentSlot, name: str) -> Detail:
    """A field of the address of a parent who lives apart from the family (see
    `Parent.address`): setting one gives them an address of their own."""
    return Detail(Part.PARENT_ADDRESS, name, slot.value)


def child_detail(child_id: str, name: str) -> Detail:
    return Detail(Part.CHILD, name, child_id)


def prior_detail(name: str) -> Detail:
    return Detail(Part.PRIOR, name)


def screening_detail(slot: ParentSlot, name: str) -> Detail:
    return Detail(Part.SCREENING, name, slot.value)


def _owner(case: Case, detail: Detail) -> BaseModel | None:
    match detail.part:
        case Part.CASE:
            return case
        case Part.PARENT:
            return case.parent(ParentSlot(detail.key))
        case Part.PARENT_ADDRESS:
            return case.parent(ParentSlot(detail.key)).address
        case Part.SCREENING:
            return case.screening(ParentSlot(detail.key))
        case Part.CHILD:
            return next((c for c in case.children if c.id == detail.key), None)
        case _:
            owner: BaseModel | None = getattr(case, detail.part.value)
            return owner


def read(case: Case, detail: Detail) -> Any:
    """The detail's current value (None where its part does not exist yet)."""
    owner = _owner(case, detail)
    return None if owner is None else getattr(owner, detail.name)


def with_field(model: M, name: str, value: object, where: str) -> M:
    """A copy of `model` with one field set, validated as it is set."""
    return with_fields(model, where, **{name: value})


def with_fields(model: M, where: str, **values: object) -> M:
    """A copy of `model` with fields set, each validated as it is set: a verb never makes a
    part that would not load again."""
    changed = model.model_copy()
    try:
        for name, value in values.items():
            setattr(changed, name, value)
    except ValidationError as exc:
        raise EditError(f"{where}: {first_message(exc)}") from None
    return changed


def first_message(exc: ValidationError) -> str:
    return str(exc.errors()[0]["msg"]).removeprefix("Value error, ")


def edit(case: Case, detail: Detail, value: object) -> Case:
    """The case with one detail changed, or EditError if the value does not fit."""
    if detail.part is Part.CASE:
        return with_field(case, detail.name, value, detail.where)
    owner = _owner(case, detail)
    if owner is None:
        if detail.part is Part.PRIOR:
            owner = PriorIntervention()
        elif detail.part is Part.PARENT_ADDRESS:
            owner = Address()
        elif detail.part is Part.CHILD:
            raise EditError(f"There is no child {detail.key} in this case.")
        else:
            raise EditError(f"{detail.where}: that conversation has not started yet.")
    changed = with_field(owner, detail.name, value, detail.where)
    return _with(case, detail, changed)


def _with(case: Case, detail: Detail, changed: BaseModel) -> Case:
    """The case with one part replaced (the part was validated already)."""
    match detail.part:
        case Part.PARENT | Part.SCREENING:
            attribute = f"{detail.part.value}_{detail.key}"
        case Part.PARENT_ADDRESS:
            parent = case.parent(ParentSlot(detail.key))
            changed = parent.model_copy(update={"address": changed})
            attribute = f"parent_{detail.key}"
        case Part.CHILD:
            children = [changed if c.id == detail.key else c for c in case.children]
            return case.model_copy(update={"children": children})
        case _:
            attribute = detail.part.value
    return case.model_copy(update={attribute: changed})
