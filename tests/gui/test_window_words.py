"""What a drag and a double-click select in the real window: hyphenated names are one word,
a snapped drag stops at a paragraph break (an exact, Alt, one crosses it and the window says
so); then what the DATABASE holds."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from window_support import (
    click_span,
    drag,
    import_texts,
    isolated_settings,
    open_window,
    point_at,
    press,
    stored_triples,
)

from annotator.gui.main_window import MainWindow

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]

ALT = Qt.KeyboardModifier.AltModifier
NAMES = "Fighting near Qala-e-Zal and Ğazi-Ḥusrev; US-led forces held 2010-2012 -- or not."


def window_on(url: str, text: str, open_window: Callable[..., MainWindow]) -> MainWindow:
    import_texts(url, [("d", text)])
    return open_window(url)


def doc_id(window: MainWindow) -> int:
    assert window.workspace.document is not None
    return window.workspace.document.id


def double_click(qtbot: QtBot, window: MainWindow, offset: int) -> tuple[int, int]:
    viewport = window.view.viewport()
    with qtbot.waitSignal(
        window.view.rangeSelected, timeout=2000, check_params_cb=lambda s, e: s >= 0
    ) as blocker:
        QTest.mouseDClick(
            viewport,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            point_at(window, offset),
        )
    return blocker.args[0], blocker.args[1]


def drag_between(
    qtbot: QtBot,
    window: MainWindow,
    begin: QPoint,
    finish: QPoint,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A real drag on the article from ``begin`` to ``finish`` with ``modifiers`` held."""
    viewport = window.view.viewport()
    with qtbot.waitSignal(window.view.rangeSelected, timeout=2000):
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, modifiers, begin)
        QTest.mouseMove(viewport, finish)
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifiers, finish)


def alt_drag(qtbot: QtBot, window: MainWindow, start: int, end: int) -> None:
    """A drag with Alt held, from the middle of the character at ``start`` to the middle of
    the one at ``end`` (Qt puts the ends at those characters' left edges)."""
    drag_between(qtbot, window, point_at(window, start), point_at(window, end), ALT)


@pytest.mark.parametrize(
    ("name", "part"),
    [("Qala-e-Zal", "e"), ("Qala-e-Zal", "Zal"), ("Ğazi-Ḥusrev", "Ḥusrev"), ("US-led", "led")],
)
def test_a_double_click_on_any_part_of_a_hyphenated_name_labels_all_of_it(
    qtbot: QtBot,
    sqlite_url: str,
    open_window: Callable[..., MainWindow],
    name: str,
    part: str,
) -> None:
    window = window_on(sqlite_url, NAMES, open_window)
    start = NAMES.index(name)
    clicked = start + name.index(f"-{part}") + 1
    assert double_click(qtbot, window, clicked) == (start, start + len(name))
    press(window, Qt.Key.Key_2)
    assert stored_triples(sqlite_url, doc_id(window)) == [(start, start + len(name), "PLACE")]


