"""The Participation Agreement with the three signatures: what each side commits to, the
scheme's privacy notice, and who signed when (UK time). The parents keep a copy, so it
prints no hash codes: the text's SHA-256 goes in the PDF's metadata for the gateway."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from rpc_desktop.documents.signature import SignatureDrawing, uk_datetime
from rpc_desktop.documents.styles import FONT, Styles, clean, field_table, markup, para
from rpc_desktop.domain.case import Case, Signature, Signer
from rpc_desktop.domain.packs import PRIVACY_HEADING, ParticipationAgreement
from rpc_desktop.domain.scheme import Scheme

AGREEMENT_TITLE = "Participation Agreement"
BULLET = ParagraphStyle(
    "bullet", parent=Styles.body, leftIndent=14, bulletIndent=3, bulletFontName=FONT
)
NOTICE_HEADING = ParagraphStyle("notice_heading", parent=Styles.question, spaceBefore=4)


def build_agreement(
    case: Case, agreement: ParticipationAgreement, scheme: Scheme
) -> list[Flowable]:
    story: list[Flowable] = [
        markup(clean(agreement.title), Styles.title),
        markup(
            clean(f"Version {agreement.version} · {scheme.name} · case {case.reference}"),
            Styles.subtitle,
        ),
        *agreement_terms(agreement),
        para("Signatures", Styles.h2),
        para(
            f"Each person below was shown this text (version {agreement.version}) on screen "
            "and signed it. Times are UK time (GMT, or BST in summer).",
            Styles.small,
        ),
    ]
    for signer in Signer:
        story.append(KeepTogether(_signature_block(case, signer)))
    story.append(TextFingerprint(agreement, case))
    return story


def agreement_terms(agreement: ParticipationAgreement) -> list[Flowable]:
    """The text parents read and sign, as printed: the introduction, what each side commits
    to, and the privacy notice (the signed agreement and the blank paper form share it)."""
    story: list[Flowable] = [para(text) for text in agreement.paragraphs]
    for heading, lines in agreement.sections():
        story.append(para(heading, Styles.h2))
        story += [bullet(line) for line in lines]
    story.append(para(PRIVACY_HEADING, Styles.h2))
    for heading, texts in agreement.privacy.rows():
        story.append(para(heading, NOTICE_HEADING))
        story += [para(texts[0])] if len(texts) == 1 else [bullet(text) for text in texts]
    return story


def bullet(text: str) -> Paragraph:
    return Paragraph(clean(text), BULLET, bulletText="•")


class TextFingerprint(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """Takes no room and draws nothing: puts the SHA-256 of the text each signer was shown
    in the PDF's Keywords, where a gateway's tools can read it and a parent never sees it.
    The PDF signature covers it like the rest of the file."""

    def __init__(self, agreement: ParticipationAgreement, case: Case) -> None:
        super().__init__()
        signed = [
            f"{signer.value} {signature.text_sha256}"
            for signer in Signer
            if (signature := case.signature(signer)) is not None
        ]
        self.keywords = f"agreement-text-sha256 {agreement.sha256}; " + "; ".join(
            signed or ["not signed"]
        )

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.setKeywords(self.keywords)


def _default_name(case: Case, signer: Signer) -> str:
    return {
        Signer.PARENT_A: case.parent_a.name,
        Signer.PARENT_B: case.parent_b.name,
        Signer.LINK_WORKER: case.referrer.name,
    }[signer]


def _signature_block(case: Case, signer: Signer) -> list[Flowable]:
    signature = case.signature(signer)
    block: list[Flowable] = [Spacer(1, 6), para(signer.label, Styles.h2)]
    if signature is None:
        follow_up = next((f for f in case.follow_ups if f.signer is signer), None)
        note = (
            f"Not signed at the visit: {follow_up.reason} (recorded "
            f"{uk_datetime(follow_up.recorded_at)})."
            if follow_up
            else "Not signed."
        )
        block += [SignatureDrawing(None), field_table([("Name", _default_name(case, signer))])]
        block.append(para(note, Styles.small))
        return block
    rows: list[tuple[str, object]] = [
        ("Name", signature.name),
        ("Role", signature.role),
        ("Signed", uk_datetime(signature.signed_at)),
    ]
    block.append(SignatureDrawing(signature))
    if signature.typed:
        block.append(markup(typed_line(signature), Styles.body))
        rows += [
            ("How", "Typed, given in person"),
            ("Name as typed", signature.typed_name),
            ("Attested by", signature.attested_by),
        ]
    rows.append(("Text signed", f"Version {signature.agreement_version or 'not recorded'}"))
    block.append(field_table(rows))
    return block


def typed_line(signature: Signature) -> str:
    """The line under a typed signature (markup, user parts escaped): what it is and who
    vouches for it."""
    return (
        "<b>Typed signature</b>, given in person — attested by "
        f"{clean(signature.attested_by)} on {clean(uk_datetime(signature.signed_at))}"
    )
