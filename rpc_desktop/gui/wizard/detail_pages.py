"""Steps 1–5: scheme and situation, referrer, parents, children, prior support."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop.domain import editing
from rpc_desktop.domain.case import (
    CarerRole,
    Case,
    LivesWith,
    ParentSlot,
    Relationship,
    SocialCare,
    Variant,
)
from rpc_desktop.domain.editing import (
    address_detail,
    case_detail,
    child_detail,
    contact_detail,
    parent_detail,
    prior_detail,
    referrer_detail,
)
from rpc_desktop.domain.flow import Step
from rpc_desktop.gui import display
from rpc_desktop.gui.forms.ui_parent_form import Ui_ParentForm
from rpc_desktop.gui.forms.ui_prior_page import Ui_PriorPageForm
from rpc_desktop.gui.forms.ui_referrer_page import Ui_ReferrerPageForm
from rpc_desktop.gui.wizard.area_picker import AreaPicker
from rpc_desktop.gui.wizard.base import StepPage
from rpc_desktop.gui.wizard.fields import NOT_SET, Binder
from rpc_desktop.gui.wizard.items import clear_layout, plain_label
from rpc_desktop.gui.wizard.long_text import LongText
from rpc_desktop.gui.wizard.parent_fields import OwnAddress, bind_birth_date
from rpc_desktop.gui.wizard.pathway_picker import PathwayPicker
from rpc_desktop.gui.wizard.reflow import Reflow

ROLES = [(None, NOT_SET)] + [(r.value, r.label.capitalize()) for r in CarerRole]
SHORTEST_CHOICE = 10
"""Characters a drop-down keeps when the page is narrow (its list still shows them whole)."""


def fit_narrow(page: QWidget) -> None:
    """Let the page's drop-downs narrow and its forms put a long label above its field, so
    the page fits a narrow window (touch mode, large text) without scrolling sideways."""
    for combo in page.findChildren(QComboBox):
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(SHORTEST_CHOICE)
    # In touch mode every label sits above its field: the fields get the whole width.
    wrap = QFormLayout.RowWrapPolicy
    policy = wrap.WrapAllRows if display.touch_mode() else wrap.WrapLongRows
    for form in page.findChildren(QFormLayout):
        form.setRowWrapPolicy(policy)


class SchemePage(StepPage):
    def __init__(self, step: Step, schemes: list[tuple[str, str]]) -> None:
        super().__init__(step)
        self.form = self.add_form()
        self.scheme = self.form.choice("&Scheme", case_detail("scheme_id"), schemes)
        self.pathway = PathwayPicker(self.session, self.form.form)
        self.scheme.currentIndexChanged.connect(lambda _i: self.pathway.scheme_changed())
        self.together = self._situation("Parents &together now?")
        self.expecting = self._situation("&Expecting a baby?")
        self.together.activated.connect(self._situation_changed)
        self.expecting.activated.connect(self._situation_changed)
        self.variant = self.form.choice(
            "RSQ &variant",
            case_detail("variant"),
            [(None, NOT_SET)] + [(v.value, v.label) for v in Variant],
        )
        self.form.choice(
            "How the adults are &related",
            case_detail("relationship"),
            [(None, NOT_SET)] + [(r.value, r.label) for r in Relationship],
        )
        self.form.day("&Referral date", case_detail("referral_date"))
        self.variant.activated.connect(lambda _i: self.refresh())
        self.body.addWidget(
            plain_label(
                "The variant follows from the two answers above; change it if the family's "
                "situation needs another."
            )
        )
        self.body.addStretch(1)
        fit_narrow(self)

    def _situation(self, label: str) -> QComboBox:
        """Not case fields: the two answers only choose the variant."""
        combo = QComboBox()
        combo.setAccessibleName(label.replace("&", ""))
        for value, text in ((None, NOT_SET), (True, "Yes"), (False, "No")):
            combo.addItem(text, value)
        self.form.form.addRow(label, combo)
        return combo

    def _situation_changed(self) -> None:
        together, expecting = self.together.currentData(), self.expecting.currentData()
        if together is None or expecting is None:
            return
        session = self.session()
        session.change(
            lambda case: editing.choose_situation(case, together=together, expecting=expecting)
        )
        variant = session.case.variant
        self.variant.setCurrentIndex(self.variant.findData(variant.value if variant else None))

    def refresh(self) -> None:
        self.form.refresh()
        self.pathway.refresh()
        variant = self.session().case.variant
        if variant is not None:
            self.together.setCurrentIndex(self.together.findData(variant.together))
            self.expecting.setCurrentIndex(self.expecting.findData(variant.expecting))


class ReferrerPage(StepPage):
    """Laid out in ui/referrer_page.ui."""

    def __init__(self, step: Step) -> None:
        super().__init__(step)
        self.ui = Ui_ReferrerPageForm()
        form = QWidget()
        self.ui.setupUi(form)
        self.body.addWidget(form)
        ui = self.ui
        self.referrer = Binder(self.session, prefix="Referrer")
        for edit, label, field in (
            (ui.referrerName, "Name", "name"),
            (ui.referrerRole, "Role", "role"),
            (ui.referrerOrganisation, "Organisation", "organisation"),
            (ui.referrerPhone, "Phone", "phone"),
            (ui.referrerEmail, "Email", "email"),
        ):
            self.referrer.bind_line(edit, label, referrer_detail(field))
        self.referrer.bind_yes_no(
            ui.caseClosing,
            "Is your work with the family about to close?",
            referrer_detail("case_closing"),
        )
        self.referrer.bind_yes_no(
            ui.continuesSupport,
            "Can you keep supporting the family during it?",
            referrer_detail("continues_support"),
        )
        self.referral = Binder(self.session)
        self.reason = LongText(
            self.session, ui.reason, "Reason for referral", case_detail("reason")
        )
        self.referral.bind_choice(
            ui.socialCare,
            "Children's social care involvement",
            case_detail("social_care"),
            [(None, "Not recorded")] + [(s.value, s.label) for s in SocialCare],
        )
        self.contact = Binder(self.session, prefix="Universal contact")
        for edit, label, field in (
            (ui.contactName, "Name", "name"),
            (ui.contactRole, "Role", "role"),
            (ui.contactService, "Service", "service"),
            (ui.contactPhone, "Phone", "phone"),
            (ui.contactEmail, "Email", "email"),
        ):
            self.contact.bind_line(edit, label, contact_detail(field))
        fit_narrow(self)

    def refresh(self) -> None:
        self.referrer.refresh()
        self.referral.refresh()
        self.reason.refresh()
        self.contact.refresh()


class ParentsPage(StepPage):
    """Each parent in ui/parent_form.ui (the same form twice), then the family address."""

    binders: list[Binder]
    homes: list[OwnAddress]

    def make_page(self) -> None:
        self.binders = []
        self.homes = []
        self.parents = row = Reflow()
        self.body.addWidget(row)
        for slot in ParentSlot:
            box = QGroupBox(slot.label)
            QVBoxLayout(box)
            ui = Ui_ParentForm()
            form = QWidget()
            ui.setupUi(form)
            box.layout().addWidget(form)  # type: ignore[union-attr]
            row.add(box)
            b = Binder(self.session, prefix=slot.label)

            def p(name: str, slot: ParentSlot = slot) -> editing.Detail:
                return parent_detail(slot, name)

            b.bind_line(ui.name, "Name", p("name"))
            bind_birth_date(b, ui.dateOfBirthKnown, ui.dateOfBirth, p("date_of_birth"))
            b.bind_choice(ui.role, "Role", p("role"), ROLES)
            b.bind_line(ui.phone, "Phone", p("phone"))
            b.bind_line(ui.email, "Email", p("email"))
            own = [ui.ownLine1, ui.ownLine2, ui.ownTown, ui.ownPostcode]
            self.homes.append(OwnAddress(self.session, slot, ui.form, ui.livesAtFamilyAddress, own))
            b.bind_line(ui.language, "Preferred language", p("preferred_language"))
            b.bind_check(ui.interpreter, "Needs an interpreter", p("interpreter_needed"))
            b.bind_line(ui.accessibility, "Accessibility needs", p("accessibility_needs"))
            b.bind_yes_no(ui.agrees, "Agrees to the referral", p("agrees_to_referral"))
            b.bind_day(ui.agreementDateKnown, ui.agreementDate, "Agreed on", p("agreement_date"))
            self.binders.append(b)
        home = QGroupBox("Family address")
        self.body.addWidget(home)
        address_form = QFormLayout(home)
        address_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        address = Binder(self.session, address_form, prefix="Family address")
        address.line("Address line 1", address_detail("line1"))
        address.line("Address line 2", address_detail("line2"))
        address.line("Town", address_detail("town"))
        address.line("Postcode", address_detail("postcode"))
        self.area = AreaPicker(self.session, address_form, prefix="Family address")
        self.binders.append(address)
        self.body.addStretch(1)
        fit_narrow(self)

    def refresh(self) -> None:
        self.ensure_made()
        for binder in self.binders:
            binder.refresh()
        for home in self.homes:
            home.refresh()
        self.area.refresh()


class ChildrenPage(StepPage):
    """Add and remove children (a removal can be undone) and choose the focus child."""

    def __init__(self, step: Step) -> None:
        super().__init__(step)
        # Where the rows' controls join the focus chain (rows made later sit at its end).
        self.anchor = QWidget()
        self.anchor.setFixedSize(0, 0)
        self.body.addWidget(self.anchor)
        self.rows = QVBoxLayout()
        self.body.addLayout(self.rows)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Add a child")
        self.add_button.clicked.connect(self.add_child)
        self.undo_button = QPushButton("&Undo removal")
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_removal)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.focus = QComboBox()
        self.focus.setAccessibleName("Focus child")
        self.focus.activated.connect(self._focus_chosen)
        row = QHBoxLayout()
        row.addWidget(QLabel("&Focus child (the same for both parents)"))
        row.itemAt(0).widget().setBuddy(self.focus)  # type: ignore[union-attr]
        row.addWidget(self.focus, 1)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self._removed: list[editing.Removed] = []
        self._binders: list[Binder] = []
        self._row_ids: list[str] | None = None
        """The children the rows were made for, in order."""

    def _focus_chosen(self, index: int) -> None:
        chosen = self.focus.itemData(index)
        if not self.session().change(lambda case: editing.set_focus_child(case, chosen)):
            self._fill_focus()  # refused (the session said why): show what the case holds

    def add_child(self) -> None:
        self.session().change(lambda case: editing.add_child(case)[0])
        self.refresh()

    def remove_child(self, child_id: str) -> None:
        removed: list[editing.Removed] = []

        def remove(case: Case) -> Case:
            changed, gone = editing.remove_child(case, child_id)
            removed.append(gone)
            return changed

        if self.session().change(remove):
            self._removed += removed
        self.undo_button.setEnabled(bool(self._removed))
        self.refresh()

    def undo_removal(self) -> None:
        if not self._removed:
            return
        removed = self._removed.pop()
        self.session().change(lambda case: editing.restore_child(case, removed))
        self.undo_button.setEnabled(bool(self._removed))
        self.refresh()

    def prepare(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Each child's row; made again only when the children themselves changed."""
        case = self.session().case
        if [child.id for child in case.children] == self._row_ids:
            for form in self._binders:
                form.refresh()
            self._fill_focus()
            return
        self._make_rows(case)

    def _make_rows(self, case: Case) -> None:
        clear_layout(self.rows)
        self._binders = []
        self._row_ids = [child.id for child in case.children]
        for index, child in enumerate(case.children):
            box = QGroupBox(f"Child {index + 1}")
            layout = QVBoxLayout(box)
            form = Binder(self.session, QFormLayout(), prefix=f"Child {index + 1}")
            layout.addLayout(form.form)
            name = form.line("Name", child_detail(child.id, "name"))
            name.editingFinished.connect(self._fill_focus)
            form.day("Date of birth", child_detail(child.id, "date_of_birth"))
            form.day("Due date (not born yet)", child_detail(child.id, "due_date"))
            form.check("Has SEND", child_detail(child.id, "send"))
            form.choice(
                "Lives with",
                child_detail(child.id, "lives_with"),
                [(None, NOT_SET)] + [(v.value, v.label) for v in LivesWith],
            )
            remove = QPushButton(f"Remove child {index + 1}")
            remove.clicked.connect(lambda _=False, c=child.id: self.remove_child(c))
            layout.addWidget(remove)
            form.refresh()
            self._binders.append(form)
            self.rows.addWidget(box)
        self._fill_focus()
        fit_narrow(self)
        # Keys go through the page in the order it reads: the children, then the buttons.
        # (Rows made now sit at the end of the window's focus chain: each is put after the
        # one before it, the first right after the anchor, which has no children of its own.)
        # Each row is moved whole (its controls keep their own order inside it).
        order: list[QWidget] = [*self.findChildren(QGroupBox)]
        order += [self.add_button, self.undo_button, self.focus]
        for first, second in zip([self.anchor, *order], order, strict=False):
            QWidget.setTabOrder(first, second)

    def _fill_focus(self) -> None:
        """The focus-child list, with the children's names as they are now."""
        case = self.session().case
        self.focus.clear()
        self.focus.addItem(NOT_SET, None)
        for child in case.children:
            self.focus.addItem(child.name or "(no name yet)", child.id)
        self.focus.setCurrentIndex(max(self.focus.findData(case.focus_child_id), 0))


class PriorPage(StepPage):
    """Laid out in ui/prior_page.ui."""

    def make_page(self) -> None:
        self.ui = Ui_PriorPageForm()
        form = QWidget()
        self.ui.setupUi(form)
        self.body.addWidget(form)
        ui = self.ui
        self.form = Binder(self.session)
        self.form.bind_line(ui.intervention, "Intervention", prior_detail("type"))
        self.form.bind_line(ui.provider, "Provider", prior_detail("provider"))
        self.form.bind_day(
            ui.startDateKnown, ui.startDate, "Started on", prior_detail("start_date")
        )
        self.form.bind_day(ui.endDateKnown, ui.endDate, "Ended on", prior_detail("end_date"))
        fit_narrow(self)

    def refresh(self) -> None:
        self.ensure_made()
        self.form.refresh()
