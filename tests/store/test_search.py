"""Corpus search in the store: phrases (case folded, offsets in code points), a label's and a
person's spans, who may see what, and the cap."""

from __future__ import annotations

from annotator.core.status import Role
from annotator.schemas import DocumentRecord, Located
from annotator.store.annotations import add_span
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.people import add_person
from annotator.store.search import SearchMode, search
from annotator.store.store import Store

TEXT = "👩\u200d💻 Über\r\nuns: ÜBER alles, über Straße und STRASSE. e\u0301 über."


def setup(store: Store) -> int:
    import_records(store, [Located("t", 1, DocumentRecord(id="d", text=TEXT))])
    add_person(store, "ana", Role.ANNOTATOR)
    add_person(store, "rita", Role.REVIEWER)
    found = find_document(store, "d")
    assert found is not None
    return found


def test_phrases_fold_case_and_keep_code_points(store: Store) -> None:
    setup(store)
    result = search(store, "ana", SearchMode.TEXT, "über")
    assert [TEXT[h.start : h.end] for h in result.hits] == ["Über", "ÜBER", "über", "über"]
    assert result.hits[0].start == 4  # after an emoji sequence of three code points and a space
    strasse = search(store, "ana", SearchMode.TEXT, "strasse")
    assert [TEXT[h.start : h.end] for h in strasse.hits] == ["Straße", "STRASSE"]
    ascii_phrase = search(store, "ana", SearchMode.TEXT, "UNS:")
    assert [(h.before, h.match) for h in ascii_phrase.hits] == [("👩\u200d💻 Über ", "uns:")]
    capped = search(store, "ana", SearchMode.TEXT, "über", limit=2)
    assert capped.capped
    assert len(capped.hits) == 2


def test_spans_by_label_and_person(store: Store) -> None:
    document = setup(store)
    add_span(store, document, "ana", 4, 8, "PLACE")
    add_span(store, document, "rita", 15, 19, "ACTOR")
    mine = search(store, "ana", SearchMode.LABEL, "place")
    assert [(h.start, h.end, h.label, h.who) for h in mine.hits] == [(4, 8, "PLACE", "ana")]
    assert search(store, "ana", SearchMode.LABEL, "actor").hits == []  # blind
    assert search(store, "ana", SearchMode.PERSON, "rita").note
    everyone = search(store, "rita", SearchMode.PERSON, "ana")
    assert [(h.start, h.who) for h in everyone.hits] == [(4, "ana")]
    assert len(search(store, "rita", SearchMode.LABEL, "ACTOR").hits) == 1
