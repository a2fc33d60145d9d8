"""The agreement panel: every figure of ``annotator agreement``, for reviewers, in the window.

The figures are computed in a worker thread (a 10,000-document corpus takes a few seconds) over
the annotation sets marked done, exactly as the command line computes them; the window stays
usable meanwhile. Documents are listed least agreed first; double-clicking one opens it in
review mode. The Relations tab scores relations (event arguments) per pair and relation label.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThread,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import Agreement, compute_agreement
from annotator.core.agreement.relations_f1 import (
    FIGURE_NAMES,
    RelationAgreement,
    compute_relation_agreement,
)
from annotator.store.agreement_input import finished_annotations
from annotator.store.lookup import label_schema
from annotator.store.relation_agreement_input import finished_relations
from annotator.store.store import Store

ALL_LABELS = "All labels"
_Index = QModelIndex | QPersistentModelIndex


def figure(value: float | None) -> str:
    """A figure as shown: three decimals, or an en dash where it is undefined."""
    return "–" if value is None else f"{value:.3f}"  # noqa: RUF001 (en dash: no value)


class FiguresModel(QAbstractTableModel):
    """A read-only table of text and figures; replaced whole when the figures are recomputed."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[list[str]] = []

    def set_rows(self, rows: list[list[str]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row(self, row: int) -> list[str]:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


class _Computation(QThread):
    """Computes the figures off the GUI thread; ``done`` carries (Agreement,
    RelationAgreement, seconds)."""

    done = Signal(object, object, float)
    failed = Signal(str)

    def __init__(self, store: Store, label: str | None, labels: list[str]) -> None:
        super().__init__()
        self.store, self.label, self.labels = store, label, labels

    def run(self) -> None:
        started = time.perf_counter()
        try:
            agreement = compute_agreement(finished_annotations(self.store, self.label), self.labels)
            relations = compute_relation_agreement(finished_relations(self.store, self.label))
        except Exception as error:  # reported in the panel: a worker thread has no other voice
            self.failed.emit(f"{type(error).__name__}: {error}")
            return
        self.done.emit(agreement, relations, time.perf_counter() - started)


_RELATIONS_NOTE = (
    "A relation matches exactly when its label and both ends (offsets and span label) are the "
    "same; with overlap, when each end overlaps the other's, with the same span label (one to "
    "one). Precision and recall take the first of the pair as the reference. The last row "
    "and the relation labels are means over the pairs."
)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _table(model: FiguresModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.setAlternatingRowColors(True)
    return table


class AgreementPanel(QDialog):
    """Agreement figures over the finished annotations; :attr:`computed` when they are shown."""

    computed = Signal()

    def __init__(
        self,
        store: Store,
        open_document: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agreement")
        self.resize(760, 560)
        self.store = store
        self._open_document = open_document
        self._worker: _Computation | None = None
        self.shown: Agreement | None = None
        """The figures on screen; None while they are being computed."""
        self.shown_relations: RelationAgreement | None = None
        with store.reading() as session:
            self._labels = label_schema(session).names()

        self.label_choice = QComboBox()
        self.label_choice.addItems([ALL_LABELS, *self._labels])
        self.label_choice.currentIndexChanged.connect(self.recompute)
        self.recompute_button = QPushButton("Recompute")
        self.recompute_button.clicked.connect(self.recompute)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.label_choice)
        top.addWidget(self.recompute_button)

        self.pairs = FiguresModel(["Pair", "Documents", "F1 exact", "F1 overlap", "Kappa"], self)
        self.labels = FiguresModel(["Label", "Alpha", "Alpha_u", "F1 exact", "F1 overlap"], self)
        self.documents = FiguresModel(["Document", "Annotators", "Alpha", "F1 exact"], self)
        self.document_table = _table(self.documents)
        self.document_table.doubleClicked.connect(self._document_chosen)
        tabs = QTabWidget()
        tabs.addTab(_table(self.pairs), "Pairs")
        tabs.addTab(_table(self.labels), "Labels")
        tabs.addTab(self.document_table, "Documents, least agreed first")
        self.relation_pairs = FiguresModel(["Pair", "Documents", *FIGURE_NAMES], self)
        self.relation_labels = FiguresModel(["Relation label", "F1 exact", "F1 overlap"], self)
        relations = QWidget()
        relations_layout = QVBoxLayout(relations)
        relations_layout.setContentsMargins(0, 0, 0, 0)
        self.relation_note = QLabel()
        self.relation_note.setWordWrap(True)
        self.relation_note.setContentsMargins(6, 4, 6, 2)  # off the tab's frame
        relations_layout.addWidget(self.relation_note)
        relations_layout.addWidget(_table(self.relation_pairs), 3)
        relations_layout.addWidget(_table(self.relation_labels), 2)
        tabs.addTab(relations, "Relations")
        note = QLabel(
            "Only annotations marked done count. Alpha: Krippendorff's nominal alpha over tokens; "
            "alpha_u: unitizing alpha over characters; F1 and kappa per pair over the documents "
            "both finished."
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(tabs, 1)
        layout.addWidget(note)
        self.recompute()

    def recompute(self) -> None:
        """Start computing the figures for the chosen label (all labels by default)."""
        if self._worker is not None and self._worker.isRunning():
            return
        chosen = self.label_choice.currentText()
        label = None if chosen == ALL_LABELS else chosen
        self.shown = None
        self.shown_relations = None
        self.summary.setText("Computing…")
        self.recompute_button.setEnabled(False)
        self.label_choice.setEnabled(False)
        worker = _Computation(self.store, label, self._labels if label is None else [label])
        worker.done.connect(self._show)
        worker.failed.connect(self._fail)
        worker.finished.connect(self._finished)
        self._worker = worker
        worker.start()

    def _finished(self) -> None:
        self.recompute_button.setEnabled(True)
        self.label_choice.setEnabled(True)

    def _fail(self, message: str) -> None:
        self.summary.setText(f"Could not compute agreement: {message}")

    def _show(self, agreement: Agreement, relations: RelationAgreement, seconds: float) -> None:
        self.summary.setText(
            f"Alpha {figure(agreement.alpha)} · alpha_u {figure(agreement.alpha_u)} · "
            f"relation F1 {figure(relations.f1_exact)} exact, {figure(relations.f1_overlap)} "
            f"overlap · {_count(len(agreement.documents), 'document')} finished by two or "
            f"more · computed in {seconds:.1f} s"
        )
        self._show_relations(relations)
        self.pairs.set_rows(
            [
                [
                    f"{p.a} / {p.b}",
                    str(p.documents),
                    figure(p.f1_exact),
                    figure(p.f1_overlap),
                    figure(p.kappa),
                ]
                for p in agreement.pairs
            ]
        )
        self.labels.set_rows(
            [
                [name, figure(f.alpha), figure(f.alpha_u), figure(f.f1_exact), figure(f.f1_overlap)]
                for name, f in agreement.labels.items()
            ]
        )
        self.documents.set_rows(
            [
                [str(d.id), ", ".join(d.annotators), figure(d.alpha), figure(d.f1_exact)]
                for d in agreement.documents
            ]
        )
        self.shown = agreement
        self.shown_relations = relations
        self.computed.emit()

    def _show_relations(self, relations: RelationAgreement) -> None:
        if not relations.pairs:
            self.relation_note.setText("No finished annotation has a relation yet.")
            self.relation_pairs.set_rows([])
            self.relation_labels.set_rows([])
            return
        self.relation_note.setText(_RELATIONS_NOTE)
        mean = ["Mean over pairs", "", "", "", figure(relations.f1_exact), "", ""]
        self.relation_pairs.set_rows(
            [
                [f"{p.a} / {p.b}", str(p.documents), *map(figure, p.figures())]
                for p in relations.pairs
            ]
            + [[*mean, figure(relations.f1_overlap)]]
        )
        self.relation_labels.set_rows(
            [
                [name, figure(f.f1_exact), figure(f.f1_overlap)]
                for name, f in relations.labels.items()
            ]
        )

    def _document_chosen(self, index: QModelIndex) -> None:
        if self._open_document is not None and index.isValid():
            self._open_document(self.documents.row(index.row())[0])

    def closeEvent(self, event: Any) -> None:
        if self._worker is not None:
            self._worker.wait()
        super().closeEvent(event)
