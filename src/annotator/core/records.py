"""What the store reads out for the writers: plain records, without validation or pydantic."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """One record as the store reads it out for the writers: a document and, unless ``spans``
    is None, one person's annotation of it. Plain values, not validated again (they were
    checked when stored): an export of a large corpus makes one per line. ``spans`` are
    ``(start, end, label)``, sorted; each span's text is ``text[start:end]``."""

    id: str
    text: str
    meta: dict[str, Any]
    annotator: str | None = None
    status: str | None = None
    spans: list[tuple[int, int, str]] | None = None
