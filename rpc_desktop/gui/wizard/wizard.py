"""The referral wizard: a real QWizard whose page order comes from the Flow."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QWidget, QWizard

from rpc_desktop.domain.flow import Kind, Step
from rpc_desktop.gui.session import CaseSession
from rpc_desktop.gui.wizard.base import StepPage
from rpc_desktop.gui.wizard.detail_pages import (
    ChildrenPage,
    ParentsPage,
    PriorPage,
    ReferrerPage,
    SchemePage,
)
from rpc_desktop.gui.wizard.final_pages import AgreementPage, EligibilityPage
from rpc_desktop.gui.wizard.panel import EligibilityPanel
from rpc_desktop.gui.wizard.question_pages import DaStopPage, RsqSectionPage, ScreeningPage
from rpc_desktop.gui.wizard.review_page import ReviewPage

WARM_DELAY_MS = 150


class ReferralWizard(QWizard):
    def __init__(self, session: CaseSession, enabled_schemes: list[str] | None = None) -> None:
        super().__init__()
        self.session = session
        self.setWindowFlags(Qt.WindowType.Widget)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveFinishButtonOnEarlyPages, False)
        # Enter in a field must not turn the page (or close the case): no default button.
        self.setOption(QWizard.WizardOption.NoDefaultButton, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Close")
        self._ids: dict[str, int] = {}
        self._steps: dict[int, Step] = {}
        rsq, screening = session.packs.require_questionnaires()
        schemes = [
            (s.id, f"{s.name} ({s.region})")
            for s in session.packs.schemes.values()
            if not enabled_schemes or s.id in enabled_schemes or s.id == session.case.scheme_id
        ]
        gate = screening.gate
        gate_texts = (gate.alone.text, gate.safe_to_talk.text, gate.safe_contact.text)
        for number, step in enumerate(session.flow.steps):
            page = self._page(step, schemes, gate_texts, rsq, screening)
            page._session = session
            self.setPage(number, page)
            self._ids[step.id] = number
            self._steps[number] = step
        self.setStartId(self._ids["scheme"])
        self._resume_to = session.page
        self._warm = QTimer(self)
        self._warm.setSingleShot(True)
        self._warm.setInterval(WARM_DELAY_MS)
        self._warm.timeout.connect(self._prepare_next)
        self.currentIdChanged.connect(self._page_changed)

    def _page_changed(self, page_id: int) -> None:
        """Every page reached, forwards or back, is where the case resumes."""
        if page_id in self._steps:
            self.session.set_page(self._steps[page_id].id)
        self._warm.start()

    def resume(self) -> None:
        """Walk from the first page to the saved one, so Back works as if the practitioner
        had never stopped; stop early where the flow now ends (say at oversight)."""
        target = self._resume_to
        self.restart()
        for _ in range(len(self._steps)):
            if self._steps[self.currentId()].id == target or self.nextId() == -1:
                break
            self.next()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.ignore()  # Esc must not close the case
            return
        super().keyPressEvent(event)

    def _prepare_next(self) -> None:
        """While the practitioner reads a page, style and lay out the next one, so turning
        to it does not pay for its first show (a page of questions has ~100 widgets)."""
        current = self.currentId()
        if current < 0:
            return
        following = self.next_page_id(self._steps[current].id)
        page = self.page(following) if following >= 0 else None
        if page is not None:
            page.ensurePolished()
            page.resize(self.currentPage().size())
            for layout in (page.layout(), getattr(page, "body", None)):
                if layout is not None:
                    layout.activate()
            page.grab()  # paints it once off screen: text layouts and glyphs are cached

    def _page(self, step: Step, schemes, gate_texts, rsq, screening) -> StepPage:  # type: ignore[no-untyped-def]
        match step.kind:
            case Kind.SCHEME:
                return SchemePage(step, schemes)
            case Kind.REFERRER:
                return ReferrerPage(step)
            case Kind.PARENTS:
                return ParentsPage(step)
            case Kind.CHILDREN:
                return ChildrenPage(step)
            case Kind.PRIOR:
                return PriorPage(step)
            case Kind.SCREENING:
                return ScreeningPage(step, gate_texts, list(screening.items))
            case Kind.DA_STOP:
                return DaStopPage(step)
            case Kind.RSQ:
                section = next(s for s in rsq.sections if s.id == step.section)
                return RsqSectionPage(step, list(section.items), section.intro)
            case Kind.ELIGIBILITY:
                page = EligibilityPage(step)
                page.go_to.connect(self.go_to)
                return page
            case Kind.AGREEMENT:
                return AgreementPage(step)
            case Kind.REVIEW:
                return ReviewPage(step)
        raise AssertionError(step.kind)  # pragma: no cover

    def next_page_id(self, current: str) -> int:
        session = self.session
        step = session.flow.next_step(current, session.case, session.scheme)
        return -1 if step is None else self._ids[step.id]

    def current_step(self) -> Step:
        return self._steps[self.currentId()]

    def go_to(self, step_id: str) -> None:
        """Jump to a page (from the eligibility list), keeping Back sensible."""
        if step_id not in self._ids:
            prefix = [s for s in self._ids if s.startswith(step_id)]
            if not prefix:
                return
            step_id = prefix[0]
        target = self._ids[step_id]
        while self.currentId() != target and self.visitedIds() and target in self.visitedIds():
            self.back()
        if self.currentId() != target:
            self.setStartId(target)
            self.restart()


class WizardHost(QWidget):
    """The wizard with the live eligibility panel beside it."""

    closed = Signal()

    def __init__(self, session: CaseSession, enabled_schemes: list[str] | None = None) -> None:
        super().__init__()
        self.session = session
        layout = QHBoxLayout(self)
        self.wizard = ReferralWizard(session, enabled_schemes)
        self.panel = EligibilityPanel(session)
        self.panel.setMaximumWidth(320)
        layout.addWidget(self.wizard, 1)
        layout.addWidget(self.panel)
        self.wizard.finished.connect(lambda _r: self.closed.emit())
        self.wizard.resume()

    def release(self) -> None:
        """Before the wizard goes: pages let go of what they hold outside themselves (the
        review page's preview window)."""
        for page in self.wizard.findChildren(ReviewPage):
            page.forget()
