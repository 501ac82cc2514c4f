"""Device certificates (IT's signing mode "device-certificates", app/signing.py): each device
signs its PDFs with its own key under a certificate the organisation's CA issued for it.

The round trip, offline: the device writes a certificate request (PKCS#10, signed with its
PDF key, which never leaves the store); IT issues the certificate on its own machine, where
the CA's key is (`issue`, or IT's own CA tooling: any CA that signs a CSR will do); the
device imports it. The certificate is public and is kept beside the store (ISSUED_FILE);
every unlock checks it again (this device's key, the CA IT's configuration names, dates) and
signs with it only when it passes, else with the device's self-signed certificate.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from rpc_desktop.app.signing import SigningMode, organisation_ca
from rpc_desktop.documents.identity import (
    DEVICE_CERT_FILE,
    SIGNING_USAGE,
    SigningIdentity,
    certificate_sha256,
    certificate_to_pem,
    check_issued,
    issued_identity,
)
from rpc_desktop.errors import BundleError
from rpc_desktop.files import write_atomically

if TYPE_CHECKING:
    from rpc_desktop.app.context import AppContext
    from rpc_desktop.documents.device import Device

log = logging.getLogger(__name__)

ISSUED_FILE = "device-pdf-issued-cert.pem"
"""The certificate IT's CA issued for this device's PDF key, then the CA's: public."""
DEFAULT_DAYS = 3 * 365
"""How long an issued certificate lasts unless IT says otherwise (at most the CA's life)."""


def make_request(device: Device) -> bytes:
    """A certificate request (PEM) for this device's own PDF key, signed with it: proof
    that whoever asks for the certificate holds the key."""
    own = device.own_pdf or device.pdf
    subject = own.certificate.subject
    builder = x509.CertificateSigningRequestBuilder().subject_name(subject)
    request = builder.sign(own.private_key, hashes.SHA256())
    return request.public_bytes(serialization.Encoding.PEM)


