"""Helpers for the relation tests: an article with an event and its arguments labelled through
the store, and the relations as another connection reads them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from window_support import USER, import_texts

from annotator.gui.main_window import MainWindow
from annotator.store.annotations import add_spans, spans_of
from annotator.store.relations import add_relations, relations_of
from annotator.store.store import Store

TEXT = (
    "Taliban militants launched a rocket attack that hit a market in Asad Abad, "
    "killing two employees."
)
SPANS = {
    "Taliban militants": "ACTOR",
    "attack": "EVENT",
    "market": "PLACE",
    "Asad Abad": "PLACE",
    "two employees": "FIGURE",
}


def at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def labelled_article(url: str, user: str = USER) -> int:
    """The article, with :data:`SPANS` stored as ``user``'s; its document id."""
    document = import_texts(url, [("asadabad", TEXT)])["asadabad"]
    with Store.open(url) as store:
        add_spans(store, document, user, [(*at(w), label) for w, label in SPANS.items()])
    return document


def article_with_relations(url: str, user: str = USER) -> int:
    """The :func:`labelled_article` with "attack" -agent-> "Taliban militants" and
    -location-> "Asad Abad" stored as ``user``'s; its document id."""
    document = labelled_article(url, user)
    with Store.open(url) as store:
        ids = {s.start: s.id for s in spans_of(store, document, user)}
        attack = ids[at("attack")[0]]
        add_relations(
            store,
            [
                (attack, ids[at("Taliban militants")[0]], "agent"),
                (attack, ids[at("Asad Abad")[0]], "location"),
            ],
        )
    return document


def stored_relations(url: str, document: int, user: str = USER) -> set[tuple[str, str, str]]:
    """``(source words, target words, label)`` of ``user``'s stored relations."""
    with Store.open(url) as store:
        words = {s.id: TEXT[s.start : s.end] for s in spans_of(store, document, user)}
        return {
            (words[r.source_id], words[r.target_id], r.label)
            for r in relations_of(store, document, user)
        }


def key(window: MainWindow, text: str) -> None:
    """A key typed in the article (a letter, as a person types it)."""
    QTest.keyClicks(window.view, text)


def target_words(window: MainWindow) -> str | None:
    target = window.editor.relations.target()
    return None if target is None else TEXT[target.start : target.end]


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def press_key(window: MainWindow, which: Qt.Key, shift: bool = False) -> None:
    modifiers = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    QTest.keyClick(window.view, which, modifiers)


Opener = Callable[..., MainWindow]
