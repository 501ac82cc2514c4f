"""Edge cases found in review: safety of the summary, pack typos, odd input."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from rpc_desktop.cli import main
from rpc_desktop.documents.styles import register_fonts, render
from rpc_desktop.documents.summary_pdf import SummaryContext, build_summary
from rpc_desktop.domain.case import Case, Oversight, OversightDecision, ParentSlot
from rpc_desktop.domain.eligibility import Outcome, Status, evaluate
from rpc_desktop.domain.packs import load_pack, load_packs
from rpc_desktop.domain.questionnaire import ScreeningQuestionnaire
from rpc_desktop.domain.scheme import DaPolicy
from rpc_desktop.errors import PackError
from tests.helpers import DEMO_CASE, PASSPHRASE, RESOURCES, demo_case, make_store, packs, varied

WORCS = "worcestershire-harmony-at-home"


def screened(case: Case, slot: ParentSlot, **answers: object) -> Case:
    screening = case.screening(slot)
    assert screening is not None
    new = screening.model_copy(update={"answers": {**screening.answers, **answers}})
    return case.model_copy(update={f"screening_{slot.value}": new})


def oversight(decision: OversightDecision, day: int = 17) -> Oversight:
    return Oversight(
        decided_by="Morgan Lead", decided_at=datetime(2026, 12, day, tzinfo=UTC), decision=decision
    )


def summary_text(case: Case, scheme_override: object = None) -> str:
    register_fonts(RESOURCES / "fonts")
    scheme = scheme_override or packs().scheme(case.scheme_id)
    result = evaluate(case, scheme, case.referral_date, packs=packs())  # type: ignore[arg-type]
    ctx = SummaryContext(result, "ab" * 32, "FF" * 32, "0", "0", "0")
    data = render(
        build_summary(case, scheme, ctx),
        title="S",
        reference=case.reference,  # type: ignore[arg-type]
        fonts_dir=RESOURCES / "fonts",
    )
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages))


def test_summary_never_reveals_past_abuse_or_who_disclosed() -> None:
    case = varied(
        demo_case(),
        scheme_id=WORCS,
        **{
            "address.local_authority": "Worcester",
            "referrer.continues_support": True,
            "prior_intervention.start_date": "2026-09-01",
        },
    )
    case = screened(case, ParentSlot.B, **{"past-abuse": "yes", "last-incident": "2025-10-01"})
    case = case.model_copy(update={"oversight": oversight(OversightDecision.PROCEED)})
    assert evaluate(case, packs().scheme(WORCS), case.referral_date, packs=packs()).outcome is (
        Outcome.ELIGIBLE
    )
    text = summary_text(case)
    for leak in ("incident", "months before", "Parent B's", "Daniel's screening", "concern"):
        assert leak not in text
    assert "See the screening statement below" in text


def test_summary_on_a_triage_scheme_does_not_name_the_parent() -> None:
    ne = packs().scheme("north-east-relationships-matter")
    triage = ne.model_copy(
        update={"domestic_abuse": ne.domestic_abuse.model_copy(update={"policy": DaPolicy.TRIAGE})}
    )
    case = screened(demo_case(), ParentSlot.B, afraid="yes")
    case = case.model_copy(update={"oversight": oversight(OversightDecision.REFER_TO_TRIAGE)})
    text = summary_text(case, triage)
    assert "triage panel" in text
    assert "Parent B's screening" not in text and "indicator was recorded" not in text


def test_a_trigger_typo_is_refused(tmp_path: Path) -> None:
    source = (RESOURCES / "questionnaires" / "da-screening.toml").read_text(encoding="utf-8")
    broken = tmp_path / "da.toml"
    broken.write_text(source.replace('trigger = ["yes"]', 'trigger = ["Yes"]', 1), encoding="utf-8")
    with pytest.raises(PackError, match="trigger value 'Yes' is not an answer"):
        load_pack(broken, ScreeningQuestionnaire)


def test_duplicate_scheme_ids_are_reported(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "copy.toml").write_text(
        (RESOURCES / "schemes" / "north-east-relationships-matter.toml").read_text("utf-8"),
        encoding="utf-8",
    )
    loaded = load_packs(RESOURCES, [extra])
    assert any("already used" in str(e) for e in loaded.errors)


def test_refer_to_triage_is_not_a_decision_on_an_exclude_scheme() -> None:
    item = next(
        i
        for i in packs().screening.items
        if i.flag.value == "concern"  # type: ignore[union-attr]
        and i.id != "past-abuse"
    )
    case = screened(demo_case(), ParentSlot.A, **{item.id: item.trigger[0]})
    scheme = packs().scheme(case.scheme_id)
    triage = case.model_copy(update={"oversight": oversight(OversightDecision.REFER_TO_TRIAGE)})
    assert evaluate(triage, scheme, triage.referral_date, packs=packs()).outcome is (
        Outcome.NEEDS_OVERSIGHT
    )
    late = case.model_copy(update={"oversight": oversight(OversightDecision.PROCEED, day=28)})
    result = evaluate(late, scheme, late.referral_date, packs=packs())
    assert result.outcome is Outcome.NEEDS_OVERSIGHT
    assert "after the referral date" in result.criterion("da-concerns").reason


@pytest.mark.parametrize(
    ("roles", "relationship", "status"),
    [
        (("sgo-holder", "birth-parent"), None, Status.UNKNOWN),
        ((None, None), None, Status.UNKNOWN),
        (("sgo-holder", "birth-parent"), "co-carers", Status.MET),
        (("step-parent", "birth-parent"), None, Status.MET),
    ],
)
def test_generations_need_the_relationship_when_roles_do_not_tell(
    roles: tuple[str | None, str | None], relationship: str | None, status: Status
) -> None:
    case = varied(
        demo_case(),
        relationship=relationship,
        **{"parent_a.role": roles[0], "parent_b.role": roles[1]},
    )
    result = evaluate(case, packs().scheme(case.scheme_id), case.referral_date, packs=packs())
    assert result.criterion("intergenerational").status is status


@pytest.mark.parametrize(
    "written",
    [
        "Newcastle-upon-Tyne",
        "Redcar & Cleveland Borough Council",
        "Gateshead Council",
        "stockton on tees",
    ],
)
def test_area_spellings_people_use(written: str) -> None:
    assert packs().scheme("north-east-relationships-matter").area_for(written) is not None


def test_a_due_date_already_passed_needs_the_birth_date() -> None:
    case = varied(
        demo_case(),
        focus_child_id="c1",
        children=[{"id": "c1", "name": "Bo", "due_date": "2019-05-01"}],
    )
    result = evaluate(case, packs().scheme(case.scheme_id), case.referral_date, packs=packs())
    assert result.criterion("children").status is Status.UNKNOWN


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"focus_child_id": "nobody"}, "names no child"),
        ({"referral_date": "9999-12-31"}, "referral_date"),
        ({"pathway": "Family Therapy Deluxe"}, "pathway"),
    ],
)
def test_bad_case_values_exit_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: dict[str, object], expected: str
) -> None:
    data = {**json.loads(DEMO_CASE.read_text(encoding="utf-8")), **change}
    path = tmp_path / "c.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    assert expected in capsys.readouterr().err


def test_check_shows_signposting_even_after_a_decision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = screened(demo_case(), ParentSlot.A, afraid="yes").model_copy(
        update={"oversight": oversight(OversightDecision.DO_NOT_PROCEED)}
    )
    path = tmp_path / "c.json"
    path.write_text(case.model_dump_json(), encoding="utf-8")
    assert main(["check", str(path)]) == 3
    assert json.loads(capsys.readouterr().out)["da_signposting"]


def test_newline_in_referrer_email_does_not_break_the_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = varied(demo_case(), **{"referrer.email": "a@example.org\nBcc: evil@example.org"})
    path = tmp_path / "c.json"
    path.write_text(case.model_dump_json(), encoding="utf-8")
    assert main(["bundle", str(path), "--out", str(tmp_path / "o")]) == 0
    eml = next((tmp_path / "o" / f"{case.reference}-v1" / "data").glob("*.eml")).read_bytes()
    assert b"Bcc:" not in eml.split(b"\r\n\r\n")[0]


def test_out_folder_that_is_a_file_gives_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("in the way")
    assert main(["bundle", str(DEMO_CASE), "--out", str(blocker)]) == 2
    assert "Cannot write the bundle" in capsys.readouterr().err
    assert blocker.read_text() == "in the way"


def test_unreadable_device_key_gives_a_message(
    isolated_home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_store(isolated_home)
    keys = isolated_home / "keys"
    keys.mkdir(parents=True)
    (keys / "device-ed25519.pem").write_text("garbage")
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", PASSPHRASE)
    assert main(["demo", "--device", "--out", str(tmp_path / "o")]) == 2
    assert "device key" in capsys.readouterr().err
