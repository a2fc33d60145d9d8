"""The guidelines pane (F1), the labels' descriptions as tooltips, the progress pane
(Ctrl+Shift+P) and the status bar's own progress, with real key presses, checked against what
the database holds (read by another connection)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import update
from window_support import drag, import_texts, isolated_settings, open_window, press

from annotator.core.status import Role, SetStatus
from annotator.gui.main_window import MainWindow
from annotator.gui.progress.pane import COUNTING
from annotator.gui.span_model import SpanListModel
from annotator.store.annotations import add_span, set_status
from annotator.store.assignments import assign
from annotator.store.guidelines import set_guidelines
from annotator.store.models import Label
from annotator.store.people import add_person
from annotator.store.progress import person_progress, team_progress
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
TEXT = "Taliban fighters entered Kunduz on Monday."
TEXTS = [(f"doc{n}", f"Report {n}: {TEXT}") for n in range(1, 6)]
GUIDELINES = """# Annotation guidelines

Label **places** as PLACE, *not* the people in them.

| label | example |
|---|---|
| PLACE | Kunduz |

See [the project page](https://example.org/project).
"""
PLACE_NOTE = "A <named> place & where it is"


@pytest.fixture
def ids(sqlite_url: str) -> dict[str, int]:
    return import_texts(sqlite_url, TEXTS)


def test_f1_shows_the_guidelines_from_the_database_rendered_as_markdown(
    qtbot: QtBot, ids: dict[str, int], sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    with Store.open(sqlite_url) as store:
        set_guidelines(store, GUIDELINES)
    window = open_window(sqlite_url)
    pane = window.guidelines
    assert not pane.isVisible()
    press(window, Qt.Key.Key_F1)
    qtbot.waitUntil(pane.isVisible)
    assert window.actions.show_guidelines.isChecked()
    document = pane.browser.document()
    # Rendered, not shown as source: no asterisks, pipes or link syntax in the text.
    plain = document.toPlainText()
    assert plain.startswith("Annotation guidelines\n")
    assert "Label places as PLACE, not the people in them." in plain
    assert "**" not in plain
    assert "](" not in plain
    assert "|---|" not in plain
    html = document.toHtml()
    assert "<h1" in html
    assert "<table" in html
    assert 'href="https://example.org/project"' in html
    assert "font-weight:700" in html or "font-weight:600" in html
    assert pane.browser.isReadOnly()
    # The article keeps the keys: F1 again hides the pane.
    press(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: not pane.isVisible())
    # Set again meanwhile (another program): shown the next time the pane opens.
    with Store.open(sqlite_url) as store:
        set_guidelines(store, "# Changed\n")
    press(window, Qt.Key.Key_F1)
    qtbot.waitUntil(pane.isVisible)
    assert pane.browser.document().toPlainText() == "Changed"


def test_the_guidelines_pane_says_how_to_set_guidelines_when_there_are_none(
    qtbot: QtBot, ids: dict[str, int], sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url)
    window.actions.show_guidelines.trigger()  # View > Guidelines
    qtbot.waitUntil(window.guidelines.isVisible)
    assert "annotator guidelines set FILE" in window.guidelines.browser.toPlainText()


def test_label_descriptions_are_tooltips_on_the_label_bar_and_the_span_list(
    qtbot: QtBot, ids: dict[str, int], sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    with Store.open(sqlite_url) as store, store.writing() as session:
        session.execute(update(Label).where(Label.name == "PLACE").values(description=PLACE_NOTE))
    window = open_window(sqlite_url)
    tip = window.label_bar.buttons["PLACE"].toolTip()
    assert tip == "<b>PLACE</b> (key 2 or P)<br>A &lt;named&gt; place &amp; where it is"
    actor = window.label_bar.buttons["ACTOR"].toolTip()
    assert actor.endswith("A person, group or organisation that acts or is acted upon.")
    text = window.workspace.document.text
    start = text.index("Kunduz")
    drag(qtbot, window, start, start + len("Kunduz"))
    press(window, Qt.Key.Key_2)
    model = window.spans.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    cell = model.index(0, SpanListModel.LABEL)
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == f"PLACE: {PLACE_NOTE}"
    # The text cell keeps its own tooltip: the span's offsets and whole text.
    text_tip = model.index(0, SpanListModel.TEXT).data(Qt.ItemDataRole.ToolTipRole)
    assert text_tip.endswith("\nKunduz")


def _team(url: str) -> list[list[str]]:
    """The progress pane's rows as the database gives them, read by another connection."""
    with Store.open(url) as store:
        figures = team_progress(store)
    return [
        [
            p.name if p.role == "annotator" else f"{p.name} ({p.role})",
            f"{p.may_open:,}",
            f"{p.done:,}",
            f"{p.in_progress:,}",
            f"{p.untouched:,}",
            *(f"{p.spans[label]:,}" for label in figures.labels),
        ]
        for p in figures.people
    ]


def _shown(window: MainWindow) -> list[list[str]]:
    model = window.progress.model
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_ctrl_shift_p_counts_the_team_off_the_gui_thread_and_recounts_after_a_change(
    qtbot: QtBot, ids: dict[str, int], sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    with Store.open(sqlite_url) as store:
        add_person(store, "ana", Role.ANNOTATOR)
        add_person(store, "ben", Role.ANNOTATOR)
        assign(store, ["ana", "ben"], 1, ["doc1", "doc2", "doc3", "doc4"])
        for document in ("doc2", "doc4"):
            add_span(store, ids[document], "ben", 0, 6, "EVENT")
            set_status(store, ids[document], "ben", SetStatus.DONE)
    window = open_window(sqlite_url)
    pane = window.progress
    assert not pane.isVisible()
    press(window, Qt.Key.Key_P, CTRL | SHIFT)
    assert pane.isVisible()
    # The count runs in a thread: the window shows that it is counting, and goes on.
    assert pane.summary.text() == COUNTING
    qtbot.waitUntil(lambda: pane.figures is not None and not pane.counting)
    assert pane.summary.text().startswith("5 documents · 0 awaiting review")
    assert [pane.model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)] == [
        "Person", "May open", "Done", "In progress", "Untouched",
        "ACTOR", "PLACE", "EVENT", "FIGURE",
    ]  # fmt: skip
    assert _shown(window) == _team(sqlite_url)
    # ana may open doc1, doc3 (hers) and doc5 (nobody's); ben doc2, doc4, doc5.
    assert _shown(window) == [
        ["ana", "3", "0", "0", "3", "0", "0", "0", "0"],
        ["ben", "3", "2", "0", "1", "0", "0", "2", "0"],
    ]
    # Ana labels and finishes her document: the pane counts again.
    text = window.workspace.document.text
    start = text.index("Kunduz")
    drag(qtbot, window, start, start + len("Kunduz"))
    press(window, Qt.Key.Key_2)
    press(window, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not pane.counting and _shown(window)[0][2] == "1")
    assert _shown(window) == _team(sqlite_url)
    assert _shown(window)[0] == ["ana", "3", "1", "0", "2", "0", "1", "0", "0"]
    press(window, Qt.Key.Key_P, CTRL | SHIFT)
    assert not pane.isVisible()


def test_the_status_bar_shows_the_persons_own_documents_done_as_a_bar(
    qtbot: QtBot, ids: dict[str, int], sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    with Store.open(sqlite_url) as store:
        add_person(store, "ana", Role.ANNOTATOR)
        add_person(store, "ben", Role.ANNOTATOR)
        assign(store, ["ana", "ben"], 1, ["doc1", "doc2", "doc3", "doc4"])
    window = open_window(sqlite_url)
    bar = window.status.progress_bar
    qtbot.waitUntil(lambda: window.progress_label.text() == "0 of 3 documents done")
    assert bar.isVisible()
    assert (bar.value(), bar.maximum()) == (0, 3)
    press(window, Qt.Key.Key_Return, CTRL)  # doc1 done
    qtbot.waitUntil(lambda: window.progress_label.text() == "1 of 3 documents done")
    with Store.open(sqlite_url) as store:
        figures = person_progress(store, "ana")
    assert (bar.value(), bar.maximum()) == (figures.done, figures.may_open) == (1, 3)


def test_closing_the_window_while_the_team_is_counted_waits_for_the_count(
    qtbot: QtBot, ids: dict[str, int], sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    """The store closes with the window: the threads counting must be done first."""
    window = open_window(sqlite_url)
    press(window, Qt.Key.Key_P, CTRL | SHIFT)
    assert window.progress.counting
    threads = [window.progress.background._thread, window.own_progress.background._thread]
    assert threads[0] is not None
    assert window.close()
    assert all(thread is None or thread.isFinished() for thread in threads)
