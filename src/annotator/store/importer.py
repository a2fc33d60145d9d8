"""Importing records: validated as a whole, written in one transaction, or not at all."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import insert, select, tuple_, update
from sqlalchemy.orm import Session

from annotator.core.spans import Span as CoreSpan
from annotator.core.spans import duplicate_spans, span_problem
from annotator.core.status import SetStatus
from annotator.schemas import DocumentRecord, Located, Problem
from annotator.store.lookup import label_ids, person_id
from annotator.store.models import AnnotationSet, Document, Span, utcnow
from annotator.store.store import Store

# Problems kept for the report; beyond this only their number is.
MAX_PROBLEMS = 200
MAX_ID_LENGTH = 512
TITLE_LENGTH = 200


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


def title_of(text: str) -> str:
    """The first non-blank line, stripped and cut to 200 characters."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:TITLE_LENGTH]
    return ""


def import_records(
    store: Store,
    items: Iterable[Located | Problem],
    default_annotator: str = "imported",
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
        importer = _Importer(session, default_annotator, batch_size)
        for item in items:
            importer.take(item)
            if progress is not None:
                progress()
        importer.flush()
        if importer.total_problems:
            raise ImportRefused(importer.problems, importer.total_problems)
    return importer.report


@dataclass
class _Pending:
    where: Located
    sha256: str
    spans: list[CoreSpan] | None = None
    document_id: int = 0


@dataclass
class _Importer:
    session: Session
    default_annotator: str
    batch_size: int
    report: ImportReport = field(default_factory=ImportReport)
    problems: list[Problem] = field(default_factory=list)
    total_problems: int = 0
    # external id -> (sha256, where first seen); (external id, annotator) -> where first seen.
    _seen_documents: dict[str, tuple[str, str]] = field(default_factory=dict)
    _seen_sets: dict[tuple[str, str], str] = field(default_factory=dict)
    _batch: list[_Pending] = field(default_factory=list)
    _labels: dict[str, int] = field(default_factory=dict)
    _people: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._labels = label_ids(self.session)

    def problem(self, where: Located | Problem, message: str | None = None) -> None:
        self.total_problems += 1
        if len(self.problems) < MAX_PROBLEMS:
            if isinstance(where, Problem):
                self.problems.append(where)
            else:
                self.problems.append(Problem(where.source, where.line, message or ""))

    def take(self, item: Located | Problem) -> None:
        if isinstance(item, Problem):
            self.problem(item)
            return
        pending = self.check(item)
        if pending is not None:
            self._batch.append(pending)
            if len(self._batch) >= self.batch_size:
                self.flush()

    def check(self, where: Located) -> _Pending | None:
        """The record's own rules, and its consistency with the rest of this import."""
        record = where.record
        before = self.total_problems
        if not record.id or len(record.id) > MAX_ID_LENGTH:
            self.problem(where, f"id must be 1 to {MAX_ID_LENGTH} characters long")
        if "\x00" in record.text:
            self.problem(where, "text holds a NUL character (U+0000), which cannot be stored")
        try:
            sha = hashlib.sha256(record.text.encode("utf-8")).hexdigest()
        except UnicodeEncodeError as error:
            self.problem(where, f"text holds an unpaired surrogate at character {error.start}")
            return None
        here = f"{where.source}:{where.line}"
        first = self._seen_documents.setdefault(record.id, (sha, here))
        if first[0] != sha:
            self.problem(where, f"document {record.id!r} has another text at {first[1]}")
        spans = self.check_spans(where, record)
        if self.total_problems > before:
            return None
        return _Pending(where, sha, spans)

    def check_spans(self, where: Located, record: DocumentRecord) -> list[CoreSpan] | None:
        if record.spans is None:
            if record.annotator is not None or record.status is not None:
                self.problem(
                    where,
                    "annotator and status describe an annotation, but the record has no "
                    'spans (write "spans": [] for an annotation that found nothing)',
                )
            return None
        annotator = record.annotator or self.default_annotator
        here = f"{where.source}:{where.line}"
        first = self._seen_sets.setdefault((record.id, annotator), here)
        if first != here:
            self.problem(where, f"{annotator!r} annotated {record.id!r} already, at {first}")
        spans = []
        for given in record.spans:
            message = span_problem(
                record.text, given.start, given.end, given.label, self._labels, given.text
            )
            if message is not None:
                self.problem(where, message)
            spans.append(CoreSpan(given.start, given.end, given.label))
        for twice in duplicate_spans(spans):
            self.problem(where, f"span {twice.start}..{twice.end} {twice.label} is there twice")
        return spans

    def flush(self) -> None:
        batch, self._batch = self._batch, []
        if not batch:
            return
        self.resolve_documents(batch)
        annotated = [p for p in batch if p.spans is not None and p.document_id]
        if annotated:
            self.write_annotations(annotated)

    def resolve_documents(self, batch: list[_Pending]) -> None:
        """Set each pending record's document id, inserting the documents not stored yet."""
        wanted = {p.where.record.id for p in batch}
        stored = {
            ext: (ident, sha)
            for ext, ident, sha in self.session.execute(
                select(Document.external_id, Document.id, Document.sha256).where(
                    Document.external_id.in_(wanted)
                )
            ).tuples()
        }
        new_rows: dict[str, dict[str, object]] = {}
        for pending in batch:
            record = pending.where.record
            known = stored.get(record.id)
            if known is None:
                if record.id not in new_rows:
                    new_rows[record.id] = {
                        "external_id": record.id,
                        "text": record.text,
                        "sha256": pending.sha256,
                        "length": len(record.text),
                        "title": title_of(record.text),
                        "meta": record.meta,
                        "imported_at": utcnow(),
                    }
            elif known[1] != pending.sha256:
                self.problem(
                    pending.where,
                    f"document {record.id!r} is already stored with a different text",
                )
            else:
                self.report.documents_known += 1
        if new_rows:
            result = self.session.execute(
                insert(Document).returning(Document.external_id, Document.id),
                list(new_rows.values()),
            )
            stored.update({ext: (ident, "") for ext, ident in result.tuples()})
            self.report.documents_added += len(new_rows)
        for pending in batch:
            known = stored.get(pending.where.record.id)
            if known is not None and (not known[1] or known[1] == pending.sha256):
                pending.document_id = known[0]

    def write_annotations(self, batch: list[_Pending]) -> None:
        now = utcnow()
        keys: dict[tuple[int, int], _Pending] = {}
        for pending in batch:
            name = pending.where.record.annotator or self.default_annotator
            if name not in self._people:
                self._people[name] = person_id(self.session, name)
            keys[(pending.document_id, self._people[name])] = pending
        existing = {
            (doc, person): ident
            for ident, doc, person in self.session.execute(
                select(AnnotationSet.id, AnnotationSet.document_id, AnnotationSet.person_id).where(
                    tuple_(AnnotationSet.document_id, AnnotationSet.person_id).in_(list(keys))
                )
            ).tuples()
        }
        for key, ident in existing.items():
            status = keys[key].where.record.status
            if status is not None:
                self.session.execute(
                    update(AnnotationSet)
                    .where(AnnotationSet.id == ident)
                    .values(status=status.value, updated_at=now)
                )
        fresh = [key for key in keys if key not in existing]
        set_ids = dict(existing)
        if fresh:
            rows = [
                {
                    "document_id": doc,
                    "person_id": person,
                    "status": (keys[(doc, person)].where.record.status or SetStatus.DONE).value,
                    "created_at": now,
                    "updated_at": now,
                }
                for doc, person in fresh
            ]
            result = self.session.execute(
                insert(AnnotationSet).returning(
                    AnnotationSet.document_id, AnnotationSet.person_id, AnnotationSet.id
                ),
                rows,
            )
            set_ids.update({(doc, person): ident for doc, person, ident in result.tuples()})
            self.report.sets_added += len(fresh)
        stored_spans: set[tuple[int, int, int, int]] = set()
        if existing:
            stored_spans = set(
                self.session.execute(
                    select(Span.set_id, Span.start, Span.end, Span.label_id).where(
                        Span.set_id.in_(list(existing.values()))
                    )
                ).tuples()
            )
        span_rows = []
        for key, pending in keys.items():
            set_id = set_ids[key]
            for span in pending.spans or ():
                row = (set_id, span.start, span.end, self._labels[span.label])
                if row in stored_spans:
                    self.report.spans_known += 1
                    continue
                span_rows.append(
                    {"set_id": row[0], "start": row[1], "end": row[2], "label_id": row[3]}
                )
        if span_rows:
            self.session.execute(insert(Span), span_rows)
            self.report.spans_added += len(span_rows)
