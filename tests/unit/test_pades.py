"""PAdES signatures in the bundle's PDFs: signing, offline checking, and the identities."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader
from reportlab.platypus import PageBreak

from rpc_desktop.documents import identity as identities
from rpc_desktop.documents import pades
from rpc_desktop.documents.device import Device
from rpc_desktop.documents.seal import DeviceKey
from rpc_desktop.documents.styles import para, register_fonts, render
from rpc_desktop.errors import BundleError
from tests.helpers import RESOURCES, ROOT

FONTS = RESOURCES / "fonts"
REASON = "Referral bundle RPC-0001"


@pytest.fixture(scope="module")
def pdf() -> bytes:
    """Three pages of ReportLab output, made as the app makes its PDFs."""
    register_fonts(FONTS)
    story = []
    for page in range(3):
        for i in range(6):
            story.append(
                para(
                    f"Page {page + 1}, paragraph {i}: Ruth Okafor-Nkemelu and Zoë Ångström "
                    "agreed to take part in the Reducing Parental Conflict programme. " * 3
                )
            )
        if page < 2:
            story.append(PageBreak())
    data = render(story, title="Summary", reference="RPC-0001", fonts_dir=FONTS)
    assert len(PdfReader(BytesIO(data)).pages) == 3
    return data


@pytest.fixture(scope="module")
def device() -> identities.SigningIdentity:
    return identities.new_device_identity(common_name="RPC Referral Desktop (test)")


@pytest.fixture(scope="module")
def signed(pdf: bytes, device: identities.SigningIdentity) -> bytes:
    return pades.sign_pdf(pdf, device, reason=REASON)


def check(data: bytes, device: identities.SigningIdentity) -> list[str]:
    return pades.check_pdf_signatures(data, expected_certificate_sha256=device.certificate_sha256)


def flipped(data: bytes, offset: int) -> bytes:
    changed = bytearray(data)
    changed[offset] ^= 0x01
    return bytes(changed)


# --- signing and checking -----------------------------------------------------------------


def test_a_fresh_signature_passes_and_pyhanko_agrees(
    pdf: bytes, signed: bytes, device: identities.SigningIdentity
) -> None:
    assert check(signed, device) == []
    assert signed.startswith(pdf)  # an incremental update: the original bytes are untouched
    assert len(PdfReader(BytesIO(signed)).pages) == 3

    (embedded,) = PdfFileReader(BytesIO(signed)).embedded_signatures
    status = validate_pdf_signature(
        embedded,
        ValidationContext(trust_roots=[embedded.signer_cert], allow_fetching=False),
    )
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.md_algorithm == "sha256"
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert embedded.sig_object["/Reason"] == REASON
    assert embedded.signer_cert.sha256.hex() == device.certificate_sha256
    assert len(embedded.signed_data["certificates"]) == 1


def test_the_signing_time_is_the_one_given(pdf: bytes, device: identities.SigningIdentity) -> None:
    when = datetime(2026, 3, 4, 10, 30, tzinfo=UTC)
    data = pades.sign_pdf(pdf, device, reason=REASON, when=when)
    (embedded,) = PdfFileReader(BytesIO(data)).embedded_signatures
    assert embedded.self_reported_timestamp == when
    assert check(data, device) == []


def test_a_naive_signing_time_is_refused(pdf: bytes, device: identities.SigningIdentity) -> None:
    with pytest.raises(ValueError, match="timezone"):
        pades.sign_pdf(pdf, device, reason=REASON, when=datetime(2026, 3, 4, 10, 30))


def test_a_changed_byte_in_a_page_is_caught(
    pdf: bytes, signed: bytes, device: identities.SigningIdentity
) -> None:
    contents = PdfReader(BytesIO(pdf)).pages[1].get("/Contents")
    obj = signed.index(f"\n{contents.idnum} 0 obj".encode())
    stream = signed.index(b"stream", obj) + len(b"stream\n") + 40
    assert stream < signed.index(b"endstream", obj) and stream < len(pdf)
    problems = check(flipped(signed, stream), device)
    assert problems == [pades.CHANGED]


def test_a_changed_byte_in_the_signature_is_caught(
    signed: bytes, device: identities.SigningIdentity
) -> None:
    (embedded,) = PdfFileReader(BytesIO(signed)).embedded_signatures
    value = embedded.signer_info["signature"].native.hex()
    at = signed.lower().index(value.encode()) + 20
    digit = signed[at : at + 1]
    tampered = signed[:at] + (b"1" if digit != b"1" else b"2") + signed[at + 1 :]
    assert len(tampered) == len(signed)
    assert check(tampered, device) == [pades.INVALID]


def test_a_changed_byte_in_the_signature_padding_is_caught(
    signed: bytes, device: identities.SigningIdentity
) -> None:
    (embedded,) = PdfFileReader(BytesIO(signed)).embedded_signatures
    start = signed.index(b"/Contents <") + len(b"/Contents <")
    at = start + 2 * len(embedded.signed_data.dump()) + 2 * 100  # a hundred bytes into the zeros
    assert signed[at : at + 1] == b"0" and signed.index(b">", start) > at
    for byte in (b"7", b" ", b"\n"):  # PDF readers skip white space inside a hex string
        tampered = signed[:at] + byte + signed[at + 1 :]
        assert check(tampered, device) == [pades.CHANGED]


def test_an_update_after_signing_is_caught(
    signed: bytes, device: identities.SigningIdentity
) -> None:
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    writer.document_meta.title = "Something else"
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    updated = out.getvalue()
    assert updated.startswith(signed) and len(updated) > len(signed)
    assert PdfReader(BytesIO(updated)).metadata.title == "Something else"
    assert check(updated, device) == [pades.NOT_WHOLE_FILE]


@pytest.mark.parametrize(
    ("tail", "problem"),
    [
        (b" ", pades.NOT_WHOLE_FILE),
        (b"\nsome appended bytes\n", pades.NOT_WHOLE_FILE),
        (b"\n%%EOF\n", pades.NOT_READABLE),  # the last %%EOF no longer follows a startxref
    ],
)
def test_bytes_appended_after_signing_are_caught(
    signed: bytes, device: identities.SigningIdentity, tail: bytes, problem: str
) -> None:
    assert check(signed + tail, device) == [problem]


def test_a_second_signature_is_a_problem(
    signed: bytes, device: identities.SigningIdentity, tmp_path: Path
) -> None:
    other = identities.new_device_identity(common_name="Someone else")
    meta = signers.PdfSignatureMetadata(
        field_name="Second", subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256"
    )
    twice = signers.sign_pdf(
        IncrementalPdfFileWriter(BytesIO(signed)), meta, pades._simple_signer(other)
    ).getvalue()
    assert check(twice, device) == ["the PDF has 2 signatures instead of one"]


def test_signing_a_signed_pdf_again_is_refused(
    signed: bytes, device: identities.SigningIdentity
) -> None:
    with pytest.raises(BundleError, match="cannot be signed"):
        pades.sign_pdf(signed, device, reason=REASON)


def test_an_unsigned_pdf_is_reported(pdf: bytes, device: identities.SigningIdentity) -> None:
    assert check(pdf, device) == [pades.NOT_SIGNED]


@pytest.mark.parametrize(
    "data",
    [b"", b"not a pdf at all", b"%PDF-1.7\n" + bytes(range(256)) * 4, b"%PDF-1.4\n%%EOF\n"],
    ids=["empty", "text", "binary", "header-only"],
)
def test_garbage_is_a_problem_not_an_exception(
    data: bytes, device: identities.SigningIdentity
) -> None:
    assert check(data, device) == [pades.NOT_READABLE]


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.99])
def test_a_truncated_signed_pdf_is_a_problem_not_an_exception(
    signed: bytes, device: identities.SigningIdentity, keep: float
) -> None:
    problems = check(signed[: int(len(signed) * keep)], device)
    assert problems and problems[0] in (pades.NOT_READABLE, pades.NOT_SIGNED)


def test_a_different_expected_certificate_is_a_problem(
    signed: bytes, device: identities.SigningIdentity
) -> None:
    wrong = "0" * 64
    assert pades.check_pdf_signatures(signed, expected_certificate_sha256=wrong) == [
        pades.OTHER_CERTIFICATE
    ]


def test_the_expected_fingerprint_may_be_spaced_and_upper_case(
    signed: bytes, device: identities.SigningIdentity
) -> None:
    digest = device.certificate_sha256.upper()
    spaced = " ".join(digest[i : i + 4] for i in range(0, 64, 4))
    colons = ":".join(digest[i : i + 2] for i in range(0, 64, 2))
    for text in (spaced, colons):
        assert pades.check_pdf_signatures(signed, expected_certificate_sha256=text) == []


def test_with_nothing_to_trust_the_signer_is_not_trusted(signed: bytes) -> None:
    (problem,) = pades.check_pdf_signatures(signed)
    assert problem.startswith(pades.UNTRUSTED)


def test_a_signer_outside_the_trust_roots_is_not_trusted(
    signed: bytes, device: identities.SigningIdentity
) -> None:
    ca, _ = make_ca()
    problems = pades.check_pdf_signatures(
        signed, expected_certificate_sha256=device.certificate_sha256, trust_roots=[ca]
    )
    assert len(problems) == 1 and problems[0].startswith(pades.UNTRUSTED)


def test_garbage_cannot_be_signed(device: identities.SigningIdentity) -> None:
    with pytest.raises(BundleError, match="cannot be signed"):
        pades.sign_pdf(b"not a pdf", device, reason=REASON)


def test_importing_the_module_does_not_import_pyhanko() -> None:
    code = "import sys, rpc_desktop.documents.pades; print('pyhanko' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


# --- the device identity ------------------------------------------------------------------


def _kept(identity: identities.SigningIdentity) -> tuple[bytes, bytes]:
    """The identity as the store keeps it."""
    return identities.private_key_bytes(identity), identities.certificate_pem(identity)


def _old_files(folder: Path, identity: identities.SigningIdentity) -> None:
    """The PEM files an earlier build kept beside the store."""
    folder.mkdir(parents=True, exist_ok=True)
    pem = serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8
    key = identity.private_key.private_bytes(*pem, serialization.NoEncryption())
    (folder / identities.DEVICE_KEY_FILE).write_bytes(key)
    (folder / identities.DEVICE_CERT_FILE).write_bytes(identities.certificate_pem(identity))


def test_the_device_identity_is_made_once_and_kept() -> None:
    first = identities.new_device_identity(
        common_name="Referrer laptop", organisation="Somewhere Council"
    )
    key, certificate = _kept(first)
    again = identities.device_identity_from_bytes(key, certificate, common_name="Another name")
    assert again.certificate == first.certificate
    assert again.certificate_sha256 == first.certificate_sha256
    assert again.private_key.private_numbers() == first.private_key.private_numbers()


def test_the_device_certificate_is_what_pdf_readers_expect() -> None:
    identity = identities.new_device_identity(
        common_name="Referrer laptop", organisation="Somewhere Council"
    )
    cert = identity.certificate
    assert isinstance(identity.private_key, ec.EllipticCurvePrivateKey)
    assert identity.private_key.curve.name == "secp256r1"
    assert cert.subject == cert.issuer
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Referrer laptop"
    assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == (
        "Somewhere Council"
    )
    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical and not constraints.value.ca
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.digital_signature and usage.value.content_commitment
    now = datetime.now(UTC)
    assert now - timedelta(days=2) < cert.not_valid_before_utc < now
    assert cert.not_valid_after_utc > now + timedelta(days=365 * 10 - 1)
    assert identity.certificate_sha256 == cert.fingerprint(hashes.SHA256()).hex()
    device = Device(DeviceKey.generate(), identity)
    assert device.public_files()[identities.DEVICE_CERT_FILE] == identities.certificate_pem(
        identity
    )


def test_without_an_organisation_the_name_is_the_common_name_alone() -> None:
    cert = identities.new_device_identity(common_name="Laptop").certificate
    assert cert.subject.rfc4514_string() == "CN=Laptop"


def test_an_old_corrupt_device_key_file_is_a_bundle_error(tmp_path: Path) -> None:
    _old_files(tmp_path, identities.new_device_identity(common_name="Laptop"))
    (tmp_path / identities.DEVICE_KEY_FILE).write_bytes(b"-----BEGIN PRIVATE KEY-----\nnonsense\n")
    with pytest.raises(BundleError, match=re.escape(identities.DEVICE_KEY_FILE)):
        identities.read_device_files(tmp_path)


def test_a_corrupt_kept_device_key_is_a_bundle_error() -> None:
    _, certificate = _kept(identities.new_device_identity(common_name="Laptop"))
    with pytest.raises(BundleError, match="damaged"):
        identities.device_identity_from_bytes(b"nonsense", certificate, common_name="Laptop")


def test_a_device_certificate_for_another_key_is_a_bundle_error(tmp_path: Path) -> None:
    mine = identities.new_device_identity(common_name="Laptop")
    theirs = identities.new_device_identity(common_name="Laptop")
    _old_files(tmp_path, mine)
    (tmp_path / identities.DEVICE_CERT_FILE).write_bytes(identities.certificate_pem(theirs))
    with pytest.raises(BundleError, match="does not belong"):
        identities.read_device_files(tmp_path)
    with pytest.raises(BundleError, match="does not belong"):
        identities.device_identity_from_bytes(
            _kept(mine)[0], _kept(theirs)[1], common_name="Laptop"
        )


def test_a_corrupt_device_certificate_is_a_bundle_error(tmp_path: Path) -> None:
    identity = identities.new_device_identity(common_name="Laptop")
    _old_files(tmp_path, identity)
    (tmp_path / identities.DEVICE_CERT_FILE).write_bytes(b"not a certificate")
    with pytest.raises(BundleError, match=re.escape(identities.DEVICE_CERT_FILE)):
        identities.read_device_files(tmp_path)
    with pytest.raises(BundleError, match="damaged"):
        identities.device_identity_from_bytes(
            _kept(identity)[0], b"not a certificate", common_name="Laptop"
        )


def test_a_missing_device_certificate_is_made_again_for_the_same_key(tmp_path: Path) -> None:
    first = identities.new_device_identity(common_name="Laptop")
    again = identities.device_identity_from_bytes(_kept(first)[0], None, common_name="Laptop")
    assert again.private_key.private_numbers() == first.private_key.private_numbers()
    assert again.certificate.public_key() == first.certificate.public_key()
    _old_files(tmp_path, first)
    (tmp_path / identities.DEVICE_CERT_FILE).unlink()
    found = identities.read_device_files(tmp_path)
    assert found is not None and found[1] is None


def test_a_certificate_without_its_old_key_file_is_not_moved_in(tmp_path: Path) -> None:
    _old_files(tmp_path, identities.new_device_identity(common_name="Laptop"))
    (tmp_path / identities.DEVICE_KEY_FILE).unlink()
    assert identities.read_device_files(tmp_path) is None  # a new identity is made instead


# --- an organisation's certificate --------------------------------------------------------


def make_ca(
    name: str = "Test Council Signing CA",
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP384R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA384())
    )
    return cert, key


def make_leaf(
    ca: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    key: rsa.RSAPrivateKey,
    *,
    days: tuple[int, int] = (-1, 365),
) -> x509.Certificate:
    """A staff member's certificate with digitalSignature only, as organisations often issue."""
    now = datetime.now(UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COMMON_NAME, "Alex Referrer"),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test Council"),
                ]
            )
        )
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + timedelta(days=days[0]))
        .not_valid_after(now + timedelta(days=days[1]))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
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
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA384())
    )


