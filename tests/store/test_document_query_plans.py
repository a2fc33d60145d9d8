"""The queries the window runs at start use indexes: SQLite's EXPLAIN QUERY PLAN and
PostgreSQL's EXPLAIN of the statements actually executed show no full scan of documents or
annotation sets, for a person who has finished every document they may open (the case that
walked every document, issue 8)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event, insert, select, text

from annotator.core.status import Role, SetStatus
from annotator.store.assignments import assign
from annotator.store.documents import (
    StatusFilter,
    count_documents,
    list_documents,
    neighbour,
    next_unfinished,
)
from annotator.store.models import AnnotationSet, Document, Person
from annotator.store.people import add_person
from annotator.store.progress import person_progress
from annotator.store.store import Store

DOCUMENTS = 300


def _corpus(store: Store, assigned: bool) -> None:
    """``DOCUMENTS`` documents; ``finished`` has marked every one done. With ``assigned``,
    one document is assigned to ``finished`` and one (not done) to ``other``, so the
    visibility test is in every query and ``next_unfinished`` has to walk."""
    now = datetime.now(UTC)
    for name in ("finished", "other"):
        add_person(store, name, Role.ANNOTATOR)
    with store.writing() as session:
        session.execute(
            insert(Document),
            [
                {
                    "external_id": f"doc-{n}",
                    "text": f"text {n}",
                    "sha256": "0" * 64,
                    "length": 6,
                    "title": f"text {n}",
                    "meta": {},
                    "imported_at": now,
                }
                for n in range(DOCUMENTS)
            ],
        )
        finished = session.scalar(select(Person.id).where(Person.name == "finished"))
        ids = session.scalars(select(Document.id).order_by(Document.id)).all()
        session.execute(
            insert(AnnotationSet),
            [
                {
                    "document_id": ident,
                    "person_id": finished,
                    "status": SetStatus.DONE.value,
                    "created_at": now,
                    "updated_at": now,
                }
                # doc-0 goes to "other": left undone, so only a walk can tell that
                # "finished" has nothing left.
                for ident in (ids[1:] if assigned else ids)
            ],
        )
    if assigned:
        assign(store, ["finished"], 1, [f"doc-{DOCUMENTS - 1}"])
        assign(store, ["other"], 1, ["doc-0"])
    if store.engine.dialect.name == "postgresql":
        # As autovacuum would; Annotator never runs ANALYZE on SQLite, so its planner works
        # from the schema alone there, as it does on a user's file.
        with store.engine.begin() as connection:
            connection.execute(text("ANALYZE"))


@contextmanager
def _selects(store: Store) -> Iterator[list[tuple[str, Any]]]:
    """The SELECT statements (with their parameters) run on ``store`` meanwhile."""
    seen: list[tuple[str, Any]] = []

    def grab(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", grab)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", grab)


def _plans(store: Store, prefix: str, run: Callable[[], object], setup: str = "") -> list[str]:
    """One text per statement ``run`` executes: the statement, then its plan lines (explained
    on a connection that first runs ``setup``)."""
    with _selects(store) as statements:
        run()
    plans = []
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        if setup:
            cursor.execute(setup)
        for statement, parameters in statements:
            cursor.execute(prefix + statement, parameters)
            lines = [str(row[-1]) for row in cursor.fetchall()]
            plans.append("\n".join([" ".join(statement.split()), *lines]))
    finally:
        raw.close()
    return plans


START_QUERIES: dict[str, Callable[[Store], object]] = {
    "next_unfinished": lambda store: next_unfinished(store, "finished"),
    "next_unfinished_after": lambda store: next_unfinished(store, "finished", 7),
    "progress": lambda store: person_progress(store, "finished"),
    "count_documents": lambda store: count_documents(store, "finished"),
    "list_documents": lambda store: list_documents(store, "finished"),
    "neighbour": lambda store: neighbour(store, "finished", 0),
    "list_flagged": lambda store: list_documents(store, "finished", status=StatusFilter.FLAGGED),
    "count_flagged": lambda store: count_documents(store, "finished", StatusFilter.FLAGGED),
}


@pytest.mark.parametrize("assigned", [False, True], ids=["unassigned", "assigned"])
@pytest.mark.parametrize("query", START_QUERIES)
def test_sqlite_start_queries_use_indexes(sqlite_store: Store, query: str, assigned: bool) -> None:
    _corpus(sqlite_store, assigned)
    plans = _plans(sqlite_store, "EXPLAIN QUERY PLAN ", lambda: START_QUERIES[query](sqlite_store))
    assert plans
    for plan in plans:
        # "SCAN t" alone reads the table's rows; "SCAN t USING COVERING INDEX" (a count) and
        # "SEARCH t USING ..." read an index.
        assert not re.search(r"^SCAN (documents|annotation_sets|assignments)$", plan, re.M), plan
        assert "USING TEMP B-TREE" not in plan, plan
    if query.startswith("next_unfinished") and assigned:
        walk = next(p for p in plans if "NOT (EXISTS" in p or "NOT EXISTS" in p)
        # One probe per document on (document_id, person_id): the unique index, which SQLite
        # prefers to the new one as equally selective; never a pass over the sets.
        assert re.search(r"^SEARCH annotation_sets USING .*document_id=\?", walk, re.M), walk
    if query in ("progress", "next_unfinished") and not assigned:
        assert any(
            "SEARCH annotation_sets USING COVERING INDEX ix_annotation_sets_person_status_document"
            in plan
            for plan in plans
        ), plans


def test_sqlite_next_unfinished_for_a_finished_person_reads_no_document_rows(
    sqlite_store: Store,
) -> None:
    """With nothing assigned the answer comes from two index counts: no walk at all."""
    _corpus(sqlite_store, assigned=False)
    plans = _plans(
        sqlite_store, "EXPLAIN QUERY PLAN ", lambda: next_unfinished(sqlite_store, "finished")
    )
    assert next_unfinished(sqlite_store, "finished") is None
    assert not any("rowid>" in plan for plan in plans), plans


@pytest.mark.postgres
@pytest.mark.parametrize("query", START_QUERIES)
def test_postgres_start_queries_can_use_indexes(postgres_url: str, query: str) -> None:
    """On a few hundred rows PostgreSQL rightly prefers reading whole tables; with sequential
    scans discouraged, the plans show that every table these queries touch can be reached
    through an index (which one is the planner's choice from its statistics)."""
    with Store.open(postgres_url) as store:
        _corpus(store, assigned=True)
        run = START_QUERIES[query]
        plans = _plans(store, "EXPLAIN ", lambda: run(store), setup="SET enable_seqscan = off")
    assert plans
    for plan in plans:
        assert "Seq Scan" not in plan, plan
