"""The one model that crosses every boundary: a family's referral case.

The store saves it, the wizard edits it, the rules read it, the PDFs render it and
the CLI reads and writes it as JSON. Everything is optional until the rules need it,
because a case is built up over a home visit and saved after every answer.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Self

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from rpc_desktop.domain.labels import Labelled, labels
from rpc_desktop.domain.progress import ProgressEntry as ProgressEntry
from rpc_desktop.domain.signatures import Point as Point
from rpc_desktop.domain.signatures import Signature as Signature
from rpc_desktop.domain.signatures import SignatureFollowUp as SignatureFollowUp
from rpc_desktop.domain.signatures import SignatureKind as SignatureKind
from rpc_desktop.domain.signatures import Signer as Signer

CASE_SCHEMA_VERSION = 2
"""2 added typed signatures (`Signature.kind` and its fields); a version-1 file loads as is,
its signatures drawn. A case is written as version 3 once something that happened after
sending is recorded (`progress`, domain.progress.PROGRESS_SINCE); until then, 2; 4 once it
holds when a screening was deferred or when a signature is to be followed up by."""
FOLLOW_UPS_SINCE = 4

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]
ItemId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Day = Annotated[date, Field(ge=date(1900, 1, 1), le=date(2100, 12, 31))]
"""A date a person could mean: far-off years are typos, and the calendar has limits."""
AnswerValue = bool | int | list[str] | str
"""yes/no items hold "yes"/"no"; scale items an int; multi a list; dates ISO strings."""


REFERENCE_PATTERN = r"^[A-Z0-9][A-Z0-9-]{2,40}$"
"""A case reference: it names files and folders, so it can never hold a path."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Variant(Labelled):
    """The RSQ variant that fits the family's situation."""

    COUPLE = "couple"
    SEPARATED = "separated"
    EXPECTING_TOGETHER = "expecting-together"
    EXPECTING_SEPARATED = "expecting-separated"

    __labels__ = labels(
        {
            "couple": "Couple (together)",
            "separated": "Separated",
            "expecting-together": "Expecting a baby, together",
            "expecting-separated": "Expecting a baby, separated",
        }
    )

    @classmethod
    def for_situation(cls, *, together: bool, expecting: bool) -> Variant:
        if expecting:
            return cls.EXPECTING_TOGETHER if together else cls.EXPECTING_SEPARATED
        return cls.COUPLE if together else cls.SEPARATED

    @property
    def together(self) -> bool:
        return self in (Variant.COUPLE, Variant.EXPECTING_TOGETHER)

    @property
    def expecting(self) -> bool:
        return self in (Variant.EXPECTING_TOGETHER, Variant.EXPECTING_SEPARATED)


class CarerRole(Labelled):
    BIRTH_PARENT = "birth-parent"
    STEP_PARENT = "step-parent"
    ADOPTIVE_PARENT = "adoptive-parent"
    FOSTER_CARER = "foster-carer"
    SGO_HOLDER = "sgo-holder"
    GRANDPARENT = "grandparent"
    OTHER_CARER = "other-carer"

    __labels__ = labels(
        {
            "birth-parent": "birth parent",
            "step-parent": "step-parent",
            "adoptive-parent": "adoptive parent",
            "foster-carer": "foster carer",
            "sgo-holder": "Special Guardianship Order holder",
            "grandparent": "grandparent",
            "other-carer": "other carer",
        }
    )
    """Lower case: they are read inside sentences ("Zofia (birth parent)")."""


class Relationship(Labelled):
    """How the two adults are related: conflict between generations is a different service."""

    PARTNERS = "partners"
    FORMER_PARTNERS = "former-partners"
    CO_CARERS = "co-carers"
    INTERGENERATIONAL = "intergenerational"

    __labels__ = labels(
        {
            "partners": "Partners",
            "former-partners": "Former partners",
            "co-carers": "Co-carers",
            "intergenerational": "Intergenerational",
        }
    )


class SocialCare(Labelled):
    """The family's involvement with children's social care, for the gateway."""

    NONE = "none"
    EARLY_HELP = "early-help"
    CHILD_IN_NEED = "child-in-need"
    CHILD_PROTECTION = "child-protection"

    __labels__ = labels(
        {
            "none": "None",
            "early-help": "Early help",
            "child-in-need": "Child in need plan",
            "child-protection": "Child protection plan",
        }
    )


