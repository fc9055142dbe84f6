"""Diffing the small keyed lists inside stages and touchpoints: KPIs, pain points,
opportunities; and the fields of any paired item."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel

from journeykit.diff.changes import Action, Collector, Element
from journeykit.diff.fields import (
    KPI_FIELDS,
    OPPORTUNITY_FIELDS,
    PAIN_POINT_FIELDS,
    changed_fields,
    field_label,
    show,
    show_pair,
)
from journeykit.diff.match import content_key, match_items
from journeykit.findings import Location

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Owner:
    """The item a change belongs to, for the sentence, the target path and the mark."""

    words: str
    """e.g. "touchpoint 'cart-sms'"."""
    target: str
    """e.g. "touchpoints[cart-sms]"."""
    mark: str | None
    locate: Callable[..., Location | None]
    """Path parts below the owner -> a location in the new version, or None."""


def report_fields(
    c: Collector,
    owner: Owner,
    element: Element,
    old: BaseModel,
    new: BaseModel,
    table: Mapping[str, str],
    skip: frozenset[str] = frozenset(),
    fallback: str = "text-changed",
) -> None:
    for name, before, after in changed_fields(old, new, skip):
        shown_before, shown_after = show_pair(before, after)
        c.add(
            table.get(name, fallback),
            element,
            Action.changed,
            f"{owner.target}.{name}",
            f"{owner.words}: {field_label(name)} {shown_before} -> {shown_after}",
            mark=owner.mark,
            old=before,
            new=after,
            location=owner.locate(name),
        )


@dataclass(frozen=True, slots=True)
class SubList:
    """How to report one kind of keyed sub-list, e.g. the KPIs of a stage."""

    key: str
    """The field holding the list: `kpis`, `pain_points`, `opportunities`."""
    element: Element
    words: str
    """What one item is called: "KPI", "pain point"."""
    added: str
    removed: str
    fields: Mapping[str, str]
    changed: str
    renamed: str | None = None
    """The kind of a rename (content kept, id changed); None: ids alone pair items."""


KPIS = SubList(
    "kpis",
    Element.kpi,
    "KPI",
    "kpi-added",
    "kpi-removed",
    KPI_FIELDS,
    "kpi-changed",
    "kpi-id-changed",
)
PAIN_POINTS = SubList(
    "pain_points",
    Element.pain_point,
    "pain point",
    "pain-point-added",
    "pain-point-removed",
    PAIN_POINT_FIELDS,
    "pain-point-changed",
)
OPPORTUNITIES = SubList(
    "opportunities",
    Element.opportunity,
    "opportunity",
    "opportunity-added",
    "opportunity-removed",
    OPPORTUNITY_FIELDS,
    "opportunity-changed",
)


def report_sublist(
    c: Collector,
    owner: Owner,
    kind: SubList,
    old: Sequence[M],
    new: Sequence[M],
) -> dict[str, str]:
    """Items of one keyed list added, removed, renamed, changed field by field; return
    the renames (old id -> new id)."""
    matching = match_items(old, new, _id, content_key if kind.renamed else None)
    for i, j in matching.pairs:
        item = new[j]
        if kind.renamed and _id(old[i]) != _id(item):
            c.add(
                kind.renamed,
                kind.element,
                Action.renamed,
                f"{owner.target}.{kind.key}[{_id(item)}]",
                f"{kind.words} {_id(old[i])!r} of {owner.words} renamed to {_id(item)!r}",
                mark=owner.mark,
                old=_id(old[i]),
                new=_id(item),
                location=owner.locate(kind.key, j, "id"),
            )
        sub = Owner(
            f"{kind.words} {_id(item)!r} of {owner.words}",
            f"{owner.target}.{kind.key}[{_id(item)}]",
            owner.mark,
            _below(owner, kind.key, j),
        )
        report_fields(c, sub, kind.element, old[i], item, kind.fields, fallback=kind.changed)
    for j in matching.added:
        item = new[j]
        c.add(
            kind.added,
            kind.element,
            Action.added,
            f"{owner.target}.{kind.key}[{_id(item)}]",
            f"{kind.words} {_id(item)!r} added to {owner.words}{_named(item)}",
            mark=owner.mark,
            new=_id(item),
            location=owner.locate(kind.key, j),
        )
    for i in matching.removed:
        item = old[i]
        c.add(
            kind.removed,
            kind.element,
            Action.removed,
            f"{owner.target}.{kind.key}[{_id(item)}]",
            f"{kind.words} {_id(item)!r} removed from {owner.words}{_named(item)}",
            mark=owner.mark,
            old=_id(item),
            location=owner.locate(kind.key),
        )
    return matching.renamed


def _id(item: BaseModel) -> str:
    return str(getattr(item, "id", ""))


def _named(item: BaseModel) -> str:
    name = getattr(item, "name", None) or getattr(item, "description", None)
    return f" ({show(name)})" if isinstance(name, str) else ""


def _below(owner: Owner, *parts: str | int) -> Callable[..., Location | None]:
    def locate(*more: str | int) -> Location | None:
        return owner.locate(*parts, *more)

    return locate
