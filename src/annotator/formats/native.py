"""Annotator's own JSONL: one document (and optionally one person's annotation) per line.

``{"id": str|int, "text": str, "spans"?: [{"start", "end", "label", "text"?, "comment"?}],
"meta"?: {}, "annotator"?: str, "status"?: "done"|"in_progress", "comments"?: str,
"flagged"?: bool, "relations"?: [{"from", "to", "label"}]}``. Offsets are code point indices
into ``text``, end exclusive. ``comment`` is the annotator's comment on a span, ``comments``
their note on the document and ``flagged`` their flag on it (written only when true); all three
describe an annotation, so they need ``spans``. ``relations`` link two spans of the record:
``from`` and ``to`` index its ``spans`` list as written in that record (0-based; an export
indexes its own list, sorted by (start, end, label)), and are written only when there are some,
sorted by (from, to, label). Keys this format does not define are kept in ``meta``; a record whose
``meta`` is not an object, or already holds such a key, is refused rather than losing either.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from annotator.core.records import ExportRecord

if TYPE_CHECKING:
    from annotator.formats.writing import ExportContext, Tally
    from annotator.schemas import DocumentRecord

# DocumentRecord's fields, written out so that writing imports no pydantic (a test keeps the
# two equal).
FIELDS = frozenset(
    ("id", "text", "spans", "meta", "annotator", "status", "comments", "flagged", "relations")
)


def derived_id(text: str) -> str:
    """The id of a record that has none: the first 16 hex digits of its text's SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def normalize_id(value: dict[str, Any]) -> None:
    """Turn an integer ``id`` (doccano writes them) into a string and fill in a missing one."""
    ident = value.get("id")
    if isinstance(ident, int) and not isinstance(ident, bool):
        value["id"] = str(ident)
    elif ident is None and isinstance(value.get("text"), str):
        value["id"] = derived_id(value["text"])


def record_from_json(value: Any) -> DocumentRecord | str:
    """A native record from a parsed JSON line, or a sentence saying what is wrong with it."""
    # Imported here: an export, which only writes, needs no pydantic.
    from pydantic import ValidationError

    from annotator.formats.reading import describe_validation_error
    from annotator.schemas import DocumentRecord

    if not isinstance(value, dict):
        return f"a record must be a JSON object, not {type(value).__name__}"
    value = dict(value)
    normalize_id(value)
    extra = {key: value.pop(key) for key in list(value) if key not in FIELDS}
    # Nothing a record holds is dropped: a meta that is not an object is left for validation
    # to refuse, and a key that meta holds too is refused here.
    meta = value.get("meta", {})
    if extra and isinstance(meta, dict):
        both = [key for key in extra if key in meta]
        if both:
            return (
                f"{both[0]!r} is both a key of the record and a key of its meta (keys this "
                "format does not define go into meta); rename one"
            )
        value["meta"] = {**extra, **meta}
    try:
        return DocumentRecord.model_validate(value)
    except ValidationError as error:
        return describe_validation_error(error)


def write_records(records: Iterable[ExportRecord], out: IO[str]) -> int:
    """Write ``records`` as JSONL (UTF-8 kept as is, not escaped); returns how many."""
    count = 0
    for line in iter_lines(records):
        out.write(line)
        count += 1
    return count


def record_to_json(record: ExportRecord) -> dict[str, Any]:
    """The JSON object for ``record``: absent fields are left out, span ``text`` included,
    relations as they are in the record (indexes into its ``spans``)."""
    out: dict[str, Any] = {"id": record.id, "text": record.text}
    if record.meta:
        out["meta"] = record.meta
    if record.annotator is not None:
        out["annotator"] = record.annotator
    if record.status is not None:
        out["status"] = record.status
    if record.comments is not None:
        out["comments"] = record.comments
    if record.flagged:
        out["flagged"] = True
    if record.spans is not None:
        text = record.text
        out["spans"] = spans = [
            {"start": start, "end": end, "label": label, "text": text[start:end]}
            for start, end, label in record.spans
        ]
        if record.span_comments:
            for span, (start, end, label) in zip(spans, record.spans, strict=True):
                comment = record.span_comments.get((start, end, label))
                if comment is not None:
                    span["comment"] = comment
        if record.relations:
            out["relations"] = [
                {"from": source, "to": target, "label": label}
                for source, target, label in record.relations
            ]
    return out


def iter_lines(
    records: Iterable[ExportRecord],
    context: ExportContext | None = None,
    tally: Tally | None = None,
) -> Iterator[str]:
    """``records`` as JSONL lines, each ending in a newline (the ``jsonl`` export format).
    It holds everything a record has, so ``context`` and ``tally`` are not needed."""
    for record in records:
        yield json.dumps(record_to_json(record), ensure_ascii=False) + "\n"
