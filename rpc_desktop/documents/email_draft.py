"""The .eml draft to the gateway: opens in a desktop mail client as an unsent message."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from rpc_desktop.documents.styles import MARKING
from rpc_desktop.domain.calendar import clock_start_note, timeline
from rpc_desktop.domain.case import Referrer
from rpc_desktop.domain.dates import long_date
from rpc_desktop.domain.scheme import Scheme

EMAIL = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+")


@dataclass(frozen=True)
class Sender:
    """Who the draft is from: the referrer, or the team lead who approved the referral."""

    email: str = ""
    role: str = ""
    organisation: str = ""
    phone: str = ""
    name: str = ""

    @classmethod
    def from_referrer(cls, referrer: Referrer) -> Sender:
        return cls(
            referrer.email, referrer.role, referrer.organisation, referrer.phone, referrer.name
        )

    def sign_off(self) -> str:
        """Name, then role and organisation, then how to reach them: one line each."""
        role = ", ".join(x.strip() for x in (self.role, self.organisation) if x.strip())
        lines = (self.name.strip() or "Referrer", role, self.phone.strip(), self.email.strip())
        return "\n".join(line for line in lines if line)


def secure_email_reminder(sender: Sender) -> str:
    """For the sender, at the top of the draft: the body holds OFFICIAL-SENSITIVE details."""
    where = (
        f"{sender.organisation.strip()}'s" if sender.organisation.strip() else "your organisation's"
    )
    return (
        f"[Before sending: send this only from {where} secure email, never from a personal "
        "account, and delete this line.]"
    )


def build_email(
    reference: str,
    referral: date,
    sender: Sender,
    scheme: Scheme,
    attachments: Sequence[tuple[str, bytes]],
    *,
    now: datetime,
    note: str = "",
) -> bytes:
    """No family's names in the subject or body: previews and mail logs show them to others.
    The subject carries the protective marking and the reference; the sender signs off."""
    msg = EmailMessage(policy=SMTP)
    if scheme.gateway.email:
        msg["To"] = f"{scheme.gateway.name} <{scheme.gateway.email}>"
    if EMAIL.fullmatch(sender.email.strip()):
        msg["From"] = sender.email.strip()
    msg["Subject"] = f"{MARKING}: RPC referral {reference} – {scheme.name}"
    msg["Date"] = format_datetime(now)
    msg["X-Unsent"] = "1"
    steps = "\n".join(
        f"  - {entry.step.label}: by {long_date(entry.due)}"
        for entry in timeline(referral, scheme.timeline)
    )
    body = (
        f"Dear {scheme.gateway.name},\n\n"
        f"Please find attached a referral to {scheme.name} ({scheme.region}), case reference "
        f"{reference}, dated {long_date(referral)}.\n\n"
        "Attached: the Referral Stage Questionnaire for each parent, the signed Participation "
        "Agreement and the referral summary.\n\n"
        + (f"{note}\n\n" if note else "")
        + f"Expected timeline (working days):\n{steps}\n\n"
        + (f"{start}\n\n" if (start := clock_start_note(referral)) else "")
        + f"Kind regards,\n{sender.sign_off()}\n"
    )
    notes = [secure_email_reminder(sender)]
    if not scheme.gateway.email:
        notes.append(
            "[This scheme publishes no gateway address: add the recipient before sending.]"
        )
    body = "\n\n".join([*notes, body])
    msg.set_content(body)
    for name, data in attachments:
        msg.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return msg.as_bytes()
