"""The referral wizard: a real QWizard whose page order comes from the Flow."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QMoveEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QWidget, QWizard

from rpc_desktop.domain.flow import Kind, Step
from rpc_desktop.gui import collector
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
from rpc_desktop.gui.wizard.question_pages import DaStopPage, QuestionsMixin, RsqSectionPage
from rpc_desktop.gui.wizard.review_page import ReviewPage
from rpc_desktop.gui.wizard.screening_page import ScreeningPage
from rpc_desktop.gui.wizard.step_list import StepList
from rpc_desktop.gui.wizard.visit_pages import HandoverPage, PlanPage

WARM_DELAY_MS = 150
STEPS_WIDTH = 230
GUIDANCE_KEY = "Ctrl+G"


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
        self.walking = False
        """Passing through pages on the way to another (see StepPage.initializePage)."""
        self._shown = -1
        self._prepared: dict[int, QSize] = {}
        """Pages laid out and painted off screen, and at what size (_prepare_next)."""
        self._shelf = QWidget(self)
        """Where far pages' bodies wait (StepPage.shelve), hidden, painting nothing."""
        self._shelf.hide()
        self._shelf.setUpdatesEnabled(False)
        rsq, screening = session.packs.require_questionnaires()
        schemes = [
            (s.id, f"{s.name} ({s.region})")
            for s in session.packs.schemes.values()
            if not enabled_schemes or s.id in enabled_schemes or s.id == session.case.scheme_id
        ]
        gate = screening.gate
        gate_texts = (
            gate.alone.text,
            gate.safe_to_talk.text,
            gate.safe_contact.text,
            gate.interpreter.text,
        )
        for number, step in enumerate(session.flow.steps):
            page = self._page(step, schemes, gate_texts, rsq, screening)
            page._session = session
            if isinstance(page, QuestionsMixin):
                session.guidance_shown.connect(page.show_guidance)
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
        session.changed.connect(self._warm.start)  # the next page shows the latest answers
        self.guidance_action = QAction("Hide or show the guidance", self)
        self.guidance_action.setShortcut(QKeySequence(GUIDANCE_KEY))
        self.guidance_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.guidance_action.triggered.connect(lambda: session.show_guidance(not session.guidance))
        self.addAction(self.guidance_action)

    stepped = Signal(str)
    """The current step changed (forwards, Back or a jump): its id."""

    def _page_changed(self, page_id: int) -> None:
        """Every page reached, forwards or back, is where the case resumes. The page left
        lets go of what it showed (a screening folds); the page shown fills itself if it was
        only passed on the way."""
        if self.walking or page_id not in self._steps:
            return
        collector.page_turned()
        step = self._steps[page_id]
        if step.slot is not self.session.with_parent and step.kind is not Kind.HANDOVER:
            # Wherever the practitioner goes that is not that parent's part (the other
            # parent's, the stop, eligibility…), they are with nobody confirmed any more.
            self.session.hand_over(None)
        page = self.page(page_id)
        if not page.updatesEnabled():
            page.setUpdatesEnabled(True)  # see _prepare_next
        if self._shown != page_id:
            left = self.page(self._shown) if self._shown >= 0 else None
            if isinstance(left, StepPage):
                left.left()
            self._shown = page_id
        if isinstance(page, StepPage):
            page.shown()
        self.session.set_page(self._steps[page_id].id)
        self.stepped.emit(self._steps[page_id].id)
        self._warm.start()

    def initializePage(self, page_id: int) -> None:
        """Before a page is shown going forwards (resume and jumps go forwards too; Back
        returns to a page shown before): its scroll area is made if it was not yet."""
        self._near(page_id)
        super().initializePage(page_id)

    def cleanupPage(self, page_id: int) -> None:
        """Back, before the page gone back to shows: its body is in it."""
        history = self.visitedIds()
        if len(history) > 1:
            self._near(history[-2])
        super().cleanupPage(page_id)

    def _near(self, page_id: int) -> None:
        """The page is about to show or to be prepared: its scroll area made and in it."""
        page = self.page(page_id)
        if isinstance(page, StepPage):
            page.ensure_scroll()
            if page.unshelve():
                self._prepared.pop(page_id, None)

    def resume(self) -> None:
        """Walk from the first page to the saved one, so Back works as if the practitioner
        had never stopped; stop early where the flow now ends (say at oversight)."""
        self._walk_to(self._resume_to)

    def _walk_to(self, target: str) -> None:
        """From the first page along the flow to `target` (or as far as the flow goes):
        Back then retraces the flow. Pages passed are not filled (nor shown)."""
        self.walking = True
        try:
            self.restart()
            for _ in range(len(self._steps)):
                if self._steps[self.currentId()].id == target or self.nextId() == -1:
                    break
                self.next()
        finally:
            self.walking = False
        self._page_changed(self.currentId())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.ignore()  # Esc must not close the case
            return
        super().keyPressEvent(event)

    def _prepare_next(self) -> None:
        """While the practitioner reads a page, style, lay out and fill the next one, so
        turning to it does not pay for its first show (a page of questions has ~100
        widgets). Pages neither shown nor next stop taking part in repaints: QWizard
        switches updates off and on over every page at each turn. Pages not near (shown,
        next, or the one Back goes to) put their bodies on the shelf: QWizard also hides and
        shows the pages' container twice a turn, and Qt walks every widget under it."""
        current = self.currentId()
        if current < 0:
            return
        try:
            self._prepare(current)
        finally:
            collector.collect_due()  # the pause after a turn: see collector.page_turned

    def _prepare(self, current: int) -> None:
        following = self.next_page_id(self._steps[current].id)
        page = self.page(following) if following >= 0 else None
        history = self.visitedIds()
        near = {current, following, history[-2] if len(history) > 1 else -1}
        for number in self._steps:
            other = self.page(number)
            if number not in (current, following) and other.updatesEnabled():
                other.setUpdatesEnabled(False)
            if number not in near and isinstance(other, StepPage) and other.shelve(self._shelf):
                self._prepared.pop(number, None)
        if page is None:
            return
        self._near(following)
        if not page.updatesEnabled():
            page.setUpdatesEnabled(True)
        if isinstance(page, StepPage):
            page.prepare()  # made and filled while this page is read
        place = self.currentPage().geometry()
        size = place.size()
        if self._prepared.get(following) == size:
            return  # laid out and painted at this size already
        page.ensurePolished()
        # Painted once off screen: text layouts and glyphs are cached. (Qt lays the hidden
        # page out beside the shown one for this, at half the height: put back after.)
        page.grab()
        page.setGeometry(place)
        for layout in (page.layout(), getattr(page, "body", None)):
            if layout is not None:
                layout.activate()
        send_pending_events(page)
        self._prepared[following] = size

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
            case Kind.PLAN:
                return PlanPage(step)
            case Kind.HANDOVER:
                return HandoverPage(step)
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
        """Go to a step the flow allows (from the steps list or the eligibility page; a
        prefix such as "rsq-a" means its first page), with Back retracing the flow. A step
        the flow does not allow now is not gone to."""
        session = self.session
        allowed = [s.id for s in session.flow.applicable(session.case, session.scheme)]
        if step_id not in allowed:
            prefix = [s for s in allowed if s.startswith(step_id)]
            if not prefix:
                return
            step_id = prefix[0]
        if self._steps[self.currentId()].id != step_id:
            self._walk_to(step_id)


