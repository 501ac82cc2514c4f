"""Steps 1–5: scheme and situation, referrer, parents, children, prior support."""

from __future__ import annotations

import secrets

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop.domain.case import CarerRole, Child, LivesWith, ParentSlot, Relationship, Variant
from rpc_desktop.domain.flow import Step
from rpc_desktop.gui.forms.ui_parent_form import Ui_ParentForm
from rpc_desktop.gui.forms.ui_prior_page import Ui_PriorPageForm
from rpc_desktop.gui.forms.ui_referrer_page import Ui_ReferrerPageForm
from rpc_desktop.gui.wizard.base import StepPage
from rpc_desktop.gui.wizard.fields import NOT_SET, Binder
from rpc_desktop.gui.wizard.items import clear_layout, plain_label

LIVES_WITH = {
    LivesWith.BOTH: "Both parents",
    LivesWith.PARENT_A: "Parent A",
    LivesWith.PARENT_B: "Parent B",
    LivesWith.SHARED: "Shared care",
    LivesWith.OTHER: "Someone else",
}
ROLES = [(None, NOT_SET)] + [(r.value, r.label.capitalize()) for r in CarerRole]


class SchemePage(StepPage):
    def __init__(self, step: Step, schemes: list[tuple[str, str]]) -> None:
        super().__init__(step)
        self.form = self.add_form()
        self.scheme = self.form.choice("&Scheme", "scheme_id", schemes)
        self.together = self._situation("Parents &together now?")
        self.expecting = self._situation("&Expecting a baby?")
        self.together.activated.connect(self._situation_changed)
        self.expecting.activated.connect(self._situation_changed)
        self.variant = self.form.choice(
            "RSQ &variant", "variant", [(None, NOT_SET)] + [(v.value, v.label) for v in Variant]
        )
        self.form.choice(
            "How the adults are &related",
            "relationship",
            [(None, NOT_SET)]
            + [(r.value, r.value.replace("-", " ").capitalize()) for r in Relationship],
        )
        self.form.day("&Referral date", "referral_date")
        self.variant.activated.connect(lambda _i: self.refresh())
        self.body.addWidget(
            plain_label(
                "The variant follows from the two answers above; change it if the family's "
                "situation needs another."
            )
        )
        self.body.addStretch(1)

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
        variant = Variant.for_situation(together=together, expecting=expecting)
        self.session().update("variant", variant.value)
        self.variant.setCurrentIndex(self.variant.findData(variant.value))

    def refresh(self) -> None:
        self.form.refresh()
        variant = self.session().case.variant
        if variant is not None:
            together = variant in (Variant.COUPLE, Variant.EXPECTING_TOGETHER)
            expecting = variant in (Variant.EXPECTING_TOGETHER, Variant.EXPECTING_SEPARATED)
            self.together.setCurrentIndex(self.together.findData(together))
            self.expecting.setCurrentIndex(self.expecting.findData(expecting))


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
            self.referrer.bind_line(edit, label, f"referrer.{field}")
        self.referrer.bind_yes_no(
            ui.caseClosing, "Is your work with the family about to close?", "referrer.case_closing"
        )
        self.referrer.bind_yes_no(
            ui.continuesSupport,
            "Can you keep supporting the family during it?",
            "referrer.continues_support",
        )
        self.contact = Binder(self.session, prefix="Universal contact")
        for edit, label, field in (
            (ui.contactName, "Name", "name"),
            (ui.contactRole, "Role", "role"),
            (ui.contactService, "Service", "service"),
            (ui.contactPhone, "Phone", "phone"),
            (ui.contactEmail, "Email", "email"),
        ):
            self.contact.bind_line(edit, label, f"universal_contact.{field}")

    def refresh(self) -> None:
        self.referrer.refresh()
        self.contact.refresh()


class ParentsPage(StepPage):
    """Each parent in ui/parent_form.ui (the same form twice), then the family address."""

    def __init__(self, step: Step) -> None:
        super().__init__(step)
        self.binders: list[Binder] = []
        row = QHBoxLayout()
        self.body.addLayout(row)
        for slot in ParentSlot:
            box = QGroupBox(slot.label)
            QVBoxLayout(box)
            ui = Ui_ParentForm()
            form = QWidget()
            ui.setupUi(form)
            box.layout().addWidget(form)  # type: ignore[union-attr]
            row.addWidget(box)
            b = Binder(self.session, prefix=slot.label)
            p = f"parent_{slot.value}"
            b.bind_line(ui.name, "Name", f"{p}.name")
            b.bind_day(ui.dateOfBirthKnown, ui.dateOfBirth, "Date of birth", f"{p}.date_of_birth")
            b.bind_choice(ui.role, "Role", f"{p}.role", ROLES)
            b.bind_line(ui.phone, "Phone", f"{p}.phone")
            b.bind_line(ui.email, "Email", f"{p}.email")
            b.bind_line(ui.language, "Preferred language", f"{p}.preferred_language")
            b.bind_check(ui.interpreter, "Needs an interpreter", f"{p}.interpreter_needed")
            b.bind_line(ui.accessibility, "Accessibility needs", f"{p}.accessibility_needs")
            b.bind_yes_no(ui.agrees, "Agrees to the referral", f"{p}.agrees_to_referral")
            b.bind_day(ui.agreementDateKnown, ui.agreementDate, "Agreed on", f"{p}.agreement_date")
            self.binders.append(b)
        home = QGroupBox("Family address")
        self.body.addWidget(home)
        address = Binder(self.session, QFormLayout(home), prefix="Family address")
        address.line("Address line 1", "address.line1")
        address.line("Address line 2", "address.line2")
        address.line("Town", "address.town")
        address.line("Postcode", "address.postcode")
        self.local_authority = address.line("Local authority", "address.local_authority")
        self.binders.append(address)
        self.body.addStretch(1)

    def refresh(self) -> None:
        for binder in self.binders:
            binder.refresh()
        scheme = self.session().scheme
        if scheme is not None:
            completer = QCompleter([*scheme.areas, *scheme.area_aliases], self.local_authority)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.local_authority.setCompleter(completer)


