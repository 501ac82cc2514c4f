"""The verbs a case is changed with: answer a question, edit a detail, add a child, sign.

Each verb takes a case and returns a new one, or raises EditError saying what is wrong and
where; the case it was given is never changed. A value is checked when it is given, against
the part of the case it changes (and, for an answer, against the questionnaire), so nothing
that does not fit is kept to be dropped later when a PDF is drawn. Only the part that
changes is validated, not the whole case, so a verb is cheap enough for every key press.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ValidationError

from rpc_desktop.domain.case import (
    Address,
    AnswerValue,
    Case,
    Child,
    Form,
    Oversight,
    OversightDecision,
    Parent,
    ParentSlot,
    Point,
    PriorIntervention,
    Referrer,
    Responses,
    Screening,
    Signature,
    SignatureFollowUp,
    Signer,
    UniversalContact,
    Variant,
)
from rpc_desktop.domain.questionnaire import Questionnaire, ScreeningQuestionnaire
from rpc_desktop.domain.scheme import Agreement
from rpc_desktop.errors import RpcError


class EditError(RpcError):
    """A change that does not fit the case; the message says what is wrong and where."""


class Part(StrEnum):
    """The part of a case a detail belongs to."""

    CASE = "case"
    REFERRER = "referrer"
    CONTACT = "universal_contact"
    ADDRESS = "address"
    PARENT = "parent"
    CHILD = "child"
    PRIOR = "prior_intervention"
    SCREENING = "screening"


_MODELS: dict[Part, type[BaseModel]] = {
    Part.CASE: Case,
    Part.REFERRER: Referrer,
    Part.CONTACT: UniversalContact,
    Part.ADDRESS: Address,
    Part.PARENT: Parent,
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


@dataclass(frozen=True)
class Detail:
    """One field of one part of a case, as a form edits it."""

    part: Part
    name: str
    key: str = ""
    """Which parent ("a" or "b") for a parent's or a screening's field; a child's id."""

    def __post_init__(self) -> None:
        if self.name not in _MODELS[self.part].model_fields:
            raise ValueError(f"{_MODELS[self.part].__name__} has no field {self.name!r}")
        if self.part in (Part.PARENT, Part.SCREENING):
            ParentSlot(self.key)

    @property
    def where(self) -> str:
        """Where the field is, in words, for a message."""
        if self.part in (Part.PARENT, Part.SCREENING):
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


def child_detail(child_id: str, name: str) -> Detail:
    return Detail(Part.CHILD, name, child_id)


def prior_detail(name: str) -> Detail:
    return Detail(Part.PRIOR, name)


def screening_detail(slot: ParentSlot, name: str) -> Detail:
    return Detail(Part.SCREENING, name, slot.value)


# --- details ---------------------------------------------------------------------------


def _owner(case: Case, detail: Detail) -> BaseModel | None:
    match detail.part:
        case Part.CASE:
            return case
        case Part.PARENT:
            return case.parent(ParentSlot(detail.key))
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


def _assigned(model: BaseModel, name: str, value: object, where: str) -> BaseModel:
    """A copy of `model` with one field set, validated as it is set."""
    changed = model.model_copy()
    try:
        setattr(changed, name, value)
    except ValidationError as exc:
        raise EditError(f"{where}: {_first_message(exc)}") from None
    return changed


def _first_message(exc: ValidationError) -> str:
    return str(exc.errors()[0]["msg"]).removeprefix("Value error, ")


def edit(case: Case, detail: Detail, value: object) -> Case:
    """The case with one detail changed, or EditError if the value does not fit."""
    if detail.part is Part.CASE:
        return _assigned(case, detail.name, value, detail.where)  # type: ignore[return-value]
    owner = _owner(case, detail)
    if owner is None:
        if detail.part is Part.PRIOR:
            owner = PriorIntervention()
        elif detail.part is Part.CHILD:
            raise EditError(f"There is no child {detail.key} in this case.")
        else:
            raise EditError(f"{detail.where}: that conversation has not started yet.")
    changed = _assigned(owner, detail.name, value, detail.where)
    return _with(case, detail, changed)


