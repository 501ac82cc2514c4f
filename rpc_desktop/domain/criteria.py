"""The family's criteria: situation, referrer, area, roles, generations, children, consent,
prior engagement, universal contact, continuing support, and the RSQ itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from rpc_desktop.domain.case import CarerRole, Case, Child, ParentSlot, Relationship
from rpc_desktop.domain.dates import age_on, long_date
from rpc_desktop.domain.labels import Labelled, labels
from rpc_desktop.domain.questionnaire import Questionnaire, missing_required
from rpc_desktop.domain.scheme import Children, Scheme, UniversalContactRule, place_key


class Status(Labelled):
    """A criterion's status."""

    MET = "met"
    NOT_MET = "not-met"
    UNKNOWN = "unknown"

    __labels__ = labels({"met": "Met", "not-met": "Not met", "unknown": "Unknown"})


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    status: Status
    reason: str
    field: str = ""
    """Where in the case the answer lives, so a screen can link back to it."""


Judge = Callable[[Status, str], Criterion]


def criterion(criterion_id: str, title: str, field: str) -> Judge:
    """A criterion's fixed parts, so each rule only says its status and reason."""
    return lambda status, reason: Criterion(criterion_id, title, status, reason, field)


def who(case: Case, slot: ParentSlot) -> str:
    return case.parent(slot).first_name or slot.label


def family_criteria(case: Case, scheme: Scheme, when: date, rsq: Questionnaire) -> list[Criterion]:
    out = [situation(case, scheme), referrer(case), area(case, scheme), roles(case, scheme)]
    if scheme.intergenerational_excluded:
        out.append(generations(case))
    out += [children(case, scheme.children, when), consent(case, scheme, when)]
    if scheme.prior_engagement_weeks:
        out.append(prior_engagement(case, scheme.prior_engagement_weeks, when))
    if scheme.universal_contact is not UniversalContactRule.NOT_REQUIRED:
        out.append(universal_contact(case, scheme.universal_contact))
    if scheme.referrer_continues_support:
        out.append(continuing_support(case))
    out.append(rsq_complete(case, rsq))
    return out


def situation(case: Case, scheme: Scheme) -> Criterion:
    judge = criterion("situation", "The family's situation fits the scheme", "variant")
    if case.variant is None:
        return judge(
            Status.UNKNOWN,
            "Record whether the parents are together or apart, and "
            "whether they are expecting a baby.",
        )
    if case.variant not in scheme.variants:
        return judge(
            Status.NOT_MET,
            f"{scheme.name} does not take families in the situation '{case.variant.label}'.",
        )
    return judge(Status.MET, f"{case.variant.label}: the RSQ is asked in this variant.")


def referrer(case: Case) -> Criterion:
    judge = criterion("referrer", "A named professional makes the referral", "referrer")
    r = case.referrer
    if not (r.name.strip() and r.organisation.strip()):
        return judge(Status.UNKNOWN, "Record the referrer's name and organisation.")
    return judge(
        Status.MET, f"Referred by {r.name} ({r.role or 'practitioner'}, {r.organisation})."
    )


def area(case: Case, scheme: Scheme) -> Criterion:
    judge = criterion(
        "area", f"The family lives in the {scheme.region} area", "address.local_authority"
    )
    la = " ".join(case.address.local_authority.split())
    if not la:
        return judge(Status.UNKNOWN, "Record the local authority the family lives in.")
    found = scheme.area_for(la)
    if found is None:
        return judge(
            Status.NOT_MET,
            f"{la} is outside the areas {scheme.name} serves ({', '.join(scheme.areas)}).",
        )
    if found == la:
        where = la
    elif place_key(found) == place_key(la):
        where = f'{found} (written "{la}")'
    else:
        where = f"{la} (in {found})"
    return judge(Status.MET, f"The family lives in {where}.")


def roles(case: Case, scheme: Scheme) -> Criterion:
    judge = criterion("roles", "Both adults are carers the scheme works with", "parent_a.role")
    given = {slot: case.parent(slot).role for slot in ParentSlot}
    missing = [slot.label for slot, role in given.items() if role is None]
    if missing:
        return judge(Status.UNKNOWN, f"Record the role of {' and '.join(missing)}.")
    refused = [
        f"{who(case, slot)} is recorded as {role.label}"
        for slot, role in given.items()
        if role is not None and role not in scheme.eligible_roles
    ]
    if refused:
        return judge(Status.NOT_MET, "; ".join(refused) + f", a role {scheme.name} does not take.")
    return judge(
        Status.MET,
        " and ".join(f"{who(case, slot)} ({role.label})" for slot, role in given.items() if role)
        + ".",
    )


