"""Save a PNG of every screen and wizard page, for people to look at (`make screenshots`).

Uses a throwaway data folder with the demo family; runs offscreen.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

OUT = ROOT / "screenshots"
DOCS = ROOT / "docs" / "images"
FOR_THE_GUIDE = (
    "first-run",
    "case-list",
    "wizard-scheme",
    "wizard-referrer",
    "wizard-parents",
    "wizard-plan",
    "wizard-handover-b",
    "wizard-screening-a",
    "wizard-screening-open",
    "wizard-rsq-a-relationship",
    "wizard-rsq-a-conflict",
    "wizard-agreement",
    "wizard-agreement-typed",
    "touch-1024-parents",
    "touch-1024-rsq",
    "dark-rsq",
    "wizard-review",
    "quick-hide",
    "team-lead-inbox",
    "team-lead-review-decision",
    "case-list-due",
    "after-sending",
    "figures",
)
"""The screens docs/user-guide.md shows; copied to docs/images/ on every run."""
PASSPHRASE = "screenshots passphrase"  # noqa: S105 - a throwaway store


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="rpc-shots-"))
    app = QApplication.instance() or QApplication(sys.argv)

    from rpc_desktop.app.context import AppContext
    from rpc_desktop.app.settings import Profile
    from rpc_desktop.app.workspace import Workspace
    from rpc_desktop.domain.casefile import read_case
    from rpc_desktop.domain.roles import AppRole
    from rpc_desktop.gui import style
    from rpc_desktop.gui.main_window import MainWindow
    from rpc_desktop.store.keys import KdfParams

    style.install(app, touch=False, points=app.font().pointSizeF())
    throwaway = KdfParams(2, 8 * 1024, 1)  # a throwaway store: no need for a slow key

    def context(folder: Path) -> AppContext:
        return AppContext.load(home=folder, kdf=lambda: throwaway)

    OUT.mkdir(exist_ok=True)
    window = MainWindow(context(home))
    window.resize(1280, 860)
    window.show()
    shots = 0

    def shot(name: str) -> None:
        nonlocal shots
        for _ in range(3):  # a page just shown settles its layout over a few turns
            app.processEvents()
        window.grab().save(str(OUT / f"{shots:02d}-{name}.png"))
        if name in FOR_THE_GUIDE:
            DOCS.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(DOCS / f"{name}.png"))
        shots += 1

    shot("first-run")
    demo = read_case(window.context.resources / "demo" / "case.json")
    workspace = Workspace.create(window.context, PASSPHRASE, actor="Demo")
    workspace.store.add_case(demo, page="scheme")
    workspace.close(backup=False)
    window.close()
    window = MainWindow(context(home))
    window.resize(1280, 860)
    window.show()
    shot("unlock")
    window.opened(Workspace.open(window.context, PASSPHRASE))
    shot("case-list")
    window.open_case("RPC-DEMO-0001", "scheme")
    assert window.host is not None
    wizard = window.host.wizard
    seen = set()
    while True:
        step = wizard.current_step()
        if step.id in seen:
            break
        seen.add(step.id)
        shot(f"wizard-{step.id}")
        if wizard.nextId() == -1:
            break
        wizard.next()
    assert demo.screening_a is not None
    flagged = demo.model_copy(
        update={
            "reference": "RPC-DEMO-0002",
            "screening_a": demo.screening_a.model_copy(
                update={"answers": {**demo.screening_a.answers, "phone-checking": "often"}}
            ),
        }
    )
    assert window.workspace is not None
    window.workspace.store.add_case(flagged, page="da-stop")
    window.open_case("RPC-DEMO-0002")
    shot("wizard-da-stop-oversight")
    visit(app, window, demo, shot)
    after_sending(app, window, demo, shot)
    window.lock(hide=True)
    shot("quick-hide")
    window.close()

    # The team lead's side: a bundle sent for review, imported on another laptop.
    import time

    lead_context = context(Path(tempfile.mkdtemp(prefix="rpc-shots-lead-")))
    lead_context.save_settings(
        profile=Profile(name="Morgan Lead", role="Team lead", email="m.lead@example.org"),
        role=AppRole.TEAM_LEAD,
    )
    lead = Workspace.create(lead_context, PASSPHRASE, actor="Lead")
    handover = Path(tempfile.mkdtemp(prefix="rpc-shots-handover-"))
    practitioner_context = context(home)
    practitioner = Workspace.open(practitioner_context, PASSPHRASE)
    offer = practitioner.read_key_offer(lead.save_key_file(handover))
    practitioner.trust_key_offer(offer, AppRole.TEAM_LEAD, "Morgan Lead")
    shared = home / "shared"
    shared.mkdir()
    sent = practitioner.send_for_review("RPC-DEMO-0001", shared)
    practitioner_key = practitioner.device.fingerprint
    practitioner.close(backup=False)
    lead.store.trust_key(practitioner_key, AppRole.PRACTITIONER, "Riverside Early Help laptop")
    window = MainWindow(lead_context)
    window.resize(1280, 860)
    window.show()
    window.opened(lead)
    shot("team-lead-inbox-empty")
    window.inbox.import_file(sent.file)
    deadline = time.monotonic() + 30
    while window.review is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    assert window.review is not None, window.inbox.ui.message.text()
    for _ in range(20):  # let the PDF views render their pages
        app.processEvents()
        time.sleep(0.02)
    shot("team-lead-review-rsq")
    window.review.ui.documents.setCurrentIndex(3)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)
    shot("team-lead-review-summary")
    window.review.ui.comment.setPlainText("Please add the focus child's school contact.")
    bar = window.review.ui.side.verticalScrollBar()
    bar.setValue(bar.maximum())  # the decision: name, comments, signature, the two buttons
    shot("team-lead-review-decision")
    window.show_list()
    window.inbox.ui.statusFilter.setCurrentIndex(1)
    shot("team-lead-inbox")
    window.close()
    print(f"saved {shots} screenshots in {OUT}")


def after_sending(app, window, demo, shot) -> None:  # type: ignore[no-untyped-def]
    """Issue 14's screens: the case list with what is due and overdue, a sent referral's
    steps in the After sending dialog, and the Figures screen."""
    from datetime import UTC, date, datetime, time, timedelta

    from rpc_desktop.app import figures
    from rpc_desktop.domain.progress import Happened
    from rpc_desktop.domain.status import CaseStatus

    workspace = window.workspace
    window.show_list()
    sent_on = date.today() - timedelta(days=21)
    for n, status in ((4, CaseStatus.SENT), (5, CaseStatus.RETURNED)):
        reference = f"RPC-DEMO-000{n}"
        workspace.store.add_case(demo.model_copy(update={"reference": reference}))
        moves = [CaseStatus.READY_FOR_REVIEW, status]
        if status is CaseStatus.SENT:
            moves = [CaseStatus.READY_FOR_REVIEW, CaseStatus.APPROVED, CaseStatus.SENT]
        for to in moves:
            at = datetime.combine(sent_on, time(12), tzinfo=UTC)
            workspace.store.set_status(reference, to, "Please check the dates.", sent_at=at)
    figures.record_progress(
        workspace, "RPC-DEMO-0004", Happened.GATEWAY_ACKNOWLEDGED, sent_on + timedelta(days=1)
    )
    window.cases.attach(workspace)
    shot("case-list-due")
    dialog = window.cases.open_after_sending("RPC-DEMO-0004")
    assert dialog is not None
    for _ in range(3):
        app.processEvents()
    dialog.grab().save(str(OUT / "after-sending.png"))
    DOCS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(DOCS / "after-sending.png"))
    dialog.close()
    window.show_figures()
    referred = demo.referral_date or date.today()
    window.figures.view.period.set_custom(referred - timedelta(days=90), referred)
    shot("figures")
    window.show_list()


def visit(app, window, demo, shot) -> None:  # type: ignore[no-untyped-def]
    """Issue 12's screens: a screening open with its parent alone, a typed signature, touch
    mode at 1024x768, and the dark palette."""
    from rpc_desktop.app.settings import DisplayMode, TextSize
    from rpc_desktop.domain.case import Signer, VisitOrder
    from rpc_desktop.gui import colours, display

    assert demo.screening_a is not None and window.workspace is not None
    visiting = demo.model_copy(
        update={
            "reference": "RPC-DEMO-0003",
            "visit_order": VisitOrder.EACH_IN_TURN,
            "screening_a": demo.screening_a.model_copy(update={"completed": False}),
            "signatures": [],
        }
    )
    window.workspace.store.add_case(visiting, page="handover-a")
    window.open_case("RPC-DEMO-0003")
    wizard = window.host.wizard
    wizard.currentPage().alone.click()
    wizard.next()
    shot("wizard-screening-open")
    wizard.go_to("agreement")
    page = wizard.currentPage()
    typed = page.choices[Signer.PARENT_A]
    typed.choose_typing(True)
    typed.typed.name_edit.setText(demo.parent_a.name)
    typed.typed.attest.setChecked(True)
    shot("wizard-agreement-typed")
    display.apply_display(app, DisplayMode.ON, TextSize.NORMAL)
    window.resize(1024, 768)
    wizard.go_to("parents")
    shot("touch-1024-parents")
    wizard.go_to("rsq-a-relationship")
    shot("touch-1024-rsq")
    display.apply_display(app, DisplayMode.OFF, TextSize.NORMAL)
    window.resize(1280, 860)
    app.setPalette(colours.dark_palette())
    display.apply_display(app, DisplayMode.OFF, TextSize.NORMAL)
    shot("dark-rsq")
    app.setPalette(app.style().standardPalette())
    display.apply_display(app, DisplayMode.OFF, TextSize.NORMAL)


if __name__ == "__main__":
    main()
