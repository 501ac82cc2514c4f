"""The visit's plan (the order of each parent's private part) and the handover between them."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QVBoxLayout

from rpc_desktop.domain.case import ParentSlot, VisitOrder
from rpc_desktop.domain.editing import case_detail
from rpc_desktop.domain.flow import Step
from rpc_desktop.gui.wizard.base import StepPage
from rpc_desktop.gui.wizard.choices import ChoiceGroup
from rpc_desktop.gui.wizard.items import plain_label


def _who(page: StepPage, slot: ParentSlot) -> str:
    name = page.session().case.parent(slot).name
    return f"{name} ({slot.label})" if name else slot.label


class PlanPage(StepPage):
    """How this visit holds each parent's private part: the order, and who goes first."""

    def __init__(self, step: Step) -> None:
        super().__init__(step)
        self.body.addWidget(
            plain_label(
                "Each parent answers the safety questions alone. Choose how you will hold "
                "their private parts on this visit; you can change it later."
            )
        )
        self.orders = ChoiceGroup(
            [(o.value, o.label) for o in VisitOrder], exclusive=True, kind="stacked"
        )
        self.firsts = ChoiceGroup(
            [(s.value, s.label) for s in ParentSlot], exclusive=True, kind="segment"
        )
        for title, group in (("Order", self.orders), ("Who goes first", self.firsts)):
            box = QGroupBox(title)
            group.setAccessibleName(title)
            QVBoxLayout(box).addWidget(group)
            self.body.addWidget(box)
        self.body.addStretch(1)
        self._loading = False
        # Saved on the value changing, whatever changed it (a tap, a key, a screen reader).
        self.orders.toggled.connect(self._order_chosen)
        self.firsts.toggled.connect(self._first_chosen)

    def _order_chosen(self) -> None:
        chosen = self.orders.checked()
        if chosen and not self._loading:
            value = VisitOrder(chosen[0].property("answer"))
            self.session().update(case_detail("visit_order"), value)
            self.completeChanged.emit()

    def _first_chosen(self) -> None:
        chosen = self.firsts.checked()
        if chosen and not self._loading:
            value = ParentSlot(chosen[0].property("answer"))
            self.session().update(case_detail("first_parent"), value)

    def choose(self, order: VisitOrder, first: ParentSlot = ParentSlot.A) -> None:
        """What a practitioner does here, in one call (for the screenshots and tests)."""
        for group, value in ((self.orders, order.value), (self.firsts, first.value)):
            for button in group.buttons:
                if button.property("answer") == value:
                    button.setChecked(True)

    def refresh(self) -> None:
        case = self.session().case
        self._loading = True
        try:
            for button in self.firsts.buttons:
                slot = ParentSlot(button.property("answer"))
                button.setText(_who(self, slot))
                button.setAccessibleName(_who(self, slot))
                button.setChecked(slot is case.first_parent)
            if case.visit_order is None:
                self.orders.uncheck_all()
            for button in self.orders.buttons:
                if button.property("answer") == case.visit_order:
                    button.setChecked(True)
        finally:
            self._loading = False

    def isComplete(self) -> bool:
        return self.session().case.visit_order is not None


class HandoverPage(StepPage):
    """Between the parents: nothing of either parent's screening shows here, and the next
    parent's part opens only when the practitioner confirms they are alone with them (a
    screening reached any other way stays folded)."""

    def __init__(self, step: Step) -> None:
        super().__init__(step)
        assert step.slot is not None
        self.slot = step.slot
        self.heading = plain_label("", role="heading")
        self.body.addWidget(self.heading)
        self.explain = plain_label("")
        self.body.addWidget(self.explain)
        self.alone = QCheckBox()
        self.alone.toggled.connect(self._confirmed)
        self.body.addWidget(self.alone)
        self.body.addStretch(1)
        self._loading = False

    def _confirmed(self, on: bool) -> None:
        if not self._loading:
            self.session().hand_over(self.slot if on else None)
            self.completeChanged.emit()

    def enter(self) -> None:
        # Arriving here is between the parents: with nobody, until confirmed again.
        self.session().hand_over(None)
        super().enter()

    def shown(self) -> None:
        """On every arrival (Back too): the tick says who the practitioner is with now."""
        super().shown()
        self.refresh()

    def refresh(self) -> None:
        who = _who(self, self.slot)
        other = _who(self, ParentSlot.B if self.slot is ParentSlot.A else ParentSlot.A)
        self.heading.setText(f"Now with {who}, alone?")
        self.explain.setText(
            f"The next part is for {who} alone. Before you go on, make sure {other} has "
            "left the room and cannot see or hear the screen. If you are not alone with "
            f"{who}, do not go on: come back to this part later from the steps list."
        )
        self._loading = True
        try:
            self.alone.setText(f"I am with {who}, alone")
            self.alone.setChecked(self.session().with_parent is self.slot)
        finally:
            self._loading = False

    def isComplete(self) -> bool:
        return self.session().with_parent is self.slot
