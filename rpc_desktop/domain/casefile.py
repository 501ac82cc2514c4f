"""Reading a case file (a regular file, at most MAX_CASE_FILE: files.read_regular_file),
and checking its answers against the questionnaires."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from rpc_desktop.domain.case import Case, Form, ParentSlot
from rpc_desktop.domain.packs import Packs
from rpc_desktop.errors import CaseFileError
from rpc_desktop.files import NotAFile, TooLarge, read_regular_file

MAX_CASE_FILE = 10 * 1024 * 1024
"""A case file is a few kilobytes; anything over 10 MB is refused before it is read."""


def read_case(path: Path) -> Case:
    try:
        data = read_regular_file(path, MAX_CASE_FILE)
    except FileNotFoundError:
        raise CaseFileError(f"{path}: no such file") from None
    except NotAFile as exc:
        raise CaseFileError(f"{path}: is {exc}, not a case file") from None
    except TooLarge:
        limit = MAX_CASE_FILE // (1024 * 1024)
        raise CaseFileError(
            f"{path}: is larger than {limit} MB, too large to be a case file"
        ) from None
    except OSError as exc:
        raise CaseFileError(f"{path}: cannot be read ({exc})") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
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
    problems: list[str] = []
    scheme = packs.schemes.get(case.scheme_id)
    if scheme and case.pathway and case.pathway not in scheme.pathways:
        problems.append(
            f"pathway: {case.pathway!r} is not a pathway of {scheme.name} "
            f"(one of: {'; '.join(scheme.pathways)})"
        )
    for slot in ParentSlot:
        for form in Form:
            questionnaire = packs.questionnaire(form)
            responses = case.part(form, slot)
            if responses is None:
                continue
            field = f"{form.value}_{slot.value}"
            current = responses.questionnaire_version == questionnaire.version
            for item_id, value in responses.answers.items():
                item = questionnaire.item(item_id)
                if item is None:
                    if current:
                        problems.append(f"{field}.answers.{item_id}: no such question")
                elif not item.accepts(value):
                    problems.append(f"{field}.answers.{item_id}: {item.problem(value)}")
    return problems
