"""`annotator people`, `assign`, `adjudicate` and `export --set gold`, as a team lead types
them, checked against what the database then holds and what the commands print."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from annotator.store.models import Assignment, Document, Person

Cli = Callable[..., Any]
WriteJsonl = Callable[..., Path]

TEXT = "Taliban fighters attacked Kunduz on Tuesday, killing 12 people."


def span(word: str, label: str) -> dict[str, Any]:
    start = TEXT.index(word)
    return {"start": start, "end": start + len(word), "label": label}


def version(who: str, *spans: dict[str, Any]) -> dict[str, Any]:
    return {"id": "news", "text": TEXT, "annotator": who, "status": "done", "spans": list(spans)}


CORPUS = [
    version("ana", span("Taliban", "ACTOR"), span("Kunduz", "PLACE"), span("12 people", "FIGURE")),
    version("ben", span("Taliban", "ACTOR"), span("Kunduz", "PLACE"), span("attacked", "EVENT")),
    version("cai", span("Taliban", "ACTOR"), span("Kunduz", "EVENT"), span("12", "FIGURE")),
]


def rows(url: str, query: Any) -> list[tuple[Any, ...]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(query)]
    finally:
        engine.dispose()


def parse(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line]


def test_people_add_and_list(cli: Cli, db_url: str) -> None:
    assert cli("people", "add", "ana", "--db", db_url).out == "added ana (annotator)\n"
    assert cli("people", "add", "rita", "--role", "reviewer", "--db", db_url).code == 0
    changed = cli("people", "add", "ana", "--role", "reviewer", "--db", db_url)
    assert (changed.code, changed.out) == (0, "updated ana (reviewer)\n")
    assert sorted(rows(db_url, select(Person.name, Person.role))) == [
        ("ana", "reviewer"),
        ("rita", "reviewer"),
    ]
    listing = cli("people", "list", "--db", db_url)
    assert listing.code == 0
    lines = listing.out.splitlines()
    assert lines[0].split() == ["name", "role", "assigned", "done", "started"]
    assert [line.split() for line in lines[1:]] == [
        ["ana", "reviewer", "0", "0", "0"],
        ["rita", "reviewer", "0", "0", "0"],
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("gold", "'gold' is reserved for the adjudicated gold standard"),
        ("imported", "'imported' is reserved for the spans of imports that name no one"),
        ("all", "'all' is reserved: `export --set all` means every annotation set"),
    ],
)
def test_people_add_refuses_reserved_names(cli: Cli, db_url: str, name: str, message: str) -> None:
    run = cli("people", "add", name, "--db", db_url)
    assert run.code == 2
    assert run.err_lines == [f"annotator people add: {message}"]
    assert rows(db_url, select(Person.name)) == []


def test_assign_balances_and_reads_a_document_list(
    cli: Cli, db_url: str, write_jsonl: WriteJsonl, tmp_path: Path
) -> None:
    docs = [{"id": f"d{n}", "text": f"Text {n}"} for n in range(7)]
    assert cli("import", str(write_jsonl(docs)), "--db", db_url).code == 0
    for name in ("ana", "ben", "cai"):
        assert cli("people", "add", name, "--db", db_url).code == 0
    chosen = tmp_path / "docs.txt"
    chosen.write_text("# the first four\nd0\nd1\n\nd2\nd3\n", encoding="utf-8")
    run = cli(
        "assign",
        "--to",
        "ana,ben,cai",
        "--per-document",
        "2",
        "--docs",
        str(chosen),
        "--db",
        db_url,
    )
    assert run.code == 0
    assert run.out.splitlines()[0] == "8 assignment(s) added over 4 document(s)"
    assigned = rows(
        db_url,
        select(Document.external_id, Person.name)
        .join(Assignment, Assignment.document_id == Document.id)
        .join(Person, Person.id == Assignment.person_id),
    )
    per_document = Counter(doc for doc, _ in assigned)
    assert per_document == {"d0": 2, "d1": 2, "d2": 2, "d3": 2}
    load = Counter(name for _, name in assigned)
    assert max(load.values()) - min(load.values()) <= 1
    for name, count in load.items():
        assert f"  {name:<20} {count} document(s)" in run.out.splitlines()
    # The rest: existing assignments stay, loads stay balanced.
    rest = cli("assign", "--to", "ana,ben,cai", "--per-document", "2", "--db", db_url)
    assert rest.out.splitlines()[0] == "6 assignment(s) added over 7 document(s)"
    after = rows(
        db_url,
        select(Document.external_id, Person.name)
        .join(Assignment, Assignment.document_id == Document.id)
        .join(Person, Person.id == Assignment.person_id),
    )
    assert set(assigned) <= set(after)
    load = Counter(name for _, name in after)
    assert max(load.values()) - min(load.values()) <= 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "ana,zed", "--per-document", "1"], "unknown 'zed'"),
        (["--to", "ana", "--per-document", "2"], "between 1 and the number of people (1)"),
        (["--to", "ana", "--per-document", "1", "--docs", "missing.txt"], "cannot read"),
    ],
)
def test_assign_refusals(cli: Cli, db_url: str, args: list[str], message: str) -> None:
    assert cli("people", "add", "ana", "--db", db_url).code == 0
    run = cli("assign", *args, "--db", db_url)
    assert run.code == 2
    assert message in run.err
    assert rows(db_url, select(Assignment.id)) == []


def test_adjudicate_majority_then_export_gold(
    cli: Cli, db_url: str, write_jsonl: WriteJsonl
) -> None:
    assert cli("import", str(write_jsonl(CORPUS)), "--db", db_url).code == 0
    run = cli("adjudicate", "--strategy", "majority", "--db", db_url)
    assert run.code == 0
    # Taliban (3/3) and Kunduz PLACE (2/3) go in; the four single choices are left.
    assert run.out == (
        "2 span(s) put into gold on 1 document(s); 4 disputed span(s) left for a reviewer\n"
    )
    exported = cli("export", "--set", "gold", "--db", db_url)
    assert exported.code == 0
    (gold,) = parse(exported.out)
    assert (gold["id"], gold["annotator"], gold["status"]) == ("news", "gold", "in_progress")
    assert [(s["text"], s["label"]) for s in gold["spans"]] == [
        ("Taliban", "ACTOR"),
        ("Kunduz", "PLACE"),
    ]
    # Running it again adds nothing.
    again = cli("adjudicate", "--strategy", "majority", "--db", db_url)
    assert again.out.startswith("0 span(s) put into gold on 1 document(s)")


def test_adjudicate_unanimous_takes_less(cli: Cli, db_url: str, write_jsonl: WriteJsonl) -> None:
    assert cli("import", str(write_jsonl(CORPUS)), "--db", db_url).code == 0
    run = cli("adjudicate", "--strategy", "unanimous", "--db", db_url)
    assert run.out.startswith("1 span(s) put into gold on 1 document(s); 5 disputed")
    (gold,) = parse(cli("export", "--set", "gold", "--db", db_url).out)
    assert [s["text"] for s in gold["spans"]] == ["Taliban"]


def test_adjudicate_with_nothing_finished_says_so(
    cli: Cli, db_url: str, write_jsonl: WriteJsonl
) -> None:
    assert cli("import", str(write_jsonl([CORPUS[0]])), "--db", db_url).code == 0
    run = cli("adjudicate", "--strategy", "majority", "--db", db_url)
    assert run.code == 0
    assert run.out == (
        "0 span(s) put into gold on 0 document(s); 0 disputed span(s) left for a reviewer\n"
        "1 document(s) skipped: fewer than 2 finished annotations\n"
    )
    assert run.err == "no document has 2 finished annotations yet\n"
    assert parse(cli("export", "--set", "gold", "--db", db_url).out) == []
