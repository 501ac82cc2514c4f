"""Reading a case file, and checking its answers against the questionnaires."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from rpc_desktop.domain.case import Case, ParentSlot
from rpc_desktop.domain.packs import Packs
from rpc_desktop.domain.questionnaire import Item
from rpc_desktop.errors import CaseFileError


def read_case(path: Path) -> Case:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CaseFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseFileError(f"{path}: cannot be read ({exc})") from exc
    return parse_case(text, source=str(path))


def parse_case(text: str, *, source: str = "case") -> Case:
    """A Case from JSON, or an error naming each wrong field by its path."""
    try:
        return Case.model_validate_json(text)
    except ValidationError as exc:
        lines = []
        for error in exc.errors()[:10]:
            where = ".".join(str(p) for p in error["loc"]) or "(the whole file)"
            lines.append(f"{where}: {error['msg']}")
        more = exc.error_count() - len(lines)
        if more > 0:
            lines.append(f"and {more} more")
        raise CaseFileError(f"{source} is not a valid case file:\n  " + "\n  ".join(lines)) from exc


def answer_problems(case: Case, packs: Packs) -> list[str]:
    """Answers that do not fit the current questionnaires, and a pathway the scheme lacks.

    Answers given under another questionnaire version are left alone: an old draft
    keeps working after an update, and unknown items are simply not asked.
    """
    rsq, screening = packs.require_questionnaires()
    problems: list[str] = []
    scheme = packs.schemes.get(case.scheme_id)
    if scheme and case.pathway and case.pathway not in scheme.pathways:
        problems.append(
            f"pathway: {case.pathway!r} is not a pathway of {scheme.name} "
            f"(one of: {'; '.join(scheme.pathways)})"
        )
    for slot in ParentSlot:
        for field, responses, items in (
            (f"rsq_{slot.value}", case.rsq(slot), {i.id: i for i in rsq.items()}),
            (f"screening_{slot.value}", case.screening(slot), {i.id: i for i in screening.items}),
        ):
            if responses is None:
                continue
            current = responses.questionnaire_version == (
                rsq.version if field.startswith("rsq") else screening.version
            )
            for item_id, value in responses.answers.items():
                item = items.get(item_id)
                if item is None:
                    if current:
                        problems.append(f"{field}.answers.{item_id}: no such question")
                elif not item.accepts(value):
                    problems.append(f"{field}.answers.{item_id}: {_expected(item, value)}")
    return problems


def _expected(item: Item, value: object) -> str:
    shown = repr(value)[:60]
    if item.options:
        allowed = ", ".join(o.value for o in item.options)
        return f"{shown} is not an answer to this question (one of: {allowed})"
    if item.scale is not None:
        return f"{shown} is not a whole number from {item.scale.min} to {item.scale.max}"
    hints = {"yesno": '"yes" or "no"', "date": "a date as YYYY-MM-DD", "text": "text"}
    return f"{shown} should be {hints.get(item.type.value, item.type.value)}"
