"""The data model as stored: exact texts, hashes, metadata, people, annotation sets, spans and
the label schema, enforced by the database itself where it can be."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from annotator.core.labels import default_schema
from annotator.store.importer import ImportReport
from annotator.store.models import AnnotationSet, Document, Label, Person, Span
from annotator.store.store import Store

EXACT_TEXT = "Line one\r\n\ttabbed\u00a0nbsp 👩\u200d💻 🇦🇫\rlone CR\u2029para  trailing  \n"


def test_documents_keep_the_exact_text_hash_meta_and_import_time(
    store: Store,
    write_jsonl: Callable[..., Path],
    import_file: Callable[..., ImportReport],
) -> None:
    before = datetime.now(UTC)
    meta = {"source": "Pajhwok", "date": "2021-08-15", "tags": ["a", "b"], "n": 3}
    path = write_jsonl([{"id": "d1", "text": EXACT_TEXT, "meta": meta}])
    import_file(store, path)
    after = datetime.now(UTC)
    with store.reading() as session:
        document = session.scalars(select(Document)).one()
        session.expunge(document)
    assert document.external_id == "d1"
    assert document.text == EXACT_TEXT
    assert document.sha256 == hashlib.sha256(EXACT_TEXT.encode("utf-8")).hexdigest()
    assert document.length == len(EXACT_TEXT)
    assert document.title == "Line one"
    assert document.meta == meta
    imported_at = document.imported_at
    if imported_at.tzinfo is None:  # SQLite keeps no zone; the value written was UTC
        imported_at = imported_at.replace(tzinfo=UTC)
    assert before - timedelta(seconds=1) <= imported_at <= after + timedelta(seconds=1)


def test_the_default_label_schema_is_seeded_in_order(store: Store) -> None:
    with store.reading() as session:
        rows = session.scalars(select(Label).order_by(Label.position)).all()
        session.expunge_all()
    assert [(row.name, row.hotkey, row.color) for row in rows] == [
        (label.name, label.hotkey, label.color) for label in default_schema()
    ]
    assert [row.name for row in rows] == ["ACTOR", "PLACE", "EVENT", "FIGURE"]
    assert [row.hotkey for row in rows] == ["1", "2", "3", "4"]


def _document(store: Store) -> int:
    with store.writing() as session:
        document = Document(
            external_id="d", text="abcdef", sha256="0" * 64, length=6, title="abcdef", meta={}
        )
        session.add(document)
        session.flush()
        return document.id


def _person(store: Store, name: str) -> int:
    with store.writing() as session:
        person = Person(name=name, role="annotator")
        session.add(person)
        session.flush()
        return person.id


def _label_id(store: Store, name: str) -> int:
    with store.reading() as session:
        found = session.scalar(select(Label.id).where(Label.name == name))
    assert found is not None
    return found


def test_one_annotation_set_per_document_and_person(store: Store) -> None:
    document, ana = _document(store), _person(store, "ana")
    with store.writing() as session:
        session.add(AnnotationSet(document_id=document, person_id=ana, status="in_progress"))
    with pytest.raises(IntegrityError), store.writing() as session:
        session.add(AnnotationSet(document_id=document, person_id=ana, status="done"))
    bo = _person(store, "bo")
    with store.writing() as session:
        session.add(AnnotationSet(document_id=document, person_id=bo, status="done"))
    with store.reading() as session:
        statuses = sorted(session.scalars(select(AnnotationSet.status)).all())
    assert statuses == ["done", "in_progress"]


def test_status_is_in_progress_or_done(store: Store) -> None:
    document, ana = _document(store), _person(store, "ana")
    with pytest.raises(IntegrityError), store.writing() as session:
        session.add(AnnotationSet(document_id=document, person_id=ana, status="finished"))


def test_people_have_unique_names_and_a_known_role(store: Store) -> None:
    _person(store, "ana")
    with pytest.raises(IntegrityError), store.writing() as session:
        session.add(Person(name="ana", role="annotator"))
    with pytest.raises(IntegrityError), store.writing() as session:
        session.add(Person(name="cy", role="boss"))


def test_overlapping_and_nested_spans_are_allowed_exact_duplicates_are_not(store: Store) -> None:
    document, ana = _document(store), _person(store, "ana")
    actor, place = _label_id(store, "ACTOR"), _label_id(store, "PLACE")
    with store.writing() as session:
        annotation = AnnotationSet(document_id=document, person_id=ana, status="in_progress")
        session.add(annotation)
        session.flush()
        set_id = annotation.id
        session.add_all(
            [
                Span(set_id=set_id, start=0, end=6, label_id=actor),
                Span(set_id=set_id, start=1, end=3, label_id=actor),  # nested
                Span(set_id=set_id, start=2, end=5, label_id=place),  # overlapping
                Span(set_id=set_id, start=0, end=6, label_id=place),  # same range, other label
            ]
        )
    with pytest.raises(IntegrityError), store.writing() as session:
        session.add(Span(set_id=set_id, start=1, end=3, label_id=actor))
    with pytest.raises(IntegrityError), store.writing() as session:
        session.add(Span(set_id=set_id, start=3, end=3, label_id=actor))  # empty
    with store.reading() as session:
        assert len(session.scalars(select(Span)).all()) == 4


def test_foreign_keys_are_enforced(store: Store) -> None:
    actor = _label_id(store, "ACTOR")
    with pytest.raises(IntegrityError), store.writing() as session:
        session.add(Span(set_id=12345, start=0, end=1, label_id=actor))


def test_deleting_a_document_deletes_its_sets_and_spans(store: Store) -> None:
    document, ana = _document(store), _person(store, "ana")
    actor = _label_id(store, "ACTOR")
    with store.writing() as session:
        annotation = AnnotationSet(document_id=document, person_id=ana, status="done")
        session.add(annotation)
        session.flush()
        session.add(Span(set_id=annotation.id, start=0, end=2, label_id=actor))
    with store.writing() as session:
        session.delete(session.get(Document, document))
    with store.reading() as session:
        assert session.scalars(select(AnnotationSet)).all() == []
        assert session.scalars(select(Span)).all() == []