_PENDING_MOVE = Qt.WidgetAttribute.WA_PendingMoveEvent
_PENDING_RESIZE = Qt.WidgetAttribute.WA_PendingResizeEvent


def send_pending_events(page: QWidget, rounds: int = 4) -> None:
    """Send the move and resize events Qt holds back for a widget laid out while hidden
    (it sends them as the widget shows, and the page turn would pay for what they set off:
    scroll areas measuring their contents, rows choosing their direction), and the layout
    requests those set off, until nothing more is held back."""
    for _ in range(rounds):
        sent = False
        for widget in (page, *page.findChildren(QWidget)):
            if not widget.isVisibleTo(page) and widget is not page:
                continue
            if widget.testAttribute(_PENDING_MOVE):
                widget.setAttribute(_PENDING_MOVE, False)
                QCoreApplication.sendEvent(widget, QMoveEvent(widget.pos(), widget.pos()))
                sent = True
            if widget.testAttribute(_PENDING_RESIZE):
                widget.setAttribute(_PENDING_RESIZE, False)
                QCoreApplication.sendEvent(widget, QResizeEvent(widget.size(), QSize()))
                sent = True
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        if not sent:
            return


class WizardHost(QWidget):
    """The wizard, with the steps list on one side and the live eligibility panel on the
    other."""

    closed = Signal()

    def __init__(self, session: CaseSession, enabled_schemes: list[str] | None = None) -> None:
        super().__init__()
        self.session = session
        layout = QHBoxLayout(self)
        self.wizard = ReferralWizard(session, enabled_schemes)
        self.steps = StepList(session)
        self.steps.setMaximumWidth(STEPS_WIDTH)
        self.panel = EligibilityPanel(session)  # it sets its own width (narrow when folded)
        layout.addWidget(self.steps)
        layout.addWidget(self.wizard, 1)
        layout.addWidget(self.panel)
        self.wizard.stepped.connect(self.steps.set_current)
        self.steps.go.connect(self.wizard.go_to)
        self.wizard.finished.connect(lambda _r: self.closed.emit())
        self.wizard.resume()
        self.setTabOrder(self.steps, self.wizard)

    def take_down(self, after_ms: int) -> None:
        """Delete this closed wizard's thousands of widgets in `after_ms`, then collect what
        they leave (gui/collector.py)."""
        QTimer.singleShot(after_ms, self, self.deleteLater)
        QTimer.singleShot(after_ms + 50, collector.case_closed)

    def release(self) -> None:
        """Before the wizard goes: pages let go of what they hold outside themselves (the
        review page's preview window)."""
        for page in self.wizard.findChildren(ReviewPage):
            page.forget()
