"""The eligibility rules: every criterion of a scheme, judged on the referral date.

Reasons are written for the practitioner. DA reasons never repeat what a parent said:
the summary PDF prints them, and the other parent may read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from rpc_desktop.domain.case import CarerRole, Case, ParentSlot, Relationship
from rpc_desktop.domain.dates import age_on, long_date, months_between
from rpc_desktop.domain.packs import Packs
from rpc_desktop.domain.questionnaire import missing_required
from rpc_desktop.domain.scheme import DaPolicy, Scheme, UniversalContactRule
from rpc_desktop.domain.screening import ScreeningResult, ScreeningState, evaluate_screening


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not-met"
    UNKNOWN = "unknown"


class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not-eligible"
    EXCLUDED = "excluded"
    """Domestic abuse: the referral stops and the scheme's DA signposting applies."""
    TRIAGE = "triage"
    """A triage scheme's panel weighs the DA indicator; the referral may go ahead."""
    NEEDS_OVERSIGHT = "needs-oversight"
    NEEDS_INFORMATION = "needs-information"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    Outcome.ELIGIBLE: "Eligible",
    Outcome.NOT_ELIGIBLE: "Not eligible",
    Outcome.EXCLUDED: "Excluded: domestic abuse",
    Outcome.TRIAGE: "Refer to the triage panel",
    Outcome.NEEDS_OVERSIGHT: "Needs a management-oversight decision",
    Outcome.NEEDS_INFORMATION: "Needs more information",
}

DA_CRITERIA = frozenset({"da-screening", "da-indicators", "da-concerns", "da-lookback"})


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    status: Status
    reason: str
    field: str = ""
    """Where in the case the answer lives, so a screen can link back to it."""


@dataclass(frozen=True)
class Evaluation:
    outcome: Outcome
    criteria: tuple[Criterion, ...]
    as_of: date
    oversight_needed: bool
    """A manager must look at the DA position (record it even when the outcome is final)."""

    @property
    def bundle_allowed(self) -> bool:
        return self.outcome in (Outcome.ELIGIBLE, Outcome.TRIAGE)

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)


def evaluate(case: Case, scheme: Scheme, as_of: date | None, *, packs: Packs) -> Evaluation:
    """Judge a case against a scheme on `as_of` (the referral date; today for a draft)."""
    when = as_of or case.referral_date or date.today()
    rsq, screening_q = packs.require_questionnaires()
    screens = [evaluate_screening(case, screening_q, slot) for slot in ParentSlot]

    criteria = [
        _situation(case, scheme),
        _professional(case),
        _area(case, scheme),
        _roles(case, scheme),
    ]
    if scheme.intergenerational_excluded:
        criteria.append(_intergenerational(case))
    criteria += [_children(case, scheme, when), _consent(case, scheme, when)]
    if scheme.prior_engagement_weeks:
        criteria.append(_prior_engagement(case, scheme, when))
    if scheme.universal_contact is not UniversalContactRule.NOT_REQUIRED:
        criteria.append(_universal_contact(case, scheme))
    if scheme.referrer_continues_support:
        criteria.append(_continuing_support(case))
    criteria.append(
        _rsq_complete(
            case,
            missing=[
                len(missing_required(rsq, case.variant, r.answers)) if (r := case.rsq(s)) else -1
                for s in ParentSlot
            ],
        )
    )

    criteria += _da_criteria(case, scheme, screens, when)
    return Evaluation(
        _outcome(case, scheme, criteria, screens),
        tuple(criteria),
        when,
        _oversight_needed(case, screens, criteria),
    )


# --- the overall outcome ----------------------------------------------------------------


