"""doccano's sequence-labelling JSONL, read per record.

Two shapes exist: ``{"text", "label": [[start, end, "LABEL"], ...]}`` and (doccano 1.6+, with
relations) ``{"text", "entities": [{"start_offset", "end_offset", "label", "id"?}], ...}``.
``id`` is often an integer. Other keys (``Comments``, custom columns) go to ``meta``.
doccano offsets are code point indices into ``text``, like ours.

Each entity's ``id`` is doccano's own row number, which only its relations refer to; it is not
kept. A record with relations is refused: Annotator does not store relations yet, and nothing a
record holds is dropped without a word.
"""

from __future__ import annotations

import reprlib
from typing import Any

from annotator.formats.native import record_from_json
from annotator.schemas import DocumentRecord

_DOCCANO_ONLY = ("label", "entities", "relations", "Comments")


def is_doccano(value: Any) -> bool:
    """True when a parsed JSON line uses doccano's keys rather than native ``spans``."""
    return (
        isinstance(value, dict)
        and "spans" not in value
        and (isinstance(value.get("label"), list) or isinstance(value.get("entities"), list))
    )


def record_from_doccano(value: Any) -> DocumentRecord | str:
    """A native record from a doccano JSON line, or a sentence saying what is wrong with it."""
    if not isinstance(value, dict):
        return f"a record must be a JSON object, not {type(value).__name__}"
    value = dict(value)
    if "text" not in value and isinstance(value.get("data"), str):
        value["text"] = value.pop("data")  # doccano < 1.0 called the text "data"
    spans: list[dict[str, Any]] = []
    if "entities" in value:
        entities = value.pop("entities")
        if value.pop("relations", None):
            return "doccano relations are not imported yet; remove them to import the spans"
        if not isinstance(entities, list):
            return "entities must be a list"
        for index, entity in enumerate(entities, start=1):
            if not isinstance(entity, dict) or not {"start_offset", "end_offset", "label"} <= set(
                entity
            ):
                return f"entity {index} needs start_offset, end_offset and label"
            spans.append(
                {
                    "start": entity["start_offset"],
                    "end": entity["end_offset"],
                    "label": entity["label"],
                }
            )
    elif "label" in value:
        labels = value.pop("label")
        if not isinstance(labels, list):
            return "label must be a list of [start, end, label]"
        for index, item in enumerate(labels, start=1):
            if not isinstance(item, list) or len(item) != 3:
                # reprlib: the item may be nested hundreds deep or megabytes long.
                return f"label {index} must be [start, end, label], not {reprlib.repr(item)}"
            spans.append({"start": item[0], "end": item[1], "label": item[2]})
    else:
        return "a doccano record needs 'label' or 'entities'"
    value["spans"] = spans
    return record_from_json(value)
