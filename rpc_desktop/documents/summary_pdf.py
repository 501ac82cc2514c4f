"""The referral summary (cover): who, why eligible, that screening was done, what happens next.

Never prints a screening answer: the statement says screening was done, not what was said.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable

from rpc_desktop.documents.signature import uk_datetime
from rpc_desktop.documents.styles import Styles, clean, field_table, grid, markup, para
from rpc_desktop.domain.calendar import clock_start, clock_start_note, timeline
from rpc_desktop.domain.case import Case, Child, ParentSlot, Signer
from rpc_desktop.domain.da_criteria import DA_CRITERIA
from rpc_desktop.domain.dates import age_on, long_date
from rpc_desktop.domain.eligibility import Evaluation, Outcome, Status
from rpc_desktop.domain.scheme import Scheme

SUMMARY_TITLE = "Referral summary"


@dataclass(frozen=True)
class SummaryContext:
    """What the summary needs beyond the case: made while the bundle is built."""

    evaluation: Evaluation
    fingerprint: str
    """Of the other three documents, so the cover vouches for them."""
    device_fingerprint: str
    """Of the key that seals the bundle; the team lead compares it before trusting it."""
    app_version: str
    questionnaire_version: str
    agreement_version: str


def build_summary(case: Case, scheme: Scheme, ctx: SummaryContext) -> list[Flowable]:
    referral = case.referral_date or ctx.evaluation.as_of
    story: list[Flowable] = [
        markup(clean(f"{SUMMARY_TITLE} – {scheme.name}"), Styles.title),
        markup(clean(f"{scheme.region} · case {case.reference}"), Styles.subtitle),
        field_table(
            [
                ("Case reference", case.reference),
                ("Referral date", long_date(referral)),
                ("Scheme", f"{scheme.name}, {scheme.region} (pack {scheme.version})"),
                ("Outcome", ctx.evaluation.outcome.label),
                ("Family situation", case.variant.label if case.variant else ""),
                ("Preferred pathway", case.pathway or "For the gateway to decide"),
                ("Reason for referral", case.reason or "Not given"),
                (
                    "Children's social care",
                    case.social_care.label if case.social_care else "Not recorded",
                ),
            ]
        ),
        para("Family", Styles.h2),
        field_table(_family_rows(case, referral)),
        para("Practical needs", Styles.h2),
        field_table(_needs_rows(case)),
        para("Children", Styles.h2),
        _children_table(case, referral),
        para("Referrer and universal-service contact", Styles.h2),
        field_table(_referrer_rows(case)),
        para("Eligibility", Styles.h2),
        _criteria_table(ctx.evaluation),
        para("Domestic-abuse screening", Styles.h2),
        para(screening_statement(ctx.evaluation, reviewed=case.oversight is not None)),
        para("What happens next", Styles.h2),
        _timeline_table(scheme, referral),
    ]
    if note := clock_start_note(referral):
        story.append(para(note, Styles.small))
    if scheme.decision_note:
        story.append(para(scheme.decision_note, Styles.small))
    if scheme.what_is_free:
        story.append(para(scheme.what_is_free, Styles.small))
    story += [
        para("Participation Agreement", Styles.h2),
        field_table(signature_rows(case)),
        # The bundle's fingerprints are in its metadata (bag-info), not in the gateway's view.
        para(
            f"Made with RPC Referral Desktop {ctx.app_version}: questionnaire "
            f"{ctx.questionnaire_version}, scheme pack {scheme.version}, agreement "
            f"{ctx.agreement_version}.",
            Styles.small,
        ),
    ]
    return story


CHILDCARE, CHILDCARE_DETAIL, TRAVEL, TRAVEL_HELP = (
    "childcare-needed",
    "childcare-detail",
    "travel",
    "need-help",
)
"""The questionnaire's practical questions (the scheme funds childcare, travel and
interpretation)."""


def _needs_rows(case: Case) -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = []
    for slot in ParentSlot:
        parent, responses = case.parent(slot), case.rsq(slot)
        answers = responses.answers if responses else {}
        needs = []
        if answers.get(CHILDCARE) == "yes":
            detail = answers.get(CHILDCARE_DETAIL)
            needs.append(
                "Childcare" + (f": {detail}" if isinstance(detail, str) and detail else "")
            )
        if answers.get(TRAVEL) == TRAVEL_HELP:
            needs.append("Help with travel")
        if parent.interpreter_needed:
            needs.append(f"An interpreter ({parent.preferred_language or 'language not given'})")
        rows.append((slot.label, "; ".join(needs) or "None asked for"))
    return rows


def signature_rows(case: Case) -> list[tuple[str, object]]:
    """Who signed the agreement, when, and how: drawn on the pad, or typed and attested in
    person (the agreement itself shows each signature)."""
    rows: list[tuple[str, object]] = []
    for signer in Signer:
        signature = case.signature(signer)
        if signature is None:
            rows.append((signer.label, "Not signed"))
            continue
        how = signature.kind.label
        if signature.typed:
            how += f" by {signature.attested_by}"
        rows.append((signer.label, f"{signature.name}: {how}, {uk_datetime(signature.signed_at)}"))
    return rows


def screening_statement(evaluation: Evaluation, *, reviewed: bool) -> str:
    """What the summary says about screening: that it was done, never what was said."""
    if evaluation.outcome is Outcome.TRIAGE:
        return (
            "Each parent was screened on their own, when it was safe to talk. Screening "
            "identified a matter for the scheme's triage panel; a manager has recorded the "
            "decision to refer for triage. The referrer will share details directly with the "
            "panel. No screening answers are included in this bundle."
        )
    if (
        evaluation.criterion("da-screening").status is Status.MET
        and evaluation.criterion("da-indicators").status is Status.MET
    ):
        oversight = (
            " A manager reviewed the screening and recorded a decision to proceed."
            if reviewed
            else ""
        )
        return (
            "Each parent was screened for domestic abuse on their own, with the other parent "
            "not present, when it was safe to talk. No indicator of domestic abuse was found."
            + oversight
            + " The screening answers are not included in this bundle."
        )
    return "Screening is not complete; this summary is a draft and cannot be sent."


def _born(parent_dob: date | None, on: date) -> str:
    if parent_dob is None:
        return ""
    age = age_on(parent_dob, on)
    return f", born {long_date(parent_dob)} (age {age}{', under 18' if age < 18 else ''})"


def _family_rows(case: Case, on: date) -> list[tuple[str, object]]:
    a = case.address
    rows: list[tuple[str, object]] = [
        ("Address", ", ".join(p for p in (a.line1, a.line2, a.town, a.postcode) if p.strip())),
        ("Local authority", a.local_authority),
    ]
    for slot in ParentSlot:
        p = case.parent(slot)
        needs = []
        if p.interpreter_needed:
            needs.append(f"interpreter ({p.preferred_language})")
        elif p.preferred_language:
            needs.append(p.preferred_language)
        if p.accessibility_needs:
            needs.append(p.accessibility_needs)
        role = p.role.label if p.role else ""
        # Each parent's contact details are on their own RSQ, not here where the other
        # parent may read them.
        who = f"{p.name}{_born(p.date_of_birth, on)}, {role}"
        rows.append((slot.label, who + (f"; {', '.join(needs)}" if needs else "")))
    return rows


def _child_age(child: Child, on: date) -> str:
    if child.date_of_birth:
        return f"{age_on(child.date_of_birth, on)} (born {long_date(child.date_of_birth)})"
    if child.due_date:
        return f"expected {long_date(child.due_date)}"
    return "—"


def _children_table(case: Case, on: date) -> Flowable:
    header = ["Name", "Age", "SEND", "Lives with", "Focus"]
    rows: list[list[Flowable]] = [[markup(h, Styles.cell_bold) for h in header]]
    for child in case.children:
        lives = child.lives_with.label if child.lives_with else "—"
        rows.append(
            [
                para(child.name, Styles.cell),
                para(_child_age(child, on), Styles.cell),
                para("Yes" if child.send else "No", Styles.cell),
                para(lives, Styles.cell),
                para("Yes" if child.id == case.focus_child_id else "", Styles.cell),
            ]
        )
    if len(rows) == 1:
        rows.append([para("None recorded", Styles.cell)] + [para("", Styles.cell)] * 4)
    return grid(rows, [52, 48, 16, 36, 18])


def _referrer_rows(case: Case) -> list[tuple[str, object]]:
    r, u = case.referrer, case.universal_contact
    return [
        ("Referrer", f"{r.name}, {r.role}, {r.organisation}"),
        ("Referrer contact", " · ".join(x for x in (r.phone, r.email) if x)),
        (
            "Universal service",
            f"{u.name}, {u.role}, {u.service}" if u.is_named else "None named",
        ),
        ("Universal contact", " · ".join(x for x in (u.phone, u.email) if x)),
    ]


def checklist_rows(evaluation: Evaluation) -> list[tuple[str, str, str]]:
    """The eligibility checklist as (criterion, outcome, reason). The DA criteria are one
    neutral row, since their reasons could reveal what a parent disclosed (the screening
    statement says what may be said). The summary and the team lead's screen both show it."""
    rows = [
        (c.title, c.status.label, c.reason) for c in evaluation.criteria if c.id not in DA_CRITERIA
    ]
    done = evaluation.criterion("da-screening").status is Status.MET
    rows.append(
        (
            "Domestic-abuse screening of each parent, alone",
            "Done" if done else "Not done",
            "See the screening statement below.",
        )
    )
    return rows


