"""Regenerate the demo case, resources/demo/case.json: an invented, eligible family.

Run it again whenever the questionnaires or the Participation Agreement text change
(the signatures keep the agreement's hash); it fails loudly, naming the item, when an
answer no longer fits. Everyone in it is fictional: phone numbers are in Ofcom's drama
ranges and email addresses are at example.org.

    .venv/bin/python scripts/make_demo_case.py
"""

from __future__ import annotations

import math
import random
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rpc_desktop.domain.case import AnswerValue, Case, Variant  # noqa: E402
from rpc_desktop.domain.packs import load_packs  # noqa: E402
from rpc_desktop.domain.questionnaire import (  # noqa: E402
    Flag,
    Item,
    ItemType,
    ScreeningItem,
    shown_items,
)

RESOURCES = ROOT / "rpc_desktop" / "resources"
OUT = RESOURCES / "demo" / "case.json"
SCHEME_ID = "north-east-relationships-matter"
VARIANT = Variant.COUPLE
REFERRAL_DATE = date(2026, 12, 18)
FUTURE_DATES = {"start-from"}  # "a date before which you couldn't start": still to come

REFERRER = {
    "name": "Priya Ramsden",
    "role": "Family Support Worker",
    "organisation": "Riverside Early Help Team (demo)",
    "phone": "0191 498 0123",
    "email": "priya.ramsden@example.org",
    "case_closing": False,
    "continues_support": True,
}

# Zofia's answers (Parent A), in the order the RSQ asks them. {child} is Maja.
RSQ_A: dict[str, AnswerValue] = {
    "parent-role": "birth-parent",
    "rel-status-together": "living-together",
    "rel-start": "2013-09-01",
    "past-separations": "yes",
    "past-separations-count": "once",
    "rel-works": "We both adore the kids, and on a good day he still makes me laugh.",
    "other-children": "yes",
    "other-children-detail": "Kuba is 6 and Ada is 3; they're both ours and live with us.",
    "conflict-frequency": "several-a-week",
    "conflict-intensity": 6,
    "conflict-topics": ["money", "chores", "parenting"],
    "conflict-ending": "unfinished",
    "conflict-resolved": 2,
    "conflict-aftermath": "hours",
    "conflict-trend": "harder",
    "conflict-recent": "Sunday we rowed about the gas bill and bedtimes. Daniel went out to "
    "the garage and we never went back to it.",
    "conflict-signs": ["shouting", "blaming", "the-past", "withdrawal"],
    "my-response": ["raise-voice", "keep-going"],
    "conflict-digital": "yes",
    "conflict-public": "no",
    "warmth": 5,
    "time-together": "rarely",
    "child-sees": "sometimes",
    "child-how-aware": ["nearby", "in-room"],
    "child-reaction": ["quiet", "upset"],
    "child-changes": "yes",
    "child-changes-detail": "Her teacher says she's quieter since October. In our bed most nights.",
    "child-middle": "sometimes",
    "child-worry": 8,
    "child-good-times": "Chatty and funny, always drawing and making up stories for Kuba.",
    "share-care": 2,
    "parenting-agree": 4,
    "backing-up": "sometimes",
    "everyday-talk": "fairly-hard",
    "team": "When one of the kids is poorly we just get on with it together.",
    "feeling-now": 5,
    "pressures": ["money", "work", "mental-health"],
    "sleep": "poorly",
    "health-support": "yes",
    "health-support-detail": "My GP is helping with low mood, and I think it's starting to help.",
    "parent-confidence": 6,
    "other-parent-coping": "struggling",
    "support-people": ["family", "friends"],
    "someone-to-talk": "yes",
    "family-involved": "no",
    "services-involved": ["gp", "school-nursery", "early-help"],
    "previous-help": "yes",
    "previous-help-detail": "Priya has helped with routines since September; bedtimes are better.",
    "hopes-different": "We could talk about money without it turning into a shouting match, "
    "and actually finish the conversation.",
    "hopes-child": "I want Maja to stop listening at the top of the stairs and just be a kid.",
    "hopes-help": ["arguing-less", "talking", "protecting-children"],
    "ready": 8,
    "other-willing": "yes",
    "worries-taking-part": "Fitting it round my shifts, and it feeling awkward at first.",
    "best-times": ["weekday-mornings", "weekday-afternoons"],
    "contact-method": "text",
    "childcare-needed": "yes",
    "childcare-detail": "Ada is 3 and at nursery mornings only, so afternoons she'd need minding.",
    "travel": "public-transport",
    "online": "either",
    "accessibility": "no",
    "start-from": "2027-01-04",
    "conflict-notes": "Says most rows start over money at the end of the month, and that "
    "she goes quiet rather than shout when the children are in.",
    "anything-else": "Thank you for listening; it helped just to say it out loud.",
}

