"""The article view: one article, read-only, with its spans highlighted; selections in it
become code point ranges.

Every offset this module takes or gives is a code point offset (end exclusive) into the STORED
text. Qt counts UTF-16 units and collapses CRLF; every conversion between the two goes through
:attr:`ArticleView.text_map` (:class:`~annotator.core.offsets.TextMap`).

Selecting: a mouse drag snaps, on release, to whole tokens without surrounding whitespace or
punctuation (Alt held, or :attr:`ArticleView.exact_characters` on: exact characters, only
whitespace trimmed); a double-click selects the
token under the mouse; Right/Left select the next/previous token, Shift+Right/Shift+Left add or
drop a token at the selection's end (in a right-to-left paragraph Left is "next", as the text
runs); Escape clears the selection (or, with none, deselects the selected span). Each settled
selection is emitted as ``rangeSelected(start, end)``, and one a mouse drag or double-click
made also as ``rangeChosen(start, end)``.
A plain click emits ``spanClicked`` with the innermost span under the mouse, or -1.
A snapped drag keeps to the paragraph it began in (:mod:`annotator.core.paragraphs`); an exact
(Alt) one may cross a paragraph break.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractSlider, QFrame, QPlainTextEdit, QTextEdit, QWidget

from annotator.core.labels import LabelSchema, default_schema
from annotator.core.offsets import TextMap
from annotator.core.paragraphs import snap_in_paragraph
from annotator.core.relations import RelationSchema
from annotator.core.tokens import Tokens, trim_whitespace
from annotator.gui.highlighter import SELECTED_TINT, LabelColours, SpanHighlighter, tint
from annotator.gui.relations.arcs import ArcLayer
from annotator.gui.suggestions.marks import SuggestionMarks
from annotator.gui.view_geometry import char_at, range_rects
from annotator.gui.view_index import SpanIndex, block_starts
from annotator.gui.view_layout import SpacedLayout
from annotator.gui.view_steps import extend, next_token, previous_token, shrink
from annotator.store.annotations import StoredSpan
from annotator.store.relations import StoredRelation

READING_POINT_SIZE = 12.0
MIN_POINT_SIZE = 8.0
MAX_POINT_SIZE = 40.0
READING_COLUMN_CHARS = 84
"""The text column is at most about this many average characters wide; wider windows get
wider side margins instead of longer lines."""
PAGE_MARGIN = 14.0

_ARROWS = (Qt.Key.Key_Left, Qt.Key.Key_Right)
_NO, _SHIFT, _CTRL = (
    Qt.KeyboardModifier.NoModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.ControlModifier,
)
_STEP = QAbstractSlider.SliderAction
# The keys that scroll the article, as a reader expects (label hotkeys are never whitespace, so
# Space is free); moving between documents is Alt+Left/Right or Ctrl+PgUp/PgDn.
_SCROLL_KEYS = {
    (Qt.Key.Key_Up, _NO): _STEP.SliderSingleStepSub,
    (Qt.Key.Key_Down, _NO): _STEP.SliderSingleStepAdd,
    (Qt.Key.Key_PageUp, _NO): _STEP.SliderPageStepSub,
    (Qt.Key.Key_PageDown, _NO): _STEP.SliderPageStepAdd,
    (Qt.Key.Key_Space, _SHIFT): _STEP.SliderPageStepSub,
    (Qt.Key.Key_Space, _NO): _STEP.SliderPageStepAdd,
    (Qt.Key.Key_Home, _NO): _STEP.SliderToMinimum,
    (Qt.Key.Key_Home, _CTRL): _STEP.SliderToMinimum,
    (Qt.Key.Key_End, _NO): _STEP.SliderToMaximum,
    (Qt.Key.Key_End, _CTRL): _STEP.SliderToMaximum,
}


class ArticleView(QPlainTextEdit):
    """A read-only view of one article and its spans (see the module docstring)."""

    # The snapped selection after a drag, double-click or key move; (-1, -1) when cleared.
    rangeSelected = Signal(int, int)
    # The innermost (shortest) span under a plain click; -1 for a click outside every span.
    spanClicked = Signal(int)
    # The selection a mouse drag or double-click made (not a key move nor the program's own).
    rangeChosen = Signal(int, int)
    # Escape deselected the selected span (nothing else is selected now).
    spanDeselected = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        document = QTextDocument(self)
        # Held here: asking the document for its layout again crashed PySide6 now and then.
        self._layout = SpacedLayout(document)
        document.setDocumentLayout(self._layout)
        document.setUndoRedoEnabled(False)
        document.setDocumentMargin(PAGE_MARGIN)
        self.setDocument(document)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAcceptDrops(False)
        # Right-clicks go to the parent (the window may offer span actions there).
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        font = QFont(self.font())
        font.setPointSizeF(READING_POINT_SIZE)
        self.setFont(font)
        # The side margins outside the viewport show the page colour, not a grey frame.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Base))
        self.setPalette(palette)
        self.setAutoFillBackground(True)

        self._map = TextMap("")
        self._tokens: Tokens | None = None
        self._index = SpanIndex(self._map, [0], ())
        self._highlighter = SpanHighlighter(document, self._colours(default_schema()))
        self._range: tuple[int, int] | None = None
        self._selected_span: int | None = None
        self._dashed: frozenset[int] = frozenset()
        self._pending: list[tuple[int, int, str]] = []
        self._suggestions = SuggestionMarks(self)
        self._after_double_click = False
        # Drags select exact characters, as with Alt held (which many window managers take).
        self.exact_characters = False
        self.arcs = ArcLayer(self, self.palette().color(QPalette.ColorRole.Base))
        self._relations: tuple[Sequence[StoredRelation], RelationSchema] | None = None
        # Span id -> ((start, end) stored, (start, end) in Qt positions), for the arcs.
        self._qt_ranges: dict[int, tuple[tuple[int, int], tuple[int, int]]] = {}

    # --- showing ---------------------------------------------------------------------------

    @property
    def text_map(self) -> TextMap:
        """Offsets of the shown text: stored code points <-> Qt positions."""
        return self._map

    @property
    def tokens(self) -> Tokens:
        """The tokens of the shown text, built on first use and kept until the next document."""
        if self._tokens is None:
            self._tokens = Tokens(self._map.stored)
        return self._tokens

    def show_document(
        self,
        text: str,
        spans: Sequence[StoredSpan],
        schema: LabelSchema,
        relations: Sequence[StoredRelation] = (),
        relation_schema: RelationSchema | None = None,
    ) -> None:
        """Show ``text`` (the exact stored text) with ``spans`` and the ``relations`` between
        them; the selection and the selected span are reset without signals."""
        self._map = TextMap(text)
        self._tokens = None
        self._range = None
        self._selected_span = None
        self._dashed = frozenset()
        self._suggestions.set_marks((), None)
        self._after_double_click = False
        self.setExtraSelections([])
        starts = block_starts(self._map)
        self._index = SpanIndex(self._map, starts, spans)
        self._highlighter.set_index(self._index)
        self._highlighter.set_colours(self._colours(schema), rehighlight=False)
        self.arcs.selected = None
        self.arcs.set_marks(None, (), None, self._highlighter.colours.color)
        self.arcs.geometry.forget_layout()  # another text
        self.arcs.geometry.forget_ends()
        self._qt_ranges = {}
        # Before the text goes in: the room above the lines is part of its first layout.
        self._show_relations(relations, relation_schema or RelationSchema(), new_text=True)
        # Qt highlights every block as it inserts the text, with the index already in place.
        self.setPlainText(self._map.display)
        if self.document().blockCount() != len(starts):
            # Qt split blocks somewhere TextMap does not (e.g. at U+FDD0); follow Qt.
            self._index = SpanIndex(self._map, self._qt_block_starts(), spans)
            self._highlighter.set_index(self._index)
            self._highlighter.rehighlight()

    def set_spans(self, spans: Sequence[StoredSpan]) -> None:
        """Replace every span; only blocks whose runs changed are highlighted again."""
        index = SpanIndex(self._map, self._index.block_starts, spans)
        changed = index.changed_blocks(self._index)
        self._index = index
        self.arcs.geometry.forget_ends()  # a span id may stand for another range now
        self._highlighter.set_index(index)
        document = self.document()
        for number in changed:
            self._highlighter.rehighlightBlock(document.findBlockByNumber(number))
        if self._selected_span is not None and index.span(self._selected_span) is None:
            self._selected_span = None
        self._show_selected_span()

    # --- relations (drawn as arcs: annotator.gui.relations.arcs) ----------------------------

    def set_relations(self, relations: Sequence[StoredRelation], schema: RelationSchema) -> None:
        """Draw ``relations`` (between shown spans) in ``schema``'s colours; the lines they
        start or end on get room above them for the arcs."""
        self._show_relations(relations, schema, new_text=False)

    def _show_relations(
        self, relations: Sequence[StoredRelation], schema: RelationSchema, new_text: bool
    ) -> None:
        self._relations = (relations, schema)
        changed = self.arcs.set_relations(relations, schema, self._span_range)
        self._layout.set_room_above(self.arcs.room(), self.arcs.geometry.has_end)
        if not new_text:  # a new text is laid out whole anyway
            self._layout.lay_out_again(changed)
        self.viewport().update()

    def _span_range(self, span_id: int) -> tuple[int, int] | None:
        """Span ``span_id``'s Qt range (kept: every relation change asks for every end)."""
        span = self._index.span(span_id)
        if span is None:
            return None
        known = self._qt_ranges.get(span_id)
        if known is None or known[0] != (span.start, span.end):
            qt = (self._map.to_qt(span.start), self._map.to_qt(span.end))
            known = self._qt_ranges[span_id] = ((span.start, span.end), qt)
        return known[1]

    def selected_relation(self) -> int | None:
        return self.arcs.selected

    def select_relation(self, relation_id: int | None) -> None:
        """Draw relation ``relation_id`` as selected (a thicker arc; no span is selected then)
        and scroll to its source span."""
        self.arcs.selected = relation_id
        relation = next((r for r in self.arcs.geometry.relations if r.id == relation_id), None)
        if relation is not None:
            self._selected_span = None
            self._show_selected_span()
            span = self._index.span(relation.source_id)
            if span is not None:
                self._scroll_to(self._map.to_qt(span.start))
        self.viewport().update()

    def mark_relation(
        self, source_id: int | None, candidate_ids: Sequence[int], current_id: int | None
    ) -> None:
        """While a relation is drawn: outline its source span, the spans it may reach and,
        strongest, the current one (scrolled into view); ``source_id`` None ends that."""
        spans = [self._index.span(n) for n in candidate_ids]
        candidates = [
            (self._map.to_qt(s.start), self._map.to_qt(s.end), s.label) for s in spans if s
        ]
        self.arcs.set_marks(
            None if source_id is None else self._span_range(source_id),
            candidates,
            None if current_id is None else self._span_range(current_id),
            self._highlighter.colours.color,
        )
        current = None if current_id is None else self._index.span(current_id)
        if current is not None:
            self._scroll_to(self._map.to_qt(current.start))
        self.viewport().update()

    def set_schema(self, schema: LabelSchema) -> None:
        """New label colours (or names): every block is highlighted again."""
        self._highlighter.set_colours(self._colours(schema))
        self._show_selected_span()

    def _colours(self, schema: LabelSchema) -> LabelColours:
        return LabelColours(schema, self.palette().color(QPalette.ColorRole.Base))

    def _qt_block_starts(self) -> list[int]:
        starts: list[int] = []
        block = self.document().firstBlock()
        while block.isValid():
            starts.append(block.position())
            block = block.next()
        return starts

    # --- range selection ------------------------------------------------------------------

    def selected_range(self) -> tuple[int, int] | None:
        """The current (snapped) selection, or None."""
        return self._range

    def select_range(self, start: int, end: int) -> None:
        """Select ``[start, end)`` exactly as given, scroll it into view, emit rangeSelected."""
        if not 0 <= start < end <= len(self._map.stored):
            raise ValueError(
                f"range {start}..{end} is not inside the text ({len(self._map.stored)})"
            )
        self._set_range((start, end), caret_at_start=True)

    def clear_range(self) -> None:
        """Drop the selection; emits rangeSelected(-1, -1) if there was one."""
        self._set_range(None)

    def _set_range(self, selection: tuple[int, int] | None, caret_at_start: bool = False) -> None:
        had_range = self._range is not None
        self._range = selection
        cursor = QTextCursor(self.document())
        if selection is None:
            cursor.setPosition(self.textCursor().position())
            self._set_cursor_in_place(cursor)  # clearing never scrolls
        else:
            start, end = (self._map.to_qt(offset) for offset in selection)
            anchor, position = (end, start) if caret_at_start else (start, end)
            cursor.setPosition(anchor)
            cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)  # and scrolls its caret into view
        if selection is not None:
            self.rangeSelected.emit(*selection)
        elif had_range:
            self.rangeSelected.emit(-1, -1)

    # --- the selected span ----------------------------------------------------------------

    def selected_span(self) -> int | None:
        return self._selected_span

    def select_span(self, span_id: int | None) -> None:
        """Draw span ``span_id`` as selected (stronger tint, outline) and scroll to it;
        None (or an id not shown) selects no span."""
        span = None if span_id is None else self._index.span(span_id)
        self._selected_span = None if span is None else span.id
        self._show_selected_span()
        if span is not None:
            self.arcs.selected = None
            self.viewport().update()
            self._scroll_to(self._map.to_qt(span.start))

    def _show_selected_span(self) -> None:
        span = None if self._selected_span is None else self._index.span(self._selected_span)
        if span is None:
            self.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_qt(span.start))
        cursor.setPosition(self._map.to_qt(span.end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        colours = self._highlighter.colours
        selection.format.setBackground(tint(colours.color(span.label), colours.base, SELECTED_TINT))
        self.setExtraSelections([selection])

    # --- dashed spans (the review mode's disputed candidates) -----------------------------

    def dashed_spans(self) -> frozenset[int]:
        return self._dashed

    def set_dashed(self, span_ids: Iterable[int]) -> None:
        """Outline spans ``span_ids`` with a dashed line in their label's colour (the review
        mode marks disputed candidates so); ids not shown are ignored. Reset by
        :meth:`show_document`."""
        self._dashed = frozenset(span_ids)
        self.viewport().update()

    # --- suggestions (annotator.gui.suggestions) -------------------------------------------

    def show_suggestions(
        self, suggestions: Sequence[tuple[int, int, str]], current: tuple[int, int, str] | None
    ) -> None:
        """Draw ``(start, end, label)`` suggestions (code point offsets) as dashed outlines,
        ``current`` stronger, scrolled into view when it changed; reset by show_document."""
        marks = [(self._map.to_qt(s), self._map.to_qt(e), label) for s, e, label in suggestions]
        to_qt = self._map.to_qt
        now = None if current is None else (to_qt(current[0]), to_qt(current[1]), current[2])
        moved = now is not None and now != self._suggestions.current
        self._suggestions.set_marks(marks, now)
        if moved and now is not None:
            self._scroll_to(now[0])
        self.viewport().update()

    def shown_suggestions(self) -> list[tuple[int, int, str]]:
        """The suggestions drawn, in code point offsets (what a test reads back)."""
        to_stored = self._map.from_qt
        return [(to_stored(s), to_stored(e), label) for s, e, label in self._suggestions.marks]

    # --- pending changes (waiting for a busy database) -------------------------------------

    def pending(self) -> list[tuple[int, int, str]]:
        return list(self._pending)

    def set_pending(self, spans: Sequence[tuple[int, int, str]]) -> None:
        """Draw ``(start, end, label)`` ranges as waiting to be saved: a dotted outline in the
        label's colour over a grey wash, unlike any saved span."""
        self._pending = list(spans)
        self.viewport().update()

    def _paint_pending(self, painter: QPainter) -> None:
        colours = self._highlighter.colours
        wash = QColor(128, 128, 128, 60)
        for start, end, label in self._pending:
            painter.setPen(QPen(colours.color(label), 1.8, Qt.PenStyle.DotLine))
            painter.setBrush(wash)
            for rect in range_rects(self, self._map.to_qt(start), self._map.to_qt(end)):
                painter.drawRoundedRect(rect.adjusted(-1.5, -1.0, 1.5, 1.0), 3.0, 3.0)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        span = None if self._selected_span is None else self._index.span(self._selected_span)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.arcs.paint(painter)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self._suggestions.marks:
            self._suggestions.paint(painter, self._visible_range(), self._highlighter.colours.color)
        if self._pending:
            self._paint_pending(painter)
        if self._dashed:
            self._paint_dashed(painter)
        if span is not None:
            painter.setPen(QPen(self._highlighter.colours.color(span.label), 1.6))
            for rect in range_rects(self, self._map.to_qt(span.start), self._map.to_qt(span.end)):
                painter.drawRoundedRect(rect.adjusted(-1.5, -1.0, 1.5, 1.0), 3.0, 3.0)
        painter.end()

    def _visible_range(self) -> tuple[int, int]:
        """The Qt positions from the first visible block to just past the last visible one."""
        first = self.firstVisibleBlock().position()
        # Past the last visible position: the bottom-right corner's caret, plus a line.
        last = self.cursorForPosition(self.viewport().rect().bottomRight()).position()
        return first, min(last + 1, self._map.display_length)

    def _paint_dashed(self, painter: QPainter) -> None:
        low, high = (self._map.from_qt(position) for position in self._visible_range())
        colours = self._highlighter.colours
        for span_id in self._dashed:
            span = self._index.span(span_id)
            if span is None or span.end < low or span.start > high:
                continue
            pen = QPen(colours.color(span.label), 1.2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            for rect in range_rects(self, self._map.to_qt(span.start), self._map.to_qt(span.end)):
                painter.drawRoundedRect(rect.adjusted(-1.0, -0.5, 1.0, 0.5), 2.5, 2.5)

    def _scroll_to(self, position: int) -> None:
        """Scroll so Qt position ``position`` is on screen, with a little context above it."""
        for rect in range_rects(self, position, position + 1):
            if rect.top() >= 0 and rect.bottom() <= self.viewport().height():
                return
        block = self.document().findBlock(position)
        self.blockBoundingRect(block)  # lays the block out
        line = block.layout().lineForTextPosition(position - block.position())
        self.verticalScrollBar().setValue(block.firstLineNumber() + max(line.lineNumber(), 0) - 2)

    # --- zoom and geometry ----------------------------------------------------------------

    def zoom(self, steps: int) -> None:
        """Change the font size by ``steps`` points, kept within 8..40."""
        font = QFont(self.font())
        size = min(MAX_POINT_SIZE, max(MIN_POINT_SIZE, font.pointSizeF() + steps))
        if size != font.pointSizeF():
            font.setPointSizeF(size)
            self.setFont(font)
            self.arcs.follow_font()
            if self._relations is not None:
                self.set_relations(*self._relations)  # the room above lines follows the font
            self._update_margins()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._update_margins()
        super().resizeEvent(event)
        self.arcs.geometry.forget_layout()  # lines break elsewhere

    def _update_margins(self) -> None:
        column = QFontMetricsF(self.font()).averageCharWidth() * READING_COLUMN_CHARS
        column += 2 * PAGE_MARGIN
        free = self.width() - self.verticalScrollBar().sizeHint().width() - column
        side = max(0, int(free / 2))
        self.setViewportMargins(side, 0, side, 0)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    # --- mouse ----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._after_double_click = False
        if event.button() == Qt.MouseButton.LeftButton and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            # A press inside an old selection would start dragging its text out; drop the old
            # selection first, without letting Qt scroll back to the caret.
            cursor = self.textCursor()
            if cursor.hasSelection():
                cursor.clearSelection()
                self._set_cursor_in_place(cursor)
        super().mousePressEvent(event)

    def _set_cursor_in_place(self, cursor: QTextCursor) -> None:
        """setTextCursor without Qt scrolling to the caret."""
        bars = (self.verticalScrollBar(), self.horizontalScrollBar())
        values = [bar.value() for bar in bars]
        self.setTextCursor(cursor)
        for bar, value in zip(bars, values, strict=True):
            bar.setValue(value)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._after_double_click:
            event.accept()  # the double-click chose its token; the rest of it is no drag
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        if self._after_double_click:
            self._after_double_click = False
            event.accept()
            return
        super().mouseReleaseEvent(event)
        cursor = self.textCursor()
        if cursor.hasSelection():
            start = self._map.from_qt(cursor.selectionStart())
            end = self._map.from_qt(cursor.selectionEnd())
            if self.exact_characters or event.modifiers() & Qt.KeyboardModifier.AltModifier:
                self._set_range(trim_whitespace(self._map.stored, start, end))
            else:
                anchor = self._map.from_qt(cursor.anchor())
                released = self._map.from_qt(cursor.position())
                self._set_range(snap_in_paragraph(self.tokens, anchor, released))
            self._chosen()
            return
        position = char_at(self, event.position())
        span = None if position is None else self._index.innermost_at(self._map.from_qt(position))
        self._set_range(None)
        self.spanClicked.emit(-1 if span is None else span.id)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        self._after_double_click = True
        position = char_at(self, event.position())
        if position is None:
            self._set_range(None)
        else:
            offset = self._map.from_qt(position)
            self._set_range(self.tokens.snap(offset, offset + 1))
            self._chosen()
        event.accept()

    def _chosen(self) -> None:
        if self._range is not None:
            self.rangeChosen.emit(*self._range)

    # --- keyboard -------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Claim the keys this view uses before window shortcuts on the same keys fire.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._uses_key(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def _uses_key(self, event: QKeyEvent) -> bool:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in _ARROWS:
            return modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        if event.key() == Qt.Key.Key_Escape:
            selected = self._range is not None or self._selected_span is not None
            return modifiers == Qt.KeyboardModifier.NoModifier and selected
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = event.key()
        if self._uses_key(event):
            if key == Qt.Key.Key_Escape and self._range is not None:
                self.clear_range()
            elif key == Qt.Key.Key_Escape:
                self.select_span(None)
                self.spanDeselected.emit()
            else:
                self._step(key, bool(modifiers & Qt.KeyboardModifier.ShiftModifier))
            event.accept()
        elif event.matches(QKeySequence.StandardKey.Copy):
            super().keyPressEvent(event)
        elif (Qt.Key(key), modifiers) in _SCROLL_KEYS:
            self.verticalScrollBar().triggerAction(_SCROLL_KEYS[Qt.Key(key), modifiers])
            event.accept()
        else:
            # Digits, letters, Delete, Ctrl+Enter, Alt+Left/Right, ...: the window's to handle.
            event.ignore()

    def _step(self, key: int, shift: bool) -> None:
        caret = self._map.from_qt(self.textCursor().position())
        anchor = self._range[1] if self._range is not None else caret
        block = self.document().findBlock(self._map.to_qt(anchor))
        forward = key == Qt.Key.Key_Right
        if block.textDirection() == Qt.LayoutDirection.RightToLeft:
            forward = not forward  # the text runs leftwards: Left reads on
        if shift:
            step = extend if forward else shrink
        else:
            step = next_token if forward else previous_token
        selection = step(self.tokens, self._range, caret)
        if selection is not None:
            self._set_range(selection)
