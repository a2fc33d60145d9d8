"""Importing records: validated as a whole, written in one transaction, or not at all."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, tuple_, update
from sqlalchemy.orm import Session

from annotator.core.comments import cleaned, comment_problem
from annotator.core.json_values import json_value_problem
from annotator.core.spans import Span as CoreSpan
from annotator.core.spans import duplicate_spans, span_problem
from annotator.core.status import IMPORTED, SetStatus
from annotator.core.texts import title_of, unstorable
from annotator.schemas import DocumentRecord, Located, Problem
from annotator.store.import_rows import ImportRows
from annotator.store.import_seen import Met, Seen
from annotator.store.lookup import label_ids, person_id
from annotator.store.models import AnnotationSet, Document, Span, utcnow
from annotator.store.store import Store

# Problems kept for the report; beyond this only their number is.
MAX_PROBLEMS = 200
MAX_ID_LENGTH = 512
MAX_NAME_LENGTH = 200  # people.name
# The PostgreSQL advisory lock imports take turns on: any constant bigint; this one is the bytes
# of "annotimp", so it reads as such in pg_locks (classid 0x616e6e6f, objid 0x74696d70).
IMPORT_LOCK_KEY = int.from_bytes(b"annotimp", "big")


class ImportRefused(Exception):
    """The input has problems; nothing was written."""

    def __init__(self, problems: list[Problem], total: int) -> None:
        super().__init__(f"{total} problem(s)")
        self.problems = problems
        self.total = total


@dataclass
class ImportReport:
    documents_added: int = 0
    documents_known: int = 0
    sets_added: int = 0
    spans_added: int = 0
    spans_known: int = 0


def import_records(
    store: Store,
    items: Iterable[Located | Problem],
    default_annotator: str = IMPORTED,
    progress: Callable[[], None] | None = None,
    batch_size: int = 500,
) -> ImportReport:
    """Import ``items`` in one transaction; raise :class:`ImportRefused` (and write nothing)
    if any item is a problem or breaks a rule.

    A document already stored with the same id and text adds nothing; with another text it is
    a problem. Spans already stored in the same annotation set are skipped, so importing the
    same file twice changes nothing. An annotation set takes the record's status, ``done`` if
    the record gives none (an imported annotation is taken to be finished work).
    """
    with store.writing() as session:
        _take_import_lock(session)
        seen = Seen(session.connection())
        importer = _Importer(session, seen, default_annotator, batch_size)
        for item in items:
            importer.take(item)
            if progress is not None:
                progress()
        importer.flush()
        if importer.total_problems:
            raise ImportRefused(importer.problems, importer.total_problems)
        # Distinct documents, not records: a document on several lines (one per annotator) or
        # in several batches is one document already stored.
        report = importer.report
        report.documents_known = seen.documents() - report.documents_added
        seen.close()
    return report


def _take_import_lock(session: Session) -> None:
    """On PostgreSQL, wait until no other import runs; held until this transaction ends.

    The duplicate checks read what is stored (documents, sets, spans, people): two imports at
    once would each find a row missing, then collide on a unique constraint. SQLite serialises
    writers itself (``BEGIN IMMEDIATE``). Under READ COMMITTED, every statement after the lock
    sees what the import before committed: imports at once end as one after another would.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(IMPORT_LOCK_KEY)))


@dataclass(slots=True)
class _Pending:
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
    document_id: int = 0
    # Inserted by this import: no annotation set of it can be stored yet.
    new_document: bool = False


# The order of one record's problems: its own fields, another text for its id, a second
# annotation by the same person, its spans.
_FIELDS, _TEXT, _SET, _SPANS = range(4)
_CLASH_STAGE = {"text": _TEXT, "set": _SET}


