"""`annotator import` as the program runs it (its own process): the records are read and
checked in a child process while the program writes (store/child_process.py); refusals and
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


def import_new(corpus: Path, records: list[dict[str, object]]) -> subprocess.CompletedProcess[str]:
    """Write ``records`` to ``corpus`` and import it into a new database beside it, named after
    it (``x.jsonl``: ``x.sqlite``)."""
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return run("import", str(corpus), "--db", str(corpus.with_suffix(".sqlite")))


def stored_after_import(
    corpus: Path, records: list[dict[str, object]], query: str
) -> tuple[str, list[tuple[object, ...]]]:
    """Import ``records`` as :func:`import_new` does; what it printed and what ``query`` reads
    from the new database."""
    done = import_new(corpus, records)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(corpus.with_suffix(".sqlite")) as connection:
        return done.stdout, connection.execute(query).fetchall()


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
    out, spans = stored_after_import(
        corpus, records, "SELECT count(*), min(start_offset), max(end_offset) FROM spans"
    )
    assert "imported 1234 new document(s)" in out
    assert spans == [(1234, 3, 8)]


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
    out, stored = stored_after_import(
        corpus,
        records,
        "SELECT s.start_offset, t.start_offset, l.name, count(*) FROM relations r "
        "JOIN spans s ON s.id = r.source_id JOIN spans t ON t.id = r.target_id "
        "JOIN relation_labels l ON l.id = r.label_id "
        "WHERE s.set_id = r.set_id AND t.set_id = r.set_id GROUP BY 1, 2, 3 ORDER BY 3",
    )
    assert "2468 relation(s) (0 already stored)" in out
    assert stored == [(8, 0, "agent", 1234), (8, 17, "location", 1234)]

    bad = [*records[:700], _related(9999, [{"from": 2, "to": 0, "label": "location"}])]
    corpus = tmp_path / "bad.jsonl"
    done = import_new(corpus, bad)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{corpus}:701: relation 2 -> 0 location: a 'location' relation goes EVENT -> PLACE, "
        "not PLACE -> EVENT",
        "import refused: 1 problem(s); nothing was imported",
    ]
    assert not corpus.with_suffix(".sqlite").exists()
