"""The application layer with a real store: the context composes everything once, the
editor's verbs are checked and saved, and the bundle is built from the case as stored."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from rpc_desktop.app.context import AppContext
from rpc_desktop.app.workspace import Workspace
from rpc_desktop.domain.case import Form, ParentSlot
from rpc_desktop.domain.editing import EditError, parent_detail
from rpc_desktop.domain.roles import AppRole
from rpc_desktop.errors import StoreLocked
from tests.helpers import PASSPHRASE, demo_case, fast_context

REF = "RPC-DEMO-0001"


@pytest.fixture
def workspace(isolated_home: Path) -> Iterator[Workspace]:
    context = fast_context(isolated_home)
    opened = Workspace.create(context, PASSPHRASE, actor="Priya Tester")
    opened.add_case(demo_case())
    yield opened
    if not opened.closed:
        opened.close(backup=False)


def test_the_context_makes_each_part_once(isolated_home: Path, workspace: Workspace) -> None:
    context = workspace.context
    assert context.packs is context.packs
    assert context.organisation_certificate() is context.organisation_certificate()
    assert workspace.device is workspace.device
    context.save_settings(profile=context.settings.profile.model_copy(update={"name": "Sam"}))
    assert context.settings.profile.name == "Sam"
    assert AppContext.load(home=isolated_home).settings.profile.name == "Sam", "saved"


def test_an_answer_the_question_does_not_take_is_refused_and_nothing_is_saved(
    workspace: Workspace,
) -> None:
    editor = workspace.open_case(REF)
    before = editor.case
    item = next(i for i in workspace.packs.questionnaire(Form.RSQ).items() if i.options)
    with pytest.raises(EditError, match="is not an answer to this question"):
        editor.answer(Form.RSQ, ParentSlot.A, item.id, "made-up")
    assert editor.case is before
    assert workspace.load(REF)[0] == before


def test_answers_are_saved_as_given_and_details_when_flushed(workspace: Workspace) -> None:
    editor = workspace.open_case(REF)
    item = next(
        i for i in workspace.packs.questionnaire(Form.RSQ).items() if i.type.value == "text"
    )
    editor.answer(Form.RSQ, ParentSlot.B, item.id, "We argue less since the summer.")
    saved = workspace.load(REF)[0].rsq_b
    assert saved is not None and saved.answers[item.id] == "We argue less since the summer."
    editor.edit(parent_detail(ParentSlot.A, "phone"), "07700 900999", save=False)
    assert editor.pending and workspace.load(REF)[0].parent_a.phone != "07700 900999"
    editor.flush()
    assert not editor.pending and workspace.load(REF)[0].parent_a.phone == "07700 900999"


def test_the_bundle_is_built_from_the_case_as_stored(workspace: Workspace) -> None:
    editor = workspace.open_case(REF)
    editor.edit(parent_detail(ParentSlot.A, "name"), "Unsaved Name", save=False)
    built = workspace.preview(REF)
    rsq = built.pdfs[f"{REF}-1-rsq-parent-a.pdf"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(rsq)).pages)
    assert "Unsaved Name" not in text and demo_case().parent_a.name in text
    editor.flush()
    built = workspace.preview(REF)
    rsq = built.pdfs[f"{REF}-1-rsq-parent-a.pdf"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(rsq)).pages)
    assert "Unsaved Name" in text


def test_the_trust_of_it_and_of_the_user_are_kept_apart(workspace: Workspace) -> None:
    fingerprint = " ".join(["ABCD"] * 16)
    workspace.store.trust_key(fingerprint, AppRole.TEAM_LEAD, "Morgan's laptop")
    assert workspace.trusted(AppRole.TEAM_LEAD) == {fingerprint}
    assert workspace.trusted(AppRole.PRACTITIONER) == set()


def test_a_closed_workspace_refuses_every_use(workspace: Workspace) -> None:
    workspace.close(backup=False)
    with pytest.raises(StoreLocked):
        workspace.list_cases()
