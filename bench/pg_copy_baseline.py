"""The PostgreSQL import baseline: the corpus's rows loaded with nothing but psycopg ``COPY``.

``python -m bench.pg_copy_baseline CORPUS CONNINFO`` reads the JSONL line by line, ``json.loads``
each line and copies the same rows Annotator stores (documents with text, sha256, length, title
and meta; people; annotation sets; spans) into the schema Annotator created, in one transaction.
Ids are given here rather than read back, and nothing is checked beyond what the database
enforces: the least work a loader can do. Run as its own process, as ``annotator import`` is.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import psycopg

from bench.plain_sqlite import document_row


def load(corpus: Path, conninfo: str) -> int:
    """Copy every line of ``corpus`` in one transaction; returns the number of documents."""
    now = datetime.now(UTC)
    count = 0
    with psycopg.connect(conninfo) as connection, connection.cursor() as cursor:
        labels: dict[str, int] = dict(cursor.execute("SELECT name, id FROM labels").fetchall())
        people: dict[str, int] = dict(cursor.execute("SELECT name, id FROM people").fetchall())
        document_id = cursor.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()
        set_id = cursor.execute("SELECT coalesce(max(id), 0) FROM annotation_sets").fetchone()
        next_document, next_set = int(document_id[0]), int(set_id[0])  # type: ignore[index]
        sets: list[tuple[int, int, str, str, datetime, datetime]] = []
        spans: list[tuple[int, int, int, int]] = []
        # Documents are copied as they are read (their text is most of the bytes); sets and
        # spans after, since a set needs its document and its person to be there first.
        with (
            corpus.open("r", encoding="utf-8") as lines,
            cursor.copy(
                "COPY documents (id, external_id, text, sha256, length, title, meta, "
                "imported_at) FROM STDIN"
            ) as copy,
        ):
            for line in lines:
                value = json.loads(line)
                next_document += 1
                copy.write_row(document_row(next_document, value, now))
                if value.get("spans") is not None:
                    name = value.get("annotator") or "imported"
                    people.setdefault(name, 0)  # created below, after the COPY
                    next_set += 1
                    sets.append(
                        (next_set, next_document, name, value.get("status", "done"), now, now)
                    )
                    spans.extend(
                        (next_set, s["start"], s["end"], labels[s["label"]]) for s in value["spans"]
                    )
                count += 1
        for name, ident in list(people.items()):
            if not ident:
                people[name] = cursor.execute(
                    "INSERT INTO people (name, role, created_at) "
                    "VALUES (%s, 'annotator', %s) RETURNING id",
                    (name, now),
                ).fetchone()[0]  # type: ignore[index]
        with cursor.copy(
            "COPY annotation_sets (id, document_id, person_id, status, created_at, updated_at) "
            "FROM STDIN"
        ) as copy:
            for ident, document, name, status, created, updated in sets:
                copy.write_row((ident, document, people[name], status, created, updated))
        with cursor.copy(
            "COPY spans (set_id, start_offset, end_offset, label_id) FROM STDIN"
        ) as copy:
            for row in spans:
                copy.write_row(row)
    return count


if __name__ == "__main__":
    load(Path(sys.argv[1]), sys.argv[2])
