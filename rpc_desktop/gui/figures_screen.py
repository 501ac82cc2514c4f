"""The Figures screen in the window (issue 14): the figures view (gui.figures) over every
referral the user can count once (app.team_figures: this device's own, and for a team lead
the figures other devices sent), importing a device's figures file, and the monitoring
export. Made when first shown (QtCharts loads then, never at start-up), and taken down when
the app locks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop.app import figures, team_figures
from rpc_desktop.app.logs import log_handled
from rpc_desktop.app.team_figures import Merged
from rpc_desktop.domain.figures_summary import scheme_figures
from rpc_desktop.errors import RpcError
from rpc_desktop.gui.figures.view import FiguresView
from rpc_desktop.gui.review.trust import ask_to_trust

if TYPE_CHECKING:
    from rpc_desktop.app.workspace import Workspace


class FiguresScreen(QWidget):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.import_button = QPushButton("&Import figures…")
        self.import_button.setToolTip(
            "Add the figures a practitioner's device sent (a .rpcfigures file): each "
            "referral is counted once, however many files arrive"
        )
        self.import_button.clicked.connect(self.choose_and_import)
        self.from_whom = QLabel()
        self.from_whom.setWordWrap(True)
        row = QHBoxLayout()
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutLeftMargin)
        row.setContentsMargins(margin, margin, margin, 0)
        row.addWidget(self.from_whom, 1)
        row.addWidget(self.import_button)
        self.view = FiguresView(
            lambda: team_figures.team_rows(workspace),
            [scheme_figures(s) for s in workspace.packs.schemes.values()],
            export=lambda path: figures.export_monitoring(workspace, path),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self._say_from_whom()

    def drop(self) -> None:
        """Nothing of a case is held here: the rows are counts and dates, no names."""
        self.view.rows_provider = list

    def refresh(self) -> None:
        self.view.refresh()
        self._say_from_whom()

    def _say_from_whom(self) -> None:
        held = team_figures.senders(self.workspace)
        if not held:
            self.from_whom.setText(
                "The figures of this device's referrals. Import the figures your team's "
                "devices send to count the whole team."
            )
            return
        parts = [f"{who}: {n} referral{'s' if n != 1 else ''}" for who, n in sorted(held.items())]
        self.from_whom.setText(
            "This device's referrals, and the figures sent by " + "; ".join(parts) + "."
        )

    def choose_and_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Import a device's figures", str(Path.home()), "Figures (*.rpcfigures)"
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> Merged | None:
        """Check, ask to trust an unknown key (comparing its fingerprint), import; says how
        many referrals are new, replaced or kept, or why the file was refused."""
        try:
            check = team_figures.check_figures(self.workspace, path)
            trust_as = ""
            if not check.trusted:
                sender = check.file.sender.words() or "a practitioner"
                where = f"{sender} reads under Device key… on their laptop"
                if not ask_to_trust(self, check.file.signer, what="This figures file", where=where):
                    self.workspace.record_event("figures-refused", detail="untrusted key")
                    return None
                trust_as = sender
            merged = team_figures.import_figures(self.workspace, check, trust_as=trust_as)
        except RpcError as exc:
            log_handled(exc, "in import_file")  # said to the user below
            QMessageBox.warning(self, "Import figures", str(exc))
            return None
        QMessageBox.information(
            self,
            "Import figures",
            f"{merged.added} new referrals, {merged.replaced} updated"
            + (f", {merged.kept} kept from a newer file" if merged.kept else "")
            + ". Each referral is counted once.",
        )
        self.refresh()
        return merged
