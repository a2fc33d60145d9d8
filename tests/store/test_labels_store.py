"""Label schema changes, on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import pytest

from annotator.core.labels import Label, SchemaError
from annotator.schemas import DocumentRecord, Located
from annotator.store.annotations import add_span, spans_of
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.labels import (
    LabelEdit,
    add_label,
    apply_schema,
    delete_label,
    label_usage,
    load_schema,
    reverse_edits,
    update_label,
)
from annotator.store.notes import set_span_comment
from annotator.store.store import Store

TEXT = "Taliban fighters attacked Kunduz on Tuesday, killing 12 people."


def _document(store: Store) -> int:
    import_records(store, [Located("t", 1, DocumentRecord(id="d1", text=TEXT))])
    found = find_document(store, "d1")
    assert found is not None
    return found


def test_default_schema_is_stored_in_order(store: Store) -> None:
    assert load_schema(store).names() == ["ACTOR", "PLACE", "EVENT", "FIGURE"]
    assert label_usage(store) == {"ACTOR": 0, "PLACE": 0, "EVENT": 0, "FIGURE": 0}


def test_rename_carries_existing_spans(store: Store) -> None:
    doc = _document(store)
    add_span(store, doc, "ana", 0, 7, "ACTOR")
    add_span(store, doc, "ben", 0, 16, "ACTOR")
    actor = load_schema(store)["ACTOR"]
    update_label(
        store,
        "ACTOR",
        Label("PARTY", "#112233", actor.hotkey, actor.alt_hotkey, "Who takes part."),
    )
    schema = load_schema(store)
    assert schema.names() == ["PARTY", "PLACE", "EVENT", "FIGURE"]
    assert schema["PARTY"].color == "#112233"
    assert schema["PARTY"].description == "Who takes part."
    assert [s.label for s in spans_of(store, doc, "ana")] == ["PARTY"]
    assert [s.label for s in spans_of(store, doc, "ben")] == ["PARTY"]
    assert label_usage(store)["PARTY"] == 2


def test_swapping_two_names_and_hotkeys(store: Store) -> None:
    doc = _document(store)
    add_span(store, doc, "ana", 26, 32, "PLACE")
    schema = load_schema(store)
    actor, place = schema["ACTOR"], schema["PLACE"]
    edits = [
        LabelEdit("ACTOR", Label("PLACE", actor.color, place.hotkey, place.alt_hotkey)),
        LabelEdit("PLACE", Label("ACTOR", place.color, actor.hotkey, actor.alt_hotkey)),
        *(LabelEdit(label.name, label) for label in schema if label.name in ("EVENT", "FIGURE")),
    ]
    change = apply_schema(store, edits)
    assert change.deleted_spans == 0
    assert change.schema.names() == ["PLACE", "ACTOR", "EVENT", "FIGURE"]
    assert change.schema.for_key("1") == change.schema["ACTOR"]
    # The span's row now carries the label renamed from PLACE to ACTOR.
    assert [s.label for s in spans_of(store, doc, "ana")] == ["ACTOR"]


def test_add_label_appends_it(store: Store) -> None:
    change = add_label(store, Label("WEAPON", "#654321", "5", "w", "Arms used."))
    assert change.schema.names()[-1] == "WEAPON"
    assert load_schema(store).for_key("W") == Label("WEAPON", "#654321", "5", "w", "Arms used.")
    doc = _document(store)
    assert add_span(store, doc, "ana", 26, 32, "WEAPON").label == "WEAPON"


def test_delete_label_deletes_its_spans_only(store: Store) -> None:
    doc = _document(store)
    add_span(store, doc, "ana", 17, 25, "EVENT")
    add_span(store, doc, "ben", 17, 25, "EVENT")
    kept = add_span(store, doc, "ana", 26, 32, "PLACE")
    assert label_usage(store)["EVENT"] == 2
    change = delete_label(store, "EVENT")
    assert change.deleted_labels == ("EVENT",)
    assert change.deleted_spans == 2
    assert load_schema(store).names() == ["ACTOR", "PLACE", "FIGURE"]
    assert spans_of(store, doc, "ana") == [kept]
    assert spans_of(store, doc, "ben") == []


@pytest.mark.parametrize(
    ("label", "complaint"),
    [
        (Label("PLACE", "#000000", "9"), "defined twice"),
        (Label("NEW", "#000000", "1"), "hotkey '1'"),
        (Label("NEW", "red", "9"), "colour"),
        (Label("9lives", "#000000", "9"), "must start with a letter"),
        (Label("NEW", "#000000", ""), "one-character hotkey"),
    ],
)
def test_invalid_schemas_change_nothing(store: Store, label: Label, complaint: str) -> None:
    before = load_schema(store)
    with pytest.raises(SchemaError, match=complaint):
        add_label(store, label)
    assert load_schema(store).names() == before.names()
    assert [lab.hotkey for lab in load_schema(store)] == [lab.hotkey for lab in before]


def test_unknown_and_empty_edits_are_refused(store: Store) -> None:
    with pytest.raises(SchemaError, match="no such label"):
        update_label(store, "NOPE", Label("NOPE", "#000000", "9"))
    with pytest.raises(SchemaError, match="no such label"):
        delete_label(store, "NOPE")
    with pytest.raises(SchemaError, match="at least one label"):
        apply_schema(store, [])
    assert len(load_schema(store)) == 4


def test_a_change_undone_gives_back_the_labels_and_spans_it_deleted(store: Store) -> None:
    doc = _document(store)
    add_span(store, doc, "ana", 0, 7, "ACTOR")
    add_span(store, doc, "ana", 26, 43, "EVENT")
    add_span(store, doc, "ben", 8, 16, "EVENT")
    add_span(store, doc, "gold", 26, 32, "EVENT")
    before = load_schema(store)
    ana_before = spans_of(store, doc, "ana")
    # ACTOR renamed PARTY, EVENT deleted, WEAPON added.
    edits = [
        LabelEdit("ACTOR", Label("PARTY", "#112233", "1")),
        LabelEdit("PLACE", before["PLACE"]),
        LabelEdit("FIGURE", before["FIGURE"]),
        LabelEdit(None, Label("WEAPON", "#445566", "5")),
    ]
    change = apply_schema(store, edits, expect=before)
    assert change.before.names() == before.names()
    assert (change.deleted_labels, change.deleted_spans) == (("EVENT",), 3)
    assert {(s.start, s.end, s.label) for s in change.removed} == {
        (26, 43, "EVENT"),
        (8, 16, "EVENT"),
        (26, 32, "EVENT"),
    }
    add_span(store, doc, "ben", 17, 25, "WEAPON")  # someone uses the new label meanwhile
    # Undo: the old schema, exactly, and the deleted spans back (as new rows).
    back = reverse_edits(change.before, edits)
    assert [edit.original for edit in back] == ["PARTY", "PLACE", None, "FIGURE"]
    undone = apply_schema(store, back, restore=change.removed, expect=change.schema)
    assert list(load_schema(store)) == list(before)
    assert len(undone.restored) == 3
    assert [(s.start, s.end, s.label) for s in spans_of(store, doc, "ana")] == [
        (s.start, s.end, s.label) for s in ana_before
    ]
    assert [(s.start, s.end, s.label) for s in spans_of(store, doc, "gold")] == [(26, 32, "EVENT")]
    # ben's WEAPON span went with WEAPON; redoing gives it back.
    assert [(s.start, s.end, s.label) for s in undone.removed] == [(17, 25, "WEAPON")]
    redone = apply_schema(store, edits, restore=undone.removed, expect=undone.schema)
    assert load_schema(store).names() == ["PARTY", "PLACE", "FIGURE", "WEAPON"]
    assert [(s.start, s.end, s.label) for s in spans_of(store, doc, "ben")] == [(17, 25, "WEAPON")]
    assert redone.deleted_spans == 3


def test_a_change_from_a_schema_changed_since_is_refused(store: Store) -> None:
    doc = _document(store)
    add_span(store, doc, "ana", 0, 7, "ACTOR")
    read = load_schema(store)
    update_label(store, "PLACE", Label("SITE", "#123456", "2"))  # another window
    edits = [LabelEdit(label.name, label) for label in read if label.name != "ACTOR"]
    with pytest.raises(SchemaError, match="changed elsewhere"):
        apply_schema(store, edits, expect=read)
    assert load_schema(store).names() == ["ACTOR", "SITE", "EVENT", "FIGURE"]
    assert label_usage(store)["ACTOR"] == 1


def test_spans_cannot_be_given_back_without_their_label(store: Store) -> None:
    doc = _document(store)
    add_span(store, doc, "ana", 0, 7, "ACTOR")
    change = delete_label(store, "ACTOR")
    kept = [LabelEdit(label.name, label) for label in change.schema]
    with pytest.raises(SchemaError, match="cannot give back spans of ACTOR"):
        apply_schema(store, kept, restore=change.removed)
    assert spans_of(store, doc, "ana") == []


def test_a_deleted_labels_spans_come_back_with_their_comments(store: Store) -> None:
    doc = _document(store)
    span = add_span(store, doc, "ana", 26, 43, "EVENT")
    set_span_comment(store, span.id, "unsure")
    before = load_schema(store)
    edits = [LabelEdit(label.name, label) for label in before if label.name != "EVENT"]
    change = apply_schema(store, edits, expect=before)
    assert spans_of(store, doc, "ana") == []
    apply_schema(store, reverse_edits(before, edits), restore=change.removed, expect=change.schema)
    assert [(s.start, s.end, s.label, s.comment) for s in spans_of(store, doc, "ana")] == [
        (26, 43, "EVENT", "unsure")
    ]
