"""Blank paper forms for when a laptop dies mid-visit: the RSQ of each variant a scheme uses,
with room to write and boxes to tick, and the Participation Agreement with lines to sign on.
They carry the same wording and versions as the app, so what is written can be typed in
afterwards. The DA screening is never on paper: it is asked of each parent alone."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from rpc_desktop.documents.agreement_pdf import agreement_terms
from rpc_desktop.documents.styles import FONT_BOLD, RULE, Styles, clean, markup, para, render
from rpc_desktop.domain.case import Signer, Variant
from rpc_desktop.domain.packs import Packs, ParticipationAgreement
from rpc_desktop.domain.questionnaire import (
    DECLINED_LABEL,
    Item,
    ItemType,
    Questionnaire,
)
from rpc_desktop.domain.scheme import Scheme
from rpc_desktop.errors import BundleError

BOX = "☐"
LINE_GAP = 8 * mm
TEXT_WIDTH = 170 * mm
OPTION = ParagraphStyle("option", parent=Styles.cell, fontSize=9.5, leading=12)
HINT = ParagraphStyle("hint", parent=Styles.small, leftIndent=10, spaceAfter=2)
BLANK_REFERENCE = "blank form"
PLACEHOLDERS = {"{child}": "[child]", "{other_parent}": "[other parent]"}


@dataclass(frozen=True)
class BlankForm:
    file_name: str
    title: str
    story: list[Flowable]


def blank_forms(
    packs: Packs, scheme: Scheme, variants: list[Variant] | None = None
) -> list[BlankForm]:
    """The scheme's blank RSQ for each of its variants (or those asked for), then its
    blank agreement."""
    rsq, _screening = packs.require_questionnaires()
    chosen = [v for v in scheme.variants if variants is None or v in variants]
    forms = [
        BlankForm(
            f"blank-rsq-{scheme.id}-{variant.value}.pdf",
            f"Blank RSQ – {variant.label}",
            build_blank_rsq(rsq, scheme, variant),
        )
        for variant in chosen
    ]
    forms.append(
        BlankForm(
            f"blank-participation-agreement-{scheme.id}.pdf",
            "Blank Participation Agreement",
            build_blank_agreement(packs.agreement_for(scheme), scheme),
        )
    )
    return forms


def write_blank_forms(
    packs: Packs,
    scheme: Scheme,
    out: Path,
    *,
    fonts_dir: Path,
    variants: list[Variant] | None = None,
) -> list[Path]:
    """Write the forms into `out`; nothing is written if any file is there already, and
    nothing is left half-written."""
    forms = blank_forms(packs, scheme, variants)
    targets = [out / form.file_name for form in forms]
    if taken := [t for t in targets if t.exists()]:
        raise BundleError(
            f"{taken[0]} already exists; choose another folder or move the old forms. "
            "Nothing was written."
        )
    pdfs = [
        render(form.story, title=form.title, reference=scheme.name, fonts_dir=fonts_dir)
        for form in forms
    ]
    written: list[Path] = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for target, data in zip(targets, pdfs, strict=True):
            with target.open("xb") as handle:
                written.append(target)
                handle.write(data)
    except OSError as exc:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        raise BundleError(
            f"Cannot write the blank forms in {out}: {exc.strerror or exc}. Nothing was kept."
        ) from exc
    return targets


# --- the RSQ ---------------------------------------------------------------------------


def build_blank_rsq(
    questionnaire: Questionnaire, scheme: Scheme, variant: Variant
) -> list[Flowable]:
    story: list[Flowable] = [
        markup(clean(f"{questionnaire.title} – blank form"), Styles.title),
        markup(
            clean(
                f"{scheme.name} ({scheme.region}) · {variant.label} · questionnaire version "
                f"{questionnaire.version}"
            ),
            Styles.subtitle,
        ),
        para(
            "For when the app cannot be used. Use one copy for each parent, who answers on "
            "their own. Read each question as written, putting in the child's and the other "
            "parent's names, and tick or write the answer; questions marked “if …” are asked "
            "only when that earlier answer was given. Type the answers into the app "
            "afterwards; the questions and their order are the same.",
            Styles.small,
        ),
        para(
            "The domestic abuse screening is not on this form. Ask it of each parent alone, "
            "before this conversation, and never write the answers here.",
            Styles.small,
        ),
        write_in(
            [
                ("Parent", f"{BOX} Parent A    {BOX} Parent B", 8),
                ("Parent's name", "", 8),
                ("Case reference", "", 8),
                ("Practitioner", "", 8),
                ("Date", "", 8),
            ]
        ),
    ]
    items = [i for i in questionnaire.items() if i.applies_to(variant)]
    numbers = {item.id: n for n, item in enumerate(items, start=1)}
    by_id = {item.id: item for item in questionnaire.items()}
    for section in questionnaire.sections:
        asked = [i for i in section.items if i.id in numbers]
        if not asked:
            continue
        story += [CondPageBreak(50 * mm), para(section.title, Styles.h2)]
        if section.intro:
            story.append(para(section.intro, Styles.small))
        for item in asked:
            story.append(KeepTogether(_question(item, numbers, by_id)))
    story.append(para("Completed with the parent on their own.", Styles.h2))
    story.append(write_in([("Practitioner's signature", "", 14), ("Date", "", 8)]))
    return story


def question_text(item: Item) -> str:
    text = item.text
    for placeholder, shown in PLACEHOLDERS.items():
        text = text.replace(placeholder, shown)
    return text


def _question(item: Item, numbers: dict[str, int], by_id: dict[str, Item]) -> list[Flowable]:
    block: list[Flowable] = [para(f"{numbers[item.id]}. {question_text(item)}", Styles.question)]
    condition = item.show_if
    if condition is not None and (parent := by_id.get(condition.item)) is not None:
        answers = " or ".join(f"“{parent.display(v)}”" for v in condition.values)
        where = f"question {numbers[parent.id]}" if parent.id in numbers else "an earlier question"
        block.append(para(f"Ask only if the answer to {where} was {answers}.", HINT))
    block += _answer_space(item)
    return block


def _answer_space(item: Item) -> list[Flowable]:
    decline = [DECLINED_LABEL] if item.offers_decline else []
    match item.type:
        case ItemType.SINGLE | ItemType.MULTI:
            how = "Tick all that apply." if item.type is ItemType.MULTI else "Tick one."
            return [para(how, HINT), tick_boxes([o.label for o in item.options] + decline)]
        case ItemType.YESNO:
            return [tick_boxes(["Yes", "No", *decline], columns=4)]
        case ItemType.SCALE:
            assert item.scale is not None
            low, high = item.scale.min, item.scale.max
            ends = [f"{low} = {item.scale.min_label}", f"{high} = {item.scale.max_label}"]
            shown = "; ".join(e for e in ends if not e.endswith("= "))
            space: list[Flowable] = [para(f"Tick one number. {shown}".strip(), HINT)]
            numbers = [str(n) for n in range(low, high + 1)]
            return [*space, tick_boxes(numbers, columns=len(numbers)), *_decline(decline)]
        case ItemType.DATE:
            when = "____ / ____ / ________  (day / month / year)"
            return [write_in([("Date", when, 8)]), *_decline(decline)]
    return [RuledLines(3), *_decline(decline)]


def _decline(decline: list[str]) -> list[Flowable]:
    return [tick_boxes(decline, columns=1)] if decline else []


def tick_boxes(labels: list[str], columns: int = 2) -> Table:
    """Each label after an empty box, `columns` to a row (fewer when labels are long)."""
    if columns == 2 and max(len(label) for label in labels) > 40:
        columns = 1
    cells = [Paragraph(f"{BOX} {clean(label)}", OPTION) for label in labels]
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    rows[-1] += [""] * (columns - len(rows[-1]))
    width = (TEXT_WIDTH - 10 * mm) / columns
    table = Table(rows, colWidths=[width] * columns, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def write_in(rows: Sequence[tuple[str, str, float]]) -> Table:
    """Label, what is printed in the space (often nothing) and the space's height in mm:
    each space ends in a line to write on."""
    data = [[label, Paragraph(clean(text), OPTION) if text else ""] for label, text, _ in rows]
    table = Table(
        data,
        colWidths=[48 * mm, 122 * mm],
        rowHeights=[height * mm for _, _, height in rows],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (0, -1), FONT_BOLD, 9),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, RULE),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


class RuledLines(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """Lines to write an answer on."""

    def __init__(self, count: int, width: float = TEXT_WIDTH - 10 * mm) -> None:
        super().__init__()
        self.count = count
        self.width = width
        self.height = count * LINE_GAP

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        for n in range(self.count):
            canvas.line(10, n * LINE_GAP, self.width, n * LINE_GAP)
        canvas.restoreState()


# --- the agreement ---------------------------------------------------------------------


def build_blank_agreement(agreement: ParticipationAgreement, scheme: Scheme) -> list[Flowable]:
    story: list[Flowable] = [
        markup(clean(agreement.title), Styles.title),
        markup(
            clean(f"Version {agreement.version} · {scheme.name} · blank form to sign on paper"),
            Styles.subtitle,
        ),
        para(
            "For when the agreement cannot be signed in the app. Read it through with both "
            "parents; each person signs and writes the date and the time (UK time). Give the "
            "parents a copy, and keep the signed form with the referral.",
            Styles.small,
        ),
        write_in([("Case reference", "", 8)]),
        Spacer(1, 4 * mm),
        *agreement_terms(agreement),
        para("Signatures", Styles.h2),
        para(
            f"By signing, each person below agrees to the text above (version "
            f"{agreement.version}).",
            Styles.small,
        ),
    ]
    for signer in Signer:
        rows = [("Name", "", 8), ("Signature", "", 16), ("Date and time", "", 8)]
        if signer is Signer.LINK_WORKER:
            rows.insert(1, ("Role and organisation", "", 8))
        story.append(KeepTogether([para(signer.label, Styles.h2), write_in(rows)]))
    return story
