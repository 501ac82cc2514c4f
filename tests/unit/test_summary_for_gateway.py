"""The referral summary gives the gateway what it needs (issue 13): the reason in the
practitioner's words, social care, each parent's date of birth (a parent under 18 can be
referred), the practical needs the scheme funds; and no technical fingerprints."""

from __future__ import annotations

from datetime import date

from rpc_desktop.domain.case import SocialCare
from tests.helpers import demo_case, varied
from tests.unit.test_documents import flat, pdf_text, summary_pdf


def test_the_summary_says_why_social_care_ages_and_needs() -> None:
    case = demo_case()
    assert case.rsq_a is not None and case.referral_date is not None
    answers = {
        **case.rsq_a.answers,
        "childcare-needed": "yes",
        "childcare-detail": "Ada, 3, at home on Tuesdays",
        "travel": "need-help",
    }
    born = date(case.referral_date.year - 17, 1, 2)
    case = varied(
        case,
        **{
            "reason": "Arguments at handovers are upsetting Maja; both parents asked for help.",
            "social_care": SocialCare.EARLY_HELP,
            "parent_a.date_of_birth": born,
            "parent_b.interpreter_needed": True,
            "parent_b.preferred_language": "Polish",
        },
    )
    case = case.model_copy(update={"rsq_a": case.rsq_a.model_copy(update={"answers": answers})})
    text = flat(pdf_text(summary_pdf(case)))
    assert "Arguments at handovers are upsetting Maja; both parents asked for help." in text
    assert "Children's social care Early help" in text
    assert "(age 17, under 18)" in text
    assert "Childcare: Ada, 3, at home on Tuesdays; Help with travel" in text
    assert "An interpreter (Polish)" in text
    assert "ab" * 32 not in text.replace(" ", "") and "FFFF FFFF" not in text
    assert "fingerprint" not in text.lower()


def test_nothing_recorded_is_said_plainly() -> None:
    case = varied(demo_case(), reason="", social_care=None)
    text = flat(pdf_text(summary_pdf(case)))
    assert "Reason for referral Not given" in text
    assert "Children's social care Not recorded" in text
