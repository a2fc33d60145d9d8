"""doccano's sequence-labelling JSONL, read per record.

Two shapes exist: ``{"text", "label": [[start, end, "LABEL"], ...]}`` and (doccano 1.6+, with
relations) ``{"text", "entities": [{"id", "start_offset", "end_offset", "label"}],
"relations": [{"id", "from_id", "to_id", "type"}]}``. ``id`` is often an integer. Other keys
(``Comments``, custom columns) go to ``meta``. doccano offsets are code point indices into
``text``, like ours.

Each entity's ``id`` is doccano's own row number, which only its relations refer to: a
relation's ``from_id`` and ``to_id`` become indexes into the record's spans, and the ids are
not kept, nor are the relations' own ids.
"""

from __future__ import annotations

import reprlib
from typing import Any

from annotator.formats.native import record_from_json
from annotator.schemas import DocumentRecord, RelationRecord

_ENTITY_KEYS = frozenset(("start_offset", "end_offset", "label"))
_RELATION_KEYS = frozenset(("from_id", "to_id", "type"))


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
    relations: list[RelationRecord] = []
    if "entities" in value:
        entities = value.pop("entities")
        read = _entities(entities, value.pop("relations", None))
        if isinstance(read, str):
            return read
        value["spans"], relations = read
    elif "label" in value:
        if value.get("relations"):
            return "relations need the 'entities' shape, whose entities have ids to link"
        value.pop("relations", None)
        labels = _label_list(value.pop("label"))
        if isinstance(labels, str):
            return labels
        value["spans"] = labels
    else:
        return "a doccano record needs 'label' or 'entities'"
    record = record_from_json(value)
    if isinstance(record, DocumentRecord) and relations:
        record.relations = relations
    return record


def _label_list(labels: Any) -> list[dict[str, Any]] | str:
    if not isinstance(labels, list):
        return "label must be a list of [start, end, label]"
    spans = []
    for index, item in enumerate(labels, start=1):
        if not isinstance(item, list) or len(item) != 3:
            # reprlib: the item may be nested hundreds deep or megabytes long.
            return f"label {index} must be [start, end, label], not {reprlib.repr(item)}"
        spans.append({"start": item[0], "end": item[1], "label": item[2]})
    return spans


def _entities(entities: Any, links: Any) -> tuple[list[dict[str, Any]], list[RelationRecord]] | str:
    """The spans of doccano's ``entities`` and its ``relations`` as links between them."""
    if not isinstance(entities, list):
        return "entities must be a list"
    spans: list[dict[str, Any]] = []
    by_id: dict[Any, int] = {}
    for index, entity in enumerate(entities, start=1):
        if not isinstance(entity, dict) or not set(entity) >= _ENTITY_KEYS:
            return f"entity {index} needs start_offset, end_offset and label"
        ident = entity.get("id")
        if ident is not None:
            if not isinstance(ident, int | str) or isinstance(ident, bool):
                return f"entity {index} has id {reprlib.repr(ident)}; an id is a number or string"
            if ident in by_id:
                return f"entities {by_id[ident] + 1} and {index} have the same id {ident!r}"
            by_id[ident] = len(spans)
        spans.append(
            {"start": entity["start_offset"], "end": entity["end_offset"], "label": entity["label"]}
        )
    if links is None:
        return spans, []
    if not isinstance(links, list):
        return "relations must be a list"
    relations = []
    for index, link in enumerate(links, start=1):
        if not isinstance(link, dict) or not set(link) >= _RELATION_KEYS:
            return f"relation {index} needs from_id, to_id and type"
        if not isinstance(link["type"], str):
            return f"relation {index}: type must be a string"
        ends = []
        for key in ("from_id", "to_id"):
            target = link[key]
            if isinstance(target, bool) or not isinstance(target, int | str) or target not in by_id:
                return f"relation {index}: {key} {reprlib.repr(target)} is no entity's id"
            ends.append(by_id[target])
        relations.append(RelationRecord(source=ends[0], target=ends[1], label=link["type"]))
    return spans, relations
