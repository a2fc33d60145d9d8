"""What an import has met so far, kept in the database rather than in memory.

Two records of one import may not give one document id two texts, nor one person two
annotations of one document; the second is refused naming the line of the first. Where each
was first met lives in two temporary tables of the import's own connection, so an import's
memory stays the same however many documents it holds. They go when the import ends
(PostgreSQL drops them at commit or rollback; SQLite's are dropped by :meth:`Seen.close`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Column, Connection, MetaData, String, Table, func, insert, select, tuple_

from annotator.store.import_rows import positional_insert

_TABLES = MetaData()
_DOCUMENTS = Table(
    "import_seen_documents",
    _TABLES,
    Column("external_id", String, primary_key=True),
    Column("sha256", String, nullable=False),
    Column("place", String, nullable=False),
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DROP",
)
_SETS = Table(
    "import_seen_sets",
    _TABLES,
    Column("external_id", String, primary_key=True),
    Column("annotator", String, primary_key=True),
    Column("place", String, nullable=False),
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DROP",
)


@dataclass(slots=True)
class Met:
    """One record as these checks see it: its document id and text's hash, where it is, and
    who annotated it (None: the record holds no annotation)."""

    external_id: str
    sha256: str
    source: str
    line: int
    annotator: str | None

    @property
    def place(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source


@dataclass(frozen=True, slots=True)
class Clash:
    """Record ``index`` of a batch repeats an earlier one; ``kind`` is "text" or "set"."""

    index: int
    kind: str
    message: str


class Seen:
    """The import's memory of documents and annotations, in its transaction."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        _TABLES.drop_all(connection, checkfirst=True)
        _TABLES.create_all(connection)
        # SQLite's driver-level INSERT of each table, compiled once for the whole import.
        self._inserts: dict[str, str] = {}
        if connection.dialect.name != "postgresql":
            for table in (_DOCUMENTS, _SETS):
                columns = tuple(table.c.keys())
                self._inserts[table.name] = positional_insert(connection, table, columns)

    def take(self, batch: list[Met]) -> list[Clash]:
        """Check ``batch`` (in order) against every record taken before and against itself,
        then remember it; the clashes found."""
        clashes: list[Clash] = []
        documents = self._known_documents({met.external_id for met in batch})
        new_documents: dict[str, tuple[str, str]] = {}
        for index, met in enumerate(batch):
            first = documents.get(met.external_id)
            if first is None:
                first = documents[met.external_id] = (met.sha256, met.place)
                new_documents[met.external_id] = first
            if first[0] != met.sha256:
                clashes.append(
                    Clash(
                        index,
                        "text",
                        f"document {met.external_id!r} has another text at {first[1]}",
                    )
                )
        keys = {(met.external_id, met.annotator) for met in batch if met.annotator is not None}
        sets = self._known_sets(keys)
        new_sets: dict[tuple[str, str], str] = {}
        for index, met in enumerate(batch):
            if met.annotator is None:
                continue
            key = (met.external_id, met.annotator)
            place = met.place
            first_place = sets.get(key)
            if first_place is None:
                first_place = sets[key] = new_sets[key] = place
            if first_place != place:
                message = (
                    f"{met.annotator!r} annotated {met.external_id!r} already, at {first_place}"
                )
                clashes.append(Clash(index, "set", message))
        if new_documents:
            self._insert(_DOCUMENTS, [(ext, *first) for ext, first in new_documents.items()])
        if new_sets:
            self._insert(_SETS, [(*key, place) for key, place in new_sets.items()])
        return clashes

    def _insert(self, table: Table, rows: list[tuple[str, ...]]) -> None:
        statement = self._inserts.get(table.name)
        if statement is not None:
            self._connection.exec_driver_sql(statement, rows)
            return
        columns = tuple(table.c.keys())
        self._connection.execute(
            insert(table), [dict(zip(columns, row, strict=True)) for row in rows]
        )

    def documents(self) -> int:
        """How many distinct document ids the import met."""
        count = select(func.count()).select_from(_DOCUMENTS)
        return int(self._connection.execute(count).scalar_one())

    def close(self) -> None:
        """Drop the tables (inside the transaction; PostgreSQL drops them itself at its end)."""
        if self._connection.dialect.name != "postgresql":
            _TABLES.drop_all(self._connection)

    def _known_documents(self, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        rows = self._connection.execute(
            select(_DOCUMENTS.c.external_id, _DOCUMENTS.c.sha256, _DOCUMENTS.c.place).where(
                _DOCUMENTS.c.external_id.in_(list(ids))
            )
        )
        return {ext: (sha, place) for ext, sha, place in rows}

    def _known_sets(self, keys: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
        if not keys:
            return {}
        rows = self._connection.execute(
            select(_SETS.c.external_id, _SETS.c.annotator, _SETS.c.place).where(
                tuple_(_SETS.c.external_id, _SETS.c.annotator).in_(list(keys))
            )
        )
        return {(ext, name): place for ext, name, place in rows}
