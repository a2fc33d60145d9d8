"""Relation-schema edits through ``apply_schema``, on a SQLite file and on PostgreSQL: one
transaction; a renamed relation label keeps its relations, a deleted one takes them and undo
gives them back; a deleted span label's spans take their relations, given back with them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.core.labels import SchemaError
from annotator.core.relations import RelationLabel
from annotator.schemas import DocumentRecord, Located
from annotator.store.annotations import add_spans, spans_of
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.labels import LabelEdit, apply_schema, load_schema, reverse_edits
from annotator.store.relation_labels import (
    RelationLabelEdit,
    relation_usage,
    reverse_relation_edits,
    unchanged_relations,
)
from annotator.store.relations import add_relations, load_relation_schema, relations_of
from annotator.store.store import Store

TEXT = "Taliban militants attacked a market in Asad Abad, killing two employees."
WORDS = {
    "attacked": "EVENT",
    "Taliban militants": "ACTOR",
    "Asad Abad": "PLACE",
    "two employees": "FIGURE",
}


def at(words: str) -> tuple[int, int]:
    return TEXT.index(words), TEXT.index(words) + len(words)


@pytest.fixture
def doc(store: Store) -> int:
    """The sentence with ana's and ben's spans, and each one's agent, location and count."""
    import_records(store, [Located("t", 1, DocumentRecord(id="d1", text=TEXT))])
    found = find_document(store, "d1")
    assert found is not None
    for person in ("ana", "ben"):
        made = add_spans(store, found, person, [(*at(w), label) for w, label in WORDS.items()])
        ids = {TEXT[s.start : s.end]: s.id for s in made}
        add_relations(
            store,
            [
                (ids["attacked"], ids[target], label)
                for target, label in (
                    ("Taliban militants", "agent"),
                    ("Asad Abad", "location"),
                    ("two employees", "count"),
                )
            ],
        )
    return found


def triples(store: Store, doc: int, person: str = "ana") -> set[tuple[str, str, str]]:
    words = {s.id: TEXT[s.start : s.end] for s in spans_of(store, doc, person)}
    return {
        (words[r.source_id], words[r.target_id], r.label) for r in relations_of(store, doc, person)
    }


ALL = {
    ("attacked", "Taliban militants", "agent"),
    ("attacked", "Asad Abad", "location"),
    ("attacked", "two employees", "count"),
}


def span_edits(store: Store) -> list[LabelEdit]:
    return [LabelEdit(label.name, label) for label in load_schema(store)]


def test_renaming_rekeying_and_narrowing_a_relation_label_keeps_its_relations(
    store: Store, doc: int
) -> None:
    before = load_relation_schema(store)
    location = before["location"]
    site = replace(location, name="site", color="#101010", hotkey="s", description="Where.")
    edits = [
        RelationLabelEdit(e.original, site) if e.original == "location" else e
        for e in unchanged_relations(before)
    ]
    change = apply_schema(store, span_edits(store), relations=edits, expect_relations=before)
    assert change.relation_schema.names() == ["agent", "target", "site", "count"]
    assert load_relation_schema(store)["site"] == site
    assert change.removed_relations == ()
    assert ("attacked", "Asad Abad", "site") in triples(store, doc)
    assert relation_usage(store) == {"agent": 2, "target": 0, "site": 2, "count": 2}


def test_new_relation_label_with_ends_of_a_renamed_span_label(store: Store) -> None:
    schema = load_schema(store)
    spans = [
        LabelEdit("EVENT", replace(schema["EVENT"], name="INCIDENT"))
        if e.original == "EVENT"
        else e
        for e in span_edits(store)
    ]
    cause = RelationLabel("cause", "#202020", "x", ("INCIDENT",), ("ACTOR", "INCIDENT"))
    # The ends name span labels by their new names.
    relations = [
        RelationLabelEdit(e.original, replace(e.label, sources=("INCIDENT",)))
        for e in unchanged_relations(load_relation_schema(store))
    ]
    change = apply_schema(store, spans, relations=[*relations, RelationLabelEdit(None, cause)])
    assert change.relation_schema["cause"] == cause
    assert change.relation_schema["agent"].ends() == "INCIDENT -> ACTOR"
    assert change.schema.names() == ["ACTOR", "PLACE", "INCIDENT", "FIGURE"]


