"""The layers hold (docs/architecture.md): the test reads every import of every module of the
package (at the top, inside functions and under TYPE_CHECKING alike), builds the graph, and
checks who may import whom, that no circle exists, and that modules stay small."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "rpc_desktop"
KERNEL = {"rpc_desktop", "rpc_desktop.errors", "rpc_desktop.files"}
"""Imported by every layer; they import nothing of the project."""
ALLOWED = {
    "kernel": {"kernel"},
    "domain": {"kernel", "domain"},
    "store": {"kernel", "domain", "store"},
    "documents": {"kernel", "domain", "documents"},
    "app": {"kernel", "domain", "store", "documents", "app"},
    "gui": {"kernel", "domain", "app", "gui"},
    "cli": {"kernel", "domain", "app", "gui", "cli"},
    "entry": {"cli"},
}
QT = {"PySide6", "shiboken6"}
NO_QT = {"kernel", "domain", "store", "documents", "app"}
MAX_LINES = 400
GENERATED = PACKAGE / "gui" / "forms"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> str:
    if module in KERNEL:
        return "kernel"
    if module == "rpc_desktop.__main__":
        return "entry"
    return module.split(".")[1]


def imported_names(path: Path) -> set[str]:
    """Every module named by an import statement anywhere in the file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import"
            assert node.module is not None
            names.add(node.module)
            # `from package import module` names the module.
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


@cache
def graph() -> dict[str, set[str]]:
    """Module → the modules of ours it imports."""
    ours = modules()
    edges: dict[str, set[str]] = {}
    for name, path in ours.items():
        targets = {n for n in imported_names(path) if n in ours and n != name}
        # `from a.b import c` where c is a module: the edge is to a.b.c, not to a.b too.
        edges[name] = {
            t for t in targets if not any(o.startswith(t + ".") for o in targets if o != t)
        }
    return edges


def test_the_graph_covers_every_layer() -> None:
    layers = {layer(m) for m in modules()}
    assert layers == set(ALLOWED), layers
    assert sum(len(e) for e in graph().values()) > 150


@pytest.mark.parametrize("module", sorted(modules()), ids=str)
def test_each_module_imports_only_what_its_layer_may(module: str) -> None:
    mine = layer(module)
    wrong = sorted(t for t in graph()[module] if layer(t) not in ALLOWED[mine])
    assert not wrong, f"{module} ({mine}) imports {wrong}"


@pytest.mark.parametrize("module", sorted(m for m in modules() if layer(m) in NO_QT), ids=str)
def test_the_core_and_the_application_layer_never_import_qt(module: str) -> None:
    qt = sorted(n for n in imported_names(modules()[module]) if n.split(".")[0] in QT)
    assert not qt, f"{module} imports {qt}"


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_circles() -> None:
    assert circles(graph()) == []


def test_the_circle_finder_finds_a_circle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(edges) == [["a", "b", "c"]]


@pytest.mark.parametrize(
    "path",
    [p for p in modules().values() if GENERATED not in p.parents],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name}: {lines} lines; split it by what it does"


@pytest.mark.parametrize(
    "module", sorted(m for m in modules() if layer(m) in ("gui", "cli")), ids=str
)
def test_the_gui_and_the_cli_never_reach_the_store_through_an_object(module: str) -> None:
    """They import no store module (above), and never take `.store` from a workspace or an
    editor either: every use of the store is a use case of the application layer."""
    tree = ast.parse(modules()[module].read_text(encoding="utf-8"))
    reached = [
        n.lineno for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "store"
    ]
    assert not reached, f"{module} uses .store on line(s) {reached}"


def test_there_are_core_modules_to_check() -> None:
    assert len([m for m in modules() if layer(m) in ("domain", "store", "documents")]) >= 30
