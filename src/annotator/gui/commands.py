"""Undoable user actions: QUndoCommands whose redo() and undo() each commit to the store.

There is one undo stack for the whole window, across documents: undoing or redoing a change
made on another document first opens that document, so you see what is undone.

Span identity across undo and redo: deleting a span and undoing that re-creates it as a new
row with a new id. Commands therefore name spans by *keys* from
:class:`~annotator.gui.undo.StableKeys`, never reused, which map to the span's current row id.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from annotator.core.labels import LabelSchema, SchemaError
from annotator.core.relations import RelationSchema
from annotator.core.status import SetStatus
from annotator.gui.undo import DatabaseCommand, StableKeys
from annotator.gui.workspace import Workspace
from annotator.store.annotations import SpanRejected, StoredSpan
from annotator.store.corpus_labelling import CorpusAdded
from annotator.store.labels import (
    LabelEdit,
    RemovedSpan,
    SchemaChange,
    SchemaEdits,
    reverse_edits,
)
from annotator.store.notes import DocumentNote
from annotator.store.relation_labels import RelationLabelEdit, reverse_relation_edits
from annotator.store.relations import RelationRejected, StoredRelation, relations_touching

Triple = tuple[int, int, str]


def quote(text: str, limit: int = 30) -> str:
    """A span's text for a menu entry or message: one line, at most ``limit`` characters."""
    flat = " ".join(text.split())
    return f"“{flat if len(flat) <= limit else flat[: limit - 1] + '…'}”"


class StoreCommand(DatabaseCommand):
    """A change to one document's spans or status, made through the workspace."""

    refused: ClassVar[tuple[type[Exception], ...]] = (SpanRejected, RelationRejected)
    document_id: int

    def __init__(self, workspace: Workspace, document_id: int, text: str) -> None:
        super().__init__(workspace, document_id, text)
        self.workspace = workspace


class AddSpans(StoreCommand):
    def __init__(
        self,
        workspace: Workspace,
        keys: StableKeys,
        document_id: int,
        spans: Sequence[Triple],
        text: str,
    ) -> None:
        super().__init__(workspace, document_id, text)
        self.keys = keys
        self.spans = list(spans)
        self.span_keys: list[int] = []
        self.stored: list[StoredSpan] = []

    def apply(self) -> None:
        self.stored = self.workspace.add_spans(self.document_id, self.spans)
        self.keys.bind_all(self.span_keys, [span.id for span in self.stored])

    def revert(self) -> None:
        self.workspace.delete_spans(self.document_id, [self.keys.id_of(k) for k in self.span_keys])


class DeleteSpans(StoreCommand):
    """Spans deleted with their relations (the database cascades); undo gives both back,
    the relations against the spans' new row ids."""

    def __init__(
        self,
        workspace: Workspace,
        keys: StableKeys,
        document_id: int,
        spans: Sequence[StoredSpan],
        text: str,
    ) -> None:
        super().__init__(workspace, document_id, text)
        self.keys = keys
        self.span_keys = [keys.key_of(span.id) for span in spans]
        self.triples = [(span.start, span.end, span.label) for span in spans]
        self.comments = [span.comment for span in spans]  # given back with the spans
        # The relations the deletion took, as last read, and the key of each end's span.
        self.relations: list[StoredRelation] = []
        self._end_keys: dict[int, int] = {}

    def apply(self) -> None:
        ids = [self.keys.id_of(k) for k in self.span_keys]
        self.relations = relations_touching(self.workspace.store, ids)
        self._end_keys = {
            span_id: self.keys.key_of(span_id)
            for relation in self.relations
            for span_id in (relation.source_id, relation.target_id)
        }
        self.workspace.delete_spans(self.document_id, ids)

    def revert(self) -> None:
        stored = self.workspace.add_spans(self.document_id, self.triples, self.comments)
        self.keys.bind_all(self.span_keys, [span.id for span in stored])
        if self.relations:
            new_ids = {old: self.keys.id_of(key) for old, key in self._end_keys.items()}
            self.workspace.restore_relations(self.document_id, self.relations, new_ids)


class RelabelSpan(StoreCommand):
    """A span's new label; with ``broken``, the span's relations the new label does not
    allow are deleted in the same transaction (undo relabels and gives them back in one)."""

    def __init__(
        self,
        workspace: Workspace,
        keys: StableKeys,
        document_id: int,
        span: StoredSpan,
        label: str,
        broken: Sequence[StoredRelation] = (),
    ) -> None:
        super().__init__(workspace, document_id, f"Relabel as {label}")
        self.keys = keys
        self.key = keys.key_of(span.id)
        self.start, self.end = span.start, span.end
        self.before = span.label
        self.after = label
        # (source key, target key, relation label): span ids change when undo re-creates them.
        self.broken = [
            (keys.key_of(r.source_id), keys.key_of(r.target_id), r.label) for r in broken
        ]

    def apply(self) -> None:
        document = self.workspace.ensure_open(self.document_id)
        dropping = [document.relation_between(*ends).id for ends in self._broken_ids()]
        span_id = self.keys.id_of(self.key)
        self.workspace.relabel_span(self.document_id, span_id, self.after, dropping)

    def revert(self) -> None:
        span_id = self.keys.id_of(self.key)
        restoring = self._broken_ids()
        self.workspace.relabel_span(self.document_id, span_id, self.before, (), restoring)

    def _broken_ids(self) -> list[Triple]:
        return [(self.keys.id_of(s), self.keys.id_of(t), label) for s, t, label in self.broken]


