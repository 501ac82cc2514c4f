"""The team lead's screens, offscreen: import (verified first), the PDFs in Qt's viewer, the
checklist and versions, approve and return; and the practitioner importing the note."""

from __future__ import annotations

import email
import email.policy
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from rpc_desktop.app import paths, send
from rpc_desktop.domain.status import CaseStatus
from rpc_desktop.gui.main_window import MainWindow
from rpc_desktop.gui.review.review_screen import ReviewScreen
from rpc_desktop.store.store import Store
from tests.gui.drive import draw
from tests.gui.test_app import PASS
from tests.helpers import FAST_KDF, demo_case, device_of, fast_context, packs

REF = "RPC-DEMO-0001"


def practitioner_sends(
    tmp_path: Path, recipients: send.Recipients | None
) -> tuple[Store, send.Sent]:
    """A practitioner's laptop (another data folder) that has sent version 1 for review,
    encrypted to `recipients` (None: unencrypted, the practitioner's explicit choice)."""
    home = tmp_path / "practitioner"
    store = Store.create(home, "a long enough passphrase", kdf=FAST_KDF, actor="Priya")
    store.add_case(demo_case())
    shared = tmp_path / "shared"
    shared.mkdir(exist_ok=True)
    result = send.send_for_review(
        store,
        REF,
        packs(),
        device_of(store),
        shared,
        recipients=recipients or send.Recipients(()),
        unencrypted=recipients is None,
        home=home,
        fonts_dir=paths.resources_dir() / "fonts",
    )
    return store, result


@pytest.fixture
def sent(tmp_path: Path) -> Iterator[tuple[Store, Path]]:
    """Version 1 sent unencrypted (the screens' tests need no team lead's key beforehand;
    the encrypted path has its own tests below)."""
    store, result = practitioner_sends(tmp_path, None)
    yield store, result.file
    store.close(backup=False)


def lead_first_run(qtbot: QtBot, win: MainWindow) -> None:
    ui = win.first_run.ui
    ui.appRole.setCurrentIndex(1)
    qtbot.keyClicks(ui.name, "Morgan Lead")
    qtbot.keyClicks(ui.role, "Team lead")
    qtbot.keyClicks(ui.email, "m.lead@example.org")
    qtbot.keyClicks(ui.passphrase, PASS)
    qtbot.keyClicks(ui.confirm, PASS)
    qtbot.mouseClick(ui.createButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.workspace is not None, timeout=15_000)


@pytest.fixture
def lead(qtbot: QtBot, isolated_home: Path) -> MainWindow:
    window = MainWindow(fast_context(isolated_home))
    qtbot.addWidget(window)
    window.show()
    lead_first_run(qtbot, window)
    assert window.stack.currentWidget() is window.inbox
    return window


