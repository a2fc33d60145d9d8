"""What relation agreement reads: the relations of finished sets only, gold left out, with
their endpoints' offsets and span labels; one span label's relations if asked."""

from __future__ import annotations

from relation_example import ATTACK, SETS, TALIBAN, finished_example, store_example

from annotator.core.status import GOLD, SetStatus
from annotator.schemas import DocumentRecord, Located, SpanRecord
from annotator.store.adjudication import set_gold_status
from annotator.store.annotations import add_spans
from annotator.store.importer import import_records
from annotator.store.relation_agreement_input import finished_relations
from annotator.store.relations import add_relation
from annotator.store.store import Store


def _by_name(ids: dict[str, int]) -> dict[int, str]:
    return {ident: name for name, ident in ids.items()}


def test_the_finished_relations_with_their_endpoints(store: Store) -> None:
    ids = store_example(store)
    gold = add_spans(store, ids["d1"], GOLD, [ATTACK, TALIBAN])
    add_relation(store, gold[0].id, gold[1].id, "agent")
    set_gold_status(store, ids["d1"], SetStatus.DONE)

    read = finished_relations(store)

    name = _by_name(ids)
    expected = finished_example()
    number = {1: "d1", 2: "d2"}
    assert sorted((name[d], who) for d, who in read.finished) == sorted(
        (number[d], who) for d, who in expected.finished
    )
    got = sorted(row._replace(document=name[row.document]) for row in read.relations)
    done = {(doc, who) for doc, who, status, _ in SETS if status is SetStatus.DONE}
    assert got == sorted(
        row._replace(document=number[row.document])
        for row in expected.relations
        if (number[row.document], row.person) in done
    )
    assert list(read.labels) == ["agent", "target", "location", "count"]


def test_one_span_label_keeps_the_relations_with_an_end_of_it(store: Store) -> None:
    store_example(store)

    read = finished_relations(store, "PLACE")

    assert {row.label for row in read.relations} == {"location"}
    assert all("PLACE" in (row.source[2], row.target[2]) for row in read.relations)
    assert len(read.relations) == 4


def test_without_relations_only_the_schema_is_read(store: Store) -> None:
    spans = [SpanRecord(start=s, end=e, label=label) for s, e, label in (ATTACK, TALIBAN)]
    import_records(
        store,
        [
            Located(
                "x.jsonl",
                line,
                DocumentRecord(
                    id="d1", text="x" * 50, annotator=who, status=SetStatus.DONE, spans=spans
                ),
            )
            for line, who in enumerate(("ana", "ben"), start=1)
        ],
    )

    read = finished_relations(store)

    assert (list(read.finished), list(read.relations)) == ([], [])
    assert "count" in read.labels
