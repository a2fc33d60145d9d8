"""Measured throughput: user actions (key presses and mouse drags) per stored span when an
annotator labels, in the real window, the seed article's events and their arguments (the spans
of ``docs/relations_screenshot.py``) and every place it names: (a) unaided, a drag and a label
key per span (another drag, with Alt, where the snapped one missed); (b) with suggestions of a
dictionary made from OTHER articles (the templated news of ``bench.templated_news``) written by
``annotator suggest --dictionary``: Tab to a right one and Enter (a label key fixes a wrong
label), wrong ones passed over, the rest labelled as in (a).

The actions counted are the ones the script performed; the spans are the ones read back from
the database. Run with ``-s`` to see the figures (README, "Suggestions in the window").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from window_support import drag, import_texts, isolated_settings, open_window, stored_triples

from annotator.cli import main as cli_main
from annotator.core.labels import default_schema
from annotator.gui.main_window import MainWindow
from bench.templated_news import records
from docs.relations_screenshot import event_spans

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]

ROOT = Path(__file__).resolve().parents[2]
SEED = next((ROOT / "seeds").glob("000_*.txt")).read_text("utf-8")
# Every place named in the article, besides the events' arguments.
PLACES = ("Kunduz", "Qala-e-Zal", "Aqtapa", "Kunar", "Asad Abad", "Badakhshan", "Helmand",
          "Kandahar", "Afghanistan")  # fmt: skip


def reference_spans() -> list[tuple[int, int, str]]:
    """The spans of the events and their arguments (``docs/relations_screenshot.py``), and
    each whole-word mention of :data:`PLACES` outside them, as (start, end, label)."""
    spans = {(start, end, label) for (start, end), label in event_spans(SEED)[0].items()}
    for place in PLACES:
        for found in re.finditer(rf"\b{re.escape(place)}\b", SEED):
            inside = any(s <= found.start() and found.end() <= e for s, e, _ in spans)
            if not inside:
                spans.add((found.start(), found.end(), "PLACE"))
    return sorted(spans)


REFERENCE = reference_spans()
HOTKEY = {label.name: label.hotkey for label in default_schema()}
OTHER_ARTICLES = 200


class Session:
    """The person at the keyboard: every key press and drag goes through here and counts."""

    def __init__(self, qtbot: QtBot, window: MainWindow) -> None:
        self.qtbot, self.window = qtbot, window
        self.keys = 0
        self.drags = 0

    @property
    def actions(self) -> int:
        return self.keys + self.drags

    def key(self, key: Qt.Key) -> None:
        QTest.keyClick(self.window.view, key)
        self.keys += 1

    def label_key(self, label: str) -> None:
        QTest.keyClicks(self.window.view, HOTKEY[label])
        self.keys += 1

    def select(self, start: int, end: int) -> None:
        """Drag over the words; if the snapped selection is not the span, drag again with Alt
        held (exact characters)."""
        drag(self.qtbot, self.window, start, end)
        self.drags += 1
        if self.window.view.selected_range() != (start, end):
            drag(self.qtbot, self.window, start, end, Qt.KeyboardModifier.AltModifier)
            self.drags += 1
        assert self.window.view.selected_range() == (start, end)

    def label_the_rest(self, url: str, document: int) -> None:
        """Drag and label every reference span not stored yet."""
        for start, end, label in REFERENCE:
            if (start, end, label) not in stored_triples(url, document):
                self.select(start, end)
                self.label_key(label)


def report(what: str, session: Session, spans: int) -> float:
    ratio = session.actions / spans
    print(
        f"\n{what}: {session.actions} actions ({session.keys} keys, {session.drags} drags) "
        f"for {spans} stored spans = {ratio:.2f} per span"
    )
    return ratio


def other_articles_dictionary(path: Path) -> Path:
    """A TSV of the phrases labelled in other articles (each phrase with one label only)."""
    labels: dict[str, set[str]] = {}
    for record in records(OTHER_ARTICLES, seed=11):
        for span in record["spans"]:
            phrase = record["text"][span["start"] : span["end"]]
            labels.setdefault(phrase, set()).add(span["label"])
    lines = [
        f"{phrase}\t{next(iter(found))}" for phrase, found in labels.items() if len(found) == 1
    ]
    path.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
    return path


def test_unaided_labelling(qtbot: QtBot, sqlite_url: str, open_window) -> None:  # type: ignore[no-untyped-def]
    document = import_texts(sqlite_url, [("kunduz", SEED)])["kunduz"]
    session = Session(qtbot, open_window(sqlite_url))
    session.label_the_rest(sqlite_url, document)
    stored = stored_triples(sqlite_url, document)
    assert stored == REFERENCE
    assert session.keys == len(stored)  # one label key per span
    ratio = report("unaided", session, len(stored))
    assert ratio <= 2  # the goal: a drag and a key, no corrections on this article


def test_labelling_with_dictionary_suggestions_from_other_articles(
    qtbot: QtBot,
    sqlite_url: str,
    tmp_path: Path,
    open_window,  # type: ignore[no-untyped-def]
) -> None:
    dictionary = other_articles_dictionary(tmp_path / "other-articles.tsv")
    document = import_texts(sqlite_url, [("kunduz", SEED)])["kunduz"]
    assert cli_main(["suggest", "--dictionary", str(dictionary), "--db", sqlite_url]) == 0
    window = open_window(sqlite_url)
    suggested = list(window.suggestions.remaining)
    assert suggested  # the other articles share some names with this one
    session = Session(qtbot, window)
    wanted = {(start, end): label for start, end, label in REFERENCE}
    accepted = skipped = relabelled = 0
    # Left to right: Tab to a suggestion that is a reference span, Enter; one that is not is
    # passed over (left for the model's set, which costs no key).
    for suggestion in suggested:
        start, end, label = suggestion
        right = wanted.get((start, end))
        if right is None:
            skipped += 1
            continue
        while window.suggestions.current != suggestion:
            session.key(Qt.Key.Key_Tab)
        session.key(Qt.Key.Key_Return)
        accepted += 1
        if right != label:  # the accepted span is selected: its right label's key relabels it
            session.label_key(right)
            relabelled += 1
    print("\nsuggested:", [SEED[s:e] + f" {label}" for s, e, label in suggested])
    session.label_the_rest(sqlite_url, document)
    stored = stored_triples(sqlite_url, document)
    assert stored == REFERENCE
    assert accepted + skipped == len(suggested)
    print(
        f"{len(suggested)} suggestions from {OTHER_ARTICLES} other articles: {accepted} "
        f"accepted ({relabelled} relabelled), {skipped} passed over"
    )
    report("with dictionary suggestions", session, len(stored))
