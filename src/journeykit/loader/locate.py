"""From a path of keys and indexes to the YAML node, its line and column."""

from __future__ import annotations

from collections.abc import Sequence

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from journeykit.findings import Location

PathPart = str | int


def format_path(parts: Sequence[PathPart]) -> str:
    """`("touchpoints", 2, "channel")` -> `touchpoints[2].channel`."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def find_node(
    root: Node | None, parts: Sequence[PathPart], *, key: bool = False
) -> tuple[Node | None, list[PathPart]]:
    """Follow `parts` as far as they lead; return the node reached and the parts used.

    Parts that do not match (pydantic adds union member names such as `Transition`)
    are skipped. With `key=True` a final mapping key points at the key, not its value.
    """
    node = root
    used: list[PathPart] = []
    last = len(parts) - 1
    for i, part in enumerate(parts):
        if isinstance(node, MappingNode) and isinstance(part, str):
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value == part:
                    node = key_node if key and i == last else value_node
                    used.append(part)
                    break
        elif (
            isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value)
        ):
            node = node.value[part]
            used.append(part)
    return node, used


def locate(
    file: str, root: Node | None, parts: Sequence[PathPart], *, key: bool = False
) -> Location:
    node, _ = find_node(root, parts, key=key)
    if node is None:
        return Location(file, 1, 1, format_path(parts))
    start, end = node.start_mark, node.end_mark
    return Location(
        file,
        start.line + 1,
        start.column + 1,
        format_path(parts),
        end.line + 1,
        end.column + 1,
    )
