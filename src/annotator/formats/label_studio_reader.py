"""Label Studio's JSON export: an array of tasks (or one task), each with its annotations.

``{"id", "data": {"text": ...}, "annotations": [{"completed_by", "was_cancelled"?, "result":
[{"id", "type": "labels", "from_name", "to_name", "value": {"start", "end", "text"?,
"labels": [...]}}, {"type": "relation", "from_id", "to_id", "direction"?, "labels"?: [...]}]
}]}``. The text is ``data["text"]`` (``--text-column`` names another key of ``data``).

**Offsets.** Label Studio's frontend counts a Text region's ``start`` and ``end`` in code
points, like ours (its tests: "Should calculate offsets by code points in text", since
label-studio-frontend#308); exports from before that counted UTF-16 units (label-studio#1347).
So ``start``/``end`` are read as code points, and a region whose ``text`` is not the document's
text there but is at those UTF-16 offsets is read as UTF-16 (through
:class:`annotator.core.offsets.Utf16Offsets`). A region whose ``text`` matches neither is
refused by the import, as any span whose text differs.

- Each annotation is one record, its annotator's: ``completed_by`` (a user's id ``N`` gives
  ``label-studio-N``; an object gives its ``email``; a string is the name), else the import's
  ``--annotator``. A cancelled (skipped) annotation is not imported; a task without
  annotations imports its text alone. ``predictions`` are not imported.
- A region with several labels is one span per label. A relation's ``direction`` "left"
  swaps its ends; "bi" is refused (ours have a source and a target), and so is a relation
  without exactly one label, or to a region with several.
- Only ``labels`` and ``relation`` results are read: other result types (``choices``,
  ``textarea``, ``rating``, ...) are not imported. The task's ``id`` is the document's id
  unless ``data`` holds an ``id``; ``data``'s other keys go into ``meta``.
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.offsets import Utf16Offsets
from annotator.formats.native import record_from_json
from annotator.formats.reading import json_array_items
from annotator.schemas import DocumentRecord, Located, Problem, RelationRecord


def read_label_studio(path: Path, text_column: str) -> Iterator[Located | Problem]:
    """One record per annotation of each task (the task's text alone when it has none),
    located at the line where the task starts."""
    source = str(path)
    for item in json_array_items(path):
        if isinstance(item, Problem):
            yield item
            continue
        line, task = item
        for result in records_of_task(task, text_column):
            if isinstance(result, str):
                yield Problem(source, line, result)
            else:
                yield Located(source, line, result)


def records_of_task(task: Any, text_column: str = "text") -> list[DocumentRecord | str]:
    """The records of one task, or a sentence saying what is wrong with it."""
    if not isinstance(task, dict):
        return [f"a task must be a JSON object, not {type(task).__name__}"]
    data = task.get("data")
    if not isinstance(data, dict):
        return ["a task needs 'data', an object holding its text"]
    if not isinstance(data.get(text_column), str):
        keys = ", ".join(repr(key) for key in data) or "nothing"
        return [f"data has no {text_column!r} text (--text-column names another); it has {keys}"]
    document = dict(data)
    text = document.pop(text_column)
    ident = document.pop("id", task.get("id"))
    base: dict[str, Any] = {"text": text, "meta": document}
    if ident is not None:
        base["id"] = ident
    annotations = task.get("annotations") or []
    if not isinstance(annotations, list):
        return ["annotations must be a list"]
    kept = [a for a in annotations if not (isinstance(a, dict) and a.get("was_cancelled"))]
    if not kept:
        return [record_from_json(base)]
    offsets = Utf16Offsets(text)
    records: list[DocumentRecord | str] = []
    for number, annotation in enumerate(kept, start=1):
        record = _annotation(base, annotation, offsets)
        records.append(f"annotation {number}: {record}" if isinstance(record, str) else record)
    return records


def _annotation(
    base: dict[str, Any], annotation: Any, offsets: Utf16Offsets
) -> DocumentRecord | str:
    if not isinstance(annotation, dict) or not isinstance(annotation.get("result", []), list):
        return "an annotation must be an object whose result is a list"
    value = dict(base)
    author = _author(annotation.get("completed_by"))
    if author is not None:
        value["annotator"] = author
    spans: list[dict[str, Any]] = []
    regions: dict[Any, list[int]] = {}  # region id -> indexes of its spans
    links = []
    for index, result in enumerate(annotation.get("result", []), start=1):
        if not isinstance(result, dict):
            return f"result {index} must be an object"
        if result.get("type") == "labels":
            region = _region(result.get("value"), offsets)
            if isinstance(region, str):
                return f"result {index} ({reprlib.repr(result.get('id'))}): {region}"
            start, end, text, labels = region
            regions.setdefault(result.get("id"), []).extend(
                range(len(spans), len(spans) + len(labels))
            )
            for label in labels:
                span = {"start": start, "end": end, "label": label}
                spans.append(span if text is None else {**span, "text": text})
        elif result.get("type") == "relation":
            links.append((index, result))
    value["spans"] = spans
    relations = []
    for index, link in links:
        relation = _relation(link, regions)
        if isinstance(relation, str):
            return f"result {index} (relation): {relation}"
        relations.append(relation)
    record = record_from_json(value)
    if isinstance(record, DocumentRecord) and relations:
        record.relations = relations
    return record


def _author(completed_by: Any) -> Any:
    if isinstance(completed_by, dict):
        return completed_by.get("email", completed_by.get("id"))
    if isinstance(completed_by, int) and not isinstance(completed_by, bool):
        return f"label-studio-{completed_by}"
    return completed_by  # a name, or None: the import's --annotator


def _region(value: Any, offsets: Utf16Offsets) -> tuple[int, int, str | None, list[str]] | str:
    """(start, end, text, labels) of a ``labels`` result's value, offsets in code points."""
    if not isinstance(value, dict) or not {"start", "end", "labels"} <= set(value):
        return "a labels result's value needs start, end and labels"
    start, end, text, labels = value["start"], value["end"], value.get("text"), value["labels"]
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end)):
        return f"start and end must be whole numbers (a Text region), not {start!r} and {end!r}"
    if not isinstance(labels, list) or not labels or not all(isinstance(x, str) for x in labels):
        return "labels must be a list of one or more label names"
    if text is not None and not isinstance(text, str):
        return "text must be a string"
    if isinstance(text, str) and offsets.text[start:end] != text:
        # Label Studio before label-studio-frontend#308 counted UTF-16 units.
        start16, end16 = offsets.to_code_point(start), offsets.to_code_point(end)
        if start16 is not None and end16 is not None and offsets.text[start16:end16] == text:
            start, end = start16, end16
    return start, end, text, labels


def _relation(link: dict[str, Any], regions: dict[Any, list[int]]) -> RelationRecord | str:
    labels = link.get("labels") or []
    if not isinstance(labels, list) or len(labels) != 1 or not isinstance(labels[0], str):
        return f"needs exactly one label (Annotator's relations have one), not {labels!r}"
    ends = []
    for key in ("from_id", "to_id"):
        spans = regions.get(link.get(key))
        if not spans:
            return f"{key} {reprlib.repr(link.get(key))} is no labelled region of this annotation"
        if len(spans) > 1:
            return (
                f"{key} {link[key]!r} is a region with {len(spans)} labels, so which of its "
                "spans the relation links is not said"
            )
        ends.append(spans[0])
    direction = link.get("direction", "right")
    if direction == "left":
        ends.reverse()
    elif direction != "right":
        return f"direction {direction!r}: Annotator's relations go one way (right or left)"
    return RelationRecord(source=ends[0], target=ends[1], label=labels[0])
