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
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.labels import Label, LabelSchema, schema_problems
from annotator.core.relations import RelationSchema
from annotator.gui.label_bar import colour_chip, hotkey_text
from annotator.gui.relation_labels_tab import RelationLabelsTab
from annotator.store.labels import LabelEdit, SchemaEdits, label_usage, load_schema
from annotator.store.relation_labels import relation_usage
from annotator.store.relations import load_relation_schema
from annotator.store.store import Store

# Stores the dialog's edits; False (and the reason told) if not.
Save = Callable[[SchemaEdits, Callable[[str], None]], bool]

NEW_COLOURS = ("#56B4E9", "#E69F00", "#F0E442", "#999999", "#882255", "#117733")


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
        self._usage = usage
        self._relations = relations
        self._save = save
        self.entries: list[LabelEdit] = [LabelEdit(label.name, label) for label in schema]
        # A key per entry, kept across renames: the relation labels' ends hold these.
        self.span_keys = list(range(len(self.entries)))
        # Deleted entries and the rows they had, the last deleted last (Undo delete), and
        # their keys.
        self.deleted: list[tuple[int, LabelEdit]] = []
        self._deleted_keys: list[int] = []
        self._loading = False

        self.labels = QListWidget()
        self.add_button = QPushButton("Add label")
        self.delete_button = QPushButton("Delete label")
        self.undo_button = QPushButton("Undo delete")
        self.undo_button.setToolTip("Put the last deleted label back (Ctrl+Z)")
        self.deleted_note = QLabel()
        self.deleted_note.setObjectName("panelNote")
        self.deleted_note.setWordWrap(True)
        self.name = QLineEdit()
        self.colour = QPushButton()
        self.hotkey = QLineEdit()
        self.hotkey.setMaxLength(1)
        self.alt_hotkey = QLineEdit()
        self.alt_hotkey.setMaxLength(1)
        self.description = QPlainTextEdit()
        self.usage = QLabel()
        self.usage.setObjectName("panelNote")
        self.problems = QLabel()
        self.problems.setObjectName("problemNote")
        self.problems.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )

        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Colour", self.colour)
        form.addRow("Key", self.hotkey)
        form.addRow("Second key", self.alt_hotkey)
        form.addRow("Description", self.description)
        form.addRow("", self.usage)
        left = QVBoxLayout()
        left.addWidget(self.labels, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.delete_button)
        left.addLayout(row)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(form, 3)
        labels_page = QWidget()
        page = QVBoxLayout(labels_page)
        page.addLayout(columns, 1)
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.deleted_note, 1)
        undo_row.addWidget(self.undo_button)
        page.addLayout(undo_row)
        self.relations = RelationLabelsTab(relations, relation_usage, self._span_labels())
        self.tabs = QTabWidget()
        self.tabs.addTab(labels_page, "Labels")
        self.tabs.addTab(self.relations, "Relations")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

        self.labels.currentRowChanged.connect(self._show_entry)
        self.add_button.clicked.connect(self.add_label)
        self.delete_button.clicked.connect(self.delete_current)
        self.undo_button.clicked.connect(self.undo_delete)
        # Text fields take Ctrl+Z first (their own typing); elsewhere it undoes a deletion.
        QShortcut(QKeySequence.StandardKey.Undo, self, self._undo_delete_here)
        self.relations.edited.connect(self._show_problems)
        self.colour.clicked.connect(self._pick_colour)
        for field in (self.name, self.hotkey, self.alt_hotkey):
            field.textEdited.connect(self._edited)
        self.description.textChanged.connect(self._edited)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._fill_list()
        self.labels.setCurrentRow(0)
        self._show_deleted()

    # -- editing the working copy ------------------------------------------------------------

    def current_row(self) -> int:
        return self.labels.currentRow()

    def select(self, name: str) -> None:
        for row, entry in enumerate(self.entries):
            if entry.label.name == name:
                self.labels.setCurrentRow(row)
                return
        raise KeyError(name)

    def set_colour(self, colour: str) -> None:
        row = self.current_row()
        if row >= 0:
            self._replace(row, replace(self.entries[row].label, color=colour))
            self._show_entry(row)
            self._spans_changed()

    def add_label(self) -> None:
        used = {key.lower() for entry in self.entries for key in entry.label.hotkeys()}
        key = next((k for k in "123456789" if k not in used), "")
        taken = {entry.label.color for entry in self.entries}
        colour = next((c for c in NEW_COLOURS if c not in taken), NEW_COLOURS[0])
        name = next(f"LABEL{n}" for n in range(1, 1000) if f"LABEL{n}" not in self._names())
        self.entries.append(LabelEdit(None, Label(name, colour, key)))
        self.span_keys.append(max(self.span_keys + self._deleted_keys, default=-1) + 1)
        self._fill_list()
        self._spans_changed()
        self.labels.setCurrentRow(len(self.entries) - 1)
        self.name.setFocus()
        self.name.selectAll()

    def delete_current(self) -> None:
        """Delete the selected label from the working copy (Undo delete puts it back)."""
        row = self.current_row()
        if row < 0 or len(self.entries) <= 1:
            return
        self.deleted.append((row, self.entries.pop(row)))
        self._deleted_keys.append(self.span_keys.pop(row))
        self._fill_list()
        self.labels.setCurrentRow(min(row, len(self.entries) - 1))
        self.labels.setFocus()  # where Ctrl+Z undoes the deletion
        self._spans_changed()
        self._show_deleted()

    def undo_delete(self) -> None:
        """Put the last deleted label back in its row, and select it."""
        if not self.deleted:
            return
        row, entry = self.deleted.pop()
        row = min(row, len(self.entries))
        self.entries.insert(row, entry)
        self.span_keys.insert(row, self._deleted_keys.pop())
        self._fill_list()
        self.labels.setCurrentRow(row)
        self._spans_changed()
        self._show_deleted()

    # -- OK ----------------------------------------------------------------------------------

    def accept(self) -> None:
        problems = self._problems()
        if problems:
            self.problems.setText("\n".join(problems))
            return
        edits = SchemaEdits(
            self._schema, tuple(self.entries), self._relations, tuple(self.relations.edits())
        )
        if self._save(edits, self.problems.setText):
            super().accept()

    # -- internals ---------------------------------------------------------------------------

    def _names(self) -> set[str]:
        return {entry.label.name for entry in self.entries}

    def _fill_list(self) -> None:
        self._loading = True
        self.labels.clear()
        for entry in self.entries:
            label = entry.label
            item = QListWidgetItem(colour_chip(label.color), f"{label.name}   {hotkey_text(label)}")
            self.labels.addItem(item)
        self._loading = False

    def _show_entry(self, row: int) -> None:
        if row < 0 or row >= len(self.entries):
            return
        self._loading = True
        entry = self.entries[row]
        label = entry.label
        self.name.setText(label.name)
        self.colour.setText(label.color)
        self.colour.setIcon(colour_chip(label.color, 14))
        self.hotkey.setText(label.hotkey)
        self.alt_hotkey.setText(label.alt_hotkey)
        self.description.setPlainText(label.description)
        uses = self._spans_of(entry)
        renamed = entry.original is not None and entry.original != label.name
        note = f"{uses} span(s) use this label." if uses else "No span uses this label yet."
        if renamed:
            note += f" Renamed from {entry.original}: its spans follow."
        self.usage.setText(note)
        self.delete_button.setEnabled(len(self.entries) > 1)
        self._loading = False

    def _spans_of(self, entry: LabelEdit) -> int:
        return self._usage.get(entry.original, 0) if entry.original is not None else 0

    def _show_deleted(self) -> None:
        """Say what the deleted labels take with them, and what Undo delete puts back."""
        self.undo_button.setEnabled(bool(self.deleted))
        if not self.deleted:
            self.undo_button.setText("Undo delete")
            self.deleted_note.setText("")
            return
        last = self.deleted[-1][1]
        self.undo_button.setText(f"Undo delete {last.label.name}")
        spans = sum(self._spans_of(entry) for _, entry in self.deleted)
        names = ", ".join(entry.label.name for _, entry in self.deleted)
        it = "it" if len(self.deleted) == 1 else "them"
        going = (
            f"{spans} span(s), every annotator's, go with {it} on OK"
            if spans
            else f"no span uses {it}"
        )
        orphaned = self.relations.orphaned()
        if orphaned:
            going += f", and the relation label(s) {', '.join(orphaned)} that need {it}"
        self.deleted_note.setText(f"Deleted {names}: {going}. Ctrl+Z puts {last.label.name} back.")

    def _problems(self) -> list[str]:
        return [*schema_problems(e.label for e in self.entries), *self.relations.problems()]

    def _show_problems(self) -> None:
        self.problems.setText("\n".join(self._problems()))

    def _span_labels(self) -> list[tuple[int, Label]]:
        return [(key, e.label) for key, e in zip(self.span_keys, self.entries, strict=True)]

    def _spans_changed(self) -> None:
        self.relations.set_span_labels(self._span_labels())
        self._show_problems()

    def _undo_delete_here(self) -> None:
        if self.tabs.currentWidget() is self.relations:
            self.relations.undo_delete()
        else:
            self.undo_delete()

    def _edited(self) -> None:
        row = self.current_row()
        if self._loading or row < 0:
            return
        label = replace(
            self.entries[row].label,
            name=self.name.text().strip(),
            hotkey=self.hotkey.text(),
            alt_hotkey=self.alt_hotkey.text(),
            description=self.description.toPlainText().strip(),
        )
        self._replace(row, label)
        item = self.labels.item(row)
        item.setText(f"{label.name}   {hotkey_text(label)}")
        self._spans_changed()

    def _replace(self, row: int, label: Label) -> None:
        self.entries[row] = LabelEdit(self.entries[row].original, label)
        self.labels.item(row).setIcon(colour_chip(label.color))

    def _pick_colour(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        chosen = QColorDialog.getColor(QColor(self.entries[row].label.color), self, "Label colour")
        if chosen.isValid():
            self.set_colour(chosen.name().upper())


def edit_schema(store: Store, save: Save, parent: QWidget) -> bool:
    """Show the dialog on the stored labels and relation labels; True once ``save`` stored
    the edits, False if cancelled."""
    schema, relations = load_schema(store), load_relation_schema(store)
    usage, uses = label_usage(store), relation_usage(store)
    dialog = SchemaDialog(schema, usage, relations, uses, save, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    return dialog.exec() == QDialog.DialogCode.Accepted
