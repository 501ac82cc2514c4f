"""IT's signing mode "device-certificates": each device signs its PDFs with its own key under
a certificate the organisation's CA issued for it, and no organisation key (nor the CA's)
is on the machine. The CA is real, made here; the round trip is the commands IT runs:
request on the device, issue on IT's desk, import on the device."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
from io import BytesIO
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader

from rpc_desktop.app import review
from rpc_desktop.app.certificates import ISSUED_FILE
from rpc_desktop.app.config import SigningMode, load
from rpc_desktop.cli import certificates as certificate_cli
from rpc_desktop.cli import main
from rpc_desktop.documents.bundle import PDF_KEYS, document_names
from rpc_desktop.documents.device import one_off_device
from rpc_desktop.documents.identity import DEVICE_CERT_FILE
from rpc_desktop.documents.pades import check_pdf_signatures
from rpc_desktop.documents.verify import VerifyStatus, verify_bundle
from rpc_desktop.errors import BundleError
from tests.e2e.it_files import DEVICE_CERTIFICATES, organisation_ca, place
from tests.helpers import PASSPHRASE, fast_context, home_device, make_store

REF = "RPC-DEMO-0001"
DER = serialization.Encoding.DER


def certificate(args: list[str], home: Path) -> dict[str, str]:
    """`rpc-desktop certificate …` as cli/certificates.py registers it (entry.py adds it)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true")
    certificate_cli.add_parsers(parser.add_subparsers(dest="command"))
    parsed = parser.parse_args(["certificate", *args])
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        assert parsed.handler(fast_context(home), parsed) == 0
    return dict(json.loads(text.getvalue()))


@pytest.fixture
def it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, x509.Certificate]:
    """IT's configuration naming the organisation CA (device-certificates), and the CA's key
    on IT's desk; the user's store made and the passphrase in the environment."""
    folder = tmp_path / "etc"
    folder.mkdir()
    ca_file, ca_key, ca = organisation_ca(folder, tmp_path / "it-desk")
    config = place(folder / "config.toml", 'organisation = "Test Council"\n' + DEVICE_CERTIFICATES)
    monkeypatch.setenv("RPC_DESKTOP_CONFIG", str(config))
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CA_PASSWORD", "ca secret")
    return ca_file, ca_key, ca


def round_trip(home: Path, tmp_path: Path, ca_file: Path, ca_key: Path, name: str = "") -> Path:
    """request (device) → issue (IT) → import (device); returns the issued file."""
    if not (home / "store").exists():
        make_store(home)
    request = tmp_path / "device.csr"
    assert certificate(["request", "--out", str(request)], home)["request"] == str(request)
    issued = tmp_path / "device-cert.pem"
    it_args = ["issue", str(request), "--ca-certificate", str(ca_file), "--ca-key", str(ca_key)]
    it_args += ["--key-password-env", "CA_PASSWORD", "--out", str(issued)]
    certificate([*it_args, *(["--name", name] if name else [])], home)
    certificate(["import", str(issued)], home)
    return issued


def test_the_configuration_says_the_mode_and_holds_no_key(
    it: tuple[Path, Path, x509.Certificate],
) -> None:
    loaded = load()
    assert loaded.problems == ()
    assert loaded.signing is not None
    assert loaded.signing.mode is SigningMode.DEVICE_CERTIFICATES
    assert loaded.signing.organisation_key is None


