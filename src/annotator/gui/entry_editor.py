"""A list of labels beside a form of the selected one's fields, with Add, Delete and Undo
delete: what the label dialog's two tabs (labels, relation labels) have in common.

An entry is a dataclass with a ``label`` field (a dataclass with ``name`` and ``color``): the
working copy of one label. Nothing here is stored; the dialog stores the entries on OK.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.label_bar import colour_chip


class EntryEditor(QWidget):
    """The list (``labels``), its buttons, the form's Name, Colour, Key and Description
    fields and the usage note; a subclass adds its own rows to ``form`` between Key and
    Description (before :meth:`finish_form`) and says how an entry reads and changes."""

    edited = Signal()  # after every change of the working copy (the dialog shows problems)

    def __init__(self, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._noun = noun
        self.entries: list[Any] = []
        # Deleted entries and the rows they had, the last deleted last (Undo delete).
        self.deleted: list[tuple[int, Any]] = []
        self._loading = False

        self.labels = QListWidget()
        self.add_button = QPushButton(f"Add {noun}")
        self.delete_button = QPushButton(f"Delete {noun}")
        self.undo_button = QPushButton("Undo delete")
        self.undo_button.setToolTip(f"Put the last deleted {noun} back (Ctrl+Z)")
        self.deleted_note = QLabel()
        self.deleted_note.setObjectName("panelNote")
        self.deleted_note.setWordWrap(True)
        self.name = QLineEdit()
        self.colour = QPushButton()
        self.hotkey = QLineEdit()
        self.hotkey.setMaxLength(1)
        self.description = QPlainTextEdit()
        self.usage = QLabel()
        self.usage.setObjectName("panelNote")
        self.usage.setWordWrap(True)
        # Enabled while an entry is selected (a subclass adds its own).
        self.fields: list[QWidget] = [self.name, self.colour, self.hotkey, self.description]

        self.form = QFormLayout()
        self.form.addRow("Name", self.name)
        self.form.addRow("Colour", self.colour)
        self.form.addRow("Key", self.hotkey)
        left = QVBoxLayout()
        left.addWidget(self.labels, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        left.addLayout(buttons)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(self.form, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.deleted_note, 1)
        undo_row.addWidget(self.undo_button)
        layout.addLayout(undo_row)

        self.labels.currentRowChanged.connect(self.show_entry)
        self.add_button.clicked.connect(self.add_entry)
        self.delete_button.clicked.connect(self.delete_current)
        self.undo_button.clicked.connect(self.undo_delete)
        self.colour.clicked.connect(self._pick_colour)
        self.name.textEdited.connect(self.field_edited)
        self.hotkey.textEdited.connect(self.field_edited)
        self.description.textChanged.connect(self.field_edited)

    def finish_form(self) -> None:
        """Add the Description and usage rows, fill the list and show its first entry (call
        once the entries and the subclass's rows are in)."""
        self.form.addRow("Description", self.description)
        self.form.addRow("", self.usage)
        self.fill_list()
        self.labels.setCurrentRow(0)
        self.show_deleted()
        self.show_entry(self.labels.currentRow())

    # -- what a subclass says ------------------------------------------------------------------

    def item_text(self, entry: Any) -> str:
        raise NotImplementedError

    def new_entry(self) -> Any:
        raise NotImplementedError

    def show_fields(self, entry: Any) -> None:
        """Put the subclass's own fields of ``entry`` in the form."""
        raise NotImplementedError

    def show_usage(self, entry: Any) -> None:
        """Say in the usage note what uses ``entry``."""
        raise NotImplementedError

    def read_fields(self, entry: Any) -> Any:
        """``entry`` with the form's fields (the subclass's own ones included) as typed."""
        raise NotImplementedError

    def going(self) -> str:
        """What the deleted entries take with them on OK, as a phrase."""
        raise NotImplementedError

    def can_delete(self) -> bool:
        return True

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
            entry = self.entries[row]
            self.replace_entry(row, replace(entry, label=replace(entry.label, color=colour)))
            self.show_entry(row)

    def add_entry(self) -> None:
        self.entries.append(self.new_entry())
        self.fill_list()
        self.labels.setCurrentRow(len(self.entries) - 1)
        self.edited.emit()
        self.name.setFocus()
        self.name.selectAll()

    def delete_current(self) -> None:
        """Delete the selected entry from the working copy (Undo delete puts it back)."""
        row = self.current_row()
        if row < 0 or not self.can_delete():
            return
        self.deleted.append((row, self.entries.pop(row)))
        self.fill_list()
        self.labels.setCurrentRow(min(row, len(self.entries) - 1))
        self.labels.setFocus()  # where Ctrl+Z undoes the deletion
        self.edited.emit()
        self.show_deleted()
        self.show_entry(self.labels.currentRow())

    def undo_delete(self) -> None:
        """Put the last deleted entry back in its row, and select it."""
        if not self.deleted:
            return
        row, entry = self.deleted.pop()
        row = min(row, len(self.entries))
        self.entries.insert(row, entry)
        self.fill_list()
        self.labels.setCurrentRow(row)
        self.edited.emit()
        self.show_deleted()

    def replace_entry(self, row: int, entry: Any) -> None:
        self.entries[row] = entry
        self.labels.item(row).setText(self.item_text(entry))
        self.labels.item(row).setIcon(colour_chip(entry.label.color))
        self.edited.emit()

    # -- showing -------------------------------------------------------------------------------

    def fill_list(self) -> None:
        self._loading = True
        self.labels.clear()
        for entry in self.entries:
            self.labels.addItem(self.item_text(entry))
            self.labels.item(self.labels.count() - 1).setIcon(colour_chip(entry.label.color))
        self._loading = False

    def show_entry(self, row: int) -> None:
        editable = 0 <= row < len(self.entries)
        for widget in self.fields:
            widget.setEnabled(editable)
        self.delete_button.setEnabled(editable and self.can_delete())
        if not editable:
            self.usage.setText(f"No {self._noun}: add one.")
            return
        self._loading = True
        entry = self.entries[row]
        self.name.setText(entry.label.name)
        self.colour.setText(entry.label.color)
        self.colour.setIcon(colour_chip(entry.label.color, 14))
        self.hotkey.setText(entry.label.hotkey)
        self.description.setPlainText(entry.label.description)
        self.show_fields(entry)
        self._loading = False
        self.show_usage(entry)

    def show_deleted(self) -> None:
        """Say what the deleted entries take with them, and what Undo delete puts back."""
        self.undo_button.setEnabled(bool(self.deleted))
        if not self.deleted:
            self.undo_button.setText("Undo delete")
            self.deleted_note.setText("")
            return
        last = self.deleted[-1][1].label.name
        self.undo_button.setText(f"Undo delete {last}")
        names = ", ".join(entry.label.name for _, entry in self.deleted)
        self.deleted_note.setText(f"Deleted {names}: {self.going()}. Ctrl+Z puts {last} back.")

    def field_edited(self) -> None:
        """A field of the form typed in: the selected entry follows."""
        row = self.current_row()
        if self._loading or row < 0:
            return
        self.replace_entry(row, self.read_fields(self.entries[row]))
        self.show_usage(self.entries[row])

    def _pick_colour(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        current = QColor(self.entries[row].label.color)
        chosen = QColorDialog.getColor(current, self, f"{self._noun.capitalize()} colour")
        if chosen.isValid():
            self.set_colour(chosen.name().upper())
