"""The whole team's figures (issue 14): a practitioner's device sends its anonymised
monitoring rows to the team lead as a sealed, encrypted file (by the same route as bundles:
sealed with the device key, encrypted to the team leads' keys it trusts); the team lead's app
checks, imports and combines them with its own, never counting a referral twice.

A referral is counted once, by its reference: a newer file from a device replaces what it
sent before; an older file arriving late changes nothing; a referral on the team lead's own
device counts as its own row. Every send, import and refusal is audited, with counts only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from rpc_desktop.app import figures
from rpc_desktop.app.review import read_at_most, refuse_own
from rpc_desktop.app.workspace import Workspace
from rpc_desktop.documents import envelope
from rpc_desktop.documents.figures_file import (
    MAX_FILE_BYTES,
    SUFFIX,
    FiguresFile,
    Sender,
    open_figures,
    seal_figures,
)
from rpc_desktop.domain.roles import AppRole
from rpc_desktop.errors import BundleError, NoRecipients, VerifyError
from rpc_desktop.files import write_new_private
from rpc_desktop.store import audit
from rpc_desktop.store import team_figures as kept
from rpc_desktop.store.team_figures import Merged as Merged


def sender(workspace: Workspace) -> Sender:
    profile = workspace.context.settings.profile
    return Sender(profile.name.strip(), profile.organisation.strip())


def send_figures(workspace: Workspace, folder: Path, *, now: datetime | None = None) -> Path:
    """Write this device's figures, sealed and encrypted to the team leads it trusts, as a
    new file in `folder`; never overwrites. NoRecipients if it trusts no team lead's key."""
    now = now or datetime.now(UTC)
    recipients = workspace.recipients()
    if not recipients.team_leads:
        raise NoRecipients(recipients.refusal("The figures file", may_go_unencrypted=False))
    rows = figures.monitoring_rows(workspace, now.astimezone().date())
    device = workspace.device
    sealed = seal_figures(rows, device.key, sender(workspace), now)
    data = envelope.encrypt(sealed, recipients.all())
    short = "".join(device.fingerprint.split()[:2]).lower()
    path = folder / f"figures-{short}-{now.astimezone():%Y%m%d-%H%M%S}{SUFFIX}"
    try:
        write_new_private(path, data)
    except OSError as exc:
        raise BundleError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    workspace.record_event("figures-sent", detail=f"{len(rows)} referrals")
    return path


@dataclass(frozen=True)
class FiguresCheck:
    file: FiguresFile
    trusted: bool
    """Sealed by a practitioner's key this device trusts (else: ask before importing)."""


def check_figures(workspace: Workspace, path: Path) -> FiguresCheck:
    """Read, decrypt and verify a figures file before anything of it is kept. VerifyError
    (audited) says what is wrong."""
    try:
        raw = read_at_most(path, MAX_FILE_BYTES + envelope.ENVELOPE_ALLOWANCE, "a figures file")
        if not envelope.is_encrypted(raw):
            raise VerifyError(f"{path.name} is not an encrypted figures file.")
        found = open_figures(envelope.decrypt_for_device(raw, workspace.device.key))
        refuse_own(found.signer, workspace.device, "This figures file")
    except VerifyError as exc:
        workspace.record_event("figures-refused", detail=type(exc).__name__)
        raise
    return FiguresCheck(found, found.signer in workspace.trusted(AppRole.PRACTITIONER))


def import_figures(workspace: Workspace, check: FiguresCheck, *, trust_as: str = "") -> Merged:
    """Keep a checked file's rows; `trust_as` (a label) trusts its key first, once the user
    compared the fingerprint."""
    found = check.file
    if not check.trusted and not trust_as:
        raise VerifyError(
            f"The figures file was sealed by a key this device does not trust ({found.signer})."
        )
    store = workspace.store
    if not check.trusted:
        store.trust_key(found.signer, AppRole.PRACTITIONER, trust_as, "first use")
    named = found.sender.words() or trust_as or key_label(workspace, found.signer)
    with store.transaction() as conn:
        merged = kept.merge(
            conn,
            device=found.signer,
            sender=named,
            made_at=found.made_at,
            rows=found.rows,
            now=datetime.now(UTC),
        )
        audit.append(
            conn,
            store.actor,
            "figures-imported",
            "",
            f"{merged.added} new, {merged.replaced} replaced, {merged.kept} kept",
        )
    return merged


def key_label(workspace: Workspace, fingerprint: str) -> str:
    """What the user (or IT) called a trusted key, or its first groups."""
    label = next((k.label for k in workspace.trusted_keys() if k.fingerprint == fingerprint), "")
    return label or "Key " + " ".join(fingerprint.split()[:2])


def team_rows(workspace: Workspace, today: date | None = None) -> list[dict[str, str]]:
    """Every referral the team lead can count once: other devices' rows and this device's
    own (its own row wins: it is the live one)."""
    with workspace.store.engine.connect() as conn:
        combined = {row["reference"]: row for row in kept.rows(conn)}
    combined.update((row["reference"], row) for row in figures.monitoring_rows(workspace, today))
    return list(combined.values())


def senders(workspace: Workspace) -> dict[str, int]:
    """Whose figures are held, and how many referrals from each."""
    with workspace.store.engine.connect() as conn:
        return kept.senders(conn)
