"""`annotator guidelines set|show` and `annotator progress`, on SQLite and PostgreSQL, checked
against what the database holds (read by another connection)."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from annotator.core.status import SetStatus
from annotator.store.annotations import add_span, set_status
from annotator.store.assignments import assign
from annotator.store.documents import find_document
from annotator.store.store import Store

Cli = Callable[..., Any]  # the `cli` fixture: returns a Run(code, out, err)
WriteJsonl = Callable[..., Path]
Snapshot = Callable[[str], dict[str, list[tuple[Any, ...]]]]

MARKDOWN = "# Guidelines\r\n\r\nLabel **places** as PLACE: *Kunduz* 😀.\n\n| a | b |\n|---|---|\n"


def stored_guidelines(url: str) -> list[tuple[str, str]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT name, text FROM project_texts"))
            return [(row[0], row[1]) for row in rows]
    finally:
        engine.dispose()


@pytest.fixture
def corpus(cli: Cli, db_url: str, write_jsonl: WriteJsonl) -> str:
    path = write_jsonl([{"id": f"d{n}", "text": f"Kabul and Herat {n}"} for n in range(6)])
    assert cli("import", str(path), "--db", db_url).code == 0
    return db_url


def test_guidelines_set_stores_the_file_exactly_and_show_prints_it(
    cli: Cli, corpus: str, tmp_path: Path
) -> None:
    path = tmp_path / "guidelines.md"
    path.write_bytes(MARKDOWN.encode("utf-8"))
    run = cli("guidelines", "set", str(path), "--db", corpus)
    assert run.code == 0, run.err
    assert run.out.startswith("stored the guidelines")
    assert stored_guidelines(corpus) == [("guidelines", MARKDOWN)]
    shown = cli("guidelines", "show", "--db", corpus)
    assert (shown.code, shown.out) == (0, MARKDOWN)
    # Set again: replaced, not added.
    path.write_text("# New\n", encoding="utf-8")
    assert cli("guidelines", "set", str(path), "--db", corpus).code == 0
    assert stored_guidelines(corpus) == [("guidelines", "# New\n")]


def test_guidelines_set_dash_reads_standard_input(
    cli: Cli, corpus: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MARKDOWN.encode("utf-8"))))
    assert cli("guidelines", "set", "-", "--db", corpus).code == 0
    assert stored_guidelines(corpus) == [("guidelines", MARKDOWN)]


def test_guidelines_show_without_guidelines_says_how_to_set_them(cli: Cli, corpus: str) -> None:
    run = cli("guidelines", "show", "--db", corpus)
    assert (run.code, run.out) == (0, "")
    assert "annotator guidelines set FILE" in run.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"# caf\xe9\n", "not UTF-8 (byte 6 cannot be read); nothing was stored"),
        (b"a\x00b", "holds a NUL character; nothing was stored"),
        ("folder", "is a folder, not a file"),
    ],
    ids=["missing", "latin-1", "nul", "folder"],
)
def test_bad_guidelines_are_one_line_naming_the_file_and_nothing_is_written(
    cli: Cli,
    corpus: str,
    tmp_path: Path,
    snapshot: Snapshot,
    content: bytes | str | None,
    message: str,
) -> None:
    path = tmp_path / "guide.md"
    if content == "folder":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    before = snapshot(corpus)
    run = cli("guidelines", "set", str(path), "--db", corpus)
    assert run.code == 1
    assert run.err_lines == [f"annotator guidelines set: {path}: {message}"]
    assert snapshot(corpus) == before


def test_progress_counts_per_person_what_they_may_open(cli: Cli, corpus: str) -> None:
    for name, role in [("ana", "annotator"), ("ben", "annotator"), ("rita", "reviewer")]:
        assert cli("people", "add", name, "--role", role, "--db", corpus).code == 0
    with Store.open(corpus) as store:
        ids = {f"d{n}": find_document(store, f"d{n}") or 0 for n in range(6)}
        # d0..d3 to both ana and ben; d4 and d5 to nobody.
        assign(store, ["ana", "ben"], 2, ["d0", "d1", "d2", "d3"])
        for document in ("d0", "d1"):
            for person in ("ana", "ben"):
                add_span(store, ids[document], person, 0, 5, "PLACE")
                set_status(store, ids[document], person, SetStatus.DONE)
        add_span(store, ids["d2"], "ana", 10, 15, "PLACE")
        add_span(store, ids["d2"], "ana", 0, 5, "ACTOR")  # in progress
        add_span(store, ids["d4"], "rita", 0, 5, "EVENT")  # unassigned: rita may open all
        add_span(store, ids["d0"], "gold", 0, 5, "PLACE")
        set_status(store, ids["d0"], "gold", SetStatus.DONE)
    run = cli("progress", "--json", "--db", corpus)
    assert run.code == 0, run.err
    figures = json.loads(run.out)
    assert (figures["documents"], figures["awaiting_review"], figures["gold_done"]) == (6, 1, 1)
    people = {person["name"]: person for person in figures["people"]}
    assert set(people) == {"ana", "ben", "rita"}  # gold is no person; imported did nothing
    # ana and ben may open d0..d3 (theirs) and d4, d5 (assigned to nobody).
    assert [
        (p["may_open"], p["done"], p["in_progress"], p["untouched"])
        for p in (people["ana"], people["ben"], people["rita"])
    ] == [(6, 2, 1, 3), (6, 2, 0, 4), (6, 0, 1, 5)]
    assert people["ana"]["spans"] == {"ACTOR": 1, "PLACE": 3, "EVENT": 0, "FIGURE": 0}
    assert people["rita"]["spans"] == {"ACTOR": 0, "PLACE": 0, "EVENT": 1, "FIGURE": 0}
    assert figures["labels"] == ["ACTOR", "PLACE", "EVENT", "FIGURE"]

    table = cli("progress", "--db", corpus)
    assert table.code == 0
    lines = table.out.splitlines()
    assert lines[0] == "documents 6   awaiting review 1   gold done 1"
    assert lines[2].split() == [
        "person", "role", "may", "open", "done", "in", "progress", "untouched",
        "spans:", "ACTOR", "PLACE", "EVENT", "FIGURE",
    ]  # fmt: skip
    assert lines[3].split() == ["ana", "annotator", "6", "2", "1", "3", "1", "3", "0", "0"]


def test_progress_on_a_database_nobody_worked_on(cli: Cli, corpus: str) -> None:
    run = cli("progress", "--db", corpus)
    assert run.code == 0
    assert run.out.splitlines() == [
        "documents 6   awaiting review 0   gold done 0",
        "nobody has worked yet (annotator people add NAME)",
    ]