def _outcome(
    case: Case, scheme: Scheme, criteria: list[Criterion], screens: list[ScreeningResult]
) -> Outcome:
    by_id = {c.id: c for c in criteria}
    decision = case.oversight.decision.value if case.oversight else None
    indicator = any(s.has_exclusion for s in screens)
    lookback = by_id.get("da-lookback")
    if decision == "do-not-proceed" or (lookback and lookback.status is Status.NOT_MET):
        return Outcome.EXCLUDED
    triage = False
    if indicator:
        if scheme.domestic_abuse.policy is DaPolicy.EXCLUDE:
            return Outcome.EXCLUDED
        if decision != "refer-to-triage":
            return Outcome.NEEDS_OVERSIGHT
        triage = True
    others = [c for c in criteria if c.id not in DA_CRITERIA]
    if any(c.status is Status.NOT_MET for c in others):
        return Outcome.NOT_ELIGIBLE
    if by_id["da-concerns"].status is not Status.MET:
        return Outcome.NEEDS_OVERSIGHT
    if any(c.status is Status.UNKNOWN for c in criteria):
        return Outcome.NEEDS_INFORMATION
    return Outcome.TRIAGE if triage else Outcome.ELIGIBLE


def _oversight_needed(
    case: Case, screens: list[ScreeningResult], criteria: list[Criterion]
) -> bool:
    flagged = any(s.has_exclusion or s.has_concern for s in screens) or any(
        c.id == "da-lookback" and c.status is Status.NOT_MET for c in criteria
    )
    return flagged and case.oversight is None


# --- criteria -----------------------------------------------------------------------------


def _situation(case: Case, scheme: Scheme) -> Criterion:
    title = "The family's situation fits the scheme"
    if case.variant is None:
        return Criterion(
            "situation",
            title,
            Status.UNKNOWN,
            "Record whether the parents are together or apart, and whether they "
            "are expecting a baby.",
            "variant",
        )
    if case.variant not in scheme.variants:
        return Criterion(
            "situation",
            title,
            Status.NOT_MET,
            f"{scheme.name} does not take families in the situation '{case.variant.label}'.",
            "variant",
        )
    return Criterion(
        "situation",
        title,
        Status.MET,
        f"{case.variant.label}: the RSQ is asked in this variant.",
        "variant",
    )


def _professional(case: Case) -> Criterion:
    title = "A named professional makes the referral"
    r = case.referrer
    if not (r.name.strip() and r.organisation.strip()):
        return Criterion(
            "referrer",
            title,
            Status.UNKNOWN,
            "Record the referrer's name and organisation.",
            "referrer",
        )
    return Criterion(
        "referrer",
        title,
        Status.MET,
        f"Referred by {r.name} ({r.role or 'practitioner'}, {r.organisation}).",
        "referrer",
    )


def _area(case: Case, scheme: Scheme) -> Criterion:
    title = f"The family lives in the {scheme.region} area"
    la = " ".join(case.address.local_authority.split())
    if not la:
        return Criterion(
            "area",
            title,
            Status.UNKNOWN,
            "Record the local authority the family lives in.",
            "address.local_authority",
        )
    area = scheme.area_for(la)
    if area is None:
        return Criterion(
            "area",
            title,
            Status.NOT_MET,
            f"{la} is outside the areas {scheme.name} serves ({', '.join(scheme.areas)}).",
            "address.local_authority",
        )
    where = la if area.casefold() == la.casefold() else f"{la} (in {area})"
    return Criterion(
        "area", title, Status.MET, f"The family lives in {where}.", "address.local_authority"
    )


def _who(case: Case, slot: ParentSlot) -> str:
    return case.parent(slot).first_name or slot.label


def _roles(case: Case, scheme: Scheme) -> Criterion:
    title = "Both adults are carers the scheme works with"
    missing = [slot.label for slot in ParentSlot if case.parent(slot).role is None]
    if missing:
        return Criterion(
            "roles",
            title,
            Status.UNKNOWN,
            f"Record the role of {' and '.join(missing)}.",
            "parent_a.role",
        )
    refused = [
        f"{_who(case, s)} is recorded as {case.parent(s).role.label}"  # type: ignore[union-attr]
        for s in ParentSlot
        if case.parent(s).role not in scheme.eligible_roles
    ]
    if refused:
        return Criterion(
            "roles",
            title,
            Status.NOT_MET,
            "; ".join(refused) + f", a role {scheme.name} does not take.",
            "parent_a.role",
        )
    roles = " and ".join(
        f"{_who(case, s)} ({case.parent(s).role.label})"  # type: ignore[union-attr]
        for s in ParentSlot
    )
    return Criterion("roles", title, Status.MET, f"{roles}.", "parent_a.role")


