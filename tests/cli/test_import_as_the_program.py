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