def _with(case: Case, detail: Detail, changed: BaseModel) -> Case:
    """The case with one part replaced (the part was validated already)."""
    match detail.part:
        case Part.PARENT | Part.SCREENING:
            attribute = f"{detail.part.value}_{detail.key}"
        case Part.CHILD:
            children = [changed if c.id == detail.key else c for c in case.children]
            return case.model_copy(update={"children": children})
        case _:
            attribute = detail.part.value
    return case.model_copy(update={attribute: changed})


def choose_situation(case: Case, *, together: bool, expecting: bool) -> Case:
    """The RSQ variant that follows from the family's situation."""
    return case.model_copy(
        update={"variant": Variant.for_situation(together=together, expecting=expecting)}
    )


# --- answers ---------------------------------------------------------------------------


def start(case: Case, form: Form, slot: ParentSlot, version: str) -> Case:
    """Begin a parent's questionnaire or screening under `version` (kept if begun already)."""
    if case.part(form, slot) is not None:
        return case
    model = Responses if form is Form.RSQ else Screening
    return case.model_copy(
        update={f"{form.value}_{slot.value}": model(questionnaire_version=version)}
    )


def answer(
    case: Case,
    questionnaire: Questionnaire | ScreeningQuestionnaire,
    form: Form,
    slot: ParentSlot,
    item_id: str,
    value: AnswerValue | None,
) -> Case:
    """The case with one answer given (or, with None, "" or [], cleared).

    An answer the item does not accept is refused with EditError naming the question.
    """
    item = questionnaire.item(item_id)
    where = f"{form.label}, {slot.label}"
    if item is None:
        raise EditError(f"{where}: there is no question '{item_id}' in {questionnaire.title}.")
    cleared = value is None or value == "" or value == []
    if not cleared and not item.accepts(value):  # type: ignore[arg-type]
        raise EditError(f"{where}, '{item.text}': {item.problem(value)}")
    begun = start(case, form, slot, questionnaire.version)
    part = begun.part(form, slot)
    assert part is not None
    answers = dict(part.answers)
    if cleared:
        answers.pop(item_id, None)
    else:
        answers[item_id] = value  # type: ignore[assignment]
    return begun.model_copy(
        update={f"{form.value}_{slot.value}": part.model_copy(update={"answers": answers})}
    )


# --- screening and oversight -----------------------------------------------------------


def _screening(case: Case, slot: ParentSlot) -> Screening:
    screening = case.screening(slot)
    if screening is None:
        raise EditError(f"{slot.label}'s safety questions have not started yet.")
    return screening


def complete_screening(case: Case, slot: ParentSlot, *, done: bool, by: str, at: datetime) -> Case:
    """Mark a parent's screening finished (who screened, when), or not finished."""
    screening = _screening(case, slot).model_copy(
        update={
            "completed": done,
            "screened_at": at if done else None,
            "screened_by": by if done else "",
        }
    )
    return case.model_copy(update={f"screening_{slot.value}": screening})


def defer_screening(case: Case, slot: ParentSlot, *, reason: str) -> Case:
    """Stop a screening for now (say the other parent came back), with the reason."""
    screening = _screening(case, slot)
    changed = _assigned(screening, "deferred_reason", reason, f"{slot.label}: reason")
    changed = changed.model_copy(update={"deferred": True})
    return case.model_copy(update={f"screening_{slot.value}": changed})


def resume_screening(case: Case, slot: ParentSlot) -> Case:
    screening = _screening(case, slot).model_copy(update={"deferred": False, "deferred_reason": ""})
    return case.model_copy(update={f"screening_{slot.value}": screening})


def record_oversight(
    case: Case,
    *,
    decided_by: str,
    role: str,
    decision: OversightDecision | None,
    notes: str,
    at: datetime,
) -> Case:
    """A manager's decision on what screening raised."""
    if not decided_by.strip() or decision is None:
        raise EditError("Enter the manager's name and choose a decision.")
    try:
        oversight = Oversight(
            decided_by=decided_by, role=role, decided_at=at, decision=decision, notes=notes
        )
    except ValidationError as exc:
        raise EditError(f"Management oversight: {_first_message(exc)}") from None
    return case.model_copy(update={"oversight": oversight})


