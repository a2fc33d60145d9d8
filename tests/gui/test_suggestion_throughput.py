"""Measured throughput: user actions (key presses, clicks and drags) per stored span when an
annotator labels the sample article in the real window, until what the database holds is its
reference annotation (``seeds/labelled/kunduz.jsonl``: every actor, place, event and figure,
by the conventions of ``seeds/labelled/README.md``).

(a) Unaided: a drag and a label key per span (another drag, with Alt, where the snapped one
missed). (b) With suggestions from a dictionary built from OTHER articles
(``seeds/labelled/other-articles.jsonl``, written without reading the sample article): those
are imported into their own database, ``annotator export --format patterns`` writes their
labelled phrases as EntityRuler patterns, and ``annotator suggest --dictionary`` suggests them on
the sample article. The annotator then corrects the suggestions in one of two ways, each
measured: going through them (Enter accepts one, X rejects it, each making the next current;
a label key relabels one accepted with the wrong label), or rejecting the wrong ones first (a
click on each and X), accepting the rest at once (Ctrl+Alt+A) and relabelling those with the
wrong label (a click and a label key); then labels what is still missing as in (a).

The actions counted are the ones the script performed; the spans are read back from the
database by another connection. Run with ``-s`` to see the figures (README, "Suggestions in
the window").
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from window_support import (
    click_in,
    drag,
    import_texts,
    isolated_settings,
    open_window,
    stored_triples,
)

from annotator.cli import main as cli_main
from annotator.core.labels import default_schema
from annotator.gui.main_window import MainWindow

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]

LABELLED = Path(__file__).resolve().parents[2] / "seeds" / "labelled"
_RECORD = json.loads((LABELLED / "kunduz.jsonl").read_text("utf-8"))
TEXT: str = _RECORD["text"]
REFERENCE = sorted((s["start"], s["end"], s["label"]) for s in _RECORD["spans"])
HOTKEY = {label.name: label.hotkey for label in default_schema()}
Triple = tuple[int, int, str]


class Session:
    """The person at the keyboard and mouse: every key press, click and drag goes through
    here and counts."""

    def __init__(self, qtbot: QtBot, window: MainWindow, url: str, document: int) -> None:
        self.qtbot, self.window, self.url, self.document = qtbot, window, url, document
        self.keys = self.clicks = self.drags = 0

    @property
    def actions(self) -> int:
        return self.keys + self.clicks + self.drags

    def key(
        self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        QTest.keyClick(self.window.view, key, modifiers)
        self.keys += 1

    def label_key(self, label: str) -> None:
        QTest.keyClicks(self.window.view, HOTKEY[label])
        self.keys += 1

    def click(self, start: int, end: int) -> None:
        """A click in the middle of ``start:end`` (on a suggestion: the caret goes there; on a
        span: it is selected)."""
        click_in(self.qtbot, self.window.view, (start + end) // 2)
        self.clicks += 1

    def select(self, start: int, end: int) -> None:
        """Drag over the words; if the snapped selection is not the span, drag again with Alt
        held (exact characters)."""
        drag(self.qtbot, self.window, start, end)
        self.drags += 1
        if self.window.view.selected_range() != (start, end):
            drag(self.qtbot, self.window, start, end, Qt.KeyboardModifier.AltModifier)
            self.drags += 1
        assert self.window.view.selected_range() == (start, end)

    def stored(self) -> list[Triple]:
        return stored_triples(self.url, self.document)

    def label_the_rest(self) -> None:
        """Drag and label every reference span not stored yet."""
        stored = set(self.stored())
        for start, end, label in REFERENCE:
            if (start, end, label) not in stored:
                self.select(start, end)
                self.label_key(label)

    def label_kept(self, spans: list[Triple]) -> None:
        """Label ``spans`` with kept labels (``annotator.gui.kept_label``): one pass per
        label, from the top (Ctrl+Home, after the first pass): its key with nothing selected,
        then one drag a span; a snapped drag that missed is undone (Ctrl+Z) and dragged
        again with Alt held."""
        labels = [label.name for label in default_schema()]
        for number, label in enumerate(sorted({span[2] for span in spans}, key=labels.index)):
            if number:
                self.key(Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
            assert self.window.view.selected_range() is None
            assert self.window.view.selected_span() is None
            self.label_key(label)
            assert self.window.editor.kept is not None
            assert self.window.editor.kept.name == label
            for start, end, _ in sorted(span for span in spans if span[2] == label):
                drag(self.qtbot, self.window, start, end)
                self.drags += 1
                if (start, end, label) not in self.stored():
                    self.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
                    drag(self.qtbot, self.window, start, end, Qt.KeyboardModifier.AltModifier)
                    self.drags += 1
                assert (start, end, label) in self.stored()

    def missing(self) -> list[Triple]:
        stored = set(self.stored())
        return [span for span in REFERENCE if span not in stored]

    def report(self, what: str) -> float:
        spans = len(self.stored())
        ratio = self.actions / spans
        print(
            f"\n{what}: {self.actions} actions ({self.keys} keys, {self.clicks} clicks, "
            f"{self.drags} drags) for {spans} stored spans = {ratio:.2f} per span"
        )
        return ratio


def right_label(suggestion: Triple) -> str | None:
    """The reference label of the suggestion's exact range; None if it is no reference span."""
    start, end, _ = suggestion
    return next((label for s, e, label in REFERENCE if (s, e) == (start, end)), None)


