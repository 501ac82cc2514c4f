"""What every wizard page shares: its step, the session, a form and a scroll area."""

from __future__ import annotations

from typing import Protocol, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from rpc_desktop.domain.flow import Step
from rpc_desktop.gui.session import CaseSession
from rpc_desktop.gui.wizard.fields import Binder


class PageOrder(Protocol):
    """What a page asks its wizard (wizard.ReferralWizard): where the flow goes next."""

    walking: bool
    """The wizard is passing through pages on its way to another (resume, the map): a
    page it passes is filled only if it is shown."""

    def next_page_id(self, current: str) -> int: ...


class StepPage(QWizardPage):
    """A page for one step. Content goes in `self.body` (scrolls when it is long)."""

    def __init__(self, step: Step) -> None:
        super().__init__()
        self.step = step
        self.setTitle(step.title)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._inner = QWidget(self)
        self._inner.hide()  # until it is in its scroll area
        self.body = QVBoxLayout(self._inner)
        self.scroll_area: QScrollArea | None = None

    def ensure_scroll(self) -> QScrollArea:
        """The scroll area the body sits in, made the first time the page is prepared or
        arrived at (the wizard calls this): a case opens with some thirty pages, most never
        shown, and making their scroll bars was a fifth of opening one in touch mode."""
        if self.scroll_area is None:
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            scroll.setWidget(self._inner)  # and shows it, inside the area
            layout = self.layout()
            assert layout is not None
            layout.addWidget(scroll)
            self.scroll_area = scroll
        return self.scroll_area

    def shelve(self, shelf: QWidget) -> bool:
        """Put the body's scroll area on `shelf` (a hidden widget of the wizard, outside the
        pages): QWizard hides and shows the pages' container twice a turn, and Qt walks
        every widget under it each time, shown or not. The same window, so the focus order
        is kept. False if there was nothing here to put away."""
        scroll = self.scroll_area
        if scroll is None or scroll.parentWidget() is not self:
            return False
        scroll.setParent(shelf)
        return True

    def unshelve(self) -> bool:
        """Put the scroll area back in the page (before it is prepared, made or shown);
        False if it was there already."""
        scroll = self.scroll_area
        if scroll is None or scroll.parentWidget() is self:
            return False
        layout = self.layout()
        assert layout is not None
        layout.addWidget(scroll)
        scroll.show()  # with the page, when it shows
        return True

    def page_order(self) -> PageOrder:
        return cast(PageOrder, self.wizard())

    _session: CaseSession | None = None
    """Set by the wizard when it adds the page; kept so a field that loses focus while
    the wizard is being taken down can still save."""

    def session(self) -> CaseSession:
        assert self._session is not None, "the wizard sets the session when it adds a page"
        return self._session

    def add_form(self) -> Binder:
        form = QFormLayout()
        self.body.addLayout(form)
        return Binder(self.session, form)

    stale = False
    """Passed on the way to another page and not filled yet."""

    def initializePage(self) -> None:
        """QWizard's forward arrival: fill the page (later, if only passing through)."""
        if getattr(self.wizard(), "walking", False):
            self.stale = True
            return
        self.enter()

    def enter(self) -> None:
        """Arriving at the page: show the case's values."""
        self.stale = False
        self.refresh()

    def shown(self) -> None:
        """The page is the current one (forwards, Back or a jump)."""
        if self.stale:
            self.enter()

    def left(self) -> None:
        """The page stopped being the current one."""

    def refresh(self) -> None:
        """Show the case's current values (subclasses fill their widgets)."""

    def prepare(self) -> None:
        """While the page before is read: make and fill what arriving would, so the turn
        need not (showing only: nothing is saved or recorded)."""
        self.ensure_made()

    _made = False

    def make_page(self) -> None:
        """Make the page's own widgets. A page that overrides this is made the first time
        it is needed (prepared, or filled by `refresh`), so opening a case makes only the
        pages it shows."""

    def ensure_made(self) -> None:
        self.ensure_scroll()
        self.unshelve()  # what making a page does, it does with the body in the page
        if not self._made:
            self._made = True
            self.make_page()

    def nextId(self) -> int:
        return self.page_order().next_page_id(self.step.id)
