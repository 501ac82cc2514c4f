"""PAdES signatures inside the bundle's PDFs, so a PDF reader shows who signed them.

pyHanko (and the aiohttp it pulls in) takes about a third of a second to import, so it is
imported inside the functions that sign and check, not when this module is loaded.
Nothing here fetches revocation data or timestamps: the app stays offline.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from io import BytesIO
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from rpc_desktop.documents.identity import SigningIdentity
from rpc_desktop.errors import BundleError

if TYPE_CHECKING:
    from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, SimpleSigner

FIELD_NAME = "Signature1"

# pyHanko logs an untrusted certificate's names (CN, O) with a traceback; our log holds no
# personal data, and every problem reaches the user as a returned message instead.
logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)

NOT_READABLE = "the PDF cannot be read"
NOT_SIGNED = "the PDF is not signed"
SIGNATURE_UNREADABLE = "the PDF signature cannot be read"
CHANGED = "the PDF has been changed since it was signed"
INVALID = "the PDF signature is not valid"
NOT_WHOLE_FILE = (
    "the PDF signature does not cover the whole file (something was added after it was signed)"
)
OTHER_CERTIFICATE = "the PDF was signed with a different certificate than expected"
UNTRUSTED = "the PDF signer's certificate is not trusted"


def sign_pdf(
    data: bytes, identity: SigningIdentity, *, reason: str, when: datetime | None = None
) -> bytes:
    """The PDF with one PAdES B-B signature (invisible) that covers the whole file.

    `when` is the signing time written into the signature (/M); it must be timezone-aware.
    pyHanko sets the document's /ModDate from the clock whatever `when` is.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers

    if when is not None and when.utcoffset() is None:
        raise ValueError("the signing time must be timezone-aware")
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
    )
    certificates = (identity.certificate, *identity.chain)
    # Hex characters for the CMS blob: the certificates plus room for the signature and
    # attributes. Giving it saves pyHanko a dry-run signature to measure.
    reserved = 2 * (sum(len(_der(c)) for c in certificates) + 2048)
    when = when or datetime.now(UTC)
    pdf_signer = _pdf_signer(meta, _simple_signer(identity), when)
    try:
        writer = IncrementalPdfFileWriter(BytesIO(data))
        signed = pdf_signer.sign_pdf(writer, bytes_reserved=reserved)
    except (PdfError, ValueError) as exc:
        raise BundleError(f"The PDF cannot be signed ({exc}).") from exc
    assert isinstance(signed, BytesIO)
    return signed.getvalue()


def _der(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


def _simple_signer(identity: SigningIdentity) -> SimpleSigner:
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key_der = identity.private_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    chain = [asn1_x509.Certificate.load(_der(c)) for c in identity.chain]
    # The registry holds only the chain: pyHanko adds the signer's certificate itself, and
    # would embed it twice if it were here as well.
    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(_der(identity.certificate)),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs(chain),  # type: ignore[no-untyped-call]
    )


def _pdf_signer(meta: PdfSignatureMetadata, signer: SimpleSigner, when: datetime) -> PdfSigner:
    """A PdfSigner whose signing time is `when`: sign_pdf() itself always takes the clock's."""
    from pyhanko.pdf_utils.writer import BasePdfFileWriter
    from pyhanko.sign.signers import PdfSigner
    from pyhanko.sign.signers.pdf_signer import PdfSigningSession

    class TimedPdfSigner(PdfSigner):
        def init_signing_session(
            self, pdf_out: BasePdfFileWriter, existing_fields_only: bool = False
        ) -> PdfSigningSession:
            session = super().init_signing_session(pdf_out, existing_fields_only)
            session.system_time = when
            return session

    return TimedPdfSigner(meta, signer)


# --- checking -----------------------------------------------------------------------------


def check_pdf_signatures(
    data: bytes,
    *,
    expected_certificate_sha256: str | None = None,
    trust_roots: Sequence[x509.Certificate] = (),
) -> list[str]:
    """What is wrong with the PDF's one signature, in plain words; empty when nothing is.

    Trust comes from `trust_roots`, or from the expected fingerprint (the signer's own
    certificate is then its root). With neither, the signer is reported as not trusted.
    """
    from asn1crypto import cms as asn1_cms
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    unreadable = (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError)
    try:
        signatures = PdfFileReader(BytesIO(data), strict=False).embedded_signatures
    except (*unreadable, RecursionError):
        return [NOT_READABLE]
    if not signatures:
        return [NOT_SIGNED]
    if len(signatures) > 1:
        return [f"the PDF has {len(signatures)} signatures instead of one"]
    signature = signatures[0]
    try:
        signer_der = signature.signer_cert.dump()
        # The bytes the signature leaves out are the CMS blob: plain hex, and after the blob
        # itself only zeros, else the file was changed where no signature notices.
        start, length = int(signature.byte_range[0]), int(signature.byte_range[1])
        gap = data[start + length : int(signature.byte_range[2])]
        cms_blob = signature.pkcs7_content
        padding = cms_blob[len(asn1_cms.ContentInfo.load(cms_blob).dump()) :]
        unsigned_change = not _HEX_STRING.fullmatch(gap) or any(padding)
    except unreadable:
        return [SIGNATURE_UNREADABLE]

    problems: list[str] = []
    roots = [asn1_x509.Certificate.load(_der(c)) for c in trust_roots]
    if expected_certificate_sha256 is not None:
        if _normalise(expected_certificate_sha256) != hashlib.sha256(signer_der).hexdigest():
            problems.append(OTHER_CERTIFICATE)
        elif not roots:
            roots = [signature.signer_cert]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    # Organisation certificates often carry digitalSignature without nonRepudiation.
    usage = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"})
    try:
        status = validate_pdf_signature(
            signature, context, key_usage_settings=usage, skip_diff=True
        )
    except unreadable:
        return [*problems, SIGNATURE_UNREADABLE]
    if not status.intact or unsigned_change:
        problems.append(CHANGED)
    elif not status.valid:
        problems.append(INVALID)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        problems.append(NOT_WHOLE_FILE)
    if status.intact and status.valid and not status.trusted and OTHER_CERTIFICATE not in problems:
        why = status.trust_problem_indic
        reason = _TRUST_PROBLEMS.get(str(why.standard_name) if why else "", "")
        problems.append(f"{UNTRUSTED} ({reason})" if reason else UNTRUSTED)
    return problems


_TRUST_PROBLEMS = {
    "NO_CERTIFICATE_CHAIN_FOUND": "no trusted issuer",
    "EXPIRED": "it has expired",
    "OUT_OF_BOUNDS_NO_POE": "it has expired or is not yet valid",
    "NOT_YET_VALID": "it is not yet valid",
    "REVOKED": "it has been revoked",
    "REVOKED_NO_POE": "it has been revoked",
}


_HEX_STRING = re.compile(rb"<[0-9A-Fa-f]*>")


def signer_certificate_sha256(data: bytes) -> str:
    """The SHA-256 of the certificate that signed the PDF ("" when there is none to read)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        signatures = PdfFileReader(BytesIO(data), strict=False).embedded_signatures
        return hashlib.sha256(signatures[0].signer_cert.dump()).hexdigest() if signatures else ""
    except Exception:  # unreadable in any way: check_pdf_signatures says how
        return ""


def _normalise(fingerprint: str) -> str:
    return re.sub(r"[\s:]", "", fingerprint).lower()
