"""`annotator import` as the program runs it (its own process): the records are read and
checked in a child process while the program writes (store/import_child.py); refusals and
reports are the same as in one process."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *argv], capture_output=True, text=True, check=False
    )


def test_a_refused_import_names_every_problem_in_line_order_and_leaves_nothing(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "bad.jsonl"
    lines = [
        {"id": "a", "text": "abc", "spans": [{"start": 0, "end": 9, "label": "ACTOR"}]},
        {"id": "a", "text": "abd"},
    ]
    corpus.write_text(
        "\n".join(json.dumps(line) for line in lines) + "\nnot json\n", encoding="utf-8"
    )
    database = tmp_path / "new.sqlite"
    done = run("import", str(corpus), "--db", str(database))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{corpus}:1: span 0..9 is outside the text (3 characters)",
        f"{corpus}:2: document 'a' has another text at {corpus}:1",
        f"{corpus}:3: invalid JSON: Expecting value (column 1)",
        "import refused: 3 problem(s); nothing was imported",
    ]
    assert not database.exists()
    assert "Traceback" not in done.stderr


def test_an_import_of_many_batches_stores_every_record(tmp_path: Path) -> None:
    corpus = tmp_path / "many.jsonl"
    text = "👩\u200d💻 Kabul\r\nreport"
    records = [
        {
            "id": f"d{n}",
            "text": text,
            "annotator": "ana",
            "spans": [{"start": 3, "end": 8, "label": "PLACE"}],
        }
        for n in range(1234)
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    database = tmp_path / "many.sqlite"
    done = run("import", str(corpus), "--db", str(database))
    assert done.returncode == 0, done.stderr
    assert "imported 1234 new document(s)" in done.stdout
    with sqlite3.connect(database) as connection:
        spans = connection.execute(
            "SELECT count(*), min(start_offset), max(end_offset) FROM spans"
        ).fetchone()
    assert spans == (1234, 3, 8)


def _related(number: int, relations: list[dict[str, object]]) -> dict[str, object]:
    text = "Taliban attacked Asad Abad 🇦🇫\r\nkilling two"
    return {
        "id": f"r{number}",
        "text": text,
        "annotator": "ana",
        "spans": [
            {"start": 8, "end": 16, "label": "EVENT"},
            {"start": 0, "end": 7, "label": "ACTOR"},
            {"start": 17, "end": 26, "label": "PLACE"},
        ],
        "relations": relations,
    }


def test_relations_come_through_the_reading_process_or_refuse_at_their_line(
    tmp_path: Path,
) -> None:
    good = [{"from": 0, "to": 1, "label": "agent"}, {"from": 0, "to": 2, "label": "location"}]
    records = [_related(n, good) for n in range(1234)]
    corpus = tmp_path / "related.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    database = tmp_path / "related.sqlite"
    done = run("import", str(corpus), "--db", str(database))
    assert done.returncode == 0, done.stderr
    assert "2468 relation(s) (0 already stored)" in done.stdout
    with sqlite3.connect(database) as connection:
        stored = connection.execute(
            "SELECT s.start_offset, t.start_offset, l.name, count(*) FROM relations r "
            "JOIN spans s ON s.id = r.source_id JOIN spans t ON t.id = r.target_id "
            "JOIN relation_labels l ON l.id = r.label_id "
            "WHERE s.set_id = r.set_id AND t.set_id = r.set_id GROUP BY 1, 2, 3 ORDER BY 3"
        ).fetchall()
    assert stored == [(8, 0, "agent", 1234), (8, 17, "location", 1234)]

    bad = [*records[:700], _related(9999, [{"from": 2, "to": 0, "label": "location"}])]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in bad), encoding="utf-8")
    fresh = tmp_path / "fresh.sqlite"
    done = run("import", str(corpus), "--db", str(fresh))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{corpus}:701: relation 2 -> 0 location: a 'location' relation goes EVENT -> PLACE, "
        "not PLACE -> EVENT",
        "import refused: 1 problem(s); nothing was imported",
    ]
    assert not fresh.exists()
