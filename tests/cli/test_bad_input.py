"""Bad input refuses the whole import: one message per problem at file:line, a non-zero exit,
no traceback, and the database exactly as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]  # the `cli` fixture: returns a Run(code, out, err)
WriteJsonl = Callable[..., Path]
Snapshot = Callable[[str], dict[str, list[tuple[Any, ...]]]]

REFUSED = "import refused: {} problem(s); nothing was imported"
GOOD = {"id": "g", "text": "good text", "spans": [{"start": 0, "end": 4, "label": "ACTOR"}]}


def doc(spans: list[dict[str, Any]], text: str = "abc") -> dict[str, Any]:
    return {"id": "bad", "text": text, "spans": spans}


# EVENT "a", ACTOR "b", PLACE "c" of the text "abc".
THREE_SPANS = [
    {"start": 0, "end": 1, "label": "EVENT"},
    {"start": 1, "end": 2, "label": "ACTOR"},
    {"start": 2, "end": 3, "label": "PLACE"},
]


def related(*relations: tuple[int, int, str], spans: Any = THREE_SPANS) -> dict[str, Any]:
    """A record of "abc" with ``spans`` (None: none) and ``relations`` (from, to, label)."""
    record = {"id": "bad", "text": "abc", "spans": spans}
    if spans is None:
        del record["spans"]
    record["relations"] = [{"from": i, "to": j, "label": label} for i, j, label in relations]
    return record


BAD_LINES: list[tuple[str, dict[str, Any] | str | bytes, str]] = [
    ("invalid JSON", '{"id": "bad", "text": "abc"', "data.jsonl:2: invalid JSON: "),
    (
        "invalid UTF-8",
        b'{"id": "bad", "text": "\xff"}',
        "data.jsonl:2: invalid UTF-8 (byte 24 of the line)",
    ),
    ("missing text", {"id": "bad"}, "data.jsonl:2: text: is missing"),
    (
        "offsets out of range",
        doc([{"start": 1, "end": 9, "label": "ACTOR"}]),
        "data.jsonl:2: span 1..9 is outside the text (3 characters)",
    ),
    (
        "reversed offsets",
        doc([{"start": 2, "end": 1, "label": "ACTOR"}]),
        "data.jsonl:2: span 2..1 is empty or reversed (end must be greater than start)",
    ),
    (
        "label not in the schema",
        doc([{"start": 0, "end": 3, "label": "PERSON"}]),
        "data.jsonl:2: span 0..3 has label 'PERSON', which is not in the schema "
        "(ACTOR, EVENT, FIGURE, PLACE)",
    ),
    (
        "span text differs",
        doc([{"start": 0, "end": 3, "label": "ACTOR", "text": "abd"}]),
        "data.jsonl:2: span 0..3 says its text is 'abd' but the document has 'abc' there",
    ),
    (
        "duplicate span",
        doc([{"start": 0, "end": 3, "label": "ACTOR"}, {"start": 0, "end": 3, "label": "ACTOR"}]),
        "data.jsonl:2: span 0..3 ACTOR is there twice",
    ),
    (
        "meta not an object beside an unknown key",
        {"id": "bad", "text": "abc", "meta": 5, "source": "wire"},
        "data.jsonl:2: meta: must be a JSON object, not a number",
    ),
    (
        "unknown key also in meta",
        {"id": "bad", "text": "abc", "meta": {"source": "desk"}, "source": "wire"},
        "data.jsonl:2: 'source' is both a key of the record and a key of its meta (keys this "
        "format does not define go into meta); rename one",
    ),
    (
        "relation index out of range",
        related((0, 5, "agent")),
        "data.jsonl:2: relation 0 -> 5 agent: span index 5 is out of range; the record has "
        "3 spans (indexes 0 to 2)",
    ),
    (
        "negative relation index",
        related((-1, 1, "agent")),
        "data.jsonl:2: relation -1 -> 1 agent: span index -1 is out of range; the record has "
        "3 spans (indexes 0 to 2)",
    ),
    (
        "relation into an annotation that found nothing",
        related((0, 1, "agent"), spans=[]),
        "data.jsonl:2: relation 0 -> 1 agent: span index 0 is out of range; the record has "
        "no spans",
    ),
    (
        "relation label not in the relation schema",
        related((0, 1, "knows")),
        "data.jsonl:2: relation 0 -> 1 knows: relation label 'knows' is not in the relation "
        "schema (known: agent, target, location, count)",
    ),
    (
        "relation between span labels it does not allow",
        related((0, 2, "agent")),
        "data.jsonl:2: relation 0 -> 2 agent: a 'agent' relation goes EVENT -> ACTOR, "
        "not EVENT -> PLACE",
    ),
    (
        "relation the wrong way round",
        related((1, 0, "agent")),
        "data.jsonl:2: relation 1 -> 0 agent: a 'agent' relation goes EVENT -> ACTOR, "
        "not ACTOR -> EVENT",
    ),
    (
        "relations without spans",
        related((0, 1, "agent"), spans=None),
        "data.jsonl:2: relations link spans of the record, but it has no spans",
    ),
    (
        "duplicate relation",
        related((0, 1, "agent"), (0, 2, "location"), (0, 1, "agent")),
        "data.jsonl:2: relation 0 -> 1 agent is there twice",
    ),
    (
        "relation from a span to itself",
        related((0, 0, "agent")),
        "data.jsonl:2: relation 0 -> 0 agent goes from a span to itself",
    ),
    (
        "relation without a label",
        {**related(), "relations": [{"from": 0, "to": 1}]},
        "data.jsonl:2: relations.0.label: is missing",
    ),
]


@pytest.fixture
def populated(cli: Cli, sqlite_url: str, write_jsonl: WriteJsonl) -> str:
    """A database that already holds a small corpus, so that 'unchanged' means something."""
    path = write_jsonl(
        [
            {"id": "old1", "text": "Kabul", "annotator": "ana", "spans": []},
            {"id": "old2", "text": "Herat 😀", "spans": [{"start": 0, "end": 5, "label": "PLACE"}]},
        ],
        "existing.jsonl",
    )
    assert cli("import", str(path), "--db", sqlite_url).code == 0
    return sqlite_url


def export_text(cli: Cli, url: str) -> str:
    run = cli("export", "--db", url)
    assert run.code == 0
    return str(run.out)


@pytest.mark.parametrize(
    ("line", "expected"),
    [pytest.param(line, expected, id=name) for name, line, expected in BAD_LINES],
)
def test_a_bad_line_refuses_the_import_with_one_located_message(
    cli: Cli,
    populated: str,
    write_jsonl: WriteJsonl,
    snapshot: Snapshot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    line: dict[str, Any] | str | bytes,
    expected: str,
) -> None:
    write_jsonl([GOOD, line])
    before, exported = snapshot(populated), export_text(cli, populated)
    monkeypatch.chdir(tmp_path)
    run = cli("import", "data.jsonl", "--db", populated)
    assert run.code == 1
    assert run.out == ""
    assert len(run.err_lines) == 2
    if expected.endswith(": "):  # the decoder's own words follow
        assert run.err_lines[0].startswith(expected)
    else:
        assert run.err_lines[0] == expected
    assert run.err_lines[1] == REFUSED.format(1)
    assert snapshot(populated) == before
    assert export_text(cli, populated) == exported


def test_every_problem_is_reported_in_line_order(
    cli: Cli,
    populated: str,
    write_jsonl: WriteJsonl,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines: list[dict[str, Any] | str | bytes] = [GOOD]
    for number, (_, line, _) in enumerate(BAD_LINES):
        lines.append({**line, "id": f"bad{number}"} if isinstance(line, dict) else line)
    write_jsonl(lines)
    monkeypatch.chdir(tmp_path)
    run = cli("import", "data.jsonl", "--db", populated)
    assert run.code != 0
    messages = run.err_lines[:-1]
    assert len(messages) == len(BAD_LINES)
    for number, (message, (_, _, expected)) in enumerate(zip(messages, BAD_LINES, strict=True)):
        assert message.startswith(expected.replace("data.jsonl:2:", f"data.jsonl:{number + 2}:"))
    assert run.err_lines[-1] == REFUSED.format(len(BAD_LINES))


def test_a_bad_line_after_several_batches_of_good_ones_refuses_everything(
    cli: Cli,
    populated: str,
    write_jsonl: WriteJsonl,
    snapshot: Snapshot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good = [
        {"id": f"n{n}", "text": f"news {n}", "spans": [{"start": 0, "end": 4, "label": "EVENT"}]}
        for n in range(1600)  # more than three batches of 500
    ]
    bad = doc([{"start": 1, "end": 9, "label": "ACTOR"}])
    write_jsonl([*good, bad])
    before, exported = snapshot(populated), export_text(cli, populated)
    monkeypatch.chdir(tmp_path)
    run = cli("import", "data.jsonl", "--db", populated)
    assert run.code != 0
    assert run.err_lines == [
        "data.jsonl:1601: span 1..9 is outside the text (3 characters)",
        REFUSED.format(1),
    ]
    assert snapshot(populated) == before
    assert export_text(cli, populated) == exported


def test_a_text_conflicting_with_the_database_is_refused(
    cli: Cli,
    populated: str,
    write_jsonl: WriteJsonl,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_jsonl([GOOD, {"id": "old1", "text": "Kabul!"}])
    monkeypatch.chdir(tmp_path)
    run = cli("import", "data.jsonl", "--db", populated)
    assert run.code != 0
    assert run.err_lines == [
        "data.jsonl:2: document 'old1' is already stored with a different text",
        REFUSED.format(1),
    ]


def test_a_bad_txt_file_in_a_folder_names_the_file(
    cli: Cli, populated: str, snapshot: Snapshot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("fine", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"line one\nbad \xc3\x28\n")
    before = snapshot(populated)
    monkeypatch.chdir(tmp_path)
    run = cli("import", "in", "--db", populated)
    assert run.code != 0
    assert run.err_lines == [
        "in/b.txt:2: invalid UTF-8 (byte 5 of the line)",
        REFUSED.format(1),
    ]
    assert snapshot(populated) == before


def test_many_problems_are_capped_with_a_count(
    cli: Cli,
    sqlite_url: str,
    write_jsonl: WriteJsonl,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_jsonl([json.dumps({"id": str(n)}) for n in range(250)])
    monkeypatch.chdir(tmp_path)
    run = cli("import", "data.jsonl", "--db", sqlite_url)
    assert run.code != 0
    assert run.err_lines[0] == "data.jsonl:1: text: is missing"
    assert run.err_lines[-2:] == ["... and 50 more problem(s)", REFUSED.format(250)]
