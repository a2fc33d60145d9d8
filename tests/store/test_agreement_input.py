"""What agreement is computed over: finished sets only, gold left out, one label if asked."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.agreement.units import token_marks
from annotator.core.status import SetStatus
from annotator.schemas import DocumentRecord, Located, SpanRecord
from annotator.store.agreement_input import finished_annotations, tokenized_in_child
from annotator.store.annotations import add_span, set_status
from annotator.store.importer import import_records
from annotator.store.store import Store

TEXT = "Taliban fighters attacked Kunduz on Tuesday."


def _plain(spans: Iterable[object]) -> list[tuple[int, int, str]]:
    """The spans, checked to be plain (start, end, label) tuples (what agreement reads)."""
    given = list(spans)
    assert all(type(span) is tuple and len(span) == 3 for span in given)
    return given  # type: ignore[return-value]


def _record(doc: str, who: str, status: str, spans: list[tuple[int, int, str]]) -> Located:
    return Located(
        "x.jsonl",
        1,
        DocumentRecord(
            id=doc,
            text=TEXT,
            annotator=who,
            status=SetStatus(status),
            spans=[SpanRecord(start=s, end=e, label=lab) for s, e, lab in spans],
        ),
    )


def test_only_finished_sets_count_and_gold_is_not_an_annotator(store: Store) -> None:
    import_records(
        store,
        [
            _record("d1", "ana", "done", [(0, 7, "ACTOR"), (26, 32, "PLACE")]),
            _record("d1", "ben", "done", []),
            _record("d1", "cy", "in_progress", [(0, 7, "ACTOR")]),
            _record("d2", "ana", "in_progress", [(0, 7, "ACTOR")]),
            Located("x.jsonl", 9, DocumentRecord(id="d3", text=TEXT)),
        ],
    )
    d1 = 1
    add_span(store, d1, "gold", 0, 7, "ACTOR")
    set_status(store, d1, "gold", SetStatus.DONE)

    documents = list(finished_annotations(store))

    assert [d.id for d in documents] == ["d1"]
    assert documents[0].text == TEXT
    assert set(documents[0].spans) == {"ana", "ben"}
    assert list(documents[0].spans["ben"]) == []
    assert sorted(_plain(documents[0].spans["ana"])) == [(0, 7, "ACTOR"), (26, 32, "PLACE")]


def test_one_label(store: Store) -> None:
    import_records(store, [_record("d1", "ana", "done", [(0, 7, "ACTOR"), (26, 32, "PLACE")])])

    (document,) = finished_annotations(store, "PLACE")

    assert _plain(document.spans["ana"]) == [(26, 32, "PLACE")]


def test_reading_and_tokenizing_in_a_child_gives_the_same_documents(store: Store) -> None:
    import_records(
        store,
        [
            _record("d1", "ana", "done", [(0, 7, "ACTOR"), (26, 32, "PLACE")]),
            _record("d1", "ben", "done", [(0, 7, "ACTOR")]),
            _record("d2", "ana", "done", [(26, 32, "PLACE")]),
        ],
    )
    here = list(finished_annotations(store))
    there = list(tokenized_in_child(store.url))
    assert [(d.id, d.text, d.spans) for d in there] == [(d.id, d.text, d.spans) for d in here]
    assert [d.marks for d in there] == [token_marks(d.text) for d in here]
