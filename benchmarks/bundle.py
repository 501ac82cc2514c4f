"""Building the demo bundle next to plain ReportLab building four comparable 3-page documents.

Ours: four PDFs with an embedded TTF, each PAdES-signed, the email draft, the checklist,
BagIt manifests, the Ed25519 seal and the zipped bundle file. Baselines, in the same run:
four 3-page platypus documents in Helvetica with a title, a table and question/answer
paragraphs, written to disk (goal ≤ 2.0, set before the PDFs were signed); and the same four
documents each signed with pyHanko's documented simple API and the same certificate, the
bare cost of what the bundle now does (goal ≤ 2.0). Last, the bundle as it travels to the
team lead: built and encrypted (age) to a team lead's key and IT's recovery key, against the
same signed baseline (goal ≤ 1.2).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from io import BytesIO
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import interleaved, report
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from rpc_desktop.app import paths
from rpc_desktop.documents.bundle import build_bundle
from rpc_desktop.documents.device import one_off_device
from rpc_desktop.documents.envelope import device_recipient, encrypt, recovery_recipient
from rpc_desktop.domain.casefile import read_case
from rpc_desktop.domain.packs import load_packs

RES = paths.resources_dir()
PACKS = load_packs(RES)
CASE = read_case(RES / "demo" / "case.json")
WORK = Path(tempfile.mkdtemp(prefix="rpc-bench-"))
DEVICE = one_off_device()
RECIPIENTS = [
    device_recipient(one_off_device().key.public_openssh.decode(), "team lead"),
    recovery_recipient(X25519PrivateKey.generate().public_key()),
]
# pyHanko's simple API loads PEM files: the same key and certificate, written for it.
(WORK / "keys").mkdir()
(WORK / "keys" / "device-pdf-key.pem").write_bytes(
    DEVICE.pdf.private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
)
(WORK / "keys" / "device-pdf-cert.pem").write_bytes(
    DEVICE.pdf.certificate.public_bytes(serialization.Encoding.PEM)
)
STYLES = getSampleStyleSheet()
counter = 0
QUESTIONS = 52  # three A4 pages a document, as the demo bundle averages


def ours() -> None:
    global counter
    counter += 1
    out = WORK / f"run-{counter}"
    build_bundle(CASE, PACKS, out, DEVICE, fonts_dir=RES / "fonts")
    shutil.rmtree(out)


def ours_encrypted() -> None:
    """Built, then encrypted as Send for review does, and the encrypted file written."""
    global counter
    counter += 1
    out = WORK / f"run-{counter}"
    built = build_bundle(CASE, PACKS, out, DEVICE, fonts_dir=RES / "fonts")
    (WORK / f"run-{counter}.age").write_bytes(encrypt(built.file.read_bytes(), RECIPIENTS))
    (WORK / f"run-{counter}.age").unlink()
    shutil.rmtree(out)


def baseline(sign: bool = False) -> None:
    global counter
    counter += 1
    out = WORK / f"base-{counter}"
    out.mkdir()
    for n in range(4):
        story = [
            Paragraph(f"Document {n}", STYLES["Title"]),
            Table([[f"Label {i}", f"Value {i}"] for i in range(8)]),
        ]
        for q in range(QUESTIONS):
            story.append(
                Paragraph(
                    f"Question {q}: how often do you and the other parent "
                    "disagree about money, chores or the children?",
                    STYLES["Heading5"],
                )
            )
            story.append(
                Paragraph("Several times a week; it usually ends unresolved.", STYLES["BodyText"])
            )
        buffer = BytesIO()
        SimpleDocTemplate(buffer, pagesize=A4).build(story)
        data = buffer.getvalue()
        if sign:
            data = pyhanko_sign(data)
        (out / f"doc-{n}.pdf").write_bytes(data)
    shutil.rmtree(out)


def pyhanko_sign(data: bytes) -> bytes:
    """pyHanko's documented way: a SimpleSigner from PEM files, signers.sign_pdf."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load(
        str(WORK / "keys" / "device-pdf-key.pem"), str(WORK / "keys" / "device-pdf-cert.pem")
    )
    meta = signers.PdfSignatureMetadata(
        field_name="Signature", subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256"
    )
    out = signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(data)), meta, signer=signer)
    return out.getvalue()


def signed_baseline() -> None:
    baseline(sign=True)


def pages_of_baseline() -> int:
    from pypdf import PdfReader

    story = [Paragraph("x", STYLES["Title"])]
    for q in range(QUESTIONS):
        story.append(
            Paragraph(
                f"Question {q}: how often do you and the other parent disagree "
                "about money, chores or the children?",
                STYLES["Heading5"],
            )
        )
        story.append(
            Paragraph("Several times a week; it usually ends unresolved.", STYLES["BodyText"])
        )
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return len(PdfReader(BytesIO(buffer.getvalue())).pages)


if __name__ == "__main__":
    try:
        print(f"baseline documents: 4 x {pages_of_baseline()} pages")
        a, b = interleaved(ours, baseline, rounds=15)
        report("demo bundle vs plain ReportLab", a, b, goal=2.0)
        a, b = interleaved(ours, signed_baseline, rounds=15)
        report("demo bundle vs plain ReportLab + plain pyHanko signing", a, b, goal=2.0)
        a, b = interleaved(ours_encrypted, signed_baseline, rounds=15)
        report(
            "demo bundle built and encrypted vs plain ReportLab + plain pyHanko signing",
            a,
            b,
            goal=1.2,
        )
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
