"""The Participation Agreement with the three signatures."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer

from rpc_desktop.documents.signature import SignatureDrawing
from rpc_desktop.documents.styles import Styles, clean, field_table, markup, para
from rpc_desktop.domain.case import Case, Signature, Signer
from rpc_desktop.domain.dates import long_datetime
from rpc_desktop.domain.scheme import Agreement, Scheme

AGREEMENT_TITLE = "Participation Agreement"


def build_agreement(case: Case, agreement: Agreement, scheme: Scheme) -> list[Flowable]:
    story: list[Flowable] = [
        markup(clean(agreement.title), Styles.title),
        markup(
            clean(f"Version {agreement.version} · {scheme.name} · case {case.reference}"),
            Styles.subtitle,
        ),
    ]
    story += [para(text) for text in agreement.paragraphs]
    story.append(para("Signatures", Styles.h2))
    story.append(
        para(
            "Each person below was shown the text above on screen and signed it. The text's "
            f"SHA-256 fingerprint is {agreement.sha256}.",
            Styles.small,
        )
    )
    for signer in Signer:
        story.append(KeepTogether(_signature_block(case, signer)))
    return story


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
            f"{long_datetime(follow_up.recorded_at)})."
            if follow_up
            else "Not signed."
        )
        block += [SignatureDrawing(None), field_table([("Name", _default_name(case, signer))])]
        block.append(para(note, Styles.small))
        return block
    rows: list[tuple[str, object]] = [
        ("Name", signature.name),
        ("Role", signature.role),
        ("Signed", long_datetime(signature.signed_at)),
    ]
    block.append(SignatureDrawing(signature))
    if signature.typed:
        block.append(markup(typed_line(signature), Styles.body))
        rows += [
            ("How", "Typed, given in person"),
            ("Name as typed", signature.typed_name),
            ("Attested by", signature.attested_by),
        ]
    rows.append(("Text signed (SHA-256)", signature.text_sha256))
    block.append(field_table(rows))
    return block


def typed_line(signature: Signature) -> str:
    """The line under a typed signature (markup, user parts escaped): what it is and who
    vouches for it."""
    return (
        "<b>Typed signature</b>, given in person — attested by "
        f"{clean(signature.attested_by)} on {clean(long_datetime(signature.signed_at))}"
    )
