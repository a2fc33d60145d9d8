"""Reading input files line by line, with every problem located at file and line."""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from annotator.schemas import Problem


class _Refused(ValueError):
    """What JSON may hold but a record must not: NaN, +-Infinity, a key given twice."""


def _finite_float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):  # 1e400: too large for a float, so it reads as infinity
        raise _Refused(f"{token} is not a finite number (too large for a 64-bit float)")
    return value


def _no_constant(token: str) -> float:
    raise _Refused(f"{token} is not a finite number (JSON has no NaN or Infinity)")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) != len(pairs):
        twice = next(key for key, count in Counter(key for key, _ in pairs).items() if count > 1)
        raise _Refused(
            f"key {twice!r} appears twice in one JSON object (only one of its values would be kept)"
        )
    return value


# Python's json reads NaN, Infinity and 1e400 as floats that SQLite stores and then exports as
# invalid JSON, and that PostgreSQL refuses; and it keeps the last of two equal keys without a
# word. These hooks refuse all of them where they are read.
_DECODER = json.JSONDecoder(
    parse_float=_finite_float, parse_constant=_no_constant, object_pairs_hook=_unique_keys
)


def parse_json(line: str) -> Any:
    """The JSON value of ``line``; ValueError with one sentence saying what is wrong.

    Besides invalid JSON, refused: NaN and infinite numbers, a key twice in one object,
    integers longer than Python converts (``sys.get_int_max_str_digits()``), and nesting deeper
    than Python can parse.
    """
    try:
        return _DECODER.decode(line)
    except json.JSONDecodeError as error:
        message = f"invalid JSON: {error.msg} (column {error.colno})"
    except (_Refused, ValueError, RecursionError) as error:
        message = _refusal(error)
    raise ValueError(message)


def json_lines(path: Path) -> Iterator[tuple[int, Any] | Problem]:
    """``(line number, parsed JSON value)`` for each non-blank line of ``path``, streamed.

    Lines that are not UTF-8 or not JSON (see :func:`parse_json`) come out as
    :class:`Problem` instead.
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
            if line.isspace() or not line:  # blank (isspace stops at the first other character)
                continue
            try:
                yield number, parse_json(line)
            except ValueError as error:
                yield Problem(source, number, str(error))


# pydantic's wording for the error types a JSON record meets, said in JSON's terms.
_IN_JSON_TERMS = {
    "dict_type": "must be a JSON object",
    "list_type": "must be a JSON array",
    "string_type": "must be a string",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "missing": "is missing",
}


def describe_validation_error(error: ValidationError) -> str:
    """A pydantic error as one sentence per field: ``spans.0.end: is missing``."""
    parts = []
    for item in error.errors(include_url=False):
        where = ".".join(str(part) for part in item["loc"]) or "record"
        message = _IN_JSON_TERMS.get(item["type"], item["msg"])
        if item["type"].endswith("_type") and "input" in item:
            message += f", not {_json_kind(item['input'])}"
        parts.append(f"{where}: {message}")
    return "; ".join(parts)


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "null"


def decoded_file(path: Path) -> str | Problem:
    """The whole of ``path`` decoded as UTF-8 (a BOM dropped, line ends untouched: CRLF stays
    CRLF), or a :class:`Problem` at the line and byte that is not UTF-8."""
    data = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return Problem(str(path), line, f"invalid UTF-8 (byte {column} of the line)")


def json_array_items(path: Path) -> Iterator[tuple[int, Any] | Problem]:
    """``(line, value)`` for each element of the JSON array that ``path`` holds (or for the
    one object it holds), ``line`` being where the element starts; streamed from one read of
    the file. What is not UTF-8 or not JSON comes out as a :class:`Problem` at its line, and
    ends the reading: what follows cannot be told apart."""
    source = str(path)
    text = decoded_file(path)
    if isinstance(text, Problem):
        yield text
        return
    position = _skip_space(text, 0)
    if position == len(text):
        yield Problem(source, 0, "the file is empty: no JSON array or object")
        return
    in_array = text[position] == "["
    if in_array:
        position = _skip_space(text, position + 1)
        if text.startswith("]", position):
            return
    while True:
        line = text.count("\n", 0, position) + 1
        try:
            value, position = _DECODER.raw_decode(text, position)
        except json.JSONDecodeError as error:
            yield Problem(source, error.lineno, f"invalid JSON: {error.msg} (column {error.colno})")
            return
        except (_Refused, ValueError, RecursionError) as error:
            yield Problem(source, line, _refusal(error))
            return
        yield line, value
        position = _skip_space(text, position)
        if in_array and text.startswith(",", position):
            position = _skip_space(text, position + 1)
            continue
        if in_array and text.startswith("]", position):
            position = _skip_space(text, position + 1)
        elif in_array:
            where = text.count("\n", 0, position) + 1
            yield Problem(source, where, "invalid JSON: expected ',' or ']' after an element")
            return
        if position != len(text):
            where = text.count("\n", 0, position) + 1
            yield Problem(source, where, "invalid JSON: more after the end of the JSON value")
        return


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _refusal(error: BaseException) -> str:
    """What :func:`parse_json` says of a refusal raised while decoding."""
    if isinstance(error, _Refused):
        return str(error)
    if isinstance(error, RecursionError):
        return "JSON nested too deeply to be read"
    # The only other ValueError json raises: Python's limit on an integer's digits.
    return f"a number has more than {sys.get_int_max_str_digits()} digits"
