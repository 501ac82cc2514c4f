"""The Windows deployment artefacts, judged by their files (nothing here runs Windows): the
WiX source of the MSI, the Inno Setup script, the release workflow's signing steps, the
version numbers they are stamped with (/CONFIG='s placement rule: test_config_placement.py)."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

import rpc_desktop
from tests.helpers import ROOT

WINDOWS = ROOT / "packaging" / "windows"
WXS = WINDOWS / "rpc-desktop.wxs"
ISS = WINDOWS / "rpc-desktop.iss"
SPEC = ROOT / "packaging" / "rpc_desktop.spec"
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
NS = {"w": "http://wixtoolset.org/schemas/v4/wxs"}
UPGRADE_CODE = "D2DB26E7-713E-4349-A944-E1E1CBCFB28A"
"""Written once; never to change (a test that fails here means an upgrade would break)."""
INNO_APP_ID = "CE77FA51-8568-4C09-B778-D080EF61EEDC"
PUBLISHER = "RPC Referral Desktop"


def _module(name: str) -> ModuleType:
    sys.path.insert(0, str(WINDOWS))
    try:
        return __import__(name)
    finally:
        sys.path.pop(0)


def _package() -> ET.Element:
    package = ET.parse(WXS).getroot().find("w:Package", NS)
    assert package is not None
    return package


# --- the MSI -------------------------------------------------------------------------------


def test_the_wxs_is_wix_v4_schema_xml_with_one_package() -> None:
    root = ET.parse(WXS).getroot()
    assert root.tag == "{http://wixtoolset.org/schemas/v4/wxs}Wix"
    assert len(root.findall("w:Package", NS)) == 1


def test_the_msi_has_the_fixed_upgrade_code_per_machine_and_a_major_upgrade() -> None:
    package = _package()
    assert package.get("UpgradeCode") == UPGRADE_CODE
    assert package.get("Scope") == "perMachine"
    assert package.get("ProductCode") is None, "a new product code every build: major upgrades"
    assert package.get("Manufacturer") == PUBLISHER
    assert package.get("Version") == "$(var.Version)"
    (upgrade,) = package.findall("w:MajorUpgrade", NS)
    assert upgrade.get("DowngradeErrorMessage")
    assert package.find("w:MediaTemplate", NS).get("EmbedCab") == "yes"  # type: ignore[union-attr]


def test_the_msi_installs_the_whole_build_into_program_files() -> None:
    package = _package()
    program_files = package.find("w:StandardDirectory[@Id='ProgramFiles64Folder']", NS)
    assert program_files is not None
    folder = program_files.find("w:Directory", NS)
    assert folder is not None and folder.get("Name") == "RPC Referral Desktop"
    files = package.findall(".//w:Files", NS)
    assert [f.get("Include") for f in files] == ["!(bindpath.App)\\**"]
    shortcut = package.find(".//w:Shortcut", NS)
    assert shortcut is not None and shortcut.get("Target") == "[INSTALLFOLDER]rpc-desktop.exe"


def test_the_msi_writes_the_detection_values_the_exe_writes_too() -> None:
    values = {
        v.get("Name"): v.get("Value")
        for v in _package().findall(".//w:RegistryValue", NS)
        if v.get("Key") == "SOFTWARE\\RPC Referral Desktop" and v.get("Root") == "HKLM"
    }
    assert values == {
        "Version": "$(var.DisplayVersion)",
        "Installer": "msi",
        "InstallFolder": "[INSTALLFOLDER]",
    }
    iss = ISS.read_text(encoding="utf-8")
    for name, data in [("Version", "{#AppVersion}"), ("Installer", "exe")]:
        assert re.search(
            rf'^Root: HKLM; Subkey: "SOFTWARE\\{{#AppName}}"; ValueType: string; '
            rf'ValueName: "{name}"; ValueData: "{re.escape(data)}"',
            iss,
            re.MULTILINE,
        ), name


def test_the_msi_locks_the_configuration_folder_as_the_exe_does() -> None:
    package = _package()
    actions = {a.get("Id"): a for a in package.findall("w:CustomAction", NS)}
    commands = {p.get("Id"): p.get("Value") or "" for p in package.findall("w:SetProperty", NS)}
    assert set(actions) == {"LockConfigOwner", "LockConfigReset", "LockConfigGrant"}
    for action in actions.values():
        assert action.get("Execute") == "deferred" and action.get("Impersonate") == "no"
        assert action.get("Return") == "check"
        assert action.get("DllEntry") == "WixQuietExec"
    iss = ISS.read_text(encoding="utf-8")
    for action_id, args in [
        ("LockConfigOwner", "/setowner *S-1-5-32-544 /T /C"),
        ("LockConfigReset", "/reset /T /C"),
        ("LockConfigGrant", "/inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F"),
    ]:
        assert commands[action_id].endswith(args) or args in commands[action_id]
        assert "icacls.exe" in commands[action_id]
        assert args.split(" *S-1-5-18")[0] in iss  # the same arguments as the EXE's
    scheduled = [c.get("Action") for c in package.findall("w:InstallExecuteSequence/w:Custom", NS)]
    assert scheduled == ["LockConfigOwner", "LockConfigReset", "LockConfigGrant"]


def test_the_msi_and_the_exe_refuse_to_install_over_each_other() -> None:
    search = _package().find("w:Property[@Id='INNOSETUPCOPY']/w:RegistrySearch", NS)
    assert search is not None and f"{{{INNO_APP_ID}}}_is1" in (search.get("Key") or "")
    iss = ISS.read_text(encoding="utf-8")
    assert f"AppId={{{{{INNO_APP_ID}}}" in iss
    assert f'#define MsiUpgradeCode "{UPGRADE_CODE}"' in iss
    packed = re.search(r'#define MsiUpgradeCodePacked "(\w+)"', iss)
    assert packed and packed.group(1) == _packed(UPGRADE_CODE)
    assert "UpgradeCodes\\{#MsiUpgradeCodePacked}" in iss


def _packed(guid: str) -> str:
    """How Windows Installer writes a GUID in the registry (UpgradeCodes, Products)."""
    h = guid.replace("-", "")
    pairs = "".join(h[i : i + 2][::-1] for i in range(16, 32, 2))
    return h[0:8][::-1] + h[8:12][::-1] + h[12:16][::-1] + pairs


def test_packed_guid_form() -> None:
    # Microsoft's documented example: {12345678-ABCD-EF12-3456-7890ABCDEF12}
    assert _packed("12345678-ABCD-EF12-3456-7890ABCDEF12") == "87654321DCBA21FE43658709BADCFE21"


# --- version information -------------------------------------------------------------------


def test_the_setup_carries_version_information() -> None:
    iss = ISS.read_text(encoding="utf-8")
    directives = dict(re.findall(r"^(VersionInfo\w+)=(.+)$", iss, re.MULTILINE))
    assert directives == {
        "VersionInfoVersion": "{#FileVersion}",
        "VersionInfoProductVersion": "{#FileVersion}",
        "VersionInfoTextVersion": "{#AppVersion}",
        "VersionInfoProductTextVersion": "{#AppVersion}",
        "VersionInfoCompany": "{#Publisher}",
        "VersionInfoProductName": "{#AppName}",
        "VersionInfoDescription": "{#AppName} Setup",
    }
    assert f'#define Publisher "{PUBLISHER}"' in iss
    assert "AppPublisher={#Publisher}" in iss


def test_program_setup_and_msi_name_the_same_publisher() -> None:
    assert f'PUBLISHER = "{PUBLISHER}"' in SPEC.read_text(encoding="utf-8")
    assert _package().get("Manufacturer") == PUBLISHER


def test_version_numbers_come_from_the_package_through_the_spec() -> None:
    versions = _module("version_info").versions()
    assert versions["version"] == rpc_desktop.__version__
    numbers = versions["file_version"].split(".")
    assert len(numbers) == 4 and all(n.isdigit() for n in numbers)
    assert versions["file_version"].startswith(versions["msi_version"] + ".")
    assert rpc_desktop.__version__.startswith(versions["msi_version"])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('__version__ = "1.2.3rc1"', ("1.2.3rc1", "1.2.3.0", "1.2.3")),
        ('__version__ = "2.0"', ("2.0", "2.0.0.0", "2.0.0")),
    ],
)
def test_version_numbers_for_other_versions(
    tmp_path: Path, line: str, expected: tuple[str, str, str]
) -> None:
    init = tmp_path / "__init__.py"
    init.write_text(line + "\n", encoding="utf-8")
    got = _module("version_info").versions(init)
    assert (got["version"], got["file_version"], got["msi_version"]) == expected


def test_an_msi_version_out_of_range_stops_the_build(tmp_path: Path) -> None:
    init = tmp_path / "__init__.py"
    init.write_text('__version__ = "256.0.0"\n', encoding="utf-8")
    with pytest.raises(SystemExit, match=r"255\.255\.65535"):
        _module("version_info").versions(init)


# --- the release workflow ------------------------------------------------------------------


def _steps() -> dict[str, str]:
    """Each step of the workflow: its name, and its text (if:, env:, run:)."""
    steps: dict[str, str] = {}
    for chunk in re.split(r"\n      - ", WORKFLOW.read_text(encoding="utf-8"))[1:]:
        name = re.match(r"name: (.+)", chunk)
        if name:
            steps[name.group(1).strip()] = chunk
    return steps


def _step(word: str) -> tuple[str, str]:
    (found,) = [(n, t) for n, t in _steps().items() if word in n]
    return found


def test_the_workflow_is_valid_yaml_where_a_parser_is_at_hand() -> None:
    yaml = pytest.importorskip("yaml")
    loaded = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    names = [s.get("name") for s in loaded["jobs"]["build"]["steps"]]
    assert "MSI (WiX v5)" in names and "Sign the MSI" in names


@pytest.mark.parametrize(
    ("word", "skipped"),
    [
        (
            "Sign the program",
            "Signing the program skipped: the WINDOWS_SIGNING_CERT secret is not set.",
        ),
        ("Inno Setup", "Signing the setup skipped: the WINDOWS_SIGNING_CERT secret is not set."),
        ("Sign the MSI", "Signing the MSI skipped: the WINDOWS_SIGNING_CERT secret is not set."),
    ],
)
def test_each_code_signing_step_is_guarded_by_the_secret_and_says_when_it_skips(
    word: str, skipped: str
) -> None:
    _, text = _step(word)
    assert "SIGNING_CERT: ${{ secrets.WINDOWS_SIGNING_CERT }}" in text
    assert "SIGNING_PASSWORD: ${{ secrets.WINDOWS_SIGNING_PASSWORD }}" in text
    assert "runner.os == 'Windows'" in text
    assert f'Write-Host "{skipped}"' in text
    assert "sign /fd SHA256" in text and "/tr http://timestamp" in text
    assert "SIGNING_PASSWORD" not in text.split("Write-Host", 1)[1].split("\n", 1)[0]


def test_the_program_is_signed_before_it_is_tested_and_packed() -> None:
    names = list(_steps())

    def at(word: str) -> int:
        return next(i for i, n in enumerate(names) if word in n)

    assert at("Build (PyInstaller") < at("Code-signing certificate") < at("Sign the program")
    assert at("Sign the program") < at("Self-test of the built binary (Windows")
    assert at("Sign the program") < at("Inno Setup") < at("MSI (WiX v5)") < at("Sign the MSI")
    assert at("Sign the MSI") < at("MSI, silently")
    _, program = _step("Sign the program")
    assert "rpc-desktop.exe" in program and "rpc-desktop-cli.exe" in program
    _, inno = _step("Inno Setup")
    assert '"/DSign"' in inno and "/Srpcsign=" in inno
    assert "/DFileVersion=${{ steps.winver.outputs.file_version }}" in inno
    iss = ISS.read_text(encoding="utf-8")
    assert re.search(r"#ifdef Sign\s+;[^\n]*\nSignTool=rpcsign\nSignedUninstaller=yes\n#endif", iss)


def test_the_certificate_step_says_plainly_when_nothing_is_signed() -> None:
    _, text = _step("Code-signing certificate")
    assert "secrets.WINDOWS_SIGNING_CERT" in text
    assert "NOT code-signed" in text and '"sign=no"' in text
    _, forget = _step("Forget the signing certificate")
    assert "always()" in forget and "signing.pfx" in forget


def test_the_msi_is_built_from_the_wxs_with_the_shared_version_numbers() -> None:
    _, text = _step("MSI (WiX v5)")
    assert "wix build packaging\\windows\\rpc-desktop.wxs" in text
    assert "-ext WixToolset.Util.wixext" in text and "-arch x64" in text
    assert '-d "Version=${{ steps.winver.outputs.msi_version }}"' in text
    assert '-bindpath "App=dist\\rpc-desktop"' in text
    assert "ProductCode" in text and "-msi-codes.txt" in text
    _, versions = _step("Windows version numbers")
    assert "packaging/windows/version_info.py" in versions and "GITHUB_OUTPUT" in versions


def test_the_msi_is_installed_and_removed_silently_on_the_runner() -> None:
    _, text = _step("MSI, silently")
    assert '"/i"' in text and '"/qn"' in text and '"/norestart"' in text
    assert '"/x", $codes.ProductCode' in text
    assert "CurrentVersion\\Uninstall\\$($codes.ProductCode)" in text
    assert "HKLM:\\SOFTWARE\\RPC Referral Desktop" in text
    assert "self-test" in text


def test_the_checksums_are_made_and_signed_or_say_they_are_not() -> None:
    _, sums = _step("Checksums (SHA256SUMS)")
    assert "sha256sum" in sums and "SHA256SUMS" in sums
    _, text = _step("Sign the checksums")
    assert "RELEASE_SIGNING_KEY: ${{ secrets.RELEASE_SIGNING_KEY }}" in text
    assert 'if [ -z "${RELEASE_SIGNING_KEY}" ]' in text
    assert "SHA256SUMS is published WITHOUT a signature" in text
    assert "ssh-keygen -Y sign" in text and "ssh-keygen -Y verify" in text
    assert "-n file" in text and "rm -f" in text
    build = WORKFLOW.read_text(encoding="utf-8").split("\n  release:")[0]
    for pattern in [
        "dist/*.msi",
        "dist/*-setup.exe",
        "dist/*.tar.gz.sha256",
        "dist/*-msi-codes.txt",
    ]:
        assert pattern in build, pattern


# --- what IT reads -------------------------------------------------------------------------


def test_the_deploying_guide_gives_the_msi_lines_and_the_detection_rules() -> None:
    guide = (ROOT / "docs" / "deploying.md").read_text(encoding="utf-8")
    section = guide.split("## Windows: MSI, signing and detection\n", 1)[1].split("\n## ", 1)[0]
    assert "msiexec /i rpc-desktop-0.1.0-windows-x64.msi /qn /norestart" in section
    assert "msiexec /x {PRODUCT-CODE-FROM-msi-codes.txt} /qn /norestart" in section
    assert f"{{{UPGRADE_CODE}}}" in section
    assert f"UpgradeCodes\\{_packed(UPGRADE_CODE)}" in section
    assert f"Uninstall\\{{{INNO_APP_ID}}}_is1" in section
    assert "HKEY_LOCAL_MACHINE\\SOFTWARE\\RPC Referral Desktop" in section
    assert "ssh-keygen -Y verify -f allowed_signers -I release -n file" in section
    for heading in (
        "## Placing the configuration with its files (`/CONFIG=`)",
        "## Updating a shipped scheme pack without a new release",
    ):
        assert heading in guide
