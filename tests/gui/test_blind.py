"""Blind annotation through the real window: two annotators label the same document, and each
window shows only that person's own spans (in the article and in the span list), whatever the
other has stored; a reviewer's review mode shows everyone's."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from relation_support import at as words_at
from relation_support import key, labelled_article, stored_relations
from review_support import REVIEWER, open_review, panel_of
from window_support import (
    click_span,
    drag,
    import_texts,
    isolated_settings,
    open_window,
    press,
    stored_triples,
    word_range,
)

from annotator.core.status import Role, SetStatus
from annotator.gui.article_view import ArticleView
from annotator.gui.highlighter import LABELS_PROPERTY
from annotator.gui.main_window import MainWindow
from annotator.store.annotations import add_spans, set_status_of, spans_of
from annotator.store.people import add_person
from annotator.store.relations import add_relation
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_review", "open_window"]

TEXT = "Taliban fighters attacked Kunduz on Tuesday.\nThe governor of Kunduz spoke."
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def leave_nothing_behind() -> Iterator[None]:
    """Set up before qtbot, so torn down after it has closed this test's windows: their
    deletion and the Python garbage they leave happen here, not inside a later test (the
    cursor stress test counts references to None)."""
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def at(word: str, nth: int = 0) -> tuple[int, int]:
    return word_range(TEXT, word, nth)


def shown(view: ArticleView) -> set[tuple[int, int, str]]:
    """What the article view highlights: per label, its maximal code point ranges (read from
    the formats the highlighter put into Qt's text layouts)."""
    positions: dict[str, set[int]] = defaultdict(set)
    block = view.document().firstBlock()
    while block.isValid():
        for piece in block.layout().formats():
            first = block.position() + piece.start
            for label in str(piece.format.property(LABELS_PROPERTY) or "").split():
                positions[label].update(range(first, first + piece.length))
        block = block.next()
    result = set()
    for label, qt_positions in positions.items():
        ordered = sorted(qt_positions)
        start = previous = ordered[0]
        for position in [*ordered[1:], None]:
            if position is None or position != previous + 1:
                text_map = view.text_map
                result.add((text_map.from_qt(start), text_map.from_qt(previous + 1), label))
                if position is not None:
                    start = position
            if position is not None:
                previous = position
    return result


def listed(window: MainWindow) -> set[tuple[int, int, str]]:
    model = window.spans.model
    return {
        (span.start, span.end, span.label)
        for span in (model.span_at(row) for row in range(model.rowCount()))
    }


def label(qtbot: QtBot, window: MainWindow, word: tuple[int, int], key: Qt.Key) -> None:
    drag(qtbot, window, *word)
    press(window, key)


def test_each_annotator_sees_only_their_own_spans_and_the_reviewer_sees_all(
    qtbot: QtBot,
    sqlite_url: str,
    open_window: Callable[..., MainWindow],
    open_review: Callable[..., MainWindow],
) -> None:
    ids = import_texts(sqlite_url, [("news", TEXT)])
    news = ids["news"]
    ana_spans = {(*at("Taliban"), "ACTOR"), (*at("Kunduz"), "PLACE")}
    ben_spans = {(*at("Kunduz"), "EVENT"), (*at("governor"), "ACTOR")}

    ana = open_window(sqlite_url, "ana")
    label(qtbot, ana, at("Taliban"), Qt.Key.Key_1)
    label(qtbot, ana, at("Kunduz"), Qt.Key.Key_2)
    assert set(stored_triples(sqlite_url, news, "ana")) == ana_spans

    # Ben opens the same document while ana's spans are stored: he sees none of them.
    ben = open_window(sqlite_url, "ben")
    assert ben.workspace.document is not None
    assert ben.workspace.document.id == news
    assert shown(ben.view) == set()
    assert listed(ben) == set()
    label(qtbot, ben, at("Kunduz"), Qt.Key.Key_3)
    label(qtbot, ben, at("governor"), Qt.Key.Key_1)
    press(ben, Qt.Key.Key_Return, CTRL)  # done
    assert set(stored_triples(sqlite_url, news, "ben")) == ben_spans
    assert shown(ben.view) == ben_spans
    assert listed(ben) == ben_spans

    # Ana's window still shows only hers; so does a window she opens afresh.
    assert shown(ana.view) == ana_spans
    assert listed(ana) == ana_spans
    ana.activateWindow()
    qtbot.waitUntil(lambda: ana.isActiveWindow())
    press(ana, Qt.Key.Key_Return, CTRL)
    ana.close()
    again = open_window(sqlite_url, "ana")
    again.open_document(news)
    assert shown(again.view) == ana_spans
    assert listed(again) == ana_spans
    with Store.open(sqlite_url) as store:
        assert set_status_of(store, news, "ana") is SetStatus.DONE
        assert set_status_of(store, news, "ben") is SetStatus.DONE
        add_person(store, REVIEWER, Role.REVIEWER)

    # The reviewer's review mode merges both versions.
    panel = panel_of(open_review(sqlite_url))
    assert shown(panel.view) == ana_spans | ben_spans
    document = panel.session.document
    assert document is not None
    chosen = {
        (r.span.start, r.span.end, r.span.label): r.candidate.chosen_by for r in document.rows
    }
    assert chosen == {
        **dict.fromkeys(ana_spans, ("ana",)),
        **dict.fromkeys(ben_spans, ("ben",)),
    }


def test_each_annotator_sees_only_their_own_relations(
    qtbot: QtBot, sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:

    # Ben's spans and his agent relation are stored; ana has the same spans, no relation yet.
    news = labelled_article(sqlite_url, "ben")
    with Store.open(sqlite_url) as store:
        ben_ids = {s.start: s.id for s in spans_of(store, news, "ben")}
        add_relation(
            store,
            ben_ids[words_at("attack")[0]],
            ben_ids[words_at("Taliban militants")[0]],
            "agent",
        )
        add_spans(
            store,
            news,
            "ana",
            [(*words_at("attack"), "EVENT"), (*words_at("Asad Abad"), "PLACE")],
        )
    ana = open_window(sqlite_url, "ana")
    assert ana.view.arcs.geometry.relations == ()
    model = ana.spans.model
    assert not any(str(model.index(n, 0).data()).startswith("→") for n in range(model.rowCount()))
    # Ana draws her own: only hers is drawn and listed, ben's stays his.
    click_span(qtbot, ana, words_at("attack")[0] + 1)
    key(ana, "r")
    key(ana, "l")
    assert stored_relations(sqlite_url, news, "ana") == {("attack", "Asad Abad", "location")}
    assert [r.label for r in ana.view.arcs.geometry.relations] == ["location"]
    assert stored_relations(sqlite_url, news, "ben") == {("attack", "Taliban militants", "agent")}
    ben = open_window(sqlite_url, "ben")
    assert [r.label for r in ben.view.arcs.geometry.relations] == ["agent"]
    labels = [ben.spans.model.index(n, 0).data() for n in range(ben.spans.model.rowCount())]
    assert "→ agent" in labels
    assert "→ location" not in labels
