"""Who signs the PDFs: the device's own key, under its self-signed certificate (made on first
use, kept in the store) or a certificate the organisation's CA issued for it, or an
organisation's certificate and key from IT's configuration (PEM files or PKCS#12)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from rpc_desktop.errors import BundleError

DEVICE_KEY_FILE = "device-pdf-key.pem"
"""Where earlier builds kept the PDF key, in the clear; now it is in the store."""
DEVICE_CERT_FILE = "device-pdf-cert.pem"
"""The device's own certificate, public, beside the store so `verify` knows it."""
CERTIFICATE_YEARS = 10
SIGNING_USAGE = x509.KeyUsage(
    digital_signature=True,
    content_commitment=True,
    key_encipherment=False,
    data_encipherment=False,
    key_agreement=False,
    key_cert_sign=False,
    crl_sign=False,
    encipher_only=False,
    decipher_only=False,
)
"""What a certificate that signs PDFs may do: sign, and stand behind what it signed."""

SigningKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


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
    return b"".join(certificate_to_pem(c) for c in (identity.certificate, *identity.chain))


def certificate_to_pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


# --- identities ---------------------------------------------------------------------------


def new_device_identity(*, common_name: str, organisation: str = "") -> SigningIdentity:
    """A new key and self-signed certificate for this device's PDFs; the names are fixed now."""
    key = ec.generate_private_key(ec.SECP256R1())
    return SigningIdentity(key, _self_signed(key, common_name, organisation))


def device_identity_from_bytes(
    key_der: bytes, certificate_pem: bytes | None, *, common_name: str, organisation: str = ""
) -> SigningIdentity:
    """The device's PDF identity as the store keeps it; a missing certificate is made again
    (nothing can have been signed with the key before its certificate was kept)."""
    try:
        key = serialization.load_der_private_key(key_der, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise BundleError(
            "This device's PDF-signing key, kept in the store, is damaged: restore a backup."
        ) from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise BundleError("This device's PDF-signing key, kept in the store, is not ECDSA.")
    if certificate_pem is None:
        return SigningIdentity(key, _self_signed(key, common_name, organisation))
    try:
        certificate = x509.load_pem_x509_certificate(certificate_pem)
    except ValueError as exc:
        raise BundleError(
            "This device's PDF certificate, kept in the store, is damaged: restore a backup."
        ) from exc
    if not _same_public_key(key, certificate):
        raise BundleError(
            "This device's PDF certificate, kept in the store, does not belong to its key: "
            "restore a backup."
        )
    return SigningIdentity(key, certificate)


def private_key_bytes(identity: SigningIdentity) -> bytes:
    """The identity's key as the store keeps it (PKCS#8 DER)."""
    return identity.private_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def read_device_files(folder: Path) -> tuple[bytes, bytes | None] | None:
    """The PDF key (as DER) and certificate (PEM) an earlier build kept as files beside the
    store, to move into it; None when there is no key file."""
    key_path = folder / DEVICE_KEY_FILE
    if not key_path.exists():
        return None
    key = _read_device_key(key_path)
    cert_path = folder / DEVICE_CERT_FILE
    certificate = _read_device_certificate(cert_path) if cert_path.exists() else None
    if certificate is not None and not _same_public_key(key, certificate):
        raise BundleError(
            f"The device certificate {cert_path} does not belong to the key {key_path}. "
            "Move both files aside to make a new signing identity."
        )
    key_der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return key_der, certificate_to_pem(certificate) if certificate is not None else None


def read_certificate_sha256(path: Path) -> str | None:
    """The SHA-256 of the certificate in a PEM file, or None if there is none readable."""
    try:
        return certificate_sha256(x509.load_pem_x509_certificate(path.read_bytes()))
    except (ValueError, OSError):
        return None


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


def load_ca_certificates(path: Path) -> tuple[x509.Certificate, ...]:
    """The organisation CA's certificates (PEM: the issuing CA first, then any above it) that
    device certificates are issued by. A private key in the file is refused: on users'
    machines it would let any of them issue certificates."""
    data = _read(path, "CA certificate file")
    if b"PRIVATE KEY-----" in data:
        raise BundleError(
            f"{path} holds a private key: give only the CA's certificate, and keep its key "
            "off users' machines (it would let any user issue certificates)."
        )
    try:
        certificates = tuple(x509.load_pem_x509_certificates(data))
    except ValueError as exc:
        raise BundleError(
            f"The CA certificate file {path} holds no readable PEM certificate."
        ) from exc
    for certificate in certificates:
        try:
            is_ca = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        except x509.ExtensionNotFound:
            is_ca = False
        if not is_ca:
            raise BundleError(
                f"{certificate.subject.rfc4514_string()} in {path} is not a CA certificate "
                "(its basicConstraints does not say CA:TRUE)."
            )
        _check_dates(certificate, path)
    return certificates


def check_issued(
    certificate: x509.Certificate,
    public_of: x509.Certificate,
    cas: Sequence[x509.Certificate],
    where: str,
) -> None:
    """That `certificate` is for the key in `public_of` (the device's own certificate), was
    issued by one of the organisation's `cas`, and may sign documents now."""
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if certificate.public_key().public_bytes(*spki) != public_of.public_key().public_bytes(*spki):
        raise BundleError(f"{where} is for another device's key, not this device's.")
    issuer = next((ca for ca in cas if ca.subject == certificate.issuer), None)
    try:
        if issuer is None:
            raise ValueError("no such issuer")
        certificate.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        names = "; ".join(ca.subject.rfc4514_string() for ca in cas)
        raise BundleError(
            f"{where} was not issued by the organisation's CA ({names}): it names "
            f"{certificate.issuer.rfc4514_string()} as its issuer."
        ) from None
    _check_usable(certificate, where)


def issued_identity(
    own: SigningIdentity, certificate: x509.Certificate, cas: Sequence[x509.Certificate], where: str
) -> SigningIdentity:
    """The device's own key under the certificate the organisation's CA issued for it, with
    the CA's certificates as its chain (embedded in each signature)."""
    check_issued(certificate, own.certificate, cas, where)
    return SigningIdentity(own.private_key, certificate, tuple(cas))


def _identity(
    key: object, certificate: x509.Certificate, chain: Sequence[x509.Certificate], path: Path
) -> SigningIdentity:
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise BundleError(f"{path} holds a key PDF readers cannot check: use an RSA or ECDSA key.")
    if not _same_public_key(key, certificate):
        raise BundleError(f"The key in {path} does not belong to the certificate given with it.")
    _check_usable(certificate, path)
    return SigningIdentity(key, certificate, tuple(chain))


def _check_usable(certificate: x509.Certificate, path: Path | str) -> None:
    _check_dates(certificate, path)
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise BundleError(f"The certificate in {path} is not allowed to sign documents.")


def _check_dates(certificate: x509.Certificate, path: Path | str) -> None:
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
            SIGNING_USAGE,
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )


# --- signing ------------------------------------------------------------------------------
