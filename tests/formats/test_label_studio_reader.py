"""Label Studio's JSON export on the Unicode corpus: a task per document, an annotation per
person, labels and relation results, code point offsets (and UTF-16 ones of old exports)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from reader_support import assert_is, problems, records
from unicode_corpus import CORPUS, Doc

from annotator.formats.readers import read_file
from annotator.schemas import Located


def utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def annotation(doc: Doc, completed_by: Any, *, old: bool = False) -> dict[str, Any]:
    """An annotation as Label Studio exports it; ``old``: offsets in UTF-16 units, as Label
    Studio wrote them before it counted code points."""
    result: list[dict[str, Any]] = []
    for i, (s, e, label) in enumerate(doc.spans):
        start, end = (utf16(doc.text, s), utf16(doc.text, e)) if old else (s, e)
        result.append(
            {
                "value": {"start": start, "end": end, "text": doc.text[s:e], "labels": [label]},
                "id": f"r{i}",
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "origin": "manual",
            }
        )
    for head, child, label in doc.relations:
        result.append(
            {
                "from_id": f"r{head}",
                "to_id": f"r{child}",
                "type": "relation",
                "direction": "right",
                "labels": [label],
            }
        )
    result.append({"id": "c", "type": "choices", "value": {"choices": ["news"]}})
    return {"id": 5, "completed_by": completed_by, "result": result, "was_cancelled": False}


def task(number: int, doc: Doc, annotations: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": number,
        "data": {"text": doc.text, "source": "wire"},
        "annotations": annotations,
        "predictions": [],
        "created_at": "2024-05-01T10:00:00.000000Z",
        "inner_id": number,
    }


def write(tmp_path: Path, tasks: list[Any]) -> Path:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=2), "utf-8")
    return path


def task_lines(path: Path) -> list[int]:
    """The lines where the tasks of a file :func:`write` wrote start."""
    lines = path.read_text("utf-8").split("\n")
    return [number for number, line in enumerate(lines, start=1) if line == "  {"]


def test_each_annotation_of_each_task_is_one_record_exactly(tmp_path: Path) -> None:
    tasks = [
        task(10 + i, doc, [annotation(doc, 1), annotation(doc, {"id": 2, "email": "ben@x.org"})])
        for i, doc in enumerate(CORPUS)
    ]
    read = records(read_file(write(tmp_path, tasks), "label-studio"))
    assert len(read) == 2 * len(CORPUS)
    for index, doc in enumerate(CORPUS):
        ana, ben = read[2 * index], read[2 * index + 1]
        for record in (ana, ben):
            assert record.id == str(10 + index)
            assert record.meta == {"source": "wire"}
            assert_is(record, doc)
        assert (ana.annotator, ben.annotator) == ("label-studio-1", "ben@x.org")


def test_records_are_located_at_the_line_where_their_task_starts(tmp_path: Path) -> None:
    path = write(tmp_path, [task(1, doc, [annotation(doc, "ana")]) for doc in CORPUS])
    assert [item.line for item in read_file(path, "label-studio")] == task_lines(path)


def test_utf16_offsets_of_old_exports_are_read_as_code_points(tmp_path: Path) -> None:
    doc = CORPUS[0]  # emoji and a flag: UTF-16 offsets differ from code points
    assert utf16(doc.text, doc.spans[2][0]) != doc.spans[2][0]
    [record] = records(
        read_file(
            write(tmp_path, [task(1, doc, [annotation(doc, "ana", old=True)])]), "label-studio"
        )
    )
    assert_is(record, doc)


def test_a_task_without_annotations_or_only_cancelled_ones_is_its_text(tmp_path: Path) -> None:
    cancelled = {**annotation(CORPUS[1], 1), "was_cancelled": True}
    tasks = [task(1, CORPUS[0], []), task(2, CORPUS[1], [cancelled])]
    read = records(read_file(write(tmp_path, tasks), "label-studio"))
    assert [(r.id, r.text, r.spans) for r in read] == [
        ("1", CORPUS[0].text, None),
        ("2", CORPUS[1].text, None),
    ]


def test_a_left_relation_goes_from_its_to_id(tmp_path: Path) -> None:
    doc = CORPUS[2]
    made = annotation(doc, 1)
    relation = next(r for r in made["result"] if r["type"] == "relation")
    relation["from_id"], relation["to_id"], relation["direction"] = (
        relation["to_id"],
        relation["from_id"],
        "left",
    )
    [record] = records(read_file(write(tmp_path, [task(1, doc, [made])]), "label-studio"))
    assert_is(record, doc)


def test_text_column_names_the_data_key(tmp_path: Path) -> None:
    doc = CORPUS[1]
    made = task(1, doc, [annotation(doc, 1)])
    made["data"] = {"article": doc.text}
    [record] = records(read_file(write(tmp_path, [made]), "label-studio", text_column="article"))
    assert_is(record, doc)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t.update(data={"body": "x"}),
            "data has no 'text' text (--text-column names another); it has 'body'",
        ),
        (
            lambda t: t["annotations"][0]["result"][-2].update(labels=[]),
            "annotation 1: result 7 (relation): needs exactly one label (Annotator's relations "
            "have one), not []",
        ),
        (
            lambda t: t["annotations"][0]["result"][-2].update(direction="bi"),
            "annotation 1: result 7 (relation): direction 'bi': Annotator's relations go one way "
            "(right or left)",
        ),
        (
            lambda t: t["annotations"][0]["result"][-2].update(to_id="nope"),
            "annotation 1: result 7 (relation): to_id 'nope' is no labelled region of this "
            "annotation",
        ),
        (
            lambda t: t["annotations"][0]["result"][0]["value"].update(start="/p[1]"),
            "annotation 1: result 1 ('r0'): start and end must be whole numbers (a Text region), "
            "not '/p[1]' and 8",
        ),
    ],
)
def test_bad_tasks_are_refused_at_their_line(tmp_path: Path, change: Any, message: str) -> None:
    bad = task(2, CORPUS[0], [annotation(CORPUS[0], 1)])
    change(bad)
    path = write(tmp_path, [task(1, CORPUS[2], []), bad])
    assert problems(read_file(path, "label-studio")) == [f"{path}:{task_lines(path)[1]}: {message}"]


def test_json_that_breaks_off_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text('[\n  {"data": {"text": "Kabul"}},\n  {"data": \n', "utf-8")
    [first, problem] = list(read_file(path, "label-studio"))
    assert isinstance(first, Located)
    assert first.record.text == "Kabul"
    assert str(problem).startswith(f"{path}:4: invalid JSON: Expecting value")
