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
from datetime import UTC, date, datetime

from pydantic import ValidationError

from rpc_desktop.domain.case import (
    FOLLOW_UPS_SINCE,
    AnswerValue,
    Case,
    Child,
    Form,
    Oversight,
    OversightDecision,
    ParentSlot,
    Point,
    Responses,
    Screening,
    Signature,
    SignatureFollowUp,
    SignatureKind,
    Signer,
    Variant,
)
from rpc_desktop.domain.details import (
    Detail,
    EditError,
    Part,
    address_detail,
    case_detail,
    child_detail,
    contact_detail,
    edit,
    first_message,
    parent_address_detail,
    parent_detail,
    prior_detail,
    read,
    referrer_detail,
    screening_detail,
    with_field,
    with_fields,
)
from rpc_desktop.domain.questionnaire import Questionnaire, ScreeningQuestionnaire
from rpc_desktop.domain.scheme import Agreement
from rpc_desktop.domain.signatures import TYPED_SINCE

__all__ = [
    "Detail",
    "EditError",
    "Part",
    "Removed",
    "add_child",
    "address_detail",
    "answer",
    "case_detail",
    "child_detail",
    "choose_situation",
    "complete_screening",
    "contact_detail",
    "defer_screening",
    "edit",
    "parent_address_detail",
    "parent_detail",
    "prior_detail",
    "read",
    "record_follow_up",
    "record_oversight",
    "referrer_detail",
    "remove_child",
    "restore_child",
    "resume_screening",
    "screening_detail",
    "set_focus_child",
    "sign",
    "sign_typed",
    "signer_details",
    "start",
    "unsign",
]


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
    changed = with_field(part, "answers", answers, where)
    return begun.model_copy(update={f"{form.value}_{slot.value}": changed})


# --- screening and oversight -----------------------------------------------------------


def _screening(case: Case, slot: ParentSlot) -> Screening:
    screening = case.screening(slot)
    if screening is None:
        raise EditError(f"{slot.label}'s safety questions have not started yet.")
    return screening


def complete_screening(case: Case, slot: ParentSlot, *, done: bool, by: str, at: datetime) -> Case:
    """Mark a parent's screening finished (who screened, when), or not finished."""
    screening = with_fields(
        _screening(case, slot),
        f"{slot.label}'s safety questions",
        completed=done,
        screened_at=at if done else None,
        screened_by=by if done else "",
    )
    return case.model_copy(update={f"screening_{slot.value}": screening})


def defer_screening(
    case: Case, slot: ParentSlot, *, reason: str, at: datetime | None = None
) -> Case:
    """Stop a screening for now (say the other parent came back), with the reason; when, for
    the follow-up (domain.followups)."""
    changed = with_fields(
        _screening(case, slot),
        f"{slot.label}: reason",
        deferred_reason=reason,
        deferred=True,
        deferred_at=at or datetime.now(UTC),
    )
    return _at_least(case.model_copy(update={f"screening_{slot.value}": changed}))


def _at_least(case: Case, version: int = FOLLOW_UPS_SINCE) -> Case:
    """The case, written as at least `version` (it now holds what that version added)."""
    if case.schema_version >= version:
        return case
    return case.model_copy(update={"schema_version": version})


def resume_screening(case: Case, slot: ParentSlot) -> Case:
    screening = with_fields(
        _screening(case, slot), slot.label, deferred=False, deferred_reason="", deferred_at=None
    )
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
        raise EditError(f"Management oversight: {first_message(exc)}") from None
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
    """A drawn signature on the agreement text shown (its hash), replacing any earlier one;
    an empty drawing takes the signature away. A follow-up for that signer is settled."""
    if not any(strokes):
        return unsign(case, signer)
    signature = _signature(
        case, signer, agreement, at, aspect=min(max(aspect, 0.1), 20), strokes=strokes
    )
    return _signed(case, signature)


def _signature(
    case: Case, signer: Signer, agreement: Agreement, at: datetime, **how: object
) -> Signature:
    """`signer`'s signature on the agreement text shown (its hash), drawn or typed (`how`)."""
    name, role = signer_details(case, signer)
    try:
        return Signature(
            signer=signer,
            name=name or signer.label,
            role=role,
            signed_at=at,
            text_sha256=agreement.sha256,
            agreement_version=agreement.version,
            **how,
        )
    except ValidationError as exc:
        raise EditError(f"{signer.label}'s signature: {first_message(exc)}") from None


def sign_typed(
    case: Case,
    signer: Signer,
    agreement: Agreement,
    typed_name: str,
    *,
    attested_in_person: bool,
    at: datetime,
) -> Case:
    """A typed signature: the signer's full name as they typed it, which counts only once the
    practitioner (the case's link worker) confirms it was given in person, in front of them.
    Replaces any earlier signature of that signer and settles their follow-up."""
    typed = " ".join(typed_name.split())
    if not typed:
        raise EditError(f"{signer.label}: type the full name to sign.")
    if not attested_in_person:
        raise EditError(
            f"{signer.label}: a typed signature counts only when you confirm it was given in "
            "person, in front of you. Tick the confirmation, then sign."
        )
    practitioner = case.referrer.name.strip()
    if not practitioner:
        raise EditError(
            f"{signer.label}: enter your name as the referrer first; a typed signature "
            "records who confirmed it."
        )
    signature = _signature(
        case,
        signer,
        agreement,
        at,
        kind=SignatureKind.TYPED,
        typed_name=typed,
        attested_in_person=True,
        attested_by=practitioner,
    )
    signed = _signed(case, signature)
    if signed.schema_version < TYPED_SINCE:
        signed = signed.model_copy(update={"schema_version": TYPED_SINCE})
    return signed


def unsign(case: Case, signer: Signer) -> Case:
    """Take a signer's signature away (a cleared pad, a typed one withdrawn)."""
    others = [s for s in case.signatures if s.signer is not signer]
    follow_ups = [f for f in case.follow_ups if f.signer is not signer]
    return case.model_copy(update={"signatures": others, "follow_ups": follow_ups})


def _signed(case: Case, signature: Signature) -> Case:
    others = [s for s in case.signatures if s.signer is not signature.signer]
    follow_ups = [f for f in case.follow_ups if f.signer is not signature.signer]
    return case.model_copy(update={"signatures": [*others, signature], "follow_ups": follow_ups})


def record_follow_up(
    case: Case, signer: Signer, reason: str, *, at: datetime, due: date | None = None
) -> Case:
    """Someone could not sign at the visit: the reason, for the practitioner to follow up,
    and when by (without one, the usual follow-up time: domain.followups)."""
    if not reason.strip():
        raise EditError(f"{signer.label}: say why they cannot sign now.")
    if due is not None and due < at.date():
        raise EditError(f"{signer.label}: the follow-up date {due:%d/%m/%Y} has passed.")
    try:
        follow_up = SignatureFollowUp(signer=signer, reason=reason, recorded_at=at, due=due)
    except ValidationError as exc:
        raise EditError(f"{signer.label}: {first_message(exc)}") from None
    follow_ups = [f for f in case.follow_ups if f.signer is not signer]
    changed = case.model_copy(update={"follow_ups": [*follow_ups, follow_up]})
    return _at_least(changed) if due is not None else changed
