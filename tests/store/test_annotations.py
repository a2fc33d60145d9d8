"""One person's spans and status: each call one user action, one transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from annotator.core.status import SetStatus
from annotator.schemas import DocumentRecord, Located
from annotator.store.annotations import (
    SpanRejected,
    add_span,
    add_spans,
    delete_spans,
    set_status,
    set_status_of,
    spans_of,
)
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.models import AnnotationSet, Span
from annotator.store.relations import relabel_span
from annotator.store.store import Store

TEXT = "Taliban fighters attacked Kunduz 👩\u200d💻 on Tuesday."


@pytest.fixture
def doc(store: Store) -> int:
    import_records(store, [Located("t", 1, DocumentRecord(id="d1", text=TEXT))])
    found = find_document(store, "d1")
    assert found is not None
    return found


def triples(store: Store, doc: int, person: str) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label) for s in spans_of(store, doc, person)]


def test_add_span_creates_an_in_progress_set(store: Store, doc: int) -> None:
    assert set_status_of(store, doc, "ana") is None
    stored = add_span(store, doc, "ana", 26, 32, "PLACE")
    assert (stored.start, stored.end, stored.label) == (26, 32, "PLACE")
    assert TEXT[stored.start : stored.end] == "Kunduz"
    assert spans_of(store, doc, "ana") == [stored]
    assert set_status_of(store, doc, "ana") is SetStatus.IN_PROGRESS
    assert spans_of(store, doc, "bo") == []


def test_overlapping_nested_and_emoji_spans_are_kept(store: Store, doc: int) -> None:
    emoji = TEXT.index("👩")
    add_spans(
        store,
        doc,
        "ana",
        [(0, 16, "ACTOR"), (0, 7, "ACTOR"), (8, 25, "EVENT"), (emoji, emoji + 3, "FIGURE")],
    )
    assert triples(store, doc, "ana") == [
        (0, 7, "ACTOR"),
        (0, 16, "ACTOR"),
        (8, 25, "EVENT"),
        (emoji, emoji + 3, "FIGURE"),
    ]
    assert TEXT[emoji : emoji + 3] == "👩\u200d💻"


def test_an_exact_duplicate_is_refused_and_nothing_of_the_action_is_kept(
    store: Store, doc: int
) -> None:
    add_span(store, doc, "ana", 0, 7, "ACTOR")
    with pytest.raises(SpanRejected, match="already there"):
        add_span(store, doc, "ana", 0, 7, "ACTOR")
    with pytest.raises(SpanRejected):
        add_spans(store, doc, "ana", [(8, 16, "ACTOR"), (0, 7, "ACTOR")])
    assert triples(store, doc, "ana") == [(0, 7, "ACTOR")]
    # The same range with another label, or by another person, is not a duplicate.
    add_span(store, doc, "ana", 0, 7, "EVENT")
    add_span(store, doc, "bo", 0, 7, "ACTOR")
    assert triples(store, doc, "bo") == [(0, 7, "ACTOR")]


@pytest.mark.parametrize(
    ("start", "end", "label", "fragment"),
    [
        (0, 999, "ACTOR", "outside the text"),
        (5, 2, "ACTOR", "empty or reversed"),
        (0, 3, "PERSON", "not in the schema"),
    ],
)
def test_bad_spans_are_refused_without_creating_a_set(
    store: Store, doc: int, start: int, end: int, label: str, fragment: str
) -> None:
    with pytest.raises(SpanRejected, match=fragment):
        add_span(store, doc, "ana", start, end, label)
    assert set_status_of(store, doc, "ana") is None


def test_a_span_on_a_missing_document_is_refused(store: Store) -> None:
    with pytest.raises(SpanRejected, match="no document"):
        add_span(store, 999, "ana", 0, 1, "ACTOR")


def test_relabel_keeps_the_row_and_refuses_a_duplicate(store: Store, doc: int) -> None:
    actor = add_span(store, doc, "ana", 0, 7, "ACTOR")
    event = add_span(store, doc, "ana", 0, 7, "EVENT")
    relabelled, _ = relabel_span(store, actor.id, "PLACE")
    assert (relabelled.id, relabelled.label) == (actor.id, "PLACE")
    with pytest.raises(SpanRejected, match="already there"):
        relabel_span(store, relabelled.id, "EVENT")
    with pytest.raises(SpanRejected, match="not in the schema"):
        relabel_span(store, event.id, "PERSON")
    with pytest.raises(SpanRejected, match="no longer exists"):
        relabel_span(store, 99999, "ACTOR")
    assert triples(store, doc, "ana") == [(0, 7, "EVENT"), (0, 7, "PLACE")]


def test_delete_spans_removes_only_those(store: Store, doc: int) -> None:
    first, second, third = add_spans(
        store, doc, "ana", [(0, 7, "ACTOR"), (8, 16, "ACTOR"), (26, 32, "PLACE")]
    )
    delete_spans(store, [first.id, third.id])
    assert spans_of(store, doc, "ana") == [second]
    delete_spans(store, [])
    assert spans_of(store, doc, "ana") == [second]


def test_set_status_returns_the_previous_one(store: Store, doc: int) -> None:
    assert set_status(store, doc, "ana", SetStatus.DONE) is None
    assert set_status_of(store, doc, "ana") is SetStatus.DONE
    assert set_status(store, doc, "ana", SetStatus.IN_PROGRESS) is SetStatus.DONE
    assert set_status_of(store, doc, "ana") is SetStatus.IN_PROGRESS


def _sets(store: Store) -> int:
    with store.reading() as session:
        return session.scalar(select(func.count()).select_from(AnnotationSet)) or 0


def test_undoing_the_first_status_of_an_unlabelled_document_removes_the_set(
    store: Store, doc: int
) -> None:
    previous = set_status(store, doc, "ana", SetStatus.DONE)
    assert previous is None
    set_status(store, doc, "ana", previous)  # undo
    assert set_status_of(store, doc, "ana") is None
    assert _sets(store) == 0
    # Undo with no set at all changes nothing.
    assert set_status(store, doc, "ana", None) is None
    assert _sets(store) == 0


def test_undoing_the_status_of_a_set_with_spans_keeps_it_in_progress(
    store: Store, doc: int
) -> None:
    add_span(store, doc, "ana", 0, 7, "ACTOR")
    set_status(store, doc, "ana", SetStatus.DONE)
    assert set_status(store, doc, "ana", None) is SetStatus.DONE
    assert set_status_of(store, doc, "ana") is SetStatus.IN_PROGRESS
    with store.reading() as session:
        assert session.scalar(select(func.count()).select_from(Span)) == 1
