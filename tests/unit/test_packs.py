from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rpc_desktop.domain.case import Variant
from rpc_desktop.domain.packs import load_pack, load_packs
from rpc_desktop.domain.questionnaire import Flag, ItemType, Questionnaire
from rpc_desktop.domain.scheme import DaPolicy, Scheme
from rpc_desktop.errors import PackError
from tests.helpers import RESOURCES, packs


def test_shipped_packs_load_cleanly() -> None:
    loaded = packs()
    assert set(loaded.schemes) == {
        "north-east-relationships-matter",
        "worcestershire-harmony-at-home",
    }
    assert loaded.rsq is not None and loaded.screening is not None


@pytest.mark.parametrize("variant", list(Variant))
def test_rsq_covers_every_variant_with_forty_items(variant: Variant) -> None:
    rsq = packs().rsq
    assert rsq is not None
    items = [i for i in rsq.items() if i.applies_to(variant)]
    assert len(items) >= 40
    sections = {s.id for s in rsq.sections if any(i.applies_to(variant) for i in s.items)}
    assert len(sections) >= 8


def test_rsq_uses_every_item_type_with_prompts_and_conditions() -> None:
    rsq = packs().rsq
    assert rsq is not None
    items = rsq.items()
    assert {i.type for i in items} == set(ItemType)
    assert all(i.prompt.why and i.prompt.how for i in items)
    assert any(i.required for i in items)
    assert any(i.show_if for i in items)
    assert any(i.variants for i in items)


def test_screening_has_gate_and_both_kinds_of_flag() -> None:
    screening = packs().screening
    assert screening is not None
    flags = {i.flag for i in screening.items}
    assert {Flag.EXCLUSION, Flag.CONCERN} <= flags
    assert any(i.marks == "last-incident-date" for i in screening.items)
    assert screening.gate.alone.text and screening.gate.safe_contact.text


def test_schemes_hold_the_domain_facts() -> None:
    ne = packs().schemes["north-east-relationships-matter"]
    worcs = packs().schemes["worcestershire-harmony-at-home"]
    assert len(ne.areas) == 10 and "Gateshead" in ne.areas
    assert ne.intergenerational_excluded and ne.gateway.email == "rpcgateway@gateshead.gov.uk"
    assert [s.working_days for s in ne.timeline] == [2, 10, 5]
    assert len(ne.pathways) == 4
    assert worcs.children.max_age == 18 and worcs.children.send_max_age == 25
    assert worcs.prior_engagement_weeks == 4 and worcs.referrer_continues_support
    assert worcs.domestic_abuse.policy is DaPolicy.EXCLUDE
    assert worcs.domestic_abuse.lookback_months == 12
    assert worcs.area_for("Redditch") == "Worcestershire"


def _copy_resources(tmp_path: Path) -> Path:
    target = tmp_path / "resources"
    shutil.copytree(RESOURCES, target, ignore=shutil.ignore_patterns("fonts", "demo"))
    return target


def test_invalid_toml_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\nversion = "1"\ntitle = = "oops"\n', encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_pack(bad, Questionnaire)
    assert info.value.line == 3
    assert str(bad) in str(info.value)


def test_bad_item_names_file_item_field_and_line(tmp_path: Path) -> None:
    res = _copy_resources(tmp_path)
    path = res / "questionnaires" / "rsq.toml"
    text = path.read_text(encoding="utf-8")
    first_id = packs().rsq.items()[3].id
    marker = f'id = "{first_id}"'
    assert marker in text
    head, tail = text.split(marker, 1)
    tail = tail.replace('type = "', 'type = "bogus-', 1)
    path.write_text(head + marker + tail, encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_pack(path, Questionnaire)
    err = info.value
    assert err.item == first_id
    assert err.field == "type"
    assert err.line == head.count("\n") + 1
    assert "rsq.toml" in str(err) and first_id in str(err)


def test_show_if_must_point_back(tmp_path: Path) -> None:
    bad = tmp_path / "q.toml"
    bad.write_text(
        """
id = "q"
version = "1"
title = "Q"
[[sections]]
id = "s"
title = "S"
  [[sections.items]]
  id = "first"
  text = "First?"
  type = "yesno"
  show_if = { item = "second", equals = "yes" }
  prompt = { why = "w", how = "h" }
  [[sections.items]]
  id = "second"
  text = "Second?"
  type = "yesno"
  prompt = { why = "w", how = "h" }
""",
        encoding="utf-8",
    )
    with pytest.raises(PackError, match="not an earlier item"):
        load_pack(bad, Questionnaire)


def test_one_broken_scheme_does_not_stop_the_others(tmp_path: Path) -> None:
    res = _copy_resources(tmp_path)
    path = res / "schemes" / "worcestershire-harmony-at-home.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("send_max_age = 25", "send_max_age = 12"),
        encoding="utf-8",
    )
    loaded = load_packs(res)
    assert list(loaded.schemes) == ["north-east-relationships-matter"]
    assert len(loaded.errors) == 1
    message = str(loaded.errors[0])
    assert "worcestershire-harmony-at-home.toml" in message and "send_max_age" in message


def test_scheme_with_missing_agreement_is_reported(tmp_path: Path) -> None:
    res = _copy_resources(tmp_path)
    (res / "agreements" / "worcestershire-participation-agreement.toml").unlink()
    loaded = load_packs(res)
    assert "worcestershire-harmony-at-home" not in loaded.schemes
    assert any("agreement" in str(e) for e in loaded.errors)


def test_extra_scheme_folder_is_loaded(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    source = RESOURCES / "schemes" / "north-east-relationships-matter.toml"
    text = (
        source.read_text(encoding="utf-8")
        .replace('id = "north-east-relationships-matter"', 'id = "durham-triage"')
        .replace('policy = "exclude"', 'policy = "triage"')
    )
    (extra / "durham.toml").write_text(text, encoding="utf-8")
    loaded = load_packs(RESOURCES, [extra])
    scheme: Scheme = loaded.schemes["durham-triage"]
    assert scheme.domestic_abuse.policy is DaPolicy.TRIAGE
