"""Writing an import's rows (documents, annotation sets, spans, relations) the fastest way each
database allows, through the import's own connection, so that they are part of its one
transaction and a refused import rolls them back with everything else.

- SQLite: one driver ``executemany`` per table and batch, on a statement compiled once, each
  row a tuple; the ids of documents, sets and spans are given here (the import holds SQLite's
  write lock from its first statement, so the next id is the largest stored plus one, which
  SQLite would give too). Going through SQLAlchemy's per-row parameter handling cost more than
  SQLite did.
- PostgreSQL: documents and sets with ``INSERT ... RETURNING`` (the ids come from their
  sequences); spans, ~20 a document and all integers, and relations with ``COPY``: a per-row
  ``INSERT`` is a round trip each, even inside ``executemany``, and made spans more than half
  of an import. Span ids, which relations need, are taken from the spans' sequence first, a
  batch's in one query.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select

from annotator.store.models import AnnotationSet, Base, Document, Relation, Span

DOCUMENT_COLUMNS = ("external_id", "text", "sha256", "length", "title", "meta", "imported_at")
# In the table's order, as the compiled SQLite statement has them.
SET_COLUMNS = (
    "document_id",
    "person_id",
    "status",
    "created_at",
    "updated_at",
    "comment",
    "flagged",
)
SPAN_COLUMNS = ("id", "set_id", "start_offset", "end_offset", "label_id")
SpanRow = tuple[int, int, int, int, int]  # (id, set_id, start, end, label_id)
RELATION_COLUMNS = ("set_id", "source_id", "target_id", "label_id")
RelationRow = tuple[int, int, int, int]  # (set_id, source span id, target span id, label_id)

_DOCUMENTS = Base.metadata.tables[Document.__tablename__]
_SETS = Base.metadata.tables[AnnotationSet.__tablename__]
_SPANS = Base.metadata.tables[Span.__tablename__]
_RELATIONS = Base.metadata.tables[Relation.__tablename__]
# Column names spelled out rather than taken from the model: COPY has no placeholders to check
# them against, and a column order that silently differed would store wrong offsets.
_COPY_SPANS = f"COPY {_SPANS.name} ({', '.join(SPAN_COLUMNS)}) FROM STDIN"
_COPY_RELATIONS = f"COPY {_RELATIONS.name} ({', '.join(RELATION_COLUMNS)}) FROM STDIN"


class ImportRows:
    """Inserts the rows of one import through ``connection``."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._postgres = connection.dialect.driver == "psycopg"
        self._statements: dict[str, str] = {}
        self._next_id: dict[str, int] = {}
        self._span_sequence: str | None = None
        if not self._postgres:
            for table in (_DOCUMENTS, _SETS, _SPANS):
                largest = connection.execute(select(func.max(table.c.id))).scalar_one()
                self._next_id[table.name] = (largest or 0) + 1

    def documents(self, rows: Sequence[tuple[Any, ...]], imported_at: datetime) -> list[int]:
        """Insert documents, each ``(external_id, text, sha256, length, title, meta)``; their
        ids, in order."""
        if self._postgres:
            return self._returning(
                _DOCUMENTS, DOCUMENT_COLUMNS, [(*row, imported_at) for row in rows]
            )
        meta = _bind(self._connection, _DOCUMENTS, "meta")
        stamp = _bind(self._connection, _DOCUMENTS, "imported_at")(imported_at)
        converted = [(*row[:5], meta(row[5]), stamp) for row in rows]
        return self._with_ids(_DOCUMENTS, DOCUMENT_COLUMNS, converted)

    def sets(
        self, rows: Sequence[tuple[int, int, str, str | None, bool]], now: datetime
    ) -> list[int]:
        """Insert annotation sets, each ``(document_id, person_id, status, comment, flagged)``,
        created and updated ``now``; their ids, in order."""
        if self._postgres:
            return self._returning(
                _SETS, SET_COLUMNS, [(*row[:3], now, now, *row[3:]) for row in rows]
            )
        stamp = _bind(self._connection, _SETS, "created_at")(now)
        return self._with_ids(
            _SETS, SET_COLUMNS, [(*row[:3], stamp, stamp, *row[3:]) for row in rows]
        )

    def span_ids(self, count: int) -> list[int]:
        """``count`` ids for new spans, which no other transaction will take."""
        if not count:
            return []
        if self._postgres:
            if self._span_sequence is None:
                self._span_sequence = self._connection.execute(
                    select(func.pg_get_serial_sequence(_SPANS.name, "id"))
                ).scalar_one()
            series = func.generate_series(1, count).table_valued("n")
            taken = select(func.nextval(self._span_sequence)).select_from(series)
            return list(self._connection.execute(taken).scalars())
        first = self._next_id[_SPANS.name]
        self._next_id[_SPANS.name] = first + count
        return list(range(first, first + count))

    def spans(self, rows: list[SpanRow]) -> None:
        """Insert spans, their ids taken from :meth:`span_ids`."""
        if self._postgres:
            self._copy(_COPY_SPANS, rows)
        else:
            self._connection.exec_driver_sql(self._statement(_SPANS, SPAN_COLUMNS), rows)

    def relations(self, rows: list[RelationRow]) -> None:
        if self._postgres:
            self._copy(_COPY_RELATIONS, rows)
        else:
            self._connection.exec_driver_sql(self._statement(_RELATIONS, RELATION_COLUMNS), rows)

    def _copy(self, statement: str, rows: Sequence[tuple[int, ...]]) -> None:
        # The psycopg connection under the session: same transaction, same advisory lock.
        driver_connection = self._connection.connection.driver_connection
        assert driver_connection is not None
        with driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    def commented_spans(self, rows: list[tuple[int, int, int, int, int, str]]) -> None:
        """Insert spans with a comment, each ``(id, set_id, start, end, label_id, comment)``: few,
        so through SQLAlchemy Core on both databases, leaving the fast paths of :meth:`spans`
        to the many without one."""
        columns = (*SPAN_COLUMNS, "comment")
        self._connection.execute(
            insert(_SPANS), [dict(zip(columns, row, strict=True)) for row in rows]
        )

    def _with_ids(
        self, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
    ) -> list[int]:
        first = self._next_id[table.name]
        ids = list(range(first, first + len(rows)))
        self._next_id[table.name] = first + len(rows)
        statement = self._statement(table, ("id", *columns))
        self._connection.exec_driver_sql(
            statement, [(ident, *row) for ident, row in zip(ids, rows, strict=True)]
        )
        return ids

    def _returning(
        self, table: Table, columns: tuple[str, ...], rows: Sequence[tuple[Any, ...]]
    ) -> list[int]:
        # insertmanyvalues with sort_by_parameter_order: the ids come back in the rows' order.
        result = self._connection.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True),
            [dict(zip(columns, row, strict=True)) for row in rows],
        )
        return [ident for (ident,) in result]

    def _statement(self, table: Table, columns: tuple[str, ...]) -> str:
        key = f"{table.name}:{','.join(columns)}"
        if key not in self._statements:
            self._statements[key] = positional_insert(self._connection, table, columns)
        return self._statements[key]


def positional_insert(connection: Connection, table: Table, columns: tuple[str, ...]) -> str:
    """``INSERT INTO table (columns) VALUES (?, ...)`` as ``connection``'s driver takes it, for
    rows given as tuples in ``columns`` order; raises for a driver whose placeholders are not
    positional (psycopg's are named: PostgreSQL takes other paths)."""
    compiled = insert(table).inline().compile(dialect=connection.dialect, column_keys=list(columns))
    if not compiled.positional or list(compiled.positiontup or ()) != list(columns):
        raise RuntimeError(f"unexpected parameters in {compiled}")
    return str(compiled)


def _bind(connection: Connection, table: Table, column: str) -> Any:
    """How SQLAlchemy turns ``column``'s Python values into what the driver stores."""
    process = table.c[column].type._cached_bind_processor(connection.dialect)
    return process if process is not None else (lambda value: value)
