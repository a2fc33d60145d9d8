"""Correcting suggestions from the keyboard, in the article: **Enter** accepts the current
suggestion (or, with none current, the one at the caret or the next), **Tab** / **Shift+Tab**
make the next / previous one current (scrolled to), **X** rejects the current one, and
Document > Accept all suggestions (**Ctrl+Alt+A**) accepts every one left.

The suggestions shown are the *remaining* ones: the chosen model person's (``model`` unless
View > Suggestions from names another) that the annotator has not answered (:func:`unanswered`:
no span of theirs has their offsets, and none of their label overlaps them). A click on a
suggestion makes it current. Only people of the model role make suggestions, so no
annotator's spans ever show through them. Accepting and rejecting are undo commands
(:mod:`annotator.gui.suggestions.commands`). The keys are the article's only while it has
suggestions and no relation is being drawn (R's Tab and Enter are the relation picker's then).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent

from annotator.core.status import MODEL
from annotator.gui.commands import Triple, quote
from annotator.gui.suggestions.commands import AcceptSuggestions, RejectSuggestions

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow
    from annotator.gui.workspace import OpenDocument

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_KEYS = (*_ENTER, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_X)
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)


def unanswered(suggested: list[Triple], own: list[Triple]) -> list[Triple]:
    """The suggestions still to answer: no span of the annotator's has the same offsets (with
    any label: accepted, or accepted and relabelled), and none of the same label overlaps it
    (the annotator labelled that mention with the extent they chose: ``Kunduz`` PLACE is
    answered by their ``Kunduz City`` PLACE). One inside a span of another label is still
    shown: a PLACE inside an EVENT is another mention."""
    ranges = {(start, end) for start, end, _ in own}
    by_label: dict[str, list[tuple[int, int]]] = {}
    for start, end, label in own:
        by_label.setdefault(label, []).append((start, end))
    return [
        (start, end, label)
        for start, end, label in suggested
        if (start, end) not in ranges
        and not any(s < end and start < e for s, e in by_label.get(label, ()))
    ]


class SuggestionKeys(QObject):
    """The open document's remaining suggestions, the current one, and the keys on them."""

    changed = Signal()  # the remaining suggestions or the current one changed

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace
        self.editor = window.editor
        self.view = window.view
        self.model_person = MODEL
        self.remaining: list[Triple] = []
        self.current: Triple | None = None
        ws = self.workspace
        for signal in (
            ws.documentOpened,
            ws.spansAdded,
            ws.spansRemoved,
            ws.spanRelabelled,
            ws.suggestionsChanged,
            ws.spansChangedAcross,
        ):
            signal.connect(self.refresh)
        self.view.spanClicked.connect(self._clicked)
        self.view.installEventFilter(self)

    def use_model_person(self, name: str) -> None:
        """Show ``name``'s suggestions (a person of the model role)."""
        self.model_person = name
        self.current = None
        self.refresh()

    def refresh(self) -> None:
        """Read the open document's suggestions again and draw the remaining ones."""
        document = self.workspace.document
        if document is None:
            self.remaining = []
        else:
            suggested = self.workspace.suggestions(document.id, self.model_person)
            self.remaining = unanswered(
                [(s.start, s.end, s.label) for s in suggested],
                [(span.start, span.end, span.label) for span in document.spans],
            )
        if self.current not in self.remaining:
            self.current = None
        self.view.show_suggestions(self.remaining, self.current)
        self.changed.emit()

    # -- moving ------------------------------------------------------------------------------

    def _caret(self) -> int:
        return self.view.text_map.from_qt(self.view.textCursor().selectionStart())

    def target(self) -> int | None:
        """The index of the suggestion Enter and X act on: the current one, else the one the
        caret is in (a click on it puts the caret there), else the first after the caret (else
        the first)."""
        if not self.remaining:
            return None
        if self.current is not None:
            return self.remaining.index(self.current)
        caret = self._caret()
        return next((n for n, s in enumerate(self.remaining) if caret < s[1]), 0)

    def step(self, forward: bool) -> None:
        """Make the next (previous) suggestion current, wrapping round; with none current,
        the first at or after the caret (the last before it)."""
        count = len(self.remaining)
        if not count:
            self._tell("No suggestions here.")
            return
        if self.current is not None:
            at = self.remaining.index(self.current) + (1 if forward else -1)
        elif forward:
            at = self.target() or 0
        else:
            caret = self._caret()
            at = max((n for n, s in enumerate(self.remaining) if s[0] < caret), default=-1)
        self._make_current(self.remaining[at % count])

    def _clicked(self) -> None:
        """A click in the article makes the suggestion under it current (none elsewhere), so
        that Enter and X answer what was clicked rather than what was current before."""
        if not self.remaining:
            return
        caret = self._caret()
        under = [s for s in self.remaining if s[0] <= caret < s[1]]
        self._make_current(under[-1] if under else None)

    def _make_current(self, suggestion: Triple | None) -> None:
        self.current = suggestion
        self.view.show_suggestions(self.remaining, suggestion)
        if suggestion is not None:
            self._describe(suggestion)
        self.changed.emit()

    def _describe(self, suggestion: Triple) -> None:
        document = self.workspace.document
        if document is None:
            return
        start, end, label = suggestion
        number = self.remaining.index(suggestion) + 1
        self._tell(
            f"Suggestion {number} of {len(self.remaining)}: {label} "
            f"{quote(document.text[start:end])} · Enter accepts · X rejects · Tab next"
        )

    def _tell(self, text: str) -> None:
        self.editor.message.emit(text)

    # -- answering ---------------------------------------------------------------------------

    def _targeted(self) -> tuple[OpenDocument, Triple, Triple | None] | None:
        """The open document, the suggestion to answer and the one after it; None (and the
        status bar says so) when there is none."""
        document = self.workspace.document
        at = self.target()
        if document is None or at is None:
            self._tell("No suggestions here.")
            return None
        following = self.remaining[at + 1] if at + 1 < len(self.remaining) else None
        return document, self.remaining[at], following

    def accept(self) -> None:
        """Accept the target suggestion; the accepted span is selected (a label key
        relabels it) and the next suggestion becomes current."""
        targeted = self._targeted()
        if targeted is None:
            return
        document, chosen, following = targeted
        start, end, label = chosen
        command = AcceptSuggestions(
            self.workspace,
            self.editor.keys,
            document.id,
            self.model_person,
            [chosen],
            f"Accept {label} {quote(document.text[start:end])}",
        )
        self.current = following

        def accepted() -> None:
            self.view.clear_range()
            if command.stored:
                self.view.select_span(command.stored[0].id)
            self._make_current(self.current if self.current in self.remaining else None)

        self.editor.run(command, accepted)

    def reject(self) -> None:
        """Reject the target suggestion; the next one becomes current."""
        targeted = self._targeted()
        if targeted is None:
            return
        document, chosen, following = targeted
        start, end, label = chosen
        text = f"Reject {label} {quote(document.text[start:end])}"
        command = RejectSuggestions(self.workspace, document.id, self.model_person, [chosen], text)
        self.current = following
        self.editor.run(command, lambda: self._make_current(self.current))

    def accept_all(self) -> None:
        """Accept every remaining suggestion on the open document, as one undo step."""
        document = self.workspace.document
        if document is None or not self.remaining:
            self._tell("No suggestions left to accept here.")
            return
        count = len(self.remaining)
        command = AcceptSuggestions(
            self.workspace,
            self.editor.keys,
            document.id,
            self.model_person,
            list(self.remaining),
            f"Accept {count} suggestion(s)",
        )
        self.current = None
        self.editor.run(command, lambda: self._tell(f"Accepted {count} suggestion(s)."))

    # -- keys --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or not self._claims(event):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # before a window shortcut (a label's hotkey X) takes it
            return True
        if event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()
        if key in _ENTER:
            self.accept()
        elif key == Qt.Key.Key_X:
            self.reject()
        else:
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.step(key == Qt.Key.Key_Tab and not shift)
        return True

    def _claims(self, event: QKeyEvent) -> bool:
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not self.remaining or self.editor.relations.active:
            return False
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = event.key()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return modifiers in _PLAIN
        return key in _KEYS and modifiers == Qt.KeyboardModifier.NoModifier
