"""The shared catalogs: personas and channels added, removed (still referenced or not)
and changed, including each persona's channel preferences."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from journeykit.diff.changes import Action, Change, Collector, Element
from journeykit.diff.fields import CHANNEL_FIELDS, field_label, show
from journeykit.diff.items import Owner, report_fields
from journeykit.diff.rules import Level
from journeykit.findings import Location
from journeykit.model import Channel, ChannelPreference, Persona
from journeykit.workspace.project import Located, Project

InScope = Callable[[str], bool]


def diff_catalog(
    old: Project,
    new: Project,
    levels: Callable[[str], Level | None],
    old_scope: InScope,
    new_scope: InScope,
) -> list[Change]:
    c = Collector(levels)
    for pid in _ids(old.personas, new.personas, old_scope, new_scope):
        _persona(c, old.personas.get(pid), new.personas.get(pid), new)
    for cid in _ids(old.channels, new.channels, old_scope, new_scope):
        _channel(c, old.channels.get(cid), new.channels.get(cid), new)
    return c.changes


def _ids(
    old: Mapping[str, Located[object]],
    new: Mapping[str, Located[object]],
    old_scope: InScope,
    new_scope: InScope,
) -> list[str]:
    keys = [k for k, v in old.items() if old_scope(v.source.rel)]
    keys += [k for k, v in new.items() if new_scope(v.source.rel) and k not in old]
    return keys


def _persona(
    c: Collector, old: Located[Persona] | None, new: Located[Persona] | None, project: Project
) -> None:
    if new is None and old is not None:
        users = [
            j.item.id
            for j in project.journeys.values()
            if old.item.id in j.item.personas
            or any(old.item.id in t.personas for t in j.item.touchpoints)
        ]
        _removed(c, Element.persona, old.item.id, old.item.name, users)
        return
    if new is None:
        return
    target = f"personas[{new.item.id}]"
    if old is None:
        c.add(
            "persona-added",
            Element.persona,
            Action.added,
            target,
            f"persona {new.item.id!r} ({show(new.item.name)}) added to the catalog",
            new=new.item.id,
            location=new.locate(),
        )
        return
    owner = Owner(f"persona {new.item.id!r}", target, None, _locator(new))
    skip = frozenset({"channels"})
    report_fields(c, owner, Element.persona, old.item, new.item, {}, skip, "persona-changed")
    _preferences(c, owner, old.item.channels, new.item.channels)


def _preferences(
    c: Collector, owner: Owner, old: list[ChannelPreference], new: list[ChannelPreference]
) -> None:
    before = {p.channel: p for p in old}
    after = {p.channel: p for p in new}
    for channel in [*before, *(k for k in after if k not in before)]:
        was, now = before.get(channel), after.get(channel)
        if was == now:
            continue
        c.add(
            "channel-preference-changed",
            Element.persona,
            Action.changed,
            f"{owner.target}.channels[{channel}]",
            f"{owner.words}: channel {channel} {_preference(was)} -> {_preference(now)}",
            old=_preference(was),
            new=_preference(now),
            location=owner.locate("channels"),
        )


def _preference(pref: ChannelPreference | None) -> str:
    if pref is None:
        return "(not listed)"
    consent = f", {pref.consent.value}" if pref.consent else ""
    return f"{pref.preference.value}{consent}"


def _channel(
    c: Collector, old: Located[Channel] | None, new: Located[Channel] | None, project: Project
) -> None:
    if new is None and old is not None:
        cid = old.item.id
        users = [
            j.item.id
            for j in project.journeys.values()
            if any(t.channel == cid or cid in t.opt_in for t in j.item.touchpoints)
        ]
        _removed(c, Element.channel, cid, old.item.name, users)
        return
    if new is None:
        return
    target = f"channels[{new.item.id}]"
    if old is None:
        c.add(
            "channel-added",
            Element.channel,
            Action.added,
            target,
            f"channel {new.item.id!r} ({show(new.item.name)}) added to the catalog",
            new=new.item.id,
            location=new.locate(),
        )
        return
    owner = Owner(f"channel {new.item.id!r}", target, None, _locator(new))
    report_fields(c, owner, Element.channel, old.item, new.item, CHANNEL_FIELDS)


def _removed(c: Collector, element: Element, item_id: str, name: str, users: list[str]) -> None:
    words = field_label(element.value)
    target = f"{element.value}s[{item_id}]"
    if users:
        names = ", ".join(repr(u) for u in sorted(users))
        c.add(
            f"referenced-{element.value}-removed",
            element,
            Action.removed,
            target,
            f"{words} {item_id!r} removed from the catalog, but journey"
            f"{'s' * (len(users) != 1)} {names} still use{'s' * (len(users) == 1)} it",
            old=item_id,
        )
    else:
        c.add(
            f"{element.value}-removed",
            element,
            Action.removed,
            target,
            f"{words} {item_id!r} ({show(name)}) removed from the catalog",
            old=item_id,
        )


def _locator(at: Located[Persona] | Located[Channel]) -> Callable[..., Location | None]:
    def locate(*parts: str | int) -> Location | None:
        return at.locate(*parts)

    return locate
