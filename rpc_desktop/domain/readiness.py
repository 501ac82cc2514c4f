"""Whether a case is ready for its bundle, and if not, what is missing, in words."""

from __future__ import annotations

from rpc_desktop.domain.case import Case, Signer
from rpc_desktop.domain.criteria import Status
from rpc_desktop.domain.da_criteria import DA_CRITERIA
from rpc_desktop.domain.eligibility import Evaluation
from rpc_desktop.domain.packs import Packs


def readiness_problems(
    case: Case, packs: Packs, evaluation: Evaluation, *, redact_da: bool = False
) -> list[str]:
    """Everything that stops the bundle being built, in words for the practitioner.

    With `redact_da`, for a screen a parent may see: the DA position is one neutral line.
    """
    problems = []
    if case.referral_date is None:
        problems.append("Set the referral date.")
    if not evaluation.bundle_allowed:
        da_held = any(
            c.id in DA_CRITERIA and c.status is not Status.MET for c in evaluation.criteria
        )
        if not (redact_da and da_held):
            problems.append(f"Eligibility: {evaluation.outcome.label}.")
        problems += [
            f"{c.title}: {c.reason}"
            for c in evaluation.criteria
            if c.status is not Status.MET and not (redact_da and c.id in DA_CRITERIA)
        ]
        if redact_da and da_held:
            problems.append("Screening: see the screening and management-oversight pages.")
    agreement = packs.agreement_for(packs.scheme(case.scheme_id))
    for signer in Signer:
        signature = case.signature(signer)
        if signature is None:
            problems.append(f"{signer.label} has not signed the Participation Agreement.")
        elif signature.text_sha256 != agreement.sha256:
            problems.append(
                f"{signer.label} signed a different text of the agreement (version "
                f"{signature.agreement_version or 'unknown'}); ask them to sign version "
                f"{agreement.version}."
            )
        elif signature.is_blank:
            problems.append(f"{signer.label}'s signature is empty.")
    return problems
