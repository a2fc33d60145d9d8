"""The status bar's count of the person's own documents done, as a bar and in words.

Recounted in a thread (:class:`annotator.gui.background.Background`) after each change of
status and import, so the window never waits for it; the first count shows "Counting…".
While review mode uses the status bar for gold sets, figures that arrive are kept and shown
when it ends.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QProgressBar

from annotator.gui.background import Background
from annotator.store.progress import PersonProgress, person_progress
from annotator.store.store import Store

COUNTING = "Counting…"
TIP = "Documents you marked done, of those you may open (assigned to you, or to nobody)"


class OwnProgress(QObject):
    def __init__(
        self, store: Store, user: str, bar: QProgressBar, label: QLabel, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.bar, self.label = bar, label
        self.figures: PersonProgress | None = None
        self._shown = True
        bar.setToolTip(TIP)
        label.setToolTip(TIP)
        self.background = Background(lambda: person_progress(store, user), self)
        self.background.loaded.connect(self._loaded)
        self.background.failed.connect(self._failed)

    def recount(self) -> None:
        if self.figures is None and self._shown:
            self.label.setText(COUNTING)
        self.background.load()

    def set_shown(self, shown: bool) -> None:
        """Show the figures (True), or leave the status bar to review mode (False)."""
        self._shown = shown
        if shown:
            self._show()
        else:
            self.bar.hide()

    def _loaded(self, figures: PersonProgress) -> None:
        self.figures = figures
        self._show()

    def _failed(self, message: str) -> None:
        if self._shown:
            self.label.setText("Could not count")
            self.label.setToolTip(message)

    def _show(self) -> None:
        figures = self.figures
        if figures is None or not self._shown:
            return
        self.label.setText(f"{figures.done:,} of {figures.may_open:,} documents done")
        self.label.setToolTip(TIP)
        self.bar.setRange(0, max(figures.may_open, 1))
        self.bar.setValue(figures.done)
        self.bar.setVisible(figures.may_open > 0)
