"""Relations in adjudication, on both databases: the hand-made three-annotator article of
``adjudication_example`` pre-filled by majority and by unanimity, relation candidates with who
chose them, a reviewer's accept / reject / relabel and their undo, the review queue's counts
and the documents still to decide."""

from __future__ import annotations

import pytest
from adjudication_example import (
    AGENT,
    ASAD_ABAD,
    AT_MARKET,
    ATTACK,
    COUNT,
    EMPLOYEES,
    KILLING,
    LOCATION,
    MARKET,
    REVIEWER,
    TALIBAN,
    TARGET,
    load_relation_example,
    relations_in,
    spans_in,
)

from annotator.core.adjudication import RelationKey, Strategy
from annotator.store.adjudication import (
    decisions_of,
    prefill,
    review_queue,
    undecided_documents,
    undo_decisions,
)
from annotator.store.relation_adjudication import decide_relation, review_relation_candidates
from annotator.store.store import Store


def test_majority_prefill_puts_in_the_relations_whose_spans_are_in_gold(store: Store) -> None:
    raid = load_relation_example(store)
    report = prefill(store, Strategy.MAJORITY)
    # EMPLOYEES (ana, ben) was rejected: it stays out, and so does COUNT (ana, ben) to it.
    assert EMPLOYEES not in spans_in(store, raid)
    assert KILLING in spans_in(store, raid)
    assert relations_in(store, raid) == {AGENT, LOCATION, AT_MARKET}
    # TARGET (cai alone) and COUNT (its target not in gold) are left to the reviewer.
    assert (report.relations_added, report.relations_left) == (3, 2)
    logged = [d for d in decisions_of(store, raid) if d.relation is not None]
    assert [(d.action, d.relation, d.chosen_by, d.reason) for d in logged] == [
        ("prefill", AGENT, ("ana", "ben", "cai"), "majority: 3 of 3"),
        ("prefill", AT_MARKET, ("ben", "cai"), "majority: 2 of 3"),
        ("prefill", LOCATION, ("ana", "ben"), "majority: 2 of 3"),
    ]
    # Pre-filling again adds nothing, and logs what it found already in gold.
    again = prefill(store, Strategy.MAJORITY)
    assert again.relations_added == 0
    assert relations_in(store, raid) == {AGENT, LOCATION, AT_MARKET}


def test_unanimous_prefill_puts_in_only_what_everyone_chose(store: Store) -> None:
    raid = load_relation_example(store, reject_employees=False)
    report = prefill(store, Strategy.UNANIMOUS)
    assert spans_in(store, raid) == {TALIBAN, ATTACK, ASAD_ABAD}
    assert relations_in(store, raid) == {AGENT}
    assert report.relations_added == 1


def test_a_rejected_relation_is_not_prefilled(store: Store) -> None:
    raid = load_relation_example(store)
    decide_relation(store, raid, REVIEWER, "reject", LOCATION, reason="it hit the market")
    prefill(store, Strategy.MAJORITY)
    assert relations_in(store, raid) == {AGENT, AT_MARKET}


def test_relation_candidates_say_who_chose_them(store: Store) -> None:
    raid = load_relation_example(store)
    prefill(store, Strategy.MAJORITY)
    found = {
        c.relation: (c.chosen_by, c.of, c.in_gold) for c in review_relation_candidates(store, raid)
    }
    assert found == {
        AGENT: (("ana", "ben", "cai"), 3, True),
        LOCATION: (("ana", "ben"), 3, True),
        AT_MARKET: (("ben", "cai"), 3, True),
        TARGET: (("cai",), 3, False),
        COUNT: (("ana", "ben"), 3, False),
    }


def test_accepting_a_relation_accepts_its_missing_span_and_undo_takes_both_out(
    store: Store,
) -> None:
    raid = load_relation_example(store)
    prefill(store, Strategy.MAJORITY)
    ids = decide_relation(
        store, raid, REVIEWER, "accept", COUNT, chosen_by=("ana", "ben"), reason="the toll"
    )
    assert len(ids) == 2  # EMPLOYEES first, then the relation
    assert EMPLOYEES in spans_in(store, raid)
    assert COUNT in relations_in(store, raid)
    log = decisions_of(store, raid)[-2:]
    assert [(d.action, d.span, d.relation, d.chosen_by) for d in log] == [
        ("accept", EMPLOYEES, None, ("ana", "ben")),
        ("accept", KILLING, COUNT, ("ana", "ben")),
    ]
    undo_decisions(store, ids)
    assert EMPLOYEES not in spans_in(store, raid)
    assert COUNT not in relations_in(store, raid)
    assert [d.id for d in decisions_of(store, raid)][-1] < min(ids)