# Daniel's answers (Parent B): the same family, seen from his side.
RSQ_B: dict[str, AnswerValue] = {
    "parent-role": "birth-parent",
    "rel-status-together": "living-together",
    "rel-start": "2013-10-01",
    "past-separations": "yes",
    "past-separations-count": "once",
    "rel-works": "We're a good team with the kids, and Zofia keeps us all organised.",
    "other-children": "yes",
    "other-children-detail": "Our two younger ones, Kuba who's 6 and Ada who's 3, at home.",
    "conflict-frequency": "most-weeks",
    "conflict-intensity": 5,
    "conflict-topics": ["money", "chores", "parenting", "work"],
    "conflict-ending": "walk-away",
    "conflict-resolved": 2,
    "conflict-aftermath": "a-day",
    "conflict-trend": "same",
    "conflict-recent": "Thursday teatime it was the kids' tablets again. I went for a drive "
    "to cool off and we didn't mention it after.",
    "conflict-signs": ["shouting", "blaming", "silence", "withdrawal"],
    "my-response": ["go-quiet", "leave"],
    "conflict-digital": "no",
    "conflict-public": "no",
    "warmth": 6,
    "time-together": "rarely",
    "child-sees": "sometimes",
    "child-how-aware": ["nearby"],
    "child-reaction": ["quiet", "carries-on"],
    "child-changes": "yes",
    "child-changes-detail": "She's started asking if we're splitting up. Clingy at bedtime too.",
    "child-middle": "never",
    "child-worry": 7,
    "child-good-times": "A proper chatterbox; loves football on a Saturday and bossing Kuba.",
    "share-care": 4,
    "parenting-agree": 5,
    "backing-up": "sometimes",
    "everyday-talk": "fairly-hard",
    "team": "A takeaway on a Friday and a laugh about the week usually resets us.",
    "feeling-now": 6,
    "pressures": ["money", "work"],
    "sleep": "okay",
    "health-support": "no",
    "parent-confidence": 7,
    "other-parent-coping": "struggling",
    "support-people": ["family", "work"],
    "someone-to-talk": "probably",
    "family-involved": "no",
    "services-involved": ["school-nursery", "early-help"],
    "previous-help": "yes",
    "previous-help-detail": "Early Help since September. Good for the kids' routines, not us two.",
    "hopes-different": "Less shouting, and we'd sort the money and the jobs out without it "
    "dragging on for days.",
    "hopes-child": "A calmer house at teatime, and Maja not worrying about us.",
    "hopes-help": ["arguing-less", "talking", "decisions"],
    "ready": 7,
    "other-willing": "yes",
    "worries-taking-part": "Getting time off work, and talking about this doesn't come easy.",
    "best-times": ["weekday-evenings", "weekends"],
    "contact-method": "phone",
    "childcare-needed": "yes",
    "childcare-detail": "All three if it's an evening: Maja 9, Kuba 6 and Ada 3.",
    "travel": "car",
    "online": "yes",
    "accessibility": "no",
    "start-from": "2027-01-11",
    "conflict-notes": "Said the worst times are Sunday evenings, when the week's shifts are "
    "being sorted out.",
    "anything-else": "I'm on shifts at the depot, so after six is best for me.",
}


def checked_rsq(items: list[Item], answers: dict[str, AnswerValue], who: str) -> None:
    """Every shown item answered in the right shape, and nothing answered that isn't shown."""
    shown = shown_items(items, VARIANT, answers)  # answers are fixed: one pass is final
    shown_ids = {i.id for i in shown}
    for item in shown:
        if item.id not in answers:
            if item.id.endswith("-notes"):
                continue  # notes only where the parent said something more
            raise SystemExit(f"{who}: RSQ item '{item.id}' is shown but has no answer")
        if not item.accepts(answers[item.id]):
            raise SystemExit(f"{who}: answer {answers[item.id]!r} does not fit '{item.id}'")
        past = item.type is ItemType.DATE and item.id not in FUTURE_DATES
        if past and date.fromisoformat(str(answers[item.id])) >= REFERRAL_DATE:
            raise SystemExit(f"{who}: '{item.id}' should be before the referral date")
    if extra := sorted(set(answers) - shown_ids):
        raise SystemExit(f"{who}: answers for RSQ items not shown: {', '.join(extra)}")


