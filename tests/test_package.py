"""The package is laid out as its pipeline, and no module imports one that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

import cchc_plan

PACKAGE = Path(cchc_plan.__file__).resolve().parent


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module → the package's modules it imports (in functions too; not under TYPE_CHECKING).

    A package's ``__init__`` only re-exports, lazily, and is left out.
    """
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    packages = {m for m, p in modules.items() if p.name == "__init__.py"}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        if name in packages:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
        base = name.split(".")[:-1]
        found: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skipped or not isinstance(node, ast.ImportFrom) or not node.level:
                continue
            target = base[: len(base) - (node.level - 1)] + ([node.module] if node.module else [])
            names = [".".join(target + [a.name]) for a in node.names] if node.module is None else [".".join(target)]
            for dotted in names:
                while dotted not in modules and "." in dotted:
                    dotted = dotted.rsplit(".", 1)[0]
                if dotted in modules and dotted not in packages and dotted != name:
                    found.add(dotted)
        graph[name] = found
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle() -> None:
    graph = import_graph()
    assert len(graph) > 30
    assert cycles(graph) == []


def test_the_folders_follow_the_pipeline() -> None:
    graph = import_graph()
    layer = {"model": 1, "layout": 2, "docx": 3}
    for module, imports in graph.items():
        own = module.split(".")[1]
        for target in imports:
            other = target.split(".")[1]
            if own in layer and other in layer:
                assert layer[other] <= layer[own], f"{module} imports {target}, a later stage"


def test_the_public_names_import_from_the_package() -> None:
    for name in cchc_plan.__all__:
        assert getattr(cchc_plan, name) is not None
