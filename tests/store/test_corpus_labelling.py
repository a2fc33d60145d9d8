"""Labelling a span's text in all of a person's unfinished documents: what is found, what one
transaction adds, and what taking it back removes (read through a second store)."""

from __future__ import annotations

import pytest

from annotator.core.occurrences import Matching
from annotator.core.status import Role, SetStatus
from annotator.schemas import DocumentRecord, Located
from annotator.store.annotations import add_span, set_status, set_status_of, spans_of
from annotator.store.assignments import assign
from annotator.store.corpus_labelling import add_across, find_in_unfinished, remove_added
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.people import add_person
from annotator.store.store import Store

TEXTS = {
    "a": "Kabul fell. 😀 Kabul, kabul and Kabulis.",
    "b": "\r\nIn KABUL\u0301 and Kābul.",
    "c": "Nothing here.",
    "d": "Kabul is done.",
    "e": "Kabul belongs to ben.",
}


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    import_records(
        store,
        [Located("t", n, DocumentRecord(id=k, text=t)) for n, (k, t) in enumerate(TEXTS.items())],
    )
    add_person(store, "ana", Role.ANNOTATOR)
    add_person(store, "ben", Role.ANNOTATOR)
    found = {key: find_document(store, key) for key in TEXTS}
    assign(store, ["ben"], 1, ["e"])
    return {key: ident for key, ident in found.items() if ident is not None}


def texts(found: dict[int, list[tuple[int, int, str]]], ids: dict[str, int]) -> dict[str, list]:
    by_id = {ident: key for key, ident in ids.items()}
    return {
        by_id[doc]: [TEXTS[by_id[doc]][s:e] for s, e, _ in spans] for doc, spans in found.items()
    }


def test_exact_case_and_diacritic_matching(store: Store, ids: dict[str, int]) -> None:
    set_status(store, ids["d"], "ana", SetStatus.DONE)  # finished: left alone
    add_span(store, ids["a"], "ana", 0, 5, "PLACE")  # already there: skipped
    exact = find_in_unfinished(store, "ana", "Kabul", "PLACE")
    # "e" is assigned to ben alone: ana may not open it.
    assert texts(exact.spans, ids) == {"a": ["Kabul"]}
    cases = find_in_unfinished(store, "ana", "Kabul", "PLACE", Matching(ignore_case=True))
    assert texts(cases.spans, ids) == {"a": ["Kabul", "kabul"]}
    folded = find_in_unfinished(store, "ana", "Kabul", "PLACE", Matching(True, True))
    assert texts(folded.spans, ids) == {
        "a": ["Kabul", "kabul"],
        "b": ["KABUL\u0301", "Kābul"],
    }
    assert folded.count == 4


def test_one_transaction_adds_and_undo_removes_exactly_it(
    store: Store, db_url: str, ids: dict[str, int]
) -> None:
    add_span(store, ids["a"], "ana", 0, 5, "ACTOR")  # another label: kept, not skipped
    set_status(store, ids["d"], "ana", SetStatus.DONE)
    found = find_in_unfinished(store, "ana", "Kabul", "PLACE", Matching(True, True))
    added = add_across(store, "ana", found.spans)
    assert len(added.span_ids) == 5
    assert added.documents == [ids["a"], ids["b"]]
    with Store.open(db_url) as other:
        on_a = [(s.start, s.end, s.label) for s in spans_of(other, ids["a"], "ana")]
        assert [TEXTS["a"][s:e] + " " + lab for s, e, lab in on_a] == [
            "Kabul ACTOR",
            "Kabul PLACE",
            "Kabul PLACE",
            "kabul PLACE",
        ]
        assert len(spans_of(other, ids["b"], "ana")) == 2
        assert set_status_of(other, ids["b"], "ana") is SetStatus.IN_PROGRESS
    # Adding the same again adds nothing: what is there is skipped.
    assert add_across(store, "ana", found.spans).span_ids == []
    remove_added(store, added)
    with Store.open(db_url) as other:
        assert [(s.start, s.end, s.label) for s in spans_of(other, ids["a"], "ana")] == [
            (0, 5, "ACTOR")
        ]
        assert spans_of(other, ids["b"], "ana") == []
        # The set the labelling created for "b" went with its spans; "a" had one already.
        assert set_status_of(other, ids["b"], "ana") is None
        assert set_status_of(other, ids["a"], "ana") is SetStatus.IN_PROGRESS
