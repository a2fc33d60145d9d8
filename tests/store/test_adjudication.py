"""Adjudication: review queue, decisions on the gold set, undo, accept-all and pre-filling,
asserted on what the database holds afterwards."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from annotator.core.adjudication import Strategy
from annotator.core.spans import Span
from annotator.core.status import SetStatus
from annotator.schemas import DocumentRecord, Located, SpanRecord
from annotator.store.adjudication import (
    accept_all_from,
    decide,
    decisions_of,
    finished_annotators,
    prefill,
    review_candidates,
    review_queue,
    set_gold_status,
    set_reason,
    undecided_documents,
    undo_decisions,
)
from annotator.store.annotations import add_span, set_status_of, spans_of
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.models import Decision
from annotator.store.people import GOLD
from annotator.store.store import Store

TEXT = "Taliban fighters attacked Kunduz on Tuesday, killing 12 people in Kunduz city."


def at(word: str, label: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return Span(start, start + len(word), label)


TALIBAN = at("Taliban", "ACTOR")  # everyone
KUNDUZ = at("Kunduz", "PLACE")  # ana, ben
KUNDUZ_EVENT = at("Kunduz", "EVENT")  # cai
ATTACK_LONG = at("attacked Kunduz", "EVENT")  # ana
ATTACK = at("attacked", "EVENT")  # ben
PEOPLE = at("12 people", "FIGURE")  # ana, ben
TWELVE = at("12", "FIGURE")  # cai
CITY = at("Kunduz city", "PLACE", 0)  # cai

VERSIONS = {
    "ana": [TALIBAN, KUNDUZ, ATTACK_LONG, PEOPLE],
    "ben": [TALIBAN, KUNDUZ, ATTACK, PEOPLE],
    "cai": [TALIBAN, KUNDUZ_EVENT, TWELVE, CITY],
}


def record(doc: str, text: str, who: str, spans: list[Span], done: bool = True) -> DocumentRecord:
    return DocumentRecord(
        id=doc,
        text=text,
        annotator=who,
        status=SetStatus.DONE if done else SetStatus.IN_PROGRESS,
        spans=[SpanRecord(start=s.start, end=s.end, label=s.label) for s in spans],
    )


def load(store: Store, records: list[DocumentRecord]) -> None:
    import_records(store, [Located("t", n, r) for n, r in enumerate(records, 1)])


def doc_id(store: Store, external_id: str) -> int:
    found = find_document(store, external_id)
    assert found is not None
    return found


def gold(store: Store, document_id: int) -> set[Span]:
    return {Span(s.start, s.end, s.label) for s in spans_of(store, document_id, GOLD)}


@pytest.fixture
def doc(store: Store) -> int:
    """One document, finished by ana, ben and cai, who disagree."""
    load(store, [record("news", TEXT, who, spans) for who, spans in VERSIONS.items()])
    return doc_id(store, "news")


def test_candidates_merge_every_finished_version(store: Store, doc: int) -> None:
    merged = {c.span: c for c in review_candidates(store, doc)}
    assert set(merged) == {s for spans in VERSIONS.values() for s in spans}
    assert merged[TALIBAN].chosen_by == ("ana", "ben", "cai")
    assert merged[TALIBAN].agreed
    assert merged[KUNDUZ].chosen_by == ("ana", "ben")
    assert not merged[KUNDUZ].agreed
    assert all(c.of == 3 and not c.in_gold for c in merged.values())
    assert finished_annotators(store, doc) == {name: sorted(s) for name, s in VERSIONS.items()}


def test_an_unfinished_annotation_is_not_a_candidate(store: Store, doc: int) -> None:
    add_span(store, doc, "dan", 0, 7, "EVENT")  # in progress
    assert "dan" not in finished_annotators(store, doc)
    assert all(c.of == 3 for c in review_candidates(store, doc))
    assert Span(0, 7, "EVENT") not in {c.span for c in review_candidates(store, doc)}


def test_accept_reject_and_their_log(store: Store, doc: int) -> None:
    (accepted,) = decide(
        store, doc, "rita", "accept", KUNDUZ, chosen_by=("ana", "ben"), reason="a place here"
    )
    assert gold(store, doc) == {KUNDUZ}
    (rejected,) = decide(store, doc, "rita", "reject", KUNDUZ_EVENT, chosen_by=("cai",))
    assert gold(store, doc) == {KUNDUZ}  # rejecting what is not in gold keeps it out
    log = decisions_of(store, doc)
    assert [(d.id, d.reviewer, d.action, d.span, d.chosen_by, d.reason) for d in log] == [
        (accepted, "rita", "accept", KUNDUZ, ("ana", "ben"), "a place here"),
        (rejected, "rita", "reject", KUNDUZ_EVENT, ("cai",), ""),
    ]
    assert log[1].original == KUNDUZ_EVENT  # a rejection names what it keeps out
    in_gold = {c.span: c.in_gold for c in review_candidates(store, doc)}
    assert in_gold[KUNDUZ]
    assert not in_gold[KUNDUZ_EVENT]
    # Rejecting a span that is in gold takes it out; undoing puts it back.
    (taken_out,) = decide(store, doc, "rita", "reject", KUNDUZ)
    assert gold(store, doc) == set()
    undo_decisions(store, [taken_out])
    assert gold(store, doc) == {KUNDUZ}
    assert [d.id for d in decisions_of(store, doc)] == [accepted, rejected]


def test_correct_replaces_the_original_and_undo_restores_it(store: Store, doc: int) -> None:
    decide(store, doc, "rita", "accept", ATTACK_LONG)
    (fixed,) = decide(
        store, doc, "rita", "correct", ATTACK, original=ATTACK_LONG, reason="verb only"
    )
    assert gold(store, doc) == {ATTACK}
    # A label correction of a candidate not in gold puts the corrected span in.
    twelve_event = Span(TWELVE.start, TWELVE.end, "EVENT")
    (relabelled,) = decide(store, doc, "rita", "correct", twelve_event, original=TWELVE)
    assert gold(store, doc) == {ATTACK, twelve_event}
    # The correction is a candidate no annotator chose.
    merged = {c.span: c for c in review_candidates(store, doc)}
    assert merged[twelve_event].chosen_by == ()
    assert merged[twelve_event].in_gold
    undo_decisions(store, [relabelled, fixed])
    assert gold(store, doc) == {ATTACK_LONG}
    log = decisions_of(store, doc)
    assert [d.action for d in log] == ["accept"]


def test_unknown_action_is_refused(store: Store, doc: int) -> None:
    with pytest.raises(ValueError, match="unknown decision"):
        decide(store, doc, "rita", "maybe", KUNDUZ)
    assert decisions_of(store, doc) == []


def test_accept_all_from_one_annotator_and_undo(store: Store, doc: int) -> None:
    decide(store, doc, "rita", "accept", KUNDUZ_EVENT)
    before = gold(store, doc)
    ids = accept_all_from(store, doc, "rita", "ben", reason="ben is the careful one")
    assert gold(store, doc) == set(VERSIONS["ben"])
    log = [d for d in decisions_of(store, doc) if d.id in ids]
    assert {d.reason for d in log} == {"ben is the careful one"}
    assert {d.span for d in log if d.action == "reject"} == {KUNDUZ_EVENT}
    assert {d.span for d in log if d.action == "accept"} == set(VERSIONS["ben"])
    # Already equal: nothing to do.
    assert accept_all_from(store, doc, "rita", "ben") == []
    undo_decisions(store, ids)
    assert gold(store, doc) == before
    with pytest.raises(ValueError, match="has not finished"):
        accept_all_from(store, doc, "rita", "dan")
    assert gold(store, doc) == before


def test_undoing_out_of_order_leaves_a_span_another_decision_put_back(
    store: Store, doc: int
) -> None:
    """Two reviewers on one document: rita rejects Kunduz, sam accepts it again, then rita
    undoes her rejection. Kunduz is in gold once, and nothing fails."""
    decide(store, doc, "rita", "accept", KUNDUZ)
    (rejected,) = decide(store, doc, "rita", "reject", KUNDUZ)
    decide(store, doc, "sam", "accept", KUNDUZ)
    undo_decisions(store, [rejected])
    assert gold(store, doc) == {KUNDUZ}
    assert [d.reviewer for d in decisions_of(store, doc)] == ["rita", "sam"]


def test_set_reason_and_gold_status(store: Store, doc: int) -> None:
    (ident,) = decide(store, doc, "rita", "accept", TALIBAN)
    set_reason(store, ident, "everyone agrees")
    assert decisions_of(store, doc)[0].reason == "everyone agrees"
    assert set_status_of(store, doc, GOLD) is SetStatus.IN_PROGRESS
    set_gold_status(store, doc, SetStatus.DONE)
    assert set_status_of(store, doc, GOLD) is SetStatus.DONE
    assert review_queue(store)[0].gold_status is SetStatus.DONE


def test_undecided_documents_have_a_candidate_neither_in_gold_nor_decided(
    store: Store, doc: int
) -> None:
    load(store, [record("calm", "Kabul is calm.", who, [Span(0, 5, "PLACE")]) for who in "ab"])
    calm = doc_id(store, "calm")
    draft = "Nothing yet."
    load(store, [record("draft", draft, "ana", [Span(0, 7, "EVENT")], done=False)])
    assert undecided_documents(store, [doc, calm, doc_id(store, "draft")]) == {doc, calm}
    # Pre-filled (in gold), accepted, rejected or replaced by a correction: decided.
    prefill(store, Strategy.MAJORITY)  # Taliban, Kunduz PLACE, 12 people; calm's Kabul
    assert undecided_documents(store, [doc, calm]) == {doc}
    decide(store, doc, "rita", "reject", KUNDUZ_EVENT)
    decide(store, doc, "rita", "accept", ATTACK)
    decide(store, doc, "rita", "correct", Span(ATTACK_LONG.start, ATTACK.end, "ACTOR"),
           original=ATTACK_LONG)  # fmt: skip
    (last,) = decide(store, doc, "rita", "reject", TWELVE)
    assert undecided_documents(store, [doc]) == {doc}  # cai's "Kunduz city"
    decide(store, doc, "rita", "accept", CITY)
    assert undecided_documents(store, [doc, calm]) == set()
    # Undone, a decision leaves its candidate undecided again.
    undo_decisions(store, [last])
    assert undecided_documents(store, [doc, calm]) == {doc}


def test_review_queue_puts_the_most_disputed_first(store: Store) -> None:
    calm = "Kabul is calm."
    split = "Herat and Balkh."
    load(
        store,
        [
            # Agreed entirely.
            record("calm", calm, "ana", [Span(0, 5, "PLACE")]),
            record("calm", calm, "ben", [Span(0, 5, "PLACE")]),
            # Every candidate disputed.
            record("split", split, "ana", [Span(0, 5, "PLACE")]),
            record("split", split, "ben", [Span(10, 15, "PLACE")]),
            # Half disputed, three annotators.
            record("news", TEXT, "ana", [TALIBAN, KUNDUZ]),
            record("news", TEXT, "ben", [TALIBAN, KUNDUZ]),
            record("news", TEXT, "cai", [TALIBAN]),
            # Not finished by anyone: not in the queue.
            record("draft", "Nothing yet.", "ana", [], done=False),
        ],
    )
    queue = review_queue(store)
    assert [item.external_id for item in queue] == ["split", "news", "calm"]
    assert [(item.annotators, item.disputed, item.candidates) for item in queue] == [
        (2, 2, 2),
        (3, 1, 2),
        (2, 0, 1),
    ]
    assert [item.disagreement for item in queue] == [1.0, 0.5, 0.0]
    assert all(item.gold_status is None for item in queue)


def test_prefill_unanimous_takes_only_what_everyone_chose(store: Store, doc: int) -> None:
    report = prefill(store, Strategy.UNANIMOUS)
    assert gold(store, doc) == {TALIBAN}
    assert (report.documents, report.spans_added) == (1, 1)
    assert report.left_to_review == len(review_candidates(store, doc)) - 1
    assert [(d.reviewer, d.action, d.reason) for d in decisions_of(store, doc)] == [
        (GOLD, "prefill", "unanimous: 3 of 3")
    ]


def test_prefill_majority_keeps_rejected_spans_out(store: Store, doc: int) -> None:
    decide(store, doc, "rita", "reject", PEOPLE, reason="the number only")
    report = prefill(store, Strategy.MAJORITY)
    # Taliban (3/3) and Kunduz (2/3) go in; "12 people" (2/3) was rejected; the rest has 1/3.
    assert gold(store, doc) == {TALIBAN, KUNDUZ}
    assert report.spans_added == 2
    assert report.left_to_review == 5  # KUNDUZ_EVENT, ATTACK_LONG, ATTACK, TWELVE, CITY
    # Running it again adds nothing new.
    again = prefill(store, Strategy.MAJORITY)
    assert again.spans_added == 0
    assert gold(store, doc) == {TALIBAN, KUNDUZ}


def test_prefill_skips_a_document_with_one_finished_annotation(store: Store) -> None:
    load(store, [record("solo", "Kabul.", "ana", [Span(0, 5, "PLACE")])])
    solo = doc_id(store, "solo")
    report = prefill(store, Strategy.MAJORITY)
    assert (report.documents, report.skipped) == (0, 1)
    assert gold(store, solo) == set()
    with store.reading() as session:
        assert session.scalar(select(func.count(Decision.id))) == 0
    # Asked to, a lone finished annotator is everyone: their spans go in.
    report = prefill(store, Strategy.UNANIMOUS, min_annotators=1)
    assert (report.documents, report.skipped, report.spans_added) == (1, 0, 1)
    assert gold(store, solo) == {Span(0, 5, "PLACE")}
