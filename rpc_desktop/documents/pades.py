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
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from rpc_desktop.errors import BundleError
from rpc_desktop.files import write_atomically

if TYPE_CHECKING:
    from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, SimpleSigner

DEVICE_KEY_FILE = "device-pdf-key.pem"
DEVICE_CERT_FILE = "device-pdf-cert.pem"
FIELD_NAME = "Signature1"
CERTIFICATE_YEARS = 10

SigningKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey

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


@dataclass(frozen=True)
class SigningIdentity:
    """A key and the certificate that names its holder; `chain` leads up to an issuer."""

    private_key: SigningKey = field(repr=False)
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()

    @property
    def certificate_sha256(self) -> str:
        return certificate_sha256(self.certificate)


def certificate_sha256(certificate: x509.Certificate) -> str:
    """Lowercase hex SHA-256 of the DER certificate, as PDF readers and openssl show it."""
    return certificate.fingerprint(hashes.SHA256()).hex()


def certificate_pem(identity: SigningIdentity) -> bytes:
    """The signer's certificate then its chain, to place beside a bundle."""
    return b"".join(_pem(c) for c in (identity.certificate, *identity.chain))


def _pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


# --- identities ---------------------------------------------------------------------------


def load_or_create_device_identity(
    folder: Path, *, common_name: str, organisation: str = ""
) -> SigningIdentity:
    """The device's PDF-signing identity, made on first use; the names are fixed then."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    key_path = folder / DEVICE_KEY_FILE
    cert_path = folder / DEVICE_CERT_FILE
    if key_path.exists():
        key = _read_device_key(key_path)
        if not cert_path.exists():
            # The key was written but the certificate was not: nothing was signed with it yet.
            certificate = _self_signed(key, common_name, organisation)
            write_atomically(cert_path, _pem(certificate), 0o644)
            return SigningIdentity(key, certificate)
        certificate = _read_device_certificate(cert_path)
        if not _same_public_key(key, certificate):
            raise BundleError(
                f"The device certificate {cert_path} does not belong to the key {key_path}. "
                "Move both files aside to make a new signing identity."
            )
        return SigningIdentity(key, certificate)
    if cert_path.exists():
        raise BundleError(
            f"The device signing key {key_path} is missing but its certificate {cert_path} "
            "is there. Move the certificate aside to make a new signing identity."
        )
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = _self_signed(key, common_name, organisation)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    write_atomically(key_path, pem, 0o600)
    write_atomically(cert_path, _pem(certificate), 0o644)
    return SigningIdentity(key, certificate)


def load_identity_files(
    cert_path: Path, key_path: Path, password: bytes | None = None
) -> SigningIdentity:
    """An organisation's certificate (PEM, signer first, then its chain) and its PEM key."""
    cert_data = _read(cert_path, "certificate file")
    try:
        certificates = x509.load_pem_x509_certificates(cert_data)
    except ValueError as exc:
        raise BundleError(
            f"The certificate file {cert_path} holds no readable PEM certificate ({exc})."
        ) from exc
    key_data = _read(key_path, "key file")
    try:
        key = serialization.load_pem_private_key(key_data, password=password)
    except TypeError as exc:
        raise BundleError(
            f"The key file {key_path} is protected by a password: enter it."
            if password is None
            else f"The key file {key_path} has no password: leave the password empty."
        ) from exc
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise BundleError(
            f"The key file {key_path} cannot be read: the password is wrong, "
            "or it is not a PEM private key."
        ) from exc
    return _identity(key, certificates[0], certificates[1:], key_path)


def load_pkcs12_identity(path: Path, password: bytes | None = None) -> SigningIdentity:
    """An organisation's certificate, chain and key from one PKCS#12 file (.p12, .pfx)."""
    data = _read(path, "certificate file")
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(data, password)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise BundleError(
            f"The certificate file {path} cannot be opened: the password is wrong, "
            "or it is not a PKCS#12 (.p12 or .pfx) file."
        ) from exc
    if key is None or certificate is None:
        raise BundleError(
            f"The certificate file {path} must hold both a certificate and its private key."
        )
    return _identity(key, certificate, chain, path)


def _identity(
    key: object, certificate: x509.Certificate, chain: Sequence[x509.Certificate], path: Path
) -> SigningIdentity:
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise BundleError(f"{path} holds a key PDF readers cannot check: use an RSA or ECDSA key.")
    if not _same_public_key(key, certificate):
        raise BundleError(f"The key in {path} does not belong to the certificate given with it.")
    _check_usable(certificate, path)
    return SigningIdentity(key, certificate, tuple(chain))


def _check_usable(certificate: x509.Certificate, path: Path) -> None:
    now = datetime.now(UTC)
    if now < certificate.not_valid_before_utc:
        raise BundleError(
            f"The certificate in {path} is not valid until "
            f"{certificate.not_valid_before_utc:%d %B %Y}."
        )
    if now > certificate.not_valid_after_utc:
        raise BundleError(
            f"The certificate in {path} expired on {certificate.not_valid_after_utc:%d %B %Y}."
        )
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise BundleError(f"The certificate in {path} is not allowed to sign documents.")


def _same_public_key(key: SigningKey, certificate: x509.Certificate) -> bool:
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    return key.public_key().public_bytes(*spki) == certificate.public_key().public_bytes(*spki)


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BundleError(f"The {what} {path} cannot be read ({exc.strerror}).") from exc


def _read_device_key(path: Path) -> ec.EllipticCurvePrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm, OSError) as exc:
        raise BundleError(
            f"The device signing key {path} cannot be read ({exc}). Move it and "
            f"{DEVICE_CERT_FILE} aside to make a new one; PDFs signed with the old key "
            "will then need trusting again."
        ) from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise BundleError(f"{path} does not hold an ECDSA key. Move it aside to make a new one.")
    return key


def _read_device_certificate(path: Path) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except (ValueError, OSError) as exc:
        raise BundleError(
            f"The device certificate {path} cannot be read ({exc}). Move it and "
            f"{DEVICE_KEY_FILE} aside to make a new signing identity."
        ) from exc


def _self_signed(
    key: ec.EllipticCurvePrivateKey, common_name: str, organisation: str
) -> x509.Certificate:
    # X.520 caps these names at 64 characters; cryptography refuses longer or empty ones.
    common_name = common_name.strip()[:64]
    if not common_name:
        raise ValueError("a signing certificate needs a common name")
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organisation.strip():
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation.strip()[:64]))
    name = x509.Name(attributes)
    now = datetime.now(UTC)
    public = key.public_key()
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * CERTIFICATE_YEARS + 2))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )


# --- signing ------------------------------------------------------------------------------


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
