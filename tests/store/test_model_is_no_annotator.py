"""A model person's sets (suggestions), even marked done, change neither agreement's input,
adjudication (review queue, candidates, pre-filling), progress, statistics nor the lists of
people: the one definition of who is no annotator (core.status.NOT_ANNOTATORS) holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.app.people import people_in_file
from annotator.core.adjudication import Strategy
from annotator.core.status import MODEL, SetStatus
from annotator.schemas import DocumentRecord, Located, SpanRecord
from annotator.store.adjudication import (
    finished_annotators,
    prefill,
    review_candidates,
    review_queue,
    undecided_documents,
)
from annotator.store.agreement_input import finished_annotations
from annotator.store.annotations import set_status, spans_of
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.people import GOLD, known_names, list_people
from annotator.store.progress import person_progress, team_progress
from annotator.store.stats import corpus_stats
from annotator.store.store import Store
from annotator.store.suggestions import write_suggestions

TEXT = "Taliban fighters attacked Kunduz on Tuesday, killing 12 people in Kunduz city."
TALIBAN, KUNDUZ, TWELVE = (0, 7), (26, 32), (53, 55)


def load(store: Store) -> list[int]:
    records = [
        DocumentRecord(
            id=name,
            text=TEXT,
            annotator=who,
            status=SetStatus.DONE,
            spans=[SpanRecord(start=s, end=e, label=lab) for s, e, lab in spans],
        )
        for name in ("a", "b")
        for who, spans in (
            ("ana", [(*TALIBAN, "ACTOR"), (*KUNDUZ, "PLACE")]),
            ("ben", [(*TALIBAN, "ACTOR")]),
        )
    ]
    import_records(store, [Located("t", n, r) for n, r in enumerate(records, 1)])
    found = [find_document(store, name) for name in ("a", "b")]
    return [document for document in found if document is not None]


def everything_counted(store: Store, documents: list[int]) -> dict[str, Any]:
    return {
        "agreement": [(d.text, d.spans) for d in finished_annotations(store)],
        "queue": review_queue(store),
        "candidates": [review_candidates(store, d) for d in documents],
        "annotators": [finished_annotators(store, d) for d in documents],
        "undecided": undecided_documents(store),
        "progress": team_progress(store),
        "ana": person_progress(store, "ana"),
        "stats": corpus_stats(store),
        "names": known_names(store),
        "people": list_people(store),
    }


def test_a_model_set_done_changes_nothing_an_annotator_counts(store: Store) -> None:
    documents = load(store)
    before = everything_counted(store, documents)

    # Suggestions that no annotator made, on both documents, by two model people, marked done.
    for person in (MODEL, "tagger"):
        write_suggestions(
            store,
            {d: [(*TWELVE, "FIGURE", 0.6), (*KUNDUZ, "EVENT", None)] for d in documents},
            person,
        )
        for document in documents:
            set_status(store, document, person, SetStatus.DONE)

    assert everything_counted(store, documents) == before
    assert MODEL not in before["names"]

    # Pre-filling gold takes only what the annotators agree on: the model's spans stay out.
    prefill(store, Strategy.UNANIMOUS)
    for document in documents:
        assert [(s.start, s.end, s.label) for s in spans_of(store, document, GOLD)] == [
            (*TALIBAN, "ACTOR")
        ]


def test_the_window_never_offers_a_model_person(sqlite_store: Store, sqlite_url: str) -> None:
    documents = load(sqlite_store)
    write_suggestions(sqlite_store, {documents[0]: [(*TWELVE, "FIGURE", 0.6)]}, MODEL)
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    assert people_in_file(path) == {"ana": "annotator", "ben": "annotator"}
