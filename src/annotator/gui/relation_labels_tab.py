"""The label dialog's Relations tab: rename, recolour, re-key, describe, add and delete
relation labels, and check the span labels allowed at each end.

A relation label's ends hold span labels by the dialog's *keys* for them (one per span label
row of the dialog, kept across renames), so renaming a span label in the other tab renames it
here, and deleting one drops it from the ends (Undo delete there puts it back). A relation
label whose every allowed label at one end is deleted goes with them (an empty end would
allow any label). Nothing is stored until the dialog's OK.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.labels import Label
from annotator.core.relations import RelationLabel, RelationSchema
from annotator.gui.label_bar import colour_chip
from annotator.store.relation_labels import RelationLabelEdit, relation_edit_problems

NEW_COLOURS = ("#CC6677", "#332288", "#44AA99", "#999933", "#AA4499", "#88CCEE")
NEW_KEYS = "abdefhijkmnopqsuvwxyz"

SpanLabels = Sequence[tuple[int, Label]]  # (the dialog's key for a span label, the label)


@dataclass(frozen=True, slots=True)
class RelationEntry:
    """A relation label being edited: the stored name it began as (None: new), its fields
    (``label``; its ends are ``sources`` and ``targets``, span-label keys)."""

    original: str | None
    label: RelationLabel
    sources: frozenset[int]
    targets: frozenset[int]


class RelationLabelsTab(QWidget):
    edited = Signal()  # after every change of the working copy (the dialog shows problems)

    def __init__(
        self,
        schema: RelationSchema,
        usage: dict[str, int],
        spans: SpanLabels,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._usage = usage
        self._spans: list[tuple[int, Label]] = list(spans)
        key_of = {label.name: key for key, label in spans}
        self.entries = [
            RelationEntry(
                label.name,
                label,
                frozenset(key_of[n] for n in label.sources),
                frozenset(key_of[n] for n in label.targets),
            )
            for label in schema
        ]
        # Deleted entries and the rows they had, the last deleted last (Undo delete).
        self.deleted: list[tuple[int, RelationEntry]] = []
        self._loading = False

        self.labels = QListWidget()
        self.add_button = QPushButton("Add relation")
        self.delete_button = QPushButton("Delete relation")
        self.undo_button = QPushButton("Undo delete")
        self.undo_button.setToolTip("Put the last deleted relation label back (Ctrl+Z)")
        self.deleted_note = QLabel()
        self.deleted_note.setObjectName("panelNote")
        self.deleted_note.setWordWrap(True)
        self.name = QLineEdit()
        self.colour = QPushButton()
        self.hotkey = QLineEdit()
        self.hotkey.setMaxLength(1)
        self.hotkey.setToolTip("Pressed while a relation is drawn (it may repeat a label's key)")
        self.sources = QListWidget()
        self.targets = QListWidget()
        self.description = QPlainTextEdit()
        self.usage = QLabel()
        self.usage.setObjectName("panelNote")
        self.usage.setWordWrap(True)

        ends = QHBoxLayout()
        for title, widget in (("From (source)", self.sources), ("To (target)", self.targets)):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(widget)
            ends.addLayout(column)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Colour", self.colour)
        form.addRow("Key", self.hotkey)
        form.addRow(ends)
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
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.deleted_note, 1)
        undo_row.addWidget(self.undo_button)
        layout.addLayout(undo_row)

        self.labels.currentRowChanged.connect(self._show_entry)
        self.add_button.clicked.connect(self.add_relation)
        self.delete_button.clicked.connect(self.delete_current)
        self.undo_button.clicked.connect(self.undo_delete)
        self.colour.clicked.connect(self._pick_colour)
        self.name.textEdited.connect(self._edited)
        self.hotkey.textEdited.connect(self._edited)
        self.description.textChanged.connect(self._edited)
        self.sources.itemChanged.connect(self._ends_edited)
        self.targets.itemChanged.connect(self._ends_edited)
        self._fill_list()
        self.labels.setCurrentRow(0)
        self._show_deleted()
        self._show_entry(self.labels.currentRow())

    # -- what the dialog reads -----------------------------------------------------------------

    def edits(self) -> list[RelationLabelEdit]:
        """The relation labels as edited, their ends naming the span labels by their current
        names (a deleted span label dropped); those :meth:`orphaned` left out."""
        names = {key: label.name for key, label in self._spans}
        return [
            RelationLabelEdit(
                entry.original,
                replace(
                    entry.label,
                    sources=tuple(names[k] for k, _ in self._spans if k in entry.sources),
                    targets=tuple(names[k] for k, _ in self._spans if k in entry.targets),
                ),
            )
            for entry in self.entries
            if not self._orphaned(entry)
        ]

    def orphaned(self) -> list[str]:
        """The relation labels that go with deleted span labels: every label one of their
        ends allowed is deleted."""
        return [entry.label.name for entry in self.entries if self._orphaned(entry)]

    def problems(self) -> list[str]:
        return relation_edit_problems(self.edits(), {label.name for _, label in self._spans})

    def _orphaned(self, entry: RelationEntry) -> bool:
        shown = {key for key, _ in self._spans}
        return any(end and not end & shown for end in (entry.sources, entry.targets))

    def set_span_labels(self, spans: SpanLabels) -> None:
        """The span labels as the other tab has them now (renamed, added, deleted)."""
        self._spans = list(spans)
        for row, entry in enumerate(self.entries):
            self.labels.item(row).setText(self._item_text(entry))
        self._show_entry(self.labels.currentRow())

    # -- editing the working copy --------------------------------------------------------------

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
            self._replace(row, label=replace(self.entries[row].label, color=colour))
            self._show_entry(row)

    def add_relation(self) -> None:
        used = {entry.label.hotkey.lower() for entry in self.entries}
        key = next((k for k in NEW_KEYS if k not in used), "")
        taken = {entry.label.color for entry in self.entries}
        colour = next((c for c in NEW_COLOURS if c not in taken), NEW_COLOURS[0])
        names = {entry.label.name for entry in self.entries}
        name = next(f"relation{n}" for n in range(1, 1000) if f"relation{n}" not in names)
        self.entries.append(
            RelationEntry(None, RelationLabel(name, colour, key), frozenset(), frozenset())
        )
        self._fill_list()
        self.labels.setCurrentRow(len(self.entries) - 1)
        self.edited.emit()
        self.name.setFocus()
        self.name.selectAll()

    def delete_current(self) -> None:
        """Delete the selected relation label from the working copy (Undo delete puts it
        back); its relations go with it on OK."""
        row = self.current_row()
        if row < 0:
            return
        self.deleted.append((row, self.entries.pop(row)))
        self._fill_list()
        self.labels.setCurrentRow(min(row, len(self.entries) - 1))
        self.labels.setFocus()  # where Ctrl+Z undoes the deletion
        self._show_deleted()
        self._show_entry(self.labels.currentRow())
        self.edited.emit()

    def undo_delete(self) -> None:
        """Put the last deleted relation label back in its row, and select it."""
        if not self.deleted:
            return
        row, entry = self.deleted.pop()
        row = min(row, len(self.entries))
        self.entries.insert(row, entry)
        self._fill_list()
        self.labels.setCurrentRow(row)
        self._show_deleted()
        self.edited.emit()

    # -- internals -----------------------------------------------------------------------------

    def _fill_list(self) -> None:
        self._loading = True
        self.labels.clear()
        for entry in self.entries:
            self.labels.addItem(self._item_text(entry))
            self.labels.item(self.labels.count() - 1).setIcon(colour_chip(entry.label.color))
        self._loading = False

    def _item_text(self, entry: RelationEntry) -> str:
        text = f"{entry.label.name}   {entry.label.hotkey}   {self._ends(entry)}"
        return f"{text}   (goes with its labels)" if self._orphaned(entry) else text

    def _ends(self, entry: RelationEntry) -> str:
        names = [
            " | ".join(label.name for key, label in self._spans if key in end) or "any"
            for end in (entry.sources, entry.targets)
        ]
        return " -> ".join(names)

    def _show_entry(self, row: int) -> None:
        editable = 0 <= row < len(self.entries)
        for widget in (self.name, self.colour, self.hotkey, self.sources, self.targets):
            widget.setEnabled(editable)
        self.description.setEnabled(editable)
        self.delete_button.setEnabled(editable)
        if not editable:
            self.usage.setText("No relation label: add one to draw relations.")
            return
        self._loading = True
        entry = self.entries[row]
        label = entry.label
        self.name.setText(label.name)
        self.colour.setText(label.color)
        self.colour.setIcon(colour_chip(label.color, 14))
        self.hotkey.setText(label.hotkey)
        self.description.setPlainText(label.description)
        for widget, checked in ((self.sources, entry.sources), (self.targets, entry.targets)):
            widget.clear()
            for key, span_label in self._spans:
                item = QListWidgetItem(colour_chip(span_label.color), span_label.name)
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                state = Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked
                item.setCheckState(state)
                widget.addItem(item)
        self._loading = False
        self._show_usage(entry)

    def _show_usage(self, entry: RelationEntry) -> None:
        uses = self._usage.get(entry.original, 0) if entry.original is not None else 0
        note = f"{uses} relation(s) use this label." if uses else "No relation uses it yet."
        if entry.original is not None and entry.original != entry.label.name:
            note += f" Renamed from {entry.original}: its relations follow."
        if self._orphaned(entry):
            note += " Every label one of its ends allowed is deleted: it goes with them on OK."
        else:
            for end, keys in (("source", entry.sources), ("target", entry.targets)):
                if not any(key in keys for key, _ in self._spans):
                    note += f" No {end} label checked: any span may be its {end}."
        self.usage.setText(note)

    def _show_deleted(self) -> None:
        self.undo_button.setEnabled(bool(self.deleted))
        if not self.deleted:
            self.undo_button.setText("Undo delete")
            self.deleted_note.setText("")
            return
        last = self.deleted[-1][1]
        self.undo_button.setText(f"Undo delete {last.label.name}")
        uses = sum(
            self._usage.get(entry.original, 0)
            for _, entry in self.deleted
            if entry.original is not None
        )
        names = ", ".join(entry.label.name for _, entry in self.deleted)
        going = f"{uses} relation(s), every annotator's, go on OK" if uses else "none is used"
        self.deleted_note.setText(f"Deleted {names}: {going}. Ctrl+Z puts {last.label.name} back.")

    def _edited(self) -> None:
        row = self.current_row()
        if self._loading or row < 0:
            return
        label = replace(
            self.entries[row].label,
            name=self.name.text().strip(),
            hotkey=self.hotkey.text(),
            description=self.description.toPlainText().strip(),
        )
        self._replace(row, label=label)
        self._show_usage(self.entries[row])

    def _ends_edited(self) -> None:
        row = self.current_row()
        if self._loading or row < 0:
            return
        ends = []
        for widget in (self.sources, self.targets):
            items = (widget.item(n) for n in range(widget.count()))
            checked = (i for i in items if i.checkState() == Qt.CheckState.Checked)
            ends.append(frozenset(int(i.data(Qt.ItemDataRole.UserRole)) for i in checked))
        entry = self.entries[row]
        # A deleted span label stays in the ends (undoing its deletion brings it back).
        shown = {key for key, _ in self._spans}
        sources = (entry.sources - shown) | ends[0]
        targets = (entry.targets - shown) | ends[1]
        self._replace(row, sources=sources, targets=targets)
        self._show_usage(self.entries[row])

    def _replace(
        self,
        row: int,
        label: RelationLabel | None = None,
        sources: frozenset[int] | None = None,
        targets: frozenset[int] | None = None,
    ) -> None:
        entry = self.entries[row]
        self.entries[row] = RelationEntry(
            entry.original,
            label or entry.label,
            entry.sources if sources is None else sources,
            entry.targets if targets is None else targets,
        )
        shown = self.entries[row]
        self.labels.item(row).setText(self._item_text(shown))
        self.labels.item(row).setIcon(colour_chip(shown.label.color))
        self.edited.emit()

    def _pick_colour(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        current = QColor(self.entries[row].label.color)
        chosen = QColorDialog.getColor(current, self, "Relation colour")
        if chosen.isValid():
            self.set_colour(chosen.name().upper())
