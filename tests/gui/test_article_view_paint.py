"""What the article view draws: span formats in the real text layouts (mapped back through
TextMap to the stored offsets), the selected span, right-to-left paragraphs, spacing, zoom, and
the room above the lines that carry relation arcs."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections import defaultdict

import pytest
from PySide6.QtGui import QColor, QPalette, QTextCursor
from pytestqt.qtbot import QtBot

from annotator.core.labels import Label, LabelSchema, default_schema
from annotator.core.relations import default_relation_schema
from annotator.gui.article_view import ArticleView
from annotator.gui.highlighter import (
    LABELS_PROPERTY,
    OVERLAP_TINT,
    SELECTED_TINT,
    SINGLE_TINT,
    tint,
)
from annotator.store.annotations import StoredSpan
from annotator.store.relations import StoredRelation

pytestmark = pytest.mark.gui


@pytest.fixture
def view(qtbot: QtBot) -> ArticleView:
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def bounds(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def label_coverage(view: ArticleView) -> dict[str, list[tuple[int, int]]]:
    """Per label, the maximal code point ranges the block formats mark with it."""
    positions: dict[str, set[int]] = defaultdict(set)
    block = view.document().firstBlock()
    while block.isValid():
        for fmt_range in block.layout().formats():
            labels = str(fmt_range.format.property(LABELS_PROPERTY) or "").split()
            first = block.position() + fmt_range.start
            for label in labels:
                positions[label].update(range(first, first + fmt_range.length))
        block = block.next()
    coverage: dict[str, list[tuple[int, int]]] = {}
    for label, qt_positions in positions.items():
        runs: list[tuple[int, int]] = []
        for position in sorted(qt_positions):
            if runs and runs[-1][1] == position:
                runs[-1] = (runs[-1][0], position + 1)
            else:
                runs.append((position, position + 1))
        text_map = view.text_map
        coverage[label] = [(text_map.from_qt(a), text_map.from_qt(b)) for a, b in runs]
    return coverage


def split_at_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` without its line breaks, which no block format covers."""
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for offset in range(start, end):
        if text[offset] in "\r\n\u2029":
            if piece_start < offset:
                pieces.append((piece_start, offset))
            piece_start = offset + 1
    if piece_start < end:
        pieces.append((piece_start, end))
    return pieces


