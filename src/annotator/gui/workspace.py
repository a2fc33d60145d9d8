"""The open corpus as the window sees it: one store, one annotator, one open document.

Every change goes to the store first, in its own committed transaction, and only what the
store returned is then announced to the views: nothing is shown that is not saved. Offsets are
code points into the stored text, end exclusive, as the store keeps them.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from annotator.core.labels import LabelSchema
from annotator.core.relations import RelationSchema
from annotator.core.status import SetStatus
from annotator.store import annotations as span_store
from annotator.store import corpus_labelling, documents, notes
from annotator.store import relations as relation_store
from annotator.store import suggestions as suggestion_store
from annotator.store.annotations import StoredSpan
from annotator.store.corpus_labelling import CorpusAdded
from annotator.store.labels import (
    LabelEdit,
    RemovedSpan,
    SchemaChange,
    apply_schema,
    load_schema,
)
from annotator.store.notes import DocumentNote
from annotator.store.progress import person_progress
from annotator.store.relation_labels import RelationLabelEdit
from annotator.store.relations import StoredRelation
from annotator.store.store import Store
from annotator.store.suggestions import RejectedSuggestion, Suggestion, SuggestionError


@dataclass
class OpenDocument:
    """The document shown, with this annotator's spans on it (sorted), the relations between
    them (sorted), status, and their note and flag on it."""

    id: int
    external_id: str
    text: str
    spans: list[StoredSpan] = field(default_factory=list)
    status: SetStatus | None = None
    note: DocumentNote = field(default_factory=DocumentNote)
    relations: list[StoredRelation] = field(default_factory=list)

    def span(self, span_id: int) -> StoredSpan | None:
        return next((span for span in self.spans if span.id == span_id), None)

    def relation(self, relation_id: int) -> StoredRelation | None:
        return next((r for r in self.relations if r.id == relation_id), None)

    def relation_between(self, source_id: int, target_id: int, label: str) -> StoredRelation:
        """The stored relation ``label`` from span ``source_id`` to span ``target_id``."""
        for relation in self.relations:
            if (relation.source_id, relation.target_id, relation.label) == (
                source_id,
                target_id,
                label,
            ):
                return relation
        raise relation_store.RelationRejected(f"that {label} relation no longer exists")


class Workspace(QObject):
    """Store calls for the window's user actions, and signals saying what they changed."""

    documentOpened = Signal()
    spansAdded = Signal(list)  # list[StoredSpan]
    spansRemoved = Signal(list)  # list[int] (span ids)
    spanRelabelled = Signal(object)  # StoredSpan (same id, new label or comment)
    relationsAdded = Signal(list)  # list[StoredRelation]
    relationsRemoved = Signal(list)  # list[int] (relation ids)
    noteChanged = Signal(int, bool)  # (document id, flagged): its note or flag changed
    # (document id, status or None, span count): a row of the document list changed.
    documentChanged = Signal(int, object, int)
    progressChanged = Signal()  # this person's documents done may have changed
    schemaChanged = Signal()
    corpusChanged = Signal()  # documents were imported
    spansChangedAcross = Signal()  # spans were added or removed in many documents at once
    suggestionsChanged = Signal(int)  # a model person's suggestions on this document changed

    def __init__(self, store: Store, user: str) -> None:
        super().__init__()
        self.store = store
        self.user = user
        self.schema: LabelSchema = load_schema(store)
        self.relation_schema: RelationSchema = relation_store.load_relation_schema(store)
        self.document: OpenDocument | None = None

    # -- documents -------------------------------------------------------------------------

    def open_document(self, document_id: int) -> OpenDocument:
        found = documents.document_text(self.store, document_id)
        spans = span_store.spans_of(self.store, document_id, self.user)
        status = span_store.set_status_of(self.store, document_id, self.user)
        note = notes.note_of(self.store, document_id, self.user)
        relations = relation_store.relations_of(self.store, document_id, self.user)
        self.document = OpenDocument(
            found.id, found.external_id, found.text, spans, status, note, relations
        )
        self.documentOpened.emit()
        return self.document

    def ensure_open(self, document_id: int) -> OpenDocument:
        """The open document, after switching to ``document_id`` if another one is open."""
        if self.document is None or self.document.id != document_id:
            return self.open_document(document_id)
        return self.document

    def first_document(self) -> int | None:
        """Where to start: this person's first unfinished document, else the first one."""
        found = documents.next_unfinished(self.store, self.user)
        if found is None:
            found = documents.neighbour(self.store, self.user, 0, forward=True)
        return found

    def document_exists(self, document_id: int) -> bool:
        page = documents.list_documents(self.store, self.user, after=document_id - 1, limit=1)
        return bool(page) and page[0].id == document_id

    def neighbour(self, forward: bool) -> int | None:
        if self.document is None:
            return self.first_document()
        return documents.neighbour(self.store, self.user, self.document.id, forward=forward)

    def next_unfinished(self) -> int | None:
        after = self.document.id if self.document is not None else 0
        found = documents.next_unfinished(self.store, self.user, after)
        return None if self.document is not None and found == self.document.id else found

    def progress(self) -> tuple[int, int]:
        """(documents this person marked done, documents they may open)."""
        figures = person_progress(self.store, self.user)
        return figures.done, figures.may_open

    # -- spans -----------------------------------------------------------------------------

    def add_spans(
        self,
        document_id: int,
        spans: Sequence[tuple[int, int, str]],
        comments: Sequence[str | None] = (),
    ) -> list[StoredSpan]:
        """Store ``(start, end, label)`` spans (all or none; ``comments`` their comments, if
        given), then show them."""
        document = self.ensure_open(document_id)
        stored = span_store.add_spans(self.store, document_id, self.user, spans, comments)
        for span in stored:
            insort(document.spans, span)
        if document.status is None:
            document.status = SetStatus.IN_PROGRESS
        self.spansAdded.emit(stored)
        self._announce(document)
        return stored

    def delete_spans(self, document_id: int, span_ids: Sequence[int]) -> list[StoredSpan]:
        """Delete spans by id; returns them as they were."""
        document = self.ensure_open(document_id)
        wanted = set(span_ids)
        gone = [span for span in document.spans if span.id in wanted]
        span_store.delete_spans(self.store, wanted)
        document.spans = [span for span in document.spans if span.id not in wanted]
        # The database deleted their relations with them (the foreign keys cascade).
        self._forget_relations(
            document, [r.id for r in document.relations if {r.source_id, r.target_id} & wanted]
        )
        self.spansRemoved.emit([span.id for span in gone])
        self._announce(document)
        return gone

    def relabel_span(
        self,
        document_id: int,
        span_id: int,
        label: str,
        dropping: Sequence[int] = (),
        restoring: Sequence[tuple[int, int, str]] = (),
    ) -> StoredSpan:
        """Relabel a span, deleting the relations ``dropping`` (ids) and storing ``restoring``
        in the same transaction (:func:`annotator.store.relations.relabel_span`), then show it."""
        document = self.ensure_open(document_id)
        changed, restored = relation_store.relabel_span(
            self.store, span_id, label, dropping, restoring
        )
        self._forget_relations(document, dropping)
        document.spans = sorted(changed if span.id == span_id else span for span in document.spans)
        self.spanRelabelled.emit(changed)
        self._show_relations(document, restored)
        return changed

    # -- relations -------------------------------------------------------------------------

    def add_relations(
        self, document_id: int, relations: Sequence[tuple[int, int, str]]
    ) -> list[StoredRelation]:
        """Store ``(source span id, target span id, label)`` relations (all or none), then
        show them."""
        document = self.ensure_open(document_id)
        stored = relation_store.add_relations(self.store, relations)
        self._show_relations(document, stored)
        return stored

    def delete_relations(self, document_id: int, relation_ids: Sequence[int]) -> None:
        document = self.ensure_open(document_id)
        relation_store.delete_relations(self.store, relation_ids)
        self._forget_relations(document, relation_ids)

    def relabel_relation(self, document_id: int, relation_id: int, label: str) -> StoredRelation:
        document = self.ensure_open(document_id)
        changed = relation_store.relabel_relation(self.store, relation_id, label)
        self._forget_relations(document, [relation_id])
        self._show_relations(document, [changed])
        return changed

    def restore_relations(
        self,
        document_id: int,
        relations: Sequence[StoredRelation],
        new_ids: dict[int, int],
    ) -> list[StoredRelation]:
        """Store relations deleted with their spans again, the spans' old row ids replaced
        by ``new_ids`` (see :func:`annotator.store.relations.restore_relations`)."""
        document = self.ensure_open(document_id)
        stored = relation_store.restore_relations(self.store, relations, new_ids)
        self._show_relations(document, stored)
        return stored

    def _show_relations(self, document: OpenDocument, stored: Sequence[StoredRelation]) -> None:
        if stored:
            document.relations = sorted([*document.relations, *stored])
            self.relationsAdded.emit(list(stored))

    def _forget_relations(self, document: OpenDocument, relation_ids: Sequence[int]) -> None:
        gone = set(relation_ids)
        if gone:
            document.relations = [r for r in document.relations if r.id not in gone]
            self.relationsRemoved.emit(sorted(gone))

    def add_across(self, spans: dict[int, list[tuple[int, int, str]]]) -> CorpusAdded:
        """Store spans in many documents at once (one transaction), then show them."""
        added = corpus_labelling.add_across(self.store, self.user, spans)
        self._spans_changed_across(added.documents)
        return added

    def remove_across(self, added: CorpusAdded) -> None:
        """Take back exactly what :meth:`add_across` added, then show that."""
        corpus_labelling.remove_added(self.store, added)
        self._spans_changed_across(added.documents)

    def _spans_changed_across(self, document_ids: Sequence[int]) -> None:
        document = self.document
        if document is not None and document.id in document_ids:
            before = {span.id for span in document.spans}
            document.spans = span_store.spans_of(self.store, document.id, self.user)
            document.status = span_store.set_status_of(self.store, document.id, self.user)
            after = {span.id for span in document.spans}
            gone = sorted(before - after)
            if gone:
                touching = set(gone)
                self._forget_relations(
                    document,
                    [r.id for r in document.relations if {r.source_id, r.target_id} & touching],
                )
                self.spansRemoved.emit(gone)
            new = [span for span in document.spans if span.id not in before]
            if new:
                self.spansAdded.emit(new)
        self.spansChangedAcross.emit()

    # -- suggestions (a model person's spans: annotator.store.suggestions) ------------------

    def suggestions(self, document_id: int, model_person: str) -> list[Suggestion]:
        return suggestion_store.suggestions_of(self.store, document_id, model_person)

    def accept_suggestions(
        self, document_id: int, model_person: str, triples: Sequence[tuple[int, int, str]]
    ) -> list[StoredSpan]:
        """Copy the model person's suggestions ``(start, end, label)`` into this person's
        set (one transaction), then show the spans added."""
        document = self.ensure_open(document_id)
        ids = self._suggestion_ids(document_id, model_person, triples)
        stored = suggestion_store.accept_suggestions(self.store, document_id, self.user, ids)
        for span in stored:
            insort(document.spans, span)
        if stored and document.status is None:
            document.status = SetStatus.IN_PROGRESS
        self.spansAdded.emit(stored)
        self._announce(document)
        return stored

    def reject_suggestions(
        self, document_id: int, model_person: str, triples: Sequence[tuple[int, int, str]]
    ) -> list[RejectedSuggestion]:
        """Delete the model person's suggestions ``(start, end, label)``; returns what
        :meth:`restore_suggestions` needs to put them back."""
        self.ensure_open(document_id)
        ids = self._suggestion_ids(document_id, model_person, triples)
        rejected = suggestion_store.reject_suggestions(self.store, ids)
        self.suggestionsChanged.emit(document_id)
        return rejected

    def restore_suggestions(self, document_id: int, rejected: Sequence[RejectedSuggestion]) -> None:
        self.ensure_open(document_id)
        suggestion_store.restore_suggestions(self.store, rejected)
        self.suggestionsChanged.emit(document_id)

    def _suggestion_ids(
        self, document_id: int, model_person: str, triples: Sequence[tuple[int, int, str]]
    ) -> list[int]:
        """The current row ids of suggestions named by offsets and label (a rejection undone
        gives a suggestion a new row)."""
        shown = self.suggestions(document_id, model_person)
        found = {(s.start, s.end, s.label): s.id for s in shown}
        missing = [triple for triple in triples if triple not in found]
        if missing:
            start, end, label = missing[0]
            raise SuggestionError(f"the {label} suggestion at {start}..{end} is no longer there")
        return [found[triple] for triple in triples]

    def comment_span(self, document_id: int, span_id: int, comment: str | None) -> StoredSpan:
        """Store the span's comment (None: none), then show it."""
        document = self.ensure_open(document_id)
        changed = notes.set_span_comment(self.store, span_id, comment)
        document.spans = sorted(changed if span.id == span_id else span for span in document.spans)
        self.spanRelabelled.emit(changed)
        return changed

    def set_note(self, document_id: int, note: DocumentNote | None) -> DocumentNote | None:
        """Store this person's note and flag on the document (None: undo the note that began
        it); returns the previous ones (None: not begun), then shows them."""
        document = self.ensure_open(document_id)
        previous = notes.set_note(self.store, document_id, self.user, note)
        document.note = note or DocumentNote()
        document.status = span_store.set_status_of(self.store, document_id, self.user)
        self.noteChanged.emit(document_id, document.note.flagged)
        self._announce(document)
        return previous

    def set_status(self, document_id: int, status: SetStatus | None) -> SetStatus | None:
        """Set this person's status on the document; returns the previous one."""
        document = self.ensure_open(document_id)
        previous = span_store.set_status(self.store, document_id, self.user, status)
        document.status = span_store.set_status_of(self.store, document_id, self.user)
        self._announce(document)
        self.progressChanged.emit()
        return previous

    # -- schema and corpus -----------------------------------------------------------------

    def change_schema(
        self,
        edits: Sequence[LabelEdit],
        restore: Sequence[RemovedSpan] = (),
        expect: LabelSchema | None = None,
        *,
        relations: Sequence[RelationLabelEdit] | None = None,
        restore_relations: Sequence[tuple[int, int, str]] = (),
        expect_relations: RelationSchema | None = None,
    ) -> SchemaChange:
        """Store the edited label and relation schemas
        (:func:`annotator.store.labels.apply_schema`), then show them, and the open document's
        spans and relations again: their labels may have been renamed or deleted, or spans
        and relations given back."""
        change = apply_schema(
            self.store,
            edits,
            restore,
            expect,
            relations=relations,
            restore_relations=restore_relations,
            expect_relations=expect_relations,
        )
        self.schema = change.schema
        self.relation_schema = change.relation_schema
        self.schemaChanged.emit()
        if self.document is not None:
            self.open_document(self.document.id)
        return change

    def announce_import(self) -> None:
        self.corpusChanged.emit()
        self.progressChanged.emit()

    def _announce(self, document: OpenDocument) -> None:
        self.documentChanged.emit(document.id, document.status, len(document.spans))
