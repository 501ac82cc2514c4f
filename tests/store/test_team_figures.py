"""The team's figures: a practitioner's device sends its anonymised rows sealed and encrypted
to the team lead; the team lead's app checks, imports and combines them, never counting a
referral twice; a hostile or altered file is refused with what is wrong, nothing kept."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rpc_desktop.app import team_figures
from rpc_desktop.app.workspace import Workspace
from rpc_desktop.documents import envelope
from rpc_desktop.documents.figures_file import Sender, open_figures, seal_figures
from rpc_desktop.domain.roles import AppRole
from rpc_desktop.errors import NoRecipients, VerifyError
from tests.helpers import PASSPHRASE, demo_case, fast_context, varied

FAMILY = ["Zofia", "Łukasiewicz", "Daniel", "Okafor"]


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    practitioner = Workspace.create(fast_context(tmp_path / "priya"), PASSPHRASE, actor="p")
    lead = Workspace.create(fast_context(tmp_path / "morgan"), PASSPHRASE, actor="m")
    practitioner.store.trust_key(
        lead.device.fingerprint,
        AppRole.TEAM_LEAD,
        "Morgan Lead",
        "key file",
        public_key=lead.device.key.public_openssh.decode(),
    )
    yield practitioner, lead
    practitioner.close(backup=False)
    lead.close(backup=False)


def test_figures_travel_sealed_and_encrypted_and_count_each_referral_once(
    desks: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    practitioner, lead = desks
    practitioner.add_case(demo_case())
    practitioner.add_case(varied(demo_case(), reference="RPC-TEST-0002"))
    out = tmp_path / "shared"
    first = team_figures.send_figures(practitioner, out)
    raw = first.read_bytes()
    assert envelope.is_encrypted(raw)
    assert not any(name.encode() in raw for name in FAMILY)
    check = team_figures.check_figures(lead, first)
    assert not check.trusted and check.file.signer == practitioner.device.fingerprint
    with pytest.raises(VerifyError, match="does not trust"):
        team_figures.import_figures(lead, check)
    merged = team_figures.import_figures(lead, check, trust_as="Priya's laptop")
    assert (merged.added, merged.replaced, merged.kept) == (2, 0, 0)

    # A newer file from the same device, with one more referral: nothing counted twice.
    practitioner.add_case(varied(demo_case(), reference="RPC-TEST-0003"))
    later = datetime.now(UTC) + timedelta(minutes=1)
    second = team_figures.send_figures(practitioner, out, now=later)
    again = team_figures.check_figures(lead, second)
    assert again.trusted, "the key was trusted at the first import"
    merged = team_figures.import_figures(lead, again)
    assert (merged.added, merged.replaced, merged.kept) == (1, 2, 0)
    # The first file arriving again, late: older than what is held, it changes nothing.
    merged = team_figures.import_figures(lead, team_figures.check_figures(lead, first))
    assert (merged.added, merged.replaced, merged.kept) == (0, 0, 2)
    rows = team_figures.team_rows(lead)
    assert sorted(r["reference"] for r in rows) == [
        "RPC-DEMO-0001",
        "RPC-TEST-0002",
        "RPC-TEST-0003",
    ]
    assert team_figures.senders(lead) == {"Priya's laptop": 3}
    assert lead.verify_audit().intact


def test_no_team_lead_key_no_file(tmp_path: Path) -> None:
    alone = Workspace.create(fast_context(tmp_path / "alone"), PASSPHRASE, actor="a")
    try:
        with pytest.raises(NoRecipients, match="The figures file cannot be encrypted") as no:
            team_figures.send_figures(alone, tmp_path / "out")
        assert "unencrypted" not in str(no.value), "figures are never sent unencrypted"
        assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    finally:
        alone.close(backup=False)


def test_a_file_sealed_on_this_device_is_refused(
    desks: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    _practitioner, lead = desks
    own = seal_figures([], lead.device.key, Sender("Morgan", "Hub"), datetime.now(UTC))
    path = tmp_path / "own.rpcfigures"
    path.write_bytes(
        envelope.encrypt(own, [envelope.device_recipient(lead.device.key.public_openssh.decode())])
    )
    with pytest.raises(VerifyError, match="sealed on this device"):
        team_figures.check_figures(lead, path)


def _resealed(key, edit) -> bytes:  # type: ignore[no-untyped-def]
    """A figures file whose payload was changed after sealing (or re-sealed by `key`)."""
    sealed = json.loads(
        seal_figures(
            [{"reference": "RPC-TEST-0001", "scheme": "north-east-relationships-matter"}],
            key,
            Sender("Priya", "Hub"),
            datetime.now(UTC),
        )
    )
    payload = json.loads(sealed["payload"])
    edit(payload)
    sealed["payload"] = json.dumps(payload)
    return json.dumps(sealed).encode()


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (lambda p: p["rows"][0].update({"parent_a_name": "Zofia"}), "a column the figures never"),
        (lambda p: p["rows"][0].update({"area": "x\nInjected"}), "row 1, area is not a short"),
        (lambda p: p["rows"].append(dict(p["rows"][0])), "a referral twice"),
        (lambda p: p.update({"version": 99}), "version 99"),
        (lambda p: p.update({"made_at": "yesterday"}), "not a date"),
        (lambda p: p["rows"][0].pop("reference"), "row 1 has no reference"),
    ],
)
def test_an_altered_file_is_refused_saying_what_and_where(
    desks: tuple[Workspace, Workspace],
    edit,
    says: str,  # type: ignore[no-untyped-def]
) -> None:
    practitioner, _lead = desks
    with pytest.raises(VerifyError, match="does not match"):
        open_figures(_resealed(practitioner.device.key, edit))
    # Even sealed properly, a file holding what figures never hold is refused.
    sealed = json.loads(_resealed(practitioner.device.key, edit))
    payload = sealed["payload"]
    signature = practitioner.device.key.private.sign(payload.encode())
    sealed["seal"]["signature"] = base64.b64encode(signature).decode()
    with pytest.raises(VerifyError, match=says):
        open_figures(json.dumps(sealed).encode())


@pytest.mark.parametrize(
    "data", [b"", b"not json", b"[]", b'{"seal": {}, "payload": 1}', b"{" * 5000]
)
def test_garbage_is_refused_not_a_crash(data: bytes) -> None:
    with pytest.raises(VerifyError, match="figures file was refused"):
        open_figures(data)
