"""The layout shows the layers (issue 13): a flat top, no import cycles, thin CLI commands,
small modules and small functions. Read from the sources with `ast`, nothing is imported.

The import graph has one node per module; a package's `__init__` is a node of its own even
when it only re-exports, so a re-export never hides an edge. An import counts wherever it
is written (inside functions too), except in an `if TYPE_CHECKING:` block. `from P import n`
is an edge to the module `P.n` when there is one, else to `P`. Importing `a.b.c` also runs
the packages `a` and `a.b`, so it is an edge to those too, unless the importer sits inside
them (its own packages are already being imported when it runs).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "journeykit"

MAX_LOOSE_MODULES = 10
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60
CLI_HELPERS = frozenset(
    {
        "journeykit.cli.common",
        "journeykit.cli.measuring",
        "journeykit.cli.options",
        "journeykit.cli.progress",
    }
)

# --- Temporary allow-lists: today's violations that other people are fixing. ---------------
# The lead empties these. An entry that no longer matches a violation fails the test too, so
# each one is removed as soon as its fix lands; nothing new may be added here.

_RULES = "journeykit.checks.rules."
ALLOWED_CYCLES: frozenset[frozenset[str]] = frozenset()

ALLOWED_CLI_IMPORTS: frozenset[tuple[str, str]] = frozenset()

# "path/in/journeykit.py:Qualified.name" -> its length today, which it may not outgrow.
ALLOWED_LONG_FUNCTIONS: Mapping[str, int] = {}

# "path/in/journeykit.py" -> its length today, which it may not outgrow.
ALLOWED_LONG_MODULES: Mapping[str, int] = {}


# --- The sources --------------------------------------------------------------------------


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    is_package: bool

    @property
    def rel(self) -> str:
        return self.path.relative_to(PACKAGE).as_posix()

    @property
    def package(self) -> str:
        """The package relative imports start from."""
        return self.name if self.is_package else self.name.rpartition(".")[0]

    def own_packages(self) -> set[str]:
        """The packages that are already being imported whenever this module runs."""
        parts = self.name.split(".")
        return {".".join(parts[:i]) for i in range(1, len(parts) + 1)}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    line: int
    via: str
    """The module the import statement names, when the edge is to one of its packages."""

    def describe(self, modules: Mapping[str, Module]) -> str:
        where = f"{modules[self.source].rel}:{self.line}"
        why = f" (importing {self.via} runs it)" if self.via != self.target else ""
        return f"{self.source} -> {self.target}{why}  [{where}]"


@cache
def modules() -> dict[str, Module]:
    found: dict[str, Module] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        is_package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if is_package else parts)
        found[name] = Module(name, path, is_package)
    return found


@cache
def tree(name: str) -> ast.Module:
    module = modules()[name]
    return ast.parse(module.path.read_text(encoding="utf-8"), str(module.path))


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for branch in child.orelse:
                yield from _imports_in(branch)
            continue
        yield from _imports_in(child)


def _imports_in(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    yield from _imports(node)


def _known(name: str) -> str | None:
    """The longest prefix of a dotted name that is one of our modules."""
    known = modules()
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def _named(module: Module, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The modules of ours an import statement names."""
    known = modules()
    if isinstance(node, ast.Import):
        for alias in node.names:
            if (target := _known(alias.name)) is not None:
                yield target
        return
    if node.level:
        base = module.package.split(".")
        base = base[: len(base) - (node.level - 1)]
        origin = ".".join([*base, node.module] if node.module else base)
    else:
        origin = node.module or ""
    for alias in node.names:
        if f"{origin}.{alias.name}" in known:
            yield f"{origin}.{alias.name}"
        elif (target := _known(origin)) is not None:
            yield target


@cache
def edges() -> tuple[Edge, ...]:
    found: dict[tuple[str, str], Edge] = {}
    for name, module in modules().items():
        own = module.own_packages()
        for node in _imports(tree(name)):
            for named in _named(module, node):
                parts = named.split(".")
                targets = [".".join(parts[:i]) for i in range(1, len(parts))]
                for target in [named, *(t for t in targets if t not in own)]:
                    if target != name and (name, target) not in found:
                        found[name, target] = Edge(name, target, node.lineno, named)
    return tuple(sorted(found.values(), key=lambda e: (e.source, e.target)))


def strongly_connected(nodes: list[str], out: Mapping[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one node, iteratively."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(out.get(root, [])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = len(index)
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(out.get(succ, []))))
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component: list[str] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return components


def cycles() -> list[list[str]]:
    out: dict[str, list[str]] = {}
    for edge in edges():
        out.setdefault(edge.source, []).append(edge.target)
    return strongly_connected(sorted(modules()), out)


def describe_cycle(members: list[str]) -> str:
    inside = set(members)
    lines = [f"cycle of {len(members)} modules: {', '.join(members)}"]
    lines += [
        "    " + edge.describe(modules())
        for edge in edges()
        if edge.source in inside and edge.target in inside
    ]
    return "\n".join(lines)


@dataclass(frozen=True)
class Function:
    key: str
    where: str
    length: int


def functions() -> Iterator[Function]:
    for name, module in modules().items():
        yield from _functions_in(tree(name), module, "")


def _functions_in(node: ast.AST, module: Module, prefix: str) -> Iterator[Function]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            qualname = prefix + child.name
            if not isinstance(child, ast.ClassDef):
                length = (child.end_lineno or child.lineno) - child.lineno + 1
                where = f"{module.rel}:{child.lineno}"
                yield Function(f"{module.rel}:{qualname}", where, length)
            yield from _functions_in(child, module, qualname + ".")
        else:
            yield from _functions_in(child, module, prefix)