def answer_next_question(button_text: str) -> list[str]:
    """Click a button of the next message box, as the user would; returns its text."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        for button in box.buttons():
            if button.text().startswith(button_text):
                button.click()
                return
        raise AssertionError(f"no button {button_text!r} in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(0, click)
    return seen


def import_trusting(qtbot: QtBot, window: MainWindow, bundle: Path) -> ReviewScreen:
    asked = answer_next_question("They match")
    window.inbox.import_file(bundle)
    qtbot.waitUntil(lambda: window.review is not None, timeout=20_000)
    assert asked and "fingerprint" in asked[0]
    assert window.stack.currentWidget() is window.review
    return window.review


def test_import_shows_the_four_pdfs_checklist_and_versions(
    qtbot: QtBot, lead: MainWindow, sent: tuple[Store, Path]
) -> None:
    practitioner, bundle = sent
    screen = import_trusting(qtbot, lead, bundle)
    tabs = screen.ui.documents
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "RSQ parent A",
        "RSQ parent B",
        "Participation Agreement",
        "Referral summary",
    ]
    for pane in screen.panes:
        assert pane.pdf.status() is QPdfDocument.Status.Ready
        assert pane.pdf.pageCount() >= 1
    summary = screen.panes[3].pdf
    text = "".join(summary.getAllText(n).text() for n in range(summary.pageCount()))
    assert REF in text
    assert screen.ui.checklist.topLevelItemCount() >= 5
    outcomes = {
        screen.ui.checklist.topLevelItem(i).text(1)
        for i in range(screen.ui.checklist.topLevelItemCount())
    }
    assert outcomes <= {"Met", "Done"}
    assert "Eligible" in screen.ui.outcome.text()
    assert "No screening answers" in screen.ui.screening.text() or "screened" in (
        screen.ui.screening.text()
    )
    assert screen.ui.history.count() == 1
    assert "Version 1" in screen.ui.history.item(0).text()
    fingerprint = device_of(practitioner).fingerprint
    assert fingerprint in screen.ui.verified.text()
    # The inbox lists it, and the trust, import and key are in the audit log.
    assert [r.reference for r in lead.workspace.store.list_reviews()] == [REF]
    assert [k.fingerprint for k in lead.workspace.store.trusted_keys()] == [fingerprint]
    # The inbox names who sent it, the scheme and the area, not only a key.
    lead.inbox.reload()
    table = lead.inbox.ui.table
    row = {table.horizontalHeaderItem(c).text(): table.item(0, c).text() for c in range(7)}
    referrer = demo_case().referrer
    assert row["From"] == f"{referrer.name} ({referrer.organisation})"
    assert row["Scheme"] == "Relationships Matter"
    assert row["Area"] == demo_case().address.local_authority
    assert fingerprint in table.item(0, 2).toolTip()


def test_approve_writes_the_email_and_a_sealed_note(
    qtbot: QtBot, lead: MainWindow, sent: tuple[Store, Path], tmp_path: Path
) -> None:
    _practitioner, bundle = sent
    screen = import_trusting(qtbot, lead, bundle)
    out = tmp_path / "approved"
    out.mkdir()
    screen.choose_folder = lambda _title: str(out)
    screen.ui.approveButton.click()
    assert "Sign" in screen.ui.message.text(), "no approval without a signature"
    pad = screen.signature.pad
    pad.resize(400, 120)
    draw(pad, [(20, 60), (120, 30), (220, 90), (330, 40)])
    screen.ui.comment.setPlainText("Clear and complete.")
    screen.ui.approveButton.click()
    qtbot.waitUntil(lambda: screen.ui.message.text().startswith("Approved"), timeout=20_000)
    eml = out / f"{REF}-v1-email-to-gateway.eml"
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert "rpcgateway@gateshead.gov.uk" in message["To"]
    assert len([a for a in message.iter_attachments()]) == 4
    assert (out / f"{REF}-v1-approved.rpcreview").is_file()
    assert not screen.ui.approveButton.isEnabled()
    assert lead.workspace.store.list_reviews()[0].status == "approved"


def test_return_needs_comments_then_the_practitioner_imports_it(
    qtbot: QtBot,
    lead: MainWindow,
    sent: tuple[Store, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    practitioner, bundle = sent
    screen = import_trusting(qtbot, lead, bundle)
    out = tmp_path / "returned"
    out.mkdir()
    screen.choose_folder = lambda _title: str(out)
    screen.ui.returnButton.click()
    assert "what needs changing" in screen.ui.message.text()
    assert lead.workspace.store.list_reviews()[0].status == "awaiting"
    screen.ui.comment.setPlainText("Please add the focus child's school.")
    screen.ui.returnButton.click()
    qtbot.waitUntil(lambda: screen.ui.message.text().startswith("Returned"), timeout=20_000)
    note = out / f"{REF}-v1-returned.rpcreview"
    assert note.is_file()

    # The practitioner imports the note in their own app.
    lead.close()
    practitioner.close(backup=False)
    home = practitioner.paths.home
    monkeypatch.setenv("RPC_DESKTOP_HOME", str(home))  # the practitioner's own laptop
    window = MainWindow(fast_context(home))
    qtbot.addWidget(window)
    window.show()
    qtbot.keyClicks(window.unlock.ui.passphrase, "a long enough passphrase")
    qtbot.keyClick(window.unlock.ui.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=15_000)
    assert window.stack.currentWidget() is window.cases
    answer_next_question("They match")
    window.cases.import_review_note(note)
    assert "returned by Morgan Lead" in window.cases.ui.comments.text()
    assert window.workspace.store.list_cases()[0].status is CaseStatus.RETURNED
    window.close()


def test_a_changed_file_is_refused_and_nothing_is_shown(
    qtbot: QtBot, lead: MainWindow, sent: tuple[Store, Path], tmp_path: Path
) -> None:
    _practitioner, bundle = sent
    tampered = tmp_path / "tampered.rpcbundle"
    member = f"{REF}-v1/data/{REF}-2-rsq-parent-b.pdf"
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(tampered, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == member:
                data = data.replace(b"Parent B", b"Parent C", 1)
                assert data != src.read(info)
            out.writestr(info, data)
    lead.inbox.import_file(tampered)
    qtbot.waitUntil(lambda: "refused" in lead.inbox.ui.message.text(), timeout=20_000)
    assert f"{REF}-2-rsq-parent-b.pdf" in lead.inbox.ui.message.text()
    assert lead.review is None
    assert lead.workspace.store.list_reviews() == []


def test_an_unknown_signer_refused_is_not_imported(
    qtbot: QtBot, lead: MainWindow, sent: tuple[Store, Path]
) -> None:
    _practitioner, bundle = sent
    asked = answer_next_question("They differ")
    lead.inbox.import_file(bundle)
    qtbot.waitUntil(lambda: "not imported" in lead.inbox.ui.message.text(), timeout=20_000)
    assert asked
    assert lead.review is None
    assert lead.workspace.store.list_reviews() == [] and lead.workspace.store.trusted_keys() == []


def test_locking_drops_the_open_review(
    qtbot: QtBot, lead: MainWindow, sent: tuple[Store, Path]
) -> None:
    _practitioner, bundle = sent
    screen = import_trusting(qtbot, lead, bundle)
    lead.lock(hide=True)
    assert lead.review is None
    assert screen.panes[0].pdf.status() is not QPdfDocument.Status.Ready
    assert lead.inbox.ui.table.rowCount() == 0
    assert lead.windowTitle() == "Notes"


def test_device_key_shows_this_devices_fingerprint_and_the_keys_it_trusts(
    qtbot: QtBot, lead: MainWindow, sent: tuple[Store, Path]
) -> None:
    practitioner, bundle = sent
    import_trusting(qtbot, lead, bundle)
    seen = answer_next_question("Close")
    lead.key_action.trigger()  # returns at once: the box comes up from the event loop
    qtbot.waitUntil(lambda: bool(seen))
    assert lead.workspace.device.fingerprint in seen[0]
    practitioner_key = device_of(practitioner).fingerprint
    assert f"{practitioner_key}  (" in seen[0] and "practitioner; first use" in seen[0]


# --- encrypted bundles --------------------------------------------------------------------


def test_a_bundle_encrypted_to_this_team_lead_is_imported_and_one_for_another_is_not(
    qtbot: QtBot, lead: MainWindow, tmp_path: Path
) -> None:
    from rpc_desktop.documents.device import one_off_device
    from rpc_desktop.documents.envelope import device_recipient

    mine = device_recipient(lead.workspace.device.key.public_openssh.decode(), "Morgan")
    someone = device_recipient(one_off_device().key.public_openssh.decode(), "Sam")
    store, to_me = practitioner_sends(tmp_path / "a", send.Recipients((mine,)))
    store.close(backup=False)
    store, to_sam = practitioner_sends(tmp_path / "b", send.Recipients((someone,)))
    store.close(backup=False)
    lead.inbox.import_file(to_sam.file)
    qtbot.waitUntil(lambda: "encrypted for someone else" in lead.inbox.ui.message.text())
    assert lead.workspace.list_reviews() == []
    import_trusting(qtbot, lead, to_me.file)
    assert "came encrypted to this device" in lead.inbox.ui.message.text()


def test_the_device_key_dialog_saves_this_devices_key_file_and_adds_a_team_leads(
    qtbot: QtBot, lead: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from rpc_desktop.documents.device import one_off_device
    from rpc_desktop.domain.roles import AppRole
    from tests.gui.drive import answer_in_turn

    folder = tmp_path / "handover"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    saying = answer_in_turn("Save this device's key file", "OK")
    lead.key_action.trigger()
    qtbot.waitUntil(lambda: len(saying) == 2)
    (saved,) = folder.iterdir()
    assert saved.read_text().startswith("ssh-ed25519 ") and "Morgan Lead" in saved.read_text()
    assert saved.stat().st_mode & 0o077 == 0
    other = one_off_device()
    key_file = tmp_path / "sam.pub"
    key_file.write_bytes(other.key.public_openssh + b" Sam Lead\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(key_file), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (k.get("text", ""), True))
    seen = answer_in_turn("Add a team lead's key", "They differ")
    lead.key_action.trigger()
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert other.fingerprint in seen[1] and "Sam Lead" in seen[1]
    assert lead.workspace.trusted_keys() == [], "not trusted unless they match"
    matched = answer_in_turn("Add a team lead's key", "They match")
    lead.key_action.trigger()
    qtbot.waitUntil(lambda: len(matched) == 2 and bool(lead.workspace.trusted_keys()))
    (trusted,) = lead.workspace.trusted_keys()
    assert trusted.role is AppRole.TEAM_LEAD and trusted.label == "Sam Lead"
    assert trusted.public_key == other.key.public_openssh.decode()


def test_a_bundle_without_a_sealed_name_shows_the_key_as_trusted_or_its_first_groups() -> None:
    from rpc_desktop.gui.review.inbox import sender_words

    key = "ABCD 1234 EF56 7890"
    assert sender_words({"Source-Organization": "Hub"}, "Priya's laptop", key) == ("Priya's laptop")
    assert sender_words({"Source-Organization": "Hub"}, "", key) == "Hub, key ABCD 1234"
    assert sender_words({"Source-Organization": "Not recorded"}, "", key) == "Key ABCD 1234"
    assert (
        sender_words({"Contact-Name": "Priya Shah", "Source-Organization": "Not recorded"}, "", key)
        == "Priya Shah"
    )
