"""The keys this device trusts, and whom its bundles are encrypted to: a part of Workspace,
kept in its own module.

A practitioner's key is trusted for the bundles it seals (on a team lead's device); a team
lead's for the review notes it seals and, once its key is held in full, as a recipient of
every bundle sent for review. A team lead's key arrives in full from a key file the user
adds (after comparing its fingerprint), from IT's configuration (`public_key`), or from
the first review note it seals.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rpc_desktop.app import review
from rpc_desktop.app.send import Recipients
from rpc_desktop.domain.roles import AppRole

if TYPE_CHECKING:
    from rpc_desktop.app.context import AppContext
    from rpc_desktop.documents.device import Device
    from rpc_desktop.documents.envelope import Recipient
    from rpc_desktop.store.reviews import TrustedKeyInfo
    from rpc_desktop.store.store import Store

log = logging.getLogger(__name__)

MAX_KEY_FILE = 16 * 1024


@dataclass(frozen=True)
class KeyOffer:
    """A key file read, to compare its fingerprint before trusting it."""

    fingerprint: str
    public_key: str
    comment: str
    """What the file says it is (the text after the key on its line), if anything."""


class TrustedKeys:
    context: AppContext
    store: Store

    @property
    def device(self) -> Device:
        raise NotImplementedError

    def trusted(self, role: AppRole) -> set[str]:
        """The keys trusted for one purpose (a practitioner's: bundles; a team lead's: review
        notes), by IT and by this user. Never this device's own."""
        return review.trusted_fingerprints(self.store, role, self.context.trusted_by_it(role))

    def trusted_keys(self) -> list[TrustedKeyInfo]:
        """The keys this user trusted (IT's are in the context's configuration)."""
        return self.store.trusted_keys()

    def trusted_key_lines(self) -> list[str]:
        """Every key this device trusts, IT's then the user's, one line each in words."""

        def held(public_key: str, role: AppRole) -> str:
            if role is not AppRole.TEAM_LEAD:
                return ""
            return "; bundles are encrypted to it" if public_key else "; fingerprint only"

        it_keys = [
            f"{k.fingerprint}  ({k.name or 'no name'}; {k.role.label.lower()}; set by IT"
            f"{held(k.public_key, k.role)})"
            for k in self.context.config.trusted_keys
        ]
        user_keys = [
            f"{k.fingerprint}  ({k.label or 'no name'}; {k.role.label.lower()}; {k.source}, "
            f"{k.added_at.astimezone():%d %b %Y}{held(k.public_key, k.role)})"
            for k in self.trusted_keys()
        ]
        return it_keys + user_keys

    # --- whom bundles are encrypted to -------------------------------------------------

    def recipients(self) -> Recipients:
        """The team leads this device holds in full (the user's, then IT's), and IT's
        recovery key when one is configured."""
        from rpc_desktop.documents.envelope import Recipient, device_recipient

        leads: dict[str, Recipient] = {}
        partial: list[str] = []
        for key in self.store.trusted_keys(AppRole.TEAM_LEAD):
            if key.public_key:
                leads[key.fingerprint] = device_recipient(key.public_key, key.label)
            else:
                partial.append(key.label or key.fingerprint)
        for it_key in self.context.config.team_lead_keys():
            leads.setdefault(it_key.fingerprint, device_recipient(it_key.public_key, it_key.name))
        for it_key in self.context.config.trusted_keys:
            if it_key.role is AppRole.TEAM_LEAD and it_key.fingerprint not in leads:
                partial.append(it_key.name or it_key.fingerprint)
        named = tuple(
            Recipient(r.text, r.label or f"team lead {fingerprint[:9]}")
            for fingerprint, r in leads.items()
        )
        return Recipients(named, self._recovery_recipient(), tuple(dict.fromkeys(partial)))

    def _recovery_recipient(self) -> Recipient | None:
        from rpc_desktop.app.context import read_key_file
        from rpc_desktop.documents.envelope import recovery_recipient
        from rpc_desktop.errors import StoreError
        from rpc_desktop.store.keys import load_recovery_public_key

        source = self.context.config.recovery_public_key
        if source is None:
            return None
        try:
            public = load_recovery_public_key(read_key_file(source))
        except (StoreError, ValueError, OSError):
            return None  # reported with IT's set-up problems
        recipient: Recipient = recovery_recipient(public)
        return recipient

    def learn_keys_from_notes(self) -> int:
        """For team leads trusted by fingerprint only, the key itself from a review note of
        theirs already kept (a store from before keys were kept in full): bundles can then
        be encrypted to them. Returns how many were learnt; cheap when none lacks one."""
        from rpc_desktop.documents.review_note import read_note
        from rpc_desktop.errors import VerifyError

        lacking = {
            k.fingerprint for k in self.store.trusted_keys(AppRole.TEAM_LEAD) if not k.public_key
        }
        learnt = 0
        for data in self.store.kept_notes() if lacking else []:
            try:
                note = read_note(data)
            except VerifyError:
                continue
            if note.signer in lacking:
                self.store.learn_public_key(note.signer, note.signer_public_key)
                lacking.discard(note.signer)
                learnt += 1
        return learnt

    # --- key files ---------------------------------------------------------------------

    def read_key_offer(self, path: Path) -> KeyOffer:
        """A device key file (one `ssh-ed25519 …` line, as Save this device's key file
        writes it), read to show its fingerprint before it is trusted."""
        from rpc_desktop.documents.envelope import openssh_fingerprint
        from rpc_desktop.errors import BundleError, VerifyError

        data = review.read_at_most(path, MAX_KEY_FILE, "a device key file")
        if b"PRIVATE KEY" in data:
            raise VerifyError(
                f"{path.name} holds a private key: never pass one on. Ask for the key file "
                "their app saves (Device key…, then Save this device's key file)."
            )
        line = next(
            (t.strip() for t in data.decode("utf-8", "replace").splitlines() if t.strip()), ""
        )
        try:
            fingerprint = openssh_fingerprint(line)
        except BundleError as exc:
            raise VerifyError(f"{path.name}: {exc}") from None
        kind, body, *comment = line.split(maxsplit=2)
        return KeyOffer(fingerprint, f"{kind} {body}", comment[0] if comment else "")

    def trust_key_offer(self, offer: KeyOffer, role: AppRole, label: str) -> None:
        """Trust a key file's key, once the user compared its fingerprint."""
        from rpc_desktop.errors import VerifyError

        if offer.fingerprint == self.device.fingerprint:
            raise VerifyError("That is this device's own key: add the other person's.")
        self.store.trust_key(offer.fingerprint, role, label, "key file", offer.public_key)
        log.info("key trusted from a key file as %s", role.value)

    def key_file_text(self) -> str:
        """This device's key file: its public sealing key on one line, then who it is."""
        profile = self.context.settings.profile
        who = " ".join(f"{profile.name} {profile.organisation}".split()) or "RPC Referral Desktop"
        return f"{self.device.key.public_openssh.decode('ascii')} {who}\n"

    def save_key_file(self, folder: Path) -> Path:
        """Write this device's key file into `folder` for a colleague (never overwriting)."""
        from rpc_desktop.errors import BundleError
        from rpc_desktop.files import write_new_private

        path = (
            folder
            / f"rpc-device-key-{self.device.fingerprint[:4]}{self.device.fingerprint[5:9]}.pub"
        )
        if path.exists():
            raise BundleError(f"{path} already exists: it is probably this key already.")
        write_new_private(path, self.key_file_text().encode("utf-8"))
        return path
