"""The window's suggestion menus: Document > Suggest from a dictionary / a model (run off the
GUI thread, on the open document, through :mod:`annotator.app.suggesting`, as
``annotator suggest`` does), Document > Accept all suggestions, the keys' menu entries, and
View > Suggestions from (which model person's suggestions are shown)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from annotator.app.errors import UserError
from annotator.app.suggesting import (
    Suggested,
    load_dictionary,
    suggest_from_dictionary,
    suggest_from_model,
)
from annotator.core.occurrences import Matching
from annotator.gui.background import LatestWork
from annotator.gui.suggestions.correcting import SuggestionKeys
from annotator.store.people import model_people

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

ACCEPT_ALL_KEY = "Ctrl+Alt+A"


class SuggestionMenus(QObject):
    """Menu entries for suggestions, and the suggesting run in a thread."""

    finished = Signal(str)  # what a Document > Suggest run did (or why it failed)

    def __init__(self, window: MainWindow, keys: SuggestionKeys) -> None:
        super().__init__(window)
        self.window = window
        self.keys = keys
        self.runner = LatestWork(self)
        self.runner.done.connect(self._suggested)
        self.runner.failed.connect(self._say)
        menus = window.actions
        document = menus.document_menu
        document.addSeparator()
        self.suggest_dictionary = self._add(
            document, "Suggest from a &dictionary…", self.ask_dictionary
        )
        self.suggest_dictionary.setStatusTip(
            "Phrases (TSV phrase<TAB>LABEL, or spaCy EntityRuler JSONL) become suggestions here;"
            " Edit > Match ignoring case / diacritics apply"
        )
        self.suggest_model = self._add(document, "Suggest from a &model…", self.ask_model)
        self.suggest_model.setStatusTip("A pipeline `annotator train` wrote suggests spans here")
        # The keys are the article's own (annotator.gui.suggestions.correcting): shown here,
        # after a tab, without becoming window shortcuts.
        self.accept = self._add(document, "Accept suggestion\tEnter", keys.accept)
        self.next = self._add(document, "Next suggestion\tTab", lambda: keys.step(True))
        self.previous = self._add(
            document, "Previous suggestion\tShift+Tab", lambda: keys.step(False)
        )
        self.reject = self._add(document, "Reject suggestion\tX", keys.reject)
        self.accept_all = self._add(document, "Accept &all suggestions", keys.accept_all)
        self.accept_all.setShortcut(QKeySequence(ACCEPT_ALL_KEY))
        self.accept_all.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(self.accept_all)
        self.people_menu = menus.view_menu.addMenu("&Suggestions from")
        self.people_menu.aboutToShow.connect(self.list_model_people)
        self.people = QActionGroup(self)
        keys.changed.connect(self._enable)
        self._enable()

    def _add(self, menu: object, text: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def _enable(self) -> None:
        left = bool(self.keys.remaining)
        for action in (self.accept, self.next, self.previous, self.reject, self.accept_all):
            action.setEnabled(left)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text)
        self.finished.emit(text)

    # -- whose suggestions -------------------------------------------------------------------

    def list_model_people(self) -> None:
        """One checkable entry per person of the model role (the shown one checked)."""
        self.people_menu.clear()
        for action in self.people.actions():
            self.people.removeAction(action)
        names = model_people(self.window.store)
        if self.keys.model_person not in names:
            names.insert(0, self.keys.model_person)
        for name in names:
            action = self.people_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(name == self.keys.model_person)
            action.triggered.connect(lambda _=False, who=name: self.use_model_person(who))
            self.people.addAction(action)

    def use_model_person(self, name: str) -> None:
        """Show ``name``'s suggestions, and order Least sure first by their scores."""
        self.keys.use_model_person(name)
        self.window.documents.use_model_person(name)

    # -- Document > Suggest --------------------------------------------------------------------

    def ask_dictionary(self) -> None:
        from annotator.gui.file_dialogs import choose_files_to_open

        chosen = choose_files_to_open(
            self.window, "Suggest from a dictionary", "Dictionaries (*.tsv *.jsonl);;All (*)"
        )
        self._back_to_article()
        if chosen:
            self.suggest_from_dictionary(Path(chosen[0]))

    def ask_model(self) -> None:
        from annotator.gui.file_dialogs import choose_folder

        chosen = choose_folder(self.window, "Suggest from a model (a folder annotator train wrote)")
        self._back_to_article()
        if chosen:
            self.suggest_from_model(Path(chosen))

    def _back_to_article(self) -> None:
        self.window.activateWindow()
        self.window.view.setFocus()

    def suggest_from_dictionary(self, path: Path) -> None:
        """Match the dictionary at ``path`` in the open document, in a thread; its matches
        replace the shown model person's suggestions there."""
        actions = self.window.actions
        matching = Matching(actions.ignore_case.isChecked(), actions.ignore_diacritics.isChecked())
        store, who = self.window.store, self.keys.model_person

        def run(document_id: int) -> Suggested:
            dictionary = load_dictionary(store, path, matching)
            return suggest_from_dictionary(store, dictionary, [document_id], who, _no_steps)

        self._start(f"Matching {path.name}…", run)

    def suggest_from_model(self, folder: Path) -> None:
        """Run the pipeline in ``folder`` over the open document, in a thread; its spans
        replace the shown model person's suggestions there."""
        store, who = self.window.store, self.keys.model_person
        self._start(
            f"Running the model in {folder.name}…",
            lambda document_id: suggest_from_model(store, folder, [document_id], who, _no_steps),
        )

    def _start(self, text: str, run: Callable[[int], Suggested]) -> None:
        document = self.window.workspace.document
        if document is None:
            return
        document_id = document.id

        def work() -> Suggested | str:
            try:
                return run(document_id)
            except UserError as error:  # a bad file: its one line, for the status bar
                return str(error)

        self.window.statusBar().showMessage(text)
        self.runner.start(work)

    def _suggested(self, result: object) -> None:
        if isinstance(result, str):
            self._say(result)
            return
        assert isinstance(result, Suggested)
        self.keys.refresh()
        self._say(
            f"{result.suggestions} suggestion(s) from {result.model_person}: Enter accepts,"
            " Tab goes to the next, X rejects"
        )


def _no_steps(_count: int) -> None:
    """The window shows no progress bar for one document."""
