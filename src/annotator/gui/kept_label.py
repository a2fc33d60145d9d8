"""A kept label: one mouse gesture a span.

With nothing selected (no words, no span), a label's key, or its button in the label bar,
*keeps* that label: every mouse drag or double-click in the article then labels what it
selects at once, as the manual interfaces of Prodigy and Label Studio do once a label is
chosen. The same key again, or Escape with nothing selected, lets go; another label's key
(nothing selected) keeps that one instead. A span labelled so is not left selected, so that
the next label key chooses the next label to keep; to relabel it, click it and press the key,
as always. Keys that move the selection (Right, Shift+Right) never label by themselves: a
kept label acts on what the mouse chose. The label bar shows the kept label's button pressed.
Nothing is labelled where labelling is not allowed (review mode) or while a relation is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from annotator.gui.editing import Editor


class KeptLabel(QObject):
    """The label a drag gives at once, if any."""

    changed = Signal(str)  # the kept label's name; "" when none is kept

    def __init__(self, editor: Editor, allowed: Callable[[str], bool]) -> None:
        super().__init__(editor)
        self.editor = editor
        self.allowed = allowed
        self.name: str | None = None
        editor.view.rangeChosen.connect(self._chosen)
        editor.workspace.schemaChanged.connect(self._schema_changed)

    def toggle(self, label: str) -> None:
        """Keep ``label``; let go if it is the one kept."""
        if self.name == label:
            self.let_go()
            return
        self.name = label
        self.changed.emit(label)
        self.editor.message.emit(f"Keeping {label}: a drag labels it at once (Esc lets go)")

    def let_go(self) -> None:
        if self.name is None:
            return
        self.name = None
        self.changed.emit("")
        self.editor.message.emit("No label kept: a drag selects, a label key labels.")

    def _chosen(self, start: int, end: int) -> None:
        name = self.name
        if name is None or self.editor.relations.active or not self.allowed(name):
            return
        self.editor.label_range(name, start, end, keep_selected=False)

    def _schema_changed(self) -> None:
        if self.name is not None and self.name not in self.editor.workspace.schema:
            self.let_go()
