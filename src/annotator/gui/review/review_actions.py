"""The review mode's actions and keys, in one place.

| key                     | action                                                       |
|-------------------------|--------------------------------------------------------------|
| J or Down / K or Up     | next / previous candidate (selected in the article too)      |
| A / R                   | accept / reject the selected candidate, then go to the next   |
|                         | undecided one (in the next document that has one, when this   |
|                         | one has none left)                                            |
| Ctrl+J                  | next document with a candidate to decide (gold not done)      |
| a label's key (1–4)     | correct the selected candidate's label (with a range dragged  |
|                         | in the article: its boundaries too; with no candidate: put    |
|                         | the dragged range into gold with that label)                  |
| drag, then C            | correct the selected candidate's boundaries to the dragged    |
|                         | range                                                         |
| Shift+1 … Shift+9       | accept all from annotator 1…9 (as listed above the article)   |
| N or Ctrl+Enter         | mark the gold set done and open the next document not done    |
| Alt+Right / Alt+Left,   | next / previous document in the queue (as in the window: the  |
| Ctrl+PgDown / Ctrl+PgUp | page keys and Space scroll the article)                       |
| a relation label's key  | with a relation candidate selected (J/K or a click in the     |
| (g t l c)               | list): relabel it (C is count's key then: a relation has no   |
|                         | boundaries). A and R accept and reject it; accepting puts its |
|                         | spans into gold too when gold lacks them                      |
| Ctrl+E                  | type a reason for the next decision (Enter goes back)         |
| Ctrl+Z / Ctrl+Shift+Z   | undo / redo (the changed candidate is then the selected one)  |

The actions belong to the review panel with ``WindowShortcut`` context: they act wherever the
keyboard is in the window (no click needed first; text fields still take typed letters), and
never while the panel is hidden. A label whose hotkey is one of the review letters keeps only
its other hotkey here (ACTOR's "a" is accept).
"""

# ruff: noqa: RUF002 (en dashes in offset ranges and key lists are meant)

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from annotator.core.labels import Label, LabelSchema
from annotator.core.relations import RelationSchema
from annotator.gui.label_bar import colour_chip
from annotator.gui.undo import follow_the_stack

if TYPE_CHECKING:
    from annotator.gui.review.review_panel import ReviewPanel

T = TypeVar("T")
REVIEW_LETTERS = frozenset("ajkrcn")
MAX_ANNOTATOR_KEYS = 9


def calling(function: Callable[[T], object], value: T) -> Callable[[], None]:
    """A slot that calls ``function(value)`` (whatever the signal passes)."""

    def slot() -> None:
        function(value)

    return slot


def label_keys(label: Label) -> list[str]:
    """The label's hotkeys that review mode leaves to it."""
    return [key for key in label.hotkeys() if key.lower() not in REVIEW_LETTERS]


class ReviewActions:
    def __init__(self, panel: ReviewPanel) -> None:
        self.panel = panel
        judge = panel.adjudicator
        stack = panel.stack

        self.accept = self._action("&Accept", judge.accept, "A")
        self.reject = self._action("&Reject", judge.reject, "R")
        self.correct = self._action(
            "&Correct boundaries to the selection", judge.correct_boundaries, "C"
        )
        self.next_candidate = self._action("Ne&xt candidate", lambda: panel.step(1), "J", "Down")
        self.previous_candidate = self._action(
            "Pre&vious candidate", lambda: panel.step(-1), "K", "Up"
        )
        self.gold_done = self._action(
            "Mark gold &done and open the next",
            judge.gold_done_and_next,
            "N",
            "Ctrl+Return",
            "Ctrl+Enter",
        )
        self.next_to_decide = self._action(
            "Next document to &decide", judge.next_to_decide, "Ctrl+J"
        )
        self.next_to_decide.setStatusTip(
            "Open the next document in the queue with a candidate to decide (gold not done)"
        )
        # Not PgUp/PgDn: they scroll the article, as in the window (actions.WindowActions).
        self.next_document = self._action(
            "Next document", lambda: panel.go(True), "Alt+Right", "Ctrl+PgDown"
        )
        self.previous_document = self._action(
            "Previous document", lambda: panel.go(False), "Alt+Left", "Ctrl+PgUp"
        )
        self.edit_reason = self._action("Note a &reason…", panel.focus_reason, "Ctrl+E")
        self.refresh = self._action("Re&fresh the queue", panel.refresh_queue, "F5")
        # Zoom is the window's View menu's, which acts on this article too.

        self.undo = self._action("&Undo", judge.undo, QKeySequence.StandardKey.Undo)
        self.redo = self._action("&Redo", judge.redo, "Ctrl+Shift+Z", "Ctrl+Y")
        follow_the_stack(self.undo, self.redo, stack)

        self.accept_all: list[QAction] = []
        for number in range(1, MAX_ANNOTATOR_KEYS + 1):
            action = self._action(
                f"Accept all from annotator {number}",
                calling(judge.accept_all_from, number),
                f"Shift+{number}",
            )
            action.setVisible(False)  # named and shown per document by set_annotators
            self.accept_all.append(action)
        self.label_actions: dict[str, QAction] = {}
        self.relation_actions: dict[str, QAction] = {}

    def _action(
        self, text: str, slot: Callable[[], object], *keys: str | QKeySequence.StandardKey
    ) -> QAction:
        action = QAction(text, self.panel)
        if keys:
            action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.panel.addAction(action)
        return action

    def set_labels(self, schema: LabelSchema) -> None:
        for action in self.label_actions.values():
            self.panel.removeAction(action)
            action.deleteLater()
        self.label_actions = {}
        for label in schema:
            action = self._action(
                f"Correct the label to {label.name}",
                calling(self.panel.adjudicator.apply_label, label.name),
                *label_keys(label),
            )
            action.setIcon(colour_chip(label.color))
            self.label_actions[label.name] = action

    def set_relation_labels(self, relations: RelationSchema, labels: LabelSchema) -> None:
        """One action per relation label, on its key unless a review letter or a span
        label's key has it (C reaches ``count`` through the boundary correction)."""
        for action in self.relation_actions.values():
            self.panel.removeAction(action)
            action.deleteLater()
        self.relation_actions = {}
        taken = REVIEW_LETTERS | {key.lower() for label in labels for key in label.hotkeys()}
        for relation in relations:
            keys = [] if relation.hotkey.lower() in taken else [relation.hotkey]
            action = self._action(
                f"Relabel the relation to {relation.name}",
                calling(self.panel.adjudicator.relabel_relation, relation.name),
                *keys,
            )
            action.setIcon(colour_chip(relation.color))
            self.relation_actions[relation.name] = action

    def set_annotators(self, names: list[str]) -> None:
        """Name the accept-all actions after the open document's annotators."""
        for number, action in enumerate(self.accept_all, start=1):
            if number <= len(names):
                action.setText(f"Accept all from {names[number - 1]}")
                action.setVisible(True)
                action.setEnabled(True)
            else:
                action.setVisible(False)
                action.setEnabled(False)

    def menu_actions(self) -> list[QAction | None]:
        """The actions for a Review menu, None where a separator goes."""
        return [
            self.undo,
            self.redo,
            None,
            self.accept,
            self.reject,
            self.correct,
            *self.label_actions.values(),
            *self.relation_actions.values(),
            None,
            *self.accept_all,  # hidden ones (no such annotator here) are not listed
            None,
            self.next_candidate,
            self.previous_candidate,
            self.edit_reason,
            None,
            self.gold_done,
            self.next_to_decide,
            self.next_document,
            self.previous_document,
            self.refresh,
        ]