def no_flag_answer(item: ScreeningItem) -> AnswerValue:
    """An answer to a screening item that raises no exclusion or concern."""
    candidates: list[AnswerValue]
    match item.type:
        case ItemType.YESNO:
            candidates = ["no", "yes"]
        case ItemType.SINGLE:
            candidates = [o.value for o in item.options]
        case ItemType.MULTI:
            candidates = [[]]
        case ItemType.SCALE if item.scale is not None:
            candidates = list(range(item.scale.min, item.scale.max + 1))
        case _:
            raise SystemExit(f"screening item '{item.id}' ({item.type}): no automatic answer")
    for value in candidates:
        if item.accepts(value) and item.flag_for(value) is Flag.NONE:
            return value
    raise SystemExit(f"screening item '{item.id}': every answer raises a flag")


def screening_answers(items: list[ScreeningItem]) -> dict[str, AnswerValue]:
    """Flag-free answers to every shown, non-text item; repeated until show_if settles."""
    by_id = {i.id: i for i in items}
    answers: dict[str, AnswerValue] = {}
    while True:
        shown = [by_id[i.id] for i in shown_items(list(items), VARIANT, answers)]
        wanted = [i for i in shown if i.type is not ItemType.TEXT]
        settled = {i.id: answers.get(i.id, no_flag_answer(i)) for i in wanted}
        if settled == answers:
            return answers
        answers = settled


def signature_strokes(seed: str) -> list[list[dict[str, float]]]:
    """A handwritten-looking signature: two looping cursive words and an underline.

    Each word is a prolate cycloid (a forward drift plus a circle turning faster than
    the drift), so the pen loops back over the top of each letter like a cursive l or e.
    Letter heights vary (a tall capital, ascenders, small letters), with a forward slant;
    x is compressed for the 3:1 pad.
    """
    rng = random.Random(seed)  # noqa: S311 (a drawing, not a secret)
    strokes: list[list[tuple[float, float, float]]] = []
    x = 0.05 + rng.uniform(0, 0.04)
    for word in range(2):
        n = rng.randint(85, 115) if word == 0 else rng.randint(60, 90)
        width = rng.uniform(0.34, 0.4) if word == 0 else rng.uniform(0.28, 0.34)
        loops = rng.randint(5, 7)
        widths = [rng.uniform(0.8, 1.25) for _ in range(loops)]
        heights = [0.34] + [rng.choice([0.1, 0.12, 0.14, 0.24, 0.28]) for _ in range(loops)]
        base, slant = rng.uniform(0.58, 0.64), rng.uniform(0.06, 0.1)
        wobble, tilt = rng.uniform(0, math.tau), rng.uniform(-0.05, 0.02)  # uneven baseline
        pts = []
        for i in range(n):
            t = i / (n - 1)
            theta = math.tau * loops * t
            k = min(int(loops * t), loops - 1)  # which letter the pen is on
            height = heights[k] * (1 + rng.gauss(0, 0.02))
            rise = height * (0.5 - 0.5 * math.cos(theta))
            px = x + width * t + 0.022 * widths[k] * math.sin(theta) + slant * rise
            drift = 0.015 * math.sin(math.pi * t + wobble) + tilt * t
            py = base + drift - rise + rng.gauss(0, 0.0015)
            pressure = 0.3 + 0.55 * math.sin(math.pi * t) ** 0.6 + rng.uniform(-0.05, 0.05)
            pts.append((px, py, pressure))
        strokes.append(pts)
        x += width + rng.uniform(0.06, 0.1)
    n = rng.randint(40, 55)  # the underline: a shallow swoosh, pressing less as it goes
    start, end, dip = rng.uniform(0.05, 0.15), rng.uniform(0.75, 0.92), rng.uniform(0.03, 0.07)
    ts = [i / (n - 1) for i in range(n)]
    swoosh = [
        (start + (end - start) * t, 0.78 + dip * math.sin(math.pi * t) - 0.06 * t) for t in ts
    ]
    strokes.append([(px, py, 0.75 - 0.6 * t) for (px, py), t in zip(swoosh, ts, strict=True)])

    def clamp(v: float) -> float:
        return round(min(max(v, 0.0), 1.0), 4)

    return [
        [{"x": clamp(a), "y": clamp(b), "pressure": clamp(p)} for a, b, p in s] for s in strokes
    ]


