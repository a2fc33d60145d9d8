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
from itertools import count
from json.encoder import encode_basestring
from typing import Any

from annotator.core.records import ExportRecord
from annotator.core.token_spans import TokenLayout, token_layout, token_ranges
from annotator.formats.writing import ExportContext, Tally

# One token as ``json.dumps`` writes ``{"text", "start", "end", "id", "ws"}``, so that the
# tokens, nine in ten of a task's bytes, are written by passes of map (bench/format_export.py)
# instead of a dict each; tests/formats/test_export_json_formats.py checks the bytes.
_TOKEN = '{{"text": {}, "start": {}, "end": {}, "id": {}, "ws": {}}}'.format
_JSON_BOOL = ("false", "true")


def tokens_json(text: str, layout: TokenLayout) -> str:
    """The layout's tokens as the JSON list ``json.dumps`` (``ensure_ascii=False``) writes."""
    tokens = map(
        _TOKEN,
        map(encode_basestring, layout.words(text)),
        layout.starts,
        layout.ends,
        count(),
        map(_JSON_BOOL.__getitem__, layout.spaces),
    )
    return f"[{', '.join(tokens)}]"


def task_line(record: ExportRecord) -> str:
    """The Prodigy task of ``record`` as one JSON line, ending in a newline."""
    text, spans = record.text, record.spans or []
    layout = token_layout(text, spans)
    head: dict[str, Any] = {"id": record.id, "text": text}
    if record.meta:
        head["meta"] = record.meta
    tail = _annotation(record, layout)
    # ``{head..., "tokens": [...], tail...}``, keys in that order.
    line = f'{_dumps(head)[:-1]}, "tokens": {tokens_json(text, layout)}'
    return f"{line}, {_dumps(tail)[1:]}\n" if tail else f"{line}}}\n"


def _dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False)


def _annotation(record: ExportRecord, layout: TokenLayout) -> dict[str, Any]:
    """What follows the tokens: spans, relations, answer and annotator; nothing when nobody
    annotated the document."""
    if record.spans is None:
        return {}
    text, spans = record.text, record.spans
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
    out: dict[str, Any] = {"spans": written}
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
        yield task_line(record)
