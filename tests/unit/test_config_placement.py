"""The Windows setup's /CONFIG= places the files a configuration names: the rule, in
packaging/windows/config_files.py (the twin of the setup's Pascal, which cannot run here),
and what the app then reads from the machine configuration folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.unit.test_windows_packaging import WINDOWS, _module

ISS = WINDOWS / "rpc-desktop.iss"


def test_quoted_values_reads_basic_and_literal_strings_not_comments() -> None:
    values = _module("config_files").quoted_values(
        [
            'organisation = "Gateshead # Early Help"  # "not this"',
            "recovery_public_key = 'keys\\recovery.pem'",
            'extra_packs = "packs\\\\2026"',
            'signing = { certificate = "org-cert.pem", key = "org \\"key\\".pem" }',
            'notes = """',
            '"inside a multi-line string"',
            '"""',
            "# 'commented'",
            'trusted_keys = ["ABCD"]',
        ]
    )
    assert values == [
        "Gateshead # Early Help",
        "keys\\recovery.pem",
        "packs\\2026",
        "org-cert.pem",
        'org "key".pem',
        "ABCD",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("recovery.pem", "recovery.pem"),
        ("./keys/recovery.pem", "keys\\recovery.pem"),
        (".\\packs\\", "packs"),
        ("C:\\deploy\\recovery.pem", None),
        ("\\\\server\\share\\x.pem", None),
        ("/etc/rpc-desktop/x.pem", None),
        ("../outside.pem", None),
        ("packs\\..\\..\\x", None),
        ("..", None),
        ("", None),
        (".", None),
    ],
)
def test_relative_path(value: str, expected: str | None) -> None:
    assert _module("config_files").relative_path(value) == expected


def _it_folder(tmp_path: Path) -> Path:
    """IT's deploy folder: config.toml and what it names, as docs/deploying.md shows."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    source = tmp_path / "deploy"
    (source / "keys").mkdir(parents=True)
    (source / "keys" / "recovery.pem").write_bytes(
        X25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    scheme = ROOT / "rpc_desktop" / "resources" / "schemes" / "north-east-relationships-matter.toml"
    (source / "packs" / "schemes").mkdir(parents=True)
    (source / "packs" / "schemes" / "ne.toml").write_text(
        scheme.read_text(encoding="utf-8").replace('version = "2026.1"', 'version = "2026.2"'),
        encoding="utf-8",
    )
    (source / "rpc-desktop-0.1.0-windows-x64-setup.exe").write_bytes(b"MZ not to be copied")
    (source / "unrelated.txt").write_text("not named")
    (source / "config.toml").write_text(
        "# Deployed with /CONFIG= (docs/deploying.md)\n"
        'organisation = "Gateshead Early Help"\n'
        "recovery_public_key = 'keys/recovery.pem'\n"
        'extra_packs = "packs"\n'
        'enabled_schemes = ["north-east-relationships-matter"]\n'
        '# extra_packs = "unrelated.txt"\n',
        encoding="utf-8",
    )
    return source


def test_config_placement_copies_what_the_config_names_and_nothing_else(tmp_path: Path) -> None:
    config_files = _module("config_files")
    source = _it_folder(tmp_path)
    assert config_files.named_paths(source / "config.toml") == ["keys\\recovery.pem", "packs"]
    target = tmp_path / "ProgramData" / "rpc-desktop"
    config_files.place(source / "config.toml", target)
    placed = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert placed == ["config.toml", "keys/recovery.pem", "packs/schemes/ne.toml"]


def test_the_placed_configuration_reads_cleanly_from_the_machine_folder(tmp_path: Path) -> None:
    """What the app then reads: every path resolves to the placed copy, the newer pack is
    used and reported, and the folder IT deployed from is no longer needed."""
    import shutil

    from rpc_desktop.app.config import parse
    from rpc_desktop.app.context import configured_packs

    source = _it_folder(tmp_path)
    target = tmp_path / "ProgramData" / "rpc-desktop"
    _module("config_files").place(source / "config.toml", target)
    shutil.rmtree(source)
    path = target / "config.toml"
    config = parse(path.read_text(encoding="utf-8"), path)
    assert config.problems == ()
    assert config.recovery_public_key == target / "keys" / "recovery.pem"
    assert config.extra_packs == target / "packs"
    packs = configured_packs(config, ROOT / "rpc_desktop" / "resources")
    assert packs.errors == []
    assert [str(o).split(" from ")[0] for o in packs.overrides] == [
        "scheme 'north-east-relationships-matter' 2026.2"
    ]


def test_the_setup_places_the_named_files_with_the_same_rule() -> None:
    """The Pascal cannot run here: its parts must at least be those the twin tests."""
    iss = ISS.read_text(encoding="utf-8")
    for name in ("QuotedValues", "RelativePath", "CopyTree", "PlaceNamedFiles"):
        assert f"function {name}(" in iss, name
    prepare = iss.split("function PrepareToInstall(")[1]
    assert prepare.index("FileCopy(ConfigSource()") < prepare.index(
        "PlaceNamedFiles(ConfigSource(), MachineConfigDir())"
    )
    assert "Lowercase(Rel) = 'config.toml'" in iss
    assert "REPARSE_POINT" in iss.split("function CopyTree(")[1].split("end;\n\n")[0]
    # The twin's docstring names the Pascal functions, so a change to one points at the other.
    twin = (WINDOWS / "config_files.py").read_text(encoding="utf-8")
    for name in ("QuotedValues", "RelativePath", "PlaceNamedFiles"):
        assert name in twin, name
