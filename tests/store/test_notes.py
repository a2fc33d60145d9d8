"""Comments on spans and each person's note and flag on a document: stored, read back, undone
(a note that began a document takes its set away again), found by the Flagged filter, and
never seen by agreement or adjudication."""

from __future__ import annotations

import pytest

from annotator.core.adjudication import Strategy
from annotator.core.comments import COMMENT_LIMIT
from annotator.core.spans import Span
from annotator.core.status import SetStatus
from annotator.schemas import DocumentRecord, Located, SpanRecord
from annotator.store.adjudication import prefill, review_candidates
from annotator.store.agreement_input import finished_annotations
from annotator.store.annotations import (
    SpanRejected,
    add_span,
    set_status,
    set_status_of,
    spans_of,
)
from annotator.store.documents import StatusFilter, count_documents, find_document, list_documents
from annotator.store.importer import import_records
from annotator.store.notes import (
    DocumentNote,
    note_of,
    notes_on,
    set_note,
    set_span_comment,
    span_comments_on,
)
from annotator.store.people import GOLD
from annotator.store.store import Store

TEXT = "Taliban fighters attacked Kunduz on Tuesday."
TALIBAN = Span(0, 7, "ACTOR")
KUNDUZ = Span(26, 32, "PLACE")


def load(store: Store, ids: list[str], versions: dict[str, list[Span]] | None = None) -> None:
    records = [DocumentRecord(id=ident, text=TEXT) for ident in ids]
    for who, spans in (versions or {}).items():
        records += [
            DocumentRecord(
                id=ident,
                text=TEXT,
                annotator=who,
                status=SetStatus.DONE,
                spans=[SpanRecord(start=s.start, end=s.end, label=s.label) for s in spans],
            )
            for ident in ids
        ]
    import_records(store, [Located("t", n, r) for n, r in enumerate(records, 1)])


def doc(store: Store, external_id: str) -> int:
    found = find_document(store, external_id)
    assert found is not None
    return found


def test_a_span_comment_is_stored_changed_and_removed(store: Store) -> None:
    load(store, ["a"])
    span = add_span(store, doc(store, "a"), "ana", 26, 32, "PLACE")
    assert span.comment is None
    changed = set_span_comment(store, span.id, "unsure")
    assert changed == span.__class__(26, 32, "PLACE", span.id, "unsure")
    assert spans_of(store, doc(store, "a"), "ana")[0].comment == "unsure"
    assert span_comments_on(store, doc(store, "a")) == {KUNDUZ: [("ana", "unsure")]}
    set_span_comment(store, span.id, "  \n")  # blank: no comment
    assert spans_of(store, doc(store, "a"), "ana")[0].comment is None
    with pytest.raises(SpanRejected, match="at most 2,000"):
        set_span_comment(store, span.id, "x" * (COMMENT_LIMIT + 1))
    with pytest.raises(SpanRejected, match="no longer exists"):
        set_span_comment(store, span.id + 100, "gone")


def test_a_note_begins_a_document_and_its_undo_ends_it(store: Store) -> None:
    load(store, ["a"])
    a = doc(store, "a")
    assert set_note(store, a, "ana", DocumentNote("check the date", True)) is None
    assert set_status_of(store, a, "ana") is SetStatus.IN_PROGRESS
    assert note_of(store, a, "ana") == DocumentNote("check the date", True)
    assert notes_on(store, a) == {"ana": DocumentNote("check the date", True)}
    assert set_note(store, a, "ana", None) == DocumentNote("check the date", True)
    assert set_status_of(store, a, "ana") is None
    assert note_of(store, a, "ana") == DocumentNote()


def test_undoing_a_note_keeps_a_set_with_spans_and_undoing_a_status_keeps_a_note(
    store: Store,
) -> None:
    load(store, ["a", "b"])
    a, b = doc(store, "a"), doc(store, "b")
    add_span(store, a, "ana", 0, 7, "ACTOR")
    set_note(store, a, "ana", DocumentNote("unsure"))
    set_note(store, a, "ana", None)
    assert set_status_of(store, a, "ana") is SetStatus.IN_PROGRESS
    assert note_of(store, a, "ana") == DocumentNote()
    # A flagged document marked done, and that undone: it stays begun, and flagged.
    set_note(store, b, "ana", DocumentNote(None, True))
    set_status(store, b, "ana", SetStatus.DONE)
    set_status(store, b, "ana", None)
    assert set_status_of(store, b, "ana") is SetStatus.IN_PROGRESS
    assert note_of(store, b, "ana").flagged


def test_the_flagged_filter_lists_and_counts_your_flagged_documents(store: Store) -> None:
    load(store, ["a", "b", "c"])
    set_note(store, doc(store, "a"), "ana", DocumentNote(None, True))
    set_note(store, doc(store, "c"), "ana", DocumentNote("fine", False))
    set_note(store, doc(store, "c"), "ben", DocumentNote(None, True))
    flagged = list_documents(store, "ana", status=StatusFilter.FLAGGED)
    assert [d.external_id for d in flagged] == ["a"]
    assert count_documents(store, "ana", StatusFilter.FLAGGED) == 1
    assert [d.external_id for d in list_documents(store, "ben", status=StatusFilter.FLAGGED)] == [
        "c"
    ]
    assert count_documents(store, "cai", StatusFilter.FLAGGED) == 0


def test_comments_and_flags_change_neither_agreement_nor_adjudication(store: Store) -> None:
    load(store, ["a"], {"ana": [TALIBAN, KUNDUZ], "ben": [KUNDUZ], "cai": [KUNDUZ]})
    a = doc(store, "a")
    before = (list(finished_annotations(store)), review_candidates(store, a))
    for who in ("ana", "ben"):
        for span in spans_of(store, a, who):
            set_span_comment(store, span.id, f"{who} is unsure")
        set_note(store, a, who, DocumentNote("check with the reviewer", True))
    assert (list(finished_annotations(store)), review_candidates(store, a)) == before
    prefill(store, Strategy.MAJORITY)
    gold = spans_of(store, a, GOLD)
    assert [(s.start, s.end, s.label, s.comment) for s in gold] == [(26, 32, "PLACE", None)]
    assert note_of(store, a, GOLD) == DocumentNote()
