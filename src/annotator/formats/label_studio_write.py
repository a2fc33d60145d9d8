"""Label Studio, written: a folder holding ``tasks.json`` (the tasks to import) and
``labeling_config.xml`` (the project's labelling interface, whose names the results use).

One task per document: ``{"data": {"text", "id"}, "meta"?, "annotations": [{"annotator",
"ground_truth", "result": [...]}]}``, one annotation per annotation set of the document. A span
is a ``labels`` result (``{"id", "from_name": "label", "to_name": "text", "type": "labels",
"value": {"start", "end", "text", "labels": [L]}}``); a relation a ``relation`` result
(``{"type": "relation", "from_id", "to_id", "direction": "right", "labels": [L]}``).

Offsets are code point indices into ``text``, end exclusive, CRLF counted as two: Label
Studio's editor counts the ``Text`` tag's offsets in code points (its own end-to-end test "NER -
Emoji - Text: should calculate offsets by code points in text"), not in JavaScript's UTF-16
units, and counts ``\\r\\n`` as two characters.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from annotator.core.records import ExportRecord
from annotator.core.status import GOLD
from annotator.formats.writing import ExportContext, Tally

TASKS = "tasks.json"
CONFIG = "labeling_config.xml"
FROM_NAME, TO_NAME = "label", "text"


def labeling_config(context: ExportContext) -> str:
    """The ``<View>`` whose ``Labels``/``Relations``/``Text`` names the results use."""
    lines = ["<View>"]
    if context.relation_labels:
        lines.append("  <Relations>")
        lines += [f"    <Relation value={quoteattr(r.name)}/>" for r in context.relation_labels]
        lines.append("  </Relations>")
    lines.append(f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">')
    lines += [f"    <Label value={quoteattr(name)}/>" for name in context.labels]
    lines.append("  </Labels>")
    lines.append(f'  <Text name="{TO_NAME}" value="$text"/>')
    lines.append("</View>")
    return "\n".join(lines) + "\n"


def annotation(record: ExportRecord) -> dict[str, Any]:
    text, spans = record.text, record.spans or []
    result: list[dict[str, Any]] = [
        {
            "id": f"s{index}",
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "origin": "manual",
            "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
        }
        for index, (start, end, label) in enumerate(spans)
    ]
    result += [
        {
            "type": "relation",
            "from_id": f"s{source}",
            "to_id": f"s{target}",
            "direction": "right",
            "labels": [label],
        }
        for source, target, label in record.relations or ()
    ]
    gold = record.annotator == GOLD
    return {"annotator": record.annotator, "ground_truth": gold, "result": result}


def task(records: list[ExportRecord]) -> dict[str, Any]:
    """One document's task from its records (one per annotation set, or one without spans)."""
    first = records[0]
    out: dict[str, Any] = {"data": {"text": first.text, "id": first.id}}
    if first.meta:
        out["meta"] = first.meta
    out["annotations"] = [annotation(record) for record in records if record.spans is not None]
    return out


def iter_tasks(records: Iterable[ExportRecord]) -> Iterator[str]:
    """The tasks file's text, a JSON list, one task a line; the records of one document are
    consecutive (the store's export order)."""
    yield "["
    for number, (_, group) in enumerate(groupby(records, key=lambda record: record.id)):
        line = json.dumps(task(list(group)), ensure_ascii=False)
        yield ("\n" if number == 0 else ",\n") + line
    yield "\n]\n"


def write_path(
    records: Iterable[ExportRecord], target: Path, context: ExportContext, tally: Tally
) -> None:
    target.mkdir()
    with (target / TASKS).open("w", encoding="utf-8", newline="") as handle:
        for piece in iter_tasks(records):
            handle.write(piece)
    (target / CONFIG).write_text(labeling_config(context), encoding="utf-8", newline="")
