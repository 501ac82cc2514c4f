"""What makes a page turn quick must never show a stale or blank page: the next page is
prepared while the practitioner reads, pages far away stop repainting, labels and the steps
list remember their sizes, and a page already showing the case is not filled again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QStyleOptionViewItem, QWidget
from pytestqt.qtbot import QtBot

from rpc_desktop.domain.case import Form, ParentSlot, Signer
from rpc_desktop.domain.visit import ScreeningView
from rpc_desktop.gui.main_window import MainWindow
from rpc_desktop.gui.widgets.wrap_label import WrapLabel
from rpc_desktop.gui.wizard.base import StepPage
from rpc_desktop.gui.wizard.final_pages import AgreementPage
from rpc_desktop.gui.wizard.items import AnswerInput
from rpc_desktop.gui.wizard.question_pages import RsqSectionPage
from rpc_desktop.gui.wizard.screening_page import ScreeningPage
from rpc_desktop.gui.wizard.wizard import WARM_DELAY_MS, ReferralWizard
from tests.gui.drive import answer, named, option
from tests.gui.test_display import open_demo


def settle(qtbot: QtBot) -> None:
    """As long as a practitioner takes to read a page: the next one is prepared."""
    qtbot.wait(WARM_DELAY_MS + 150)


def painting(page: QWidget) -> bool:
    return page.updatesEnabled() and all(w.updatesEnabled() for w in page.findChildren(QWidget))


def check_pages(wizard: ReferralWizard) -> None:
    """The page shown repaints; so does the next one (prepared); no other page does."""
    current = wizard.currentId()
    following = wizard.next_page_id(wizard.current_step().id)
    assert painting(wizard.currentPage()), wizard.current_step().id
    for number in wizard.pageIds():
        if number not in (current, following):
            assert not wizard.page(number).updatesEnabled(), number


def test_every_page_reached_repaints_forwards_back_and_by_the_steps_list(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_demo(qtbot, tmp_path, (1280, 800))
    assert window.host is not None
    wizard = window.host.wizard
    seen = []
    while wizard.nextId() != -1:
        settle(qtbot)
        check_pages(wizard)
        wizard.next()
        seen.append(wizard.current_step().id)
        assert painting(wizard.currentPage()), seen[-1]
    for _ in range(3):
        wizard.back()
        assert painting(wizard.currentPage()), wizard.current_step().id
    settle(qtbot)
    check_pages(wizard)
    # A jump by the steps list passes pages that stopped repainting, and lands on one.
    wizard.go_to("referrer")
    assert painting(wizard.currentPage())
    settle(qtbot)
    check_pages(wizard)
    wizard.go_to(seen[-1])
    assert wizard.current_step().id == seen[-1]
    assert painting(wizard.currentPage())
    assert len(seen) > 20


def shown_answer(page: RsqSectionPage, item_id: str) -> object:
    widget = page.rows[item_id][1]
    assert isinstance(widget, AnswerInput)
    return widget.value()


def another_answer(widget: AnswerInput, than: object) -> object:
    assert widget.choices is not None
    return next(
        b.property("answer") for b in widget.choices.buttons if b.property("answer") != than
    )


def on_first_questions(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, ReferralWizard]:
    window = open_demo(qtbot, tmp_path, (1280, 800), page="rsq-a-relationship")
    assert window.host is not None
    return window, window.host.wizard


def test_the_next_page_shows_the_latest_answers_before_it_is_turned_to(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, wizard = on_first_questions(qtbot, tmp_path)
    assert window.host is not None
    following = wizard.page(wizard.next_page_id("rsq-a-relationship"))
    assert isinstance(following, RsqSectionPage)
    assert not following.has_questions  # opening a case makes no page's questions
    settle(qtbot)
    assert following.has_questions
    before = window.host.session.case.rsq(ParentSlot.A)
    assert before is not None
    item_id = next(
        i for i, (_row, w) in following.rows.items() if w.choices and i in before.answers
    )
    assert shown_answer(following, item_id) == before.answers[item_id]

    # An answer given elsewhere (as Back and a change would) reaches the prepared page
    # while this one is read, without turning to it.
    widget = following.rows[item_id][1]
    other = another_answer(widget, before.answers[item_id])
    assert window.host.session.answer(Form.RSQ, ParentSlot.A, item_id, other)
    settle(qtbot)
    assert shown_answer(following, item_id) == other
    wizard.next()
    assert wizard.currentPage() is following
    assert shown_answer(following, item_id) == other
    assert option(widget, other).isChecked()


def test_a_page_already_showing_the_case_is_not_filled_again_but_a_changed_one_is(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, wizard = on_first_questions(qtbot, tmp_path)
    assert window.host is not None
    page = wizard.currentPage()
    assert isinstance(page, RsqSectionPage)
    item_id, (_row, widget) = next(
        (i, r) for i, r in page.rows.items() if r[1].choices is not None and r[1].isVisible()
    )
    filled: list[str] = []
    original = page.load_answers

    def counting(answers: dict) -> None:  # type: ignore[type-arg]
        filled.append("load")
        original(answers)

    page.load_answers = counting  # type: ignore[method-assign]
    wizard.next()
    wizard.back()
    assert filled == [], "Back and Next over an unchanged page fill it again"
    other = another_answer(widget, widget.value())
    wizard.next()
    assert window.host.session.answer(Form.RSQ, ParentSlot.A, item_id, other)
    wizard.back()
    assert filled == ["load"]
    assert widget.value() == other
    answer(widget, other)  # the same answer again: nothing changes, nothing breaks
    assert widget.value() == other


def test_arriving_again_at_a_begun_questionnaire_changes_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, _wizard = on_first_questions(qtbot, tmp_path)
    assert window.host is not None
    session = window.host.session
    changes: list[bool] = []
    session.changed.connect(lambda: changes.append(True))
    case = session.case
    session.start(Form.RSQ, ParentSlot.A)  # begun in the demo case already
    assert changes == [] and session.case is case


def test_a_wrapped_label_measures_again_when_its_text_or_font_changes(qtbot: QtBot) -> None:
    label = WrapLabel("Short.")
    qtbot.addWidget(label)
    short = label.heightForWidth(200)
    assert label.heightForWidth(200) == short
    label.setText("A much longer sentence that cannot fit on one line of two hundred pixels.")
    longer = label.heightForWidth(200)
    assert longer > short
    assert label.heightForWidth(400) < longer
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    assert label.heightForWidth(200) > longer
    before_margins = label.heightForWidth(200)
    label.setContentsMargins(0, 30, 0, 30)
    assert label.heightForWidth(200) == before_margins + 60


def test_the_steps_list_draws_the_current_step_bold_and_measures_every_row_bold(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window: MainWindow = open_demo(qtbot, tmp_path, (1280, 800), page="referrer")
    assert window.host is not None
    steps = window.host.steps
    delegate = steps.itemDelegate()
    model = steps.model()

    def drawn_bold(row: int) -> bool:
        option_ = QStyleOptionViewItem()
        delegate.initStyleOption(option_, model.index(row, 0))  # type: ignore[attr-defined]
        return option_.font.bold()

    rows = {steps.item(r).data(256): r for r in range(steps.count())}
    assert drawn_bold(rows["referrer"]) and not drawn_bold(rows["scheme"])
    sizes = [steps.visualItemRect(steps.item(r)).height() for r in range(steps.count())]
    window.host.wizard.go_to("parents")
    assert drawn_bold(rows["parents"]) and not drawn_bold(rows["referrer"])
    assert steps.currentRow() == rows["parents"]
    # Rows keep their size whichever is current (each is measured in bold).
    assert sizes == [steps.visualItemRect(steps.item(r)).height() for r in range(steps.count())]


def test_opening_a_case_makes_only_the_pages_it_shows(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_demo(qtbot, tmp_path, (1280, 800), page="scheme")
    assert window.host is not None
    wizard = window.host.wizard
    pages = {wizard.page(n).step.id: wizard.page(n) for n in wizard.pageIds()}  # type: ignore[attr-defined]
    assert not pages["screening-a"].rows and not pages["screening-b"].rows  # type: ignore[attr-defined]
    assert not pages["parents"]._made and not pages["agreement"]._made  # type: ignore[attr-defined]
    assert not pages["parents"].findChildren(QLineEdit)
    wizard.go_to("parents")
    name = named(wizard.currentPage(), QLineEdit, "Parent A: Name")
    assert isinstance(name, QLineEdit)
    assert name.text() == window.host.session.case.parent_a.name != ""


def test_a_folded_screening_shows_no_questions_whatever_is_ticked(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_demo(qtbot, tmp_path, (1280, 800), page="screening-a")
    assert window.host is not None
    page = window.host.wizard.currentPage()
    assert isinstance(page, ScreeningPage)
    assert page.view is not ScreeningView.OPEN  # done, and nobody handed over to
    page.alone.setChecked(not page.alone.isChecked())  # as an assistive tool could
    assert not page.questions.isVisibleTo(page)
    assert not any(w.isVisibleTo(page) for w in page.findChildren(AnswerInput))


def held_back(page: QWidget) -> list[QWidget]:
    """Widgets of `page` that will show with it and still wait for a move or resize event."""
    pending = (Qt.WidgetAttribute.WA_PendingMoveEvent, Qt.WidgetAttribute.WA_PendingResizeEvent)
    return [
        w
        for w in (page, *page.findChildren(QWidget))
        if (w is page or w.isVisibleTo(page)) and any(w.testAttribute(a) for a in pending)
    ]


class Resizes(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.seen.append(watched.metaObject().className())
        return False


def test_the_next_page_is_laid_out_where_it_shows_and_turning_to_it_resizes_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    _window, wizard = on_first_questions(qtbot, tmp_path)
    shown = wizard.currentPage()
    place = shown.geometry()
    following = wizard.page(wizard.next_page_id("rsq-a-relationship"))
    settle(qtbot)
    # Painting the hidden page off screen lays it out beside the shown one: both are put back.
    assert shown.geometry() == place
    assert following.geometry() == place
    assert held_back(following) == []
    resizes = Resizes()
    for widget in (following, *following.findChildren(QWidget)):
        widget.installEventFilter(resizes)
    wizard.next()
    qtbot.wait(10)
    assert wizard.currentPage() is following
    assert resizes.seen == []
    assert following.geometry() == place


def test_the_agreement_is_filled_before_it_is_turned_to_but_saves_nothing_until_then(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_demo(qtbot, tmp_path, (1280, 800), page="agreement")
    assert window.host is not None
    wizard, session = window.host.wizard, window.host.session
    page = wizard.currentPage()
    assert isinstance(page, AgreementPage)
    assert not page.blocks[Signer.PARENT_A].pad.is_empty()  # the demo's drawn signature
    wizard.back()
    # The agreement changed under Parent A's signature (as a new pack version would): the
    # ink still on the pad is taken away when the page is arrived at, not while it is
    # prepared behind the page being read.
    signed = session.case.signature(Signer.PARENT_A)
    assert signed is not None
    stale = signed.model_copy(update={"text_sha256": "0" * 64})
    others = [s for s in session.case.signatures if s.signer is not Signer.PARENT_A]
    assert session.change(lambda case: case.model_copy(update={"signatures": [stale, *others]}))
    page.text.setText("")
    settle(qtbot)
    assert session.scheme is not None
    assert page.text.text() == session.packs.agreement_for(session.scheme).text
    assert session.case.signature(Signer.PARENT_A) == stale
    wizard.next()
    assert session.case.signature(Signer.PARENT_A) is None
    assert page.blocks[Signer.PARENT_A].pad.is_empty()
    assert not page.blocks[Signer.PARENT_B].pad.is_empty()


def tab_order(root: QWidget, page: QWidget) -> list[str]:
    """The names of `page`'s Tab stops, in the order of the window's focus chain, with
    where the wizard's Next button falls among them (the .ui forms' fields that a page
    replaces with its own, unnamed and going, are left out)."""
    chain, widget = [], root.nextInFocusChain()
    while widget is not root and len(chain) < 20_000:
        stop = widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.accessibleName()
        if stop and page.isAncestorOf(widget):
            chain.append(widget.accessibleName())
        elif isinstance(widget, QAbstractButton) and widget.text().startswith("&Next"):
            chain.append("Next")
        widget = widget.nextInFocusChain()
    return chain


def test_far_pages_bodies_wait_outside_the_pages_and_come_back_as_they_were(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_demo(qtbot, tmp_path, (1280, 800), page="parents")
    assert window.host is not None
    wizard = window.host.wizard
    parents = wizard.currentPage()
    assert isinstance(parents, StepPage) and parents.scroll_area is not None
    name = named(parents, QLineEdit, "Parent A: Name")
    order = tab_order(window, parents)
    assert "Parent A: Name" in order and len(order) > 5
    while wizard.current_step().id != "rsq-a-relationship":
        settle(qtbot)
        wizard.next()
    settle(qtbot)
    # Far behind now: its body is out of the pages' container, which Qt walks at each turn.
    container = wizard.currentPage().parentWidget()
    assert container is parents.parentWidget()
    assert not parents.isAncestorOf(name) and not container.isAncestorOf(name)
    assert wizard.isAncestorOf(name), "still in the same window: its focus order is kept"
    near = [wizard.currentPage(), wizard.page(wizard.next_page_id("rsq-a-relationship"))]
    history = wizard.visitedIds()
    near.append(wizard.page(history[-2]))
    for page in near:
        assert isinstance(page, StepPage) and page.scroll_area is not None
        assert page.isAncestorOf(page.scroll_area), page.step.id
    # Back: the page gone back to has its body (and Back again, and the steps list).
    for _ in range(2):
        wizard.back()
        back = wizard.currentPage()
        assert isinstance(back, StepPage) and back.scroll_area is not None
        assert back.isAncestorOf(back.scroll_area) and back.scroll_area.isVisible()
    wizard.go_to("parents")
    assert wizard.currentPage() is parents and parents.isAncestorOf(name)
    assert name.isVisible() and name.text() == window.host.session.case.parent_a.name
    assert tab_order(window, parents) == order
    settle(qtbot)
    qtbot.keyClick(name, Qt.Key.Key_End)
    qtbot.keyClicks(name, " Jr")
    assert window.host.session.case.parent_a.name.endswith(" Jr"), "it saves as before"