def same_label_over(suggestion: Triple) -> list[Triple]:
    """The reference spans of the suggestion's label that overlap it (but are not it): once
    labelled, they answer it (the window stops showing it)."""
    start, end, label = suggestion
    return [
        r for r in REFERENCE if r[2] == label and r[0] < end and start < r[1] and r != suggestion
    ]


def test_the_reference_labels_the_sample_article_without_overlaps() -> None:
    sample = next((LABELLED.parent).glob("000_*.txt")).read_text("utf-8")
    assert sample == TEXT
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(REFERENCE))
    assert all(TEXT[s:e] == TEXT[s:e].strip() and e > s for s, e, _ in REFERENCE)


def test_unaided_labelling(qtbot: QtBot, sqlite_url: str, open_window) -> None:  # type: ignore[no-untyped-def]
    document = import_texts(sqlite_url, [("kunduz", TEXT)])["kunduz"]
    session = Session(qtbot, open_window(sqlite_url), sqlite_url, document)
    session.label_the_rest()
    assert session.stored() == REFERENCE
    assert session.keys == len(REFERENCE)  # one label key per span
    ratio = session.report("unaided")
    assert ratio <= 2  # the goal: a drag and a key a span


def test_unaided_labelling_with_kept_labels(qtbot: QtBot, sqlite_url: str, open_window) -> None:  # type: ignore[no-untyped-def]
    document = import_texts(sqlite_url, [("kunduz", TEXT)])["kunduz"]
    session = Session(qtbot, open_window(sqlite_url), sqlite_url, document)
    session.label_kept(REFERENCE)
    assert session.stored() == REFERENCE
    session.report("unaided, kept labels (one pass a label)")


@pytest.fixture
def dictionary(tmp_path: Path) -> Path:
    """The other articles' labelled phrases as patterns, by the commands a user runs."""
    other = f"sqlite:///{tmp_path / 'other-articles.sqlite'}"
    patterns = tmp_path / "patterns.jsonl"
    assert cli_main(["import", str(LABELLED / "other-articles.jsonl"), "--db", other]) == 0
    export = ["export", "--format", "patterns", "--set", "reference", "-o", str(patterns)]
    assert cli_main([*export, "--db", other]) == 0
    return patterns


@pytest.fixture
def suggested_session(
    qtbot: QtBot, sqlite_url: str, dictionary: Path, open_window: Callable[..., MainWindow]
) -> Session:
    document = import_texts(sqlite_url, [("kunduz", TEXT)])["kunduz"]
    assert cli_main(["suggest", "--dictionary", str(dictionary), "--db", sqlite_url]) == 0
    session = Session(qtbot, open_window(sqlite_url), sqlite_url, document)
    suggested = session.window.suggestions.remaining
    right = sum(right_label(s) == s[2] for s in suggested)
    relabel = sum(right_label(s) not in (None, s[2]) for s in suggested)
    print(
        f"\n{len(suggested)} suggestions from the other articles' dictionary: {right} right, "
        f"{relabel} with the wrong label, {len(suggested) - right - relabel} wrong; "
        f"{len(REFERENCE) - right - relabel} of {len(REFERENCE)} reference spans not suggested"
    )
    return session


