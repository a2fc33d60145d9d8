"""Edit > Label all in my documents (Ctrl+Shift+L): the selected span's text labelled wherever
it occurs as whole tokens in the person's unfinished documents, as one undoable step.

The occurrences are found in a thread (:mod:`annotator.store.corpus_labelling`, reading), so
the window never freezes on a large corpus; more than :data:`CONFIRM_ABOVE` are counted in a
dialog before anything is written, where case and diacritics can be ignored (and are counted
again). The spans are then written in one transaction by a :class:`~annotator.gui.commands.
LabelAcross` command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.occurrences import Matching
from annotator.gui.background import LatestWork
from annotator.gui.commands import LabelAcross, quote
from annotator.store.corpus_labelling import CorpusOccurrences, find_in_unfinished

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from annotator.gui.editing import Editor

CONFIRM_ABOVE = 50


def describe(found: CorpusOccurrences) -> str:
    documents = len(found.spans)
    return (
        f"{found.count:,} occurrence(s) of {quote(found.needle)} in {documents:,} of your "
        f"unfinished document(s) are not yet labelled {found.label}."
    )


class ConfirmLabelling(QDialog):
    """How many occurrences would be labelled, and where, before anything is written; the
    matching options, which count again when changed."""

    recount = Signal(object)  # Matching

    def __init__(self, parent: QWidget | None, found: CorpusOccurrences) -> None:
        super().__init__(parent)
        self.setObjectName("confirmLabelAcross")
        self.setWindowTitle("Label all in my documents")
        self.found = found
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.ignore_case = QCheckBox("Ignore &case (Kabul = KABUL)")
        self.ignore_case.setChecked(found.matching.ignore_case)
        self.ignore_diacritics = QCheckBox("Ignore &accents and other diacritics (Kābul = Kabul)")
        self.ignore_diacritics.setChecked(found.matching.ignore_diacritics)
        for box in (self.ignore_case, self.ignore_diacritics):
            box.toggled.connect(self._options_changed)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.ignore_case)
        layout.addWidget(self.ignore_diacritics)
        layout.addWidget(self.buttons)
        self.show_found(found)
        self.setMinimumWidth(440)

    @property
    def ok(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    def matching(self) -> Matching:
        return Matching(self.ignore_case.isChecked(), self.ignore_diacritics.isChecked())

    def show_found(self, found: CorpusOccurrences) -> None:
        if found.matching != self.matching():
            return  # an answer to options changed since
        self.found = found
        self.summary.setText(describe(found) + f"\n\nLabel them all as {found.label}?")
        self.ok.setText(f"Label {found.count:,}")
        self.ok.setEnabled(found.count > 0)
        self.ok.setDefault(True)

    def _options_changed(self) -> None:
        self.summary.setText("Counting…")
        self.ok.setEnabled(False)
        self.recount.emit(self.matching())


class CorpusLabeller(QObject):
    """Ctrl+Shift+L: find (in a thread), confirm above :data:`CONFIRM_ABOVE`, then label."""

    def __init__(
        self, editor: Editor, parent: QWidget, ignore_case: QAction, ignore_diacritics: QAction
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.workspace = editor.workspace
        self.parent_widget = parent
        self.options = (ignore_case, ignore_diacritics)
        self.background = LatestWork(self)
        self.background.done.connect(self._found)
        self.background.failed.connect(lambda why: self.editor.message.emit(f"Not found: {why}"))
        self.dialog: ConfirmLabelling | None = None

    def matching(self) -> Matching:
        return Matching(*(option.isChecked() for option in self.options))

    def start(self) -> None:
        selected = self.editor.selected_span(
            "Click a span first: its text is what gets labelled in all your documents."
        )
        if selected is None:
            return
        document, span = selected
        if self.editor.busy():
            return
        self._find(document.text[span.start : span.end], span.label, self.matching())

    def _find(self, needle: str, label: str, matching: Matching) -> None:
        store, user = self.workspace.store, self.workspace.user
        self.editor.message.emit(f"Looking for {quote(needle)} in your unfinished documents…")
        self.background.start(lambda: find_in_unfinished(store, user, needle, label, matching))

    def _found(self, found: CorpusOccurrences) -> None:
        if self.dialog is not None:
            self.dialog.show_found(found)
            return
        if found.count == 0:
            self.editor.message.emit(
                f"Every occurrence of {quote(found.needle)} in your unfinished documents is "
                f"already labelled {found.label}."
            )
        elif found.count > CONFIRM_ABOVE:
            self._confirm(found)
        else:
            self._label(found)

    def _confirm(self, found: CorpusOccurrences) -> None:
        dialog = ConfirmLabelling(self.parent_widget, found)
        dialog.recount.connect(lambda matching: self._find(found.needle, found.label, matching))
        self.dialog = dialog
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            chosen = dialog.found
        finally:
            self.dialog = None
            self.background.cancel()
            dialog.deleteLater()
            # Back to the article, where the keys act.
            self.parent_widget.activateWindow()
            self.editor.view.setFocus()
        # The options chosen in the dialog stay chosen (Edit menu) for the next time.
        case, diacritics = self.options
        case.setChecked(chosen.matching.ignore_case)
        diacritics.setChecked(chosen.matching.ignore_diacritics)
        if accepted:
            self._label(chosen)
        else:
            self.editor.message.emit("Nothing labelled.")

    def _label(self, found: CorpusOccurrences) -> None:
        documents = len(found.spans)
        words = quote(found.needle)
        text = f"Label {found.count:,} {words} as {found.label} in {documents:,} documents"
        command = LabelAcross(self.workspace, found.spans, text)

        def labelled() -> None:
            added = 0 if command.added is None else len(command.added.span_ids)
            self.editor.message.emit(
                f"Labelled {added:,} occurrence(s) of {quote(found.needle)} as {found.label} in "
                f"{documents:,} document(s); Ctrl+Z takes them all back."
            )

        self.editor.run(command, labelled)
