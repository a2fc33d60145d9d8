"""Prodigy JSONL, written: one task per (document, annotation set), as Prodigy saves them.

``{"id", "text", "meta"?, "tokens": [{"text", "start", "end", "id", "ws"}], "spans": [{"start",
"end", "label", "token_start", "token_end", "text"}], "relations": [{"head", "child",
"head_span", "child_span", "label"}], "answer": "accept", "_annotator_id"?}``. Offsets are code
point indices into ``text`` (Prodigy is Python), end exclusive; ``token_end`` is inclusive, as
Prodigy writes it. The tokens are :func:`annotator.core.token_spans.token_layout`'s (spaCy's
view: whitespace other than one space after a token is a token), so every span, nested ones
too (Prodigy's span interface allows overlaps), is a whole number of tokens. A relation's
``head`` and ``child`` are the last tokens of its two spans. A document nobody annotated is a
task to annotate: text and tokens, no ``spans`` and no ``answer``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from annotator.core.records import ExportRecord
from annotator.core.token_spans import token_layout, token_ranges
from annotator.formats.writing import ExportContext, Tally


def record_to_prodigy(record: ExportRecord) -> dict[str, Any]:
    text, spans = record.text, record.spans or []
    layout = token_layout(text, spans)
    out: dict[str, Any] = {"id": record.id, "text": text}
    if record.meta:
        out["meta"] = record.meta
    out["tokens"] = [
        {"text": text[start:end], "start": start, "end": end, "id": index, "ws": space}
        for index, (start, end, space) in enumerate(
            zip(layout.starts, layout.ends, layout.spaces, strict=True)
        )
    ]
    if record.spans is None:
        return out
    ranges = token_ranges(layout.starts, layout.ends, spans)
    written = []
    for (start, end, label), found in zip(spans, ranges, strict=True):
        assert found is not None  # the layout splits tokens at every span edge
        written.append(
            {
                "start": start,
                "end": end,
                "label": label,
                "token_start": found[0],
                "token_end": found[1],
                "text": text[start:end],
            }
        )
    out["spans"] = written
    out["relations"] = [
        {
            "head": written[source]["token_end"],
            "child": written[target]["token_end"],
            "head_span": _anchor(written[source]),
            "child_span": _anchor(written[target]),
            "label": label,
        }
        for source, target, label in record.relations or ()
    ]
    out["answer"] = "accept"
    if record.annotator is not None:
        out["_annotator_id"] = record.annotator
    return out


def _anchor(span: dict[str, Any]) -> dict[str, Any]:
    return {key: span[key] for key in ("start", "end", "token_start", "token_end", "label")}


def iter_lines(
    records: Iterable[ExportRecord], context: ExportContext, tally: Tally
) -> Iterator[str]:
    """``records`` as Prodigy JSONL lines, each ending in a newline."""
    for record in records:
        yield json.dumps(record_to_prodigy(record), ensure_ascii=False) + "\n"
