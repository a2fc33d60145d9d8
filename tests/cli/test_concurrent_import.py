"""Imports into one PostgreSQL database at the same time, as real processes: each gives what it
would give one after the other (same exit status, same messages, same database), never a
traceback.

SQLite serialises writers by itself; PostgreSQL does not, and without the importer's advisory
lock two imports each found a document missing and then collided on the unique constraint.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from annotator.store.store import Store

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

# Enough documents that the imports' transactions overlap even though the processes start a
# little apart (without the lock, every test here failed in most rounds).
ROUNDS = 5
DOCUMENTS = 1000

Cli = Callable[..., Any]  # the `cli` fixture: returns a Run(code, out, err)
Result = tuple[int, str, str]  # exit status, stdout, stderr


def _reset(url: str) -> None:
    """An empty database with the current schema (created here, so that only the imports run
    at once)."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
    with Store.open(url):
        pass


def _content(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """What the database holds, without row ids and times (which no two runs share)."""
    queries = {
        "documents": "SELECT external_id, text, sha256, length, title, meta FROM documents",
        "people": "SELECT name, role FROM people",
        "sets": "SELECT d.external_id, p.name, s.status FROM annotation_sets s "
        "JOIN documents d ON d.id = s.document_id JOIN people p ON p.id = s.person_id",
        "spans": "SELECT d.external_id, p.name, x.start_offset, x.end_offset, l.name "
        "FROM spans x JOIN annotation_sets s ON s.id = x.set_id "
        "JOIN documents d ON d.id = s.document_id JOIN people p ON p.id = s.person_id "
        "JOIN labels l ON l.id = x.label_id",
        "relations": "SELECT d.external_id, p.name, x.start_offset, y.start_offset, l.name "
        "FROM relations r JOIN spans x ON x.id = r.source_id JOIN spans y ON y.id = r.target_id "
        "JOIN annotation_sets s ON s.id = r.set_id "
        "JOIN documents d ON d.id = s.document_id JOIN people p ON p.id = s.person_id "
        "JOIN relation_labels l ON l.id = r.label_id",
    }
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                name: sorted(
                    (
                        tuple(
                            json.dumps(v, sort_keys=True) if isinstance(v, dict) else v for v in row
                        )
                        for row in connection.execute(text(query))
                    ),
                    key=repr,
                )
                for name, query in queries.items()
            }
    finally:
        engine.dispose()


def _tail(err: str) -> str:
    """The end of a traceback, shortened (its SQL parameters run to thousands of lines)."""
    return " | ".join(line[:160] for line in err.splitlines()[-4:])


def _records(prefix: str, texts: str, annotator: str | None) -> list[dict[str, Any]]:
    records = []
    for number in range(DOCUMENTS):
        body = f"{texts} {number}: Kabul police said 48 people left Herat."
        record: dict[str, Any] = {
            "id": f"{prefix}{number}",
            "text": body,
            "spans": [
                {"start": 0, "end": len(texts), "label": "ACTOR"},
                {"start": body.index("Kabul"), "end": body.index("Kabul") + 5, "label": "PLACE"},
                {"start": body.index("left"), "end": body.index("left") + 4, "label": "EVENT"},
            ],
            "relations": [
                {"from": 2, "to": 0, "label": "agent"},
                {"from": 2, "to": 1, "label": "location"},
            ],
        }
        if annotator is not None:
            record["annotator"] = annotator
        records.append(record)
    return records


def _write(path: Path, records: list[dict[str, Any]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _at_once(files: Sequence[str], url: str) -> list[Result]:
    """``annotator import FILE --db URL`` for every file, all started together."""
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "annotator", "import", name, "--db", url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in files
    ]
    results = []
    for child in children:
        out, err = child.communicate(timeout=300)
        results.append((child.returncode, out, err))
    return results


def _one_after_another(cli: Cli, files: Sequence[str], url: str) -> list[Result]:
    results = []
    for name in files:
        run = cli("import", name, "--db", url)
        results.append((run.code, run.out, run.err))
    return results


def _check_rounds(cli: Cli, files: list[str], url: str) -> list[list[Result]]:
    """Every round of imports at once ends as the files imported one after another would, in
    the order that starts with some file (the one whose import took the lock first; the
    others then find the same database whatever their order among themselves)."""
    expected: list[tuple[list[Result], dict[str, list[tuple[Any, ...]]]]] = []
    for first in range(len(files)):
        order = [first] + [i for i in range(len(files)) if i != first]
        _reset(url)
        results = _one_after_another(cli, [files[i] for i in order], url)
        by_file = [results[order.index(i)] for i in range(len(files))]
        expected.append((by_file, _content(url)))
    rounds = []
    for _ in range(ROUNDS):
        _reset(url)
        results = _at_once(files, url)
        for code, _out, err in results:
            assert "Traceback" not in err, _tail(err)
            assert code in (0, 1), _tail(err)
        assert (results, _content(url)) in expected, results
        rounds.append(results)
    return rounds


def test_imports_of_the_same_documents_at_once(cli: Cli, postgres_url: str, tmp_path: Path) -> None:
    records = _records("d", "Same", "ana")
    files = [_write(tmp_path / f"{name}.jsonl", records) for name in "abc"]
    for results in _check_rounds(cli, files, postgres_url):
        # One import adds everything, the others find it all stored.
        assert [code for code, _, _ in results] == [0, 0, 0]
        outs = sorted(out for _, out, _ in results)
        assert outs[0].startswith(f"imported 0 new document(s) ({DOCUMENTS} already stored)")
        assert outs[1] == outs[0]
        assert outs[2].startswith(f"imported {DOCUMENTS} new document(s) (0 already stored)")
        assert f"{2 * DOCUMENTS} relation(s) (0 already stored)" in outs[2]
    assert len(_content(postgres_url)["relations"]) == 2 * DOCUMENTS


def test_imports_of_the_same_ids_with_other_texts_at_once(
    cli: Cli, postgres_url: str, tmp_path: Path
) -> None:
    files = [
        _write(tmp_path / f"{name}.jsonl", _records("d", name.upper(), "ana")) for name in "abc"
    ]
    for results in _check_rounds(cli, files, postgres_url):
        assert sorted(code for code, _, _ in results) == [0, 1, 1]
        for name, (code, _, err) in zip(files, results, strict=True):
            if code == 1:
                lines = err.splitlines()
                assert (
                    lines[0] == f"{name}:1: document 'd0' is already stored with a different text"
                )
                assert lines[-1] == f"import refused: {DOCUMENTS} problem(s); nothing was imported"


def test_imports_creating_the_default_person_at_once(
    cli: Cli, postgres_url: str, tmp_path: Path
) -> None:
    # No record names its annotator: each import creates the person `imported` if missing.
    files = [
        _write(tmp_path / f"{name}.jsonl", _records(f"{name}-", "Other", None)) for name in "abc"
    ]
    for results in _check_rounds(cli, files, postgres_url):
        assert [code for code, _, _ in results] == [0, 0, 0]
        for _, out, err in results:
            assert out.startswith(f"imported {DOCUMENTS} new document(s) (0 already stored)")
            assert err == ""
    people = _content(postgres_url)["people"]
    assert ("imported", "annotator") in people
