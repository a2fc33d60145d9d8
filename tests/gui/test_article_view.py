"""The article view: real mouse drags, clicks and key presses on the real widget turn into
code point ranges of the stored text, on every kind of text the corpus holds."""

# ruff: noqa: RUF001
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from annotator.core.labels import default_schema
from annotator.gui.article_view import ArticleView
from annotator.store.annotations import StoredSpan

pytestmark = pytest.mark.gui

# (name, text, a word in it): every kind of text the stored corpus may hold.
TEXTS = [
    ("english", "Afghan forces have recaptured a key district in Kunduz.", "recaptured"),
    ("emoji", "Families 👩‍👩‍👧 fled 😀 from Kunduz 🇦🇫 yesterday.", "Kunduz"),
    ("crlf", "First line here.\r\nSecond line with Kunduz inside.\r\nThird.", "Kunduz"),
    ("tabs", "District:\tQalaezal\tprovince:\tKunduz", "Qalaezal"),
    ("nbsp", "About 2,000\u00a0families fled to Kunduz\u00a0city.", "families"),
    ("combining", "Actress Zoe\u0308 Saldana visited.", "Zoe\u0308"),
    ("dari", "نیروهای امنیتی افغانستان ولسوالی قلعه زال را پس گرفتند", "افغانستان"),
    ("zwnj", "این کار حالا می\u200cشود انجام", "می\u200cشود"),
]


class KeyRecorder(QWidget):
    """A parent that records the keys its child passes on, as a window would get them."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[tuple[int, Qt.KeyboardModifier]] = []
        self.view = ArticleView()
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.keys.append((event.key(), event.modifiers()))


@pytest.fixture
def holder(qtbot: QtBot) -> KeyRecorder:
    widget = KeyRecorder()
    qtbot.addWidget(widget)
    widget.resize(760, 520)
    widget.show()
    qtbot.waitExposed(widget)
    widget.view.setFocus()
    return widget


@pytest.fixture
def view(holder: KeyRecorder) -> ArticleView:
    return holder.view


def point_at(view: ArticleView, position: int) -> QPoint:
    """Viewport point of the caret at Qt ``position``."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    return view.cursorRect(cursor).center()


