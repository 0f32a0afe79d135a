"""The package's shape: layers that import only downward, no cycles, small modules.

The import rule (README, "Architecture"): base ← source ← model ← pages ← output ← pipeline ←
workflow, preview ← buildargs ← buildcli ← cli. A module may import its own sub-package and any layer below it;
workflow and preview do not import each other. Read from the code with ``ast``, so a new
module is checked the day it is added.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pressroom"
LAYERS = {
    "base": 0,
    "source": 1,
    "model": 2,
    "pages": 3,
    "output": 4,
    "pipeline": 5,
    "workflow": 6,
    "preview": 6,
    "buildargs": 7,
    "buildcli": 8,
    "cli": 9,
}
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _layer(module: str) -> str | None:
    """``pressroom.pages.lists`` → ``pages``; the package's own ``__init__`` has none."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def _resolve(importer: str, node: ast.ImportFrom | ast.Import) -> list[str]:
    """The pressroom modules a statement imports (a name imported from a package counts as
    its module where one of that name exists)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.startswith("pressroom")]
    if node.level:
        package = importer if MODULES[importer].name == "__init__.py" else importer.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{node.module}" if node.module else package
    else:
        base = node.module or ""
    if not base.startswith("pressroom"):
        return []
    found = []
    for alias in node.names:
        candidate = f"{base}.{alias.name}"
        found.append(candidate if candidate in MODULES else base)
    return found


def _imports() -> dict[str, list[tuple[str, int, bool]]]:
    """Module → (imported module, line, at module level) for every import of pressroom."""
    graph: dict[str, list[tuple[str, int, bool]]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {id(node) for node in tree.body}
        edges = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                edges.extend((target, node.lineno, id(node) in top) for target in _resolve(module, node))
        graph[module] = edges
    return graph


GRAPH = _imports()


def test_every_layer_is_a_known_package_with_a_docstring() -> None:
    for module, path in MODULES.items():
        layer = _layer(module)
        assert layer is None or layer in LAYERS, f"{module}: not in a known layer {sorted(LAYERS)}"
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert docstring, f"{path.relative_to(PACKAGE.parent)} has no docstring saying what it owns"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_downward(module: str) -> None:
    own = _layer(module)
    for target, line, _ in GRAPH[module]:
        other = _layer(target)
        if own is None or other is None or other == own:
            continue
        assert LAYERS[other] < LAYERS[own], (
            f"{MODULES[module].relative_to(PACKAGE.parent)}:{line}: {own} imports {target}, a layer above or beside it"
        )


def test_imports_stand_at_the_top_of_modules() -> None:
    """An import inside a function hides a dependency (and, often, a cycle)."""
    inner = [
        f"{MODULES[module].relative_to(PACKAGE.parent)}:{line}: imports {target} inside a function"
        for module, edges in GRAPH.items()
        for target, line, at_top in edges
        if not at_top and target != module
    ]
    assert not inner, "\n".join(inner)


def test_no_import_cycles() -> None:
    edges = {module: {target for target, _, _ in GRAPH[module] if target in MODULES} for module in MODULES}
    # A package's __init__ is imported on the way to its modules: it may not import them back.
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                cycles.append(" → ".join([*stack[stack.index(target) :], target]))
            elif target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(MODULES):
        if module not in state:
            visit(module)
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


BENCHMARK_DATA = {"pools.py"}
"""Benchmark modules that hold data, not code: the corpus's aligned sentence pools."""


def test_modules_stay_small() -> None:
    """The engine's modules and the benchmark harness's alike."""
    benchmarks = [
        path for path in sorted((PACKAGE.parent / "benchmarks").glob("*.py")) if path.name not in BENCHMARK_DATA
    ]
    large = [
        f"{path.relative_to(PACKAGE.parent)}: {count} lines"
        for path in (*MODULES.values(), *benchmarks)
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert not large, f"modules over {MAX_LINES} lines (split them by what they own):\n" + "\n".join(large)


def test_the_rule_finds_an_upward_import(tmp_path: Path) -> None:
    """The checks above are only as good as the resolver: an upward import is seen."""
    node = ast.parse("from pressroom.pages.plans import PagePlan\nfrom ..output import render\n").body
    assert _resolve("pressroom.model.catalog", node[0]) == ["pressroom.pages.plans"]
    assert _resolve("pressroom.model.catalog", node[1]) == ["pressroom.output.render"]
