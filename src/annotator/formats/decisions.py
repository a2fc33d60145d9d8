"""The decision log as JSONL: one adjudication decision per line, oldest first.

``{"document": str, "span": {"start", "end", "label", "text"}, "original"?: {...},
"action": "accept"|"reject"|"correct"|"prefill", "who": str, "when": "2025-11-26T09:41:07.125Z",
"chosen_by": [str], "reason"?: str}``. Offsets are code point indices into the document's text,
end exclusive; ``when`` is ISO 8601 in UTC. ``original`` (the span a correction replaced) and
``reason`` are written only when there is one.

A decision on a relation names its two spans and its label instead of ``span``:
``{"document", "source": {...}, "target": {...}, "relation": str, "original_relation"?: str,
"action", "who", "when", "chosen_by", "reason"?}``, ``original_relation`` being the label a
relabelling (``correct``) replaced.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from annotator.schemas import DecisionLogRecord, SpanRecord


def utc_text(moment: datetime) -> str:
    """``moment`` as ISO 8601 in UTC, to the millisecond, with a ``Z``; a naive datetime (as
    SQLite gives them back) is taken to be UTC already."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _span(span: SpanRecord) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "label": span.label, "text": span.text}


def decision_to_json(record: DecisionLogRecord) -> dict[str, Any]:
    out: dict[str, Any] = {"document": record.document}
    if record.relation is not None and record.target is not None:
        out |= {"source": _span(record.span), "target": _span(record.target)}
        out["relation"] = record.relation
        if record.original_relation is not None:
            out["original_relation"] = record.original_relation
    else:
        out["span"] = _span(record.span)
    if record.original is not None:
        out["original"] = _span(record.original)
    out |= {
        "action": record.action,
        "who": record.who,
        "when": utc_text(record.when),
        "chosen_by": record.chosen_by,
    }
    if record.reason:
        out["reason"] = record.reason
    return out


def decision_lines(records: Iterable[DecisionLogRecord]) -> Iterator[str]:
    """JSONL lines (UTF-8 kept as is, not escaped) for ``records``."""
    for record in records:
        yield json.dumps(decision_to_json(record), ensure_ascii=False) + "\n"
