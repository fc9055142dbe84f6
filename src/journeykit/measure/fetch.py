"""Small results back to Python: only aggregates ever cross, never the log row by row."""

from __future__ import annotations

from typing import Any

import ibis.expr.types as ir


def rows(expr: ir.Table) -> list[dict[str, Any]]:
    """The rows of an (aggregated, small) table as dicts, nulls as None."""
    return list(expr.to_pyarrow().to_pylist())


def one(expr: ir.Table) -> dict[str, Any]:
    found = rows(expr)
    return found[0] if found else {}


def scalar(expr: ir.Scalar) -> Any:
    return expr.to_pyarrow().as_py()
