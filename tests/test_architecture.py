"""The layout holds: which folder may import which (docs/architecture.md), and no import cycles.

Read from the source with `ast`, so the test sees function-local imports too and needs no imports itself.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("vocab", "etl", "analysis", "ui", "pages", "demo")

# folder -> the project folders (and third-party roots) it must never import
FORBIDDEN: dict[str, set[str]] = {
    "vocab": {"etl", "analysis", "ui", "pages", "demo", "streamlit"},
    "etl": {"analysis", "ui", "pages", "demo", "streamlit"},
    "analysis": {"etl", "ui", "pages", "demo", "streamlit"},
    "ui": {"pages", "demo"},
    "pages": {"etl", "pages", "demo"},
    "demo": {"analysis", "ui", "pages", "streamlit"},
}

# Inside etl/ the steps run one way: core <- extract <- parse <- resolve/derive <- build/maintain. The readers and the
# parser take their errors and the registry from etl.core, never from a later step.
LATER_STEPS = ("etl.resolve", "etl.derive", "etl.build", "etl.maintain", "etl.cli")
ETL_FORBIDDEN: dict[str, tuple[str, ...]] = {
    "etl.core": ("etl.extract", "etl.parse", *LATER_STEPS),
    "etl.extract": ("etl.parse", *LATER_STEPS),
    "etl.parse": LATER_STEPS,
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {_module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}
    found["app"] = ROOT / "app.py"
    return found


MODULES = _modules()


@functools.cache
def _imports(name: str, path: Path) -> frozenset[str]:
    """Every module `name` imports (absolute names), wherever in the file the import stands. Each file is parsed
    once per worker (when a test first asks), not at collection and again in every test."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                out.add(candidate if candidate in MODULES else base)
    return frozenset(out)


@functools.cache
def _graph() -> dict[str, set[str]]:
    """Who imports whom among the project's modules."""
    return {name: {m for m in _imports(name, path) if m in MODULES and m != name} for name, path in MODULES.items()}


def test_the_layout_exists():
    assert {"vocab.keys", "vocab.terms", "vocab.paths", "vocab.periods", "etl.extract.sources", "etl.core.registry",
            "etl.build.validate", "etl.build.load", "etl.build.pipeline", "etl.cli", "etl.build.schema", "ui.guard",
            "demo"} <= MODULES.keys()
    assert not (ROOT / "etl" / "demo").exists()
    assert not [p.name for p in (ROOT / "pages").iterdir() if p.suffix != ".py" or p.name.startswith("_")]


def test_page_files_are_named_as_their_urls():
    """Streamlit serves a page file under its stem before any session ran st.navigation: stem == URL."""
    from ui.navigation import PAGES

    assert sorted(p.name for p in (ROOT / "pages").glob("*.py")) == sorted(f"{s.url_path}.py" for s in PAGES)
    assert all(spec.script == f"pages/{spec.url_path}.py" for spec in PAGES)


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_allowed_import_directions(folder):
    wrong = sorted((name, imported) for name, path in MODULES.items() if name.split(".")[0] == folder
                   for imported in _imports(name, path) if imported.split(".")[0] in FORBIDDEN[folder])
    assert wrong == []


@pytest.mark.parametrize("step", sorted(ETL_FORBIDDEN))
def test_etl_steps_import_one_way(step):
    wrong = sorted((name, imported) for name, path in MODULES.items() if f"{name}.".startswith(f"{step}.")
                   for imported in _imports(name, path)
                   if any(f"{imported}.".startswith(f"{later}.") for later in ETL_FORBIDDEN[step]))
    assert wrong == []


def test_pages_import_only_ui_analysis_and_vocab():
    project = {*PACKAGES, "app"}
    wrong = sorted((name, imported) for name, path in MODULES.items() if name.startswith("pages.")
                   for imported in _imports(name, path)
                   if imported.split(".")[0] in project and imported.split(".")[0] not in {"ui", "analysis", "vocab"})
    assert wrong == []


def test_every_page_starts_with_the_guard():
    """The first statement after the docstring and imports is `f = page_start(...)` (login + filters)."""
    for path in sorted((ROOT / "pages").glob("*.py")):
        body = [n for n in ast.parse(path.read_text(encoding="utf-8")).body
                if not isinstance(n, ast.Import | ast.ImportFrom)
                and not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
        first = body[0]
        call = first.value if isinstance(first, ast.Assign | ast.Expr) else None
        name = getattr(call.func, "id", getattr(call.func, "attr", "")) if isinstance(call, ast.Call) else None
        assert name == "page_start", path.name


def _cycle() -> list[str] | None:
    """One import cycle among the project's modules, or None (depth-first search)."""
    graph = _graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_no_import_cycles():
    # A package importing its own submodules from __init__ (analysis.report -> analysis.report.docx -> ...)
    # is not a cycle as long as the submodules do not import the package back; _graph() holds exact modules.
    assert _cycle() is None
