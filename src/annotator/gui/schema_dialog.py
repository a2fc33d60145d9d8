"""The label schema dialog: rename, recolour, re-key, describe, add and delete labels.

Nothing is stored until OK; then the whole new schema is stored in one transaction
(store.labels.apply_schema). Renaming keeps every span (spans refer to the label's row);
deleting a label in use asks first, saying how many spans go with it.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
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
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.labels import Label, LabelSchema, SchemaError, schema_problems
from annotator.gui.label_bar import colour_chip, hotkey_text
from annotator.store.file_watch import CommitLost, FileGone, again_if_lost
from annotator.store.labels import LabelEdit, SchemaChange, apply_schema, label_usage
from annotator.store.store import DatabaseBusy, Store

NEW_COLOURS = ("#56B4E9", "#E69F00", "#F0E442", "#999999", "#882255", "#117733")


class SchemaDialog(QDialog):
    def __init__(self, store: Store, schema: LabelSchema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Labels")
        self.setMinimumSize(640, 420)
        self._store = store
        self._usage = label_usage(store)
        self.entries: list[LabelEdit] = [LabelEdit(label.name, label) for label in schema]
        self.change: SchemaChange | None = None
        self._loading = False

        self.labels = QListWidget()
        self.add_button = QPushButton("Add label")
        self.delete_button = QPushButton("Delete label")
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
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

        self.labels.currentRowChanged.connect(self._show_entry)
        self.add_button.clicked.connect(self.add_label)
        self.delete_button.clicked.connect(self.delete_current)
        self.colour.clicked.connect(self._pick_colour)
        for field in (self.name, self.hotkey, self.alt_hotkey):
            field.textEdited.connect(self._edited)
        self.description.textChanged.connect(self._edited)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._fill_list()
        self.labels.setCurrentRow(0)

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

    def add_label(self) -> None:
        used = {key.lower() for entry in self.entries for key in entry.label.hotkeys()}
        key = next((k for k in "123456789" if k not in used), "")
        taken = {entry.label.color for entry in self.entries}
        colour = next((c for c in NEW_COLOURS if c not in taken), NEW_COLOURS[0])
        name = next(f"LABEL{n}" for n in range(1, 1000) if f"LABEL{n}" not in self._names())
        self.entries.append(LabelEdit(None, Label(name, colour, key)))
        self._fill_list()
        self.labels.setCurrentRow(len(self.entries) - 1)
        self.name.setFocus()
        self.name.selectAll()

    def delete_current(self) -> None:
        row = self.current_row()
        if row < 0 or len(self.entries) <= 1:
            return
        del self.entries[row]
        self._fill_list()
        self.labels.setCurrentRow(min(row, len(self.entries) - 1))

    # -- OK ----------------------------------------------------------------------------------

    def accept(self) -> None:
        labels = [entry.label for entry in self.entries]
        problems = schema_problems(labels)
        if problems:
            self.problems.setText("\n".join(problems))
            return
        kept = {entry.original for entry in self.entries}
        doomed = {name: n for name, n in self._usage.items() if name not in kept and n}
        if doomed and not self.confirm_deletion(doomed):
            return
        try:
            self.change = again_if_lost(lambda: apply_schema(self._store, self.entries))
        except SchemaError as error:
            self.problems.setText(str(error))
            return
        except (DatabaseBusy, FileGone, CommitLost) as error:
            self.problems.setText(f"Not saved: {error}")
            return
        super().accept()

    def confirm_deletion(self, doomed: dict[str, int]) -> bool:
        spans = sum(doomed.values())
        names = ", ".join(sorted(doomed))
        box = QMessageBox(self)
        box.setObjectName("confirmDeletion")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Delete labels in use?")
        box.setText(
            f"{spans} span(s) use {names}. Deleting the label deletes these spans too, "
            "for every annotator. This cannot be undone."
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(f"Delete {spans} span(s)")
        return box.exec() == QMessageBox.StandardButton.Yes

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
        uses = self._usage.get(entry.original, 0) if entry.original is not None else 0
        renamed = entry.original is not None and entry.original != label.name
        note = f"{uses} span(s) use this label." if uses else "No span uses this label yet."
        if renamed:
            note += f" Renamed from {entry.original}: its spans follow."
        self.usage.setText(note)
        self.delete_button.setEnabled(len(self.entries) > 1)
        self._loading = False

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
        self.problems.setText("\n".join(schema_problems(e.label for e in self.entries)))

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


def edit_schema(store: Store, schema: LabelSchema, parent: QWidget) -> SchemaChange | None:
    """Show the dialog; the stored change, or None if cancelled."""
    dialog = SchemaDialog(store, schema, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    return dialog.change if dialog.exec() == QDialog.DialogCode.Accepted else None