class CommentSpan(StoreCommand):
    """A span's comment set, changed or removed (``after`` None)."""

    def __init__(
        self,
        workspace: Workspace,
        keys: StableKeys,
        document_id: int,
        span: StoredSpan,
        after: str | None,
        text: str,
    ) -> None:
        super().__init__(workspace, document_id, text)
        self.keys = keys
        self.key = keys.key_of(span.id)
        self.before, self.after = span.comment, after

    def apply(self) -> None:
        self.workspace.comment_span(self.document_id, self.keys.id_of(self.key), self.after)

    def revert(self) -> None:
        self.workspace.comment_span(self.document_id, self.keys.id_of(self.key), self.before)


class SetDocumentNote(StoreCommand):
    """This person's note and flag on a document; undo gives back the ones before (and, if
    the note began the document, takes the annotation set away again while it is empty)."""

    def __init__(
        self, workspace: Workspace, document_id: int, note: DocumentNote, text: str
    ) -> None:
        super().__init__(workspace, document_id, text)
        self.note = note
        self.previous: DocumentNote | None = None

    def apply(self) -> None:
        self.previous = self.workspace.set_note(self.document_id, self.note)

    def revert(self) -> None:
        self.workspace.set_note(self.document_id, self.previous)


class SetDocumentStatus(StoreCommand):
    def __init__(self, workspace: Workspace, document_id: int, status: SetStatus) -> None:
        word = "done" if status is SetStatus.DONE else "not done"
        super().__init__(workspace, document_id, f"Mark document {word}")
        self.status = status
        self.previous: SetStatus | None = None

    def apply(self) -> None:
        self.previous = self.workspace.set_status(self.document_id, self.status)

    def revert(self) -> None:
        self.workspace.set_status(self.document_id, self.previous)


class LabelAcross(DatabaseCommand):
    """Spans added in many documents at once (Ctrl+Shift+L): one step of the undo stack.
    Undo deletes exactly the rows it added (and the annotation sets it created, left empty);
    redo adds the same spans again, skipping any stored meanwhile."""

    refused = (SpanRejected,)

    def __init__(self, workspace: Workspace, spans: dict[int, list[Triple]], text: str) -> None:
        super().__init__(workspace, None, text)
        self.workspace = workspace
        self.spans = spans
        self.added: CorpusAdded | None = None

    def apply(self) -> None:
        self.added = self.workspace.add_across(self.spans)

    def revert(self) -> None:
        if self.added is not None:
            self.workspace.remove_across(self.added)


class ChangeSchema(DatabaseCommand):
    """The label dialog's accepted edits (labels and relation labels), as one step of the
    window's undo stack.

    Undo stores the labels and relation labels as they were and gives back the spans and
    relations (every annotator's) that the deleted ones took with them, as new rows whose keys
    follow them; redo makes the edits again and gives back what the undo deleted (spans and
    relations made meanwhile with a label it added). Each refuses, changing nothing, if the
    labels were changed elsewhere in between.
    """

    refused = (SchemaError,)

    def __init__(self, workspace: Workspace, keys: StableKeys, edits: SchemaEdits) -> None:
        super().__init__(workspace, None, "Edit labels")
        self.workspace = workspace
        self.keys = keys
        self.edits = edits
        self.backward = reverse_edits(edits.before, edits.labels)
        self.relations_backward = reverse_relation_edits(edits.relations_before, edits.relations)
        self.after: SchemaChange | None = None  # what the edits made (the undo expects it)
        self.change: SchemaChange | None = None  # what the last run did
        self._removed: tuple[RemovedSpan, ...] = ()  # given back by the next run
        self._removed_keys: list[int] = []
        # The relations the last run deleted, by their ends' span keys: given back next run.
        self._removed_relations: list[Triple] = []

    def apply(self) -> None:
        edits = self.edits
        self.after = self._run(edits.labels, edits.before, edits.relations, edits.relations_before)

    def revert(self) -> None:
        after = self.after
        assert after is not None  # reverted only after it was applied
        self._run(self.backward, after.schema, self.relations_backward, after.relation_schema)

    def _run(
        self,
        edits: Sequence[LabelEdit],
        expect: LabelSchema,
        relations: Sequence[RelationLabelEdit],
        expect_relations: RelationSchema,
    ) -> SchemaChange:
        # A span given back by this run still has its old id under its key: the store maps it.
        restoring = [
            (self.keys.id_of(s), self.keys.id_of(t), x) for s, t, x in self._removed_relations
        ]
        change = self.workspace.change_schema(
            edits,
            self._removed,
            expect,
            relations=relations,
            restore_relations=restoring,
            expect_relations=expect_relations,
        )
        self.keys.bind_all(self._removed_keys, change.restored)
        self._removed = change.removed
        self._removed_keys = [self.keys.key_of(span.id) for span in change.removed]
        self._removed_relations = [
            (self.keys.key_of(r.source_id), self.keys.key_of(r.target_id), r.label)
            for r in change.removed_relations
        ]
        self.change = change
        return change


def pending_marks(command: DatabaseCommand) -> list[Triple]:
    """The spans a change waiting for the database touches, to draw as pending: the spans it
    adds, deletes or relabels (with the new label)."""
    if isinstance(command, AddSpans):
        return list(command.spans)
    if isinstance(command, DeleteSpans):
        return list(command.triples)
    if isinstance(command, RelabelSpan):
        return [(command.start, command.end, command.after)]
    return []