_PARENT_ROLES = {CarerRole.BIRTH_PARENT, CarerRole.STEP_PARENT, CarerRole.ADOPTIVE_PARENT}


def _intergenerational(case: Case) -> Criterion:
    title = "The conflict is not between generations"
    a, b = case.parent_a, case.parent_b
    roles = {a.role, b.role}
    if case.relationship is Relationship.INTERGENERATIONAL:
        return Criterion(
            "intergenerational",
            title,
            Status.NOT_MET,
            f"{_who(case, ParentSlot.A)} and {_who(case, ParentSlot.B)} are from "
            "different generations; the scheme does not take intergenerational "
            "conflict (such as between a parent and a grandparent).",
            "relationship",
        )
    if case.relationship is None and CarerRole.GRANDPARENT in roles and roles & _PARENT_ROLES:
        return Criterion(
            "intergenerational",
            title,
            Status.NOT_MET,
            "One adult is a grandparent and the other a parent: conflict between "
            "generations is not taken. If they are partners or former partners, "
            "record that in the family situation.",
            "relationship",
        )
    if case.relationship is None:
        return Criterion(
            "intergenerational",
            title,
            Status.MET,
            "Both adults are carers of the same generation.",
            "relationship",
        )
    return Criterion(
        "intergenerational",
        title,
        Status.MET,
        f"The adults are {case.relationship.value.replace('-', ' ')}.",
        "relationship",
    )


def _children(case: Case, scheme: Scheme, when: date) -> Criterion:
    limits = scheme.children
    title = f"Children under {limits.max_age}" + (
        f", or under {limits.send_max_age} with SEND" if limits.send_max_age else ""
    )
    if not case.children:
        return Criterion("children", title, Status.UNKNOWN, "No children are recorded.", "children")
    notes: list[str] = []
    statuses: list[Status] = []
    for child in case.children:
        name = child.first_name or "A child"
        if child.date_of_birth is None:
            if child.due_date is None:
                notes.append(f"{name}: record a date of birth or a due date")
                statuses.append(Status.UNKNOWN)
            elif limits.expected_baby_counts:
                notes.append(
                    f"{name} is due on {long_date(child.due_date)}; an expected baby counts: met"
                )
                statuses.append(Status.MET)
            else:
                notes.append(
                    f"{name} is due on {long_date(child.due_date)}; this scheme does "
                    "not take an expected baby: not met"
                )
                statuses.append(Status.NOT_MET)
            continue
        if child.date_of_birth > when:
            notes.append(f"{name}'s date of birth is after {long_date(when)}")
            statuses.append(Status.UNKNOWN)
            continue
        age = age_on(child.date_of_birth, when)
        if age < limits.max_age:
            notes.append(f"{name} is {age}; the limit is under {limits.max_age}: met")
            statuses.append(Status.MET)
        elif child.send and limits.send_max_age is not None:
            ok = age < limits.send_max_age
            notes.append(
                f"{name} is {age} and has SEND; the limit with SEND is under "
                f"{limits.send_max_age}: {'met' if ok else 'not met'}"
            )
            statuses.append(Status.MET if ok else Status.NOT_MET)
        else:
            notes.append(
                f"{name} is {age}; the limit is under {limits.max_age}"
                + (" and the scheme has no SEND extension" if child.send else "")
                + ": not met"
            )
            statuses.append(Status.NOT_MET)
    status = (
        Status.MET
        if Status.MET in statuses
        else Status.UNKNOWN
        if Status.UNKNOWN in statuses
        else Status.NOT_MET
    )
    return Criterion("children", title, status, ". ".join(notes) + ".", "children")


