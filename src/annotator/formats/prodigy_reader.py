"""Prodigy's JSONL (``prodigy db-out``), read per record.

``{"text", "tokens": [{"text", "start", "end", "id", "ws"}], "spans": [{"start", "end",
"label", "token_start", "token_end", "text"?}], "relations": [{"head", "child", "label",
"head_span"?, "child_span"?}], "answer": "accept"|"reject"|"ignore", "_annotator_id",
"_session_id", "meta", "_input_hash", "_task_hash", ...}``. Span offsets are code point
indices into ``text`` (Prodigy is Python), like ours; a span's ``text``, when given, is
checked against the document by the import.

- ``answer``: an accepted record is its annotator's annotation; a rejected or ignored one
  imports its text alone (no annotation), as Prodigy's training leaves it out. A record without
  ``answer`` (a task not yet answered) is read like an accepted one.
- The annotator is ``_annotator_id``, else ``_session_id``, else the import's ``--annotator``.
- A relation's ``head`` and ``child`` are token indexes; the span each belongs to is the one
  ``head_span``/``child_span`` names (by start, end and label), else the one span covering that
  token. A relation to a token in no span, or in several, is refused: ours link spans.
- Not kept: ``tokens`` (the tokenization is derived again), each span's ``token_start``,
  ``token_end`` and other keys, and Prodigy's bookkeeping (``_input_hash``, ``_task_hash``,
  ``_view_id``, ``_timestamp``, ``_is_binary``, ``config``). Prodigy's ``meta`` and any other
  key go into ``meta``, as in native JSONL.
"""

from __future__ import annotations

import reprlib
from typing import Any

from annotator.formats.native import record_from_json
from annotator.schemas import DocumentRecord, RelationRecord

ANSWERS = ("accept", "reject", "ignore")
_BOOKKEEPING = (
    "tokens",
    "_input_hash",
    "_task_hash",
    "_view_id",
    "_timestamp",
    "_is_binary",
    "config",
    "answer",
    "_annotator_id",
    "_session_id",
)
_SPAN_KEYS = ("start", "end", "label", "text")


def is_prodigy(value: Any) -> bool:
    """True when a parsed JSON line carries Prodigy's hashes (every record it saves does)."""
    return isinstance(value, dict) and ("_input_hash" in value or "_task_hash" in value)


def record_from_prodigy(value: Any) -> DocumentRecord | str:
    """A native record from a Prodigy JSON line, or a sentence saying what is wrong with it."""
    if not isinstance(value, dict):
        return f"a record must be a JSON object, not {type(value).__name__}"
    answer = value.get("answer", "accept")
    if answer not in ANSWERS:
        return f"answer must be one of {', '.join(ANSWERS)}, not {reprlib.repr(answer)}"
    native = {key: item for key, item in value.items() if key not in _BOOKKEEPING}
    native.pop("relations", None)
    native.pop("spans", None)
    if answer != "accept":
        return record_from_json(native)
    annotator = value.get("_annotator_id", value.get("_session_id"))
    if annotator is not None:
        native["annotator"] = annotator
    spans = value.get("spans", [])
    if not isinstance(spans, list) or not all(isinstance(span, dict) for span in spans):
        return "spans must be a list of objects"
    for index, span in enumerate(spans, start=1):
        if not {"start", "end", "label"} <= set(span):
            return f"span {index} needs start, end and label"
    native["spans"] = [{key: span[key] for key in _SPAN_KEYS if key in span} for span in spans]
    record = record_from_json(native)
    if not isinstance(record, DocumentRecord) or not value.get("relations"):
        return record
    relations = _relations(value["relations"], spans)
    if isinstance(relations, str):
        return relations
    record.relations = relations
    return record


def _relations(links: Any, spans: list[dict[str, Any]]) -> list[RelationRecord] | str:
    if not isinstance(links, list):
        return "relations must be a list"
    relations = []
    for index, link in enumerate(links, start=1):
        if not isinstance(link, dict) or not {"head", "child", "label"} <= set(link):
            return f"relation {index} needs head, child and label"
        if not isinstance(link["label"], str):
            return f"relation {index}: label must be a string"
        ends = []
        for end in ("head", "child"):
            found = _span_of(link, end, spans)
            if isinstance(found, str):
                return f"relation {index}: {found}"
            ends.append(found)
        relations.append(RelationRecord(source=ends[0], target=ends[1], label=link["label"]))
    return relations


def _span_of(link: dict[str, Any], end: str, spans: list[dict[str, Any]]) -> int | str:
    """The index in ``spans`` of the span at ``link[end]`` (``end``: "head" or "child")."""
    named = link.get(f"{end}_span")
    if isinstance(named, dict) and {"start", "end", "label"} <= set(named):
        key = (named["start"], named["end"], named["label"])
        for index, span in enumerate(spans):
            if (span["start"], span["end"], span["label"]) == key:
                return index
        return f"its {end}_span {key[0]}..{key[1]} {key[2]} is not one of the record's spans"
    token = link[end]
    if isinstance(token, bool) or not isinstance(token, int):
        return f"{end} must be a token index, not {reprlib.repr(token)}"
    covering = [
        index
        for index, span in enumerate(spans)
        if isinstance(span.get("token_start"), int)
        and isinstance(span.get("token_end"), int)
        and span["token_start"] <= token <= span["token_end"]
    ]
    if len(covering) != 1:
        what = "no span" if not covering else f"{len(covering)} spans"
        return f"its {end} (token {token}) is in {what}; Annotator's relations link spans"
    return covering[0]