class LivesWith(Labelled):
    BOTH = "both"
    PARENT_A = "parent-a"
    PARENT_B = "parent-b"
    SHARED = "shared"
    OTHER = "other"

    __labels__ = labels(
        {
            "both": "Both parents",
            "parent-a": "Parent A",
            "parent-b": "Parent B",
            "shared": "Shared care",
            "other": "Someone else",
        }
    )


class ParentSlot(Labelled):
    A = "a"
    B = "b"

    __labels__ = labels({"a": "Parent A", "b": "Parent B"})


class VisitOrder(Labelled):
    """How the practitioner holds each parent's private part of the visit."""

    EACH_IN_TURN = "each-in-turn"
    """One parent's safety questions then questionnaire, then the other's."""
    SCREENINGS_FIRST = "screenings-first"
    """Both parents' safety questions first, then both questionnaires."""

    __labels__ = labels(
        {
            "each-in-turn": "Each parent in turn: safety questions, then the questionnaire",
            "screenings-first": "Both parents' safety questions first, then the questionnaires",
        }
    )


class Form(Labelled):
    """The two conversations held with each parent: the RSQ and the DA screening."""

    RSQ = "rsq"
    SCREENING = "screening"

    __labels__ = labels({"rsq": "RSQ", "screening": "Safety questions"})


class Referrer(_Model):
    name: ShortText = ""
    role: ShortText = ""
    organisation: ShortText = ""
    phone: ShortText = ""
    email: ShortText = ""
    case_closing: bool | None = None
    """The referrer's own involvement is about to end (North East asks for a named
    universal-service contact then)."""
    continues_support: bool | None = None
    """The referrer will keep supporting the family through the intervention."""


class UniversalContact(_Model):
    """The named practitioner in a universal service (school, health visitor, nursery)."""

    name: ShortText = ""
    role: ShortText = ""
    service: ShortText = ""
    phone: ShortText = ""
    email: ShortText = ""

    @property
    def is_named(self) -> bool:
        return bool(self.name.strip() and self.service.strip())


class Address(_Model):
    line1: ShortText = ""
    line2: ShortText = ""
    town: ShortText = ""
    postcode: ShortText = ""
    local_authority: ShortText = ""


class Parent(_Model):
    name: ShortText = ""
    date_of_birth: Day | None = None
    role: CarerRole | None = None
    phone: ShortText = ""
    email: ShortText = ""
    address: Address | None = None
    """Only when this parent lives apart from the family address."""
    preferred_language: ShortText = "English"
    interpreter_needed: bool = False
    accessibility_needs: ShortText = ""
    agrees_to_referral: bool | None = None
    agreement_date: Day | None = None

    @property
    def first_name(self) -> str:
        parts = self.name.split()
        return parts[0] if parts else ""


class Child(_Model):
    id: ItemId
    name: ShortText = ""
    date_of_birth: Day | None = None
    due_date: Day | None = None
    """For a baby not yet born."""
    send: bool = False
    """Special educational needs and/or disabilities."""
    lives_with: LivesWith | None = None

    @property
    def first_name(self) -> str:
        parts = self.name.split()
        return parts[0] if parts else ""

    @property
    def expected(self) -> bool:
        return self.date_of_birth is None and self.due_date is not None


class PriorIntervention(_Model):
    type: ShortText = ""
    provider: ShortText = ""
    start_date: Day | None = None
    end_date: Day | None = None
    """Empty while it is still going on."""


class Responses(_Model):
    """One parent's answers to one questionnaire, under the version they were given."""

    questionnaire_version: ShortText
    answers: dict[ItemId, AnswerValue] = Field(default_factory=dict)
    completed: bool = False


