"""What the store reads out for the writers: plain records, without validation or pydantic."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """One record as the store reads it out for the writers: a document and, unless ``spans``
    is None, one person's annotation of it. Plain values, not validated again (they were
    checked when stored): an export of a large corpus makes one per line. ``spans`` are
    ``(start, end, label)``, sorted; each span's text is ``text[start:end]``. ``comments`` is
    the person's note on the document and ``flagged`` their flag; ``span_comments`` holds the
    comment of each span that has one, by ``(start, end, label)`` (None: no span has one).
    ``relations`` are ``(source, target, label)`` with ``source`` and ``target`` indexes into
    ``spans`` as sorted here (None: the record has no annotation, or the writer did not ask)."""

    id: str
    text: str
    meta: dict[str, Any]
    annotator: str | None = None
    status: str | None = None
    spans: list[tuple[int, int, str]] | None = None
    comments: str | None = None
    flagged: bool = False
    span_comments: dict[tuple[int, int, str], str] | None = None
    relations: list[tuple[int, int, str]] | None = None
