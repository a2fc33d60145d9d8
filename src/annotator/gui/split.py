"""Sharing the window's width between the document list, the article and the span list.

Each list has a width it wants (every column whole, and a good length of its titles or span
texts) and a least width (every column whole, and a few characters of those). The article
gets the rest, but not less than it needs to be read comfortably: then the lists give way, in
proportion to what they can spare, down to their least widths; and the lists share what is
more than the article's longest lines need. Until the person drags a
splitter handle (or a layout they made is restored), the window shares its width again each
time it is resized or another document opens.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QSplitter

if TYPE_CHECKING:
    from annotator.gui.article_view import ArticleView
    from annotator.gui.document_list import DocumentList
    from annotator.gui.span_list import SpanList

# The article keeps room for lines of this many average characters before the lists give way
# (its lines are at most READING_COLUMN_CHARS long, however wide it is).
ARTICLE_CHARS = 50


def share(
    total: int, wanted: Sequence[int], least: Sequence[int], article: tuple[int, int]
) -> tuple[int, int, int]:
    """Widths (documents, article, spans) for ``total`` pixels, given the two lists' wanted
    and least widths and the article's (least, most) widths: narrower than its least, the
    lists give way; wider than its most, the lists share the surplus."""
    least_article, most_article = article
    spare = [max(want - low, 0) for want, low in zip(wanted, least, strict=True)]
    rest = total - sum(wanted)
    sides = list(wanted)
    if rest < least_article and sum(spare) > 0:
        give = min(least_article - rest, sum(spare))
        sides = [want - give * part // sum(spare) for want, part in zip(wanted, spare, strict=True)]
    elif rest > most_article:
        surplus = rest - most_article
        sides = [sides[0] + surplus // 2, sides[1] + surplus - surplus // 2]
    return sides[0], total - sides[0] - sides[1], sides[1]


def share_width(
    splitter: QSplitter, documents: DocumentList, spans: SpanList, view: ArticleView
) -> None:
    """Set ``splitter``'s sizes as :func:`share` works them out for its width."""
    total = splitter.width() - splitter.handleWidth() * (splitter.count() - 1)
    wanted = (documents.wanted_width(), spans.wanted_width())
    least = (documents.least_width(), spans.least_width())
    splitter.setSizes(list(share(total, wanted, least, article_widths(view))))


def article_widths(view: ArticleView) -> tuple[int, int]:
    """The article panel's least and most widths: lines of :data:`ARTICLE_CHARS` and of
    READING_COLUMN_CHARS average characters (the longest it draws)."""
    from annotator.gui.article_view import PAGE_MARGIN, READING_COLUMN_CHARS

    chrome = 2 * PAGE_MARGIN + view.verticalScrollBar().sizeHint().width()
    panel = view.parentWidget()
    layout = None if panel is None else panel.layout()
    if layout is not None:
        chrome += layout.contentsMargins().left() + layout.contentsMargins().right()
    character = QFontMetricsF(view.font()).averageCharWidth()
    return int(character * ARTICLE_CHARS + chrome), int(character * READING_COLUMN_CHARS + chrome)