@dataclass
class _Importer:
    session: Session
    seen: Seen
    default_annotator: str
    batch_size: int
    report: ImportReport = field(default_factory=ImportReport)
    problems: list[Problem] = field(default_factory=list)
    total_problems: int = 0
    # The records of the batch as (number, what Seen checks, the pending write or None if the
    # record has a problem), and its problems as (record number, stage, problem), reported in
    # that order. Items are numbered as they come.
    _batch: list[tuple[int, Met, _Pending | None]] = field(default_factory=list)
    _batch_problems: list[tuple[int, int, Problem]] = field(default_factory=list)
    _number: int = 0
    _labels: dict[str, int] = field(default_factory=dict)
    _people: dict[str, int] = field(default_factory=dict)
    _rows: ImportRows = field(init=False)

    def __post_init__(self) -> None:
        self._labels = label_ids(self.session)
        self._rows = ImportRows(self.session.connection())

    def problem(self, where: Located | Problem, message: str | None = None) -> None:
        self.total_problems += 1
        if len(self.problems) < MAX_PROBLEMS:
            if isinstance(where, Problem):
                self.problems.append(where)
            else:
                self.problems.append(Problem(where.source, where.line, message or ""))

    def take(self, item: Located | Problem) -> None:
        self._number += 1
        if isinstance(item, Problem):
            self._batch_problems.append((self._number, _FIELDS, item))
            return
        checked = self.check(item)
        if checked is not None:
            self._batch.append((self._number, *checked))
            if len(self._batch) >= self.batch_size:
                self.flush()

    def record_problem(self, where: Located, message: str, stage: int = _FIELDS) -> None:
        """A problem of the record being checked."""
        problem = Problem(where.source, where.line, message)
        self._batch_problems.append((self._number, stage, problem))

    def check(self, where: Located) -> tuple[Met, _Pending | None] | None:
        """The record's own rules (its consistency with the rest of the import is checked with
        its batch's, by :class:`Seen`); None for a record whose id or annotator those checks
        cannot even store."""
        record = where.record
        before = len(self._batch_problems)
        storable = True
        if not record.id or len(record.id) > MAX_ID_LENGTH:
            self.record_problem(where, f"id must be 1 to {MAX_ID_LENGTH} characters long")
        elif (reason := unstorable(record.id)) is not None:
            self.record_problem(where, f"id {reason}")
            storable = False
        if record.meta:
            # Checked first: json.dumps below would raise on a meta nested too deep.
            if (reason := json_value_problem(record.meta)) is not None:
                self.record_problem(where, f"meta {reason}")
            elif unstorable(json.dumps(record.meta, ensure_ascii=False)) is not None:
                # Stored, it could never be exported: UTF-8 has no lone surrogates.
                self.record_problem(
                    where, "meta holds an unpaired surrogate, which cannot be stored"
                )
        if record.annotator is not None:
            # PostgreSQL would refuse these mid-import, with a traceback instead of a line.
            if len(record.annotator) > MAX_NAME_LENGTH:
                self.record_problem(
                    where, f"annotator name must be at most {MAX_NAME_LENGTH} characters"
                )
            elif (reason := unstorable(record.annotator)) is not None:
                self.record_problem(where, f"annotator {reason}")
                storable = False
        if "\x00" in record.text:
            self.record_problem(
                where, "text holds a NUL character (U+0000), which cannot be stored"
            )
        try:
            sha = hashlib.sha256(record.text.encode("utf-8")).hexdigest()
        except UnicodeEncodeError as error:
            self.record_problem(
                where, f"text holds an unpaired surrogate at character {error.start}"
            )
            return None
        if record.comments is not None and (reason := comment_problem(record.comments)):
            self.record_problem(where, f"comments {reason}")
        spans, span_comments = self.check_spans(where, record)
        annotator = None if spans is None else record.annotator or self.default_annotator
        if not storable:
            return None
        met = Met(record.id, sha, where.source, where.line, annotator)
        if len(self._batch_problems) > before:
            return met, None
        return met, _Pending(
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
                self.record_problem(
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
                    self.record_problem(where, message, _SPANS)
            spans.append((start, end, label))
            if given.comment is not None:
                if (reason := comment_problem(given.comment)) is not None:
                    self.record_problem(where, f"span {start}..{end} comment {reason}", _SPANS)
                elif (comment := cleaned(given.comment)) is not None:
                    comments = {} if comments is None else comments
                    comments[(start, end, label)] = comment
        if len(set(spans)) < len(spans):
            for twice in duplicate_spans(CoreSpan(*span) for span in spans):
                self.record_problem(
                    where, f"span {twice.start}..{twice.end} {twice.label} is there twice", _SPANS
                )
        return spans, comments

    def flush(self) -> None:
        checked, self._batch = self._batch, []
        problems, self._batch_problems = self._batch_problems, []
        clashes = self.seen.take([met for _number, met, _pending in checked]) if checked else []
        for clash in clashes:
            number, met, _pending = checked[clash.index]
            problem = Problem(met.source, met.line, clash.message)
            problems.append((number, _CLASH_STAGE[clash.kind], problem))
        problems.sort(key=lambda entry: entry[:2])  # stable: a record's problems keep their order
        for _index, _stage, problem in problems:
            self.problem(problem)
        clashed = {clash.index for clash in clashes}
        batch = [p for i, (_n, _m, p) in enumerate(checked) if p is not None and i not in clashed]
        if not batch:
            return
        self.resolve_documents(batch)
        annotated = [p for p in batch if p.spans is not None and p.document_id]
        if annotated:
            self.write_annotations(annotated)

    def resolve_documents(self, batch: list[_Pending]) -> None:
        """Set each pending record's document id, inserting the documents not stored yet."""
        wanted = {p.external_id for p in batch}
        stored = {
            ext: (ident, sha)
            for ext, ident, sha in self.session.execute(
                select(Document.external_id, Document.id, Document.sha256).where(
                    Document.external_id.in_(wanted)
                )
            )
        }
        new_rows: dict[str, tuple[Any, ...]] = {}
        for pending in batch:
            known = stored.get(pending.external_id)
            if known is None:
                if pending.external_id not in new_rows:
                    text = pending.text
                    new_rows[pending.external_id] = (
                        pending.external_id,
                        text,
                        pending.sha256,
                        len(text),
                        title_of(text),
                        pending.meta,
                    )
            elif known[1] != pending.sha256:
                self.problem(
                    Problem(
                        pending.source,
                        pending.line,
                        f"document {pending.external_id!r} is already stored with a different text",
                    )
                )
            else:
                self.report.documents_known += 1
        if new_rows:
            ids = self._rows.documents(list(new_rows.values()), utcnow())
            stored.update({ext: (ident, "") for ext, ident in zip(new_rows, ids, strict=True)})
            self.report.documents_added += len(new_rows)
        for pending in batch:
            known = stored.get(pending.external_id)
            if known is not None and (not known[1] or known[1] == pending.sha256):
                pending.document_id = known[0]
                pending.new_document = not known[1]

    def write_annotations(self, batch: list[_Pending]) -> None:
        now = utcnow()
        keys: dict[tuple[int, int], _Pending] = {}
        for pending in batch:
            name = pending.annotator or self.default_annotator
            if name not in self._people:
                self._people[name] = person_id(self.session, name)
            keys[(pending.document_id, self._people[name])] = pending
        # Only a document stored before this import can have annotation sets stored already.
        maybe_stored = [key for key, pending in keys.items() if not pending.new_document]
        existing: dict[tuple[int, int], int] = {}
        if maybe_stored:
            existing = {
                (doc, person): ident
                for ident, doc, person in self.session.execute(
                    select(
                        AnnotationSet.id, AnnotationSet.document_id, AnnotationSet.person_id
                    ).where(
                        tuple_(AnnotationSet.document_id, AnnotationSet.person_id).in_(maybe_stored)
                    )
                )
            }
        for key, ident in existing.items():
            self._update_set(ident, keys[key], now)
        fresh = [key for key in keys if key not in existing]
        set_ids = dict(existing)
        if fresh:
            rows = [
                (
                    doc,
                    person,
                    (keys[(doc, person)].status or SetStatus.DONE).value,
                    cleaned(keys[(doc, person)].comments),
                    bool(keys[(doc, person)].flagged),
                )
                for doc, person in fresh
            ]
            set_ids.update(zip(fresh, self._rows.sets(rows, now), strict=True))
            self.report.sets_added += len(fresh)
        stored_spans: set[tuple[int, int, int, int]] = set()
        if existing:
            stored_spans = set(
                self.session.execute(
                    select(Span.set_id, Span.start, Span.end, Span.label_id).where(
                        Span.set_id.in_(list(existing.values()))
                    )
                )
            )
        labels = self._labels
        span_rows: list[tuple[int, int, int, int]] = []
        commented: list[tuple[int, int, int, int, str]] = []
        for key, pending in keys.items():
            set_id = set_ids[key]
            given = [(set_id, start, end, labels[name]) for start, end, name in pending.spans or ()]
            if key in existing:  # only a set stored before may hold some of these spans
                new = [row for row in given if row not in stored_spans]
                self.report.spans_known += len(given) - len(new)
                given = new
            if pending.span_comments:
                given = self._take_commented(given, pending.span_comments, commented)
            span_rows.extend(given)
        if span_rows:
            self._rows.spans(span_rows)
        if commented:
            self._rows.commented_spans(commented)
        self.report.spans_added += len(span_rows) + len(commented)

    def _take_commented(
        self,
        rows: list[tuple[int, int, int, int]],
        comments: dict[tuple[int, int, str], str],
        commented: list[tuple[int, int, int, int, str]],
    ) -> list[tuple[int, int, int, int]]:
        """Move the span rows that have a comment, with it, to ``commented``; the rest."""
        names = {ident: name for name, ident in self._labels.items()}
        rest = []
        for row in rows:
            comment = comments.get((row[1], row[2], names[row[3]]))
            if comment is None:
                rest.append(row)
            else:
                commented.append((*row, comment))
        return rest

    def _update_set(self, set_id: int, pending: _Pending, now: datetime) -> None:
        """The record's status, note and flag, where given, on a set stored before; only a
        changed value touches the row: a re-import changes nothing."""
        values: dict[str, Any] = {}
        changed = []
        if pending.status is not None:
            values["status"] = pending.status.value
            changed.append(AnnotationSet.status != pending.status.value)
        if pending.comments is not None:
            values["comment"] = comment = cleaned(pending.comments)
            changed.append(AnnotationSet.comment.is_distinct_from(comment))
        if pending.flagged is not None:
            values["flagged"] = pending.flagged
            changed.append(AnnotationSet.flagged != pending.flagged)
        if values:
            self.session.execute(
                update(AnnotationSet)
                .where(AnnotationSet.id == set_id, or_(*changed))
                .values(**values, updated_at=now)
            )