def test_a_device_signs_under_the_certificate_the_ca_issued(
    it: tuple[Path, Path, x509.Certificate],
    isolated_home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ca_file, ca_key, ca = it
    make_store(isolated_home)
    before = home_device(isolated_home).pdf
    assert before.certificate.issuer == before.certificate.subject, "self-signed until issued"
    round_trip(isolated_home, tmp_path, ca_file, ca_key, name="Priya Ramsden")
    device = home_device(isolated_home)
    assert device.pdf.certificate.issuer == ca.subject
    assert device.pdf.chain == (ca,)
    assert device.pdf.private_key.private_numbers() == before.private_key.private_numbers()
    common_name = device.pdf.certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[
        0
    ].value
    assert common_name == "Priya Ramsden"
    # The public certificate beside the store is the issued one: `verify FILE.pdf` trusts it.
    public = x509.load_pem_x509_certificate(
        (isolated_home / "keys" / DEVICE_CERT_FILE).read_bytes()
    )
    assert public == device.pdf.certificate

    assert main(["demo", "--device", "--out", str(tmp_path / "out")]) == 0
    built = json.loads(capsys.readouterr().out)
    assert built["pdf_certificate"] == device.pdf.certificate_sha256
    folder = tmp_path / "out" / f"{REF}-v1"
    names = document_names(REF)
    for key in PDF_KEYS:
        data = (folder / "data" / names[key]).read_bytes()
        (signature,) = PdfFileReader(BytesIO(data), strict=False).embedded_signatures
        assert signature.signer_cert.dump() == device.pdf.certificate.public_bytes(DER)
        embedded = {c.dump() for c in signature.signed_data["certificates"]}
        assert ca.public_bytes(DER) in {bytes(c) for c in embedded}, "the chain to the CA"
        assert check_pdf_signatures(data, trust_roots=[ca]) == [], key
    # verify (bundle folder and sealed file) and the team lead's import accept it
    assert verify_bundle(folder, {device.fingerprint}).status is VerifyStatus.INTACT
    sealed = next((tmp_path / "out").glob("*.rpcbundle"))
    lead = one_off_device()  # the team lead's own device
    check = review.check_bundle_file(sealed, {device.fingerprint}, lead)
    assert check.status is VerifyStatus.INTACT, check.problems
    pdf = folder / "data" / names["agreement"]
    assert main(["verify", str(pdf)]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "intact"


def test_show_says_what_signs(
    it: tuple[Path, Path, x509.Certificate], isolated_home: Path, tmp_path: Path
) -> None:
    ca_file, ca_key, _ca = it
    make_store(isolated_home)
    home_device(isolated_home)
    said = certificate(["show"], isolated_home)
    assert said["mode"] == "device-certificates"
    assert said["issued_by"] == "itself (self-signed)"
    assert "certificate request" in said["next"]
    round_trip(isolated_home, tmp_path, ca_file, ca_key)
    said = certificate(["show"], isolated_home)
    assert "Test Council Signing CA" in said["organisation_certificate"]
    assert "this device's PDFs are signed under it" in said["organisation_certificate"]


def test_a_certificate_for_another_device_is_refused(
    it: tuple[Path, Path, x509.Certificate], isolated_home: Path, tmp_path: Path
) -> None:
    ca_file, ca_key, _ca = it
    issued = round_trip(tmp_path / "other-home", tmp_path, ca_file, ca_key)
    make_store(isolated_home)
    home_device(isolated_home)
    with pytest.raises(BundleError, match="for another device's key"):
        certificate(["import", str(issued)], isolated_home)
    assert not (isolated_home / "keys" / ISSUED_FILE).exists()


def test_a_certificate_from_another_ca_is_refused(
    it: tuple[Path, Path, x509.Certificate], isolated_home: Path, tmp_path: Path
) -> None:
    _ca_file, _ca_key, _ca = it
    rogue_ca, rogue_key, _rogue = organisation_ca(tmp_path / "rogue", tmp_path / "rogue-desk")
    with pytest.raises(BundleError, match="not issued by the organisation's CA"):
        round_trip(isolated_home, tmp_path, rogue_ca, rogue_key)


def test_a_certificate_kept_from_a_ca_it_no_longer_names_is_not_used(
    it: tuple[Path, Path, x509.Certificate], isolated_home: Path, tmp_path: Path
) -> None:
    """IT moves to a new CA: the old certificate stops signing; the device's own does."""
    ca_file, ca_key, _ca = it
    round_trip(isolated_home, tmp_path, ca_file, ca_key)
    organisation_ca(ca_file.parent, tmp_path / "new-desk", name="Test Council CA 2027")
    pdf = home_device(isolated_home).pdf
    assert pdf.certificate.issuer == pdf.certificate.subject


def test_a_ca_file_holding_the_ca_key_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "etc"
    folder.mkdir()
    ca_file, ca_key, _ca = organisation_ca(folder, tmp_path / "it-desk")
    ca_file.write_bytes(ca_file.read_bytes() + ca_key.read_bytes())
    loaded = load(place(folder / "config.toml", DEVICE_CERTIFICATES))
    (problem,) = loaded.problems
    assert "key 'signing'" in problem and "holds a private key" in problem
    assert loaded.signing is None


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ('key = "org-ca.pem"\n', "mode 'device-certificates' takes no 'key'"),
        ('group = "rpc-signers"\n', "mode 'device-certificates' takes no 'group'"),
    ],
)
def test_device_certificates_takes_no_organisation_key(
    tmp_path: Path, extra: str, words: str
) -> None:
    folder = tmp_path / "etc"
    folder.mkdir()
    organisation_ca(folder, tmp_path / "it-desk")
    (problem,) = load(place(folder / "config.toml", DEVICE_CERTIFICATES + extra)).problems
    assert words in problem


