"""The floor for import and export: two plain tables, ``sqlite3`` and ``json``, nothing else.

What a quick script would do with the same JSONL: a ``documents`` table (one row per line: id,
text, meta, annotator, status) and a ``spans`` table (document, start, end, label as text), one
row per span, so that spans can be queried as Annotator's can. It checks nothing, looks up
nothing, and stores no hash, title, timestamps, people or label table; the export rebuilds each
span's ``text`` from the document. One annotation per document, as the benchmark corpus has.
Same durability as Annotator (WAL, ``synchronous=FULL``, one transaction per import), so only
the work differs.

    python -m bench.two_table_baseline import CORPUS DATABASE   # creates the tables if needed
    python -m bench.two_table_baseline export DATABASE OUTPUT
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

BATCH = 500
SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    meta TEXT NOT NULL,
    annotator TEXT,
    status TEXT
);
CREATE TABLE IF NOT EXISTS spans (
    document_id INTEGER NOT NULL REFERENCES documents (id),
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    label TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS spans_document ON spans (document_id);
"""


def connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA synchronous=FULL")
    return connection


def import_jsonl(corpus: Path, database: Path) -> None:
    connection = connect(database)
    connection.executescript(SCHEMA)
    connection.execute("BEGIN IMMEDIATE")
    (document_id,) = connection.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()
    documents: list[tuple[object, ...]] = []
    spans: list[tuple[object, ...]] = []
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            value = json.loads(line)
            document_id += 1
            meta = json.dumps(value.get("meta", {}), ensure_ascii=False)
            annotated = value.get("spans") is not None
            documents.append(
                (
                    document_id,
                    value["id"],
                    value["text"],
                    meta,
                    (value.get("annotator") or "imported") if annotated else None,
                    value.get("status", "done") if annotated else None,
                )
            )
            spans.extend(
                (document_id, s["start"], s["end"], s["label"]) for s in value.get("spans") or ()
            )
            if len(documents) >= BATCH:
                _insert(connection, documents, spans)
    _insert(connection, documents, spans)
    connection.execute("COMMIT")
    connection.close()


def _insert(
    connection: sqlite3.Connection,
    documents: list[tuple[object, ...]],
    spans: list[tuple[object, ...]],
) -> None:
    connection.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)", documents)
    connection.executemany("INSERT INTO spans VALUES (?, ?, ?, ?)", spans)
    documents.clear()
    spans.clear()


def export_jsonl(database: Path, output: Path) -> None:
    """One line per document, in id order, with its annotation if it has one. One read
    transaction; documents and their spans read in pages of ``BATCH`` documents."""
    connection = connect(database)
    connection.execute("BEGIN")
    after = 0
    with output.open("w", encoding="utf-8", newline="") as out:
        while True:
            page = connection.execute(
                "SELECT id, external_id, text, meta, annotator, status FROM documents "
                "WHERE id > ? ORDER BY id LIMIT ?",
                (after, BATCH),
            ).fetchall()
            if not page:
                break
            after = page[-1][0]
            spans: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
            for document_id, start, end, label in connection.execute(
                "SELECT document_id, start_offset, end_offset, label FROM spans "
                "WHERE document_id BETWEEN ? AND ?",
                (page[0][0], after),
            ):
                spans[document_id].append((start, end, label))
            for document_id, external_id, text, meta_json, annotator, status in page:
                record: dict[str, object] = {"id": external_id, "text": text}
                meta = json.loads(meta_json)
                if meta:
                    record["meta"] = meta
                if annotator is not None:
                    record["annotator"] = annotator
                    record["status"] = status
                    record["spans"] = [
                        {"start": s, "end": e, "label": label, "text": text[s:e]}
                        for s, e, label in sorted(spans[document_id])
                    ]
                out.write(json.dumps(record, ensure_ascii=False))
                out.write("\n")
    connection.execute("ROLLBACK")
    connection.close()


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "import":
        import_jsonl(Path(argv[1]), Path(argv[2]))
    elif len(argv) == 3 and argv[0] == "export":
        export_jsonl(Path(argv[1]), Path(argv[2]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