class Screening(_Model):
    """One parent's DA screening, always done with that parent alone."""

    questionnaire_version: ShortText
    alone_confirmed: bool = False
    safe_to_talk: bool = False
    interpreter_not_family: bool = False
    """Where the parent needs an interpreter: the one helping is a professional interpreter,
    not a family member or friend (confirmed before the questions, like being alone)."""
    safe_contact: ShortText = ""
    answers: dict[ItemId, AnswerValue] = Field(default_factory=dict)
    completed: bool = False
    deferred: bool = False
    deferred_reason: ShortText = ""
    deferred_at: AwareDatetime | None = None
    """When it was deferred, for the follow-up (from version 4, FOLLOW_UPS_SINCE)."""
    screened_at: AwareDatetime | None = None
    screened_by: ShortText = ""


class OversightDecision(Labelled):
    PROCEED = "proceed"
    REFER_TO_TRIAGE = "refer-to-triage"
    DO_NOT_PROCEED = "do-not-proceed"

    __labels__ = labels(
        {
            "proceed": "Proceed",
            "refer-to-triage": "Refer to triage",
            "do-not-proceed": "Do not proceed",
        }
    )


class Oversight(_Model):
    """A manager's recorded decision on a DA concern or indicator."""

    decided_by: ShortText
    role: ShortText = ""
    decided_at: AwareDatetime
    decision: OversightDecision
    notes: ShortText = ""


class Case(_Model):
    schema_version: int = CASE_SCHEMA_VERSION
    reference: Annotated[str, StringConstraints(pattern=REFERENCE_PATTERN)]
    scheme_id: ItemId
    variant: Variant | None = None
    referral_date: Day | None = None
    relationship: Relationship | None = None
    referrer: Referrer = Field(default_factory=Referrer)
    universal_contact: UniversalContact = Field(default_factory=UniversalContact)
    address: Address = Field(default_factory=Address)
    parent_a: Parent = Field(default_factory=Parent)
    parent_b: Parent = Field(default_factory=Parent)
    children: list[Child] = Field(default_factory=list)
    focus_child_id: ItemId | None = None
    prior_intervention: PriorIntervention | None = None
    screening_a: Screening | None = None
    screening_b: Screening | None = None
    rsq_a: Responses | None = None
    rsq_b: Responses | None = None
    oversight: Oversight | None = None
    signatures: list[Signature] = Field(default_factory=list)
    follow_ups: list[SignatureFollowUp] = Field(default_factory=list)
    pathway: ShortText = ""
    reason: ShortText = ""
    """Why the practitioner refers the family, in their own words (for the gateway)."""
    social_care: SocialCare | None = None
    visit_order: VisitOrder | None = None
    """Chosen for the visit; until then both screenings come first."""
    first_parent: ParentSlot = ParentSlot.A
    """Whose private part comes first."""
    progress: list[ProgressEntry] = Field(default_factory=list)
    """What happened after sending, in the order it happened (domain.progress)."""

    @model_validator(mode="after")
    def _focus_child_exists(self) -> Self:
        if self.focus_child_id is not None and self.focus_child is None:
            raise ValueError(f"focus_child_id '{self.focus_child_id}' names no child in children")
        ids = [c.id for c in self.children]
        if len(set(ids)) != len(ids):
            raise ValueError("two children share an id")
        return self

    def parent(self, slot: ParentSlot) -> Parent:
        return self.parent_a if slot is ParentSlot.A else self.parent_b

    def screening(self, slot: ParentSlot) -> Screening | None:
        return self.screening_a if slot is ParentSlot.A else self.screening_b

    def rsq(self, slot: ParentSlot) -> Responses | None:
        return self.rsq_a if slot is ParentSlot.A else self.rsq_b

    def part(self, form: Form, slot: ParentSlot) -> Responses | Screening | None:
        """One parent's answers to one form (None until that conversation starts)."""
        return self.rsq(slot) if form is Form.RSQ else self.screening(slot)

    def other_parent(self, slot: ParentSlot) -> Parent:
        return self.parent_b if slot is ParentSlot.A else self.parent_a

    @property
    def focus_child(self) -> Child | None:
        return next((c for c in self.children if c.id == self.focus_child_id), None)

    def signature(self, signer: Signer) -> Signature | None:
        return next((s for s in self.signatures if s.signer is signer), None)


def case_json_schema() -> dict[str, object]:
    """The published JSON Schema of a case file (docs/case.schema.json)."""
    schema = Case.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "RPC Referral Desktop case"
    return schema
