"""What eligibility may say on pages a parent can see: the DA position only in general.

The screening and oversight pages are seen with the practitioner alone; every other page
(the live panel beside the other parent's RSQ, say) shows this instead.
"""

from __future__ import annotations

from rpc_desktop.domain.criteria import Criterion, Status
from rpc_desktop.domain.da_criteria import DA_CRITERIA
from rpc_desktop.domain.eligibility import Evaluation, Outcome

SCREENING = Criterion("screening", "Each parent screened alone", Status.MET, "Done.", "screening_a")
HELD = "On hold: see the screening and management-oversight pages"


def outcome_text(evaluation: Evaluation) -> str:
    if _held(evaluation):
        return HELD
    return evaluation.outcome.label


def criteria(evaluation: Evaluation) -> list[Criterion]:
    """Every criterion, with the DA ones folded into one neutral line."""
    others = [c for c in evaluation.criteria if c.id not in DA_CRITERIA]
    if _held(evaluation) or any(
        c.id in DA_CRITERIA and c.status is not Status.MET for c in evaluation.criteria
    ):
        return [
            *others,
            Criterion(
                "screening",
                SCREENING.title,
                Status.UNKNOWN,
                "See the screening pages.",
                "screening_a",
            ),
        ]
    return [*others, SCREENING]


def _held(evaluation: Evaluation) -> bool:
    return evaluation.outcome in (Outcome.EXCLUDED, Outcome.NEEDS_OVERSIGHT, Outcome.TRIAGE)
