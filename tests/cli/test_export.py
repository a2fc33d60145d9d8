"""`annotator export`: every set or one person's, to stdout or a file, and back in again."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]  # the `cli` fixture: returns a Run(code, out, err)
WriteJsonl = Callable[..., Path]

TEXT = "Taliban fighters\r\nentered Kabul 👩\u200d💻\u00a0today.\tEnd"
KABUL = TEXT.index("Kabul")
CORPUS: list[dict[str, Any]] = [
    {
        "id": "a",
        "text": TEXT,
        "annotator": "zed",
        "status": "in_progress",
        "meta": {"source": "wire", "n": 1},
        "spans": [
            {"start": KABUL, "end": KABUL + 5, "label": "PLACE"},
            {"start": 0, "end": 16, "label": "ACTOR"},
            {"start": 0, "end": 7, "label": "ACTOR"},
            {"start": 0, "end": len(TEXT), "label": "EVENT"},
            {"start": 0, "end": 16, "label": "EVENT"},
        ],
    },
    {"id": "a", "text": TEXT, "annotator": "ana", "status": "done", "spans": []},
    {"id": "b", "text": "never annotated"},
    {"id": 3, "text": "Herat", "label": [[0, 5, "PLACE"]]},
]


@pytest.fixture
def corpus_url(cli: Cli, sqlite_url: str, write_jsonl: WriteJsonl) -> str:
    assert cli("import", str(write_jsonl(CORPUS)), "--db", sqlite_url).code == 0
    return sqlite_url


def parse(text: str) -> list[dict[str, Any]]:
    assert text.endswith("\n")
    return [json.loads(line) for line in text.split("\n")[:-1]]


def test_export_all_writes_one_line_per_document_and_set(cli: Cli, corpus_url: str) -> None:
    run = cli("export", "--db", corpus_url, "--format", "jsonl", "--set", "all")
    assert run.code == 0
    records = parse(run.out)
    assert [(r["id"], r.get("annotator"), r.get("status")) for r in records] == [
        ("a", "ana", "done"),
        ("a", "zed", "in_progress"),
        ("b", None, None),
        ("3", "imported", "done"),
    ]
    zed = records[1]
    assert zed["text"] == TEXT
    assert zed["meta"] == {"source": "wire", "n": 1}
    assert [(s["start"], s["end"], s["label"]) for s in zed["spans"]] == [
        (0, 7, "ACTOR"),
        (0, 16, "ACTOR"),
        (0, 16, "EVENT"),
        (0, len(TEXT), "EVENT"),
        (KABUL, KABUL + 5, "PLACE"),
    ]
    assert all(s["text"] == TEXT[s["start"] : s["end"]] for s in zed["spans"])
    assert records[0]["spans"] == []
    assert "spans" not in records[2]
    assert "annotator" not in records[2]


def test_export_of_one_person(cli: Cli, corpus_url: str) -> None:
    run = cli("export", "--db", corpus_url, "--set", "zed")
    assert [(r["id"], r["annotator"]) for r in parse(run.out)] == [("a", "zed")]


def test_export_of_a_person_nobody_knows_names_the_sets_that_exist(
    cli: Cli, corpus_url: str
) -> None:
    run = cli("export", "--db", corpus_url, "--set", "Zed")
    assert run.code == 2
    assert run.out == ""
    assert run.err_lines == [
        "annotator export: no annotation sets by 'Zed' (did you mean 'zed'?); there are sets "
        "by ana, imported, zed (or --set all)"
    ]
    # A known person who has no sets yet exports nothing, and is told so.
    assert cli("people", "add", "ben", "--db", corpus_url).code == 0
    run = cli("export", "--db", corpus_url, "--set", "ben")
    assert (run.code, run.out) == (0, "")
    assert run.err_lines == ["ben has no annotation sets yet; nothing to export"]
    run = cli("export", "--db", corpus_url, "--set", "gold")
    assert run.code == 2
    assert run.err_lines == [
        "annotator export: there is no gold set yet: `annotator adjudicate` pre-fills it, and "
        "a reviewer makes it in review mode"
    ]


def test_export_to_a_file(cli: Cli, corpus_url: str, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    run = cli("export", "--db", corpus_url, "-o", str(target))
    assert run.code == 0
    assert run.out == ""
    assert "wrote 4 record(s)" in run.err
    content = target.read_bytes().decode("utf-8")
    assert "👩\u200d💻" in content  # UTF-8 as is, not escaped
    assert content == cli("export", "--db", corpus_url, "-o", "-").out
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl")] == []


def test_importing_an_export_into_another_database_gives_the_same_corpus(
    cli: Cli, corpus_url: str, tmp_path: Path
) -> None:
    exported = tmp_path / "a.jsonl"
    assert cli("export", "--db", corpus_url, "-o", str(exported)).code == 0
    other = f"sqlite:///{tmp_path / 'b.sqlite'}"
    assert cli("import", str(exported), "--db", other).code == 0
    first = cli("export", "--db", corpus_url).out
    second = cli("export", "--db", other).out
    assert second == first
    assert len(first.splitlines()) == 4


@pytest.mark.postgres
def test_a_corpus_exported_from_postgres_imports_into_sqlite_identically(
    cli: Cli, postgres_url: str, tmp_path: Path, write_jsonl: WriteJsonl
) -> None:
    assert cli("import", str(write_jsonl(CORPUS)), "--db", postgres_url).code == 0
    exported = tmp_path / "pg.jsonl"
    assert cli("export", "--db", postgres_url, "-o", str(exported)).code == 0
    sqlite_url = f"sqlite:///{tmp_path / 'from-pg.sqlite'}"
    assert cli("import", str(exported), "--db", sqlite_url).code == 0
    assert cli("export", "--db", sqlite_url).out == exported.read_text(encoding="utf-8")