def test_import_without_the_mode_is_refused(isolated_home: Path, tmp_path: Path) -> None:
    make_store(isolated_home)
    home_device(isolated_home)
    stray = place(tmp_path / "cert.pem", b"")
    with pytest.raises(BundleError, match="does not use device certificates"):
        certificate(["import", str(stray)], isolated_home)


def test_issue_refuses_a_changed_request_and_a_key_of_another_ca(
    it: tuple[Path, Path, x509.Certificate], isolated_home: Path, tmp_path: Path
) -> None:
    from rpc_desktop.app.certificates import issue, make_request

    ca_file, ca_key, _ca = it
    make_store(isolated_home)
    request = make_request(home_device(isolated_home))
    ca_pem, key_pem = ca_file.read_bytes(), ca_key.read_bytes()
    assert b"BEGIN CERTIFICATE" in issue(request, ca_pem, key_pem, b"ca secret")
    der = x509.load_pem_x509_csr(request).public_bytes(DER)
    at = len(der) - 10  # inside the signature
    changed = x509.load_der_x509_csr(der[:at] + bytes([der[at] ^ 1]) + der[at + 1 :])
    with pytest.raises(BundleError, match="does not match its key"):
        issue(changed.public_bytes(serialization.Encoding.PEM), ca_pem, key_pem, b"ca secret")
    _other, other_key, _ = organisation_ca(tmp_path / "other", tmp_path / "other-desk")
    with pytest.raises(BundleError, match="does not belong to the CA certificate"):
        issue(request, ca_pem, other_key.read_bytes(), b"ca secret")
    with pytest.raises(BundleError, match="protected by a password"):
        issue(request, ca_pem, key_pem, None)


def test_a_pdf_from_another_device_of_the_organisation_verifies_on_its_own(
    it: tuple[Path, Path, x509.Certificate],
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`verify FILE.pdf` on a colleague's laptop trusts a device certificate the same
    organisation CA issued (before: "untrusted", since only bundles named their signer)."""
    ca_file, ca_key, _ca = it
    round_trip(isolated_home, tmp_path, ca_file, ca_key)
    assert main(["demo", "--device", "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    pdf = tmp_path / "out" / f"{REF}-v1" / "data" / document_names(REF)["agreement"]
    monkeypatch.setenv("RPC_DESKTOP_HOME", str(tmp_path / "colleague"))  # another laptop
    assert main(["verify", str(pdf)]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "intact"
    # The same PDF where IT names no CA: signed by a key nothing there trusts.
    monkeypatch.setenv("RPC_DESKTOP_CONFIG", str(tmp_path / "no-config.toml"))
    main(["verify", str(pdf)])
    assert json.loads(capsys.readouterr().out)["status"] == "untrusted"
