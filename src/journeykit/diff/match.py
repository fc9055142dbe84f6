"""Pairing the items of two lists by id, recognising renames and order changes.

Ids make a diff set arithmetic: an item with the same id on both sides is the same item,
wherever it moved. Among the items left over, one whose content (everything but the id)
is equal to, or very like, a leftover on the other side is a rename, not a removal plus
an addition.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")

SIMILARITY = 0.8
"""The share of fields two items must have equal (ids aside) to count as a rename."""
_MAX_FUZZY_PAIRS = 10_000
"""Above this many leftover pairs, only exact-content renames are looked for."""


@dataclass(slots=True)
class Matching(Generic[T]):
    pairs: list[tuple[int, int]] = field(default_factory=list)
    """(old index, new index) of the same item, by id or as a rename; in old order."""
    renamed: dict[str, str] = field(default_factory=dict)
    """Old id -> new id for the pairs matched by content."""
    removed: list[int] = field(default_factory=list)
    added: list[int] = field(default_factory=list)
    reordered: set[int] = field(default_factory=set)
    """New indexes of paired items whose place relative to the others changed."""


Content = dict[str, str]
"""An item's fields apart from its id: name -> canonical JSON of the value."""


def content_key(item: BaseModel) -> Content:
    data = item.model_dump(mode="json", exclude={"id"}, exclude_defaults=True)
    return {k: json.dumps(v, sort_keys=True, ensure_ascii=False) for k, v in data.items()}


def similarity(a: Content, b: Content) -> float:
    """Equal fields over all fields either sets; field-wise, so shared keys alone (every
    touchpoint has a channel and a kind) do not make two items alike."""
    keys = a.keys() | b.keys()
    if not keys:
        return 1.0
    return sum(1 for k in keys if a.get(k) == b.get(k)) / len(keys)


def match_items(
    old: Sequence[T],
    new: Sequence[T],
    key: Callable[[T], str],
    content: Callable[[T], Content] | None = None,
) -> Matching[T]:
    """Pair `old` and `new` items: by `key`, then leftovers by `content` (renames)."""
    result: Matching[T] = Matching()
    new_by_key: dict[str, int] = {}
    for j, item in enumerate(new):
        new_by_key.setdefault(key(item), j)
    taken: set[int] = set()
    left_old: list[int] = []
    for i, item in enumerate(old):
        found = new_by_key.get(key(item))
        if found is None or found in taken:
            left_old.append(i)
        else:
            taken.add(found)
            result.pairs.append((i, found))
    left_new = [j for j in range(len(new)) if j not in taken]
    if content is not None and left_old and left_new:
        for i, j in _renames(old, new, left_old, left_new, content):
            result.pairs.append((i, j))
            result.renamed[key(old[i])] = key(new[j])
        paired_old = {i for i, _ in result.pairs}
        paired_new = {j for _, j in result.pairs}
        left_old = [i for i in left_old if i not in paired_old]
        left_new = [j for j in left_new if j not in paired_new]
    result.pairs.sort()
    result.removed = left_old
    result.added = left_new
    result.reordered = out_of_order([j for _, j in result.pairs])
    return result


def _renames(
    old: Sequence[T],
    new: Sequence[T],
    left_old: list[int],
    left_new: list[int],
    content: Callable[[T], Content],
) -> list[tuple[int, int]]:
    old_fields = {i: content(old[i]) for i in left_old}
    new_fields = {j: content(new[j]) for j in left_new}
    found: list[tuple[int, int]] = []
    by_text: dict[str, list[int]] = {}
    for j in left_new:
        by_text.setdefault(_text(new_fields[j]), []).append(j)
    rest_old = []
    for i in left_old:
        same = by_text.get(_text(old_fields[i]))
        if same:
            found.append((i, same.pop(0)))
        else:
            rest_old.append(i)
    used = {j for _, j in found}
    rest_new = [j for j in left_new if j not in used]
    if not rest_old or not rest_new or len(rest_old) * len(rest_new) > _MAX_FUZZY_PAIRS:
        return found
    scored: list[tuple[float, int, int]] = []
    for i in rest_old:
        for j in rest_new:
            score = similarity(old_fields[i], new_fields[j])
            if score >= SIMILARITY:
                scored.append((-score, i, j))
    done_old: set[int] = set()
    done_new: set[int] = set()
    for _, i, j in sorted(scored):
        if i not in done_old and j not in done_new:
            found.append((i, j))
            done_old.add(i)
            done_new.add(j)
    return found


def _text(fields: Content) -> str:
    return json.dumps(fields, sort_keys=True)


def out_of_order(positions: list[int]) -> set[int]:
    """The values that leave the longest increasing run: the items that moved."""
    if len(positions) < 2:
        return set()
    tails: list[int] = []
    tail_at: list[int] = []
    parent = [-1] * len(positions)
    for k, value in enumerate(positions):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < value:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(tails):
            tails.append(value)
            tail_at.append(k)
        else:
            tails[lo] = value
            tail_at[lo] = k
        parent[k] = tail_at[lo - 1] if lo else -1
    keep: set[int] = set()
    k = tail_at[-1]
    while k != -1:
        keep.add(positions[k])
        k = parent[k]
    return {p for p in positions if p not in keep}
