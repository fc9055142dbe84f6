"""One of each: one severity scale, one registry shape, codes written once, no cycles."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from journeykit.builtin_checks import BUILTIN_CHECKS
from journeykit.checks.rules import RULES
from journeykit.diff.formats import RENDERERS, DiffFormat
from journeykit.diff.rules import Level
from journeykit.findings import Severity
from journeykit.output import FORMATTERS, Format
from journeykit.registry import LazyRegistry, keyed

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "journeykit"


def test_a_change_level_is_a_severity_in_the_diffs_words() -> None:
    assert [int(level) for level in Level] == [int(s) for s in Severity]
    assert int(Level.BREAKING) == int(Severity.ERROR)
    assert Level.BREAKING.severity is Severity.ERROR
    assert Level(Severity.WARNING) is Level.WARNING
    assert Level.parse(" Breaking ") is Level.BREAKING and Level.BREAKING.label == "breaking"
    assert Severity.parse("info ") is Severity.INFO
    with pytest.raises(
        ValueError, match=r"^unknown severity 'x' \(expected error, warning or info\)$"
    ):
        Severity.parse("x")
    with pytest.raises(ValueError, match=r"^unknown change level 'ignore' \(expected breaking, "):
        Level.parse("ignore")
    with pytest.raises(ValueError):
        Severity.parse("breaking")


def test_each_format_name_has_one_formatter() -> None:
    assert list(FORMATTERS) == list(Format) and list(RENDERERS) == list(DiffFormat)
    assert all(callable(FORMATTERS[f]) for f in Format)
    assert all(callable(RENDERERS[f]) for f in DiffFormat)
    assert FORMATTERS.target(Format.sarif) == "journeykit.output.sarif:render"


def test_a_registry_entry_must_say_module_and_attribute() -> None:
    with pytest.raises(ValueError, match="not 'module:attribute'"):
        LazyRegistry[object]({"x": "journeykit.output.human.render"})


def test_the_registries_import_no_formatter_until_asked() -> None:
    probe = (
        "import sys\n"
        "import journeykit.output, journeykit.diff.formats\n"
        "print(' '.join(m for m in sys.modules if m.startswith('journeykit')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    loaded = set(done.stdout.split())
    assert "journeykit.output.context" in loaded and "journeykit.diff.format_base" in loaded
    formatters = {t.partition(":")[0] for r in (FORMATTERS, RENDERERS) for t in map(r.target, r)}
    assert loaded.isdisjoint(formatters)


def test_a_code_is_written_once_and_keys_its_registry() -> None:
    assert all(code == rule.code for code, rule in RULES.items())
    assert all(code == check.code for code, check in BUILTIN_CHECKS.items())
    assert list(RULES) == sorted(RULES)
    with pytest.raises(ValueError, match="share the key 'JK301'"):
        keyed([*RULES.values(), RULES["JK301"]], lambda rule: rule.code)


def _imports(path: Path, name: str) -> set[str]:
    """Every journeykit module `path` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)
    return {m for m in out if m.startswith("journeykit")}


@pytest.mark.parametrize("package", ["output", "diff"])
def test_a_formatter_package_has_no_import_cycle(package: str) -> None:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {n: _imports(p, n) & modules.keys() - {n} for n, p in modules.items()}

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), list(graph[start])
        while todo:
            here = todo.pop()
            if here == goal:
                return True
            if here not in seen:
                seen.add(here)
                todo.extend(graph[here])
        return False

    mine = [
        m for m in modules if m == f"journeykit.{package}" or m.startswith(f"journeykit.{package}.")
    ]
    assert [m for m in mine if reaches(m, m)] == []
