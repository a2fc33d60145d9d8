"""Importing into the store: all or nothing, idempotent, and every rule checked before commit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from annotator.formats.native import derived_id, record_to_json
from annotator.schemas import DocumentRecord, Located
from annotator.store.annotations import set_status_of, spans_of
from annotator.store.documents import find_document
from annotator.store.exporter import export_records
from annotator.store.importer import ImportRefused, ImportReport, import_records
from annotator.store.models import AnnotationSet, Document, Person, Span
from annotator.store.store import Store

Snapshot = dict[str, list[tuple[Any, ...]]]
WriteJsonl = Callable[..., Path]
ImportFile = Callable[..., ImportReport]

CORPUS: list[dict[str, Any]] = [
    {
        "id": "a",
        "text": "Taliban fighters entered Kabul.",
        "annotator": "ana",
        "status": "done",
        "spans": [
            {"start": 0, "end": 16, "label": "ACTOR", "text": "Taliban fighters"},
            {"start": 0, "end": 7, "label": "ACTOR"},
            {"start": 25, "end": 30, "label": "PLACE"},
        ],
    },
    {"id": "a", "text": "Taliban fighters entered Kabul.", "annotator": "bo", "spans": []},
    {"id": "b", "text": "No annotation here.", "meta": {"source": "x"}},
    {
        "id": "c",
        "text": "Spans without a name.",
        "spans": [{"start": 0, "end": 5, "label": "EVENT"}],
    },
    {"id": "d", "text": "Half done", "annotator": "ana", "status": "in_progress", "spans": []},
]


def nested(depth: int) -> list[Any]:
    """A list ``depth`` levels deep."""
    value: list[Any] = []
    for _ in range(depth - 1):
        value = [value]
    return value


def count(store: Store, model: type) -> int:
    with store.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_import_stores_documents_sets_and_spans(
    store: Store, write_jsonl: WriteJsonl, import_file: ImportFile
) -> None:
    report = import_file(store, write_jsonl(CORPUS), annotator="imported")
    assert report.documents_added == 4
    assert (report.sets_added, report.spans_added, report.spans_known) == (4, 4, 0)
    a = find_document(store, "a")
    assert a is not None
    assert [(s.start, s.end, s.label) for s in spans_of(store, a, "ana")] == [
        (0, 7, "ACTOR"),
        (0, 16, "ACTOR"),
        (25, 30, "PLACE"),
    ]
    assert set_status_of(store, a, "ana") == "done"
    # "spans": [] is an annotation that found nothing; a status defaults to done.
    assert spans_of(store, a, "bo") == []
    assert set_status_of(store, a, "bo") == "done"
    # No "spans": no annotation at all.
    b = find_document(store, "b")
    assert b is not None
    with store.reading() as session:
        sets_of_b = session.scalar(
            select(func.count()).select_from(AnnotationSet).where(AnnotationSet.document_id == b)
        )
    assert sets_of_b == 0
    # Spans with no annotator belong to the import's default annotator.
    c = find_document(store, "c")
    assert c is not None
    assert [(s.start, s.end, s.label) for s in spans_of(store, c, "imported")] == [(0, 5, "EVENT")]
    d = find_document(store, "d")
    assert d is not None
    assert set_status_of(store, d, "ana") == "in_progress"
    with store.reading() as session:
        people = session.execute(select(Person.name, Person.role).order_by(Person.name)).all()
    assert [tuple(p) for p in people] == [
        ("ana", "annotator"),
        ("bo", "annotator"),
        ("imported", "annotator"),
    ]


def test_the_default_annotator_can_be_named(
    store: Store, write_jsonl: WriteJsonl, import_file: ImportFile
) -> None:
    import_file(store, write_jsonl(CORPUS), annotator="model-v2")
    c = find_document(store, "c")
    assert c is not None
    assert len(spans_of(store, c, "model-v2")) == 1
    assert spans_of(store, c, "imported") == []


def test_importing_the_same_file_twice_leaves_the_database_identical(
    store: Store,
    write_jsonl: WriteJsonl,
    import_file: ImportFile,
    snapshot: Callable[[Store], Snapshot],
) -> None:
    path = write_jsonl(CORPUS)
    import_file(store, path)
    before = snapshot(store)
    report = import_file(store, path)
    assert (report.documents_added, report.sets_added, report.spans_added) == (0, 0, 0)
    assert (report.documents_known, report.spans_known) == (4, 4)
    assert snapshot(store) == before


def test_a_new_status_on_reimport_updates_the_set(
    store: Store, write_jsonl: WriteJsonl, import_file: ImportFile
) -> None:
    import_file(store, write_jsonl(CORPUS))
    again = [{"id": "d", "text": "Half done", "annotator": "ana", "status": "done", "spans": []}]
    import_file(store, write_jsonl(again, "again.jsonl"))
    d = find_document(store, "d")
    assert d is not None
    assert set_status_of(store, d, "ana") == "done"


def test_new_spans_are_added_to_an_existing_set(
    store: Store, write_jsonl: WriteJsonl, import_file: ImportFile
) -> None:
    import_file(store, write_jsonl(CORPUS))
    more = dict(CORPUS[0])
    more["spans"] = [*CORPUS[0]["spans"], {"start": 17, "end": 24, "label": "EVENT"}]
    report = import_file(store, write_jsonl([more], "more.jsonl"))
    assert (report.spans_added, report.spans_known) == (1, 3)
    a = find_document(store, "a")
    assert a is not None
    assert len(spans_of(store, a, "ana")) == 4


def test_same_id_with_another_text_is_refused(
    store: Store,
    write_jsonl: WriteJsonl,
    import_file: ImportFile,
    snapshot: Callable[[Store], Snapshot],
) -> None:
    import_file(store, write_jsonl(CORPUS))
    before = snapshot(store)
    changed = [{"id": "new", "text": "fine"}, {"id": "b", "text": "No annotation here!"}]
    path = write_jsonl(changed, "changed.jsonl")
    with pytest.raises(ImportRefused) as refused:
        import_file(store, path)
    assert [str(p) for p in refused.value.problems] == [
        f"{path}:2: document 'b' is already stored with a different text"
    ]
    assert snapshot(store) == before


def test_same_id_with_another_text_within_one_import_is_refused(
    store: Store, write_jsonl: WriteJsonl, import_file: ImportFile
) -> None:
    path = write_jsonl([{"id": "x", "text": "one"}, {"id": "x", "text": "two"}])
    with pytest.raises(ImportRefused) as refused:
        import_file(store, path)
    assert [str(p) for p in refused.value.problems] == [
        f"{path}:2: document 'x' has another text at {path}:1"
    ]
    assert count(store, Document) == 0


def test_a_bad_line_after_several_batches_refuses_everything(
    store: Store,
    write_jsonl: WriteJsonl,
    import_file: ImportFile,
    snapshot: Callable[[Store], Snapshot],
) -> None:
    import_file(store, write_jsonl(CORPUS, "first.jsonl"))
    before = snapshot(store)
    good = [
        {"id": f"g{n}", "text": f"good {n}", "spans": [{"start": 0, "end": 4, "label": "ACTOR"}]}
        for n in range(1250)
    ]
    bad = {"id": "bad", "text": "abc", "spans": [{"start": 1, "end": 9, "label": "ACTOR"}]}
    path = write_jsonl([*good, bad])
    with pytest.raises(ImportRefused) as refused:
        import_file(store, path, batch_size=500)
    assert [str(p) for p in refused.value.problems] == [
        f"{path}:1251: span 1..9 is outside the text (3 characters)"
    ]
    assert snapshot(store) == before


def test_annotator_or_status_without_spans_is_refused(
    store: Store, write_jsonl: WriteJsonl, import_file: ImportFile
) -> None:
    path = write_jsonl([{"id": "x", "text": "abc", "annotator": "ana"}])
    with pytest.raises(ImportRefused) as refused:
        import_file(store, path)
    assert "no spans" in refused.value.problems[0].message


def test_one_person_annotating_a_document_twice_in_one_import_is_refused(
    store: Store, write_jsonl: WriteJsonl, import_file: ImportFile
) -> None:
    record = {"id": "x", "text": "abc", "annotator": "ana", "spans": []}
    path = write_jsonl([record, record])
    with pytest.raises(ImportRefused) as refused:
        import_file(store, path)
    assert [str(p) for p in refused.value.problems] == [
        f"{path}:2: 'ana' annotated 'x' already, at {path}:1"
    ]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("nul \x00 here", "NUL character (U+0000)"),
        ("lone \ud800 surrogate", "unpaired surrogate at character 5"),
        ("\udfff", "unpaired surrogate at character 0"),
    ],
)
def test_texts_that_cannot_be_stored_are_refused_with_a_message(
    store: Store, text: str, fragment: str
) -> None:
    items = [Located("in.jsonl", 1, DocumentRecord(id="ok", text="fine"))]
    items.append(Located("in.jsonl", 2, DocumentRecord(id="x", text=text)))
    with pytest.raises(ImportRefused) as refused:
        import_records(store, items)
    assert len(refused.value.problems) == 1
    assert str(refused.value.problems[0]).startswith("in.jsonl:2: ")
    assert fragment in refused.value.problems[0].message
    assert count(store, Document) == 0


def test_nul_and_surrogates_in_a_jsonl_file_are_refused(
    store: Store, write_jsonl: WriteJsonl, import_file: ImportFile
) -> None:
    path = write_jsonl(['{"id": "n", "text": "a\\u0000b"}', '{"id": "s", "text": "a\\ud800b"}'])
    with pytest.raises(ImportRefused) as refused:
        import_file(store, path)
    assert [p.line for p in refused.value.problems] == [1, 2]
    assert count(store, Document) == 0


def test_a_record_without_id_gets_one_derived_from_its_text(
    store: Store, write_jsonl: WriteJsonl, import_file: ImportFile
) -> None:
    path = write_jsonl([{"text": "first text"}, {"text": "second text"}])
    import_file(store, path)
    report = import_file(store, path)
    assert report.documents_added == 0
    with store.reading() as session:
        ids = set(session.scalars(select(Document.external_id)))
    assert ids == {derived_id("first text"), derived_id("second text")}
    assert all(ident for ident in ids)


def test_spans_counted_per_set(
    store: Store, write_jsonl: WriteJsonl, import_file: ImportFile
) -> None:
    import_file(store, write_jsonl(CORPUS))
    assert count(store, Span) == 4
    assert count(store, AnnotationSet) == 4


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"id": "a\x00b"}, "id holds a NUL character (U+0000), which cannot be stored"),
        ({"id": "a\udc00"}, "id holds an unpaired surrogate at character 1"),
        ({"id": "x" * 513}, "id must be 1 to 512 characters long"),
        (
            {"annotator": "n" * 201, "spans": []},
            "annotator name must be at most 200 characters",
        ),
        (
            {"annotator": "a\x00", "spans": []},
            "annotator holds a NUL character (U+0000), which cannot be stored",
        ),
        ({"meta": {"k": "\ud800"}}, "meta holds an unpaired surrogate, which cannot be stored"),
        (
            {"meta": {"k": float("nan")}},
            "meta holds nan, which is not a finite number (JSON has no NaN or Infinity)",
        ),
        (
            {"meta": {"k": [1.5, float("-inf")]}},
            "meta holds -inf, which is not a finite number (JSON has no NaN or Infinity)",
        ),
        ({"meta": {"k": nested(101)}}, "meta nests deeper than 100 levels"),
        ({"meta": {"k": nested(100_000)}}, "meta nests deeper than 100 levels"),
    ],
)
def test_ids_names_and_meta_every_database_cannot_store_are_refused(
    store: Store,
    snapshot: Callable[[Store], Snapshot],
    fields: dict[str, Any],
    message: str,
) -> None:
    """Refused up front on both backends, not by PostgreSQL halfway with a traceback."""
    before = snapshot(store)
    record = DocumentRecord(**{"id": "x", "text": "abc", **fields})
    items = [Located("in.jsonl", 1, DocumentRecord(id="ok", text="fine"))]
    items.append(Located("in.jsonl", 2, record))
    with pytest.raises(ImportRefused) as refused:
        import_records(store, items)
    assert [str(p) for p in refused.value.problems] == [f"in.jsonl:2: {message}"]
    assert snapshot(store) == before


def test_meta_nested_as_deep_as_allowed_is_stored_and_read_back(store: Store) -> None:
    """100 levels (the meta object and 99 lists in it) is the most a meta may nest."""
    meta = {"k": nested(99), "x": 1e308}
    import_records(store, [Located("in.jsonl", 1, DocumentRecord(id="d", text="t", meta=meta))])
    [record] = export_records(store)
    assert record.meta == meta


@pytest.mark.parametrize("in_child", [False, True], ids=["one process", "read in a child"])
def test_repeats_across_batches_are_found_and_every_problem_is_in_line_order(
    store: Store, write_jsonl: WriteJsonl, import_file: ImportFile, in_child: bool
) -> None:
    """The import remembers what it met in the database (store/import_seen.py), a batch at a
    time; a record's own problems come before its clashes with earlier records; the same when
    a child process reads and checks the records (store/child_process.py)."""
    span = {"start": 0, "end": 3, "label": "ACTOR"}
    records = [
        {"id": "x", "text": "one", "annotator": "ana", "spans": [span]},
        {"id": "y", "text": "two", "spans": [{"start": 2, "end": 9, "label": "ACTOR"}]},
        {"id": "z", "text": "six", "annotator": "ana", "spans": []},
        {"id": "x", "text": "ONE", "annotator": "b" * 201, "spans": []},
        {"id": "x", "text": "one", "annotator": "ana", "spans": [span, span]},
        {"id": "z", "text": "six", "annotator": "ana", "spans": [{**span, "end": 0}]},
    ]
    path = write_jsonl(records)
    with pytest.raises(ImportRefused) as refused:
        import_file(store, path, batch_size=2, in_child=in_child)
    assert [str(p) for p in refused.value.problems] == [
        f"{path}:2: span 2..9 is outside the text (3 characters)",
        f"{path}:4: annotator name must be at most 200 characters",
        f"{path}:4: document 'x' has another text at {path}:1",
        f"{path}:5: 'ana' annotated 'x' already, at {path}:1",
        f"{path}:5: span 0..3 ACTOR is there twice",
        f"{path}:6: 'ana' annotated 'z' already, at {path}:3",
        f"{path}:6: span 0..0 is empty or reversed (end must be greater than start)",
    ]
    assert count(store, Document) == 0


def test_an_import_read_in_a_child_process_stores_what_one_process_stores(
    db_url: str, tmp_path: Path, write_jsonl: WriteJsonl, import_file: ImportFile
) -> None:
    """Same documents, sets, spans and report, over several batches, a second import of the
    same file included (everything known)."""
    records = [
        {
            "id": f"d{n}",
            "text": f"👩\u200d💻 Kabul\r\nreport {n}",
            "annotator": ["ana", "ben"][n % 2],
            "status": ["done", "in_progress"][n % 3 % 2],
            "meta": {"n": n, "ä": [n, None]},
            "spans": [{"start": 3, "end": 8, "label": "PLACE"}] if n % 5 else [],
        }
        for n in range(23)
    ]
    path = write_jsonl(records)
    exported = []
    for in_child in (False, True):
        url = db_url if in_child else f"sqlite:///{tmp_path / 'one.sqlite'}"
        with Store.open(url) as store:
            first = import_file(store, path, batch_size=4, in_child=in_child)
            again = import_file(store, path, batch_size=4, in_child=in_child)
            exported.append((first, again, [record_to_json(r) for r in export_records(store)]))
    assert exported[0] == exported[1]
    assert (exported[1][1].documents_known, exported[1][1].spans_known) == (23, 18)
