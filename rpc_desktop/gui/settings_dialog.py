"""The user's own settings; what IT locked is shown but cannot be loosened here."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QListWidgetItem, QPushButton, QWidget

from rpc_desktop.app.settings import Display, DisplayMode, TextSize
from rpc_desktop.domain.roles import MAX_IDLE_MINUTES, AppRole
from rpc_desktop.gui import display
from rpc_desktop.gui.forms.ui_settings import Ui_SettingsForm
from rpc_desktop.gui.passphrase_dialog import PassphraseDialog

if TYPE_CHECKING:
    from rpc_desktop.app.config import MachineConfig
    from rpc_desktop.app.settings import Settings
    from rpc_desktop.app.workspace import Workspace

SET_BY_IT = "Set by your organisation."


class SettingsDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        current: Settings,
        config: MachineConfig,
        schemes: dict[str, str],
        workspace: Workspace | None = None,
    ) -> None:
        """`current` is what the app runs on now; `schemes` maps the installed ids to names;
        with the unlocked `workspace`, the passphrase can be changed from here too."""
        super().__init__(parent)
        self.ui = Ui_SettingsForm()
        self.ui.setupUi(self)
        if workspace is not None:
            self.passphrase_button = QPushButton("Change &passphrase…")
            self.passphrase_button.clicked.connect(lambda: PassphraseDialog(workspace, self).exec())
            self.ui.outer.insertWidget(
                self.ui.outer.indexOf(self.ui.buttons), self.passphrase_button
            )
        self.current = current
        self.config = config
        ui = self.ui
        ui.role.setCurrentIndex(1 if current.role is AppRole.TEAM_LEAD else 0)
        ui.organisation.setText(current.profile.organisation)
        self.idle_cap = MAX_IDLE_MINUTES
        if config.is_locked("idle_lock_minutes") and config.idle_lock_minutes is not None:
            self.idle_cap = max(1, math.floor(config.idle_lock_minutes))
        ui.idle.setMaximum(self.idle_cap)
        ui.idle.setValue(max(1, min(self.idle_cap, round(current.idle_lock_minutes))))
        allowed = [
            s
            for s in schemes
            if not (config.is_locked("enabled_schemes") and config.enabled_schemes)
            or s in config.enabled_schemes
        ]
        chosen = set(current.enabled_schemes) or set(allowed)
        for scheme_id in allowed:
            item = QListWidgetItem(schemes[scheme_id])
            item.setData(Qt.ItemDataRole.UserRole, scheme_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = scheme_id in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            ui.schemes.addItem(item)
        notes = []
        if config.is_locked("role"):
            ui.role.setEnabled(False)
            ui.role.setToolTip(SET_BY_IT)
            notes.append("what you use the app for")
        if config.is_locked("organisation"):
            ui.organisation.setReadOnly(True)
            ui.organisation.setToolTip(SET_BY_IT)
            notes.append("the organisation")
        if self.idle_cap < MAX_IDLE_MINUTES:
            ui.idle.setToolTip(f"Your organisation allows at most {self.idle_cap} minutes.")
            notes.append(f"the idle lock (at most {self.idle_cap} minutes)")
        if config.is_locked("enabled_schemes") and config.enabled_schemes:
            notes.append("the schemes you may choose from")
        ui.note.setText(
            "Your organisation has set " + ", ".join(notes) + ". You can make them stricter."
            if notes
            else ""
        )
        for mode in DisplayMode:
            ui.displayMode.addItem(mode.label, mode.value)
        for size in TextSize:
            ui.textSize.addItem(size.label, size.value)
        ui.displayMode.setCurrentIndex(ui.displayMode.findData(current.display.mode.value))
        ui.textSize.setCurrentIndex(ui.textSize.findData(current.display.text_size.value))
        # Applied as it is chosen, so the user sees it; Cancel puts back what was there.
        ui.displayMode.activated.connect(lambda _i: self._preview())
        ui.textSize.activated.connect(lambda _i: self._preview())
        ui.buttons.accepted.connect(self._accept)
        ui.buttons.rejected.connect(self.reject)
        self.error = ""

    def chosen_display(self) -> Display:
        ui = self.ui
        return Display(
            mode=DisplayMode(ui.displayMode.currentData()),
            text_size=TextSize(ui.textSize.currentData()),
        )

    def _preview(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            display.apply_settings(app, self.chosen_display())

    def reject(self) -> None:
        if self.chosen_display() != self.current.display:
            self.ui.displayMode.setCurrentIndex(
                self.ui.displayMode.findData(self.current.display.mode.value)
            )
            self.ui.textSize.setCurrentIndex(
                self.ui.textSize.findData(self.current.display.text_size.value)
            )
            self._preview()
        super().reject()

    def changes(self) -> dict[str, Any]:
        """What to save in the user's own settings (never looser than IT locked)."""
        ui = self.ui
        changes: dict[str, Any] = {
            "idle_lock_minutes": float(min(ui.idle.value(), self.idle_cap)),
        }
        if not self.config.is_locked("role"):
            changes["role"] = (
                AppRole.TEAM_LEAD if ui.role.currentIndex() == 1 else AppRole.PRACTITIONER
            )
        if not self.config.is_locked("organisation"):
            changes["profile"] = self.current.profile.model_copy(
                update={"organisation": ui.organisation.text().strip()}
            )
        items = [ui.schemes.item(n) for n in range(ui.schemes.count())]
        checked = [
            i.data(Qt.ItemDataRole.UserRole)
            for i in items
            if i.checkState() == Qt.CheckState.Checked
        ]
        # Every scheme ticked is stored as "all" only when IT names none: otherwise IT's
        # list would come back as the default.
        everything = len(checked) == len(items) and not self.config.enabled_schemes
        changes["enabled_schemes"] = [] if everything else checked
        if self.chosen_display() != self.current.display:
            changes["display"] = self.chosen_display()
        return changes

    def _accept(self) -> None:
        if self.ui.schemes.count() and not any(
            self.ui.schemes.item(n).checkState() == Qt.CheckState.Checked
            for n in range(self.ui.schemes.count())
        ):
            self.ui.note.setText("Choose at least one scheme.")
            return
        self._preview()
        self.accept()


def edit_settings(window: Any) -> SettingsDialog:
    """The Settings dialog over the main window (`window`): window-modal, not blocking (a
    tool button's accessible Press waits for its action, so a dialog run with exec() there
    keeps a screen reader waiting until it closes). Saving it changes there the idle lock,
    the look, and the list shown when the role changed; locking closes it unsaved."""
    context = window.context
    schemes = {s.id: f"{s.name} ({s.region})" for s in context.packs.schemes.values()}
    dialog = SettingsDialog(window, window.settings, context.config, schemes, window.workspace)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: _save(window, dialog))
    dialog.open()
    return dialog


def _save(window: Any, dialog: SettingsDialog) -> None:
    """What Save changes in the window."""
    if window.workspace is None:
        return  # the app locked while it was open
    context = window.context
    was_team_lead = window.team_lead
    context.save_settings(**dialog.changes())
    window.idle.set_minutes(window.settings.idle_lock_minutes)
    app = QApplication.instance()
    if isinstance(app, QApplication):  # the look as saved (the dialog showed it live)
        display.apply_settings(app, window.settings.display)
    if window.team_lead != was_team_lead:
        window.attach_list(window.workspace)
        if window.host is None and window.review is None:
            window.show_list()
