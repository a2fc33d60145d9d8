"""Assignments: K annotators per document, balanced loads, existing assignments kept."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select

from annotator.core.status import Role
from annotator.schemas import DocumentRecord, Located
from annotator.store.assignments import AssignmentError, assign
from annotator.store.documents import find_document, list_documents
from annotator.store.importer import import_records
from annotator.store.models import Assignment, Document, Person
from annotator.store.people import add_person
from annotator.store.store import Store

PEOPLE = ["ana", "ben", "cai"]


@pytest.fixture
def corpus(store: Store) -> Store:
    import_records(
        store,
        [Located("t", n, DocumentRecord(id=f"d{n:02}", text=f"Text {n}")) for n in range(1, 12)],
    )
    for name in [*PEOPLE, "dan"]:
        add_person(store, name, Role.ANNOTATOR)
    return store


def assignments(store: Store) -> set[tuple[str, str]]:
    """(document external id, person) of every assignment."""
    with store.reading() as session:
        rows = session.execute(
            select(Document.external_id, Person.name)
            .join(Assignment, Assignment.document_id == Document.id)
            .join(Person, Person.id == Assignment.person_id)
        )
        return {(doc, name) for doc, name in rows}


def test_each_document_gets_k_people_and_loads_differ_by_at_most_one(corpus: Store) -> None:
    report = assign(corpus, PEOPLE, 2)
    rows = assignments(corpus)
    per_document = Counter(doc for doc, _ in rows)
    assert set(per_document.values()) == {2}
    assert len(per_document) == 11
    load = Counter(name for _, name in rows)
    assert set(load) == set(PEOPLE)
    assert max(load.values()) - min(load.values()) <= 1
    assert report.added == 22
    assert report.documents == 11
    assert report.load == dict(load)


def test_existing_assignments_stay_and_a_full_document_gets_nobody(corpus: Store) -> None:
    assign(corpus, ["dan"], 1, ["d01", "d02"])
    before = assignments(corpus)
    report = assign(corpus, PEOPLE, 1)
    after = assignments(corpus)
    assert before <= after
    # d01 and d02 already had one person each: K=1 gives them nobody new.
    assert {name for doc, name in after if doc in ("d01", "d02")} == {"dan"}
    assert report.added == 9
    # Running again changes nothing.
    assert assign(corpus, PEOPLE, 1).added == 0
    assert assignments(corpus) == after


def test_raising_k_adds_only_the_missing_people(corpus: Store) -> None:
    assign(corpus, PEOPLE, 1)
    first = assignments(corpus)
    assign(corpus, PEOPLE, 2)
    second = assignments(corpus)
    assert first <= second
    assert set(Counter(doc for doc, _ in second).values()) == {2}
    # Nobody is given the same document twice.
    assert len(second) == len({(d, n) for d, n in second})
    load = Counter(name for _, name in second)
    assert max(load.values()) - min(load.values()) <= 1


def test_only_the_named_documents(corpus: Store) -> None:
    report = assign(corpus, PEOPLE, 3, ["d03", "d05"])
    assert report.documents == 2
    assert {doc for doc, _ in assignments(corpus)} == {"d03", "d05"}
    assert len(assignments(corpus)) == 6


def test_assigned_documents_are_what_annotators_see(corpus: Store) -> None:
    assign(corpus, ["ana"], 1, ["d01"])
    assign(corpus, ["ben"], 1, ["d02"])
    ana = {d.external_id for d in list_documents(corpus, "ana")}
    ben = {d.external_id for d in list_documents(corpus, "ben")}
    assert "d01" in ana
    assert "d02" not in ana
    assert "d02" in ben
    assert "d01" not in ben
    # Unassigned documents are open to everyone.
    assert "d05" in ana
    assert "d05" in ben


@pytest.mark.parametrize(
    ("people", "k", "docs", "message"),
    [
        (["ana", "zed"], 1, None, "unknown 'zed'"),
        (["ana"], 2, None, "between 1 and the number of people"),
        (["ana", "ben"], 0, None, "between 1"),
        ([], 1, None, "at least one person"),
        (["ana"], 1, ["d01", "nope"], "unknown document"),
    ],
)
def test_refusals_change_nothing(
    corpus: Store, people: list[str], k: int, docs: list[str] | None, message: str
) -> None:
    with pytest.raises(AssignmentError, match=message):
        assign(corpus, people, k, docs)
    assert assignments(corpus) == set()
    assert find_document(corpus, "d01") is not None