CASES = {
    "english": (
        "On Tuesday the National Security Forces regained control of the Qala-e-Zal district, "
        "10 days after it fell.",
        [
            ("National Security Forces", "ACTOR", 0),
            ("Qala-e-Zal district", "PLACE", 0),
            ("Qala-e-Zal", "FIGURE", 0),  # nested inside the PLACE span
            ("regained control", "EVENT", 0),
        ],
    ),
    "emoji": (
        "👩‍👩‍👧 Families 😀 fled Kunduz 🇦🇫 after 2,000 👍🏽 attacks.",
        [
            ("Families", "ACTOR", 0),
            ("Kunduz", "PLACE", 0),
            ("2,000 👍🏽 attacks", "EVENT", 0),
            ("2,000", "FIGURE", 0),
        ],
    ),
    "crlf": (
        "Kunduz City fell.\r\nThe Taliban seized it\r\nin September 2015.\rEnd\u2029Last.",
        [
            ("Kunduz City", "PLACE", 0),
            ("Taliban seized it\r\nin September", "EVENT", 0),  # crosses a CRLF
            ("September 2015", "FIGURE", 0),
            ("Taliban", "ACTOR", 0),
            ("End\u2029Last", "ACTOR", 0),
        ],
    ),
    "dari": (
        "نیروهای امنیتی افغانستان ولسوالی قلعه زال را پس گرفتند و می\u200cشود",
        [
            ("نیروهای امنیتی افغانستان", "ACTOR", 0),
            ("افغانستان", "PLACE", 0),
            ("ولسوالی قلعه زال", "PLACE", 0),
            ("پس گرفتند", "EVENT", 0),
            ("می\u200cشود", "FIGURE", 0),
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_every_span_is_highlighted_over_exactly_its_range(view: ArticleView, case: str) -> None:
    text, wanted = CASES[case]
    spans = [
        StoredSpan(*bounds(text, piece, nth), label, n)
        for n, (piece, label, nth) in enumerate(wanted, 1)
    ]
    view.show_document(text, spans, default_schema())
    expected: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for span in sorted(spans):
        expected[span.label].extend(split_at_breaks(text, span.start, span.end))
    assert label_coverage(view) == {label: sorted(r) for label, r in expected.items()}


@pytest.mark.parametrize("case", ["english", "emoji", "crlf"])
def test_formats_use_the_label_colours(view: ArticleView, case: str) -> None:
    text, wanted = CASES[case]
    spans = [
        StoredSpan(*bounds(text, piece, nth), label, n)
        for n, (piece, label, nth) in enumerate(wanted, 1)
    ]
    schema = default_schema()
    view.show_document(text, spans, schema)
    base = view.palette().color(QPalette.ColorRole.Base)
    text_map = view.text_map
    checked = 0
    block = view.document().firstBlock()
    while block.isValid():
        for fmt_range in block.layout().formats():
            first = text_map.from_qt(block.position() + fmt_range.start)
            covering = sorted(
                (s for s in spans if s.start <= first < s.end), key=lambda s: s.end - s.start
            )
            fmt = fmt_range.format
            colour = QColor(schema[covering[0].label].color)
            if len(covering) == 1:
                assert fmt.background().color() == tint(colour, base, SINGLE_TINT)
                assert not fmt.fontUnderline()
            else:
                assert fmt.background().color() == tint(colour, base, OVERLAP_TINT)
                assert fmt.underlineColor() == QColor(schema[covering[-1].label].color)
            checked += 1
        block = block.next()
    assert checked >= len(spans)


def test_nested_span_looks_different_from_its_parent(view: ArticleView) -> None:
    text = CASES["english"][0]
    outer = StoredSpan(*bounds(text, "Qala-e-Zal district"), "PLACE", 1)
    inner = StoredSpan(*bounds(text, "Qala-e-Zal"), "PLACE", 2)  # same label, nested
    view.show_document(text, [outer, inner], default_schema())
    formats = view.document().firstBlock().layout().formats()
    looks = {
        (f.start, f.length): (f.format.background().color().name(), f.format.fontUnderline())
        for f in formats
    }
    inner_qt = (view.text_map.to_qt(inner.start), inner.end - inner.start)
    rest_qt = (view.text_map.to_qt(inner.end), outer.end - inner.end)
    assert set(looks) == {inner_qt, rest_qt}
    assert looks[inner_qt] != looks[rest_qt]


def test_set_spans_rehighlights_changed_blocks(view: ArticleView) -> None:
    text = "\n".join(f"Paragraph {n} mentions Kunduz and Kabul." for n in range(40))
    spans = [StoredSpan(*bounds(text, "Kunduz", n), "PLACE", n + 1) for n in range(40)]
    view.show_document(text, spans, default_schema())
    kabul = StoredSpan(*bounds(text, "Kabul", 7), "PLACE", 100)
    changed = [*spans[:3], StoredSpan(spans[3].start, spans[3].end, "ACTOR", 4), *spans[4:], kabul]
    view.set_spans(changed)
    coverage = label_coverage(view)
    assert coverage["ACTOR"] == [(spans[3].start, spans[3].end)]
    assert (kabul.start, kabul.end) in coverage["PLACE"]
    assert (spans[3].start, spans[3].end) not in coverage["PLACE"]
    view.set_spans([])
    assert label_coverage(view) == {}


def test_set_schema_recolours(view: ArticleView) -> None:
    text = "Kunduz city"
    view.show_document(text, [StoredSpan(0, 6, "PLACE", 1)], default_schema())
    schema = LabelSchema([Label("PLACE", "#E69F00", "2"), Label("ACTOR", "#56B4E9", "1")])
    view.set_schema(schema)
    (fmt_range,) = view.document().firstBlock().layout().formats()
    base = view.palette().color(QPalette.ColorRole.Base)
    assert fmt_range.format.background().color() == tint(QColor("#E69F00"), base, SINGLE_TINT)


def test_selected_span_is_drawn_and_scrolled_to(qtbot: QtBot, view: ArticleView) -> None:
    text = "\n".join(f"Paragraph {n} tells of 😀 fighting near Kunduz." for n in range(200))
    spans = [StoredSpan(*bounds(text, "Kunduz", n), "PLACE", n + 1) for n in range(200)]
    view.show_document(text, spans, default_schema())
    target = spans[180]
    view.select_span(target.id)
    assert view.selected_span() == target.id
    (selection,) = view.extraSelections()
    text_map = view.text_map
    assert (selection.cursor.selectionStart(), selection.cursor.selectionEnd()) == (
        text_map.to_qt(target.start),
        text_map.to_qt(target.end),
    )
    base = view.palette().color(QPalette.ColorRole.Base)
    assert selection.format.background().color() == tint(QColor("#009E73"), base, SELECTED_TINT)
    cursor = QTextCursor(view.document())
    cursor.setPosition(text_map.to_qt(target.start))
    assert view.viewport().rect().contains(view.cursorRect(cursor))
    view.grab()  # paints the outline without error
    view.set_spans(spans[:100])  # the selected span is gone
    assert view.selected_span() is None
    assert view.extraSelections() == []
    view.select_span(5)
    view.select_span(None)
    assert view.selected_span() is None


def test_right_to_left_paragraphs_read_from_the_right(view: ArticleView) -> None:
    dari = "نیروهای امنیتی افغانستان ولسوالی قلعه زال را پس گرفتند"
    text = f"English first.\r\n{dari}\nEnglish again."
    view.show_document(text, [], default_schema())
    document = view.document()
    assert document.blockCount() == 3
    assert view.toPlainText() == text.replace("\r\n", "\n")
    width = view.viewport().width()
    for number, rtl in ((0, False), (1, True), (2, False)):
        block = document.findBlockByNumber(number)
        assert (block.textDirection().name == "RightToLeft") is rtl
        start = view.cursorRect(QTextCursor(block)).x()
        assert (start > width * 0.6) if rtl else (start < width * 0.4)


def test_lines_and_paragraphs_are_spaced(view: ArticleView) -> None:
    text = "A long paragraph that wraps. " * 40 + "\nNext paragraph."
    view.show_document(text, [], default_schema())
    view.grab()
    first = view.document().firstBlock()
    layout = first.layout()
    assert layout.lineCount() > 3
    pitch = layout.lineAt(2).y() - layout.lineAt(1).y()
    assert pitch >= 1.35 * layout.lineAt(1).height()
    last = layout.lineAt(layout.lineCount() - 1)
    gap = view.blockBoundingRect(first).height() - (last.y() + last.height())
    # More space after a paragraph than between its lines.
    assert gap > pitch - last.height()


def test_zoom_steps_and_clamps(view: ArticleView) -> None:
    size = view.font().pointSizeF()
    view.zoom(2)
    assert view.font().pointSizeF() == size + 2
    view.zoom(-1)
    assert view.font().pointSizeF() == size + 1
    view.zoom(100)
    assert view.font().pointSizeF() == 40
    view.zoom(-100)
    assert view.font().pointSizeF() == 8


def test_cr_and_nbsp_and_tabs_show_as_stored(view: ArticleView) -> None:
    text = "Kunduz\u00a0city\tand\rKabul"
    view.show_document(text, [StoredSpan(0, 11, "PLACE", 1)], default_schema())
    assert view.document().blockCount() == 2
    assert view.document().firstBlock().text() == "Kunduz\u00a0city\tand"
    assert label_coverage(view) == {"PLACE": [(0, 11)]}


def test_blocks_qt_splits_where_textmap_does_not_still_highlight_right(
    view: ArticleView,
) -> None:
    # Qt's plain-text import also breaks blocks at U+FDD0 (its frame marker); the view then
    # takes the block starts from Qt itself.
    text = "Kunduz\ufdd0city and\u2028Kabul \x0c end\x85x"
    spans = [
        StoredSpan(0, 6, "PLACE", 1),
        StoredSpan(7, 11, "ACTOR", 2),
        StoredSpan(*bounds(text, "Kabul"), "EVENT", 3),
    ]
    view.show_document(text, spans, default_schema())
    assert view.document().blockCount() == 2
    assert label_coverage(view) == {
        "PLACE": [(0, 6)],
        "ACTOR": [(7, 11)],
        "EVENT": [bounds(text, "Kabul")],
    }


# -- the room above lines for relation arcs: only lines where a relation starts or ends --

# Paragraphs of one short line each: the first and third alike. (The document's last block
# is left out of the comparison: it carries the document's bottom margin.)
ARC_TEXT = "The attack hit Asad Abad.\nNothing happened here.\nThe attack hit Asad Abad.\nEnd."
ATTACK = StoredSpan(4, 10, "EVENT", 1)
PLACE = StoredSpan(15, 24, "PLACE", 2)
LATER_ATTACK = StoredSpan(53, 59, "EVENT", 3)
LATER_PLACE = StoredSpan(64, 73, "PLACE", 4)
ARC_SPANS = [ATTACK, PLACE, LATER_ATTACK, LATER_PLACE]


def heights(view: ArticleView) -> list[float]:
    document = view.document()
    layout = document.documentLayout()
    return [
        layout.blockBoundingRect(document.findBlockByNumber(n)).height()
        for n in range(document.blockCount() - 1)
    ]


def test_only_paragraphs_with_arcs_get_room_above(view: ArticleView) -> None:
    relation = StoredRelation(ATTACK.id, PLACE.id, "location", 10)
    schema = default_relation_schema()
    view.show_document(ARC_TEXT, ARC_SPANS, default_schema(), [relation], schema)
    first, middle, last = heights(view)
    room = view.arcs.room()
    assert room > 0
    assert first == pytest.approx(last + room, abs=0.1)
    assert middle < first
    # A relation in the last paragraph: it gets the room too, the first keeps it.
    later = StoredRelation(LATER_ATTACK.id, LATER_PLACE.id, "location", 11)
    view.set_relations([relation, later], schema)
    assert heights(view) == pytest.approx([first, middle, first], abs=0.1)
    # The first one deleted: its paragraph gives the room back.
    view.set_relations([later], schema)
    assert heights(view) == pytest.approx([last, middle, first], abs=0.1)
    view.set_relations([], schema)
    assert heights(view) == pytest.approx([last, middle, last], abs=0.1)
