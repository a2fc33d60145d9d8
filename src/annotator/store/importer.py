"""Importing records: validated as a whole, written in one transaction, or not at all."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, tuple_, update
from sqlalchemy.orm import Session

from annotator.core.comments import cleaned
from annotator.core.relations import RelationSchema
from annotator.core.status import IMPORTED, SetStatus
from annotator.core.texts import title_of
from annotator.schemas import Located, Problem
from annotator.store.child_process import iterated_in_child
from annotator.store.import_checks import SET, TEXT, CheckedBatch, Pending, RecordChecker
from annotator.store.import_rows import ImportRows, RelationRow, SpanRow
from annotator.store.import_seen import Seen
from annotator.store.lookup import label_ids, person_id
from annotator.store.models import AnnotationSet, Document, Relation, RelationLabel, Span, utcnow
from annotator.store.relation_schema import relation_schema
from annotator.store.store import Store

# Problems kept for the report; beyond this only their number is.
MAX_PROBLEMS = 200
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
    relations_added: int = 0
    relations_known: int = 0


def import_records(
    store: Store,
    items: Iterable[Located | Problem],
    default_annotator: str = IMPORTED,
    progress: Callable[[], None] | None = None,
    batch_size: int = 500,
    in_child: bool = False,
) -> ImportReport:
    """Import ``items`` in one transaction; raise :class:`ImportRefused` (and write nothing)
    if any item is a problem or breaks a rule.

    A document already stored with the same id and text adds nothing; with another text it is
    a problem. Spans and relations already stored in the same annotation set are skipped, so
    importing the same file twice changes nothing (an annotation is added to, never replaced:
    a record's relations may link spans the set held before). An annotation set takes the
    record's status, ``done`` if the record gives none (an imported annotation is taken to be
    finished work).

    ``in_child``: the records are read and checked in a child process while this one writes
    (:mod:`annotator.store.child_process`): for the command line, never in a process with
    threads (the window), since only the forking thread lives on in the child.
    """
    with store.writing() as session:
        _take_import_lock(session)
        seen = Seen(session.connection())
        writer = _Writer(session, seen, default_annotator)
        checker = RecordChecker(
            writer.labels, writer.relation_schema, default_annotator, batch_size
        )
        batches = checker.batches(items)
        if in_child:
            checked = batches
            batches = iterated_in_child(lambda: checked, "reading the import")
        for batch in batches:
            writer.write(batch)
            if progress is not None:
                for _ in range(batch.items):
                    progress()
        if writer.total_problems:
            raise ImportRefused(writer.problems, writer.total_problems)
        # Distinct documents, not records: a document on several lines (one per annotator) or
        # in several batches is one document already stored.
        report = writer.report
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


_CLASH_STAGE = {"text": TEXT, "set": SET}


@dataclass
class _Writer:
    """Writes checked batches: each checked against the rest of the import (:class:`Seen`)
    and against what is stored, then inserted; keeps the problems and the report."""

    session: Session
    seen: Seen
    default_annotator: str
    report: ImportReport = field(default_factory=ImportReport)
    problems: list[Problem] = field(default_factory=list)
    total_problems: int = 0
    labels: dict[str, int] = field(default_factory=dict)
    relation_schema: RelationSchema = field(default_factory=RelationSchema)
    relation_labels: dict[str, int] = field(default_factory=dict)
    _people: dict[str, int] = field(default_factory=dict)
    _rows: ImportRows = field(init=False)

    def __post_init__(self) -> None:
        self.labels = label_ids(self.session)
        self.relation_schema = relation_schema(self.session)
        rows = self.session.execute(select(RelationLabel.name, RelationLabel.id)).all()
        self.relation_labels = dict(rows)
        self._rows = ImportRows(self.session.connection())

    def problem(self, problem: Problem) -> None:
        self.total_problems += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    def write(self, batch: CheckedBatch) -> None:
        checked, problems = batch.records, batch.problems
        clashes = self.seen.take([met for _number, met, _pending in checked]) if checked else []
        for clash in clashes:
            number, met, _pending = checked[clash.index]
            problem = Problem(met.source, met.line, clash.message)
            problems.append((number, _CLASH_STAGE[clash.kind], problem))
        problems.sort(key=lambda entry: entry[:2])  # stable: a record's problems keep their order
        for _index, _stage, problem in problems:
            self.problem(problem)
        clashed = {clash.index for clash in clashes}
        pending = [p for i, (_n, _m, p) in enumerate(checked) if p is not None and i not in clashed]
        if not pending:
            return
        self.resolve_documents(pending)
        annotated = [p for p in pending if p.spans is not None and p.document_id]
        if annotated:
            self.write_annotations(annotated)

    def resolve_documents(self, batch: list[Pending]) -> None:
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

    def write_annotations(self, batch: list[Pending]) -> None:
        now = utcnow()
        keys: dict[tuple[int, int], Pending] = {}
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
        self._write_spans(keys, set_ids, existing)

    def _write_spans(
        self,
        keys: dict[tuple[int, int], Pending],
        set_ids: dict[tuple[int, int], int],
        existing: dict[tuple[int, int], int],
    ) -> None:
        """Insert the spans of each record (by (document, person) key) that its set does not
        hold yet, then its relations that the set does not hold yet."""
        stored_spans: dict[tuple[int, int, int, int], int] = {}
        stored_relations: set[tuple[int, int, int]] = set()
        if existing:  # only a set stored before may hold some of these spans and relations
            old_sets = list(existing.values())
            stored_spans = {
                (set_id, start, end, label_id): ident
                for ident, set_id, start, end, label_id in self.session.execute(
                    select(Span.id, Span.set_id, Span.start, Span.end, Span.label_id).where(
                        Span.set_id.in_(old_sets)
                    )
                )
            }
            if any(keys[key].relations for key in existing):
                stored_relations = {
                    (source, target, label_id)
                    for source, target, label_id in self.session.execute(
                        select(Relation.source_id, Relation.target_id, Relation.label_id).where(
                            Relation.set_id.in_(old_sets)
                        )
                    )
                }
        labels = self.labels
        given: dict[tuple[int, int], list[tuple[int, int, int, int]]] = {}
        new: dict[tuple[int, int], list[tuple[int, int, int, int]]] = {}
        for key, pending in keys.items():
            set_id = set_ids[key]
            spans = [(set_id, start, end, labels[name]) for start, end, name in pending.spans or ()]
            given[key] = new[key] = spans
            if key in existing:
                new[key] = [row for row in spans if row not in stored_spans]
                self.report.spans_known += len(spans) - len(new[key])
        ids = self._rows.span_ids(sum(map(len, new.values())))
        span_rows: list[SpanRow] = []
        commented: list[tuple[int, int, int, int, int, str]] = []
        relation_rows: list[RelationRow] = []
        taken = 0
        for key, pending in keys.items():
            fresh = new[key]
            block = ids[taken : taken + len(fresh)]
            taken += len(fresh)
            inserted = [(ident, *row) for ident, row in zip(block, fresh, strict=True)]
            if pending.span_comments:
                inserted = self._take_commented(inserted, pending.span_comments, commented)
            span_rows.extend(inserted)
            if pending.relations:
                new_ids = dict(zip(fresh, block, strict=True))
                span_ids = [new_ids.get(row) or stored_spans[row] for row in given[key]]
                for source, target, name in pending.relations:
                    relation = (span_ids[source], span_ids[target], self.relation_labels[name])
                    if relation in stored_relations:
                        self.report.relations_known += 1
                    else:
                        relation_rows.append((set_ids[key], *relation))
        if span_rows:
            self._rows.spans(span_rows)
        if commented:
            self._rows.commented_spans(commented)
        if relation_rows:
            self._rows.relations(relation_rows)
        self.report.spans_added += len(span_rows) + len(commented)
        self.report.relations_added += len(relation_rows)

    def _take_commented(
        self,
        rows: list[SpanRow],
        comments: dict[tuple[int, int, str], str],
        commented: list[tuple[int, int, int, int, int, str]],
    ) -> list[SpanRow]:
        """Move the span rows that have a comment, with it, to ``commented``; the rest."""
        names = {ident: name for name, ident in self.labels.items()}
        rest = []
        for row in rows:
            comment = comments.get((row[2], row[3], names[row[4]]))
            if comment is None:
                rest.append(row)
            else:
                commented.append((*row, comment))
        return rest

    def _update_set(self, set_id: int, pending: Pending, now: datetime) -> None:
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
