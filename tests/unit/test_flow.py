"""The wizard's page order, without Qt."""

from __future__ import annotations

from datetime import UTC, datetime

from rpc_desktop.domain.case import Oversight, OversightDecision, Variant
from rpc_desktop.domain.flow import Flow, Kind
from rpc_desktop.domain.scheme import DaPolicy
from tests.helpers import demo_case, packs

NE = "north-east-relationships-matter"
WORCS = "worcestershire-harmony-at-home"


def flow() -> Flow:
    rsq, screening = packs().require_questionnaires()
    return Flow(rsq, screening)


def kinds(steps: list) -> list[Kind]:
    out: list[Kind] = []
    for s in steps:
        if not out or out[-1] is not s.kind:
            out.append(s.kind)
    return out


def test_order_for_north_east_skips_prior_support() -> None:
    steps = flow().applicable(demo_case(), packs().scheme(NE))
    assert kinds(steps) == [
        Kind.SCHEME,
        Kind.REFERRER,
        Kind.PARENTS,
        Kind.CHILDREN,
        Kind.PLAN,
        Kind.HANDOVER,
        Kind.SCREENING,
        Kind.HANDOVER,
        Kind.SCREENING,
        Kind.RSQ,
        Kind.ELIGIBILITY,
        Kind.AGREEMENT,
        Kind.REVIEW,
    ]
    assert [s.id for s in steps if s.kind is Kind.SCREENING] == ["screening-a", "screening-b"]
    rsq_a = [s for s in steps if s.kind is Kind.RSQ and s.slot and s.slot.value == "a"]
    assert len(rsq_a) == len(packs().rsq.sections)


def test_worcestershire_asks_for_prior_support() -> None:
    case = demo_case().model_copy(update={"scheme_id": WORCS})
    assert Kind.PRIOR in kinds(flow().applicable(case, packs().scheme(WORCS)))


def test_an_exclusion_stops_the_flow_after_screening() -> None:
    case = demo_case()
    screening = case.screening_a.model_copy(
        update={"answers": {**case.screening_a.answers, "afraid": "yes"}}
    )
    case = case.model_copy(update={"screening_a": screening})
    f = flow()
    steps = f.applicable(case, packs().scheme(NE))
    assert steps[-1].kind is Kind.DA_STOP
    # Straight after Parent A's screening: Parent B is not brought in, nor screened.
    assert f.next_step("screening-a", case, packs().scheme(NE)).kind is Kind.DA_STOP
    assert "screening-b" not in [s.id for s in steps]
    assert f.next_step("da-stop", case, packs().scheme(NE)) is None


def test_triage_decision_lets_the_flow_continue() -> None:
    ne = packs().scheme(NE)
    triage = ne.model_copy(
        update={"domestic_abuse": ne.domestic_abuse.model_copy(update={"policy": DaPolicy.TRIAGE})}
    )
    case = demo_case()
    screening = case.screening_b.model_copy(
        update={"answers": {**case.screening_b.answers, "afraid": "yes"}}
    )
    case = case.model_copy(
        update={
            "screening_b": screening,
            "oversight": Oversight(
                decided_by="Morgan Lead",
                decided_at=datetime(2026, 12, 17, tzinfo=UTC),
                decision=OversightDecision.REFER_TO_TRIAGE,
            ),
        }
    )
    assert kinds(flow().applicable(case, triage))[-1] is Kind.REVIEW


def test_sections_without_items_for_the_variant_are_skipped() -> None:
    f = flow()
    rsq = packs().rsq
    assert rsq is not None
    for variant in Variant:
        case = demo_case().model_copy(update={"variant": variant})
        shown = {s.section for s in f.applicable(case, packs().scheme(NE)) if s.kind is Kind.RSQ}
        expected = {sec.id for sec in rsq.sections if any(i.applies_to(variant) for i in sec.items)}
        assert shown == expected


def test_next_from_a_page_that_stopped_applying_goes_forward() -> None:
    f = flow()
    case = demo_case()
    assert f.next_step("prior", case, packs().scheme(NE)).id == "plan"
    position, total = f.progress("screening-a", case, packs().scheme(NE))
    assert position == 7 and total == len(f.applicable(case, packs().scheme(NE)))


def _screened(case, slot, **answers):  # type: ignore[no-untyped-def]
    part = case.screening(slot)
    return case.model_copy(
        update={
            f"screening_{slot.value}": part.model_copy(
                update={"answers": {**part.answers, **answers}}
            )
        }
    )


def test_a_concern_waits_for_a_decision_then_goes_on() -> None:
    from rpc_desktop.domain.case import ParentSlot
    from rpc_desktop.domain.flow import DaState

    f = flow()
    ne = packs().scheme(NE)
    case = _screened(demo_case(), ParentSlot.A, **{"phone-checking": "sometimes"})
    assert f.da_state(case, ne) is DaState.REVIEW
    assert f.applicable(case, ne)[-1].kind is Kind.DA_STOP
    decided = case.model_copy(
        update={
            "oversight": Oversight(
                decided_by="Morgan Lead",
                decided_at=datetime(2026, 12, 17, tzinfo=UTC),
                decision=OversightDecision.PROCEED,
            )
        }
    )
    assert f.da_state(decided, ne) is DaState.CONTINUE
    steps = f.applicable(decided, ne)
    assert Kind.DA_STOP in kinds(steps) and steps[-1].kind is Kind.REVIEW


