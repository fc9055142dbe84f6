"""Fuzzing the loader: mutated example files and random YAML never break it.

Every input, however broken, must load into findings that point inside the file, and the
fast path (values straight from events) must agree with composing and walking the tree.
Budget: the `ci` profile (when CI is set) keeps the whole fuzz suite under a minute.
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit.findings import Finding, Location
from journeykit.loader import fastpath, walker, yamlread
from journeykit.loader.source import Limits, load_bytes
from journeykit.model import FileKind

REPO = Path(__file__).resolve().parent.parent
CI = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")

settings.register_profile(
    "journeykit-fuzz-ci",
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "journeykit-fuzz",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_PROFILE = settings.get_profile("journeykit-fuzz-ci" if CI else "journeykit-fuzz")
_EXAMPLES = os.environ.get("JOURNEYKIT_FUZZ_EXAMPLES")  # a longer hunt, say 5000
FUZZ = settings(_PROFILE, max_examples=int(_EXAMPLES)) if _EXAMPLES else _PROFILE


def seed_files() -> list[tuple[str, bytes]]:
    """The example workspaces and the init templates: realistic files to mutate."""
    found = []
    for folder in (REPO / "examples", REPO / "src" / "journeykit" / "templates" / "init"):
        found += sorted(folder.rglob("*.yaml"))
    return [(p.name, p.read_bytes()) for p in found]


SEEDS = seed_files()

# --- mutations: each takes the file and a random source, returns the broken file ---

Mutation = Callable[[bytes, random.Random], bytes]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def _at_line(
    data: bytes, rnd: random.Random, change: Callable[[list[bytes], int], object]
) -> bytes:
    lines = _lines(data)
    change(lines, rnd.randrange(len(lines)))
    return b"".join(lines)


def delete_line(data: bytes, rnd: random.Random) -> bytes:
    return _at_line(data, rnd, lambda lines, i: lines.pop(i))


def duplicate_line(data: bytes, rnd: random.Random) -> bytes:
    return _at_line(data, rnd, lambda lines, i: lines.insert(i, lines[i]))


def swap_lines(data: bytes, rnd: random.Random) -> bytes:
    lines = _lines(data)
    i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"".join(lines)


def shuffle_block(data: bytes, rnd: random.Random) -> bytes:
    lines = _lines(data)
    start = rnd.randrange(len(lines))
    block = lines[start : start + rnd.randint(2, 8)]
    rnd.shuffle(block)
    lines[start : start + len(block)] = block
    return b"".join(lines)


INTERESTING = [b"\t", b":", b"-", b"[", b"{", b"}", b"]", b"&", b"*", b"!", b"|", b">", b"'"]
INTERESTING += [b'"', b"#", b"%", b"@", b"`", b"?", b",", b"\\", b"\r", b"\n", b" ", b"\xc3"]


def flip_character(data: bytes, rnd: random.Random) -> bytes:
    if not data:
        return rnd.choice(INTERESTING)
    i = rnd.randrange(len(data))
    new = rnd.choice(INTERESTING) if rnd.random() < 0.7 else bytes([rnd.randrange(256)])
    return data[:i] + new + data[i + 1 :]


_VALUE = re.compile(rb"^(\s*(?:- )?[\w-]+: )(\S.*)$", re.M)


def anchors_and_aliases(data: bytes, rnd: random.Random) -> bytes:
    values = list(_VALUE.finditer(data))
    if not values:
        return data + b"x: &a [1]\ny: *a\n"
    chosen = rnd.choice(values)
    name = rnd.choice([b"a", b"b", b"x1"])
    data = data[: chosen.start(2)] + b"&" + name + b" " + data[chosen.start(2) :]
    values = list(_VALUE.finditer(data))
    target = rnd.choice(values)
    alias = rnd.choice([b"*" + name, b"*" + name, b"*missing", b"{<<: *" + name + b"}"])
    return data[: target.start(2)] + alias + data[target.end(2) :]


def insert_tab(data: bytes, rnd: random.Random) -> bytes:
    return _at_line(data, rnd, lambda lines, i: lines.__setitem__(i, b"\t" + lines[i]))


CONTROL = [bytes([c]) for c in (*range(0, 9), 11, 12, *range(14, 32), 127)]
CONTROL += [b"\xc2\x85", b"\xe2\x80\xa8", b"\xef\xbb\xbf", b"\xef\xbf\xbe"]


def insert_control(data: bytes, rnd: random.Random) -> bytes:
    i = rnd.randrange(len(data) + 1)
    return data[:i] + rnd.choice(CONTROL) + data[i:]


def deep_nesting(data: bytes, rnd: random.Random) -> bytes:
    depth = rnd.choice([50, 99, 100, 101, 150, 5000])
    if rnd.random() < 0.5:
        nest = b"deep: " + b"[" * depth + b"]" * rnd.choice([0, depth]) + b"\n"
    else:
        nest = b"".join(b"  " * i + b"k:\n" for i in range(min(depth, 400)))
    return _at_line(data, rnd, lambda lines, i: lines.insert(i, nest))


HUGE = [b"1" + b"0" * 5000, b"1e999", b"-.inf", b".nan", b"0x" + b"f" * 80, b"0o777", b"1_000"]
HUGE += [b"12:30:45", b"2025-13-45", b"-0", b"+12", b"0b1012", b"~", b"null", b"no", b"=", b"<<"]
# where YAML 1.2's core schema and PyYAML's 1.1 disagree (docs/format.md has the table)
HUGE += [b"19:30", b"1:20:30.5", b"010", b"0o17", b"0x1F", b"0X1F", b"-0x1F", b"1e3", b".5"]
HUGE += [b"5.", b"+.INF", b".NaN", b"yes", b"Off", b"Y", b"NULL", b"True", b"1_000.5", b"! 12"]
HUGE += [b"2025-01-02", b"2025-01-02T10:30:00Z", b"Use code #WELCOME", b"a #1 b"]


def huge_number(data: bytes, rnd: random.Random) -> bytes:
    values = list(_VALUE.finditer(data))
    if not values:
        return data + b"n: " + rnd.choice(HUGE) + b"\n"
    chosen = rnd.choice(values)
    return data[: chosen.start(2)] + rnd.choice(HUGE) + data[chosen.end(2) :]


def not_utf8(data: bytes, rnd: random.Random) -> bytes:
    bad = rnd.choice([b"\xff", b"\xfe\xff", b"\xc3(", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80"])
    i = rnd.randrange(len(data) + 1)
    return data[:i] + bad + data[i:]


def line_endings(data: bytes, rnd: random.Random) -> bytes:
    ending = rnd.choice([b"\r\n", b"\r", b"\n\n"])
    return data.replace(b"\n", ending)


def truncate(data: bytes, rnd: random.Random) -> bytes:
    return data[: rnd.randrange(len(data) + 1)]


EXTRAS = [
    b"---\n",
    b"...\n",
    b"--- !!map\n",
    b"%YAML 1.1\n",
    b"%TAG ! tag:example.com,2000:\n",
    b"x: !!python/object/apply:os.system [echo]\n",
    b"y: !custom 3\n",
    b"z: !!binary aGVsbG8=\n",
    b"? [complex, key]\n: value\n",
    b"<<: {merged: 1}\n",
    b"key: |\n  literal\n   more\n",
    b"key: >-\n folded\n",
    b'"unterminated: \n',
    b"- stray item\n",
]


def insert_yaml(data: bytes, rnd: random.Random) -> bytes:
    extra = rnd.choice(EXTRAS)
    return _at_line(data, rnd, lambda lines, i: lines.insert(i, extra))


def reindent(data: bytes, rnd: random.Random) -> bytes:
    change = rnd.choice([b" ", b"   ", b""])

    def edit(lines: list[bytes], i: int) -> None:
        lines[i] = change + lines[i].lstrip(b" ") if change else lines[i].lstrip(b" ")

    return _at_line(data, rnd, edit)


MUTATIONS: list[Mutation] = [
    delete_line,
    duplicate_line,
    swap_lines,
    shuffle_block,
    flip_character,
    anchors_and_aliases,
    insert_tab,
    insert_control,
    deep_nesting,
    huge_number,
    not_utf8,
    line_endings,
    truncate,
    insert_yaml,
    reindent,
]

mutations = st.lists(
    st.tuples(st.sampled_from(MUTATIONS), st.integers(0, 2**32 - 1)), min_size=1, max_size=4
)


def mutate(data: bytes, steps: list[tuple[Mutation, int]]) -> bytes:
    for mutation, seed in steps:
        data = mutation(data, random.Random(seed))
    return data


# --- what every finding must satisfy ---


def line_count(data: bytes) -> int:
    """Lines as an editor may count them: every kind of line break YAML knows, and more."""
    return len(data.decode("utf-8", "replace").splitlines())


def assert_inside(findings: list[Finding], data: bytes) -> None:
    for f in findings:
        assert re.fullmatch(r"JK\d{3}", f.code), f
        assert f.message, f
        assert_located(f.location, data)


def assert_located(loc: Location, data: bytes) -> None:
    last = line_count(data) + 1
    assert 1 <= loc.line <= last, f"{loc} (the file has {last - 1} lines)"
    assert loc.column >= 1, loc


# --- the properties ---


@FUZZ
@given(seed=st.sampled_from(SEEDS), steps=mutations)
def test_a_mutated_file_loads_into_findings_inside_it(
    seed: tuple[str, bytes], steps: list[tuple[Mutation, int]]
) -> None:
    name, original = seed
    data = mutate(original, steps)
    source = load_bytes(data, name, FileKind.for_name(name), Limits())
    assert_inside(source.findings, data)
    if source.text is not None and source.root is not None:
        assert_located(source.locate("id"), data)
        assert_located(source.locate("touchpoints", 0, "next", 0), data)


YAMLISH = st.text(alphabet=" \t\n-:[]{},&*!|>'\"#%@`?abc01.~\\<=\r\x85eox+_", max_size=120)


@FUZZ
@given(text=YAMLISH)
def test_random_yaml_loads_into_findings_inside_it(text: str) -> None:
    data = text.encode("utf-8")
    source = load_bytes(data, "x.journey.yaml")
    assert_inside(source.findings, data)


def composed(text: str, max_depth: int) -> tuple[object, list[Finding]]:
    """The value and findings of the general path: compose, then walk the tree."""
    result = yamlread.ParsedYaml(text=text)
    root = yamlread._compose(text, "f", result, max_depth)
    if root is None:
        return None, result.findings
    tree_walker = walker.Walker("f", Limits(max_depth=max_depth))
    try:
        value = tree_walker.value(root, 1)
    except walker.Abort as abort:
        return None, [*result.findings, abort.finding]
    return value, [*result.findings, *tree_walker.findings]


@FUZZ
@given(seed=st.sampled_from(SEEDS), steps=mutations, max_depth=st.sampled_from([3, 5, 100]))
def test_the_fast_path_agrees_with_composing_and_walking(
    seed: tuple[str, bytes], steps: list[tuple[Mutation, int]], max_depth: int
) -> None:
    text = mutate(seed[1], steps).decode("utf-8", "replace")
    fast = fastpath.build(text, max_depth)
    if fast is not None:
        assert composed(text, max_depth) == (fast, [])


@FUZZ
@given(text=YAMLISH)
def test_the_fast_path_agrees_on_random_yaml(text: str) -> None:
    fast = fastpath.build(text, 100)
    if fast is not None:
        assert composed(text, 100) == (fast, [])


SCALARISH = st.text(alphabet="0123456789+-._:eExXoObBafinNIFtrulsTRUELSyY~ #'\"!", max_size=12)


@FUZZ
@given(scalar=SCALARISH)
def test_the_fast_path_agrees_on_every_scalar_as_yaml_12_reads_it(scalar: str) -> None:
    text = f"v: {scalar}\nw:\n  - {scalar}\n"
    fast = fastpath.build(text, 100)
    if fast is not None:
        assert composed(text, 100) == (fast, [])
