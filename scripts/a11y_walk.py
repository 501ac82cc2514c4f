#!/usr/bin/python3
"""Complete the demo referral through the accessibility tree alone, as a screen-reader user.

Runs under the SYSTEM python3 with pyatspi (not the app's venv), against the real app that
scripts/a11y.sh starts under Xvfb with AT-SPI on. Controls are found by role and accessible
name and worked with AT-SPI actions, EditableText and Selection. Combo boxes are the one
exception: Qt commits a choice only from the keyboard (Selection on the drop-down's list
does not change the value), so they are opened with their ShowMenu action and the choice is
made with arrow keys and Enter sent through the AT-SPI device controller, as a screen-reader
user would.

Once the referral is sent and the store checked, the toolbar's Case list goes back to the
list (the case in it), and the screens and dialogs around the wizard are opened, audited for
names and closed the same way: the About box, Settings, Figures and Send figures…. One that
cannot be reached is a note ("not audited: …"), and the walk goes on.

Prints: referral completed (yes/no), controls that do not work through the tree, unnamed
controls, values not kept, time taken. Exit 0 when the referral completed, 1 when it did not.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyatspi
from gi.repository import GLib

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "rpc_desktop" / "resources"
APP_NAME = "RPC Referral Desktop"
PASSPHRASE = "correct horse battery staple"  # noqa: S105 - a fresh store made for this run
OUT = Path(os.environ.get("A11Y_OUT", "a11y-out"))
MONTHS = [date(2000, m, 1).strftime("%B") for m in range(1, 13)]
KEY_HOME, KEY_DOWN, KEY_RETURN, KEY_ESCAPE = 0xFF50, 0xFF54, 0xFF0D, 0xFF1B
NO_ROLE = {"unknown", "invalid", "redundant object"}
# Roles that only show text or hold others: listed as unnamed only when focusable.
PASSIVE = {"label", "filler", "panel", "scroll pane", "viewport", "layered pane", "status bar"}


class Stop(Exception):
    """The walk cannot go on: the message says where and why."""


@dataclass
class Report:
    started: float = field(default_factory=time.monotonic)
    page: str = "start"
    reached: list[str] = field(default_factory=list)
    unnamed: dict[str, str] = field(default_factory=dict)
    not_kept: list[str] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    completed: bool = False
    reference: str = ""
    stopped: str = ""
    screens: list[str] = field(default_factory=list)

    def lost(self, what: str) -> None:
        line = f"{self.page}: {what}"
        if line not in self.not_kept:
            self.not_kept.append(line)
            log(f"  NOT KEPT {line}")


REPORT = Report()


def log(text: str) -> None:
    print(text, flush=True)


# --- the tree ---------------------------------------------------------------------------


def role(node: Any) -> str:
    try:
        return str(node.getRoleName())
    except Exception:
        return "gone"


def states(node: Any) -> Any:
    return node.getState()


def showing(node: Any) -> bool:
    try:
        return bool(states(node).contains(pyatspi.STATE_SHOWING))
    except Exception:
        return False


def has(node: Any, state: Any) -> bool:
    try:
        return bool(states(node).contains(state))
    except Exception:
        return False


def children(node: Any) -> list[Any]:
    try:
        kids = [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:
        return []
    return [k for k in kids if k is not None]


def nodes(root: Any, *, only_showing: bool = True) -> Iterator[Any]:
    """Depth first, in reading order; hidden branches are left out."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        kids = [k for k in children(node) if not only_showing or showing(k)]
        stack.extend(reversed(kids))


def application() -> Any:
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.name == APP_NAME:
            return app
    return None


def frame() -> Any:
    app = application()
    if app is None:
        raise Stop("the app is not on the accessibility bus")
    for kid in children(app):
        if role(kid) == "frame" and showing(kid):
            return kid
    raise Stop("the app has no window showing")


