"""The .eml draft to the gateway: opens in a desktop mail client as an unsent message."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path

from rpc_desktop.domain.calendar import timeline
from rpc_desktop.domain.case import Case
from rpc_desktop.domain.dates import long_date
from rpc_desktop.domain.scheme import Scheme

EMAIL = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+")


def build_email(case: Case, scheme: Scheme, attachments: Sequence[Path], *, now: datetime) -> bytes:
    """No names in the subject or body: previews and mail logs show them to others."""
    msg = EmailMessage(policy=SMTP)
    if scheme.gateway.email:
        msg["To"] = f"{scheme.gateway.name} <{scheme.gateway.email}>"
    if EMAIL.fullmatch(case.referrer.email.strip()):
        msg["From"] = case.referrer.email.strip()
    msg["Subject"] = f"RPC referral {case.reference} – {scheme.name}"
    msg["Date"] = format_datetime(now)
    msg["X-Unsent"] = "1"
    referral = case.referral_date or now.date()
    steps = "\n".join(
        f"  - {entry.step.label}: by {long_date(entry.due)}"
        for entry in timeline(referral, scheme.timeline)
    )
    body = (
        f"Dear {scheme.gateway.name},\n\n"
        f"Please find attached a referral to {scheme.name} ({scheme.region}), case reference "
        f"{case.reference}, dated {long_date(referral)}.\n\n"
        "Attached: the Referral Stage Questionnaire for each parent, the signed Participation "
        "Agreement and the referral summary.\n\n"
        f"Expected timeline (working days):\n{steps}\n\n"
        f"Kind regards,\n{case.referrer.role or 'Referrer'}, {case.referrer.organisation}\n"
        f"{case.referrer.phone}\n"
    )
    if not scheme.gateway.email:
        body = (
            "[This scheme publishes no gateway address: add the recipient before sending.]"
            "\n\n" + body
        )
    msg.set_content(body)
    for path in attachments:
        msg.add_attachment(
            path.read_bytes(), maintype="application", subtype="pdf", filename=path.name
        )
    return msg.as_bytes()
