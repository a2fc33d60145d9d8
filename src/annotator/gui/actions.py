"""The window's actions, shortcuts and menus, in one place.

Label hotkeys are window shortcuts: the article view passes on the keys it does not use
(digits, letters, Delete, Ctrl+Enter, Alt+Left/Right), and text fields (the document search)
take typed characters first, as Qt's shortcut override gives them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from annotator.core.labels import LabelSchema
from annotator.gui.label_bar import colour_chip
from annotator.gui.undo import follow_the_stack

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


def _keys(*sequences: str | QKeySequence.StandardKey) -> list[QKeySequence]:
    return [QKeySequence(sequence) for sequence in sequences]


class WindowActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        editor = window.editor
        stack = window.stack

        self.import_files = self._action("&Import files…", window.import_files, "Ctrl+O")
        self.open_sample = self._action("Import the &sample article", window.import_sample)
        self.export = self._action("&Export…", window.export, "Ctrl+Shift+E")
        self.export.setStatusTip("Write the corpus to a file, as `annotator export` does")
        self.quit = self._action("&Quit", window.close, QKeySequence.StandardKey.Quit)

        # Not QUndoStack's own actions: undo and redo wait while changes wait for the database,
        # and leave the stack where it was when the database is busy (editing.Editor.undo).
        self.undo = self._action("&Undo", editor.undo, QKeySequence.StandardKey.Undo)
        # Ctrl+Shift+Z and Ctrl+Y on every platform, whatever the platform's own default.
        self.redo = self._action("&Redo", editor.redo, "Ctrl+Shift+Z", "Ctrl+Y")
        follow_the_stack(self.undo, self.redo, stack)
        self.delete_span = self._action(
            "&Delete span or relation",
            editor.delete_selected,
            QKeySequence.StandardKey.Delete,
            "Backspace",
        )
        # A plain letter, as label keys are; while a relation is drawn its picker takes the keys.
        self.start_relation = self._action("Start a &relation", editor.relations.start, "R")
        self.start_relation.setStatusTip(
            "From the selected span: Tab through the spans it may reach, press the relation's key"
        )
        self.label_all = self._action(
            "Label &all occurrences", editor.label_all_occurrences, "Ctrl+L"
        )
        self.label_all.setStatusTip(
            "Give every other whole-word occurrence of the selected span's text the same label"
        )
        self.ignore_case = self._checkable("Match ignoring &case")
        self.ignore_diacritics = self._checkable("Match ignoring &diacritics (é = e)")
        from annotator.gui.corpus_labelling import CorpusLabeller

        self.labeller = CorpusLabeller(editor, window, self.ignore_case, self.ignore_diacritics)
        self.label_across = self._action(
            "Label all in &my documents…", self.labeller.start, "Ctrl+Shift+L"
        )
        self.label_across.setStatusTip(
            "Label the selected span's text in all your unfinished documents (one undo step)"
        )
        self.find = self._action(
            "&Find in all documents…", window.search.show_and_focus, "Ctrl+Shift+F"
        )
        self.find.setStatusTip("Find a phrase, a label's spans or a person's, in every document")
        self.edit_labels = self._action("&Labels…", window.edit_labels)
        # Modified keys: a label's hotkey may be any letter or digit.
        self.comment_span = self._action(
            "&Comment on span…", editor.comment_selected, "Ctrl+Shift+C"
        )
        self.comment_span.setStatusTip("A note on the selected span: unsure, check, free text")
        self.note_document = self._action(
            "N&ote on document…", editor.note_document, "Ctrl+Shift+N"
        )
        self.flag_document = self._action("&Flag document", editor.toggle_flag, "Ctrl+B")
        self.flag_document.setStatusTip(
            "Flag this document (or take the flag off); the document list's Flagged filter finds it"
        )

        self.mark_done = self._action(
            "Mark &done and open the next", editor.mark_done_and_next, "Ctrl+Return", "Ctrl+Enter"
        )
        self.mark_not_done = self._action(
            "Mark no&t done", editor.mark_not_done, "Ctrl+Shift+Return", "Ctrl+Shift+Enter"
        )
        self.mark_not_done.setStatusTip("Reopen this document: it goes back to in progress")
        # Not PgUp/PgDn: they scroll the article, as Space and Ctrl+Home/End do.
        self.next_document = self._action(
            "&Next document", lambda: editor.go(True), "Alt+Right", "Ctrl+PgDown"
        )
        self.previous_document = self._action(
            "&Previous document", lambda: editor.go(False), "Alt+Left", "Ctrl+PgUp"
        )

        self.zoom_in = self._action(
            "Zoom &in", lambda: window.zoom(1), QKeySequence.StandardKey.ZoomIn, "Ctrl+="
        )
        self.zoom_out = self._action(
            "Zoom &out", lambda: window.zoom(-1), QKeySequence.StandardKey.ZoomOut
        )
        self.zoom_reset = self._action("&Actual size", window.reset_zoom, "Ctrl+0")
        # Alt+drag does the same, where the window manager leaves Alt+drag to the window.
        self.exact_characters = self._action(
            "E&xact characters (no snapping)", window.set_exact_characters, "Ctrl+Shift+X"
        )
        self.exact_characters.setCheckable(True)
        self.exact_characters.setStatusTip(
            "Drags select exactly the characters they cover, not whole words (as Alt+drag does)"
        )

        # The panes' own show/hide actions, with keys: F1 the guidelines, Ctrl+Shift+P progress.
        self.show_guidelines = self._pane_action(window.guidelines.toggleViewAction(), "F1")
        self.show_guidelines.setText("&Guidelines")
        self.show_guidelines.setStatusTip("Show or hide the project's annotation guidelines")
        self.show_progress = self._pane_action(window.progress.toggleViewAction(), "Ctrl+Shift+P")
        self.show_progress.setText("&Progress")
        self.show_progress.setStatusTip(
            "Show or hide the team's progress: documents done per person, spans per label"
        )

        # Esc with nothing selected (the article claims Esc while something is selected);
        # enabled while a label is kept (annotator.gui.kept_label).
        self.let_go_of_label = self._action("Let go of the kept label", self._let_go, "Esc")
        self.let_go_of_label.setEnabled(False)
        self.let_go_of_label.setStatusTip(
            "A label key with nothing selected keeps that label: each drag then labels at once"
        )
        self.label_actions: dict[str, QAction] = {}
        self._build_menus()

    def _let_go(self) -> None:
        if self.window.editor.kept is not None:
            self.window.editor.kept.let_go()

    def read_only(self) -> list[QAction]:
        """The actions that change no annotation: review mode keeps them (and their menus)."""
        return [
            self.export,
            self.quit,
            self.zoom_in,
            self.zoom_out,
            self.zoom_reset,
            self.exact_characters,
            self.show_guidelines,
            self.show_progress,
        ]

    def _action(self, text: str, slot: object, *keys: str | QKeySequence.StandardKey) -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcuts(_keys(*keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        # Added to the window so the shortcut works even when its menu is hidden.
        self.window.addAction(action)
        return action

    def _pane_action(self, action: QAction, key: str) -> QAction:
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.window.addAction(action)
        return action

    def _checkable(self, text: str) -> QAction:
        action = QAction(text, self.window)
        action.setCheckable(True)
        action.setStatusTip("How Label all in my documents compares texts")
        return action

    def _build_menus(self) -> None:
        bar = self.window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.import_files, self.open_sample, self.export])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        edit.addActions([self.delete_span, self.label_all, self.label_across, self.comment_span])
        edit.addAction(self.start_relation)
        edit.addActions([self.ignore_case, self.ignore_diacritics])
        edit.addSeparator()
        edit.addAction(self.find)
        edit.addSeparator()
        edit.addAction(self.edit_labels)
        self.label_menu: QMenu = bar.addMenu("&Label")
        document = self.document_menu = bar.addMenu("&Document")
        document.addActions([self.mark_done, self.next_document, self.previous_document])
        document.insertAction(self.next_document, self.mark_not_done)
        document.insertActions(self.next_document, [self.note_document, self.flag_document])
        view = self.view_menu = bar.addMenu("&View")
        view.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        view.addSeparator()
        view.addAction(self.exact_characters)
        view.addSeparator()
        view.addActions([self.show_guidelines, self.show_progress])

    def set_labels(self, schema: LabelSchema) -> None:
        """One action per label, its shortcuts the label's hotkeys; rebuilt when the schema
        changes."""
        for action in self.label_actions.values():
            self.window.removeAction(action)
            action.deleteLater()
        self.label_menu.clear()
        self.label_actions = {}
        for label in schema:
            action = self._action(
                label.name,
                lambda _=False, name=label.name: self.window.editor.apply_label(name),
                *label.hotkeys(),
            )
            action.setIcon(colour_chip(label.color))
            action.setStatusTip(label.description)
            self.label_menu.addAction(action)
            self.label_actions[label.name] = action
        self.label_menu.addSeparator()
        self.label_menu.addAction(self.let_go_of_label)
