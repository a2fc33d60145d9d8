"""Suggestions as a model person's sets: written in bulk, read, accepted into a person's set,
rejected and restored, ordered by the model's uncertainty; checked in the database."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from annotator.core.status import MODEL, Role, SetStatus
from annotator.schemas import DocumentRecord, Located
from annotator.store.annotations import add_span, delete_spans, set_status, spans_of
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.model_input import documents_to_suggest
from annotator.store.models import Person
from annotator.store.people import PersonError, add_person
from annotator.store.store import Store
from annotator.store.suggestions import (
    SuggestionError,
    accept_suggestions,
    documents_by_uncertainty,
    reject_suggestions,
    restore_suggestions,
    suggestions_of,
    write_suggestions,
)

TEXT = "Floods hit Kabul and Herat on Monday; 12 people died in Kabul."
KABUL, HERAT, KABUL2 = (11, 16), (21, 26), (56, 61)


def load(store: Store, *ids: str) -> list[int]:
    records = [DocumentRecord(id=name, text=TEXT) for name in ids]
    import_records(store, [Located("t", n, r) for n, r in enumerate(records, 1)])
    found = [find_document(store, name) for name in ids]
    assert None not in found
    return [document for document in found if document is not None]


def test_written_in_bulk_read_sorted_with_scores_and_replaced(store: Store) -> None:
    a, b, c = load(store, "a", "b", "c")
    written = write_suggestions(
        store,
        {
            a: [(*HERAT, "PLACE", 0.9), (*KABUL, "PLACE", 0.6)],
            b: [(*KABUL2, "PLACE", None)],
            c: [],
        },
        MODEL,
    )
    assert written == 3
    on_a = suggestions_of(store, a, MODEL)
    assert [(s.start, s.end, s.label, s.score) for s in on_a] == [
        (*KABUL, "PLACE", pytest.approx(0.6)),
        (*HERAT, "PLACE", pytest.approx(0.9)),
    ]
    assert [(s.start, s.score) for s in suggestions_of(store, b, MODEL)] == [(KABUL2[0], None)]

    # Suggesting again for a replaces a's suggestions only; b keeps its own.
    write_suggestions(store, {a: [(*KABUL2, "EVENT", 0.7)]}, MODEL)
    assert [(s.start, s.label) for s in suggestions_of(store, a, MODEL)] == [(KABUL2[0], "EVENT")]
    assert len(suggestions_of(store, b, MODEL)) == 1
    with store.reading() as session:
        assert session.scalar(select(Person.role).where(Person.name == MODEL)) == Role.MODEL


def test_nothing_is_written_for_an_unknown_label_or_an_annotators_name(store: Store) -> None:
    (a,) = load(store, "a")
    with pytest.raises(SuggestionError, match="NOPE"):
        write_suggestions(store, {a: [(*KABUL, "PLACE", None), (*HERAT, "NOPE", None)]}, MODEL)
    add_person(store, "ana", Role.ANNOTATOR)
    with pytest.raises(SuggestionError, match="ana"):
        write_suggestions(store, {a: [(*KABUL, "PLACE", None)]}, "ana")
    assert suggestions_of(store, a, MODEL) == []
    assert spans_of(store, a, "ana") == []
    # And a model person cannot be turned into an annotator afterwards.
    write_suggestions(store, {a: [(*KABUL, "PLACE", None)]}, "tagger")
    with pytest.raises(PersonError, match="tagger"):
        add_person(store, "tagger", Role.ANNOTATOR)


def test_accepting_copies_into_the_persons_set_and_skips_what_they_have(store: Store) -> None:
    (a,) = load(store, "a")
    write_suggestions(
        store, {a: [(*KABUL, "PLACE", 0.8), (*HERAT, "PLACE", 0.7), (*KABUL2, "PLACE", 0.6)]}, MODEL
    )
    mine = add_span(store, a, "ana", *HERAT, "PLACE")
    ids = [s.id for s in suggestions_of(store, a, MODEL)]

    added = accept_suggestions(store, a, "ana", ids)

    assert [(s.start, s.end, s.label) for s in added] == [(*KABUL, "PLACE"), (*KABUL2, "PLACE")]
    held = spans_of(store, a, "ana")
    assert {(s.start, s.end) for s in held} == {KABUL, HERAT, KABUL2}
    assert mine.id in {s.id for s in held}
    # The suggestions stay for everyone else.
    assert len(suggestions_of(store, a, MODEL)) == 3
    # Undo: deleting what was added leaves ana as she was.
    delete_spans(store, [s.id for s in added])
    assert [(s.start, s.end) for s in spans_of(store, a, "ana")] == [HERAT]


def test_rejecting_deletes_from_the_model_set_and_undo_restores(store: Store) -> None:
    (a,) = load(store, "a")
    write_suggestions(store, {a: [(*KABUL, "PLACE", 0.8), (*HERAT, "EVENT", 0.55)]}, MODEL)
    herat = suggestions_of(store, a, MODEL)[1]
    mine = add_span(store, a, "ana", *KABUL, "PLACE")

    rejected = reject_suggestions(store, [herat.id, mine.id])  # ana's span is no suggestion

    assert [r.suggestion.id for r in rejected] == [herat.id]
    assert [(s.start, s.end) for s in suggestions_of(store, a, MODEL)] == [KABUL]
    assert [s.id for s in spans_of(store, a, "ana")] == [mine.id]

    restored = restore_suggestions(store, rejected)
    back = suggestions_of(store, a, MODEL)
    assert [(s.start, s.end, s.label) for s in back] == [(*KABUL, "PLACE"), (*HERAT, "EVENT")]
    assert back[1].id == restored[0].id
    assert back[1].score == pytest.approx(0.55)


def test_documents_by_uncertainty_least_sure_first(store: Store) -> None:
    a, b, c, d = load(store, "a", "b", "c", "d")
    write_suggestions(
        store,
        {
            a: [(*KABUL, "PLACE", 0.95), (*HERAT, "PLACE", 0.9)],
            b: [(*KABUL, "PLACE", 0.99), (*HERAT, "PLACE", 0.51)],
            c: [(*KABUL, "PLACE", 0.7)],
            d: [(*KABUL, "PLACE", None)],  # a dictionary's: no score, not ordered
        },
        MODEL,
    )
    order = documents_by_uncertainty(store, MODEL)
    assert [document for document, _ in order] == [b, c, a]
    assert [score for _, score in order] == pytest.approx([0.51, 0.7, 0.9])
    assert documents_by_uncertainty(store, "nobody") == []


def test_unfinished_means_nobody_but_a_model_has_marked_it_done(store: Store) -> None:
    a, b, c, d = load(store, "a", "b", "c", "d")
    set_status(store, a, "ana", SetStatus.DONE)
    set_status(store, b, "gold", SetStatus.DONE)
    set_status(store, c, "ana", SetStatus.IN_PROGRESS)
    write_suggestions(store, {d: [(*KABUL, "PLACE", None)]}, MODEL)
    set_status(store, d, MODEL, SetStatus.DONE)

    assert documents_to_suggest(store, "unfinished") == [c, d]
    assert documents_to_suggest(store, "all") == [a, b, c, d]


def test_accepted_offsets_are_code_points_of_the_stored_text(store: Store) -> None:
    text = "Nguyễn Văn An visited Đà Nẵng 🙂 yesterday."
    import_records(store, [Located("t", 1, DocumentRecord(id="u", text=text, spans=[]))])
    document = find_document(store, "u")
    assert document is not None
    start = text.index("Đà Nẵng")
    write_suggestions(store, {document: [(start, start + 7, "PLACE", 0.9)]}, MODEL)
    (suggestion,) = suggestions_of(store, document, MODEL)
    (added,) = accept_suggestions(store, document, "ana", [suggestion.id])
    assert (text[added.start : added.end], added.label) == ("Đà Nẵng", "PLACE")