def module_lines() -> dict[str, int]:
    return {m.rel: len(m.path.read_text(encoding="utf-8").splitlines()) for m in modules().values()}


# --- The checks ---------------------------------------------------------------------------


def test_the_top_of_the_package_is_small() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    assert len(loose) <= MAX_LOOSE_MODULES, f"{len(loose)} loose modules: {', '.join(loose)}"


def test_no_import_cycles() -> None:
    found = [c for c in cycles() if frozenset(c) not in ALLOWED_CYCLES]
    assert not found, "import cycles:\n" + "\n".join(describe_cycle(c) for c in found)


def cli_imports() -> list[Edge]:
    """Edges from a command module to a CLI module that is not a shared helper."""
    commands = {m for m in modules() if m.startswith("journeykit.cli.")} - CLI_HELPERS
    return [
        edge
        for edge in edges()
        if edge.source in commands and edge.target.startswith("journeykit.cli")
        if edge.target not in CLI_HELPERS
    ]


def test_cli_commands_do_not_import_each_other() -> None:
    bad = [
        edge.describe(modules())
        for edge in cli_imports()
        if (edge.source, edge.target) not in ALLOWED_CLI_IMPORTS
    ]
    assert not bad, "CLI commands import other CLI modules:\n" + "\n".join(bad)


def test_modules_are_small() -> None:
    long = [
        f"{rel}: {n} lines (limit {MAX_MODULE_LINES})"
        for rel, n in sorted(module_lines().items())
        if n > max(MAX_MODULE_LINES, ALLOWED_LONG_MODULES.get(rel, 0))
    ]
    assert not long, "modules over the limit:\n" + "\n".join(long)


def test_functions_are_small() -> None:
    long = [
        f"{f.where}: {f.key.partition(':')[2]} is {f.length} lines (limit {MAX_FUNCTION_LINES})"
        for f in functions()
        if f.length > max(MAX_FUNCTION_LINES, ALLOWED_LONG_FUNCTIONS.get(f.key, 0))
    ]
    assert not long, "functions over the limit:\n" + "\n".join(long)


def test_the_allow_lists_are_not_stale() -> None:
    found = {frozenset(c) for c in cycles()}
    lengths = {f.key: f.length for f in functions()}
    sizes = module_lines()
    stale = [f"cycle {sorted(c)} is gone" for c in ALLOWED_CYCLES if c not in found]
    imports = {(e.source, e.target) for e in cli_imports()}
    stale += [f"{a} -> {b} is gone" for a, b in sorted(ALLOWED_CLI_IMPORTS - imports)]
    stale += [
        f"{key} is gone or short now"
        for key in ALLOWED_LONG_FUNCTIONS
        if lengths.get(key, 0) <= MAX_FUNCTION_LINES
    ]
    stale += [
        f"{rel} is gone or short now"
        for rel in ALLOWED_LONG_MODULES
        if sizes.get(rel, 0) <= MAX_MODULE_LINES
    ]
    assert not stale, "remove these from the allow-lists in this file:\n" + "\n".join(stale)


# --- The checker checks itself on small made-up graphs ------------------------------------


def test_tarjan_finds_each_cycle_once() -> None:
    out = {"a": ["b"], "b": ["c", "d"], "c": ["a"], "d": ["e"], "e": ["d"], "f": ["f"]}
    assert strongly_connected(sorted("abcdef"), out) == [["d", "e"], ["a", "b", "c"]]


def test_edges_resolve_packages_and_submodules() -> None:
    by_pair = {(e.source, e.target): e for e in edges()}
    # `from journeykit import builtin_checks as bc` is the module, not journeykit/__init__.
    assert ("journeykit.checks.references", "journeykit.builtin_checks") in by_pair
    assert ("journeykit.checks.references", "journeykit") not in by_pair
    # Importing model.common from model.journey does not count model/__init__ ...
    assert ("journeykit.model.journey", "journeykit.model") not in by_pair
    # ... but importing it from elsewhere runs model/__init__.
    assert by_pair["journeykit.render.common", "journeykit.model"].via == "journeykit.model"
    # An import inside a function counts (render/__init__ picks the Mermaid module late).
    assert ("journeykit.render", "journeykit.render.mermaid_export") in by_pair


def test_relative_imports_resolve_to_modules() -> None:
    view = modules()["journeykit.render.flow_view"]
    package = modules()["journeykit.render"]
    source = """
from .common import clean
from . import common, View
from .. import findings
from ..model import Journey
from ..model.journey import Stage
"""
    nodes = list(_imports(ast.parse(source)))
    assert [sorted(set(_named(view, n))) for n in nodes] == [
        ["journeykit.render.common"],
        ["journeykit.render", "journeykit.render.common"],
        ["journeykit.findings"],
        ["journeykit.model"],
        ["journeykit.model.journey"],
    ]
    # In a package's __init__, `.` is the package itself.
    assert list(_named(package, nodes[0])) == ["journeykit.render.common"]


def test_imports_in_functions_count_and_type_checking_ones_do_not() -> None:
    source = """
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    import a
else:
    import b
def f():
    import c
    if typing.TYPE_CHECKING:
        import d
class K:
    def g(self):
        from e import x
"""
    found = [ast.unparse(node) for node in _imports(ast.parse(source))]
    assert found == ["from typing import TYPE_CHECKING", "import b", "import c", "from e import x"]