def char_point(view: ArticleView, offset: int) -> QPoint:
    """Viewport point in the middle of the character at code point ``offset``."""
    left = point_at(view, view.text_map.to_qt(offset))
    right = point_at(view, view.text_map.to_qt(offset + 1))
    if left.y() != right.y():  # the character ends its line
        right = QPoint(left.x() + 4, left.y())
    return QPoint((left.x() + right.x()) // 2, left.y())


def drag(
    qtbot: QtBot,
    view: ArticleView,
    start: int,
    end: int,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> tuple[int, int]:
    """Drag with the mouse from code point ``start`` to ``end``; the emitted range."""
    viewport = view.viewport()
    begin = point_at(view, view.text_map.to_qt(start))
    finish = point_at(view, view.text_map.to_qt(end))
    with qtbot.waitSignal(view.rangeSelected, timeout=2000) as blocker:
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, modifiers, begin)
        QTest.mouseMove(viewport, QPoint((begin.x() + finish.x()) // 2, begin.y()))
        QTest.mouseMove(viewport, finish)
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifiers, finish)
    return blocker.args[0], blocker.args[1]


def shown_range(view: ArticleView) -> tuple[int, int]:
    """The visible text selection, as code points."""
    cursor = view.textCursor()
    text_map = view.text_map
    return text_map.from_qt(cursor.selectionStart()), text_map.from_qt(cursor.selectionEnd())


def key(qtbot: QtBot, view: ArticleView, which: Qt.Key, shift: bool = False) -> tuple[int, int]:
    modifiers = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    with qtbot.waitSignal(view.rangeSelected, timeout=2000) as blocker:
        QTest.keyClick(view, which, modifiers)
    return blocker.args[0], blocker.args[1]


def bounds(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


@pytest.mark.parametrize(("name", "text", "word"), TEXTS, ids=[t[0] for t in TEXTS])
def test_drag_inside_a_word_selects_the_whole_word(
    qtbot: QtBot, view: ArticleView, name: str, text: str, word: str
) -> None:
    view.show_document(text, [], default_schema())
    start, end = bounds(text, word)
    # From after the word's first character to before its last (its last grapheme for Zoë).
    inner_end = end - 2 if word.endswith("\u0308") else end - 1
    selected = drag(qtbot, view, start + 1, inner_end)
    assert selected == (start, end)
    assert text[selected[0] : selected[1]] == word
    assert view.selected_range() == selected
    assert shown_range(view) == selected


@pytest.mark.parametrize(("name", "text", "word"), TEXTS, ids=[t[0] for t in TEXTS])
def test_drag_across_punctuation_and_space_snaps_to_the_word(
    qtbot: QtBot, view: ArticleView, name: str, text: str, word: str
) -> None:
    view.show_document(text, [], default_schema())
    start, _ = bounds(text, word)
    # From before the whitespace ahead of the word into its middle: the space is dropped.
    selected = drag(qtbot, view, start - 1, start + 2)
    assert text[selected[0] : selected[1]] == word


def test_drag_backwards_selects_the_same_words(qtbot: QtBot, view: ArticleView) -> None:
    text = TEXTS[0][1]
    view.show_document(text, [], default_schema())
    start, _ = bounds(text, "recaptured")
    _, end = bounds(text, "district")
    assert drag(qtbot, view, end - 2, start + 3) == (start, end)
    assert text[start:end] == "recaptured a key district"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # Partial words, punctuation and the line break are kept, only whitespace is trimmed.
        ("First line here.\r\nSecond line.", 8, 21),
        ("Families 👩‍👩‍👧 fled 😀 from Kunduz.", 2, 21),
        ("نیروهای امنیتی افغانستان ولسوالی", 3, 19),
        ("Zoe\u0308, Saldana!", 1, 12),
    ],
)
def test_alt_drag_keeps_exact_characters(
    qtbot: QtBot, view: ArticleView, text: str, start: int, end: int
) -> None:
    view.show_document(text, [], default_schema())
    selected = drag(qtbot, view, start, end, Qt.KeyboardModifier.AltModifier)
    assert selected == (start, end)
    assert shown_range(view) == (start, end)


def test_alt_drag_trims_whitespace_only(qtbot: QtBot, view: ArticleView) -> None:
    text = "Around  2,000 families."
    view.show_document(text, [], default_schema())
    selected = drag(qtbot, view, 6, 11, Qt.KeyboardModifier.AltModifier)
    assert text[selected[0] : selected[1]] == "2,0"


@pytest.mark.parametrize(("name", "text", "word"), TEXTS, ids=[t[0] for t in TEXTS])
def test_double_click_selects_the_word(
    qtbot: QtBot, view: ArticleView, name: str, text: str, word: str
) -> None:
    view.show_document(text, [], default_schema())
    start, end = bounds(text, word)
    with qtbot.waitSignal(
        view.rangeSelected, timeout=2000, check_params_cb=lambda s, e: s >= 0
    ) as blocker:
        QTest.mouseDClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            char_point(view, start + 1),
        )
    assert (blocker.args[0], blocker.args[1]) == (start, end)
    assert shown_range(view) == (start, end)


def test_double_click_on_an_emoji_sequence_selects_all_of_it(
    qtbot: QtBot, view: ArticleView
) -> None:
    text = TEXTS[1][1]
    view.show_document(text, [], default_schema())
    start, end = bounds(text, "👩‍👩‍👧")
    with qtbot.waitSignal(view.rangeSelected, timeout=2000) as blocker:
        QTest.mouseDClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            char_point(view, start),
        )
    assert (blocker.args[0], blocker.args[1]) == (start, end)
    assert end - start == 5  # three people joined by two ZWJs


