"""Drawing a relation from the keyboard: **R** on a selected span starts it, **Tab** /
**Shift+Tab** go through the spans it may reach, nearest first (a click picks one), the relation
label's key commits it (**Enter** when only one label fits the pair), **Esc** cancels.

While a relation is being drawn the article's keys are this module's (an event filter on the
view claims them before the window's shortcuts); the page keys still scroll.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent

from annotator.core.relations import RelationLabel
from annotator.gui.commands import quote
from annotator.gui.relations.candidates import candidates, open_labels
from annotator.gui.relations.commands import AddRelation
from annotator.store.annotations import StoredSpan

if TYPE_CHECKING:
    from annotator.gui.editing import Editor

_PASSED_ON = {  # keys that keep scrolling the article while a relation is drawn
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
}
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)


class RelationPicker(QObject):
    """The relation being drawn in the window's article, if any."""

    status = Signal(str)  # what is going on, for the status bar (kept until the next one)

    def __init__(self, editor: Editor) -> None:
        super().__init__()
        self.editor = editor
        self.view = editor.view
        self.source: StoredSpan | None = None
        self.targets: list[StoredSpan] = []
        self.current = 0
        self.view.installEventFilter(self)
        self.view.spanClicked.connect(self._clicked)
        workspace = editor.workspace
        workspace.documentOpened.connect(lambda: self.cancel(""))
        workspace.spansRemoved.connect(lambda _: self.cancel(""))
        workspace.schemaChanged.connect(lambda: self.cancel(""))

    @property
    def active(self) -> bool:
        return self.source is not None

    def target(self) -> StoredSpan | None:
        return self.targets[self.current] if self.targets else None

    # -- the steps -----------------------------------------------------------------------------

    def start(self) -> None:
        """Start a relation at the selected span (R)."""
        selected = self.editor.selected_span("Click a span first, then press R to draw a relation.")
        if selected is None:
            return
        document, source = selected
        schema = self.editor.workspace.relation_schema
        if not schema.can_start(source.label):
            starts = sorted({s for label in schema for s in label.sources}) or ["no label"]
            self.editor.message.emit(
                f"No relation starts at a {source.label} span "
                f"(relations start at {', '.join(starts)})."
            )
            return
        targets = candidates(schema, source, document.spans, document.relations)
        if not targets:
            if candidates(schema, source, document.spans):
                self.editor.message.emit(
                    f"This {source.label} already has every relation that fits each span "
                    "it may reach."
                )
                return
            reachable = schema.targets_for(source.label) or set()
            self.editor.message.emit(
                f"No span here can be the other end of a relation from this {source.label} "
                f"(label a {' or '.join(sorted(reachable))} first)."
            )
            return
        self.source, self.targets, self.current = source, targets, 0
        self._show()

    def step(self, by: int) -> None:
        """Make the next (``by`` 1) or previous (-1) candidate current, nearest first."""
        if self.targets:
            self.current = (self.current + by) % len(self.targets)
            self._show()

    def commit(self, key: str | None) -> None:
        """Store the relation to the current target with the label of hotkey ``key``; None
        (Enter): the only label that fits the pair."""
        source, target = self.source, self.target()
        if source is None or target is None:
            return
        schema = self.editor.workspace.relation_schema
        fitting = self._open_labels(source, target)
        label: RelationLabel | None
        if key is None:
            if len(fitting) != 1:
                self._show("Several relations fit: press one's key.")
                return
            label = fitting[0]
        else:
            label = schema.for_key(key)
            if label is None:
                self._show(f"No relation has the key {key!r}.")
                return
            if label not in fitting:
                if label.allows(source.label, target.label):
                    self._show(f"That {label.name} relation is already there.")
                else:
                    self._show(
                        f"{label.name} goes {label.ends()}, not {source.label} -> {target.label}."
                    )
                return
        document = self.editor.workspace.document
        if document is None:
            return
        words = (quote(document.text[s.start : s.end], 20) for s in (source, target))
        text = f"Relation {label.name}: {' → '.join(words)}"
        command = AddRelation(
            self.editor.workspace,
            self.editor.keys,
            document.id,
            source.id,
            target.id,
            label.name,
            text,
        )
        if self.editor.run(command, lambda: self.view.select_span(source.id)):
            self.cancel(f"Added {text}.")
        elif self.editor.pending:
            self.cancel("The relation waits for the database.")

    def cancel(self, message: str = "Relation cancelled.") -> None:
        if self.source is None:
            return
        self.source, self.targets, self.current = None, [], 0
        self.view.mark_relation(None, (), None)
        self.status.emit(message)

    # -- events --------------------------------------------------------------------------------

    def _clicked(self, span_id: int) -> None:
        if self.source is None:
            return
        found = next((n for n, span in enumerate(self.targets) if span.id == span_id), None)
        if found is None:
            self._show("That is not a span this relation may reach; click a marked one.")
            return
        self.current = found
        self._show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.source is None or not isinstance(event, QKeyEvent):
            return False
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = event.key()
        if modifiers not in _PLAIN or key in _PASSED_ON:
            return False  # Ctrl+Z and the like act; the page keys scroll
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # the label keys and Delete are this picker's while it lasts
            return True
        if key == Qt.Key.Key_Tab:
            self.step(1)
        elif key == Qt.Key.Key_Backtab:
            self.step(-1)
        elif key == Qt.Key.Key_Escape:
            self.cancel()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commit(None)
        elif event.text().strip():
            self.commit(event.text())
        else:
            self._show()
        return True

    def _open_labels(self, source: StoredSpan, target: StoredSpan) -> list[RelationLabel]:
        workspace = self.editor.workspace
        relations = workspace.document.relations if workspace.document is not None else ()
        return open_labels(workspace.relation_schema, source, target, relations)

    def _show(self, note: str = "") -> None:
        source, target = self.source, self.target()
        document = self.editor.workspace.document
        if source is None or target is None or document is None:
            return
        self.view.mark_relation(source.id, [t.id for t in self.targets], target.id)
        fitting = self._open_labels(source, target)
        keys = ", ".join(f"{label.hotkey} {label.name}" for label in fitting)
        if len(fitting) == 1:
            keys = f"Enter or {keys}"
        text = (
            f"Relation from {source.label} {quote(document.text[source.start : source.end], 20)}"
            f" to {target.label} {quote(document.text[target.start : target.end], 20)}"
            f" ({self.current + 1} of {len(self.targets)}): {keys} · Tab next · Esc cancels"
        )
        self.status.emit(f"{note} {text}" if note else text)