def main() -> None:
    packs = load_packs(RESOURCES)
    if packs.errors:
        raise SystemExit("packs failed to load: " + "; ".join(str(e) for e in packs.errors))
    rsq, screen_q = packs.require_questionnaires()
    agreement = packs.agreement_for(packs.scheme(SCHEME_ID))
    for who, answers in (("Parent A", RSQ_A), ("Parent B", RSQ_B)):
        checked_rsq(rsq.items(), answers, who)
    screened = screening_answers(list(screen_q.items))

    def parent(name: str, born: date, phone: str, email: str) -> dict[str, Any]:
        agreed = {"agrees_to_referral": True, "agreement_date": date(2026, 12, 15)}
        contact = {
            "phone": phone,
            "email": email,
            "preferred_language": "English",
            "interpreter_needed": False,
        }
        return {"name": name, "date_of_birth": born, "role": "birth-parent"} | contact | agreed

    def child(first: str, born: date) -> dict[str, Any]:
        name = f"{first} Okafor-Łukasiewicz"
        return {"id": first.lower(), "name": name, "date_of_birth": born, "lives_with": "both"}

    def screen(at: datetime, contact: str) -> dict[str, Any]:
        return {
            "questionnaire_version": screen_q.version,
            "alone_confirmed": True,
            "safe_to_talk": True,
            "safe_contact": contact,
            "answers": screened,
            "completed": True,
            "screened_at": at,
            "screened_by": REFERRER["name"],
        }

    zofia, daniel = "Zofia Łukasiewicz", "Daniel Okafor"
    signers = [
        ("parent-a", zofia, "Parent", 2),
        ("parent-b", daniel, "Parent", 5),
        ("link-worker", REFERRER["name"], REFERRER["role"], 9),
    ]
    raw = {
        "reference": "RPC-DEMO-0001",
        "scheme_id": SCHEME_ID,
        "variant": VARIANT,
        "referral_date": REFERRAL_DATE,
        "relationship": "partners",
        "referrer": REFERRER,
        "universal_contact": {
            "name": "Helen Brightwater",
            "role": "Pastoral Lead",
            "service": "Larkspur Primary School (demo)",
            "phone": "0191 498 0456",
            "email": "pastoral.larkspur@example.org",
        },
        "address": {
            "line1": "14 Larkspur Gardens",
            "line2": "Low Fell",
            "town": "Gateshead",
            "postcode": "NE9 9ZZ",
            "local_authority": "Gateshead",
        },
        "parent_a": parent(zofia, date(1990, 4, 17), "07700 900123", "zofia.l@example.org"),
        "parent_b": parent(daniel, date(1987, 9, 30), "07700 900456", "daniel.o@example.org"),
        "children": [
            child("Maja", date(2017, 3, 9)),
            child("Kuba", date(2020, 8, 22)),
            child("Ada", date(2023, 11, 2)),
        ],
        "focus_child_id": "maja",
        "prior_intervention": {
            "type": "Early Help family support (Team Around the Family)",
            "provider": REFERRER["organisation"],
            "start_date": date(2026, 9, 21),
        },
        "screening_a": screen(
            datetime(2026, 12, 8, 10, 15, tzinfo=UTC),
            "Her mobile, 07700 900123. Text first; any time after 9am.",
        ),
        "screening_b": screen(
            datetime(2026, 12, 10, 17, 40, tzinfo=UTC),
            "His mobile, 07700 900456. Calls after 6pm on weekdays.",
        ),
        "rsq_a": {"questionnaire_version": rsq.version, "answers": RSQ_A, "completed": True},
        "rsq_b": {"questionnaire_version": rsq.version, "answers": RSQ_B, "completed": True},
        "signatures": [
            {
                "signer": signer,
                "name": name,
                "role": role,
                "signed_at": datetime.combine(REFERRAL_DATE, time(10, minute), tzinfo=UTC),
                "text_sha256": agreement.sha256,
                "agreement_version": agreement.version,
                "aspect": 3.0,
                "strokes": signature_strokes(f"demo-signature-{signer}"),
            }
            for signer, name, role, minute in signers
        ],
        "pathway": "Family Check-Up",
        "reason": (
            "Both parents say their arguments, mostly about money and the children's "
            "routines, have got worse since Daniel's new job, and Maja has started to worry "
            "about them at school. They asked for help to argue less in front of the children."
        ),
        "social_care": "early-help",
    }
    case = Case.model_validate(raw)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(case.model_dump_json(indent=2, exclude_none=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({case.reference}, agreement {agreement.sha256[:12]}…)")


if __name__ == "__main__":
    main()
