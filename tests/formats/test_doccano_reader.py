"""doccano JSONL on the Unicode corpus: both shapes, relations by entity id, exact offsets."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from reader_support import assert_is, problems, records
from unicode_corpus import CORPUS

from annotator.formats.readers import read_file


def doccano_line(doc_index: int) -> dict[str, Any]:
    doc = CORPUS[doc_index]
    entities = [
        {"id": 100 + i, "label": label, "start_offset": s, "end_offset": e}
        for i, (s, e, label) in enumerate(doc.spans)
    ]
    relations = [
        {"id": 7 + i, "from_id": 100 + s, "to_id": 100 + t, "type": label}
        for i, (s, t, label) in enumerate(doc.relations)
    ]
    return {"id": doc_index, "text": doc.text, "entities": entities, "relations": relations}


def write(tmp_path: Path, lines: list[object]) -> Path:
    path = tmp_path / "doccano.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    return path


@pytest.mark.parametrize("fmt", ["doccano", "auto"])
def test_the_entities_shape_with_relations_reads_the_corpus_exactly(
    tmp_path: Path, fmt: str
) -> None:
    path = write(tmp_path, [doccano_line(i) for i in range(len(CORPUS))])
    read = records(read_file(path, fmt))
    for index, (record, doc) in enumerate(zip(read, CORPUS, strict=True)):
        assert record.id == str(index)
        assert_is(record, doc)


def test_the_label_list_shape_reads_the_corpus_exactly(tmp_path: Path) -> None:
    lines = [
        {"text": doc.text, "label": [[s, e, label] for s, e, label in doc.spans]} for doc in CORPUS
    ]
    for record, doc in zip(
        records(read_file(write(tmp_path, lines), "doccano")), CORPUS, strict=True
    ):
        assert_is(record, doc, relations=False)
        assert record.relations is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda v: v["relations"].append(
                {"id": 1, "from_id": 100, "to_id": 999, "type": "agent"}
            ),
            "relation 3: to_id 999 is no entity's id",
        ),
        (lambda v: v["relations"].append({"id": 1, "from_id": 100}), "relation 3 needs from_id"),
        (
            lambda v: v["entities"].append(dict(v["entities"][0])),
            "entities 1 and 6 have the same id 100",
        ),
        (lambda v: v.update(relations={"a": 1}), "relations must be a list"),
    ],
)
def test_bad_relations_are_refused_at_their_line(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], message: str
) -> None:
    bad = doccano_line(0)
    change(bad)
    path = write(tmp_path, [doccano_line(1), bad])
    [problem] = problems(read_file(path, "doccano"))
    assert problem.startswith(f"{path}:2: {message}")


def test_relations_in_the_label_list_shape_are_refused(tmp_path: Path) -> None:
    line = {"text": "Kabul", "label": [[0, 5, "PLACE"]], "relations": [{"from_id": 1}]}
    [problem] = problems(read_file(write(tmp_path, [line]), "doccano"))
    assert problem.endswith(
        ":1: relations need the 'entities' shape, whose entities have ids to link"
    )
