"""Records that cross the boundary: what input files hold, validated (exports write
:class:`annotator.core.records.ExportRecord`).

Offsets are Python ``str`` indices (code points), end exclusive, into ``text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from annotator.core.status import SetStatus


class SpanRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    start: StrictInt
    end: StrictInt
    label: StrictStr
    text: StrictStr | None = None
    comment: StrictStr | None = None  # the annotator's comment on the span


class RelationRecord(BaseModel):
    """A relation on a native JSONL record: ``from`` and ``to`` index the record's ``spans``
    list as written in that record (0-based), ``label`` is a relation label."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    source: StrictInt = Field(alias="from")
    target: StrictInt = Field(alias="to")
    label: StrictStr


class DocumentRecord(BaseModel):
    """One line of native JSONL: a document, and optionally one person's annotation of it.

    ``spans`` None means no annotation; ``[]`` means an annotation that found nothing.
    ``comments`` (the annotator's note on the document) and ``flagged`` belong to the
    annotation, and so need ``spans``; None (absent) leaves a stored annotation's as they are.
    ``relations`` link spans of ``spans`` by index, and so need ``spans`` too.
    """

    model_config = ConfigDict(extra="forbid")

    id: StrictStr
    text: StrictStr
    spans: list[SpanRecord] | None = None
    meta: dict[str, Any] = Field(default_factory=dict)
    annotator: StrictStr | None = None
    status: SetStatus | None = None
    comments: StrictStr | None = None
    flagged: StrictBool | None = None
    relations: list[RelationRecord] | None = None


class DecisionLogRecord(BaseModel):
    """One adjudication decision, as ``annotator export --decisions`` writes it.

    ``document`` is the document's external id; ``span`` the span decided on (with its text);
    ``original`` the span a correction replaced (None otherwise); ``who`` the reviewer
    (``gold`` for what ``annotator adjudicate`` pre-filled); ``when`` the time it was made, in
    UTC; ``reason`` the reviewer's note, empty when none was given. A decision on a relation
    has a ``relation`` label: ``span`` is then its source span, ``target`` its target span and
    ``original_relation`` the label a relabelling replaced (None otherwise).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    document: StrictStr
    span: SpanRecord
    original: SpanRecord | None = None
    action: StrictStr
    who: StrictStr
    when: datetime
    chosen_by: list[StrictStr] = Field(default_factory=list)
    reason: StrictStr = ""
    relation: StrictStr | None = None
    target: SpanRecord | None = None
    original_relation: StrictStr | None = None


@dataclass(frozen=True, slots=True)
class Located:
    """A record and where it was read: ``source`` (a file name) and its 1-based ``line``
    (0: the file as a whole, for formats whose record is a file, such as brat's)."""

    source: str
    line: int
    record: DocumentRecord


@dataclass(frozen=True, slots=True)
class Problem:
    """Why an input cannot be imported, at ``source:line`` (line 0: the file as a whole)."""

    source: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"
