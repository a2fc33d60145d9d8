"""Undoable relation changes: add, delete, relabel. Each commits before it is shown.

A relation is named by its ends' span *keys* (:class:`~annotator.gui.undo.StableKeys`) and its
label, never by its row id: undoing a span's deletion re-creates the span, and its relations,
as new rows, and a relation is unique by (source, target, label).
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.gui.commands import StoreCommand
from annotator.gui.undo import StableKeys
from annotator.gui.workspace import Workspace
from annotator.store.relations import StoredRelation

Ends = tuple[int, int, str]  # (source span key, target span key, relation label)


class _RelationCommand(StoreCommand):
    def __init__(self, workspace: Workspace, keys: StableKeys, document_id: int, text: str):
        super().__init__(workspace, document_id, text)
        self.keys = keys

    def ends_of(self, relation: StoredRelation) -> Ends:
        return (
            self.keys.key_of(relation.source_id),
            self.keys.key_of(relation.target_id),
            relation.label,
        )

    def ids_of(self, ends: Ends) -> tuple[int, int, str]:
        source, target, label = ends
        return self.keys.id_of(source), self.keys.id_of(target), label

    def current(self, ends: Ends) -> StoredRelation:
        """The stored relation named by ``ends`` (its row id may have changed)."""
        document = self.workspace.ensure_open(self.document_id)
        return document.relation_between(*self.ids_of(ends))


class AddRelation(_RelationCommand):
    def __init__(
        self,
        workspace: Workspace,
        keys: StableKeys,
        document_id: int,
        source_id: int,
        target_id: int,
        label: str,
        text: str,
    ) -> None:
        super().__init__(workspace, keys, document_id, text)
        self.ends: Ends = (keys.key_of(source_id), keys.key_of(target_id), label)
        self.stored: StoredRelation | None = None

    def apply(self) -> None:
        (self.stored,) = self.workspace.add_relations(self.document_id, [self.ids_of(self.ends)])

    def revert(self) -> None:
        self.workspace.delete_relations(self.document_id, [self.current(self.ends).id])


class DeleteRelations(_RelationCommand):
    def __init__(
        self,
        workspace: Workspace,
        keys: StableKeys,
        document_id: int,
        relations: Sequence[StoredRelation],
        text: str,
    ) -> None:
        super().__init__(workspace, keys, document_id, text)
        self.ends = [self.ends_of(relation) for relation in relations]

    def apply(self) -> None:
        ids = [self.current(ends).id for ends in self.ends]
        self.workspace.delete_relations(self.document_id, ids)

    def revert(self) -> None:
        self.workspace.add_relations(self.document_id, [self.ids_of(e) for e in self.ends])


class RelabelRelation(_RelationCommand):
    def __init__(
        self,
        workspace: Workspace,
        keys: StableKeys,
        document_id: int,
        relation: StoredRelation,
        label: str,
    ) -> None:
        super().__init__(workspace, keys, document_id, f"Relabel relation as {label}")
        self.before = self.ends_of(relation)
        self.after: Ends = (*self.before[:2], label)

    def apply(self) -> None:
        self.workspace.relabel_relation(
            self.document_id, self.current(self.before).id, self.after[2]
        )

    def revert(self) -> None:
        self.workspace.relabel_relation(
            self.document_id, self.current(self.after).id, self.before[2]
        )
