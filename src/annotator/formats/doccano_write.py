"""doccano JSONL, written: one line per (document, annotation set).

Two shapes, one per file. When the export holds no relation, doccano's sequence-labelling
shape: ``{"id", "text", "label": [[start, end, "LABEL"], ...], "annotator"?}``. When it holds
any, the shape doccano (1.6+) reads into a project with relations: ``{"id", "text",
"entities": [{"id", "label", "start_offset", "end_offset"}], "relations": [{"id", "from_id",
"to_id", "type"}], "annotator"?}``, entity ids numbered from 1 within the line. Offsets are code
point indices into ``text``, end exclusive, as doccano counts them (Python ``str``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from annotator.core.records import ExportRecord
from annotator.formats.writing import ExportContext, Tally


def record_to_doccano(record: ExportRecord, with_relations: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"id": record.id, "text": record.text}
    spans = record.spans or []
    if with_relations:
        out["entities"] = [
            {"id": number, "label": label, "start_offset": start, "end_offset": end}
            for number, (start, end, label) in enumerate(spans, start=1)
        ]
        out["relations"] = [
            {"id": number, "from_id": source + 1, "to_id": target + 1, "type": label}
            for number, (source, target, label) in enumerate(record.relations or (), start=1)
        ]
    else:
        out["label"] = [[start, end, label] for start, end, label in spans]
    if record.annotator is not None:
        out["annotator"] = record.annotator
    return out


def iter_lines(
    records: Iterable[ExportRecord], context: ExportContext, tally: Tally
) -> Iterator[str]:
    """``records`` as doccano JSONL lines, each ending in a newline."""
    for record in records:
        if not context.has_relations and record.relations:
            # The export decided on the span shape; a relation added since is not lost silently.
            tally.leave_out("relation(s) added during the export", len(record.relations))
        line = json.dumps(record_to_doccano(record, context.has_relations), ensure_ascii=False)
        yield line + "\n"
