"""Writing an import's spans: psycopg ``COPY`` on PostgreSQL, one driver ``executemany`` elsewhere.

Spans are most of an import's rows (~20 a document) and all integers. On PostgreSQL a per-row
``INSERT`` is one round trip each even inside ``executemany``, which made spans more than half of
an import (issue 8); ``COPY`` streams them in one statement. Both paths write through the
session's own connection, so the spans are part of the import's one transaction and a refused
import rolls them back with everything else.
"""

from __future__ import annotations

from sqlalchemy import Connection, insert

from annotator.store.models import Base, Span

SpanRow = tuple[int, int, int, int]  # (set_id, start, end, label_id)

_SPAN_COLUMNS = ("set_id", "start_offset", "end_offset", "label_id")
_SPANS = Base.metadata.tables[Span.__tablename__]
# Column names spelled out rather than taken from the model: COPY has no placeholders to check
# them against, and a column order that silently differed would store wrong offsets.
_COPY_SPANS = f"COPY {_SPANS.name} ({', '.join(_SPAN_COLUMNS)}) FROM STDIN"


class SpanWriter:
    """Inserts span rows through one SQLAlchemy connection, the fastest way its driver allows."""

    def __init__(self) -> None:
        self._insert = ""
        self._positional = True

    def write(self, connection: Connection, rows: list[SpanRow]) -> None:
        if connection.dialect.driver == "psycopg":
            self._copy(connection, rows)
        else:
            self._executemany(connection, rows)

    def _copy(self, connection: Connection, rows: list[SpanRow]) -> None:
        # The psycopg connection under the session: same transaction, same advisory lock.
        driver_connection = connection.connection.driver_connection
        assert driver_connection is not None
        with driver_connection.cursor() as cursor, cursor.copy(_COPY_SPANS) as copy:
            for row in rows:
                copy.write_row(row)

    def _executemany(self, connection: Connection, rows: list[SpanRow]) -> None:
        """One driver ``executemany`` on a statement compiled once for the dialect: SQLAlchemy's
        per-row parameter processing would cost more than the database does."""
        if not self._insert:
            compiled = (
                insert(_SPANS)
                .inline()
                .compile(dialect=connection.dialect, column_keys=list(_SPAN_COLUMNS))
            )
            self._insert = str(compiled)
            self._positional = bool(compiled.positional)
            if self._positional and list(compiled.positiontup or ()) != list(_SPAN_COLUMNS):
                raise RuntimeError(f"unexpected parameter order in {self._insert}")
        if self._positional:
            connection.exec_driver_sql(self._insert, rows)
        else:
            connection.exec_driver_sql(
                self._insert, [dict(zip(_SPAN_COLUMNS, row, strict=True)) for row in rows]
            )
