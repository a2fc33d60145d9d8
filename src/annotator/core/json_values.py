"""Rules about JSON values (a document's ``meta``) that every store must be able to keep."""

from __future__ import annotations

import math

# Deep enough for any real metadata, shallow enough that encoding, storing (PostgreSQL's jsonb)
# and reading it back never come near a recursion limit.
MAX_DEPTH = 100


def json_value_problem(value: object, max_depth: int = MAX_DEPTH) -> str | None:
    """Why ``value`` cannot be stored as JSON and read back, or None.

    Refused: nesting deeper than ``max_depth`` containers, and NaN or infinite floats (SQLite
    would store them and export invalid JSON; PostgreSQL refuses them). Walked without
    recursion, so a value too deep for Python's recursion limit is reported, not raised.
    """
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list | tuple):
            if depth >= max_depth:
                return f"nests deeper than {max_depth} levels"
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
        elif isinstance(item, float) and not math.isfinite(item):
            return f"holds {item}, which is not a finite number (JSON has no NaN or Infinity)"
    return None
