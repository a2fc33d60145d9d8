"""Undoable answers to suggestions: accept (copy into the annotator's set) and reject (delete
from the model person's set). Each commits before it is shown.

Suggestions are named by ``(start, end, label)``, code point offsets into the stored text (end
exclusive), never by row id: undoing a rejection puts a suggestion back as a new row.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.gui.commands import StoreCommand, Triple
from annotator.gui.undo import StableKeys
from annotator.gui.workspace import Workspace
from annotator.store.annotations import SpanRejected, StoredSpan
from annotator.store.relations import RelationRejected
from annotator.store.suggestions import RejectedSuggestion, SuggestionError


class _SuggestionCommand(StoreCommand):
    refused = (SpanRejected, RelationRejected, SuggestionError)

    def __init__(
        self,
        workspace: Workspace,
        document_id: int,
        model_person: str,
        suggestions: Sequence[Triple],
        text: str,
    ) -> None:
        super().__init__(workspace, document_id, text)
        self.model_person = model_person
        self.suggestions = list(suggestions)


class AcceptSuggestions(_SuggestionCommand):
    """The suggestions copied into the annotator's set; undo deletes exactly the spans added."""

    def __init__(
        self,
        workspace: Workspace,
        keys: StableKeys,
        document_id: int,
        model_person: str,
        suggestions: Sequence[Triple],
        text: str,
    ) -> None:
        super().__init__(workspace, document_id, model_person, suggestions, text)
        self.keys = keys
        self.span_keys: list[int] = []
        self.stored: list[StoredSpan] = []

    def apply(self) -> None:
        self.stored = self.workspace.accept_suggestions(
            self.document_id, self.model_person, self.suggestions
        )
        self.keys.bind_all(self.span_keys, [span.id for span in self.stored])

    def revert(self) -> None:
        self.workspace.delete_spans(self.document_id, [self.keys.id_of(k) for k in self.span_keys])


class RejectSuggestions(_SuggestionCommand):
    """The suggestions deleted from the model person's set; undo puts them back."""

    def __init__(
        self,
        workspace: Workspace,
        document_id: int,
        model_person: str,
        suggestions: Sequence[Triple],
        text: str,
    ) -> None:
        super().__init__(workspace, document_id, model_person, suggestions, text)
        self.rejected: list[RejectedSuggestion] = []

    def apply(self) -> None:
        self.rejected = self.workspace.reject_suggestions(
            self.document_id, self.model_person, self.suggestions
        )

    def revert(self) -> None:
        self.workspace.restore_suggestions(self.document_id, self.rejected)