class ChildrenPage(StepPage):
    """Add and remove children (a removal can be undone) and choose the focus child."""

    def __init__(self, step: Step) -> None:
        super().__init__(step)
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
        self.focus.activated.connect(
            lambda i: self.session().update("focus_child_id", self.focus.itemData(i))
        )
        row = QHBoxLayout()
        row.addWidget(QLabel("&Focus child (the same for both parents)"))
        row.itemAt(0).widget().setBuddy(self.focus)  # type: ignore[union-attr]
        row.addWidget(self.focus, 1)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self._removed: list[tuple[int, Child, bool]] = []
        self._binders: list[Binder] = []

    def add_child(self) -> None:
        case = self.session().case
        taken = {c.id for c in case.children}
        new_id = f"child-{secrets.token_hex(3)}"
        while new_id in taken:  # never reused, so an undone removal cannot clash
            new_id = f"child-{secrets.token_hex(3)}"
        self.session().replace(
            case.model_copy(update={"children": [*case.children, Child(id=new_id)]})
        )
        self.refresh()

    def remove_child(self, index: int) -> None:
        case = self.session().case
        child = case.children[index]
        was_focus = case.focus_child_id == child.id
        self._removed.append((index, child, was_focus))
        children = [c for i, c in enumerate(case.children) if i != index]
        self.session().replace(
            case.model_copy(
                update={
                    "children": children,
                    "focus_child_id": None if was_focus else case.focus_child_id,
                }
            )
        )
        self.undo_button.setEnabled(True)
        self.refresh()

    def undo_removal(self) -> None:
        if not self._removed:
            return
        index, child, was_focus = self._removed.pop()
        case = self.session().case
        children = list(case.children)
        children.insert(min(index, len(children)), child)
        self.session().replace(
            case.model_copy(
                update={
                    "children": children,
                    "focus_child_id": child.id if was_focus else case.focus_child_id,
                }
            )
        )
        self.undo_button.setEnabled(bool(self._removed))
        self.refresh()

    def refresh(self) -> None:
        clear_layout(self.rows)
        self._binders = []
        case = self.session().case
        for index in range(len(case.children)):
            box = QGroupBox(f"Child {index + 1}")
            layout = QVBoxLayout(box)
            form = Binder(self.session, QFormLayout(), prefix=f"Child {index + 1}")
            layout.addLayout(form.form)
            c = f"children.{index}"
            name = form.line("Name", f"{c}.name")
            name.editingFinished.connect(self._fill_focus)
            form.day("Date of birth", f"{c}.date_of_birth")
            form.day("Due date (not born yet)", f"{c}.due_date")
            form.check("Has SEND", f"{c}.send")
            form.choice(
                "Lives with",
                f"{c}.lives_with",
                [(None, NOT_SET)] + [(v.value, LIVES_WITH[v]) for v in LivesWith],
            )
            remove = QPushButton(f"Remove child {index + 1}")
            remove.clicked.connect(lambda _=False, i=index: self.remove_child(i))
            layout.addWidget(remove)
            form.refresh()
            self._binders.append(form)
            self.rows.addWidget(box)
        self._fill_focus()
        # Keys go through the page in the order it reads: the children, then the buttons.
        last: QWidget | None = None
        for box in self.findChildren(QGroupBox):
            for widget in box.findChildren(QWidget):
                if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                    last = widget
        if last is not None:
            QWidget.setTabOrder(last, self.add_button)
        QWidget.setTabOrder(self.add_button, self.undo_button)
        QWidget.setTabOrder(self.undo_button, self.focus)

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

    def __init__(self, step: Step) -> None:
        super().__init__(step)
        self.ui = Ui_PriorPageForm()
        form = QWidget()
        self.ui.setupUi(form)
        self.body.addWidget(form)
        ui = self.ui
        self.form = Binder(self.session)
        self.form.bind_line(ui.intervention, "Intervention", "prior_intervention.type")
        self.form.bind_line(ui.provider, "Provider", "prior_intervention.provider")
        self.form.bind_day(
            ui.startDateKnown, ui.startDate, "Started on", "prior_intervention.start_date"
        )
        self.form.bind_day(ui.endDateKnown, ui.endDate, "Ended on", "prior_intervention.end_date")

    def refresh(self) -> None:
        self.form.refresh()
