"""doccano's two JSONL shapes, read into native records."""

from __future__ import annotations

import pytest

from annotator.formats.doccano import is_doccano, record_from_doccano
from annotator.schemas import DocumentRecord, SpanRecord


def test_the_label_list_shape() -> None:
    value = {"id": 7, "text": "Kabul, Herat", "label": [[0, 5, "PLACE"], [7, 12, "PLACE"]]}
    assert is_doccano(value)
    record = record_from_doccano(value)
    assert isinstance(record, DocumentRecord)
    assert record.id == "7"
    assert record.spans == [
        SpanRecord(start=0, end=5, label="PLACE"),
        SpanRecord(start=7, end=12, label="PLACE"),
    ]
    assert record.annotator is None


def test_the_entities_shape_with_relations_and_comments() -> None:
    value = {
        "id": 3,
        "text": "Kabul",
        "entities": [{"id": 11, "start_offset": 0, "end_offset": 5, "label": "PLACE"}],
        "relations": [],
        "Comments": ["checked"],
    }
    assert is_doccano(value)
    record = record_from_doccano(value)
    assert isinstance(record, DocumentRecord)
    assert record.spans == [SpanRecord(start=0, end=5, label="PLACE")]
    assert record.meta == {"Comments": ["checked"]}


def test_an_empty_label_list_is_an_empty_annotation() -> None:
    record = record_from_doccano({"text": "nothing", "label": []})
    assert isinstance(record, DocumentRecord)
    assert record.spans == []
    assert record.id  # derived from the text


def test_old_doccano_data_key_is_the_text() -> None:
    record = record_from_doccano({"id": 1, "data": "old", "label": [[0, 3, "ACTOR"]]})
    assert isinstance(record, DocumentRecord)
    assert record.text == "old"


def test_native_records_are_not_doccano() -> None:
    assert not is_doccano({"text": "t", "spans": []})
    assert not is_doccano({"text": "t"})
    assert not is_doccano({"text": "t", "label": "PLACE"})
    assert not is_doccano([1])


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ({"text": "t", "label": [[0, 1]]}, "label 1 must be [start, end, label], not [0, 1]"),
        (
            {"text": "t", "label": [[[[[[[[[0]]]]]]]]]},
            "label 1 must be [start, end, label], not [[[[[[[...]]]]]]]",
        ),
        ({"text": "t", "label": [["x" * 10_000]]}, "not ['xxxxxxxxxxxx...xxxxxxxxxxxxx']"),
        ({"text": "t", "label": "x"}, "label must be a list"),
        ({"text": "t", "entities": [{"start_offset": 0}]}, "entity 1 needs start_offset"),
        ({"text": "t", "entities": 3}, "entities must be a list"),
        ({"text": "t"}, "needs 'label' or 'entities'"),
        ({"label": [[0, 1, "A"]]}, "text: is missing"),
        ("text", "a record must be a JSON object"),
        (
            {"text": "t", "label": [], "Comments": [], "meta": 5},
            "meta: must be a JSON object, not a number",
        ),
        (
            {"text": "t", "label": [], "Comments": ["a"], "meta": {"Comments": ["b"]}},
            "'Comments' is both a key of the record and a key of its meta",
        ),
    ],
)
def test_malformed_doccano_records_are_described(value: object, fragment: str) -> None:
    result = record_from_doccano(value)
    assert isinstance(result, str)
    assert fragment in result