def wait(what: str, probe: Callable[[], Any], timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        try:
            found = probe()
        except LookupError:
            found = None
        if found:
            return found
        if time.monotonic() > deadline:
            raise Stop(f"waited {timeout:.0f} s for {what}")
        time.sleep(0.1)


def matches(node: Any, want_role: str, name: str | re.Pattern[str]) -> bool:
    if role(node) != want_role:
        return False
    if isinstance(name, re.Pattern):
        return bool(name.fullmatch(node.name or ""))
    return bool(node.name == name)


def scope(root: Any) -> Any:
    """Where to look: the window, or a panel by its name (found again each time, as pages
    may rebuild their widgets), or a node."""
    if root is None:
        return frame()
    if isinstance(root, str):
        return find("panel", root)
    return root


def find_all(want_role: str, name: str | re.Pattern[str], root: Any = None) -> list[Any]:
    return [n for n in nodes(scope(root)) if matches(n, want_role, name)]


def find(
    want_role: str, name: str | re.Pattern[str], root: Any = None, timeout: float = 5.0
) -> Any:
    label = name.pattern if isinstance(name, re.Pattern) else name
    return wait(
        f"{want_role} {label!r}",
        lambda: next(iter(find_all(want_role, name, root)), None),
        timeout,
    )


def labelled_by(node: Any) -> str:
    try:
        for relation in node.getRelationSet():
            if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
                return str(relation.getTarget(0).name)
    except Exception:
        return ""
    return ""


def actions(node: Any) -> list[str]:
    try:
        action = node.queryAction()
    except NotImplementedError:
        return []
    return [action.getName(i) for i in range(action.nActions)]


def do(node: Any, *wanted: str) -> None:
    names = actions(node)
    for want in wanted or ("Press", "Toggle", "Click"):
        if want in names:
            node.queryAction().doAction(names.index(want))
            time.sleep(0.05)
            return
    raise Stop(f"{role(node)} {node.name!r} offers no {wanted or 'press'} action: {names}")


def press(want_role: str, name: str | re.Pattern[str], root: Any = None) -> Any:
    node = find(want_role, name, root)
    wait(f"{name!r} enabled", lambda: has(node, pyatspi.STATE_ENABLED))
    do(node)
    return node


def checked(node: Any) -> bool:
    return has(node, pyatspi.STATE_CHECKED)


def text_of(node: Any) -> str:
    try:
        text = node.queryText()
    except NotImplementedError:
        return ""
    return str(text.getText(0, -1))


def type_into(node: Any, value: str) -> None:
    try:
        editable = node.queryEditableText()
    except NotImplementedError as e:
        raise Stop(f"{role(node)} {node.name!r} has no EditableText") from e
    editable.setTextContents(value)
    time.sleep(0.05)


def key(sym: int) -> None:
    pyatspi.Registry.generateKeyboardEvent(sym, None, pyatspi.KEY_SYM)
    time.sleep(0.08)


def combo_options(combo: Any) -> list[str]:
    for kid in children(combo):
        if role(kid) == "list":
            return [str(item.name) for item in children(kid)]
    return []


def choose(combo: Any, option: str) -> None:
    """Open the drop-down with its action, then arrow keys and Enter (see the docstring)."""
    if combo.name == option:
        return
    options = combo_options(combo)
    if option not in options:
        raise Stop(f"combo box {combo.name!r} has no option {option!r}: {options}")
    do(combo, "ShowMenu")
    time.sleep(0.25)
    key(KEY_HOME)
    for _ in range(options.index(option)):
        key(KEY_DOWN)
    key(KEY_RETURN)
    wait(f"combo box to show {option!r}", lambda: combo.name == option, 3)


# --- what the user sees on a page -------------------------------------------------------


def wizard() -> Any:
    return find("dialog", "", timeout=10)


def current_step() -> str:
    steps = find("list", "Steps of the referral")
    for item in children(steps):
        if "current step" in (item.name or ""):
            return str(item.name).rsplit(": ", 1)[0]
    return "?"


def step_names() -> list[str]:
    return [str(i.name) for i in children(find("list", "Steps of the referral"))]


def audit_names(page: str, root: Any = None, *, hidden_too: bool = False) -> None:
    """Every focusable or actionable control on screen (in the window, or under `root`: a
    dialog) needs a name and a role; `hidden_too` looks at a branch not shown yet."""
    for node in nodes(scope(root), only_showing=not hidden_too):
        kind = role(node)
        focusable = has(node, pyatspi.STATE_FOCUSABLE)
        acts = [a for a in actions(node) if a not in ("SetFocus",)]
        if not focusable and (kind in PASSIVE or kind == "scroll bar" or not acts):
            continue
        name = str(node.name or "").strip()
        problem = ""
        if kind in NO_ROLE:
            problem = "no role"
        elif not name and kind == "table cell":
            problem = "" if column_header(node) else "empty, and its column has no header"
        elif not name:
            label = labelled_by(node)
            problem = "" if label else "no name"
        elif kind == "combo box" and not labelled_by(node):
            problem = "no label: its name is only its current value"
        if problem:
            where = context(node)
            line = f"{page}: {kind} {name!r} ({problem}) in {where}"
            REPORT.unnamed.setdefault(f"{page}|{kind}|{where}|{problem}", line)


def column_header(cell: Any) -> str:
    """A cell is read with its column's header: an empty one is a blank value, not a
    control without a name."""
    try:
        table = cell.parent.queryTable()
        return str(table.getColumnDescription(table.getColumnAtIndex(cell.getIndexInParent())))
    except Exception:
        return ""


def context(node: Any) -> str:
    """The nearest named ancestors, to say where a control is."""
    names: list[str] = []
    try:
        parent = node.parent
        while parent is not None and len(names) < 2 and role(parent) != "frame":
            if parent.name:
                names.append(f"{role(parent)} {str(parent.name)[:60]!r}")
            parent = parent.parent
    except Exception:  # noqa: S110 - a parent that went away ends the description
        pass
    return " < ".join(names) or "the window"


# --- values set through the tree, read back later ---------------------------------------

Probe = Callable[[], str]
PAGE_CHECKS: list[tuple[str, Probe, str]] = []


def expect(what: str, probe: Probe, wanted: str) -> None:
    """Read the value now (it must have taken) and again after Next and Back."""
    try:
        now = probe()
    except (LookupError, Stop) as e:
        now = f"<{e}>"
    if now != wanted:
        REPORT.lost(f"{what}: set {wanted!r}, the control shows {now!r} at once")
        return
    PAGE_CHECKS.append((what, probe, wanted))


def recheck() -> None:
    for what, probe, wanted in PAGE_CHECKS:
        try:
            now = probe()
        except (LookupError, Stop) as e:
            now = f"<{e}>"
        if now != wanted:
            REPORT.lost(f"{what}: set {wanted!r}, after Next and Back {now!r}")
    PAGE_CHECKS.clear()


def text_field(name: str, value: str, root: Any = None, kind: str = "text") -> None:
    type_into(find(kind, name, root), value)
    expect(name, lambda: text_of(find(kind, name, root)), value)


def combo_labelled(label: str, root: Any = None) -> Any:
    for node in nodes(scope(root)):
        if role(node) == "combo box" and labelled_by(node) == label:
            return node
    raise LookupError(label)


def combo_field(label: str, option: str, root: Any = None) -> None:
    choose(find_combo(label, root), option)
    expect(label, lambda: str(find_combo(label, root).name), option)


def find_combo(label: str, root: Any = None) -> Any:
    return wait(f"combo box labelled {label!r}", lambda: combo_labelled(label, root), 5)


def date_field(name: str, value: str, root: Any = None) -> None:
    """A DateEntry: day and year texts named "<name>: day/year"; the month combo between."""
    picked = date.fromisoformat(value)
    day = find("text", f"{name}: day", root)
    type_into(day, str(picked.day))
    type_into(find("text", f"{name}: year", root), str(picked.year))
    choose(month_after(day), MONTHS[picked.month - 1])
    expect(f"{name} (date)", lambda: read_date(name, root), value)


def month_after(day: Any) -> Any:
    for kid in children(day.parent):
        if role(kid) == "combo box":
            return kid
    raise Stop(f"no month beside {day.name!r}")


def read_date(name: str, root: Any = None) -> str:
    day = find("text", f"{name}: day", root, timeout=2)
    year = text_of(find("text", f"{name}: year", root, timeout=2))
    month = month_after(day).name
    if month not in MONTHS or not year:
        return f"{text_of(day)} {month} {year}"
    return date(int(year), MONTHS.index(month) + 1, int(text_of(day))).isoformat()


def tick(name: str, on: bool = True, root: Any = None, kind: str = "check box") -> None:
    box = find(kind, name, root)
    if checked(box) != on:
        do(box, "Toggle", "Press", "Click")
    expect(
        name,
        lambda: "ticked" if checked(find(kind, name, root)) else "clear",
        "ticked" if on else "clear",
    )


# --- moving through the wizard ----------------------------------------------------------


def turn(button: str) -> str:
    before = current_step()
    press("push button", button, wizard())
    return wait(f"{button} to leave {before!r}", lambda: (s := current_step()) != before and s)


def next_page(*, readback: bool = True) -> None:
    if readback and PAGE_CHECKS:
        here = current_step()
        turn("Next >")
        turn("< Back")
        if current_step() != here:
            REPORT.notes.append(f"Back from the page after {here!r} went to {current_step()!r}")
        recheck()
    PAGE_CHECKS.clear()
    turn("Next >")


# --- the demo family --------------------------------------------------------------------

DEMO: dict[str, Any] = json.loads((RESOURCES / "demo" / "case.json").read_text("utf-8"))


def first_run() -> None:
    REPORT.page = "First run"

    def window() -> Any:
        try:
            return frame()
        except Stop:
            return None

    wait("the app's window on the accessibility bus", window, 60)
    combo = wait("the first-run screen", lambda: combo_labelled("I use this app to"), 30)
    audit_names(REPORT.page)
    choose(combo, "Make referrals (practitioner)")
    who = DEMO["referrer"]
    for name, value in (
        ("Your name", who["name"]),
        ("Role", who["role"]),
        ("Organisation", who["organisation"]),
        ("Phone", who["phone"]),
        ("Email", who["email"]),
    ):
        text_field(name, value)
    for name in ("Passphrase", "Passphrase again"):
        type_into(find("password text", name), PASSPHRASE)
    PAGE_CHECKS.clear()
    press("push button", "Create my encrypted store")
    REPORT.page = "Case list"
    find("push button", "New referral", timeout=60)
    audit_names(REPORT.page)
    press("push button", "New referral")
    wait("the wizard", lambda: find_all("list", "Steps of the referral"), 15)


def scheme_page() -> None:
    combo_field("Parents together now?", "Yes")
    combo_field("Expecting a baby?", "No")
    variant = find_combo("RSQ variant")
    if "couple" not in str(variant.name).lower():
        REPORT.notes.append(f"RSQ variant did not follow the answers: {variant.name!r}")
    combo_field("How the adults are related", "Partners")
    date_field("Referral date", DEMO["referral_date"])


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def referrer_page() -> None:
    who, contact = DEMO["referrer"], DEMO["universal_contact"]
    for part in ("name", "role", "organisation", "phone", "email"):
        name = f"Referrer: {part.capitalize()}"
        if text_of(find("text", name)) != who[part]:
            REPORT.notes.append(f"{name} was not filled in from first run")
            text_field(name, who[part])
    combo_field("Is your work with the family about to close?", yes_no(who["case_closing"]))
    combo_field("Can you keep supporting the family during it?", yes_no(who["continues_support"]))
    for part in ("name", "role", "service", "phone", "email"):
        text_field(f"Universal contact: {part.capitalize()}", contact[part])


def option_for(combo_label: str, value: str, root: Any = None) -> str:
    """The drop-down's wording for a stored value ("birth-parent" is "Birth parent")."""
    wanted = value.replace("-", " ").lower()
    options = combo_options(find_combo(combo_label, root))
    for option in options:
        if option.lower() == wanted:
            return option
    for option in options:
        if option.lower().startswith(wanted):
            return option
    raise Stop(f"{combo_label!r} has no option for {value!r}: {options}")


def parents_page() -> None:
    for slot, key_ in (("Parent A", "parent_a"), ("Parent B", "parent_b")):
        parent = DEMO[key_]
        panel = slot
        for part, name in (
            ("name", "Name"),
            ("phone", "Phone"),
            ("email", "Email"),
            ("preferred_language", "Preferred language"),
            ("accessibility_needs", "Accessibility needs"),
        ):
            if parent[part] or text_of(find("text", f"{slot}: {name}", panel)):
                text_field(f"{slot}: {name}", parent[part], panel)
        date_field(f"{slot}: Date of birth", parent["date_of_birth"], panel)
        combo_field("Role", option_for("Role", parent["role"], panel), panel)
        tick(f"{slot}: Needs an interpreter", parent["interpreter_needed"], panel)
        combo_field("Agrees to the referral", yes_no(parent["agrees_to_referral"]), panel)
        date_field(f"{slot}: Agreed on", parent["agreement_date"], panel)
    address = DEMO["address"]
    for part, name in (
        ("line1", "Address line 1"),
        ("line2", "Address line 2"),
        ("town", "Town"),
        ("postcode", "Postcode"),
    ):
        text_field(f"Family address: {name}", address[part])
    # Picked from the scheme's areas (or "Somewhere else"), not typed.
    combo_field("Local authority", address["local_authority"])


def children_page() -> None:
    for number, child in enumerate(DEMO["children"], start=1):
        slot = f"Child {number}"
        if not find_all("panel", slot):
            press("push button", "Add a child")
        panel = slot
        text_field(f"{slot}: Name", child["name"], panel)
        date_field(f"{slot}: Date of birth", child["date_of_birth"], panel)
        tick(f"{slot}: Has SEND", child["send"], panel)
        combo_field("Lives with", option_for("Lives with", child["lives_with"], panel), panel)
    focus = next(c["name"] for c in DEMO["children"] if c["id"] == DEMO["focus_child_id"])
    combo_field("Focus child (the same for both parents)", focus)


def plan_page() -> None:
    tick("Each parent in turn: safety questions, then the questionnaire", True, "Order")
    first = f"{DEMO['parent_a']['name']} (Parent A)"
    tick(first, True, "Who goes first")


def handover_page() -> None:
    slot = current_step().removeprefix("With ")
    key_ = "parent_a" if slot == "Parent A" else "parent_b"
    tick(f"I am with {DEMO[key_]['name']} ({slot}), alone", True)
    PAGE_CHECKS.clear()  # Back from the safety questions is not a way a user retraces


# --- questionnaire pages ----------------------------------------------------------------


def questionnaire(name: str) -> list[dict[str, Any]]:
    data = tomllib.loads((RESOURCES / "questionnaires" / name).read_text("utf-8"))
    items = list(data.get("items", []))
    for section in data.get("sections", []):
        items.extend(section.get("items", []))
    return items


def pattern(text: str) -> re.Pattern[str]:
    parts = re.split(r"\{[a-z_]+\}", text)
    return re.compile(".+?".join(re.escape(p) for p in parts) + "(, required)?")


ITEMS = {
    file: [(pattern(i["text"]), i) for i in questionnaire(file)]
    for file in ("rsq.toml", "da-screening.toml")
}


def labels_for(item: dict[str, Any], value: Any) -> list[str]:
    """The option names a user chooses for a stored answer."""
    values = value if isinstance(value, list) else [value]
    if item["type"] == "yesno":
        return [{"yes": "Yes", "no": "No"}[v] for v in values]
    if item["type"] == "scale":
        return [str(v) for v in values]
    options = {o["value"]: o["label"] for o in item.get("options", [])}
    return [options[v] for v in values]


def option_label(node: Any) -> str:
    """A scale's end options are named "0, Calm": the option is what comes before."""
    name = str(node.name)
    head = name.split(", ", 1)[0]
    return head if head.isdigit() else name


def question_panels() -> list[Any]:
    return [n for n in nodes(frame()) if role(n) == "panel" and n.name and question_item(n)]


def question_item(panel: Any, file: str = "") -> dict[str, Any] | None:
    for f in (file,) if file else tuple(ITEMS):
        for regex, item in ITEMS[f]:
            if regex.fullmatch(str(panel.name)):
                return item
    return None


def options_in(panel: Any) -> list[Any]:
    return [n for n in nodes(panel) if role(n) in ("check box", "toggle button", "radio button")]


def panel_named(name: str) -> Any:
    return find("panel", name, timeout=3)


def read_answer(name: str, kind: str) -> str:
    panel = panel_named(name)
    if kind == "text":
        return text_of(find("text", name, panel, timeout=2))
    if kind == "date":
        return read_date(name, panel)
    return "|".join(option_label(n) for n in options_in(panel) if checked(n))


def answer(panel: Any, item: dict[str, Any], value: Any) -> None:
    name, kind = str(panel.name), item["type"]
    what = f"{item['id']} ({kind})"
    if kind == "text":
        type_into(find("text", name, panel), str(value))
        expect(what, lambda: read_answer(name, "text"), str(value))
        return
    if kind == "date":
        date_field(name, str(value), panel)
        return
    wanted = labels_for(item, value)
    for option in options_in(panel):
        on = option_label(option) in wanted
        if checked(option) != on:
            if not has(option, pyatspi.STATE_ENABLED):
                raise Stop(f"{what}: option {option.name!r} is not enabled")
            do(option, "Toggle", "Press", "Click")
    missing = set(wanted) - {option_label(o) for o in options_in(panel)}
    if missing:
        REPORT.lost(f"{what}: no option named {sorted(missing)}")
    order = [option_label(o) for o in options_in(panel)]
    want = "|".join(sorted(wanted, key=lambda w: order.index(w) if w in order else 99))
    expect(what, lambda: read_answer(name, kind), want)


def answer_page(file: str, answers: dict[str, Any]) -> None:
    """Answer every question shown; follow-ups appear as answers call for them."""
    done: set[str] = set()
    for _ in range(6):
        fresh = False
        for panel in question_panels():
            item = question_item(panel, file)
            if item is None or item["id"] in done:
                continue
            done.add(item["id"])
            fresh = True
            if item["id"] not in answers:
                REPORT.notes.append(f"{REPORT.page}: {item['id']} shown, the demo has no answer")
                continue
            answer(panel, item, answers[item["id"]])
        if not fresh:
            return
        time.sleep(0.2)


def screening_page() -> None:
    slot = current_step().rsplit(": ", 1)[-1]
    screening = DEMO["screening_a" if slot == "Parent A" else "screening_b"]
    gate = "Before you start"
    tick("Is the parent on their own, with nobody else able to see or hear?", True, gate)
    tick("Has the parent said it is safe to talk now?", True, gate)
    text_field("Safe way to contact this parent", screening["safe_contact"], gate)
    answer_page("da-screening.toml", screening["answers"])
    tick("Screening complete: every question was asked", True)
    PAGE_CHECKS.clear()  # a finished screening folds: its answers are read from the store


def rsq_page() -> None:
    slot = "Parent A" if current_step().startswith("RSQ with Parent A") else "Parent B"
    answer_page("rsq.toml", DEMO["rsq_a" if slot == "Parent A" else "rsq_b"]["answers"])


def eligibility_page() -> None:
    labels = [str(n.name) for n in nodes(wizard()) if role(n) == "label"]
    if "Eligible" not in labels:
        unmet = [t for t in labels if t.startswith(("✗", "!", "○"))]
        REPORT.notes.append(f"Eligibility does not say Eligible: {unmet[:5]}")


def typed_field(slot: str) -> list[Any]:
    return find_all("text", f"{slot}: full name, typed to sign", slot)


def sign_by_typing(slot: str, name: str) -> None:
    button = find("check box", f"{slot}: sign by typing the name", slot)
    if not typed_field(slot):
        do(button, "Toggle")  # a toggle button's first action: what a screen reader does
        time.sleep(0.4)
        if not typed_field(slot):
            draw = find("check box", f"{slot}: sign by drawing", slot)
            REPORT.defects.append(
                f"{REPORT.page}: check box {button.name!r}: its Toggle action (the first) "
                f"checks it but the typed-name field does not appear; 'sign by drawing' "
                f"stays {'checked' if checked(draw) else 'unchecked'} (only Press works)"
            )
            if checked(button):
                do(button, "Toggle")
            do(button, "Press")
            wait(f"{slot}: the typed-name field", lambda: typed_field(slot), 5)
    text_field(f"{slot}: full name, typed to sign", name, slot)
    attest = find("check box", re.compile(re.escape(f"{slot}: I confirm") + ".*"), slot)
    if not checked(attest):
        do(attest, "Toggle", "Press")
    expect(f"{slot}: attestation", lambda: str(checked(attest)), "True")
    press("push button", f"{slot}: sign with the typed name", slot)
    wait(
        f"{slot} signed",
        lambda: any(
            role(n) == "label" and str(n.name).lower().startswith("signed")
            for n in nodes(scope(slot))
        ),
        5,
    )


def agreement_page() -> None:
    for slot, who in (
        ("Parent A", DEMO["parent_a"]["name"]),
        ("Parent B", DEMO["parent_b"]["name"]),
        ("Link worker", DEMO["referrer"]["name"]),
    ):
        sign_by_typing(slot, who)
    PAGE_CHECKS.clear()


def dialog(kind: str, name: str | re.Pattern[str], timeout: float = 10) -> Any:
    def probe() -> Any:
        app = application()
        return next(
            (w for w in children(app) if matches(w, kind, name) and showing(w)),
            None,
        )

    label = name.pattern if isinstance(name, re.Pattern) else name
    return wait(f"{kind} {label!r}", probe, timeout)


def review_page() -> bool:
    find("label", "Ready to build.", wizard(), timeout=20)
    case = find("label", re.compile(r"Case RPC-.*"), wizard())
    REPORT.reference = str(case.name).split()[1].rstrip(":")
    press("push button", "Send for review…", wizard())
    chooser = dialog("dialog", "Save the sealed bundle for the team lead in…")
    type_into(find("text", "Directory:", chooser), str(OUT))
    press("push button", "Choose", chooser)
    warning = dialog("alert", "The bundle cannot be encrypted")
    press("push button", "Send it unencrypted…", warning)
    press("push button", "Send it unencrypted", dialog("alert", "Send it unencrypted?"))
    find("label", re.compile(r"Version 1 sealed.*"), wizard(), timeout=60)
    REPORT.completed = any(OUT.glob("RPC-*-v1.rpcbundle"))
    if not REPORT.completed:
        REPORT.notes.append(f"the app said sent, but no bundle is in {OUT}")
    return True


PAGES: list[tuple[str, Callable[[], bool | None]]] = [
    ("Scheme and family situation", scheme_page),
    ("Referrer and universal-service contact", referrer_page),
    ("Parent A and Parent B", parents_page),
    ("Children", children_page),
    ("Plan the private parts", plan_page),
    ("With Parent", handover_page),
    ("Safety questions: Parent", screening_page),
    ("RSQ with Parent", rsq_page),
    ("Eligibility", eligibility_page),
    ("Participation Agreement", agreement_page),
    ("Review and build", review_page),
]


def dump(root: Any, depth: int = 0) -> None:
    for kid in children(root):
        if not showing(kid):
            continue
        extra = ""
        if "EditableText" in kid.get_interfaces():
            extra = f" text={text_of(kid)!r}"
        flags = "".join(
            c
            for c, s in (
                ("F", pyatspi.STATE_FOCUSABLE),
                ("C", pyatspi.STATE_CHECKED),
                ("E", pyatspi.STATE_ENABLED),
            )
            if has(kid, s)
        )
        log(f"{'  ' * depth}[{role(kid)}] {str(kid.name)[:90]!r} {flags}{extra}")
        dump(kid, depth + 1)


def walk_wizard(limit: int = 80) -> None:
    for _ in range(limit):
        step = current_step()
        REPORT.page = step
        if step not in REPORT.reached:
            REPORT.reached.append(step)
        log(f"page: {step}")
        handler = next((h for prefix, h in PAGES if step.startswith(prefix)), None)
        if handler is None:
            dump(wizard())
            raise Stop(f"no handler for the page {step!r}")
        done = handler()
        audit_names(step)
        if done is True:
            return
        next_page()
    raise Stop("too many pages")


# --- what the store kept ----------------------------------------------------------------


def stored_case(reference: str) -> dict[str, Any]:
    command = [str(ROOT / ".venv" / "bin" / "rpc-desktop"), "cases", "show", reference]
    env = {**os.environ, "RPC_DESKTOP_PASSPHRASE": PASSPHRASE}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    if done.returncode:
        raise Stop(f"cases show failed: {done.stderr.strip()[-300:]}")
    return dict(json.loads(done.stdout)["case"])


def compare(path: str, wanted: Any, stored: Any) -> None:
    if isinstance(wanted, dict):
        for key_, value in wanted.items():
            compare(f"{path}.{key_}", value, (stored or {}).get(key_))
    elif isinstance(wanted, list) and wanted and isinstance(wanted[0], dict):
        for index, value in enumerate(wanted):
            got = stored[index] if isinstance(stored, list) and index < len(stored) else None
            compare(f"{path}[{index}]", value, got)
    elif isinstance(wanted, list) and isinstance(stored, list) and sorted(wanted) == sorted(stored):
        return  # several options chosen: kept in the options' order
    elif wanted != stored:
        REPORT.not_kept.append(f"store: {path}: set {wanted!r}, stored {stored!r}")


def check_store() -> None:
    REPORT.page = "store"
    stored = stored_case(REPORT.reference)
    for key_ in ("referral_date", "relationship", "variant", "address", "universal_contact"):
        compare(key_, DEMO[key_], stored.get(key_))
    for slot in ("rsq_a", "rsq_b"):  # "completed" is the app's to set, not a control's
        compare(f"{slot}.answers", DEMO[slot]["answers"], stored[slot].get("answers"))
    names = {c["id"]: c["name"] for c in stored.get("children", [])}
    wanted = {c["id"]: c["name"] for c in DEMO["children"]}[DEMO["focus_child_id"]]
    compare("focus child", wanted, names.get(stored.get("focus_child_id")))
    for key_ in (
        "name",
        "role",
        "organisation",
        "phone",
        "email",
        "case_closing",
        "continues_support",
    ):
        compare(f"referrer.{key_}", DEMO["referrer"][key_], stored["referrer"].get(key_))
    for slot in ("parent_a", "parent_b"):
        compare(slot, DEMO[slot], stored.get(slot))
    for slot in ("screening_a", "screening_b"):
        for key_ in ("alone_confirmed", "safe_to_talk", "safe_contact", "answers", "completed"):
            compare(f"{slot}.{key_}", DEMO[slot][key_], stored[slot].get(key_))
    for index, child in enumerate(DEMO["children"]):
        got = stored["children"][index] if index < len(stored["children"]) else {}
        for key_ in ("name", "date_of_birth", "due_date", "send", "lives_with"):
            compare(f"children[{index}].{key_}", child[key_], got.get(key_))
    signed = {s["signer"]: s for s in stored.get("signatures", [])}
    for signer in ("parent-a", "parent-b", "link-worker"):
        if signer not in signed:
            REPORT.not_kept.append(f"store: signature of {signer} missing")


# --- the screens around the wizard ------------------------------------------------------

TOOLBAR = "Actions"
SHOW_DUE = "Show the cases due today or overdue"
AFTER = re.compile(r"(After sending|Record the day).*")


def screen(name: str) -> None:
    REPORT.page = name
    REPORT.screens.append(name)
    log(f"screen: {name}")


def trigger(node: Any, what: str) -> None:
    """Press `node` to open `what`. Qt answers a tool button's Press once the action's slot
    returns: a dialog run with exec() there keeps a screen reader waiting until AT-SPI gives
    up. That is a defect; `what` is looked for all the same."""
    try:
        do(node)
    except GLib.Error as e:
        if "reply" not in str(e):
            raise
        REPORT.defects.append(
            f"{REPORT.page}: {role(node)} {node.name!r}: its Press action got no answer while "
            f"{what} was open (AT-SPI gave up; a screen reader hears an error)"
        )


def toolbar(name: str) -> Any:
    node = find("push button", name, find("tool bar", TOOLBAR))
    wait(f"{name!r} enabled", lambda: has(node, pyatspi.STATE_ENABLED))
    return node


def close_dialog(window: Any, button: str) -> None:
    title = str(window.name)
    press("push button", button, window)
    wait(f"{title!r} to close", lambda: not showing(window), 10)


def rows(table: Any) -> int:
    return int(table.queryTable().nRows)


def row_of(table: Any, reference: str) -> dict[str, str]:
    """The row of the case `reference`: each cell's name by its column's header."""
    grid = table.queryTable()
    cells = [(c, c.getIndexInParent()) for c in children(table) if role(c) == "table cell"]
    row = next((grid.getRowAtIndex(i) for c, i in cells if c.name == reference), None)
    if row is None:
        raise Stop(f"the case {reference} is not in the table")
    return {
        str(grid.getColumnDescription(grid.getColumnAtIndex(i))): str(c.name)
        for c, i in cells
        if grid.getRowAtIndex(i) == row
    }


def select_case(table: Any, reference: str) -> None:
    """The case's row selected through the table's Table interface, as Resume needs."""
    grid = table.queryTable()
    cell = find("table cell", reference, table)
    grid.addRowSelection(grid.getRowAtIndex(cell.getIndexInParent()))
    resume = find("push button", "Resume the selected case")
    try:
        wait("Resume enabled by the selection", lambda: has(resume, pyatspi.STATE_ENABLED), 3)
    except Stop:
        REPORT.defects.append(
            f"{REPORT.page}: table 'Cases': selecting the case's row through the tree did not "
            "enable 'Resume the selected case'"
        )


def filters_work(table: Any, reference: str) -> None:
    """A status chosen through the tree filters the list; All cases brings the case back."""
    status = find_combo("Show:")
    options = combo_options(status)
    now = row_of(table, reference).get("Status", "")
    other = next((o for o in options if o not in ("All cases", now)), None)
    if now not in options or other is None:
        REPORT.notes.append(f"{REPORT.page}: the case's status {now!r} is not one of {options}")
        return
    for option, count in ((other, 0), (now, 1), ("All cases", 1)):
        choose(status, option)
        try:
            wait(f"{count} cases shown", lambda count=count: rows(table) == count, 5)
        except Stop:
            REPORT.defects.append(
                f"{REPORT.page}: combo box 'Show:': {option!r} chosen through the tree shows "
                f"{rows(table)} cases, not {count}"
            )


def due_banner() -> None:
    """Shown only when a case is due today or overdue (never so in a fresh store): its
    names are read from the hidden branch then, and a note says so."""
    banner = next(
        (n for n in nodes(frame(), only_showing=False) if matches(n, "push button", SHOW_DUE)),
        None,
    )
    if banner is None:
        REPORT.notes.append(f"{REPORT.page}: no {SHOW_DUE!r} button, shown or hidden")
    elif not showing(banner):
        REPORT.notes.append(
            f"{REPORT.page}: the due banner is hidden (nothing is due today or overdue): "
            "its names were read from the hidden branch"
        )
        audit_names(f"{REPORT.page}: the due banner (hidden)", banner.parent, hidden_too=True)


def case_list_with_case() -> None:
    screen("Case list with the case")
    trigger(toolbar("Case list"), "the case list")
    table = find("table", "Cases", timeout=15)
    reference = REPORT.reference
    find("table cell", reference, table, timeout=15)
    audit_names(REPORT.page)
    select_case(table, reference)
    audit_names(REPORT.page)
    due_banner()
    filters_work(table, reference)
    after_sending(reference)


def after_sending(reference: str) -> None:
    """After sending… (a sent case) and Record sending… (an approved one): the case the
    walk sent for review is neither, and only a team lead's review note approves it."""
    button = find("push button", AFTER)
    if not has(button, pyatspi.STATE_ENABLED):
        status = row_of(find("table", "Cases"), reference).get("Status", "?")
        REPORT.notes.append(
            "not audited: the After sending… and Record sending… dialogs open only for an "
            f"approved or sent case; {reference} is {status!r}, and only a team lead's "
            "review note (Import review note…) approves it"
        )
        return
    screen(str(button.name))
    do(button)
    window = dialog("dialog", re.compile(r"(After sending|Sent to the gateway): .*"))
    audit_names(REPORT.page, window)
    close_dialog(window, "Close" if find_all("push button", "Close", window) else "Cancel")


def about_box() -> None:
    screen("About box")
    trigger(toolbar("About"), "the About box")
    box = dialog("dialog", f"About {APP_NAME}")
    copy = find("push button", "Copy diagnostics", box)
    wait("the diagnostics gathered", lambda: has(copy, pyatspi.STATE_ENABLED), 30)
    audit_names(REPORT.page, box)
    do(copy)
    find("label", re.compile(r"Copied to the clipboard.*"), box)
    audit_names(REPORT.page, box)
    close_dialog(box, "Close")


def settings_dialog() -> None:
    screen("Settings")
    trigger(toolbar("Settings"), "the Settings dialog")
    box = dialog("dialog", "Settings")
    audit_names(REPORT.page, box)
    close_dialog(box, "Cancel")


def figures_screen() -> None:
    if not find_all("push button", "Figures", find("tool bar", TOOLBAR)):
        REPORT.notes.append("not audited: the Figures screen: the toolbar has no Figures")
        return
    screen("Figures")
    trigger(toolbar("Figures"), "the Figures screen")
    find("push button", "Export for monitoring…", timeout=30)
    audit_names(REPORT.page)
    trigger(toolbar("Case list"), "the case list")
    find("table", "Cases", timeout=15)


def send_figures() -> None:
    """The folder chooser, then what the app says (the fresh store trusts no team lead's
    key, so the figures cannot be sealed to one)."""
    screen("Send figures")
    press("push button", "Send figures…")
    chooser = dialog("dialog", "Save this device's figures in…")
    audit_names(f"{REPORT.page}: the folder chooser", chooser)
    type_into(find("text", "Directory:", chooser), str(OUT))
    press("push button", "Choose", chooser)
    said = dialog("alert", "Send figures")
    audit_names(f"{REPORT.page}: what the app said", said)
    close_dialog(said, "OK")


SCREENS: list[tuple[str, Callable[[], None]]] = [
    ("the case list with the case", case_list_with_case),
    ("the About box", about_box),
    ("the Settings dialog", settings_dialog),
    ("the Figures screen", figures_screen),
    ("the Send figures… dialog", send_figures),
]


def other_screens() -> None:
    """Back to the case list by the toolbar, then each screen and dialog around the wizard,
    opened, audited and closed through the tree. One that cannot be reached is a note, and
    the walk goes on to the next."""
    for what, visit in SCREENS:
        try:
            visit()
        except (Stop, GLib.Error, LookupError) as e:
            REPORT.notes.append(f"not audited: {what}: {REPORT.page}: {e}")
            key(KEY_ESCAPE)  # a dialog left open would stop the next one


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--attach", action="store_true", help="the app is already past first run")
    args = parser.parse_args()
    try:
        if not args.attach:
            first_run()
        walk_wizard()
        if REPORT.reference:
            check_store()
            other_screens()
    except Stop as e:
        REPORT.stopped = f"{REPORT.page}: {e}"
    except Exception as e:
        REPORT.stopped = f"{REPORT.page}: {type(e).__name__}: {e}"
    return summary()


def summary() -> int:
    took = time.monotonic() - REPORT.started
    log("")
    log("== Accessibility walk ==")
    log(f"pages reached: {len(REPORT.reached)}")
    log(f"screens reached after the referral: {len(REPORT.screens)}")
    if REPORT.stopped:
        log(f"stopped at: {REPORT.stopped}")
    for note in REPORT.notes:
        log(f"note: {note}")
    log(f"referral completed: {'yes' if REPORT.completed else 'no'}")
    log(f"controls that do not work through the tree: {len(REPORT.defects)}")
    for line in REPORT.defects:
        log(f"  - {line}")
    log(f"unnamed controls: {len(REPORT.unnamed)}")
    for line in REPORT.unnamed.values():
        log(f"  - {line}")
    log(f"values not kept: {len(REPORT.not_kept)}")
    for line in REPORT.not_kept:
        log(f"  - {line}")
    log(f"time taken: {took:.0f} s")
    return 0 if REPORT.completed else 1


if __name__ == "__main__":
    sys.exit(main())
