"""Typed signatures (issue 12): the verb, the model, old case files, the PDFs, a bundle."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from rpc_desktop.documents.bundle import build_bundle
from rpc_desktop.documents.device import one_off_device
from rpc_desktop.documents.verify import verify_bundle
from rpc_desktop.domain import editing
from rpc_desktop.domain.case import CASE_SCHEMA_VERSION, Case, Signature, SignatureKind, Signer
from rpc_desktop.domain.casefile import parse_case
from rpc_desktop.domain.eligibility import evaluate
from rpc_desktop.domain.readiness import readiness_problems
from rpc_desktop.domain.signatures import attestation_text
from rpc_desktop.errors import RpcError
from tests.helpers import RESOURCES, demo_case, packs
from tests.unit.test_documents import agreement_pdf, flat, pdf_text, summary_pdf

AT = datetime(2026, 12, 18, 10, 5, tzinfo=UTC)


def agreement():  # type: ignore[no-untyped-def]
    case = demo_case()
    return packs().agreement_for(packs().scheme(case.scheme_id))


def typed_case(*signers: Signer) -> Case:
    """The demo family with `signers` signing by typing their names."""
    case = demo_case()
    for signer in signers:
        name, _role = editing.signer_details(case, signer)
        case = editing.sign_typed(case, signer, agreement(), name, attested_in_person=True, at=AT)
    return case


# --- the verb and the model ------------------------------------------------------------


def test_a_typed_signature_records_the_name_and_who_attested_it() -> None:
    case = editing.sign_typed(
        demo_case(),
        Signer.PARENT_B,
        agreement(),
        "  Daniel   Okafor ",
        attested_in_person=True,
        at=AT,
    )
    signature = case.signature(Signer.PARENT_B)
    assert signature is not None
    assert signature.kind is SignatureKind.TYPED and signature.typed
    assert signature.typed_name == "Daniel Okafor"
    assert signature.attested_in_person
    assert signature.attested_by == case.referrer.name == "Priya Ramsden"
    assert signature.strokes == [] and not signature.is_blank
    assert signature.text_sha256 == agreement().sha256
    assert case.schema_version == CASE_SCHEMA_VERSION == 2
    assert len(case.signatures) == 3, "it replaced Parent B's drawn signature"


def test_without_the_attestation_a_typed_signature_is_refused() -> None:
    case = demo_case()
    with pytest.raises(editing.EditError, match="given in person, in front of you"):
        editing.sign_typed(
            case, Signer.PARENT_A, agreement(), "Zofia Łukasiewicz", attested_in_person=False, at=AT
        )
    assert case.signature(Signer.PARENT_A) is not None and not case.signature(Signer.PARENT_A).typed


def test_an_empty_typed_name_is_refused() -> None:
    with pytest.raises(editing.EditError, match="type the full name"):
        editing.sign_typed(
            demo_case(), Signer.PARENT_A, agreement(), "   ", attested_in_person=True, at=AT
        )


def test_a_typed_signature_needs_a_practitioner_to_attest_it() -> None:
    case = demo_case()
    case = case.model_copy(update={"referrer": case.referrer.model_copy(update={"name": ""})})
    with pytest.raises(editing.EditError, match="records who confirmed it"):
        editing.sign_typed(
            case, Signer.PARENT_A, agreement(), "Zofia", attested_in_person=True, at=AT
        )


def test_the_model_refuses_a_typed_signature_without_attestation() -> None:
    data = typed_case(Signer.PARENT_A).signature(Signer.PARENT_A).model_dump(mode="json")  # type: ignore[union-attr]
    for change in ({"attested_in_person": False}, {"attested_by": ""}, {"typed_name": ""}):
        with pytest.raises(ValueError, match="typed signature"):
            Signature.model_validate({**data, **change})
    with pytest.raises(ValueError, match="no drawn strokes"):
        Signature.model_validate({**data, "strokes": [[{"x": 0.1, "y": 0.1}]]})
    drawn = demo_case().signatures[0].model_dump(mode="json")
    with pytest.raises(ValueError, match="drawn signature has no typed name"):
        Signature.model_validate({**drawn, "typed_name": "Zofia"})


def test_unsign_takes_a_typed_signature_away() -> None:
    case = editing.unsign(typed_case(Signer.PARENT_A), Signer.PARENT_A)
    assert case.signature(Signer.PARENT_A) is None


OLD_CASE_FILE = Path(__file__).parents[1] / "fixtures" / "demo-case-schema-1.json"
"""The demo case as version 0.1 wrote it (questionnaire and agreement 2026.1)."""


def test_an_old_case_file_without_the_new_fields_loads_as_drawn() -> None:
    raw = json.loads(OLD_CASE_FILE.read_text(encoding="utf-8"))
    assert raw["schema_version"] == 1
    assert all("kind" not in s and "typed_name" not in s for s in raw["signatures"])
    case = parse_case(json.dumps(raw))
    assert [s.kind for s in case.signatures] == [SignatureKind.DRAWN] * 3
    assert all(not s.typed and s.strokes for s in case.signatures)


def test_a_typed_case_round_trips_through_json() -> None:
    case = typed_case(Signer.PARENT_A, Signer.LINK_WORKER)
    again = parse_case(case.model_dump_json())
    assert again == case
    assert again.signature(Signer.PARENT_A).typed  # type: ignore[union-attr]
    assert not again.signature(Signer.PARENT_B).typed  # type: ignore[union-attr]


def test_a_typed_signature_counts_for_readiness() -> None:
    case = typed_case(*Signer)
    scheme = packs().scheme(case.scheme_id)
    evaluation = evaluate(case, scheme, case.referral_date, packs=packs())
    assert readiness_problems(case, packs(), evaluation) == []


def test_the_attestation_names_the_signer_and_the_day() -> None:
    assert attestation_text("Zofia Łukasiewicz", AT) == (
        "I confirm Zofia Łukasiewicz gave this signature in person, in front of me, "
        "on 18 December 2026."
    )
    assert "myself" in attestation_text("Priya", AT, own=True)


# --- the PDFs -------------------------------------------------------------------------


def test_the_agreement_prints_a_typed_signature_as_typed() -> None:
    data = agreement_pdf(typed_case(Signer.PARENT_B))
    text = flat(pdf_text(data))
    assert (
        "Typed signature, given in person — attested by Priya Ramsden on "
        "18 December 2026, 10:05 GMT"
    ) in text, "UK time (issue 13)"
    assert text.count("Typed signature, given in person") == 1, "only Parent B typed"
    assert "Name as typed Daniel Okafor" in text
    assert "TYPED" in text


def test_a_typed_signature_draws_no_strokes() -> None:
    drawn = PdfReader(BytesIO(agreement_pdf(demo_case()))).pages[-1]
    typed = PdfReader(BytesIO(agreement_pdf(typed_case(*Signer)))).pages[-1]
    assert drawn.get_contents().get_data().count(b" l") > 100
    assert typed.get_contents().get_data().count(b" l") < 40, "table rules only, no strokes"


def test_the_summary_lists_how_each_signer_signed() -> None:
    text = flat(pdf_text(summary_pdf(typed_case(Signer.PARENT_B))))
    assert "Parent A Zofia Łukasiewicz: drawn, 18 December 2026" in text
    assert (
        "Parent B Daniel Okafor: typed, attested in person by Priya Ramsden, "
        "18 December 2026, 10:05 GMT"
    ) in text


def test_hostile_typed_names_still_give_valid_pdfs() -> None:
    for name in ("<b>x</b> & </para>", "\x00\x1b[31mred", "محمد عبد الله", "W" * 200):
        case = editing.sign_typed(
            demo_case(), Signer.PARENT_A, agreement(), name, attested_in_person=True, at=AT
        )
        assert "Typed signature" in flat(pdf_text(agreement_pdf(case)))


# --- a bundle -------------------------------------------------------------------------


def test_a_bundle_with_typed_signatures_builds_and_verifies(tmp_path: Path) -> None:
    case = typed_case(*Signer)
    device = one_off_device()
    built = build_bundle(case, packs(), tmp_path / "out", device, fonts_dir=RESOURCES / "fonts")
    result = verify_bundle(built.file, {device.fingerprint})
    assert result.ok, result.problems
    assert result.contents is not None
    pdfs = result.contents.pdfs
    agreement_file = next(v for k, v in pdfs.items() if k.endswith("agreement.pdf"))
    assert flat(pdf_text(agreement_file)).count("Typed signature, given in person") == 3
    summary_file = next(v for k, v in pdfs.items() if k.endswith("summary.pdf"))
    assert flat(pdf_text(summary_file)).count("typed, attested in person") == 3


def test_a_typed_signature_without_attestation_cannot_reach_a_bundle(tmp_path: Path) -> None:
    data = typed_case(Signer.PARENT_A).model_dump(mode="json")
    data["signatures"][-1]["attested_in_person"] = False
    with pytest.raises(RpcError, match="given in person"):
        parse_case(json.dumps(data))