@pytest.mark.parametrize(("name", "text", "word"), TEXTS, ids=[t[0] for t in TEXTS])
def test_arrow_keys_step_over_tokens(
    qtbot: QtBot, view: ArticleView, name: str, text: str, word: str
) -> None:
    view.show_document(text, [], default_schema())
    start, end = bounds(text, word)
    view.select_range(start, end)
    tokens = view.tokens
    following = tokens.at_or_after(end)
    assert following is not None
    while not tokens.words[following] and tokens.text[tokens.starts[following]] in ",.:;":
        following += 1
    expected = (tokens.starts[following], tokens.ends[following])
    # Right-to-left text reads on leftwards: there Left is "next".
    rtl = name in ("dari", "zwnj")
    onward, back = (
        (Qt.Key.Key_Left, Qt.Key.Key_Right) if rtl else (Qt.Key.Key_Right, Qt.Key.Key_Left)
    )
    assert key(qtbot, view, onward) == expected
    assert shown_range(view) == expected
    assert key(qtbot, view, back) == (start, end)
    assert key(qtbot, view, onward, shift=True) == (start, expected[1])
    assert text[start : expected[1]].startswith(word)
    assert shown_range(view) == (start, expected[1])
    assert key(qtbot, view, back, shift=True) == (start, end)


def test_right_from_the_caret_selects_the_word_there(qtbot: QtBot, view: ArticleView) -> None:
    text = TEXTS[0][1]
    view.show_document(text, [], default_schema())
    start, end = bounds(text, "forces")
    with qtbot.waitSignal(view.spanClicked, timeout=2000):
        QTest.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            point_at(view, start + 2),
        )
    assert view.selected_range() is None
    assert key(qtbot, view, Qt.Key.Key_Right) == (start, end)
    assert key(qtbot, view, Qt.Key.Key_Right, shift=True) == (start, bounds(text, "have")[1])


def test_escape_clears_the_range(qtbot: QtBot, view: ArticleView) -> None:
    text = TEXTS[0][1]
    view.show_document(text, [], default_schema())
    view.select_range(*bounds(text, "forces"))
    assert key(qtbot, view, Qt.Key.Key_Escape) == (-1, -1)
    assert view.selected_range() is None
    assert not view.textCursor().hasSelection()


def test_keys_the_view_does_not_use_reach_the_parent(
    qtbot: QtBot, holder: KeyRecorder, view: ArticleView
) -> None:
    text = TEXTS[0][1]
    view.show_document(text, [], default_schema())
    view.select_range(*bounds(text, "forces"))
    sent = [
        (Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_4, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_P, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier),
    ]
    for which, modifiers in sent:
        QTest.keyClick(view, which, modifiers)
    # QTest also presses Control and Alt themselves; the view passes those on too.
    passed = [k for k, _ in holder.keys if k not in (Qt.Key.Key_Control, Qt.Key.Key_Alt)]
    assert passed == [which for which, _ in sent]
    assert view.selected_range() == bounds(text, "forces")  # nothing else happened
    assert view.toPlainText() == text


