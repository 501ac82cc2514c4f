"""Loading the data packs in resources/, with errors that name file, item and field."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from rpc_desktop.domain.case import Form
from rpc_desktop.domain.questionnaire import Questionnaire, ScreeningQuestionnaire
from rpc_desktop.domain.scheme import Agreement, NonEmpty, Scheme
from rpc_desktop.errors import PackError

M = TypeVar("M", bound=BaseModel)


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Commitments(_Part):
    """What each side of the agreement undertakes, in the scheme's own terms."""

    each_parent: list[NonEmpty] = Field(min_length=1)
    link_worker: list[NonEmpty] = Field(min_length=1)
    provider_feedback: NonEmpty
    """What the provider tells the link worker (the North East: attendance and engagement
    only, never what is said in sessions)."""


class Recipient(_Part):
    name: NonEmpty
    why: NonEmpty


class PrivacyNotice(_Part):
    """The privacy notice printed with the agreement, in plain words."""

    controller: NonEmpty
    recipients: list[Recipient] = Field(min_length=1)
    lawful_basis: NonEmpty
    kept_for: NonEmpty
    rights: NonEmpty
    withdraw: NonEmpty

    def rows(self) -> list[tuple[str, list[str]]]:
        """Heading and paragraphs, in the order a parent reads them."""
        return [
            ("Who is responsible for it", [self.controller]),
            ("Who receives it", [f"{r.name}: {r.why}" for r in self.recipients]),
            ("Why it may be used (the lawful basis)", [self.lawful_basis]),
            ("How long it is kept", [self.kept_for]),
            ("Our rights", [self.rights]),
            ("Changing our minds", [self.withdraw]),
        ]


class ParticipationAgreement(Agreement):
    """An agreement pack: the scheme's introduction, what each side commits to and the
    privacy notice. All of it is the text parents read and sign, so all of it is hashed."""

    worker_title: NonEmpty = "link worker"
    """What the scheme calls the practitioner who refers ("link worker", "practitioner")."""
    commitments: Commitments
    privacy: PrivacyNotice

    def sections(self) -> list[tuple[str, list[str]]]:
        """What each side commits to, as heading and paragraphs (the privacy notice follows
        under PRIVACY_HEADING): the screen, the signed PDF and the blank form print these."""
        c = self.commitments
        return [
            ("What each of us agrees to", list(c.each_parent)),
            (f"What our {self.worker_title} agrees to", list(c.link_worker)),
            ("What the provider reports back", [c.provider_feedback]),
        ]

    @property
    def text(self) -> str:
        parts = [super().text]
        for heading, lines in self.sections():
            parts.append(heading + "\n" + "\n".join(f"- {line}" for line in lines))
        notice = [PRIVACY_HEADING]
        for heading, texts in self.privacy.rows():
            notice += [f"{heading}:", *(f"- {t}" for t in texts)]
        parts.append("\n".join(notice))
        return "\n\n".join(parts)


PRIVACY_HEADING = "How our information is used (privacy notice)"


def load_pack(path: Path, model: type[M]) -> M:
    """Parse and validate one TOML pack, or raise PackError saying where it is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PackError(str(path), f"cannot be read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise PackError(str(path), "is not UTF-8 text") from exc
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(exc))) else 0
        raise PackError(str(path), f"is not valid TOML ({exc})", line=line) from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise _located(path, text, raw, exc) from exc


def _located(path: Path, text: str, raw: dict[str, Any], exc: ValidationError) -> PackError:
    first = exc.errors()[0]
    loc = [str(p) for p in first["loc"] if not str(p).startswith("function-")]
    item, rest = "", list(loc)
    node: Any = raw
    for i, part in enumerate(loc):
        try:
            node = node[int(part)] if isinstance(node, list) else node[part]
        except (KeyError, IndexError, ValueError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            item, rest = node["id"], loc[i + 1 :]
    message = first["msg"].removeprefix("Value error, ")
    if (more := exc.error_count() - 1) > 0:
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    return PackError(
        str(path), message, item=item, field=".".join(rest), line=_line_of(text, item, rest)
    )


def _line_of(text: str, item: str, rest: list[str]) -> int:
    patterns = [rf'^\s*id\s*=\s*"{re.escape(item)}"'] if item else []
    keys = [p for p in rest if not p.isdigit()]
    if not item and keys:
        patterns.append(rf"^\s*\[*\s*{re.escape(keys[0])}\b")
    for pattern in patterns:
        for number, line in enumerate(text.splitlines(), start=1):
            if re.search(pattern, line):
                return number
    return 0


@dataclass(frozen=True)
class Override:
    """An extra pack that replaced the shipped pack with its id: IT's newer scheme pack (or
    agreement), shipped without a new release."""

    kind: str
    pack_id: str
    shipped: str
    version: str
    path: str

    def __str__(self) -> str:
        return (
            f"{self.kind} '{self.pack_id}' {self.version} from {self.path} replaces "
            f"the shipped {self.shipped}"
        )


@dataclass
class Packs:
    """Everything loaded from resources/, with what failed to load."""

    rsq: Questionnaire | None = None
    screening: ScreeningQuestionnaire | None = None
    schemes: dict[str, Scheme] = field(default_factory=dict)
    agreements: dict[str, ParticipationAgreement] = field(default_factory=dict)
    errors: list[PackError] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)
    """The shipped packs IT's extra packs replaced: the self-test says which."""

    def scheme(self, scheme_id: str) -> Scheme:
        try:
            return self.schemes[scheme_id]
        except KeyError:
            known = ", ".join(sorted(self.schemes)) or "none"
            raise PackError(
                f"scheme '{scheme_id}'", f"is not an enabled scheme (enabled: {known})"
            ) from None

    def agreement_for(self, scheme: Scheme) -> ParticipationAgreement:
        return self.agreements[scheme.agreement]

    def questionnaire(self, form: Form) -> Questionnaire | ScreeningQuestionnaire:
        """The RSQ or the DA screening, as loaded."""
        rsq, screening = self.require_questionnaires()
        return rsq if form is Form.RSQ else screening

    def require_questionnaires(self) -> tuple[Questionnaire, ScreeningQuestionnaire]:
        if self.rsq is None or self.screening is None:
            problems = "; ".join(str(e) for e in self.errors) or "questionnaire files missing"
            raise PackError("resources/questionnaires", f"cannot be used: {problems}")
        return self.rsq, self.screening


