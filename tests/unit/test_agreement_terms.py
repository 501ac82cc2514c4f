"""The Participation Agreement says what parents agree to (issue 13): each side's
commitments and the scheme's privacy notice from the pack, signing times on UK clocks, and no
hash codes where parents read it (the text's SHA-256 stays in the PDF's metadata)."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from rpc_desktop.documents.agreement_pdf import build_agreement
from rpc_desktop.documents.signature import uk_datetime, uk_rule, uk_time
from rpc_desktop.documents.styles import render
from rpc_desktop.domain.case import Case
from rpc_desktop.domain.packs import ParticipationAgreement, load_pack
from rpc_desktop.errors import PackError
from tests.helpers import RESOURCES, demo_case, packs, varied
from tests.unit.test_documents import flat, pdf_text

NORTH_EAST = "north-east-relationships-matter"
WORCESTERSHIRE = "worcestershire-harmony-at-home"
HEX = re.compile(r"\b[0-9a-fA-F]{16,}\b")
FURNITURE = re.compile(r"^OFFICIAL-SENSITIVE .*? Page \d+ ")


def worcestershire(case: Case) -> Case:
    return varied(case, scheme_id=WORCESTERSHIRE, **{"address.local_authority": "Wyre Forest"})


def signed_at(case: Case, moment: datetime) -> Case:
    return case.model_copy(
        update={"signatures": [s.model_copy(update={"signed_at": moment}) for s in case.signatures]}
    )


def body_text(data: bytes) -> str:
    """The pages' text without their headers and footers, so a sentence that runs over a
    page break reads whole."""
    pages = [flat(page.extract_text() or "") for page in PdfReader(BytesIO(data)).pages]
    return flat(" ".join(FURNITURE.sub("", page, count=1) for page in pages))


def toml(data: dict[str, Any]) -> str:
    """Enough TOML for an agreement pack: strings, lists of strings, one level of tables
    (and arrays of tables in them)."""
    top = [f"{k} = {json.dumps(v)}" for k, v in data.items() if not isinstance(v, dict)]
    for name, table in ((k, v) for k, v in data.items() if isinstance(v, dict)):
        top.append(f"[{name}]")
        arrays = {k: v for k, v in table.items() if v and isinstance(v[0], dict)}
        top += [f"{k} = {json.dumps(v)}" for k, v in table.items() if k not in arrays]
        for key, rows in arrays.items():
            for row in rows:
                top.append(f"[[{name}.{key}]]")
                top += [f"{k} = {json.dumps(v)}" for k, v in row.items()]
    return "\n".join(top) + "\n"


def agreement_pdf(case: Case) -> bytes:
    scheme = packs().scheme(case.scheme_id)
    return render(
        build_agreement(case, packs().agreement_for(scheme), scheme),
        title="Participation Agreement",
        reference=case.reference,
        fonts_dir=RESOURCES / "fonts",
    )


@pytest.mark.parametrize("scheme_id", [NORTH_EAST, WORCESTERSHIRE])
def test_the_agreement_prints_every_commitment_and_the_privacy_notice(scheme_id: str) -> None:
    case = demo_case() if scheme_id == NORTH_EAST else worcestershire(demo_case())
    agreement = packs().agreement_for(packs().scheme(scheme_id))
    text = body_text(agreement_pdf(case))
    for heading, lines in agreement.sections():
        assert heading in text
        for line in lines:
            assert flat(line) in text
    notice = agreement.privacy
    for heading in (
        "How our information is used (privacy notice)",
        "Who is responsible for it",
        "Who receives it",
        "Why it may be used (the lawful basis)",
        "How long it is kept",
        "Our rights",
        "Changing our minds",
    ):
        assert heading in text
    for part in (notice.controller, notice.lawful_basis, notice.kept_for, notice.rights):
        assert flat(part) in text
    assert flat(notice.withdraw) in text
    for recipient in notice.recipients:
        assert flat(f"{recipient.name}: {recipient.why}") in text


def test_the_north_east_pack_says_what_the_scheme_asks() -> None:
    agreement = packs().agreement_for(packs().scheme(NORTH_EAST))
    worker = " ".join(agreement.commitments.link_worker)
    assert "initial home visit" in worker and "promote and support our attendance" in worker
    feedback = agreement.commitments.provider_feedback
    assert "only whether we attend and how we engage" in feedback
    assert "no clinical feedback" in feedback
    receivers = " ".join(r.name for r in agreement.privacy.recipients)
    for who in ("Referral Gateway", "Relate or Changing Futures North East", "universal service"):
        assert who in receivers
    assert "Article 6(1)(e)" in agreement.privacy.lawful_basis
    assert "0191 433 3355" in agreement.privacy.withdraw


def test_worcestershire_uses_its_own_words_for_the_practitioner() -> None:
    agreement = packs().agreement_for(packs().scheme(WORCESTERSHIRE))
    assert agreement.worker_title == "practitioner"
    worker = " ".join(agreement.commitments.link_worker)
    assert "professional case discussions" in worker
    assert "engage meaningfully with the specialist intervention" in worker
    assert "learning shared by the specialist service" in worker


def test_the_signed_text_covers_the_commitments_and_the_notice() -> None:
    """Parents sign what the screen shows: all of it is in the hashed text."""
    agreement = packs().agreement_for(packs().scheme(NORTH_EAST))
    assert agreement.commitments.each_parent[0] in agreement.text
    assert agreement.privacy.withdraw in agreement.text
    changed = agreement.model_copy(
        update={"privacy": agreement.privacy.model_copy(update={"kept_for": "For ever."})}
    )
    assert changed.sha256 != agreement.sha256


def test_winter_signatures_print_in_gmt_and_summer_ones_in_bst() -> None:
    winter = flat(pdf_text(agreement_pdf(demo_case())))
    assert "18 December 2026, 10:02 GMT" in winter and "UTC" not in winter
    summer_case = signed_at(demo_case(), datetime(2026, 7, 1, 13, 5, tzinfo=UTC))
    summer = flat(pdf_text(agreement_pdf(summer_case)))
    assert summer.count("1 July 2026, 14:05 BST") == 3
    assert "UTC" not in summer


def test_no_hash_codes_where_parents_read_but_in_the_metadata() -> None:
    case = demo_case()
    data = agreement_pdf(case)
    text = pdf_text(data)
    assert "SHA-256" not in text and "sha256" not in text.lower()
    assert not HEX.findall(text.replace(" ", "")), "no fingerprint, even wrapped over lines"
    keywords = str((PdfReader(BytesIO(data)).metadata or {}).get("/Keywords", ""))
    agreement = packs().agreement_for(packs().scheme(case.scheme_id))
    assert f"agreement-text-sha256 {agreement.sha256}" in keywords
    for signature in case.signatures:
        assert f"{signature.signer.value} {signature.text_sha256}" in keywords
    assert "Text signed Version" in flat(text)


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (datetime(2026, 3, 29, 0, 59, tzinfo=UTC), "29 March 2026, 00:59 GMT"),
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), "29 March 2026, 02:00 BST"),
        (datetime(2026, 10, 25, 0, 59, tzinfo=UTC), "25 October 2026, 01:59 BST"),
        (datetime(2026, 10, 25, 1, 0, tzinfo=UTC), "25 October 2026, 01:00 GMT"),
        (datetime(2027, 1, 15, 23, 30), "15 January 2027, 23:30 GMT"),  # naive: UTC
    ],
)
def test_uk_time_at_the_clock_changes(moment: datetime, shown: str) -> None:
    assert uk_datetime(moment) == shown


@given(st.datetimes(min_value=datetime(1997, 1, 1), max_value=datetime(2037, 12, 31)))
def test_the_fallback_rule_agrees_with_the_time_zone_database(naive: datetime) -> None:
    moment = naive.replace(tzinfo=UTC)
    rule = uk_rule(moment)
    london = moment.astimezone(ZoneInfo("Europe/London"))
    assert rule.utcoffset(None) == london.utcoffset()
    assert rule.tzname(None) == london.tzname()
    assert uk_time(moment) == moment
    assert uk_time(moment).utcoffset() in (timedelta(0), timedelta(hours=1))


def test_without_the_time_zone_database_the_rule_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from rpc_desktop.documents import signature

    def missing(_key: str) -> ZoneInfo:
        raise signature.ZoneInfoNotFoundError(_key)

    monkeypatch.setattr(signature, "ZoneInfo", missing)
    assert uk_datetime(datetime(2026, 7, 1, 13, 5, tzinfo=UTC)) == "1 July 2026, 14:05 BST"


@pytest.mark.parametrize("dropped", ["commitments", "privacy"])
def test_an_agreement_pack_without_commitments_or_a_notice_is_refused(
    tmp_path: Path, dropped: str
) -> None:
    source = RESOURCES / "agreements" / "north-east-participation-agreement.toml"
    raw = tomllib.loads(source.read_text(encoding="utf-8"))
    del raw[dropped]
    broken = tmp_path / "agreement.toml"
    broken.write_text(toml(raw), encoding="utf-8")
    with pytest.raises(PackError, match=dropped):
        load_pack(broken, ParticipationAgreement)


def test_a_privacy_notice_names_at_least_one_recipient(tmp_path: Path) -> None:
    source = RESOURCES / "agreements" / "worcestershire-participation-agreement.toml"
    raw = tomllib.loads(source.read_text(encoding="utf-8"))
    raw["privacy"]["recipients"] = []
    broken = tmp_path / "agreement.toml"
    broken.write_text(toml(raw), encoding="utf-8")
    with pytest.raises(PackError, match="recipients"):
        load_pack(broken, ParticipationAgreement)
