"""Importing a sealed bundle for review next to hashing the same files, in the same run.

Ours: what the team lead's Import does before anything is shown — read the file once, check
the zip, the Ed25519 seal, every BagIt hash, the content fingerprint and each PDF's PAdES
signature — then keep the bundle in the encrypted store and write the audit entry.
Baseline: read the same file, unzip it in memory and SHA-256 every member. No goal is set
by the issue; the ratio shows what the checks cost over bare hashing.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
import time
import zipfile
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import interleaved, report

from rpc_desktop.app import paths, review
from rpc_desktop.documents.bundle import build_bundle
from rpc_desktop.documents.device import one_off_device
from rpc_desktop.documents.pades import check_pdf_signatures
from rpc_desktop.domain.casefile import read_case
from rpc_desktop.domain.packs import load_packs
from rpc_desktop.store.keys import KdfParams
from rpc_desktop.store.reviews import remove_review
from rpc_desktop.store.store import Store

RES = paths.resources_dir()
WORK = Path(tempfile.mkdtemp(prefix="rpc-bench-review-"))
PRACTITIONER = one_off_device()
BUNDLE = build_bundle(
    read_case(RES / "demo" / "case.json"),
    load_packs(RES),
    WORK / "out",
    PRACTITIONER,
    fonts_dir=RES / "fonts",
).file
LEAD = Store.create(WORK / "lead", "benchmark passphrase", kdf=KdfParams(2, 8 * 1024, 1))
TRUSTED = {PRACTITIONER.fingerprint}
LEAD_DEVICE = one_off_device()


def ours() -> None:
    check = review.check_bundle_file(BUNDLE, TRUSTED, LEAD_DEVICE)
    assert check.status.value == "intact", check.problems
    review_id = review.import_bundle(LEAD, check)
    with LEAD.transaction() as conn:  # the same file again next round
        remove_review(conn, review_id)


def baseline() -> None:
    data = BUNDLE.read_bytes()
    with zipfile.ZipFile(BytesIO(data)) as zf:
        for info in zf.infolist():
            hashlib.sha256(zf.read(info)).hexdigest()


if __name__ == "__main__":
    try:
        size = BUNDLE.stat().st_size
        print(
            f"bundle file: {size / 1024:.0f} KiB, {len(zipfile.ZipFile(BUNDLE).infolist())} files"
        )
        a, b = interleaved(ours, baseline, rounds=15)
        report("import and verify a bundle vs unzip and hash it", a, b)
        verify_only, pdf_checks = [], []
        contents = review.check_bundle_file(BUNDLE, TRUSTED, LEAD_DEVICE).contents
        assert contents is not None
        pdfs = contents.pdfs.values()
        cert = PRACTITIONER.pdf.certificate_sha256
        for _ in range(15):
            t = time.perf_counter()
            review.check_bundle_file(BUNDLE, TRUSTED, LEAD_DEVICE)
            verify_only.append(time.perf_counter() - t)
            t = time.perf_counter()
            for pdf in pdfs:
                check_pdf_signatures(pdf, expected_certificate_sha256=cert)
            pdf_checks.append(time.perf_counter() - t)
        report("verify only (no store) vs unzip and hash it", verify_only, b)
        report("  of which the four PDF signatures (pyHanko)", pdf_checks, b)
    finally:
        LEAD.close(backup=False)
        shutil.rmtree(WORK, ignore_errors=True)
