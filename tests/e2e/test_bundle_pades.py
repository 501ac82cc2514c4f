"""Each PDF in a bundle carries a PAdES signature over the whole file, checked by verify."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import bagit
import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from rpc_desktop.cli import main
from rpc_desktop.documents.bundle import PDF_KEYS, document_names
from rpc_desktop.documents.device import Device, one_off_device
from rpc_desktop.documents.seal import SEAL_FILE, SEALED_FILE, seal_bytes
from rpc_desktop.documents.verify import VerifyStatus, verify_bundle
from tests.helpers import PASSPHRASE, home_device, make_store

REF = "RPC-DEMO-0001"
DER = Encoding.DER


@pytest.fixture
def bundle(
    tmp_path: Path,
    isolated_home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """The demo bundle, sealed and signed as this device (its keys kept in its store)."""
    make_store(isolated_home)
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", PASSPHRASE)
    assert main(["demo", "--device", "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    return tmp_path / "out" / f"{REF}-v1"


def _pdfs(folder: Path) -> list[Path]:
    names = document_names(REF)
    return [folder / "data" / names[k] for k in PDF_KEYS]


def _pyhanko_status(data: bytes):  # type: ignore[no-untyped-def]
    signature = PdfFileReader(BytesIO(data), strict=False).embedded_signatures[0]
    context = ValidationContext(trust_roots=[signature.signer_cert], allow_fetching=False)
    return validate_pdf_signature(signature, context)


def test_pyhanko_validates_every_pdf_of_a_fresh_bundle(bundle: Path, isolated_home: Path) -> None:
    device = home_device(isolated_home)
    for pdf in _pdfs(bundle):
        data = pdf.read_bytes()
        signatures = PdfFileReader(BytesIO(data), strict=False).embedded_signatures
        assert len(signatures) == 1, pdf.name
        assert signatures[0].signer_cert.dump() == device.pdf.certificate.public_bytes(DER)
        status = _pyhanko_status(data)
        assert status.intact and status.valid and status.trusted, pdf.name
        assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE, pdf.name


def test_one_changed_byte_fails_pyhanko_and_verify(bundle: Path, isolated_home: Path) -> None:
    device = home_device(isolated_home)
    pdf = _pdfs(bundle)[0]
    data = bytearray(pdf.read_bytes())
    at = data.index(b"stream") + 40  # inside the first page's content stream
    data[at] ^= 0x01
    status = _pyhanko_status(bytes(data))
    assert not status.intact
    pdf.write_bytes(bytes(data))
    result = verify_bundle(bundle, {device.fingerprint})
    assert result.status is VerifyStatus.TAMPERED
    assert any(pdf.name in p for p in result.problems)


def _reseal(folder: Path, device: Device) -> None:
    """Re-make the manifests and the seal with the device's own key, as a buggy build
    would: the bag then checks out, and only the PDF signature can tell."""
    (folder / SEAL_FILE).unlink()
    bag = bagit.Bag(str(folder))
    bag.save(manifests=True)
    (folder / SEAL_FILE).write_bytes(
        seal_bytes(device.key.seal((folder / SEALED_FILE).read_bytes()))
    )


def test_a_signature_that_does_not_cover_the_whole_file_fails_verify(
    bundle: Path, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = _pdfs(bundle)[3]
    pdf.write_bytes(pdf.read_bytes() + b"\n% appended after signing\n")
    _reseal(bundle, home_device(isolated_home))
    assert main(["verify", str(bundle)]) == 4
    report = json.loads(capsys.readouterr().out)
    assert report["status"] == "tampered"
    assert any(
        pdf.name in p and "does not cover the whole file" in p for p in report["problems"]
    ), report


def test_a_pdf_signed_with_another_certificate_fails_verify(
    bundle: Path, isolated_home: Path, tmp_path: Path
) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from rpc_desktop.documents.pades import sign_pdf

    pdf = _pdfs(bundle)[3]  # the summary: not among the documents the fingerprint covers
    other = one_off_device()
    buffer = BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Referral summary")
    canvas.save()
    pdf.write_bytes(sign_pdf(buffer.getvalue(), other.pdf, reason="not ours"))
    _reseal(bundle, home_device(isolated_home))
    result = verify_bundle(bundle, {home_device(isolated_home).fingerprint})
    assert result.status is VerifyStatus.TAMPERED
    assert any(pdf.name in p and "different certificate" in p for p in result.problems), (
        result.problems
    )


def test_verify_one_pdf_from_the_command_line(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = _pdfs(bundle)[2]
    assert main(["verify", str(pdf)]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "intact"
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(pdf.read_bytes() + b" ")
    assert main(["verify", str(changed)]) == 4
    assert "does not cover the whole file" in capsys.readouterr().out
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_text("hello")
    assert main(["verify", str(not_pdf)]) == 2