def issue(
    request_pem: bytes,
    ca_pem: bytes,
    ca_key_pem: bytes,
    password: bytes | None = None,
    *,
    days: int = DEFAULT_DAYS,
    name: str = "",
) -> bytes:
    """IT's side: the certificate for a device's request, signed by the CA, then the CA's
    certificates (PEM), for the device to import. `name` replaces the request's common
    name (a person's, say, which PDF readers show as the signer)."""
    try:
        request = x509.load_pem_x509_csr(request_pem)
    except ValueError as exc:
        raise BundleError("The request is not a certificate request (PEM).") from exc
    if not request.is_signature_valid:
        raise BundleError("The request's signature does not match its key: it was changed.")
    public = request.public_key()
    if not isinstance(public, ec.EllipticCurvePublicKey | rsa.RSAPublicKey):
        raise BundleError("The request is for a key PDF readers cannot check (not ECDSA or RSA).")
    try:
        cas = x509.load_pem_x509_certificates(ca_pem)
    except ValueError as exc:
        raise BundleError("The CA certificate file holds no PEM certificate.") from exc
    ca = cas[0]
    ca_key = _ca_key(ca_key_pem, password, ca)
    subject = request.subject
    if name.strip():
        kept = [a for a in subject if a.oid != NameOID.COMMON_NAME]
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name.strip()[:64]), *kept])
    now = datetime.now(UTC)
    until = min(now + timedelta(days=days), ca.not_valid_after_utc)
    try:
        ca_ski = ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        authority = x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski)
    except x509.ExtensionNotFound:
        authority = x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key())
    usage = SIGNING_USAGE
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca.subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(until)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(authority, critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return b"".join(certificate_to_pem(c) for c in (certificate, *cas))


def _ca_key(
    data: bytes, password: bytes | None, ca: x509.Certificate
) -> ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey:
    try:
        key = serialization.load_pem_private_key(data, password=password)
    except TypeError as exc:
        raise BundleError(
            "The CA's key is protected by a password: give it (--key-password-env)."
            if password is None
            else "The CA's key has no password: do not give one."
        ) from exc
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise BundleError("The CA's key cannot be read: wrong password, or not a PEM key.") from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise BundleError("The CA's key is neither ECDSA nor RSA.")
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(*spki) != ca.public_key().public_bytes(*spki):
        raise BundleError("The CA's key does not belong to the CA certificate given with it.")
    try:
        is_ca = ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        is_ca = False
    if not is_ca:
        raise BundleError("The CA certificate given is not a CA's (basicConstraints CA:TRUE).")
    return key


def import_certificate(context: AppContext, pem: bytes) -> x509.Certificate:
    """Keep the certificate IT issued for this device (no passphrase: it is public, and
    checked against this device's public certificate and IT's CA), beside the store."""
    signing = context.config.signing
    if signing is None or signing.mode is not SigningMode.DEVICE_CERTIFICATES:
        mode = signing.mode.value if signing is not None else "no [signing] table"
        raise BundleError(
            f"IT's configuration does not use device certificates ({mode}): the certificate "
            'would not be used. IT sets [signing] mode = "device-certificates" first.'
        )
    cas = organisation_ca(signing)
    own = _own_certificate(context)
    try:
        certificate = x509.load_pem_x509_certificates(pem)[0]
    except ValueError as exc:
        raise BundleError("The file holds no PEM certificate.") from exc
    check_issued(certificate, own, cas, "The certificate")
    data = b"".join(certificate_to_pem(c) for c in (certificate, *cas))
    context.keys_folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomically(context.keys_folder / ISSUED_FILE, data, 0o644)
    log.info("device certificate imported, valid until %s", certificate.not_valid_after_utc)
    return certificate


def _own_certificate(context: AppContext) -> x509.Certificate:
    path = context.keys_folder / DEVICE_CERT_FILE
    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except (OSError, ValueError):
        raise BundleError(
            "This device has no PDF key yet: open the app and unlock it once (or run "
            "`rpc-desktop init`), then ask for a certificate."
        ) from None


def issued_pdf_identity(context: AppContext, own: SigningIdentity) -> SigningIdentity | None:
    """The device's key under the certificate IT's CA issued for it, when the mode is
    device-certificates and one is kept that passes every check; else None (the device's
    self-signed certificate signs, and the log says why)."""
    signing = context.config.signing
    path = context.keys_folder / ISSUED_FILE
    if signing is None or signing.mode is not SigningMode.DEVICE_CERTIFICATES:
        return None
    if not path.exists():
        log.info("no device certificate from IT yet: PDFs are signed self-signed")
        return None
    try:
        certificate = x509.load_pem_x509_certificates(path.read_bytes())[0]
        return issued_identity(own, certificate, organisation_ca(signing), str(path))
    except (OSError, ValueError, BundleError) as exc:
        log.warning("the device certificate is not used: %s", exc)
        return None


def describe(context: AppContext) -> dict[str, str]:
    """What `certificate show` prints: the mode, and which certificate signs this device's
    PDFs (from the public files beside the store: no passphrase)."""
    signing = context.config.signing
    mode = signing.mode.value if signing is not None else "none (no [signing] table)"
    said = {"mode": mode}
    try:
        own = _own_certificate(context)
    except BundleError as exc:
        return {**said, "device_certificate": str(exc)}
    said["device_certificate"] = own.subject.rfc4514_string()
    said["sha256"] = certificate_sha256(own)
    said["issued_by"] = (
        "itself (self-signed)" if own.issuer == own.subject else own.issuer.rfc4514_string()
    )
    if signing is None or signing.mode is not SigningMode.DEVICE_CERTIFICATES:
        return said
    path = context.keys_folder / ISSUED_FILE
    if not path.exists():
        said["next"] = (
            "ask IT for a certificate: rpc-desktop certificate request --out FILE, send them "
            "FILE, then rpc-desktop certificate import THE-FILE-THEY-SEND"
        )
        return said
    try:
        issued = x509.load_pem_x509_certificates(path.read_bytes())[0]
        check_issued(issued, own, organisation_ca(signing), str(path))
    except (OSError, ValueError, BundleError) as exc:
        said["organisation_certificate"] = f"not used: {exc}"
        said["next"] = "ask IT for a new certificate (rpc-desktop certificate request)"
        return said
    said["organisation_certificate"] = (
        f"{issued.subject.rfc4514_string()}, issued by {issued.issuer.rfc4514_string()}, "
        f"valid until {issued.not_valid_after_utc:%Y-%m-%d}: this device's PDFs are signed "
        "under it (from the next unlock, if just imported)"
    )
    return said
