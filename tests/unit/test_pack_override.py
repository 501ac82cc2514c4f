"""IT ships a newer scheme pack without a new release: an extra pack with a shipped pack's id
replaces it only when its version is higher; anything else is reported and the shipped pack
stays (docs/deploying.md, "Updating a shipped scheme pack")."""

from __future__ import annotations

from pathlib import Path

import pytest

from rpc_desktop.domain.packs import load_packs, version_key
from tests.helpers import RESOURCES

NE = "north-east-relationships-matter"
NE_FILE = RESOURCES / "schemes" / f"{NE}.toml"
NE_AGREEMENT = RESOURCES / "agreements" / "north-east-participation-agreement.toml"
SHIPPED_VERSION = 'version = "2026.1"'


def _extra(tmp_path: Path, version: str, *, extra: str = "", name: str = "ne.toml") -> Path:
    """An extra folder holding the shipped North East pack at `version`."""
    folder = tmp_path / "extra"
    (folder / "schemes").mkdir(parents=True, exist_ok=True)
    text = NE_FILE.read_text(encoding="utf-8")
    assert text.count(SHIPPED_VERSION) == 1, "the shipped pack's version line moved"
    text = text.replace(SHIPPED_VERSION, f'version = "{version}"') + extra
    (folder / "schemes" / name).write_text(text, encoding="utf-8")
    return folder


def test_a_higher_version_replaces_the_shipped_pack_and_is_reported(tmp_path: Path) -> None:
    folder = _extra(tmp_path, "2026.2")
    text = (folder / "schemes" / "ne.toml").read_text(encoding="utf-8")
    (folder / "schemes" / "ne.toml").write_text(
        text.replace('name = "Relationships Matter"', 'name = "Relationships Matter (2026.2)"'),
        encoding="utf-8",
    )
    loaded = load_packs(RESOURCES, [folder])
    assert loaded.errors == []
    assert loaded.schemes[NE].version == "2026.2"
    assert loaded.schemes[NE].name == "Relationships Matter (2026.2)"
    (override,) = loaded.overrides
    assert (override.kind, override.pack_id, override.shipped, override.version) == (
        "scheme",
        NE,
        "2026.1",
        "2026.2",
    )
    line = str(override)
    assert NE in line and "2026.2" in line and "replaces the shipped 2026.1" in line
    assert str(folder / "schemes" / "ne.toml") in line
    # The other shipped scheme is untouched.
    assert loaded.schemes["worcestershire-harmony-at-home"].version == "2026.1"


def test_a_pack_directly_in_the_extra_folder_replaces_too(tmp_path: Path) -> None:
    folder = _extra(tmp_path, "2026.10")
    (folder / "schemes" / "ne.toml").rename(folder / "ne.toml")
    loaded = load_packs(RESOURCES, [folder])
    assert loaded.errors == [] and loaded.schemes[NE].version == "2026.10"


@pytest.mark.parametrize("version", ["2026.1", "2026.1.0", "2026.0", "2025.9", "1"])
def test_a_lower_or_equal_version_does_not_replace(tmp_path: Path, version: str) -> None:
    loaded = load_packs(RESOURCES, [_extra(tmp_path, version)])
    assert loaded.schemes[NE].version == "2026.1"
    assert loaded.schemes[NE] == load_packs(RESOURCES).schemes[NE]
    assert loaded.overrides == []
    (error,) = loaded.errors
    message = str(error)
    assert "ne.toml" in message and NE in message
    assert "already used by the shipped pack, version 2026.1" in message
    assert "is not newer, so the shipped pack is used" in message


def test_an_incomparable_version_is_reported_and_the_shipped_pack_stays(tmp_path: Path) -> None:
    loaded = load_packs(RESOURCES, [_extra(tmp_path, "2026.2-draft")])
    assert loaded.schemes[NE].version == "2026.1" and loaded.overrides == []
    (error,) = loaded.errors
    assert "cannot be compared" in str(error) and error.field == "version"


def test_an_invalid_newer_pack_is_reported_and_the_shipped_pack_stays(tmp_path: Path) -> None:
    folder = _extra(tmp_path, "2026.2", extra="\nnot_a_key = 1\n")
    loaded = load_packs(RESOURCES, [folder])
    assert loaded.schemes[NE].version == "2026.1" and loaded.overrides == []
    (error,) = loaded.errors
    assert "ne.toml" in str(error) and "not_a_key" in str(error)


def test_a_newer_pack_whose_agreement_is_missing_is_reported(tmp_path: Path) -> None:
    text = NE_FILE.read_text(encoding="utf-8").replace(
        'agreement = "north-east-participation-agreement"', 'agreement = "nowhere"'
    )
    folder = _extra(tmp_path, "2026.2")
    (folder / "schemes" / "ne.toml").write_text(
        text.replace(SHIPPED_VERSION, 'version = "2026.2"'), encoding="utf-8"
    )
    loaded = load_packs(RESOURCES, [folder])
    assert loaded.schemes[NE].version == "2026.1" and loaded.overrides == []
    assert any("agreement 'nowhere' not found" in str(e) for e in loaded.errors)


def test_two_extra_packs_for_one_shipped_id_are_an_error(tmp_path: Path) -> None:
    folder = _extra(tmp_path, "2026.2", name="a.toml")
    _extra(tmp_path, "2026.3", name="b.toml")
    loaded = load_packs(RESOURCES, [folder])
    assert loaded.schemes[NE].version == "2026.2"  # the first, in file order
    assert len(loaded.overrides) == 1
    (error,) = loaded.errors
    assert "b.toml" in str(error) and "already used by another pack" in str(error)


def test_a_newer_agreement_replaces_the_shipped_one(tmp_path: Path) -> None:
    folder = tmp_path / "extra"
    (folder / "agreements").mkdir(parents=True)
    text = NE_AGREEMENT.read_text(encoding="utf-8")
    assert 'version = "2026.2"' in text
    (folder / "agreements" / "ne.toml").write_text(
        text.replace('version = "2026.2"', 'version = "2026.3"', 1), encoding="utf-8"
    )
    loaded = load_packs(RESOURCES, [folder])
    assert loaded.errors == []
    agreement = loaded.agreement_for(loaded.schemes[NE])
    assert agreement.version == "2026.3"
    assert [o.kind for o in loaded.overrides] == ["agreement"]


def test_shipped_packs_alone_report_no_override() -> None:
    assert load_packs(RESOURCES).overrides == []


@pytest.mark.parametrize(
    ("version", "key"),
    [
        ("2026.1", (2026, 1)),
        ("2026.10", (2026, 10)),
        ("2026.1.0", (2026, 1)),
        (" 3 ", (3,)),
        ("0", (0,)),
        ("2026.2-draft", None),
        ("v2", None),
        ("", None),
    ],
)
def test_version_key(version: str, key: tuple[int, ...] | None) -> None:
    assert version_key(version) == key


def test_ten_sorts_after_nine() -> None:
    nine, ten = version_key("2026.9"), version_key("2026.10")
    assert nine is not None and ten is not None and ten > nine
