"""The two registry shapes: items keyed by their own code, and formatters by name.

A rule or check names its code once, in its own definition; `keyed` builds the table
from an explicit list and refuses two items with one key. A formatter registry names
`module:function` and imports the module only when that format is asked for, so a
command imports the one formatter it prints with, and a formatter module can import
what its package shares without the package importing it back.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import TypeVar, cast

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
F = TypeVar("F")


def keyed(items: Iterable[T], key: Callable[[T], K]) -> dict[K, T]:
    """`items` by `key(item)`, in their order; a key given twice raises at once."""
    out: dict[K, T] = {}
    for item in items:
        k = key(item)
        if k in out:
            raise ValueError(f"two registry entries share the key {k!r}")
        out[k] = item
    return out


class LazyRegistry(Mapping[str, F]):
    """Name -> `"module:attribute"`, imported on first lookup."""

    def __init__(self, targets: Mapping[str, str]) -> None:
        for name, target in targets.items():
            if target.count(":") != 1:
                raise ValueError(f"{name!r}: {target!r} is not 'module:attribute'")
        self._targets = dict(targets)

    def __getitem__(self, name: str) -> F:
        module, attribute = self._targets[name].split(":")
        return cast(F, getattr(importlib.import_module(module), attribute))

    def __iter__(self) -> Iterator[str]:
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)

    def target(self, name: str) -> str:
        """Where `name` lives, without importing it."""
        return self._targets[name]