def load_packs(resources: Path, extra_dirs: Iterable[Path] = ()) -> Packs:
    """Load every pack; one broken file is reported and the rest still load.

    Each extra folder (IT's `extra_packs`) holds scheme packs in `schemes/` and their
    agreements in `agreements/`, laid out like resources/; scheme packs directly in the
    folder are read too. An extra pack with a shipped pack's id and a higher version
    replaces it (IT updates a scheme without a new release); `Packs.overrides` says so.
    """
    extra_dirs = list(extra_dirs)
    packs = Packs()
    questionnaires = resources / "questionnaires"
    try:
        packs.rsq = load_pack(questionnaires / "rsq.toml", Questionnaire)
    except PackError as exc:
        packs.errors.append(exc)
    try:
        packs.screening = load_pack(questionnaires / "da-screening.toml", ScreeningQuestionnaire)
    except PackError as exc:
        packs.errors.append(exc)

    agreement_files = [(p, False) for p in sorted((resources / "agreements").glob("*.toml"))]
    for folder in extra_dirs:
        agreement_files += [(p, True) for p in sorted((folder / "agreements").glob("*.toml"))]
    shipped: set[str] = set()
    for path, extra in agreement_files:
        try:
            agreement = load_pack(path, ParticipationAgreement)
        except PackError as exc:
            packs.errors.append(exc)
            continue
        _place(packs, packs.agreements, agreement, path, extra, shipped, "agreement")

    scheme_files = [(p, False) for p in sorted((resources / "schemes").glob("*.toml"))]
    for folder in extra_dirs:
        scheme_files += [(p, True) for p in sorted((folder / "schemes").glob("*.toml"))]
        scheme_files += [(p, True) for p in sorted(folder.glob("*.toml"))]
    shipped = set()
    for path, extra in scheme_files:
        try:
            scheme = load_pack(path, Scheme)
        except PackError as exc:
            packs.errors.append(exc)
            continue
        if scheme.agreement not in packs.agreements:
            packs.errors.append(
                PackError(str(path), f"agreement '{scheme.agreement}' not found", field="agreement")
            )
            continue
        _place(packs, packs.schemes, scheme, path, extra, shipped, "scheme")
    return packs


class _Versioned(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def version(self) -> str: ...


P = TypeVar("P", bound=_Versioned)


def _place(
    packs: Packs,
    table: dict[str, P],
    pack: P,
    path: Path,
    extra: bool,
    shipped: set[str],
    kind: str,
) -> None:
    """Put `pack` in `table`. An extra pack with a shipped pack's id replaces it when its
    version is higher (once: a second extra with that id is an error, as any other reuse);
    a lower, equal or incomparable version is an error and the shipped pack stays."""
    current = table.get(pack.id)
    if current is None:
        table[pack.id] = pack
        if not extra:
            shipped.add(pack.id)
        return
    if not extra or pack.id not in shipped:
        packs.errors.append(_taken(path, kind, pack.id))
        return
    shipped.discard(pack.id)  # replaced or not, a second extra with this id is an error
    new, old = version_key(pack.version), version_key(current.version)
    if new is None or old is None or new <= old:
        why = (
            "is not newer, so the shipped pack is used"
            if new is not None and old is not None
            else "cannot be compared (numbers and dots, e.g. 2026.2): the shipped pack is used"
        )
        packs.errors.append(
            PackError(
                str(path),
                f"{kind} id '{pack.id}' is already used by the shipped pack, version "
                f"{current.version}; version {pack.version} {why}",
                field="version",
            )
        )
        return
    packs.overrides.append(Override(kind, pack.id, current.version, pack.version, str(path)))
    table[pack.id] = pack


def version_key(version: str) -> tuple[int, ...] | None:
    """'2026.10' -> (2026, 10), trailing zeros dropped ('2026.1.0' is '2026.1'); None for a
    version that is not numbers and dots."""
    if not re.fullmatch(r"\d+(\.\d+)*", version.strip()):
        return None
    numbers = [int(n) for n in version.strip().split(".")]
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


def _taken(path: Path, kind: str, pack_id: str) -> PackError:
    """The second pack with an id is reported and not loaded: never silently replaced."""
    return PackError(
        str(path), f"{kind} id '{pack_id}' is already used by another pack", field="id"
    )