def test_a_drag_inside_one_part_snaps_to_the_whole_name_but_not_across_digits(
    qtbot: QtBot, sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    window = window_on(sqlite_url, NAMES, open_window)
    name = NAMES.index("Ğazi-Ḥusrev")
    drag(qtbot, window, name + 1, name + 3)  # "az" of "Ğazi"
    assert window.view.selected_range() == (name, name + len("Ğazi-Ḥusrev"))
    press(window, Qt.Key.Key_1)
    years = NAMES.index("2010")
    double_click(qtbot, window, years + 1)  # "2010-2012" is two numbers and a hyphen
    press(window, Qt.Key.Key_3)
    assert stored_triples(sqlite_url, doc_id(window)) == [
        (name, name + len("Ğazi-Ḥusrev"), "ACTOR"),
        (years, years + 4, "EVENT"),
    ]


# A paragraph break of each kind, with an emoji sequence and combining marks beside it.
BREAKS = {"crlf": "\r\n", "cr": "\r", "lf": "\n", "u2029": "\u2029"}
FAMILY = "👨\u200d👩\u200d👧"


def article(brk: str) -> str:
    return f"Families {FAMILY} waited for weeks.{brk}On Tuesday Zoe\u0308 left {FAMILY}."


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
def test_a_drag_across_a_paragraph_break_stops_at_it(
    qtbot: QtBot, sqlite_url: str, open_window: Callable[..., MainWindow], brk: str
) -> None:
    text = article(brk)
    window = window_on(sqlite_url, text, open_window)
    weeks, tuesday = text.index("weeks"), text.index("Tuesday")
    # Down from "weeks" into "Tuesday": "weeks" only, as the user began it.
    drag(qtbot, window, weeks + 1, tuesday + 3)
    assert window.view.selected_range() == (weeks, weeks + 5)
    press(window, Qt.Key.Key_3)
    # Up from "Zoë" into the first paragraph's emoji: "On Tuesday Zoë".
    zoe = text.index("Zoe\u0308")
    family = text.index(FAMILY)
    drag_between(qtbot, window, point_at(window, zoe + 3), point_at(window, family + 1))
    on = text.index("On Tuesday")
    assert window.view.selected_range() == (on, zoe + 4)
    press(window, Qt.Key.Key_1)
    assert stored_triples(sqlite_url, doc_id(window)) == [
        (weeks, weeks + 5, "EVENT"),
        (on, zoe + 4, "ACTOR"),
    ]
    assert "paragraph break" not in window.statusBar().currentMessage()


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
def test_an_exact_drag_crosses_a_paragraph_break_and_the_window_says_so(
    qtbot: QtBot, sqlite_url: str, open_window: Callable[..., MainWindow], brk: str
) -> None:
    text = article(brk)
    window = window_on(sqlite_url, text, open_window)
    weeks, tuesday = text.index("weeks"), text.index("Tuesday")
    alt_drag(qtbot, window, weeks, tuesday + len("Tuesday"))
    assert window.view.selected_range() == (weeks, tuesday + len("Tuesday"))
    assert "crosses a paragraph break" in window.statusBar().currentMessage()
    press(window, Qt.Key.Key_3)
    stored = (weeks, tuesday + len("Tuesday"), "EVENT")
    assert stored_triples(sqlite_url, doc_id(window)) == [stored]
    assert window.spans.model.index(0, 1).data() == "weeks.⏎On Tuesday"
    # A snapped selection in one paragraph takes the notice back ...
    drag(qtbot, window, text.index("Families"), text.index("Families") + 5)
    assert window.statusBar().currentMessage() == ""
    # ... and clicking the span says it again.
    click_span(qtbot, window, weeks + 1)
    assert window.statusBar().currentMessage() == "This EVENT span crosses a paragraph break."


def test_shift_right_may_cross_a_paragraph_break_and_the_window_says_so(
    qtbot: QtBot, sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    text = article("\r\n")
    window = window_on(sqlite_url, text, open_window)
    weeks = text.index("weeks")
    double_click(qtbot, window, weeks + 1)
    press(window, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    on = text.index("On Tuesday")
    assert window.view.selected_range() == (weeks, on + 2)
    assert "crosses a paragraph break" in window.statusBar().currentMessage()
    press(window, Qt.Key.Key_3)
    assert stored_triples(sqlite_url, doc_id(window)) == [(weeks, on + 2, "EVENT")]


def test_a_line_separator_does_not_stop_a_drag(
    qtbot: QtBot, sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    text = "They waited for\u2028weeks in Kunduz."
    window = window_on(sqlite_url, text, open_window)
    drag(qtbot, window, text.index("for") + 1, text.index("weeks") + 2)
    assert window.view.selected_range() == (text.index("for"), text.index(" in"))
    press(window, Qt.Key.Key_3)
    assert stored_triples(sqlite_url, doc_id(window)) == [
        (text.index("for"), text.index(" in"), "EVENT")
    ]