def test_page_keys_space_and_ctrl_home_end_scroll_the_article(
    qtbot: QtBot, holder: KeyRecorder, view: ArticleView
) -> None:
    text = "\r\n".join(
        f"Paragraph {n}: fighters attacked the district of Kunduz." for n in range(200)
    )
    view.show_document(text, [], default_schema())
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 3 * bar.pageStep())

    def pages(
        key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> float:
        """How many pages the key scrolled (a page is the scroll bar's page step, in lines,
        which changes a little with the lines on screen)."""
        before, page = bar.value(), bar.pageStep()
        QTest.keyClick(view, key, modifiers)
        return (bar.value() - before) / page

    assert 0.8 <= pages(Qt.Key.Key_PageDown) <= 1.2
    assert 0.8 <= pages(Qt.Key.Key_Space) <= 1.2
    assert -1.2 <= pages(Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier) <= -0.8
    assert -1.2 <= pages(Qt.Key.Key_PageUp) <= -0.8
    QTest.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == bar.maximum()
    QTest.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == 0
    # The view used every one of them (QTest presses Shift and Control themselves too).
    assert [k for k, _ in holder.keys if k not in (Qt.Key.Key_Shift, Qt.Key.Key_Control)] == []
    assert view.selected_range() is None


def test_click_on_a_span_emits_the_innermost_span(qtbot: QtBot, view: ArticleView) -> None:
    text = "😀 Assadullah Sadat, a member of the Kunduz provincial council, told AFP."
    council = StoredSpan(*bounds(text, "Kunduz provincial council"), "ACTOR", 11)
    kunduz = StoredSpan(*bounds(text, "Kunduz"), "PLACE", 12)
    view.show_document(text, [council, kunduz], default_schema())
    view.select_range(*bounds(text, "member"))

    def click(offset: int) -> int:
        with qtbot.waitSignal(view.spanClicked, timeout=2000) as blocker:
            QTest.mouseClick(
                view.viewport(),
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
                char_point(view, offset),
            )
        return int(blocker.args[0])

    with qtbot.waitSignal(view.rangeSelected, timeout=2000) as cleared:
        assert click(kunduz.start + 2) == kunduz.id
    assert cleared.args == [-1, -1]
    assert view.selected_range() is None
    assert not view.textCursor().hasSelection()
    assert click(council.start + 10) == council.id
    assert click(council.end - 1) == council.id
    assert click(bounds(text, "told")[0] + 1) == -1
    assert click(council.end) == -1  # the comma right after the span


def test_click_on_a_span_in_dari_and_after_crlf(qtbot: QtBot, view: ArticleView) -> None:
    text = "Title line\r\nنیروهای امنیتی افغانستان ولسوالی قلعه زال را پس گرفتند"
    place = StoredSpan(*bounds(text, "قلعه زال"), "PLACE", 3)
    actor = StoredSpan(*bounds(text, "نیروهای امنیتی"), "ACTOR", 4)
    view.show_document(text, [place, actor], default_schema())
    for span in (place, actor):
        with qtbot.waitSignal(view.spanClicked, timeout=2000) as blocker:
            QTest.mouseClick(
                view.viewport(),
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
                char_point(view, span.start + 2),
            )
        assert blocker.args == [span.id]


def test_click_far_right_of_a_short_line_is_outside_every_span(
    qtbot: QtBot, view: ArticleView
) -> None:
    text = "Kunduz\nsecond paragraph"
    view.show_document(text, [StoredSpan(0, 6, "PLACE", 1)], default_schema())
    after = point_at(view, 6)
    with qtbot.waitSignal(view.spanClicked, timeout=2000) as blocker:
        QTest.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            QPoint(after.x() + 200, after.y()),
        )
    assert blocker.args == [-1]


def test_a_new_drag_inside_the_old_selection_selects_again(qtbot: QtBot, view: ArticleView) -> None:
    text = TEXTS[0][1]
    view.show_document(text, [], default_schema())
    start, _ = bounds(text, "forces")
    _, end = bounds(text, "district")
    assert drag(qtbot, view, start + 1, end - 1) == (start, end)
    # Pressing inside the selection starts a new one rather than dragging the text away.
    assert drag(qtbot, view, bounds(text, "key")[0] + 1, end - 2) == (
        bounds(text, "key")[0],
        end,
    )


def test_select_range_scrolls_it_into_view_and_emits(qtbot: QtBot, view: ArticleView) -> None:
    text = "\n".join(f"Paragraph {n} tells of fighting near Kunduz and Kabul." for n in range(300))
    view.show_document(text, [], default_schema())
    start, end = bounds(text, "Kunduz", nth=250)
    with qtbot.waitSignal(view.rangeSelected, timeout=2000) as blocker:
        view.select_range(start, end)
    assert blocker.args == [start, end]
    rect = view.cursorRect(view.textCursor())
    assert view.viewport().rect().contains(rect)
    with pytest.raises(ValueError, match="not inside"):
        view.select_range(5, len(text) + 1)


def test_escape_after_scrolling_away_does_not_scroll_back(qtbot: QtBot, view: ArticleView) -> None:
    text = "\n".join(f"Paragraph {n} tells of fighting near Kunduz and Kabul." for n in range(300))
    view.show_document(text, [], default_schema())
    view.select_range(*bounds(text, "Kunduz", nth=2))
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert key(qtbot, view, Qt.Key.Key_Escape) == (-1, -1)
    assert bar.value() == bar.maximum()