def test_abuse_within_the_look_back_stops_the_flow() -> None:
    from rpc_desktop.domain.case import ParentSlot
    from rpc_desktop.domain.flow import DaState

    worcs = packs().scheme(WORCS)
    case = demo_case().model_copy(update={"scheme_id": WORCS})
    case = _screened(case, ParentSlot.B, **{"past-abuse": "yes", "last-incident": "2026-07-01"})
    case = case.model_copy(
        update={
            "oversight": Oversight(
                decided_by="Morgan Lead",
                decided_at=datetime(2026, 12, 17, tzinfo=UTC),
                decision=OversightDecision.PROCEED,
            )
        }
    )
    assert flow().da_state(case, worcs) is DaState.STOP
    assert flow().applicable(case, worcs)[-1].kind is Kind.DA_STOP


def private_parts(steps: list) -> list[str]:
    """The visit's middle, RSQ sections collapsed to one entry per parent."""
    out: list[str] = []
    for s in steps:
        if s.kind in (Kind.HANDOVER, Kind.SCREENING, Kind.DA_STOP):
            out.append(s.id)
        elif s.kind is Kind.RSQ and out[-1:] != [f"rsq-{s.slot.value}"]:
            out.append(f"rsq-{s.slot.value}")
    return out


def test_each_parent_in_turn_and_who_goes_first() -> None:
    from rpc_desktop.domain.case import ParentSlot, VisitOrder

    ne = packs().scheme(NE)
    default = private_parts(flow().applicable(demo_case(), ne))
    assert default == ["handover-a", "screening-a", "handover-b", "screening-b", "rsq-a", "rsq-b"]
    in_turn = demo_case().model_copy(update={"visit_order": VisitOrder.EACH_IN_TURN})
    assert private_parts(flow().applicable(in_turn, ne)) == [
        "handover-a",
        "screening-a",
        "rsq-a",
        "handover-b",
        "screening-b",
        "rsq-b",
    ]
    b_first = in_turn.model_copy(update={"first_parent": ParentSlot.B})
    assert private_parts(flow().applicable(b_first, ne)) == [
        "handover-b",
        "screening-b",
        "rsq-b",
        "handover-a",
        "screening-a",
        "rsq-a",
    ]


def test_in_turn_the_stop_follows_the_screening_that_raised_it() -> None:
    from rpc_desktop.domain.case import ParentSlot, VisitOrder

    ne = packs().scheme(NE)
    case = demo_case().model_copy(update={"visit_order": VisitOrder.EACH_IN_TURN})
    raised_a = _screened(case, ParentSlot.A, afraid="yes")
    # Nothing more is asked of either parent after A's screening raised an indicator.
    assert private_parts(flow().applicable(raised_a, ne)) == [
        "handover-a",
        "screening-a",
        "da-stop",
    ]
    raised_b = _screened(case, ParentSlot.B, afraid="yes")
    assert private_parts(flow().applicable(raised_b, ne)) == [
        "handover-a",
        "screening-a",
        "rsq-a",
        "handover-b",
        "screening-b",
        "da-stop",
    ]


def test_the_map_gives_each_step_a_state_and_blocks_what_the_flow_stops() -> None:
    from rpc_desktop.domain.case import ParentSlot
    from rpc_desktop.domain.visit import StepState, step_map

    ne = packs().scheme(NE)
    f = flow()
    case = demo_case()
    states = {s.step.id: s for s in step_map(f, case, ne, None)}
    assert states["scheme"].state is StepState.DONE
    assert states["plan"].state is StepState.NOT_YET
    assert states["screening-a"].state is StepState.DONE
    assert "da-stop" not in states and "prior" not in states
    assert all(s.reachable for s in states.values())
    fresh = case.model_copy(update={"rsq_b": None, "screening_b": None, "signatures": []})
    states = {s.step.id: s for s in step_map(f, fresh, ne, None)}
    assert states["screening-b"].state is StepState.NOT_YET
    assert states["agreement"].state is StepState.NOT_YET
    assert all(states[i].state is StepState.NOT_YET for i in states if i.startswith("rsq-b-"))
    stopped = _screened(case, ParentSlot.A, afraid="yes")
    states = {s.step.id: s for s in step_map(f, stopped, ne, None)}
    # An indicator on a scheme that does not triage: the referral ends at the stop page.
    assert states["da-stop"].reachable and states["da-stop"].state is StepState.DONE
    after = [i for i in states if i.startswith("rsq-") or i in ("eligibility", "review")]
    assert after and all(
        states[i].state is StepState.BLOCKED and not states[i].reachable for i in after
    )


def test_a_screening_folds_unless_the_practitioner_is_with_that_parent() -> None:
    from rpc_desktop.domain.case import ParentSlot
    from rpc_desktop.domain.visit import ScreeningView, screening_view

    case = demo_case()  # both screenings complete
    for with_parent in (None, ParentSlot.A, ParentSlot.B):
        assert screening_view(case, ParentSlot.A, with_parent) is ScreeningView.DONE
    half = case.model_copy(
        update={"screening_a": case.screening_a.model_copy(update={"completed": False})}
    )
    assert screening_view(half, ParentSlot.A, ParentSlot.A) is ScreeningView.OPEN
    assert screening_view(half, ParentSlot.A, ParentSlot.B) is ScreeningView.ELSEWHERE
    assert screening_view(half, ParentSlot.A, None) is ScreeningView.ELSEWHERE
    fresh = case.model_copy(update={"screening_a": None})
    # Not started either: it starts only with that parent, confirmed at the handover.
    assert screening_view(fresh, ParentSlot.A, None) is ScreeningView.ELSEWHERE
    assert screening_view(fresh, ParentSlot.A, ParentSlot.B) is ScreeningView.ELSEWHERE
    assert screening_view(fresh, ParentSlot.A, ParentSlot.A) is ScreeningView.OPEN