def _consent(case: Case, scheme: Scheme, when: date) -> Criterion:
    title = (
        "Both parents agree to the referral"
        if scheme.both_parents_agree
        else ("A parent agrees to the referral")
    )
    agreed, pending, notes = 0, 0, []
    for slot in ParentSlot:
        parent = case.parent(slot)
        who = _who(case, slot)
        if parent.agrees_to_referral is None:
            notes.append(f"{who}: not yet asked")
            pending += 1
        elif not parent.agrees_to_referral:
            notes.append(f"{who} does not agree")
        elif parent.agreement_date is not None and parent.agreement_date > when:
            notes.append(
                f"{who} agreed on {long_date(parent.agreement_date)}, after the referral date"
            )
            pending += 1
        else:
            on = f" on {long_date(parent.agreement_date)}" if parent.agreement_date else ""
            notes.append(f"{who} agrees{on}")
            agreed += 1
    needed = 2 if scheme.both_parents_agree else 1
    status = (
        Status.MET
        if agreed >= needed
        else Status.UNKNOWN
        if agreed + pending >= needed
        else Status.NOT_MET
    )
    return Criterion(
        "consent", title, status, "; ".join(notes) + ".", "parent_a.agrees_to_referral"
    )


def _prior_engagement(case: Case, scheme: Scheme, when: date) -> Criterion:
    weeks = scheme.prior_engagement_weeks
    title = f"At least {weeks} weeks' engagement in an intervention before referral"
    prior = case.prior_intervention
    if prior is None or prior.start_date is None:
        return Criterion(
            "prior-engagement",
            title,
            Status.UNKNOWN,
            "Record the intervention the family took part in and when it started.",
            "prior_intervention",
        )
    end = min(prior.end_date or when, when)
    days = (end - prior.start_date).days
    what = prior.type or "The intervention"
    span = (
        f"from {long_date(prior.start_date)} to {long_date(end)}"
        if prior.end_date
        else f"since {long_date(prior.start_date)}"
    )
    ok = days >= weeks * 7
    return Criterion(
        "prior-engagement",
        title,
        Status.MET if ok else Status.NOT_MET,
        f"{what} {span}: {max(days, 0)} days; at least {weeks * 7} days "
        f"({weeks} weeks) needed: {'met' if ok else 'not met'}.",
        "prior_intervention",
    )


def _universal_contact(case: Case, scheme: Scheme) -> Criterion:
    title = "A named universal-service practitioner"
    contact = case.universal_contact
    named = contact.is_named
    if scheme.universal_contact is UniversalContactRule.REQUIRED_IF_CLOSING:
        closing = case.referrer.case_closing
        if closing is None and not named:
            return Criterion(
                "universal-contact",
                title,
                Status.UNKNOWN,
                "Say whether your work with the family is about to close; if it is, "
                "name a practitioner in a universal service.",
                "universal_contact",
            )
        if closing is False and not named:
            return Criterion(
                "universal-contact",
                title,
                Status.MET,
                "Your work with the family continues, so none is needed yet.",
                "universal_contact",
            )
    if not named:
        return Criterion(
            "universal-contact",
            title,
            Status.UNKNOWN,
            "Name a practitioner in a universal service (school, health visitor, "
            "nursery) and their service.",
            "universal_contact",
        )
    return Criterion(
        "universal-contact",
        title,
        Status.MET,
        f"{contact.name}, {contact.service}.",
        "universal_contact",
    )


def _continuing_support(case: Case) -> Criterion:
    title = "The referrer keeps supporting the family during the intervention"
    value = case.referrer.continues_support
    if value is None:
        return Criterion(
            "continuing-support",
            title,
            Status.UNKNOWN,
            "Confirm you can keep supporting the family and join case discussions.",
            "referrer.continues_support",
        )
    return Criterion(
        "continuing-support",
        title,
        Status.MET if value else Status.NOT_MET,
        "Confirmed."
        if value
        else "The referrer cannot continue to support the family; the scheme needs this.",
        "referrer.continues_support",
    )


