"""Relations in the store: the default schema is seeded, the rules hold, and deleting a span
takes its relations (which undo gives back against the span's new row id)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annotator.core.labels import default_schema
from annotator.core.relations import default_relation_schema
from annotator.schemas import DocumentRecord, Located
from annotator.store.annotations import SpanRejected, add_spans, delete_spans, spans_of
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.models import Relation
from annotator.store.relations import (
    RelationRejected,
    add_relation,
    broken_by_relabel,
    delete_relations,
    load_relation_schema,
    relabel_relation,
    relabel_span,
    relations_of,
    relations_touching,
    restore_relations,
)
from annotator.store.store import Store, seed_labels

TEXT = "Taliban militants attacked a market in Asad Abad, killing two employees."


@pytest.fixture
def doc(store: Store) -> int:
    import_records(store, [Located("t", 1, DocumentRecord(id="d1", text=TEXT))])
    found = find_document(store, "d1")
    assert found is not None
    return found


def spans(store: Store, doc: int, person: str = "ana") -> dict[str, int]:
    """Label the attack (EVENT), the Taliban (ACTOR), Asad Abad (PLACE), two (FIGURE)."""
    wanted = [(18, 26, "EVENT"), (0, 17, "ACTOR"), (39, 48, "PLACE"), (58, 61, "FIGURE")]
    made = add_spans(store, doc, person, wanted)
    return {span.label: span.id for span in made}


def count_relations(store: Store) -> int:
    with store.reading() as session:
        return int(session.scalar(select(func.count()).select_from(Relation)) or 0)


def test_a_new_database_has_the_default_relation_schema(store: Store) -> None:
    assert load_relation_schema(store) == default_relation_schema()


def test_relations_are_stored_and_read_back(store: Store, doc: int) -> None:
    ids = spans(store, doc)
    made = add_relation(store, ids["EVENT"], ids["ACTOR"], "agent")
    add_relation(store, ids["EVENT"], ids["PLACE"], "location")
    stored = relations_of(store, doc, "ana")
    assert made in stored
    assert {(r.source_id, r.target_id, r.label) for r in stored} == {
        (ids["EVENT"], ids["ACTOR"], "agent"),
        (ids["EVENT"], ids["PLACE"], "location"),
    }
    assert relations_of(store, doc, "ben") == []
    assert relabel_relation(store, made.id, "target").label == "target"
    delete_relations(store, [made.id])
    assert [r.label for r in relations_of(store, doc, "ana")] == ["location"]


@pytest.mark.parametrize(
    ("source", "target", "label", "message"),
    [
        ("EVENT", "PLACE", "agent", "goes EVENT -> ACTOR, not EVENT -> PLACE"),
        ("ACTOR", "EVENT", "agent", "not ACTOR -> EVENT"),
        ("EVENT", "ACTOR", "cause", "not in the relation schema"),
        ("EVENT", "EVENT", "agent", "two different spans"),
    ],
)
def test_relations_the_schema_forbids_are_refused(
    store: Store, doc: int, source: str, target: str, label: str, message: str
) -> None:
    ids = spans(store, doc)
    with pytest.raises(RelationRejected, match=message):
        add_relation(store, ids[source], ids[target], label)
    assert count_relations(store) == 0


def test_a_duplicate_and_a_relation_across_annotators_are_refused(store: Store, doc: int) -> None:
    ana, ben = spans(store, doc, "ana"), spans(store, doc, "ben")
    add_relation(store, ana["EVENT"], ana["ACTOR"], "agent")
    with pytest.raises(RelationRejected, match="already there"):
        add_relation(store, ana["EVENT"], ana["ACTOR"], "agent")
    with pytest.raises(RelationRejected, match="same annotator"):
        add_relation(store, ana["EVENT"], ben["ACTOR"], "agent")
    assert count_relations(store) == 1


def test_deleting_a_span_takes_its_relations_and_undo_gives_them_back(
    store: Store, doc: int
) -> None:
    ids = spans(store, doc)
    add_relation(store, ids["EVENT"], ids["ACTOR"], "agent")
    add_relation(store, ids["EVENT"], ids["PLACE"], "location")
    taken = relations_touching(store, [ids["ACTOR"]])
    assert [r.label for r in taken] == ["agent"]
    actor = next(s for s in spans_of(store, doc, "ana") if s.label == "ACTOR")
    delete_spans(store, [ids["ACTOR"]])
    assert [r.label for r in relations_of(store, doc, "ana")] == ["location"]
    back = add_spans(store, doc, "ana", [(actor.start, actor.end, actor.label)])[0]
    restore_relations(store, taken, {ids["ACTOR"]: back.id})
    assert {(r.target_id, r.label) for r in relations_of(store, doc, "ana")} == {
        (back.id, "agent"),
        (ids["PLACE"], "location"),
    }


def test_relabelling_a_span_reports_the_relations_it_would_break(store: Store, doc: int) -> None:
    ids = spans(store, doc)
    add_relation(store, ids["EVENT"], ids["ACTOR"], "agent")
    add_relation(store, ids["EVENT"], ids["PLACE"], "location")
    assert broken_by_relabel(store, ids["ACTOR"], "ACTOR") == []
    assert [r.label for r in broken_by_relabel(store, ids["ACTOR"], "PLACE")] == ["agent"]
    assert [r.label for r in broken_by_relabel(store, ids["EVENT"], "ACTOR")] == [
        "agent",
        "location",
    ]


def test_a_relabel_drops_the_relations_it_breaks_in_the_same_transaction(
    store: Store, doc: int
) -> None:
    ids = spans(store, doc)
    agent = add_relation(store, ids["EVENT"], ids["ACTOR"], "agent")
    add_relation(store, ids["EVENT"], ids["PLACE"], "location")
    broken = broken_by_relabel(store, ids["ACTOR"], "PLACE")
    assert broken == [agent]
    changed, restored = relabel_span(store, ids["ACTOR"], "PLACE", [r.id for r in broken])
    assert (changed.id, changed.label, restored) == (ids["ACTOR"], "PLACE", [])
    assert [r.label for r in relations_of(store, doc, "ana")] == ["location"]
    # Undoing it: the old label and the relation back, in one transaction.
    back, restored = relabel_span(
        store, ids["ACTOR"], "ACTOR", restoring=[(ids["EVENT"], ids["ACTOR"], "agent")]
    )
    assert back.label == "ACTOR"
    assert [(r.source_id, r.target_id, r.label) for r in restored] == [
        (ids["EVENT"], ids["ACTOR"], "agent")
    ]
    assert sorted(r.label for r in relations_of(store, doc, "ana")) == ["agent", "location"]


def test_a_relabel_that_fails_keeps_the_relations_it_was_to_drop(store: Store, doc: int) -> None:
    ids = spans(store, doc)
    agent = add_relation(store, ids["EVENT"], ids["ACTOR"], "agent")
    # A PLACE span on the same words: relabelling ACTOR as PLACE would make a duplicate.
    actor = next(s for s in spans_of(store, doc, "ana") if s.label == "ACTOR")
    add_spans(store, doc, "ana", [(actor.start, actor.end, "PLACE")])
    with pytest.raises(SpanRejected, match="already there"):
        relabel_span(store, ids["ACTOR"], "PLACE", [agent.id])
    with pytest.raises(SpanRejected, match="not in the schema"):
        relabel_span(store, ids["ACTOR"], "WEAPON", [agent.id])
    # Restoring a relation the label does not allow fails the relabel too.
    with pytest.raises(RelationRejected, match="EVENT -> ACTOR"):
        relabel_span(
            store, ids["FIGURE"], "PLACE", restoring=[(ids["EVENT"], ids["FIGURE"], "agent")]
        )
    assert relations_of(store, doc, "ana") == [agent]
    labels = {s.id: s.label for s in spans_of(store, doc, "ana")}
    assert (labels[ids["ACTOR"]], labels[ids["FIGURE"]]) == ("ACTOR", "FIGURE")


def test_a_database_from_before_relations_is_given_the_default_relation_schema(
    db_url: str,
) -> None:
    from alembic import command

    from annotator.store.engine import create_database_engine, writer
    from annotator.store.migrate import alembic_config

    engine = writer(create_database_engine(db_url))
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0006")
        session = Session(bind=connection)
        seed_labels(session, default_schema())  # labels only: no relation tables at 0006
        session.flush()
    engine.dispose()
    with Store.open(db_url) as upgraded:
        assert load_relation_schema(upgraded) == default_relation_schema()