_GENERATION = {
    CarerRole.BIRTH_PARENT: "parent",
    CarerRole.STEP_PARENT: "parent",
    CarerRole.ADOPTIVE_PARENT: "parent",
    CarerRole.GRANDPARENT: "grandparent",
}
"""The generation a role puts an adult in, relative to the child. A foster carer, a Special
Guardianship Order holder or another carer may be of either (an SGO is often a grandparent's)."""


def generations(case: Case) -> Criterion:
    """Judged from the adults' roles to the child: a relationship label ("co-carers",
    "partners") never makes a parent and a grandparent one generation. The label decides only
    where the roles do not tell, and "intergenerational" always excludes."""
    title = "The conflict is not between generations"
    by_roles = criterion("intergenerational", title, "parent_a.role")
    by_label = criterion("intergenerational", title, "relationship")
    a, b = case.parent_a.role, case.parent_b.role
    labelled = case.relationship
    pair = f"{who(case, ParentSlot.A)} and {who(case, ParentSlot.B)}"
    refused = "the scheme does not take conflict between generations"
    if a is not None and b is not None:
        pair = f"{who(case, ParentSlot.A)} ({a.label}) and {who(case, ParentSlot.B)} ({b.label})"
    gen_a, gen_b = _GENERATION.get(a) if a else None, _GENERATION.get(b) if b else None
    if gen_a and gen_b and gen_a != gen_b:
        also = (
            f", whatever their relationship is recorded as ({labelled.label.lower()})"
            if labelled not in (None, Relationship.INTERGENERATIONAL)
            else ""
        )
        return by_roles(Status.NOT_MET, f"{pair} are from different generations{also}: {refused}.")
    if labelled is Relationship.INTERGENERATIONAL:
        check = (
            f" Yet both are recorded as {gen_a}s of the child: check their roles and how they "
            "are related."
            if gen_a and gen_a == gen_b
            else ""
        )
        return by_label(
            Status.NOT_MET,
            f"{pair} are recorded as from different generations: {refused} (such as between "
            f"a parent and a grandparent).{check}",
        )
    if a is None or b is None:
        missing = " and ".join(s.label for s, r in zip(ParentSlot, (a, b), strict=True) if not r)
        return by_roles(
            Status.UNKNOWN, f"Record the role of {missing}: the generations are judged from it."
        )
    if gen_a and gen_a == gen_b:
        return by_roles(Status.MET, f"{pair} are both {gen_a}s of the child: one generation.")
    if a is b:
        return by_roles(Status.MET, f"{pair} have the same role: one generation.")
    if labelled is None:
        return by_label(
            Status.UNKNOWN,
            f"The roles of {pair} do not say whether they are one generation: record how "
            "they are related (partners, former partners, co-carers, or different generations).",
        )
    return by_label(
        Status.MET,
        f"The roles of {pair} do not say their generations; they are recorded as "
        f"{labelled.label.lower()}, not as from different generations.",
    )


def _child(child: Child, limits: Children, when: date) -> tuple[Status, str]:
    name = child.first_name or "A child"
    if child.date_of_birth is None:
        if child.due_date is None:
            return Status.UNKNOWN, f"{name}: record a date of birth or a due date"
        due = f"{name} is due on {long_date(child.due_date)}"
        if child.due_date < when:
            return Status.UNKNOWN, f"{due}, before {long_date(when)}: record the date of birth"
        if limits.expected_baby_counts:
            return Status.MET, f"{due}; an expected baby counts: met"
        return Status.NOT_MET, f"{due}; this scheme does not take an expected baby: not met"
    if child.date_of_birth > when:
        return Status.UNKNOWN, f"{name}'s date of birth is after {long_date(when)}"
    age = age_on(child.date_of_birth, when)
    if age < limits.max_age:
        return Status.MET, f"{name} is {age}; the limit is under {limits.max_age}: met"
    if child.send and limits.send_max_age is not None:
        ok = age < limits.send_max_age
        return (
            Status.MET if ok else Status.NOT_MET,
            f"{name} is {age} and has SEND; the limit with SEND is under "
            f"{limits.send_max_age}: {'met' if ok else 'not met'}",
        )
    extra = " and the scheme has no SEND extension" if child.send else ""
    return Status.NOT_MET, f"{name} is {age}; the limit is under {limits.max_age}{extra}: not met"