def _rsq_complete(case: Case, missing: list[int]) -> Criterion:
    title = "Both parents have talked through the RSQ"
    notes = []
    for slot, count in zip(ParentSlot, missing, strict=True):
        who = _who(case, slot)
        if count < 0:
            notes.append(f"{who}: not started")
        elif count:
            notes.append(f"{who}: {count} required question{'s' if count > 1 else ''} not answered")
    if notes:
        return Criterion("rsq", title, Status.UNKNOWN, "; ".join(notes) + ".", "rsq_a")
    return Criterion("rsq", title, Status.MET, "Every required question is answered.", "rsq_a")


def _da_criteria(
    case: Case, scheme: Scheme, screens: list[ScreeningResult], when: date
) -> list[Criterion]:
    out = []
    waiting = [s for s in screens if not s.complete]
    if waiting:
        reason = "; ".join(f"{s.slot.label}: {_SCREEN_STATE[s.state]}" for s in waiting) + "."
        out.append(
            Criterion(
                "da-screening",
                "Each parent screened alone for domestic abuse",
                Status.UNKNOWN,
                reason,
                "screening_a",
            )
        )
    else:
        out.append(
            Criterion(
                "da-screening",
                "Each parent screened alone for domestic abuse",
                Status.MET,
                "Both parents were screened alone, when it was safe to talk.",
                "screening_a",
            )
        )

    flagged = [s.slot.label for s in screens if s.has_exclusion]
    title = "No domestic-abuse indicator"
    if flagged:
        then = (
            "the referral cannot go ahead"
            if scheme.domestic_abuse.policy is DaPolicy.EXCLUDE
            else "the referral goes to the triage panel, after a management decision"
        )
        out.append(
            Criterion(
                "da-indicators",
                title,
                Status.NOT_MET,
                f"An indicator was recorded in {' and '.join(flagged)}'s screening: {then}.",
                "screening_a",
            )
        )
    else:
        out.append(
            Criterion(
                "da-indicators",
                title,
                Status.MET if not waiting else Status.UNKNOWN,
                "No indicator was found." if not waiting else "Screening is not complete.",
                "screening_a",
            )
        )

    concerns = [s.slot.label for s in screens if s.has_concern]
    title = "Any concern has a management-oversight decision"
    oversight = case.oversight
    if not concerns:
        out.append(
            Criterion("da-concerns", title, Status.MET, "No concern was recorded.", "oversight")
        )
    elif oversight is None:
        out.append(
            Criterion(
                "da-concerns",
                title,
                Status.UNKNOWN,
                "A concern was recorded; a manager must record a decision before "
                "the bundle can be built.",
                "oversight",
            )
        )
    else:
        ok = oversight.decision.value != "do-not-proceed"
        out.append(
            Criterion(
                "da-concerns",
                title,
                Status.MET if ok else Status.NOT_MET,
                f"{oversight.decided_by} decided on "
                f"{long_date(oversight.decided_at.date())}: "
                f"{oversight.decision.value.replace('-', ' ')}.",
                "oversight",
            )
        )

    months = scheme.domestic_abuse.lookback_months
    if months:
        title = f"No domestic abuse in the last {months} months"
        incidents = [s.last_incident for s in screens if s.last_incident]
        if not incidents:
            out.append(
                Criterion(
                    "da-lookback",
                    title,
                    Status.MET if not waiting else Status.UNKNOWN,
                    "No past abuse was reported." if not waiting else "Screening is not complete.",
                    "screening_a",
                )
            )
        else:
            latest = max(incidents)
            ago = months_between(latest, when)
            ok = ago >= months
            out.append(
                Criterion(
                    "da-lookback",
                    title,
                    Status.MET if ok else Status.NOT_MET,
                    f"The most recent incident was {ago} months before the "
                    f"referral date; the scheme needs none in the last {months} "
                    f"months: {'met' if ok else 'not met'}.",
                    "screening_a",
                )
            )
    return out


_SCREEN_STATE = {
    ScreeningState.NOT_STARTED: "not screened yet",
    ScreeningState.DEFERRED: "screening deferred",
    ScreeningState.GATE_NOT_PASSED: "not yet confirmed alone and safe to talk",
    ScreeningState.INCOMPLETE: "screening not finished",
    ScreeningState.COMPLETE: "screened",
}
