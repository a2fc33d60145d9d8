"""Native JSONL records: what a line may hold and how a record is written back."""

from __future__ import annotations

import io
import json

import pytest

from annotator.core.records import ExportRecord
from annotator.formats.native import (
    FIELDS,
    derived_id,
    record_from_json,
    record_to_json,
    write_records,
)
from annotator.schemas import DocumentRecord, SpanRecord


def test_a_full_record() -> None:
    record = record_from_json(
        {
            "id": "a1",
            "text": "Kabul",
            "spans": [{"start": 0, "end": 5, "label": "PLACE", "text": "Kabul"}],
            "meta": {"source": "x"},
            "annotator": "ana",
            "status": "in_progress",
        }
    )
    assert isinstance(record, DocumentRecord)
    assert record.id == "a1"
    assert record.spans == [SpanRecord(start=0, end=5, label="PLACE", text="Kabul")]
    assert (record.annotator, record.status, record.meta) == ("ana", "in_progress", {"source": "x"})


def test_an_integer_id_becomes_a_string() -> None:
    record = record_from_json({"id": 42, "text": "t"})
    assert isinstance(record, DocumentRecord)
    assert record.id == "42"


def test_a_missing_id_is_derived_from_the_text() -> None:
    first = record_from_json({"text": "same text"})
    second = record_from_json({"text": "same text"})
    other = record_from_json({"text": "other text"})
    assert isinstance(first, DocumentRecord)
    assert isinstance(second, DocumentRecord)
    assert isinstance(other, DocumentRecord)
    assert first.id == second.id == derived_id("same text")
    assert first.id != other.id
    assert len(first.id) == 16


def test_no_spans_key_means_no_annotation_and_an_empty_list_is_kept() -> None:
    none = record_from_json({"id": "x", "text": "t"})
    empty = record_from_json({"id": "x", "text": "t", "spans": []})
    assert isinstance(none, DocumentRecord)
    assert isinstance(empty, DocumentRecord)
    assert none.spans is None
    assert empty.spans == []


def test_unknown_keys_are_kept_in_meta() -> None:
    record = record_from_json({"id": "x", "text": "t", "source": "s", "meta": {"a": 1}})
    assert isinstance(record, DocumentRecord)
    assert record.meta == {"source": "s", "a": 1}


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ([1, 2], "a record must be a JSON object, not list"),
        ({"id": "x"}, "text: is missing"),
        ({"id": "x", "text": 5}, "text: must be a string, not a number"),
        ({"id": True, "text": "t"}, "id: must be a string, not true/false"),
        ({"id": 1.5, "text": "t"}, "id: must be a string, not a number"),
        (
            {"id": "x", "text": "t", "spans": [{"start": 0, "label": "A"}]},
            "spans.0.end: is missing",
        ),
        ({"id": "x", "text": "t", "spans": [{"start": "0", "end": 1, "label": "A"}]}, "start"),
        ({"id": "x", "text": "t", "spans": [{"start": 0, "end": 1, "label": "A", "x": 1}]}, "x"),
        ({"id": "x", "text": "t", "status": "finished"}, "status"),
        ({"id": "x", "text": "t", "spans": {}}, "spans"),
        ({"id": "x", "text": "t", "meta": 5}, "meta: must be a JSON object, not a number"),
        ({"id": "x", "text": "t", "meta": 5, "k": 1}, "meta: must be a JSON object, not a number"),
        ({"id": "x", "text": "t", "meta": None, "k": 1}, "meta: must be a JSON object, not null"),
        ({"id": "x", "text": "t", "meta": {"k": 1}, "k": 2}, "'k' is both a key of the record"),
    ],
)
def test_malformed_records_are_described(value: object, fragment: str) -> None:
    result = record_from_json(value)
    assert isinstance(result, str)
    assert fragment in result


def test_records_are_written_as_utf8_jsonl_with_span_texts() -> None:
    text = "Kabul\r\n😀\u00a0"
    records = [
        ExportRecord("1", text, {}, annotator="ana", status="done", spans=[(0, 5, "PLACE")]),
        ExportRecord("2", "bare", {"k": "v"}),
    ]
    out = io.StringIO()
    assert write_records(records, out) == 2
    lines = out.getvalue().split("\n")
    assert lines[-1] == ""
    assert "😀" in lines[0]  # not \ud83d escapes
    assert json.loads(lines[0]) == {
        "id": "1",
        "text": text,
        "annotator": "ana",
        "status": "done",
        "spans": [{"start": 0, "end": 5, "label": "PLACE", "text": "Kabul"}],
    }
    assert json.loads(lines[1]) == {"id": "2", "text": "bare", "meta": {"k": "v"}}
    assert record_to_json(records[1]) == {"id": "2", "text": "bare", "meta": {"k": "v"}}


def test_the_fields_written_out_are_the_records_fields() -> None:
    assert frozenset(DocumentRecord.model_fields) == FIELDS
