"""Corpus figures."""

from __future__ import annotations

from annotator.core.status import SetStatus
from annotator.schemas import DocumentRecord, Located, SpanRecord
from annotator.store.annotations import add_span, set_status
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.stats import corpus_stats
from annotator.store.store import Store


def test_stats_of_an_empty_corpus(store: Store) -> None:
    stats = corpus_stats(store)
    assert (stats.documents, stats.annotators, stats.spans) == (0, [], 0)
    assert (stats.sets_done, stats.sets_in_progress) == (0, 0)
    assert stats.spans_per_label == {"ACTOR": 0, "PLACE": 0, "EVENT": 0, "FIGURE": 0}


def test_stats_count_documents_people_sets_and_spans_per_label(store: Store) -> None:
    spans = [SpanRecord(start=0, end=3, label="ACTOR"), SpanRecord(start=0, end=3, label="PLACE")]
    import_records(
        store,
        [
            Located("t", 1, DocumentRecord(id="a", text="abc def", spans=spans, annotator="bo")),
            Located("t", 2, DocumentRecord(id="b", text="ghi")),
            Located("t", 3, DocumentRecord(id="c", text="jkl")),
        ],
    )
    b = find_document(store, "b")
    assert b is not None
    add_span(store, b, "ana", 0, 3, "PLACE")
    c = find_document(store, "c")
    assert c is not None
    set_status(store, c, "ana", SetStatus.DONE)
    stats = corpus_stats(store)
    assert stats.documents == 3
    assert stats.annotators == ["ana", "bo"]
    assert (stats.sets_done, stats.sets_in_progress) == (2, 1)
    assert stats.spans == 3
    assert stats.spans_per_label == {"ACTOR": 1, "PLACE": 2, "EVENT": 0, "FIGURE": 0}


def test_gold_sets_are_counted_apart_from_the_annotators(store: Store) -> None:
    import_records(store, [Located("t", 1, DocumentRecord(id="a", text="abc def", spans=[]))])
    a = find_document(store, "a")
    assert a is not None
    add_span(store, a, "gold", 0, 3, "ACTOR")

    stats = corpus_stats(store)

    assert stats.annotators == ["imported"]
    assert (stats.sets_done, stats.sets_in_progress, stats.gold_sets) == (1, 0, 1)
    assert stats.spans == 1
