"""Helpers for the review-mode tests: a corpus three annotators finished and disagree on, the
real main window opened in review mode on a SQLite file, and real mouse and key input on the
review panel's article view."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from window_support import click_in as click
from window_support import drag_in as drag
from window_support import point_in as point_at

from annotator.core.spans import Span
from annotator.core.status import Role, SetStatus
from annotator.gui.main_window import MainWindow
from annotator.gui.review.mode import create_review_window
from annotator.gui.review.review_panel import ReviewPanel
from annotator.schemas import DocumentRecord, Located, SpanRecord
from annotator.store.adjudication import DecisionRecord, decisions_of
from annotator.store.annotations import set_status_of, spans_of
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.people import GOLD, add_person
from annotator.store.store import Store

# Mouse input on the review panel's article is the same as on the window's.
__all__ = ["click", "drag", "point_at"]

REVIEWER = "rita"
TEXT = (
    "Taliban fighters attacked Kunduz on Tuesday, killing 12 people.\n"
    "The governor of Kunduz province said the attack began at dawn."
)


def at(word: str, label: str, nth: int = 0, text: str = TEXT) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Span(start, start + len(word), label)


TALIBAN = at("Taliban", "ACTOR")  # all three: agreed
KUNDUZ = at("Kunduz", "PLACE")  # ana, ben
KUNDUZ_EVENT = at("Kunduz", "EVENT")  # cai
PEOPLE = at("12 people", "FIGURE")  # ana
TWELVE = at("12", "FIGURE")  # ben, cai
GOVERNOR = at("The governor of Kunduz province", "ACTOR")  # ana
ATTACK = at("attack", "EVENT", 1)  # ben, cai ("the attack")

VERSIONS = {
    "ana": [TALIBAN, KUNDUZ, PEOPLE, GOVERNOR],
    "ben": [TALIBAN, KUNDUZ, TWELVE, ATTACK],
    "cai": [TALIBAN, KUNDUZ_EVENT, TWELVE, ATTACK],
}
# A calmer second document (one disputed of two) and a third everyone agrees on.
CALM = "Kabul was quiet on Wednesday."
CALM_VERSIONS = {
    "ana": [at("Kabul", "PLACE", text=CALM), at("Wednesday", "FIGURE", text=CALM)],
    "ben": [at("Kabul", "PLACE", text=CALM)],
}
AGREED = "Herat held a market."
AGREED_VERSIONS = {
    "ana": [at("Herat", "PLACE", text=AGREED)],
    "ben": [at("Herat", "PLACE", text=AGREED)],
}


def records(external_id: str, text: str, versions: dict[str, list[Span]]) -> list[DocumentRecord]:
    return [
        DocumentRecord(
            id=external_id,
            text=text,
            annotator=who,
            status=SetStatus.DONE,
            spans=[SpanRecord(start=s.start, end=s.end, label=s.label) for s in spans],
        )
        for who, spans in versions.items()
    ]


def load_team_corpus(url: str) -> dict[str, int]:
    """The three documents (calm first, in import order) and reviewer rita; ids by name."""
    with Store.open(url) as store:
        lines = [
            *records("agreed", AGREED, AGREED_VERSIONS),
            *records("calm", CALM, CALM_VERSIONS),
            *records("news", TEXT, VERSIONS),
        ]
        import_records(store, [Located("t", n, r) for n, r in enumerate(lines, 1)])
        add_person(store, REVIEWER, Role.REVIEWER)
        found = {name: find_document(store, name) for name in ("agreed", "calm", "news")}
    return {name: ident for name, ident in found.items() if ident is not None}


def gold_of(url: str, document_id: int) -> set[Span]:
    with Store.open(url) as store:
        return {Span(s.start, s.end, s.label) for s in spans_of(store, document_id, GOLD)}


def log_of(url: str, document_id: int) -> list[DecisionRecord]:
    with Store.open(url) as store:
        return decisions_of(store, document_id)


def gold_status_of(url: str, document_id: int) -> SetStatus | None:
    with Store.open(url) as store:
        return set_status_of(store, document_id, GOLD)


@pytest.fixture
def team_corpus(sqlite_url: str) -> dict[str, int]:
    return load_team_corpus(sqlite_url)


@pytest.fixture
def open_review(qtbot: QtBot) -> Iterator[Callable[..., MainWindow]]:
    """Build, show and activate the main window in review mode."""

    def build(url: str, user: str = REVIEWER) -> MainWindow:
        window = create_review_window(url, user)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        wait_for_queue(qtbot, panel_of(window))
        window.activateWindow()
        qtbot.waitUntil(lambda: window.isActiveWindow())
        panel = panel_of(window)
        panel.view.setFocus()
        qtbot.waitUntil(lambda: panel.view.hasFocus())
        return window

    return build


def wait_for_queue(qtbot: QtBot, panel: ReviewPanel) -> None:
    """Until the review queue, read in a thread, is shown (and its first document open)."""
    if panel.loading:
        with qtbot.waitSignal(panel.queueReady, timeout=10_000):
            pass
    assert not panel.loading


@contextmanager
def searching(qtbot: QtBot, panel: ReviewPanel) -> Iterator[None]:
    """Until the search for the next document to decide (Ctrl+J, or A or R on a document's
    last undecided candidate), run in a thread, has come back and been acted on."""
    with qtbot.waitSignal(panel.searchDone, timeout=10_000):
        yield
    assert not panel.searching


def panel_of(window: MainWindow) -> ReviewPanel:
    mode = getattr(window, "review", None)
    assert mode is not None
    assert mode.panel is not None
    return mode.panel


def key(
    panel: ReviewPanel,
    which: Qt.Key,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A key pressed in the review panel's article, as a reviewer types (shortcuts included)."""
    QTest.keyClick(panel.view, which, modifiers)


def select(panel: ReviewPanel, span: Span) -> None:
    """Select the candidate ``span`` with J/K, as a reviewer would."""
    document = panel.session.document
    assert document is not None
    target = document.row_of(span)
    assert target is not None, span
    for _ in range(len(document.rows) + 1):
        selected = panel.selected_row()
        if selected is not None and selected.id == target.id:
            return
        below = selected is None or document.rows.index(selected) < document.rows.index(target)
        key(panel, Qt.Key.Key_J if below else Qt.Key.Key_K)
    raise AssertionError(f"could not reach {span}")
