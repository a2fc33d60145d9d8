"""Rules about whole document texts (and names) that every store must follow."""

from __future__ import annotations

import re

TITLE_LENGTH = 200
# What str.splitlines splits on.
_LINE_BOUNDARY = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def unstorable(value: str) -> str | None:
    """Why ``value`` cannot be stored in every database (NUL, lone surrogate), or None."""
    if "\x00" in value:
        return "holds a NUL character (U+0000), which cannot be stored"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"holds an unpaired surrogate at character {error.start}"
    return None


def title_of(text: str) -> str:
    """The first non-blank line, stripped and cut to 200 characters."""
    # The same as the first ``line.strip()`` of ``text.splitlines()`` that is not empty, without
    # splitting the whole text: every line boundary is whitespace, so that line starts at the
    # first non-whitespace character and ends at the next boundary.
    rest = text.lstrip()
    end = _LINE_BOUNDARY.search(rest)
    return (rest if end is None else rest[: end.start()]).rstrip()[:TITLE_LENGTH]
