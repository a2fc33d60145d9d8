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

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from annotator.core.labels import Label
from annotator.core.relations import RelationLabel, RelationSchema
from annotator.gui.entry_editor import EntryEditor
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


class RelationLabelsTab(EntryEditor):
    def __init__(self, schema: RelationSchema, usage: dict[str, int], spans: SpanLabels) -> None:
        super().__init__("relation")
        self._usage = usage
        self._spans: list[tuple[int, Label]] = list(spans)
        key_of = {label.name: key for key, label in spans}
        self.entries: list[RelationEntry] = [
            RelationEntry(
                label.name,
                label,
                frozenset(key_of[n] for n in label.sources),
                frozenset(key_of[n] for n in label.targets),
            )
            for label in schema
        ]
        self.hotkey.setToolTip("Pressed while a relation is drawn (it may repeat a label's key)")
        self.sources = QListWidget()
        self.targets = QListWidget()
        for widget in (self.sources, self.targets):
            widget.setIconSize(QSize(12, 12))
        ends = QHBoxLayout()
        for title, widget in (("From (source)", self.sources), ("To (target)", self.targets)):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(widget)
            ends.addLayout(column)
        self.form.addRow(ends)
        self.fields += [self.sources, self.targets]
        self.sources.itemChanged.connect(self._ends_edited)
        self.targets.itemChanged.connect(self._ends_edited)
        self.finish_form()

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

    def set_span_labels(self, spans: SpanLabels) -> None:
        """The span labels as the other tab has them now (renamed, added, deleted)."""
        self._spans = list(spans)
        for row, entry in enumerate(self.entries):
            self.labels.item(row).setText(self.item_text(entry))
        self.show_entry(self.labels.currentRow())

    # -- the entries ---------------------------------------------------------------------------

    def new_entry(self) -> RelationEntry:
        used = {entry.label.hotkey.lower() for entry in self.entries}
        key = next((k for k in NEW_KEYS if k not in used), "")
        taken = {entry.label.color for entry in self.entries}
        colour = next((c for c in NEW_COLOURS if c not in taken), NEW_COLOURS[0])
        names = {entry.label.name for entry in self.entries}
        name = next(f"relation{n}" for n in range(1, 1000) if f"relation{n}" not in names)
        return RelationEntry(None, RelationLabel(name, colour, key), frozenset(), frozenset())

    def item_text(self, entry: RelationEntry) -> str:
        ends = [
            " | ".join(label.name for key, label in self._spans if key in end) or "any"
            for end in (entry.sources, entry.targets)
        ]
        if self._orphaned(entry):
            return f"{entry.label.name}   {entry.label.hotkey}   (goes with its labels)"
        return f"{entry.label.name}   {entry.label.hotkey}   {' -> '.join(ends)}"

    def show_fields(self, entry: RelationEntry) -> None:
        for widget, checked in ((self.sources, entry.sources), (self.targets, entry.targets)):
            widget.clear()
            for key, span_label in self._spans:
                item = QListWidgetItem(colour_chip(span_label.color), span_label.name)
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                state = Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked
                item.setCheckState(state)
                widget.addItem(item)
            # Every label in sight, as far as six: no scrolling to find one.
            rows = min(max(widget.count(), 1), 6)
            frame = 2 * widget.frameWidth()
            widget.setMinimumHeight(widget.sizeHintForRow(0) * rows + frame)

    def read_fields(self, entry: RelationEntry) -> RelationEntry:
        label = replace(
            entry.label,
            name=self.name.text().strip(),
            hotkey=self.hotkey.text(),
            description=self.description.toPlainText().strip(),
        )
        return replace(entry, label=label)

    def show_usage(self, entry: RelationEntry) -> None:
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

    def going(self) -> str:
        uses = sum(
            self._usage.get(entry.original, 0)
            for _, entry in self.deleted
            if entry.original is not None
        )
        return f"{uses} relation(s), every annotator's, go on OK" if uses else "none is used"

    # -- internals -----------------------------------------------------------------------------

    def _orphaned(self, entry: RelationEntry) -> bool:
        shown = {key for key, _ in self._spans}
        return any(end and not end & shown for end in (entry.sources, entry.targets))

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
        self.replace_entry(row, replace(entry, sources=sources, targets=targets))
        self.show_usage(self.entries[row])
