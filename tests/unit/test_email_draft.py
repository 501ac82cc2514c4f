"""The draft to the gateway (issue 13): the marking and reference in the subject, a reminder
to send it from the organisation's secure email, and a sign-off with the sender's name and role."""

from __future__ import annotations

import email
from datetime import UTC, date, datetime
from email import policy
from email.message import EmailMessage

from rpc_desktop.documents.email_draft import Sender, build_email
from tests.helpers import demo_case, packs, varied

NOW = datetime(2026, 12, 18, 10, 30, tzinfo=UTC)


def draft(sender: Sender, scheme_id: str | None = None) -> EmailMessage:
    case = demo_case()
    scheme = packs().scheme(scheme_id or case.scheme_id)
    raw = build_email(case.reference, date(2026, 12, 18), sender, scheme, [], now=NOW)
    message = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def text_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def test_the_subject_carries_the_marking_and_the_reference() -> None:
    case = demo_case()
    subject = str(draft(Sender.from_referrer(case.referrer))["Subject"])
    assert subject.startswith("OFFICIAL-SENSITIVE: ")
    assert case.reference in subject


def test_the_body_signs_off_with_the_referrers_name_and_role() -> None:
    referrer = demo_case().referrer
    body = text_of(draft(Sender.from_referrer(referrer)))
    sign_off = body.split("Kind regards,\n", 1)[1].splitlines()
    assert sign_off[0] == referrer.name
    assert sign_off[1] == f"{referrer.role}, {referrer.organisation}"
    assert referrer.phone in sign_off and referrer.email in sign_off


def test_the_body_reminds_the_sender_to_use_the_organisations_secure_email() -> None:
    referrer = demo_case().referrer
    body = text_of(draft(Sender.from_referrer(referrer)))
    first = body.splitlines()[0]
    assert "secure email" in first and referrer.organisation in first
    assert "personal" in first


def test_a_sender_with_no_details_still_signs_off_and_is_reminded() -> None:
    body = text_of(draft(Sender()))
    assert body.rstrip().endswith("Kind regards,\nReferrer")
    assert "your organisation's secure email" in body


def test_no_family_name_reaches_the_subject_or_the_body() -> None:
    case = varied(demo_case())
    message = draft(Sender.from_referrer(case.referrer))
    words = f"{message['Subject']}\n{text_of(message)}"
    for name in (case.parent_a.name, case.parent_b.name, *(c.name for c in case.children)):
        for part in name.split():
            assert part not in words, part
