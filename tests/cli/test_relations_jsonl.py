"""Relations in native JSONL, through the command line: `"relations": [{"from", "to", "label"}]`
with indexes into the record's `spans`. Imported with spans in any order, exported with indexes
into the sorted spans; exported, imported into a new database (SQLite or PostgreSQL) and
exported again, the bytes are the same."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

Cli = Callable[..., Any]
WriteJsonl = Callable[..., Path]

# Astral characters before the spans (a flag, a ZWJ sequence), a combining mark, CRLF.
TEXT = (
    "🇦🇫 Taliban militants launched a rocket attack that hit a market in Asad Abad,\r\n"
    "killing two employees 👩\u200d💻; police said the blast cafe\u0301 closed."
)


def span(word: str, label: str, nth: int = 0) -> dict[str, Any]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return {"start": start, "end": start + len(word), "label": label, "text": word}


def relation(source: int, target: int, label: str) -> dict[str, Any]:
    return {"from": source, "to": target, "label": label}


# As an export writes them: spans sorted by (start, end, label), relations by (from, to, label).
SPANS = sorted(
    [
        span("Taliban militants", "ACTOR"),
        span("Taliban", "ACTOR"),
        span("attack", "EVENT"),
        span("Asad Abad", "PLACE"),
        span("killing", "EVENT"),
        span("two", "FIGURE"),
        span("two employees", "ACTOR"),
        span("police", "ACTOR"),
        span("blast", "EVENT"),
        span("cafe\u0301", "PLACE"),
    ],
    key=lambda s: (s["start"], s["end"], s["label"]),
)


def at(word: str, label: str) -> int:
    return next(i for i, s in enumerate(SPANS) if s["text"] == word and s["label"] == label)


RECORDS: list[dict[str, Any]] = [
    {
        "id": "asad-abad",
        "text": TEXT,
        "annotator": "ana",
        "status": "done",
        "spans": SPANS,
        "relations": sorted(
            [
                relation(at("attack", "EVENT"), at("Taliban militants", "ACTOR"), "agent"),
                relation(at("attack", "EVENT"), at("Asad Abad", "PLACE"), "location"),
                relation(at("killing", "EVENT"), at("two employees", "ACTOR"), "target"),
                relation(at("killing", "EVENT"), at("two", "FIGURE"), "count"),
                relation(at("killing", "EVENT"), at("Taliban", "ACTOR"), "agent"),
                relation(at("blast", "EVENT"), at("cafe\u0301", "PLACE"), "location"),
            ],
            key=lambda r: (r["from"], r["to"], r["label"]),
        ),
    },
    # Another person's annotation of the same document: relations are per annotation set.
    {
        "id": "asad-abad",
        "text": TEXT,
        "annotator": "bo",
        "status": "in_progress",
        "spans": [span("attack", "EVENT"), span("Asad Abad", "PLACE")],
        "relations": [relation(0, 1, "location")],
    },
    # An annotation without relations: no "relations" key is written.
    {"id": "asad-abad", "text": TEXT, "annotator": "cai", "status": "done", "spans": SPANS[:2]},
]


def shuffled(record: dict[str, Any], seed: int) -> dict[str, Any]:
    """``record`` with its spans and relations in another order, the relations' indexes
    pointing into the reordered spans."""
    rng = random.Random(seed)
    order = list(range(len(record["spans"])))
    rng.shuffle(order)
    where = {old: new for new, old in enumerate(order)}
    out = {**record, "spans": [record["spans"][old] for old in order]}
    if "relations" in record:
        relations = [
            relation(where[r["from"]], where[r["to"]], r["label"]) for r in record["relations"]
        ]
        rng.shuffle(relations)
        out["relations"] = relations
    return out


def export(cli: Cli, url: str, *extra: str) -> str:
    run = cli("export", "--db", url, *extra)
    assert run.code == 0, run.err
    return str(run.out)


def records_of(exported: str) -> list[dict[str, Any]]:
    # split("\n"): the text's CR stays inside JSON strings, never a line end of the file.
    return [json.loads(line) for line in exported.split("\n") if line]


def test_relations_given_in_any_order_come_back_indexed_into_the_sorted_spans(
    cli: Cli, db_url: str, write_jsonl: WriteJsonl
) -> None:
    given = [shuffled(record, seed) for seed, record in enumerate(RECORDS)]
    assert given[0]["spans"] != RECORDS[0]["spans"]
    run = cli("import", str(write_jsonl(given)), "--db", db_url)
    assert run.code == 0, run.err
    assert "7 relation(s) (0 already stored)" in run.out
    assert records_of(export(cli, db_url)) == RECORDS
    assert records_of(export(cli, db_url, "--set", "bo")) == RECORDS[1:2]
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            ends = connection.execute(
                text(
                    "SELECT p.name, r.set_id = s.set_id AND r.set_id = t.set_id FROM relations r "
                    "JOIN spans s ON s.id = r.source_id JOIN spans t ON t.id = r.target_id "
                    "JOIN annotation_sets a ON a.id = r.set_id JOIN people p ON p.id = a.person_id"
                )
            ).all()
    finally:
        engine.dispose()
    assert sorted(ends) == [("ana", True)] * 6 + [("bo", True)]


def test_export_import_export_gives_the_same_bytes(
    cli: Cli, db_url: str, tmp_path: Path, write_jsonl: WriteJsonl
) -> None:
    first = f"sqlite:///{tmp_path / 'first.sqlite'}"
    assert cli("import", str(write_jsonl(RECORDS)), "--db", first).code == 0
    out = tmp_path / "export.jsonl"
    assert cli("export", "--db", first, "-o", str(out)).code == 0
    written = out.read_bytes()
    assert b'"relations": [{"from": ' in written
    run = cli("import", str(out), "--db", db_url)  # a new database, SQLite or PostgreSQL
    assert run.code == 0, run.err
    again = tmp_path / "again.jsonl"
    assert cli("export", "--db", db_url, "-o", str(again)).code == 0
    assert again.read_bytes() == written


def test_a_second_import_adds_only_the_relations_not_stored(
    cli: Cli, db_url: str, write_jsonl: WriteJsonl
) -> None:
    assert cli("import", str(write_jsonl(RECORDS)), "--db", db_url).code == 0
    run = cli("import", str(write_jsonl(RECORDS, "same.jsonl")), "--db", db_url)
    assert run.code == 0, run.err
    assert "0 span(s) (14 already stored), 0 relation(s) (7 already stored)" in run.out
    # bo's annotation again, with one more span and relations to both a stored span and it.
    more = {
        **RECORDS[1],
        "spans": [span("Taliban", "ACTOR"), *RECORDS[1]["spans"]],
        "relations": [relation(1, 0, "agent"), relation(1, 2, "location")],
    }
    run = cli("import", str(write_jsonl([more], "more.jsonl")), "--db", db_url)
    assert run.code == 0, run.err
    assert "1 span(s) (2 already stored), 1 relation(s) (1 already stored)" in run.out
    (bo,) = records_of(export(cli, db_url, "--set", "bo"))
    assert [(s["text"], s["label"]) for s in bo["spans"]] == [
        ("Taliban", "ACTOR"),
        ("attack", "EVENT"),
        ("Asad Abad", "PLACE"),
    ]
    assert bo["relations"] == [relation(1, 0, "agent"), relation(1, 2, "location")]
