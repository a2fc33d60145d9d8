"""The progress pane (View > Progress, Ctrl+Shift+P): per person, documents done / in progress /
untouched of those they may open and spans per label; documents awaiting review; gold done.

The figures are ``annotator progress``'s (:func:`annotator.store.progress.team_progress`),
counted in a thread whenever the pane is shown, after the person's own changes while it is
open, and on Recount (for what others did meanwhile); "Counting…" says a count is running.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.status import Role
from annotator.gui.agreement_panel import FiguresModel
from annotator.gui.background import Background
from annotator.store.progress import TeamProgress, team_progress
from annotator.store.store import Store

COUNTING = "Counting…"
PEOPLE_COLUMNS = ("Person", "May open", "Done", "In progress", "Untouched")


def _timed_count(store: Store) -> tuple[TeamProgress, float]:
    started = time.perf_counter()
    figures = team_progress(store)
    return figures, time.perf_counter() - started


def _who(name: str, role: str) -> str:
    """A person as the table names them: a reviewer says so."""
    return name if role == Role.ANNOTATOR else f"{name} ({role})"


class ProgressPane(QDockWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__("Progress", parent)
        self.setObjectName("progressPane")
        self.figures: TeamProgress | None = None
        """The figures on screen; None until the first count ends."""
        self.background = Background(lambda: _timed_count(store), self)
        self.background.loaded.connect(self._show)
        self.background.failed.connect(self._failed)

        self.summary = QLabel("")
        self.summary.setObjectName("progressSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.recount_button = QPushButton("Recount")
        self.recount_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.recount_button.clicked.connect(self.recount)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.recount_button)
        self.model = FiguresModel(PEOPLE_COLUMNS, self)
        self.table = QTableView()
        self.table.setObjectName("progressTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 4, 6, 4)
        column.addLayout(top)
        column.addWidget(self.table, 1)
        self.setWidget(body)
        self.visibilityChanged.connect(self._visible)
        self.hide()

    @property
    def counting(self) -> bool:
        return self.background.loading

    def recount(self) -> None:
        """Count again (in a thread); the old figures stay in the table meanwhile."""
        self.summary.setText(COUNTING)
        self.recount_button.setEnabled(False)
        self.background.load()

    def changed(self) -> None:
        """The person changed something the figures count: recount if the pane is open."""
        if self.isVisible():
            self.recount()

    def wait(self) -> None:
        self.background.wait()

    def _visible(self, visible: bool) -> None:
        if visible:
            self.recount()

    def _failed(self, message: str) -> None:
        self.recount_button.setEnabled(True)
        self.summary.setText(f"Could not count: {message}")

    def _show(self, result: tuple[TeamProgress, float]) -> None:
        figures, seconds = result
        self.recount_button.setEnabled(True)
        self.summary.setText(
            f"{figures.documents:,} documents · {figures.awaiting_review:,} awaiting review "
            f"(finished by two or more, gold not done) · {figures.gold_done:,} gold done · "
            f"counted in {seconds:.1f} s"
        )
        self.model = FiguresModel([*PEOPLE_COLUMNS, *figures.labels], self)
        self.model.set_rows(
            [
                [
                    _who(person.name, person.role),
                    f"{person.may_open:,}",
                    f"{person.done:,}",
                    f"{person.in_progress:,}",
                    f"{person.untouched:,}",
                    *(f"{person.spans[label]:,}" for label in figures.labels),
                ]
                for person in figures.people
            ]
        )
        self.table.setModel(self.model)
        self.figures = figures
