"""Prodigy JSONL (db-out's shape) on the Unicode corpus: tokens, spans with token indexes,
relations by head/child tokens and by head_span/child_span, answers, annotators."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from reader_support import assert_is, problems, records
from unicode_corpus import CORPUS, Doc, token_index, tokens

from annotator.formats.readers import read_file


def prodigy_task(doc: Doc, *, spans_named: bool = True, **extra: Any) -> dict[str, Any]:
    """A task as Prodigy's rel.manual saves it."""
    text = doc.text
    spans = [
        {
            "text": text[s:e],
            "start": s,
            "end": e,
            "token_start": token_index(text, s),
            "token_end": token_index(text, e, end=True),
            "type": "span",
            "label": label,
        }
        for s, e, label in doc.spans
    ]
    relations = []
    for head, child, label in doc.relations:
        relation: dict[str, Any] = {
            "head": spans[head]["token_end"],
            "child": spans[child]["token_end"],
            "label": label,
        }
        if spans_named:
            relation["head_span"] = spans[head]
            relation["child_span"] = spans[child]
        relations.append(relation)
    return {
        "text": text,
        "_input_hash": hash(text) % 1000,
        "_task_hash": 17,
        "tokens": [
            {"text": text[s:e], "start": s, "end": e, "id": i, "ws": text[e : e + 1] == " "}
            for i, (s, e) in enumerate(tokens(text))
        ],
        "spans": spans,
        "relations": relations,
        "_view_id": "relations",
        "answer": "accept",
        "_timestamp": 1700000000,
        "_annotator_id": "news-ana",
        "_session_id": "news-ana",
        "meta": {"source": "wire"},
        **extra,
    }


def write(tmp_path: Path, tasks: list[dict[str, Any]]) -> Path:
    path = tmp_path / "prodigy.jsonl"
    path.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in tasks), "utf-8")
    return path


@pytest.mark.parametrize("fmt", ["prodigy", "auto"])
def test_accepted_tasks_read_the_corpus_exactly(tmp_path: Path, fmt: str) -> None:
    path = write(tmp_path, [prodigy_task(doc) for doc in CORPUS])
    for record, doc in zip(records(read_file(path, fmt)), CORPUS, strict=True):
        assert_is(record, doc)
        assert record.annotator == "news-ana"
        assert record.meta == {"source": "wire"}
        assert [s.text for s in record.spans or []] == [doc.text[s:e] for s, e, _ in doc.spans]


def test_relations_without_head_span_find_the_one_span_covering_the_token(
    tmp_path: Path,
) -> None:
    # "scripts" has no nesting, so each relation's token is in exactly one span.
    doc = CORPUS[2]
    [record] = records(
        read_file(write(tmp_path, [prodigy_task(doc, spans_named=False)]), "prodigy")
    )
    assert_is(record, doc)


def test_a_token_in_two_nested_spans_without_head_span_is_refused(tmp_path: Path) -> None:
    # "emoji": the location relation's child is "Kabul", inside "🇦🇫 Kabul" too.
    path = write(tmp_path, [prodigy_task(CORPUS[0], spans_named=False)])
    assert problems(read_file(path, "prodigy")) == [
        f"{path}:1: relation 2: its child (token 1) is in 2 spans; Annotator's relations link spans"
    ]


@pytest.mark.parametrize("answer", ["reject", "ignore"])
def test_rejected_and_ignored_tasks_import_their_text_alone(tmp_path: Path, answer: str) -> None:
    [record] = records(
        read_file(write(tmp_path, [prodigy_task(CORPUS[1], answer=answer)]), "prodigy")
    )
    assert (record.text, record.spans, record.annotator, record.relations) == (
        CORPUS[1].text,
        None,
        None,
        None,
    )


def test_the_session_names_the_annotator_when_no_annotator_id(tmp_path: Path) -> None:
    task = prodigy_task(CORPUS[2])
    del task["_annotator_id"]
    task["_session_id"] = "2024-05-01_10-00-00"
    [record] = records(read_file(write(tmp_path, [task]), "prodigy"))
    assert record.annotator == "2024-05-01_10-00-00"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"answer": "maybe"}, "answer must be one of accept, reject, ignore, not 'maybe'"),
        ({"spans": [{"start": 0, "label": "PLACE"}]}, "span 1 needs start, end and label"),
        ({"relations": [{"head": 0, "label": "agent"}]}, "relation 1 needs head, child and label"),
        (
            {"relations": [{"head": 0, "child": 99, "label": "agent"}]},
            "relation 1: its child (token 99) is in no span; Annotator's relations link spans",
        ),
    ],
)
def test_bad_tasks_are_refused_at_their_line(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    path = write(tmp_path, [prodigy_task(CORPUS[2]), prodigy_task(CORPUS[2], **change)])
    assert problems(read_file(path, "prodigy")) == [f"{path}:2: {message}"]