class Organisation:
    def __init__(self, folder: Path) -> None:
        self.ca, self.ca_key = make_ca()
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.leaf = make_leaf(self.ca, self.ca_key, self.key)
        pem = serialization.Encoding.PEM
        self.cert_path = folder / "alex.crt"
        self.cert_path.write_bytes(self.leaf.public_bytes(pem) + self.ca.public_bytes(pem))
        self.key_path = folder / "alex.key"
        self.key_path.write_bytes(
            self.key.private_bytes(
                pem,
                serialization.PrivateFormat.PKCS8,
                serialization.BestAvailableEncryption(b"correct horse"),
            )
        )
        self.p12_path = folder / "alex.p12"
        self.p12_path.write_bytes(
            pkcs12.serialize_key_and_certificates(
                b"alex",
                self.key,
                self.leaf,
                [self.ca],
                serialization.BestAvailableEncryption(b"correct horse"),
            )
        )


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Organisation:
    return Organisation(tmp_path_factory.mktemp("org"))


def test_an_organisation_certificate_signs_from_pem_files(pdf: bytes, org: Organisation) -> None:
    identity = identities.load_identity_files(org.cert_path, org.key_path, b"correct horse")
    assert identity.certificate == org.leaf
    assert identity.chain == (org.ca,)
    data = pades.sign_pdf(pdf, identity, reason=REASON)
    assert pades.check_pdf_signatures(data, trust_roots=[org.ca]) == []
    assert (
        pades.check_pdf_signatures(
            data, trust_roots=[org.ca], expected_certificate_sha256=identity.certificate_sha256
        )
        == []
    )
    (problem,) = pades.check_pdf_signatures(data)
    assert problem.startswith(pades.UNTRUSTED)
    (embedded,) = PdfFileReader(BytesIO(data)).embedded_signatures
    assert [c.sha256 for c in embedded.other_embedded_certs] == [
        org.ca.fingerprint(hashes.SHA256())
    ]
    assert len(embedded.signed_data["certificates"]) == 2


