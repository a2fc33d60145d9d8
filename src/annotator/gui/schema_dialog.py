"""The label schema dialog: rename, recolour, re-key, describe, add and delete labels, and
in its Relations tab the relation labels (:mod:`annotator.gui.relation_labels_tab`).

Nothing is stored until OK; then both new schemas are stored in one transaction, as one step
of the window's undo stack (``save``: :meth:`annotator.gui.editing.Editor.change_schema`).
Renaming keeps every span and relation (they refer to the label's row). Deleting a label says
how many spans go with it, and Undo delete (Ctrl+Z in the dialog) puts it back; after OK,
Ctrl+Z in the window gives back the old labels and the spans and relations a deleted label
took with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.labels import Label, LabelSchema, schema_problems
from annotator.core.relations import RelationSchema
from annotator.gui.entry_editor import EntryEditor
from annotator.gui.label_bar import hotkey_text
from annotator.gui.relation_labels_tab import RelationLabelsTab
from annotator.store.labels import LabelEdit, SchemaEdits, label_usage, load_schema
from annotator.store.relation_labels import relation_usage
from annotator.store.relations import load_relation_schema
from annotator.store.store import Store

# Stores the dialog's edits; False (and the reason told) if not.
Save = Callable[[SchemaEdits, Callable[[str], None]], bool]

NEW_COLOURS = ("#56B4E9", "#E69F00", "#F0E442", "#999999", "#882255", "#117733")


@dataclass(frozen=True, slots=True)
class LabelEntry:
    """A label being edited: the stored name it began as (None: new), its fields, and the
    dialog's key for it (kept across renames: the relation labels' ends hold it)."""

    original: str | None
    label: Label
    key: int


class LabelsTab(EntryEditor):
    """The span labels: name, colour, two keys, description."""

    def __init__(self, schema: LabelSchema, usage: dict[str, int]) -> None:
        super().__init__("label")
        self._usage = usage
        self.entries: list[LabelEntry] = [
            LabelEntry(label.name, label, key) for key, label in enumerate(schema)
        ]
        self._next_key = len(self.entries)
        # The relation labels that go with the deleted labels (the dialog says which).
        self.orphaned: Callable[[], list[str]] = list
        self.alt_hotkey = QLineEdit()
        self.alt_hotkey.setMaxLength(1)
        self.alt_hotkey.textEdited.connect(self.field_edited)
        self.form.addRow("Second key", self.alt_hotkey)
        self.fields.append(self.alt_hotkey)
        self.finish_form()

    def edits(self) -> list[LabelEdit]:
        return [LabelEdit(entry.original, entry.label) for entry in self.entries]

    def span_labels(self) -> list[tuple[int, Label]]:
        return [(entry.key, entry.label) for entry in self.entries]

    def can_delete(self) -> bool:
        return len(self.entries) > 1  # a schema keeps one label at least

    def new_entry(self) -> LabelEntry:
        used = {key.lower() for entry in self.entries for key in entry.label.hotkeys()}
        key = next((k for k in "123456789" if k not in used), "")
        taken = {entry.label.color for entry in self.entries}
        colour = next((c for c in NEW_COLOURS if c not in taken), NEW_COLOURS[0])
        names = {entry.label.name for entry in self.entries}
        name = next(f"LABEL{n}" for n in range(1, 1000) if f"LABEL{n}" not in names)
        self._next_key += 1
        return LabelEntry(None, Label(name, colour, key), self._next_key)

    def item_text(self, entry: LabelEntry) -> str:
        return f"{entry.label.name}   {hotkey_text(entry.label)}"

    def show_fields(self, entry: LabelEntry) -> None:
        self.alt_hotkey.setText(entry.label.alt_hotkey)

    def read_fields(self, entry: LabelEntry) -> LabelEntry:
        label = replace(
            entry.label,
            name=self.name.text().strip(),
            hotkey=self.hotkey.text(),
            alt_hotkey=self.alt_hotkey.text(),
            description=self.description.toPlainText().strip(),
        )
        return replace(entry, label=label)

    def show_usage(self, entry: LabelEntry) -> None:
        uses = self._spans_of(entry)
        note = f"{uses} span(s) use this label." if uses else "No span uses this label yet."
        if entry.original is not None and entry.original != entry.label.name:
            note += f" Renamed from {entry.original}: its spans follow."
        self.usage.setText(note)

    def going(self) -> str:
        spans = sum(self._spans_of(entry) for _, entry in self.deleted)
        it = "it" if len(self.deleted) == 1 else "them"
        going = (
            f"{spans} span(s), every annotator's, go with {it} on OK"
            if spans
            else f"no span uses {it}"
        )
        orphaned = self.orphaned()
        if orphaned:
            going += f", and the relation label(s) {', '.join(orphaned)} that need {it}"
        return going

    def _spans_of(self, entry: LabelEntry) -> int:
        return self._usage.get(entry.original, 0) if entry.original is not None else 0


class SchemaDialog(QDialog):
    def __init__(
        self,
        schema: LabelSchema,
        usage: dict[str, int],
        relations: RelationSchema,
        relation_usage: dict[str, int],
        save: Save,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Labels")
        self.setMinimumSize(640, 460)
        self._schema = schema
        self._relations = relations
        self._save = save
        self.spans = LabelsTab(schema, usage)
        self.relations = RelationLabelsTab(relations, relation_usage, self.spans.span_labels())
        self.spans.orphaned = self.relations.orphaned
        self.tabs = QTabWidget()
        self.tabs.addTab(self.spans, "Labels")
        self.tabs.addTab(self.relations, "Relations")
        self.problems = QLabel()
        self.problems.setObjectName("problemNote")
        self.problems.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

        # Text fields take Ctrl+Z first (their own typing); elsewhere it undoes a deletion.
        QShortcut(QKeySequence.StandardKey.Undo, self, self._undo_delete_here)
        self.spans.edited.connect(self._spans_changed)
        self.relations.edited.connect(self._show_problems)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        problems = self._problems()
        if problems:
            self.problems.setText("\n".join(problems))
            return
        edits = SchemaEdits(
            self._schema, tuple(self.spans.edits()), self._relations, tuple(self.relations.edits())
        )
        if self._save(edits, self.problems.setText):
            super().accept()

    def _problems(self) -> list[str]:
        labels = (entry.label for entry in self.spans.entries)
        return [*schema_problems(labels), *self.relations.problems()]

    def _show_problems(self) -> None:
        self.problems.setText("\n".join(self._problems()))

    def _spans_changed(self) -> None:
        """The relation labels' ends follow the labels (renamed, added, deleted)."""
        self.relations.set_span_labels(self.spans.span_labels())
        self.spans.show_deleted()
        self._show_problems()

    def _undo_delete_here(self) -> None:
        tab = self.tabs.currentWidget()
        if isinstance(tab, EntryEditor):
            tab.undo_delete()


def edit_schema(store: Store, save: Save, parent: QWidget) -> bool:
    """Show the dialog on the stored labels and relation labels; True once ``save`` stored
    the edits, False if cancelled."""
    schema, relations = load_schema(store), load_relation_schema(store)
    usage, uses = label_usage(store), relation_usage(store)
    dialog = SchemaDialog(schema, usage, relations, uses, save, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    return dialog.exec() == QDialog.DialogCode.Accepted