def _criteria_table(evaluation: Evaluation) -> Flowable:
    rows: list[list[Flowable]] = [
        [markup(h, Styles.cell_bold) for h in ("Criterion", "Outcome", "Reason")]
    ]
    for title, outcome, reason in checklist_rows(evaluation):
        rows.append(
            [para(title, Styles.cell), para(outcome, Styles.cell_bold), para(reason, Styles.cell)]
        )
    return grid(rows, [50, 21, 99])


def _timeline_table(scheme: Scheme, referral: date) -> Flowable:
    rows: list[list[Flowable]] = [
        [markup(h, Styles.cell_bold) for h in ("Step", "Working days", "Expected by")]
    ]
    rows.append(
        [
            para("Referral sent", Styles.cell),
            para("0", Styles.cell),
            para(long_date(referral), Styles.cell),
        ]
    )
    if (start := clock_start(referral)) != referral:
        rows.append(
            [
                para("Clock starts (the next working day)", Styles.cell),
                para("0", Styles.cell),
                para(long_date(start), Styles.cell),
            ]
        )
    for entry in timeline(referral, scheme.timeline):
        rows.append(
            [
                para(entry.step.label, Styles.cell),
                para(str(entry.working_days_from_referral), Styles.cell),
                para(long_date(entry.due), Styles.cell),
            ]
        )
    return grid(rows, [90, 30, 50])