def children(case: Case, limits: Children, when: date) -> Criterion:
    title = f"Children under {limits.max_age}" + (
        f", or under {limits.send_max_age} with SEND" if limits.send_max_age else ""
    )
    judge = criterion("children", title, "children")
    if not case.children:
        return judge(Status.UNKNOWN, "No children are recorded.")
    results = [_child(child, limits, when) for child in case.children]
    statuses = {status for status, _ in results}
    status = next(s for s in (Status.MET, Status.UNKNOWN, Status.NOT_MET) if s in statuses)
    return judge(status, ". ".join(note for _, note in results) + ".")


def consent(case: Case, scheme: Scheme, when: date) -> Criterion:
    judge = criterion(
        "consent",
        "Both parents agree to the referral"
        if scheme.both_parents_agree
        else "A parent agrees to the referral",
        "parent_a.agrees_to_referral",
    )
    agreed, pending, notes = 0, 0, []
    for slot in ParentSlot:
        parent, name = case.parent(slot), who(case, slot)
        if parent.agrees_to_referral is None:
            notes.append(f"{name}: not yet asked")
            pending += 1
        elif not parent.agrees_to_referral:
            notes.append(f"{name} does not agree")
        elif parent.agreement_date is not None and parent.agreement_date > when:
            notes.append(
                f"{name} agreed on {long_date(parent.agreement_date)}, after the referral date"
            )
            pending += 1
        else:
            on = f" on {long_date(parent.agreement_date)}" if parent.agreement_date else ""
            notes.append(f"{name} agrees{on}")
            agreed += 1
    needed = 2 if scheme.both_parents_agree else 1
    status = (
        Status.MET
        if agreed >= needed
        else Status.UNKNOWN
        if agreed + pending >= needed
        else Status.NOT_MET
    )
    return judge(status, "; ".join(notes) + ".")


def prior_engagement(case: Case, weeks: int, when: date) -> Criterion:
    judge = criterion(
        "prior-engagement",
        f"At least {weeks} weeks' engagement in an intervention before referral",
        "prior_intervention",
    )
    prior = case.prior_intervention
    if prior is None or prior.start_date is None:
        return judge(
            Status.UNKNOWN, "Record the intervention the family took part in and when it started."
        )
    end = min(prior.end_date or when, when)
    days = (end - prior.start_date).days
    span = (
        f"from {long_date(prior.start_date)} to {long_date(end)}"
        if prior.end_date
        else f"since {long_date(prior.start_date)}"
    )
    ok = days >= weeks * 7
    return judge(
        Status.MET if ok else Status.NOT_MET,
        f"{prior.type or 'The intervention'} {span}: {max(days, 0)} days; at least "
        f"{weeks * 7} days ({weeks} weeks) needed: {'met' if ok else 'not met'}.",
    )


def universal_contact(case: Case, rule: UniversalContactRule) -> Criterion:
    judge = criterion(
        "universal-contact", "A named universal-service practitioner", "universal_contact"
    )
    contact = case.universal_contact
    if contact.is_named:
        return judge(Status.MET, f"{contact.name}, {contact.service}.")
    if rule is UniversalContactRule.REQUIRED_IF_CLOSING:
        if case.referrer.case_closing is False:
            return judge(Status.MET, "Your work with the family continues, so none is needed yet.")
        if case.referrer.case_closing is None:
            return judge(
                Status.UNKNOWN,
                "Say whether your work with the family is about to "
                "close; if it is, name a practitioner in a universal service.",
            )
    return judge(
        Status.UNKNOWN,
        "Name a practitioner in a universal service (school, health "
        "visitor, nursery) and their service.",
    )


def continuing_support(case: Case) -> Criterion:
    judge = criterion(
        "continuing-support",
        "The referrer keeps supporting the family during the intervention",
        "referrer.continues_support",
    )
    value = case.referrer.continues_support
    if value is None:
        return judge(
            Status.UNKNOWN, "Confirm you can keep supporting the family and join case discussions."
        )
    if not value:
        return judge(
            Status.NOT_MET,
            "The referrer cannot continue to support the family; the scheme needs this.",
        )
    return judge(Status.MET, "Confirmed.")


def rsq_complete(case: Case, rsq: Questionnaire) -> Criterion:
    judge = criterion("rsq", "Both parents have talked through the RSQ", "rsq_a")
    notes = []
    for slot in ParentSlot:
        responses = case.rsq(slot)
        if responses is None:
            notes.append(f"{who(case, slot)}: not started")
        elif count := len(missing_required(rsq, case.variant, responses.answers)):
            notes.append(
                f"{who(case, slot)}: {count} required question"
                f"{'s' if count > 1 else ''} not answered"
            )
    if notes:
        return judge(Status.UNKNOWN, "; ".join(notes) + ".")
    return judge(Status.MET, "Every required question is answered.")
