"""Exporting the corpus: one record per (document, set), spans sorted and quoted."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import annotator.store.decision_log as decision_log
from annotator.core.spans import Span
from annotator.formats.native import write_records
from annotator.schemas import DocumentRecord, Located
from annotator.store.adjudication import decide
from annotator.store.documents import find_document
from annotator.store.exporter import export_records
from annotator.store.importer import ImportReport, import_records
from annotator.store.store import Store

WriteJsonl = Callable[..., Path]
ImportFile = Callable[..., ImportReport]

TEXT = "Kabul\r\n👩\u200d💻 Herat"
assert TEXT[11:16] == "Herat"
RECORDS: list[dict[str, Any]] = [
    {
        "id": "1",
        "text": TEXT,
        "annotator": "zed",
        "status": "in_progress",
        "spans": [
            {"start": 11, "end": 16, "label": "PLACE"},
            {"start": 0, "end": 5, "label": "PLACE"},
            {"start": 0, "end": 5, "label": "ACTOR"},
            {"start": 0, "end": 16, "label": "EVENT"},
        ],
    },
    {"id": "1", "text": TEXT, "annotator": "ana", "status": "done", "spans": []},
    {"id": "2", "text": "no sets", "meta": {"k": [1, 2]}},
    {
        "id": "3",
        "text": "only zed",
        "annotator": "zed",
        "spans": [{"start": 0, "end": 4, "label": "FIGURE"}],
    },
]


def exported(store: Store, person: str | None = None) -> list[dict[str, Any]]:
    out = io.StringIO()
    write_records(export_records(store, person), out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_export_writes_one_line_per_document_and_set(
    store: Store, write_jsonl: WriteJsonl, import_file: ImportFile
) -> None:
    import_file(store, write_jsonl(RECORDS))
    assert exported(store) == [
        {"id": "1", "text": TEXT, "annotator": "ana", "status": "done", "spans": []},
        {
            "id": "1",
            "text": TEXT,
            "annotator": "zed",
            "status": "in_progress",
            "spans": [
                {"start": 0, "end": 5, "label": "ACTOR", "text": "Kabul"},
                {"start": 0, "end": 5, "label": "PLACE", "text": "Kabul"},
                {"start": 0, "end": 16, "label": "EVENT", "text": TEXT},
                {"start": 11, "end": 16, "label": "PLACE", "text": "Herat"},
            ],
        },
        {"id": "2", "text": "no sets", "meta": {"k": [1, 2]}},
        {
            "id": "3",
            "text": "only zed",
            "annotator": "zed",
            "status": "done",
            "spans": [{"start": 0, "end": 4, "label": "FIGURE", "text": "only"}],
        },
    ]


def test_export_of_one_person_has_only_their_sets(
    store: Store, write_jsonl: WriteJsonl, import_file: ImportFile
) -> None:
    import_file(store, write_jsonl(RECORDS))
    assert [(r["id"], r["annotator"], len(r["spans"])) for r in exported(store, "zed")] == [
        ("1", "zed", 4),
        ("3", "zed", 1),
    ]
    assert [(r["id"], r["annotator"]) for r in exported(store, "ana")] == [("1", "ana")]
    assert exported(store, "nobody") == []


def test_export_pages_through_more_documents_than_one_page(
    store: Store, write_jsonl: WriteJsonl, import_file: ImportFile
) -> None:
    from annotator.store import exporter

    many = [
        {"id": f"d{n:04}", "text": f"text {n}", "spans": [{"start": 0, "end": 4, "label": "ACTOR"}]}
        for n in range(exporter.PAGE * 2 + 7)
    ]
    import_file(store, write_jsonl(many))
    records = exported(store)
    assert [r["id"] for r in records] == [m["id"] for m in many]
    assert all(
        r["spans"] == [{"start": 0, "end": 4, "label": "ACTOR", "text": "text"}] for r in records
    )
    assert len(exported(store, "imported")) == len(many)


def test_the_decision_log_is_read_in_pages_oldest_first(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "👩\u200d💻 Kabul, Herat, Balkh, Kunduz and Ghazni."
    import_records(store, [Located("t", 1, DocumentRecord(id="d", text=text))])
    document = find_document(store, "d")
    assert document is not None
    words = ["Ghazni", "Kabul", "Kunduz", "Herat", "Balkh"]  # decided in this order
    for word in words:
        start = text.index(word)
        decide(store, document, "rita", "accept", Span(start, start + len(word), "PLACE"))
    monkeypatch.setattr(decision_log, "PAGE", 2)  # three pages of two, two and one
    log = list(decision_log.export_decisions(store))
    assert [record.span.text for record in log] == words
    assert {(record.document, record.who, record.action) for record in log} == {
        ("d", "rita", "accept")
    }