def test_an_organisation_certificate_signs_from_pkcs12(pdf: bytes, org: Organisation) -> None:
    identity = identities.load_pkcs12_identity(org.p12_path, b"correct horse")
    assert identity.certificate == org.leaf
    assert identity.chain == (org.ca,)
    data = pades.sign_pdf(pdf, identity, reason=REASON)
    assert pades.check_pdf_signatures(data, trust_roots=[org.ca]) == []
    other_ca, _ = make_ca("Another CA")
    (problem,) = pades.check_pdf_signatures(data, trust_roots=[other_ca])
    assert problem.startswith(pades.UNTRUSTED)


def test_the_certificate_pem_holds_the_chain(org: Organisation) -> None:
    identity = identities.load_pkcs12_identity(org.p12_path, b"correct horse")
    pem = identities.certificate_pem(identity)
    assert x509.load_pem_x509_certificates(pem) == [org.leaf, org.ca]


def test_a_key_that_does_not_match_the_certificate_is_a_bundle_error(
    org: Organisation, tmp_path: Path
) -> None:
    stranger = tmp_path / "stranger.key"
    stranger.write_bytes(
        rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    with pytest.raises(BundleError, match="does not belong") as caught:
        identities.load_identity_files(org.cert_path, stranger)
    assert "stranger.key" in str(caught.value)


@pytest.mark.parametrize(
    ("password", "message"),
    [(None, "protected by a password"), (b"wrong", "password is wrong")],
)
def test_a_wrong_or_missing_key_password_is_a_bundle_error(
    org: Organisation, password: bytes | None, message: str
) -> None:
    with pytest.raises(BundleError, match=message) as caught:
        identities.load_identity_files(org.cert_path, org.key_path, password)
    assert "alex.key" in str(caught.value)


def test_a_wrong_pkcs12_password_is_a_bundle_error(org: Organisation) -> None:
    with pytest.raises(BundleError, match=re.escape("alex.p12")):
        identities.load_pkcs12_identity(org.p12_path, b"wrong")


def test_missing_or_unreadable_files_are_bundle_errors(org: Organisation, tmp_path: Path) -> None:
    with pytest.raises(BundleError, match=re.escape("nowhere.crt")):
        identities.load_identity_files(tmp_path / "nowhere.crt", org.key_path)
    junk = tmp_path / "junk.crt"
    junk.write_bytes(b"hello")
    with pytest.raises(BundleError, match=re.escape("junk.crt")):
        identities.load_identity_files(junk, org.key_path, b"correct horse")
    with pytest.raises(BundleError, match=re.escape("junk.crt")):
        identities.load_pkcs12_identity(junk)


def test_an_expired_organisation_certificate_is_a_bundle_error(
    org: Organisation, tmp_path: Path
) -> None:
    old = make_leaf(org.ca, org.ca_key, org.key, days=(-400, -30))
    cert_path = tmp_path / "old.crt"
    cert_path.write_bytes(old.public_bytes(serialization.Encoding.PEM))
    with pytest.raises(BundleError, match="expired"):
        identities.load_identity_files(cert_path, org.key_path, b"correct horse")


def test_a_signature_by_an_expired_certificate_is_not_trusted(
    pdf: bytes, org: Organisation
) -> None:
    old = make_leaf(org.ca, org.ca_key, org.key, days=(-400, -30))
    data = pades.sign_pdf(pdf, identities.SigningIdentity(org.key, old, (org.ca,)), reason=REASON)
    assert pades.check_pdf_signatures(data, trust_roots=[org.ca]) == [
        f"{pades.UNTRUSTED} (it has expired or is not yet valid)"
    ]