def test_going_through_the_suggestions(suggested_session: Session) -> None:
    """Top to bottom: Enter on a right suggestion (a label key if its label is wrong), X on a
    wrong one, Tab to reach the one meant; a span not suggested is dragged and labelled, which
    also answers a suggestion of its label inside it."""
    session = suggested_session
    suggestions = session.window.suggestions
    suggested = list(suggestions.remaining)
    items = sorted([*suggested, *(r for r in REFERENCE if r not in suggested)])
    for item in items:
        if item not in suggested:
            if item not in session.stored():
                session.select(item[0], item[1])
                session.label_key(item[2])
            continue
        if item not in suggestions.remaining:
            continue  # answered by a span labelled over it
        right = right_label(item)
        if right is None and same_label_over(item):
            continue  # that span, still to come, answers it
        while suggestions.remaining[suggestions.target() or 0] != item:
            session.key(Qt.Key.Key_Tab)
        session.key(Qt.Key.Key_X if right is None else Qt.Key.Key_Return)
        if right not in (None, item[2]):  # the accepted span is selected: its key relabels it
            session.label_key(str(right))
    assert session.stored() == REFERENCE
    session.report("with suggestions, going through them")


def reject(session: Session, wrong: Triple) -> None:
    """A click on the wrong suggestion (it becomes current), then X."""
    session.click(wrong[0], wrong[1])
    assert session.window.suggestions.current == wrong
    session.key(Qt.Key.Key_X)


def accept_the_rest(session: Session) -> None:
    """Ctrl+Alt+A, then each accepted span of the wrong label clicked and relabelled."""
    suggestions = session.window.suggestions
    relabel = [(s, right_label(s)) for s in suggestions.remaining if right_label(s) != s[2]]
    session.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    for (start, end, _), right in relabel:
        session.click(start, end)
        session.label_key(str(right))


def test_rejecting_the_wrong_then_accepting_all(suggested_session: Session) -> None:
    """Each wrong suggestion is answered (X after a click on it, or the right span of its
    label dragged over it), the rest accepted at once (Ctrl+Alt+A), a wrong label fixed (a
    click on the span, its key), and what is still missing dragged and labelled."""
    session = suggested_session
    suggestions = session.window.suggestions
    for wrong in [s for s in suggestions.remaining if right_label(s) is None]:
        if wrong not in suggestions.remaining:
            continue  # answered by a span labelled over an earlier one
        over = same_label_over(wrong)
        for start, end, label in over:
            session.select(start, end)
            session.label_key(label)
        if not over:
            reject(session, wrong)
    accept_the_rest(session)
    session.key(Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)  # back to the top
    session.label_the_rest()
    assert session.stored() == REFERENCE
    session.report("with suggestions, wrong ones answered, the rest accepted at once")


def test_kept_labels_for_the_missing_then_accepting_all(suggested_session: Session) -> None:
    """The spans no suggestion has right are labelled first, with kept labels (which also
    answers a suggestion of the same label they overlap); the wrong suggestions left are
    rejected (a click, X), the rest accepted at once (Ctrl+Alt+A), a wrong label fixed."""
    session = suggested_session
    suggestions = session.window.suggestions
    suggested = set(suggestions.remaining)
    session.label_kept([span for span in REFERENCE if span not in suggested])
    session.key(Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)  # back to the top
    for wrong in [s for s in suggestions.remaining if right_label(s) is None]:
        reject(session, wrong)
    accept_the_rest(session)
    assert session.stored() == REFERENCE
    ratio = session.report("with suggestions, kept labels for the missing, the rest accepted")
    assert ratio <= 1.2  # the goal with suggestions
