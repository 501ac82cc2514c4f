"""The referral summary gives the gateway what it needs (issue 13): the reason in the
practitioner's words, social care, each parent's date of birth (a parent under 18 can be
referred), the practical needs the scheme funds; and no technical fingerprints."""

from __future__ import annotations

import email
import json
from datetime import UTC, date, datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from rpc_desktop.cli.entry import main
from rpc_desktop.documents.email_draft import Sender, build_email
from rpc_desktop.domain.case import SocialCare
from tests.helpers import demo_case, packs, varied
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


def test_a_referral_on_a_bank_holiday_says_when_the_clock_starts() -> None:
    christmas = date(2026, 12, 25)
    case = varied(demo_case(), referral_date=christmas)
    text = flat(pdf_text(summary_pdf(case)))
    assert "Referral sent 0 25 December 2026" in text
    assert "Clock starts (the next working day) 0 29 December 2026" in text
    assert "the clock starts on the next working day, Tuesday 29 December 2026" in text
    # On a working day nothing more is said.
    plain = flat(pdf_text(summary_pdf(varied(demo_case(), referral_date=date(2026, 12, 18)))))
    assert "Clock starts" not in plain


def test_the_email_and_the_check_say_it_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = demo_case()
    scheme = packs().scheme(case.scheme_id)
    sender = Sender.from_referrer(case.referrer)
    now = datetime(2026, 12, 27, 9, tzinfo=UTC)
    draft = build_email(case.reference, date(2026, 12, 26), sender, scheme, [], now=now)
    body = email.message_from_bytes(draft, policy=policy.default)
    assert isinstance(body, EmailMessage)
    part = body.get_body(("plain",))
    assert part is not None
    words = " ".join(part.get_content().split())
    assert "the clock starts on the next working day, Tuesday 29 December 2026" in words
    saturday = tmp_path / "case.json"
    saturday.write_text(
        varied(case, referral_date=date(2027, 1, 2)).model_dump_json(), encoding="utf-8"
    )
    assert main(["check", str(saturday)]) == 0
    assert json.loads(capsys.readouterr().out)["clock_starts"] == "2027-01-04"