def test_reject_and_relabel_change_gold_and_undo_restores_it(store: Store) -> None:
    raid = load_relation_example(store)
    prefill(store, Strategy.MAJORITY)
    [rejected] = decide_relation(store, raid, REVIEWER, "reject", AT_MARKET, reason="hit, not at")
    assert AT_MARKET not in relations_in(store, raid)
    assert MARKET in spans_in(store, raid)  # the span stays
    relabelled = RelationKey(ATTACK, TALIBAN, "target")
    [changed] = decide_relation(
        store, raid, REVIEWER, "correct", relabelled, original_label="agent", chosen_by=("ana",)
    )
    assert relations_in(store, raid) == {relabelled, LOCATION}
    last = decisions_of(store, raid)[-1]
    assert (last.action, last.relation, last.original_relation) == ("correct", relabelled, "agent")
    undo_decisions(store, [changed])
    undo_decisions(store, [rejected])
    assert relations_in(store, raid) == {AGENT, LOCATION, AT_MARKET}


def test_a_label_the_schema_does_not_allow_is_refused(store: Store) -> None:
    raid = load_relation_example(store)
    prefill(store, Strategy.MAJORITY)
    with pytest.raises(ValueError, match="location"):
        decide_relation(
            store,
            raid,
            REVIEWER,
            "correct",
            RelationKey(ATTACK, TALIBAN, "location"),
            original_label="agent",
        )
    assert relations_in(store, raid) == {AGENT, LOCATION, AT_MARKET}


def test_the_queue_counts_relation_candidates_and_what_is_left_to_decide(store: Store) -> None:
    raid = load_relation_example(store)
    [item] = review_queue(store)
    # Spans: TALIBAN, ATTACK, ASAD_ABAD agreed; MARKET, KILLING, EMPLOYEES disputed.
    # Relations: AGENT agreed; LOCATION, TARGET, COUNT, AT_MARKET disputed.
    assert (item.candidates, item.disputed) == (6 + 5, 3 + 4)
    prefill(store, Strategy.MAJORITY)
    assert undecided_documents(store) == {raid}  # TARGET and COUNT are open
    decide_relation(store, raid, REVIEWER, "reject", TARGET)
    assert undecided_documents(store) == {raid}
    decide_relation(store, raid, REVIEWER, "reject", COUNT)
    assert undecided_documents(store) == set()


@pytest.mark.parametrize("action", ["reject", "correct"])
def test_a_span_taken_out_of_gold_takes_its_relations_and_undo_gives_them_back(
    store: Store, action: str
) -> None:
    from annotator.core.spans import Span
    from annotator.store.adjudication import decide

    raid = load_relation_example(store)
    prefill(store, Strategy.MAJORITY)
    assert relations_in(store, raid) == {AGENT, LOCATION, AT_MARKET}
    # Rejecting the attack (or correcting it to its verb) takes its three relations out of
    # gold; each is logged as a rejection "with its span", before the span's decision.
    corrected = Span(ATTACK.start + len("rocket "), ATTACK.end, "EVENT")
    if action == "reject":
        logged = decide(store, raid, REVIEWER, "reject", ATTACK)
    else:
        logged = decide(store, raid, REVIEWER, "correct", corrected, original=ATTACK)
    assert relations_in(store, raid) == set()
    assert ATTACK not in spans_in(store, raid)
    entries = {d.id: d for d in decisions_of(store, raid)}
    assert [(entries[i].relation, entries[i].reason) for i in logged[:-1]] == [
        (relation, "with its span") for relation in sorted([AGENT, AT_MARKET, LOCATION])
    ]
    assert entries[logged[-1]].relation is None
    undo_decisions(store, logged)
    assert ATTACK in spans_in(store, raid)
    assert relations_in(store, raid) == {AGENT, LOCATION, AT_MARKET}
    assert not set(logged) & {d.id for d in decisions_of(store, raid)}


def test_accept_all_from_an_annotator_takes_their_relations_too_and_undoes_whole(
    store: Store,
) -> None:
    from adjudication_example import RELATIONS, SPANS

    from annotator.store.adjudication import accept_all_from

    raid = load_relation_example(store, reject_employees=False)
    prefill(store, Strategy.MAJORITY)  # gold: the majority's spans and relations
    before = (spans_in(store, raid), relations_in(store, raid))
    logged = accept_all_from(store, raid, REVIEWER, "cai")
    assert spans_in(store, raid) == set(SPANS["cai"])
    assert relations_in(store, raid) == set(RELATIONS["cai"])
    undo_decisions(store, logged)
    assert (spans_in(store, raid), relations_in(store, raid)) == before
