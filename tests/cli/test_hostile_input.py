"""Hostile records (adversarial trials of issue 7): huge integers, deep nesting, non-finite
numbers. Each is refused at file:line with exit 1, no traceback, and nothing written, on SQLite
and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]
WriteJsonl = Callable[..., Path]
Snapshot = Callable[[str], dict[str, list[tuple[Any, ...]]]]

GOOD = '{"id": "g", "text": "good text", "spans": [{"start": 0, "end": 4, "label": "ACTOR"}]}'
DIGITS = "1" * 4301
DEEP = 100_000


def record(rest: str) -> str:
    return '{"id": "bad", "text": "abc"' + rest + "}"


HOSTILE: list[tuple[str, str, str]] = [
    (
        "huge integer offset",
        record(f', "spans": [{{"start": {DIGITS}, "end": 2, "label": "ACTOR"}}]'),
        "a number has more than 4300 digits",
    ),
    (
        "huge integer in meta",
        record(f', "meta": {{"n": -{DIGITS}}}'),
        "a number has more than 4300 digits",
    ),
    (
        "huge integer id",
        '{"id": ' + DIGITS + ', "text": "abc"}',
        "a number has more than 4300 digits",
    ),
    ("deep array", "[" * DEEP + "]" * DEEP, "JSON nested too deeply to be read"),
    (
        "deep meta",
        record(', "meta": {"a": ' + "[" * DEEP + "]" * DEEP + "}"),
        "JSON nested too deeply to be read",
    ),
    (
        "meta deeper than stored",
        record(', "meta": {"a": ' + "[" * 150 + "]" * 150 + "}"),
        "meta nests deeper than 100 levels",
    ),
    (
        "NaN in meta",
        record(', "meta": {"score": NaN}'),
        "NaN is not a finite number (JSON has no NaN or Infinity)",
    ),
    (
        "Infinity in meta",
        record(', "meta": {"score": [Infinity]}'),
        "Infinity is not a finite number (JSON has no NaN or Infinity)",
    ),
    (
        "-Infinity under an unknown key",
        record(', "score": -Infinity'),
        "-Infinity is not a finite number (JSON has no NaN or Infinity)",
    ),
    (
        "1e400 in meta",
        record(', "meta": {"score": 1e400}'),
        "1e400 is not a finite number (too large for a 64-bit float)",
    ),
    (
        "NaN as an offset",
        record(', "spans": [{"start": NaN, "end": 2, "label": "ACTOR"}]'),
        "NaN is not a finite number (JSON has no NaN or Infinity)",
    ),
    (
        "a key twice",
        record(', "text": "abd"'),
        "key 'text' appears twice in one JSON object (only one of its values would be kept)",
    ),
    (
        "a key twice in a span",
        record(', "spans": [{"start": 0, "end": 2, "label": "ACTOR", "end": 3}]'),
        "key 'end' appears twice in one JSON object (only one of its values would be kept)",
    ),
    (
        "doccano relation to no entity",
        '{"text": "abc", "entities": [{"id": 1, "start_offset": 0, "end_offset": 1, '
        '"label": "ACTOR"}], "relations": [{"id": 1, "from_id": 1, "to_id": 9, "type": "x"}]}',
        "relation 1: to_id 9 is no entity's id",
    ),
]


@pytest.mark.parametrize(
    ("line", "message"), [pytest.param(line, message, id=name) for name, line, message in HOSTILE]
)
def test_a_hostile_record_is_refused_at_its_line(
    cli: Cli,
    db_url: str,
    write_jsonl: WriteJsonl,
    snapshot: Snapshot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    line: str,
    message: str,
) -> None:
    assert cli("import", str(write_jsonl([GOOD], "first.jsonl")), "--db", db_url).code == 0
    before = snapshot(db_url)
    write_jsonl([GOOD, line])
    monkeypatch.chdir(tmp_path)
    run = cli("import", "data.jsonl", "--db", db_url)
    assert (run.code, run.out) == (1, "")
    assert run.err_lines == [
        f"data.jsonl:2: {message}",
        "import refused: 1 problem(s); nothing was imported",
    ]
    assert snapshot(db_url) == before
