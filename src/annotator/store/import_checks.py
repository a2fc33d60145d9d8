"""An import's records checked against their own rules, a batch at a time, without the database.

What a record must be on its own (an id, storable names and meta, spans inside the text with
known labels, no span twice, relations between two of its spans that the relation schema
allows, no relation twice) is checked here; what it must be with the rest of the import and
with what is stored is checked by the writer (:mod:`annotator.store.importer`), which holds the
transaction. The checks need nothing but the label names and the relation schema, so they can
run in another process (:mod:`annotator.store.child_process`) while the writer writes the batch
before.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from annotator.core.comments import cleaned, comment_problem
from annotator.core.json_values import json_value_problem
from annotator.core.relations import RelationSchema
from annotator.core.spans import Span as CoreSpan
from annotator.core.spans import duplicate_spans, span_problem
from annotator.core.status import SetStatus
from annotator.core.texts import unstorable
from annotator.schemas import DocumentRecord, Located, Problem
from annotator.store.import_seen import Met

MAX_ID_LENGTH = 512
MAX_NAME_LENGTH = 200  # people.name
# The order of one record's problems: its own fields, another text for its id, a second
# annotation by the same person, its spans, its relations.
FIELDS, TEXT, SET, SPANS, RELATIONS = range(5)


@dataclass(slots=True)
class Pending:
    """What a checked record needs until its batch is written.

    Plain values rather than the pydantic record: a batch of records kept alive for a while
    would be tens of thousands of objects for the cyclic garbage collector to go over again and
    again, which made it the largest cost of an import.
    """

    source: str
    line: int
    external_id: str
    text: str
    meta: dict[str, Any]
    annotator: str | None
    status: SetStatus | None
    sha256: str
    # (start, end, label) of each span, as given; None for a record without an annotation.
    spans: list[tuple[int, int, str]] | None = None
    # The annotator's comments on spans, by (start, end, label); None when no span has one.
    span_comments: dict[tuple[int, int, str], str] | None = None
    comments: str | None = None  # the note on the document as given (None: not given)
    flagged: bool | None = None  # None: not given
    # (source, target, relation label) of each relation, source and target indexes into
    # ``spans``; None when the record gives none.
    relations: list[tuple[int, int, str]] | None = None
    document_id: int = 0
    # Inserted by this import: no annotation set of it can be stored yet.
    new_document: bool = False


@dataclass(slots=True)
class CheckedBatch:
    """Up to a batch's worth of records, numbered as they came (a problem read from the file
    counts as an item), and the problems found so far, as (item number, stage, problem)."""

    items: int = 0
    records: list[tuple[int, Met, Pending | None]] = field(default_factory=list)
    problems: list[tuple[int, int, Problem]] = field(default_factory=list)


class RecordChecker:
    """Checks records against their own rules; ``labels`` are the schema's label names and
    ``relation_schema`` the stored relation schema (read once per import)."""

    def __init__(
        self,
        labels: Iterable[str],
        relation_schema: RelationSchema,
        default_annotator: str,
        batch_size: int,
    ) -> None:
        self._labels = frozenset(labels)
        self._relation_schema = relation_schema
        # Every (relation label, source span label, target span label) the schema allows.
        self._allowed_relations = frozenset(
            (relation.name, source, target)
            for relation in relation_schema
            for source in self._labels
            for target in self._labels
            if relation.allows(source, target)
        )
        self.default_annotator = default_annotator
        self.batch_size = batch_size
        self._number = 0
        self._problems: list[tuple[int, int, Problem]] = []

    def batches(self, items: Iterable[Located | Problem]) -> Iterator[CheckedBatch]:
        """``items`` checked, in batches of ``batch_size`` records."""
        batch = CheckedBatch(problems=self._problems)
        for item in items:
            self._number += 1
            batch.items += 1
            if isinstance(item, Problem):
                self._problems.append((self._number, FIELDS, item))
                continue
            checked = self.check(item)
            if checked is not None:
                batch.records.append((self._number, *checked))
                if len(batch.records) >= self.batch_size:
                    yield batch
                    self._problems = []
                    batch = CheckedBatch(problems=self._problems)
        if batch.items:
            yield batch

    def _problem(self, where: Located, message: str, stage: int = FIELDS) -> None:
        """A problem of the record being checked."""
        self._problems.append((self._number, stage, Problem(where.source, where.line, message)))

    def check(self, where: Located) -> tuple[Met, Pending | None] | None:
        """The record's own rules (its consistency with the rest of the import is checked with
        its batch's, by :class:`~annotator.store.import_seen.Seen`); None for a record whose
        id or annotator those checks cannot even store."""
        record = where.record
        before = len(self._problems)
        storable = True
        if not record.id or len(record.id) > MAX_ID_LENGTH:
            self._problem(where, f"id must be 1 to {MAX_ID_LENGTH} characters long")
        elif (reason := unstorable(record.id)) is not None:
            self._problem(where, f"id {reason}")
            storable = False
        if record.meta:
            # Checked first: json.dumps below would raise on a meta nested too deep.
            if (reason := json_value_problem(record.meta)) is not None:
                self._problem(where, f"meta {reason}")
            elif unstorable(json.dumps(record.meta, ensure_ascii=False)) is not None:
                # Stored, it could never be exported: UTF-8 has no lone surrogates.
                self._problem(where, "meta holds an unpaired surrogate, which cannot be stored")
        if record.annotator is not None:
            # PostgreSQL would refuse these mid-import, with a traceback instead of a line.
            if len(record.annotator) > MAX_NAME_LENGTH:
                self._problem(where, f"annotator name must be at most {MAX_NAME_LENGTH} characters")
            elif (reason := unstorable(record.annotator)) is not None:
                self._problem(where, f"annotator {reason}")
                storable = False
        if "\x00" in record.text:
            self._problem(where, "text holds a NUL character (U+0000), which cannot be stored")
        try:
            sha = hashlib.sha256(record.text.encode("utf-8")).hexdigest()
        except UnicodeEncodeError as error:
            self._problem(where, f"text holds an unpaired surrogate at character {error.start}")
            return None
        if record.comments is not None and (reason := comment_problem(record.comments)):
            self._problem(where, f"comments {reason}")
        spans, span_comments = self.check_spans(where, record)
        relations = self.check_relations(where, record, spans)
        annotator = None if spans is None else record.annotator or self.default_annotator
        if not storable:
            return None
        met = Met(record.id, sha, where.source, where.line, annotator)
        if len(self._problems) > before:
            return met, None
        return met, Pending(
            where.source,
            where.line,
            record.id,
            record.text,
            record.meta,
            record.annotator,
            record.status,
            sha,
            spans,
            span_comments,
            record.comments,
            record.flagged,
            relations,
        )

    def check_spans(
        self, where: Located, record: DocumentRecord
    ) -> tuple[list[tuple[int, int, str]] | None, dict[tuple[int, int, str], str] | None]:
        """The record's spans as ``(start, end, label)`` (None: no annotation) and their
        comments by span (None: none has one)."""
        if record.spans is None:
            given_keys = [
                key
                for key in ("annotator", "status", "comments", "flagged")
                if getattr(record, key) is not None
            ]
            if given_keys:
                self._problem(
                    where,
                    f"{' and '.join(given_keys)} describe an annotation, but the record has no "
                    'spans (write "spans": [] for an annotation that found nothing)',
                )
            return None, None
        text, labels = record.text, self._labels
        length = len(text)
        spans = []
        comments: dict[tuple[int, int, str], str] | None = None
        for given in record.spans:
            start, end, label, quoted = given.start, given.end, given.label, given.text
            # The common case, a valid span, decided inline: span_problem (which says why a
            # span is invalid) would cost a call per span, and imports hold millions of spans.
            if not (
                0 <= start < end <= length
                and label in labels
                and (quoted is None or quoted == text[start:end])
            ):
                message = span_problem(text, start, end, label, labels, quoted)
                if message is not None:
                    self._problem(where, message, SPANS)
            spans.append((start, end, label))
            if given.comment is not None:
                if (reason := comment_problem(given.comment)) is not None:
                    self._problem(where, f"span {start}..{end} comment {reason}", SPANS)
                elif (comment := cleaned(given.comment)) is not None:
                    comments = {} if comments is None else comments
                    comments[(start, end, label)] = comment
        if len(set(spans)) < len(spans):
            for twice in duplicate_spans(CoreSpan(*span) for span in spans):
                self._problem(
                    where, f"span {twice.start}..{twice.end} {twice.label} is there twice", SPANS
                )
        return spans, comments

    def check_relations(
        self, where: Located, record: DocumentRecord, spans: list[tuple[int, int, str]] | None
    ) -> list[tuple[int, int, str]] | None:
        """The record's relations as ``(source, target, label)``, indexes into ``spans`` (the
        record's, as given); None when it gives none."""
        if record.relations is None:
            return None
        if spans is None:
            self._problem(where, "relations link spans of the record, but it has no spans")
            return None
        count = len(spans)
        allowed = self._allowed_relations
        relations = []
        for given in record.relations:
            source, target, label = given.source, given.target, given.label
            # The common case, a valid relation, decided inline, as for spans.
            if not (
                0 <= source < count
                and 0 <= target < count
                and source != target
                and (label, spans[source][2], spans[target][2]) in allowed
            ):
                self._relation_problem(where, source, target, label, spans)
            relations.append((source, target, label))
        if len(set(relations)) < len(relations):
            seen: set[tuple[int, int, str]] = set()
            for relation in relations:
                if relation in seen:
                    source, target, label = relation
                    self._problem(
                        where, f"relation {source} -> {target} {label} is there twice", RELATIONS
                    )
                seen.add(relation)
        return relations

    def _relation_problem(
        self,
        where: Located,
        source: int,
        target: int,
        label: str,
        spans: list[tuple[int, int, str]],
    ) -> None:
        """Say why the relation from span ``source`` to span ``target`` of ``spans`` (indexes)
        with ``label`` cannot be stored."""
        name = f"relation {source} -> {target} {label}"
        outside = [index for index in (source, target) if not 0 <= index < len(spans)]
        if outside:
            self._problem(
                where,
                f"{name}: span index {outside[0]} is out of range; the record has "
                f"{_span_count(len(spans))}",
                RELATIONS,
            )
        elif source == target:
            self._problem(where, f"{name} goes from a span to itself", RELATIONS)
        else:
            message = self._relation_schema.problem(label, spans[source][2], spans[target][2])
            # None: an end allows any label, and the span's is not in the schema (a problem
            # of that span already).
            if message is not None:
                self._problem(where, f"{name}: {message}", RELATIONS)


def _span_count(count: int) -> str:
    """How many spans a record has, and the indexes they take."""
    if count == 0:
        return "no spans"
    if count == 1:
        return "1 span (index 0)"
    return f"{count} spans (indexes 0 to {count - 1})"
