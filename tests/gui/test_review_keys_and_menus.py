"""Review mode's keys and menus, as the window's: the page keys and Space scroll the article
while Alt+Right/Left and Ctrl+PgDown/PgUp change documents; File > Export…, the zoom and View >
Exact characters stay enabled while reviewing (they change no annotation), the annotation
menus are hidden."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from review_support import (
    REVIEWER,
    gold_of,
    open_review,
    panel_of,
    records,
)
from window_support import isolated_settings, type_file_name, when_modal

from annotator.core.spans import Span
from annotator.core.status import GOLD, Role
from annotator.gui.exporting import ExportDialog
from annotator.gui.main_window import MainWindow
from annotator.gui.review.review_panel import ReviewPanel
from annotator.schemas import Located
from annotator.store.adjudication import decisions_of
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.people import add_person
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_review"]

NO = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
LONG = "\n".join(f"Paragraph {n}: fighters attacked the district of Kunduz." for n in range(150))
KUNDUZ = Span(LONG.index("Kunduz"), LONG.index("Kunduz") + len("Kunduz"), "PLACE")
FIGHTERS = Span(LONG.index("fighters"), LONG.index("fighters") + len("fighters"), "ACTOR")
SHORT = "Kabul was quiet."
KABUL = Span(0, 5, "PLACE")


@pytest.fixture
def corpus(sqlite_url: str) -> dict[str, int]:
    """A long article ana and ben disagree on (first in the queue), a short one they agree on."""
    lines = [
        *records("long", LONG, {"ana": [KUNDUZ, FIGHTERS], "ben": [KUNDUZ]}),
        *records("short", SHORT, {"ana": [KABUL], "ben": [KABUL]}),
    ]
    with Store.open(sqlite_url) as store:
        import_records(store, [Located("t", n, r) for n, r in enumerate(lines, 1)])
        add_person(store, REVIEWER, Role.REVIEWER)
        found = {name: find_document(store, name) for name in ("long", "short")}
    return {name: ident for name, ident in found.items() if ident is not None}


def type_key(window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO) -> None:
    """A key typed where the keyboard is: the window's focus widget, whichever it is."""
    assert window.isActiveWindow()
    widget = QApplication.focusWidget()
    assert widget is not None
    QTest.keyClick(widget, key, modifiers)


def opened(panel: ReviewPanel) -> str:
    document = panel.session.document
    assert document is not None
    return document.external_id


def test_page_keys_scroll_the_review_article_and_alt_arrows_change_documents(
    qtbot: QtBot, corpus: dict[str, int], sqlite_url: str, open_review: Callable[..., MainWindow]
) -> None:
    window = open_review(sqlite_url)
    panel = panel_of(window)
    assert opened(panel) == "long"
    bar = panel.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 4 * bar.pageStep())
    bar.setValue(0)
    moves: list[int] = []
    for key, modifiers in [
        (Qt.Key.Key_PageDown, NO),
        (Qt.Key.Key_Space, NO),
        (Qt.Key.Key_Space, SHIFT),
        (Qt.Key.Key_PageUp, NO),
    ]:
        before = bar.value()
        type_key(window, key, modifiers)
        moves.append(bar.value() - before)
    assert [move > 0 for move in moves] == [True, True, False, False]
    assert 0 not in moves
    assert opened(panel) == "long"  # none of them changed the document
    # Documents: Alt+Right / Alt+Left, and Ctrl+PgDown / Ctrl+PgUp.
    for forward, back in [((Qt.Key.Key_Right, ALT), (Qt.Key.Key_Left, ALT)),
                          ((Qt.Key.Key_PageDown, CTRL), (Qt.Key.Key_PageUp, CTRL))]:  # fmt: skip
        type_key(window, *forward)
        assert opened(panel) == "short"
        type_key(window, *back)
        assert opened(panel) == "long"
    actions = panel.review_actions
    assert actions.next_document.shortcut().toString() == "Alt+Right"
    assert actions.previous_document.shortcut().toString() == "Alt+Left"


def test_export_zoom_and_exact_characters_work_in_review_mode(
    qtbot: QtBot,
    corpus: dict[str, int],
    sqlite_url: str,
    tmp_path: Path,
    open_review: Callable[..., MainWindow],
) -> None:
    window = open_review(sqlite_url)
    panel = panel_of(window)
    actions = window.actions
    for action in (actions.export, actions.zoom_in, actions.zoom_out, actions.zoom_reset):
        assert action.isEnabled(), action.text()
    assert actions.exact_characters.isEnabled()
    assert not actions.delete_span.isEnabled()
    assert not actions.mark_done.isEnabled()
    shown = {
        action.text().replace("&", "")
        for action in window.menuBar().actions()
        if action.menu() is not None and action.isVisible()
    }
    assert shown == {"File", "View", "Review"}

    # Zoom: Ctrl++ and Ctrl+0 act on the review article.
    size = panel.view.font().pointSizeF()
    type_key(window, Qt.Key.Key_Plus, CTRL)
    assert panel.view.font().pointSizeF() == size + 1
    type_key(window, Qt.Key.Key_0, CTRL)
    assert panel.view.font().pointSizeF() == size

    # Exact characters: Ctrl+Shift+X, for the review article's drags too.
    type_key(window, Qt.Key.Key_X, CTRL | SHIFT)
    assert actions.exact_characters.isChecked()
    assert panel.view.exact_characters
    assert window.status.exact.isVisible()
    type_key(window, Qt.Key.Key_X, CTRL | SHIFT)
    assert not panel.view.exact_characters

    # A decision, then File > Export… (Ctrl+Shift+E) of the gold set: the file has it.
    long_id = corpus["long"]
    selected = panel.selected_row()
    assert selected is not None
    accepted = selected.span
    type_key(window, Qt.Key.Key_A)
    assert gold_of(sqlite_url, long_id) == {accepted}  # read by another connection
    target = tmp_path / "gold.jsonl"

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        dialog.sets.setCurrentIndex(dialog.sets.findData(GOLD))
        type_file_name(dialog, target)

    when_modal(ExportDialog, fill)
    type_key(window, Qt.Key.Key_E, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Exported"))
    exported = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["annotator"]) for r in exported] == [("long", GOLD)]
    spans = exported[0]["spans"]
    assert [(s["start"], s["end"], s["label"]) for s in spans] == [
        (accepted.start, accepted.end, accepted.label)
    ]
    # The keys are back in the review article: R decides the next candidate.
    qtbot.waitUntil(lambda: panel.view.hasFocus())
    following = panel.selected_row()
    assert following is not None
    type_key(window, Qt.Key.Key_R)
    with Store.open(sqlite_url) as store:
        assert [d.action for d in decisions_of(store, long_id)] == ["accept", "reject"]