def test_a_deleted_relation_label_takes_its_relations_and_undo_gives_them_back(
    store: Store, doc: int
) -> None:
    before = load_relation_schema(store)
    edits = [e for e in unchanged_relations(before) if e.original != "location"]
    change = apply_schema(store, span_edits(store), relations=edits, expect_relations=before)
    assert change.deleted_relation_labels == ("location",)
    assert [r.label for r in change.removed_relations] == ["location", "location"]
    assert triples(store, doc) == ALL - {("attacked", "Asad Abad", "location")}
    assert triples(store, doc, "ben") == triples(store, doc)
    assert "location" not in relation_usage(store)
    back = reverse_relation_edits(before, edits)
    assert [e.original for e in back] == ["agent", "target", None, "count"]
    undone = apply_schema(
        store,
        span_edits(store),
        relations=back,
        restore_relations=[(r.source_id, r.target_id, r.label) for r in change.removed_relations],
        expect_relations=change.relation_schema,
    )
    assert load_relation_schema(store) == before
    assert len(undone.restored_relations) == 2
    assert triples(store, doc) == triples(store, doc, "ben") == ALL


def test_a_deleted_span_labels_relations_come_back_with_its_spans(store: Store, doc: int) -> None:
    labels, relations = load_schema(store), load_relation_schema(store)
    edits = [e for e in span_edits(store) if e.original != "PLACE"]
    # location (EVENT -> PLACE) loses its only target label: the dialog would delete it too.
    relation_edits = [e for e in unchanged_relations(relations) if e.original != "location"]
    change = apply_schema(store, edits, relations=relation_edits, expect=labels)
    assert change.deleted_spans == 2
    assert {r.label for r in change.removed_relations} == {"location"}
    assert len(change.removed_relations) == 2
    undone = apply_schema(
        store,
        reverse_edits(labels, edits),
        change.removed,
        change.schema,
        relations=reverse_relation_edits(relations, relation_edits),
        restore_relations=[(r.source_id, r.target_id, r.label) for r in change.removed_relations],
    )
    assert list(load_schema(store)) == list(labels)
    assert load_relation_schema(store) == relations
    assert len(undone.restored_relations) == 2
    assert triples(store, doc) == triples(store, doc, "ben") == ALL


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda r: replace(r, hotkey="t"), "hotkey 't' is used by both"),
        (lambda r: replace(r, name="target"), "defined twice"),
        (lambda r: replace(r, color="blue"), "use #RRGGBB"),
        (lambda r: replace(r, sources=("WEAPON",)), "source label 'WEAPON', which is not a label"),
    ],
)
def test_an_invalid_relation_schema_changes_nothing(
    store: Store, doc: int, change: object, complaint: str
) -> None:
    before = load_relation_schema(store)
    assert callable(change)
    edits = [
        RelationLabelEdit(e.original, change(e.label)) if e.original == "agent" else e
        for e in unchanged_relations(before)
    ]
    with pytest.raises(SchemaError, match=complaint):
        apply_schema(store, span_edits(store), relations=edits)
    assert load_relation_schema(store) == before
    assert triples(store, doc) == ALL


def test_a_relation_schema_changed_elsewhere_or_unknown_is_refused(store: Store, doc: int) -> None:
    read = load_relation_schema(store)
    unchanged = unchanged_relations(read)
    apply_schema(store, span_edits(store), relations=unchanged[1:])  # another window
    with pytest.raises(SchemaError, match="relation labels were changed elsewhere"):
        apply_schema(store, span_edits(store), relations=unchanged, expect_relations=read)
    with pytest.raises(SchemaError, match="no such relation label: agent"):
        apply_schema(store, span_edits(store), relations=unchanged)
    assert load_relation_schema(store).names() == ["target", "location", "count"]
    assert triples(store, doc) == ALL - {("attacked", "Taliban militants", "agent")}