# --- children --------------------------------------------------------------------------


@dataclass(frozen=True)
class Removed:
    """A child taken out of the case, with what is needed to put them back."""

    index: int
    child: Child
    was_focus: bool


def add_child(case: Case) -> tuple[Case, str]:
    """The case with a new, empty child; and the child's id (never one used before)."""
    taken = {c.id for c in case.children}
    new_id = f"child-{secrets.token_hex(3)}"
    while new_id in taken:
        new_id = f"child-{secrets.token_hex(3)}"
    return case.model_copy(update={"children": [*case.children, Child(id=new_id)]}), new_id


def remove_child(case: Case, child_id: str) -> tuple[Case, Removed]:
    index = next((i for i, c in enumerate(case.children) if c.id == child_id), None)
    if index is None:
        raise EditError(f"There is no child {child_id} in this case.")
    was_focus = case.focus_child_id == child_id
    children = [c for c in case.children if c.id != child_id]
    changed = case.model_copy(
        update={"children": children, "focus_child_id": None if was_focus else case.focus_child_id}
    )
    return changed, Removed(index, case.children[index], was_focus)


def restore_child(case: Case, removed: Removed) -> Case:
    """Undo a removal: the child back in its place (and as the focus child, if it was)."""
    if any(c.id == removed.child.id for c in case.children):
        return case
    children = list(case.children)
    children.insert(min(removed.index, len(children)), removed.child)
    focus = removed.child.id if removed.was_focus else case.focus_child_id
    return case.model_copy(update={"children": children, "focus_child_id": focus})


def set_focus_child(case: Case, child_id: str | None) -> Case:
    if child_id is not None and all(c.id != child_id for c in case.children):
        raise EditError(f"There is no child {child_id} in this case.")
    return case.model_copy(update={"focus_child_id": child_id})


# --- the Participation Agreement -------------------------------------------------------


def signer_details(case: Case, signer: Signer) -> tuple[str, str]:
    """(name, role) as the agreement prints them for each signer."""
    return {
        Signer.PARENT_A: (case.parent_a.name, "Parent"),
        Signer.PARENT_B: (case.parent_b.name, "Parent"),
        Signer.LINK_WORKER: (case.referrer.name, case.referrer.role or "Link worker"),
    }[signer]


def sign(
    case: Case,
    signer: Signer,
    agreement: Agreement,
    strokes: list[list[Point]],
    *,
    aspect: float,
    at: datetime,
) -> Case:
    """A signature on the agreement text shown (its hash), replacing any earlier one; an
    empty drawing takes the signature away. A follow-up for that signer is settled."""
    others = [s for s in case.signatures if s.signer is not signer]
    if any(strokes):
        name, role = signer_details(case, signer)
        try:
            signature = Signature(
                signer=signer,
                name=name or signer.label,
                role=role,
                signed_at=at,
                text_sha256=agreement.sha256,
                agreement_version=agreement.version,
                aspect=min(max(aspect, 0.1), 20),
                strokes=strokes,
            )
        except ValidationError as exc:
            raise EditError(f"{signer.label}'s signature: {_first_message(exc)}") from None
        others.append(signature)
    follow_ups = [f for f in case.follow_ups if f.signer is not signer]
    return case.model_copy(update={"signatures": others, "follow_ups": follow_ups})


def record_follow_up(case: Case, signer: Signer, reason: str, *, at: datetime) -> Case:
    """Someone could not sign at the visit: the reason, for the practitioner to follow up."""
    if not reason.strip():
        raise EditError(f"{signer.label}: say why they cannot sign now.")
    try:
        follow_up = SignatureFollowUp(signer=signer, reason=reason, recorded_at=at)
    except ValidationError as exc:
        raise EditError(f"{signer.label}: {_first_message(exc)}") from None
    follow_ups = [f for f in case.follow_ups if f.signer is not signer]
    return case.model_copy(update={"follow_ups": [*follow_ups, follow_up]})
