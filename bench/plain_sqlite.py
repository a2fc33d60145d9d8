"""The baseline: the same import and export written with nothing but ``sqlite3`` and ``json``.

Same tables, constraints and indexes as Annotator's schema (migration 0001, and the relation
tables of migration 0007, so that relations are stored as Annotator stores them), same durability
(WAL, ``synchronous=FULL``, foreign keys on), one ``BEGIN IMMEDIATE`` transaction for the whole
import, rows inserted with ``executemany`` in batches of 500 documents, and an export paged by
500 documents that writes the same JSON lines. It does none of Annotator's checks beyond what
the database enforces, which is what makes it a floor to compare against.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BATCH = 500

SCHEMA = """
CREATE TABLE documents (
    id INTEGER NOT NULL PRIMARY KEY,
    external_id VARCHAR(512) NOT NULL UNIQUE,
    text TEXT NOT NULL,
    sha256 VARCHAR(64) NOT NULL,
    length INTEGER NOT NULL,
    title VARCHAR(200) NOT NULL,
    meta JSON NOT NULL,
    imported_at DATETIME NOT NULL
);
CREATE TABLE labels (
    id INTEGER NOT NULL PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,
    position INTEGER NOT NULL
);
CREATE TABLE people (
    id INTEGER NOT NULL PRIMARY KEY,
    name VARCHAR(200) NOT NULL UNIQUE,
    role VARCHAR(20) NOT NULL CHECK (role IN ('annotator', 'reviewer')),
    created_at DATETIME NOT NULL
);
CREATE TABLE annotation_sets (
    id INTEGER NOT NULL PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    status VARCHAR(20) NOT NULL CHECK (status IN ('in_progress', 'done')),
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    UNIQUE (document_id, person_id)
);
CREATE INDEX ix_annotation_sets_person_id ON annotation_sets (person_id);
CREATE TABLE spans (
    id INTEGER NOT NULL PRIMARY KEY,
    set_id INTEGER NOT NULL REFERENCES annotation_sets (id) ON DELETE CASCADE,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    label_id INTEGER NOT NULL REFERENCES labels (id) ON DELETE RESTRICT,
    CHECK (start_offset >= 0 AND end_offset > start_offset),
    UNIQUE (set_id, start_offset, end_offset, label_id)
);
CREATE INDEX ix_spans_label_id ON spans (label_id);
CREATE TABLE relation_labels (
    id INTEGER NOT NULL PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,
    position INTEGER NOT NULL
);
CREATE TABLE relations (
    id INTEGER NOT NULL PRIMARY KEY,
    set_id INTEGER NOT NULL REFERENCES annotation_sets (id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,
    target_id INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,
    label_id INTEGER NOT NULL REFERENCES relation_labels (id) ON DELETE RESTRICT,
    CHECK (source_id <> target_id),
    UNIQUE (source_id, target_id, label_id)
);
CREATE INDEX ix_relations_set_id ON relations (set_id);
CREATE INDEX ix_relations_target_id ON relations (target_id);
CREATE INDEX ix_relations_label_id ON relations (label_id);
INSERT INTO labels (name, position) VALUES ('ACTOR', 0), ('PLACE', 1), ('EVENT', 2), ('FIGURE', 3);
INSERT INTO relation_labels (name, position)
VALUES ('agent', 0), ('target', 1), ('location', 2), ('count', 3);
"""


def connect(path: Path) -> sqlite3.Connection:
    """A connection with Annotator's settings: WAL, synchronous=FULL, foreign keys."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA synchronous=FULL")
    return connection


def create(path: Path) -> None:
    connection = connect(path)
    try:
        connection.executescript(SCHEMA)
    finally:
        connection.close()


def _title(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def document_row(document_id: int, value: dict[str, Any], now: Any) -> tuple[Any, ...]:
    """The ``documents`` row of one parsed JSONL record: (id, external_id, text, sha256,
    length, title, meta, imported_at), as the import stores it."""
    text = value["text"]
    return (
        document_id,
        value["id"],
        text,
        hashlib.sha256(text.encode("utf-8")).hexdigest(),
        len(text),
        _title(text),
        json.dumps(value.get("meta", {})),
        now,
    )


def import_jsonl(corpus: Path, database: Path) -> int:
    """Insert every line of ``corpus`` in one transaction; returns the number of documents."""
    connection = connect(database)
    try:
        connection.execute("BEGIN IMMEDIATE")
        labels = dict(connection.execute("SELECT name, id FROM labels"))
        relation_labels = dict(connection.execute("SELECT name, id FROM relation_labels"))
        people = dict(connection.execute("SELECT name, id FROM people"))
        # Ids given here rather than read back: the baseline does the least work it can.
        document_id = _max_id(connection, "documents")
        set_id = _max_id(connection, "annotation_sets")
        span_id = _max_id(connection, "spans")
        now = datetime.now(UTC).isoformat(" ")
        documents: list[tuple[Any, ...]] = []
        sets: list[tuple[Any, ...]] = []
        spans: list[tuple[int, int, int, int, int]] = []
        relations: list[tuple[int, int, int, int]] = []
        count = 0
        with corpus.open("r", encoding="utf-8") as lines:
            for line in lines:
                value = json.loads(line)
                document_id += 1
                documents.append(document_row(document_id, value, now))
                if value.get("spans") is not None:
                    name = value.get("annotator") or "imported"
                    if name not in people:
                        people[name] = connection.execute(
                            "INSERT INTO people (name, role, created_at) "
                            "VALUES (?, 'annotator', ?) RETURNING id",
                            (name, now),
                        ).fetchone()[0]
                    set_id += 1
                    sets.append(
                        (set_id, document_id, people[name], value.get("status", "done"), now, now)
                    )
                    first = span_id + 1
                    spans.extend(
                        (span_id := span_id + 1, set_id, s["start"], s["end"], labels[s["label"]])
                        for s in value["spans"]
                    )
                    relations.extend(
                        (set_id, first + r["from"], first + r["to"], relation_labels[r["label"]])
                        for r in value.get("relations", ())
                    )
                count += 1
                if len(documents) >= BATCH:
                    _insert(connection, documents, sets, spans, relations)
        _insert(connection, documents, sets, spans, relations)
        connection.execute("COMMIT")
    finally:
        connection.close()
    return count


def _max_id(connection: sqlite3.Connection, table: str) -> int:
    (value,) = connection.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
    return int(value)


def _insert(
    connection: sqlite3.Connection,
    documents: list[tuple[Any, ...]],
    sets: list[tuple[Any, ...]],
    spans: list[tuple[int, int, int, int, int]],
    relations: list[tuple[int, int, int, int]],
) -> None:
    connection.executemany(
        "INSERT INTO documents (id, external_id, text, sha256, length, title, meta, imported_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        documents,
    )
    connection.executemany(
        "INSERT INTO annotation_sets (id, document_id, person_id, status, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        sets,
    )
    connection.executemany(
        "INSERT INTO spans (id, set_id, start_offset, end_offset, label_id) VALUES (?, ?, ?, ?, ?)",
        spans,
    )
    connection.executemany(
        "INSERT INTO relations (set_id, source_id, target_id, label_id) VALUES (?, ?, ?, ?)",
        relations,
    )
    documents.clear()
    sets.clear()
    spans.clear()
    relations.clear()


def export_jsonl(database: Path, output: Path) -> int:
    """Write one line per (document, annotation set), as Annotator's exporter does; returns
    the number of lines. One read transaction, documents paged by id."""
    connection = connect(database)
    count = 0
    try:
        connection.execute("BEGIN")
        with output.open("w", encoding="utf-8", newline="") as out:
            after = 0
            while True:
                page = connection.execute(
                    "SELECT id, external_id, text, meta FROM documents WHERE id > ? "
                    "ORDER BY id LIMIT ?",
                    (after, BATCH),
                ).fetchall()
                if not page:
                    break
                after = page[-1][0]
                marks = ",".join("?" * len(page))
                sets = connection.execute(
                    "SELECT s.id, s.document_id, p.name, s.status FROM annotation_sets s "
                    f"JOIN people p ON p.id = s.person_id WHERE s.document_id IN ({marks}) "
                    "ORDER BY s.document_id, p.name",
                    [row[0] for row in page],
                ).fetchall()
                spans: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
                span_of: dict[int, tuple[int, int, str]] = {}
                relations: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
                if sets:
                    marks = ",".join("?" * len(sets))
                    set_ids = [row[0] for row in sets]
                    for span_id, set_id, start, end, label in connection.execute(
                        "SELECT s.id, s.set_id, s.start_offset, s.end_offset, l.name FROM spans s "
                        f"JOIN labels l ON l.id = s.label_id WHERE s.set_id IN ({marks})",
                        set_ids,
                    ):
                        span_of[span_id] = (start, end, label)
                        spans[set_id].append(span_of[span_id])
                    for set_id, source, target, label in connection.execute(
                        "SELECT r.set_id, r.source_id, r.target_id, l.name FROM relations r "
                        "JOIN relation_labels l ON l.id = r.label_id "
                        f"WHERE r.set_id IN ({marks})",
                        set_ids,
                    ):
                        relations[set_id].append((source, target, label))
                by_document: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
                for set_id, document_id, name, status in sets:
                    by_document[document_id].append((set_id, name, status))
                for document_id, external_id, text, meta_json in page:
                    record: dict[str, Any] = {"id": external_id, "text": text}
                    meta = json.loads(meta_json)
                    if meta:
                        record["meta"] = meta
                    for set_id, name, status in by_document.get(document_id) or [(0, "", "")]:
                        line = dict(record)
                        if set_id:
                            line["annotator"] = name
                            line["status"] = status
                            ordered = sorted(spans[set_id])
                            line["spans"] = [
                                {"start": s, "end": e, "label": label, "text": text[s:e]}
                                for s, e, label in ordered
                            ]
                            if relations.get(set_id):
                                index = {span: i for i, span in enumerate(ordered)}
                                line["relations"] = [
                                    {"from": i, "to": j, "label": label}
                                    for i, j, label in sorted(
                                        (index[span_of[a]], index[span_of[b]], label)
                                        for a, b, label in relations[set_id]
                                    )
                                ]
                        out.write(json.dumps(line, ensure_ascii=False))
                        out.write("\n")
                        count += 1
        connection.execute("ROLLBACK")
    finally:
        connection.close()
    return count


def main(argv: list[str]) -> int:
    """``python -m bench.plain_sqlite import CORPUS DATABASE`` (creates the schema if the file
    is new) or ``export DATABASE OUTPUT``: one whole process, as the benchmark times it."""
    if len(argv) == 3 and argv[0] == "import":
        database = Path(argv[2])
        if not database.exists():
            create(database)
        import_jsonl(Path(argv[1]), database)
    elif len(argv) == 3 and argv[0] == "export":
        export_jsonl(Path(argv[1]), Path(argv[2]))
    else:
        print(main.__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
