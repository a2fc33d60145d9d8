"""Reading input files line by line, with every problem located at file and line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from annotator.schemas import Problem


def json_lines(path: Path) -> Iterator[tuple[int, Any] | Problem]:
    """``(line number, parsed JSON value)`` for each non-blank line of ``path``, streamed.

    Lines that are not UTF-8 or not JSON come out as :class:`Problem` instead.
    """
    source = str(path)
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                yield Problem(source, number, f"invalid UTF-8 (byte {error.start + 1} of the line)")
                continue
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as error:
                yield Problem(source, number, f"invalid JSON: {error.msg} (column {error.colno})")


def describe_validation_error(error: ValidationError) -> str:
    """A pydantic error as one sentence per field: ``spans.0.end: Field required``."""
    parts = []
    for item in error.errors(include_url=False):
        where = ".".join(str(part) for part in item["loc"]) or "record"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)
