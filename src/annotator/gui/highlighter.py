"""Span highlighting for the article view: a QSyntaxHighlighter over a :class:`SpanIndex`.

The highlighter only sets per-block layout formats (``QTextLayout.formats()``); it never edits
the document, so the stored text and Qt positions stay as TextMap describes them.

How spans look:

* A span has a light tint of its label's colour as background (the text keeps its own colour,
  so it stays readable over every tint).
* Where spans nest or overlap, the tint of the innermost (shortest) span is drawn stronger, and
  the outermost span's colour underlines the stretch: "Kunduz" inside the ACTOR span "Kunduz
  provincial council" shows a stronger green PLACE tint with a blue ACTOR underline, while
  "provincial council" keeps the light blue tint, so both spans are visible at once.
* Every format carries the covering labels in :data:`LABELS_PROPERTY` (space separated), which
  lets tests and tools read back what a stretch shows without guessing from colours.
"""

from __future__ import annotations

from PySide6.QtGui import (
    QColor,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
)

from annotator.core.labels import LabelSchema
from annotator.gui.view_index import Look, SpanIndex

LABELS_PROPERTY = int(QTextFormat.Property.UserProperty) + 1
"""Format property holding the space-separated labels of the spans covering a stretch."""

SINGLE_TINT = 0.25
"""How much label colour a stretch covered by one span gets over the page colour."""
OVERLAP_TINT = 0.40
"""The same for a stretch covered by two or more spans (nested or overlapping)."""
SELECTED_TINT = 0.50
"""The same for the selected span (drawn by the view as an extra selection)."""
UNKNOWN_COLOR = "#8C8C8C"
"""Colour of a label the schema does not know (e.g. renamed away)."""


def tint(color: QColor, base: QColor, amount: float) -> QColor:
    """``color`` laid over ``base`` with opacity ``amount`` (0..1), as an opaque colour."""
    return QColor.fromRgbF(
        base.redF() + (color.redF() - base.redF()) * amount,
        base.greenF() + (color.greenF() - base.greenF()) * amount,
        base.blueF() + (color.blueF() - base.blueF()) * amount,
    )


class LabelColours:
    """Label colours from a schema, and the tints derived from them over a page colour."""

    def __init__(self, schema: LabelSchema, base: QColor) -> None:
        self.schema = schema
        self.base = QColor(base)

    def color(self, label: str) -> QColor:
        return QColor(self.schema[label].color if label in self.schema else UNKNOWN_COLOR)

    def background(self, look: Look) -> QColor:
        amount = SINGLE_TINT if look.depth == 1 else OVERLAP_TINT
        return tint(self.color(look.inner), self.base, amount)

    def char_format(self, look: Look) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setBackground(self.background(look))
        if look.outer is not None:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(self.color(look.outer))
        fmt.setProperty(LABELS_PROPERTY, " ".join(look.labels))
        return fmt


class SpanHighlighter(QSyntaxHighlighter):
    """Applies the runs of a :class:`SpanIndex` to each block as it is (re)highlighted."""

    def __init__(self, document: QTextDocument, colours: LabelColours) -> None:
        super().__init__(document)
        self._colours = colours
        self._formats: dict[Look, QTextCharFormat] = {}
        self._index: SpanIndex | None = None

    @property
    def colours(self) -> LabelColours:
        return self._colours

    def set_index(self, index: SpanIndex | None) -> None:
        """Use ``index`` from now on; re-highlighting blocks is the caller's choice."""
        self._index = index

    def set_colours(self, colours: LabelColours, rehighlight: bool = True) -> None:
        """New colours; every block is highlighted again unless ``rehighlight`` is False (the
        caller is about to replace the text, which highlights every block anyway)."""
        self._colours = colours
        self._formats.clear()
        if rehighlight:
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        if self._index is None:
            return
        formats = self._formats
        for run in self._index.runs_of(self.currentBlock().blockNumber()):
            fmt = formats.get(run.look)
            if fmt is None:
                fmt = formats[run.look] = self._colours.char_format(run.look)
            self.setFormat(run.start, run.length, fmt)
