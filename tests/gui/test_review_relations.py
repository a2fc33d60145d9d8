"""Relations in review mode, with real keys: the relation candidates listed under their source
span with who chose them, A accepting one (and the span gold lacked), R rejecting one, a
relation label's key relabelling one, a label the schema does not allow refused, Ctrl+Z and
Ctrl+Shift+Z; gold and the decision log checked through another connection each time."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from adjudication_example import (
    AGENT,
    AT_MARKET,
    ATTACK,
    COUNT,
    EMPLOYEES,
    LOCATION,
    TALIBAN,
    TARGET,
    load_relation_example,
    relations_in,
    spans_in,
)
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from review_support import REVIEWER, key, log_of, open_review, panel_of

from annotator.core.adjudication import RelationKey, Strategy
from annotator.core.spans import Span
from annotator.gui.main_window import MainWindow
from annotator.gui.review.candidate_model import CandidateModel
from annotator.gui.review.review_panel import ReviewPanel
from annotator.gui.review.rows import RelationRow, Verdict, subject_of
from annotator.store.adjudication import prefill
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["open_review"]

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def raid(sqlite_url: str) -> int:
    """The three-annotator article, pre-filled by majority: AGENT, LOCATION and AT_MARKET in
    gold; TARGET (cai alone) and COUNT (its span EMPLOYEES rejected) open."""
    with Store.open(sqlite_url) as store:
        document = load_relation_example(store)
        prefill(store, Strategy.MAJORITY)
    return document


def gold(url: str, document: int) -> tuple[set[Span], set[RelationKey]]:
    with Store.open(url) as store:
        return spans_in(store, document), relations_in(store, document)


def select(panel: ReviewPanel, relation: RelationKey) -> RelationRow:
    """Select the relation candidate with J/K, as a reviewer would."""
    document = panel.session.document
    assert document is not None
    target = document.row_of(relation)
    assert isinstance(target, RelationRow), relation
    for _ in range(len(document.rows) + 1):
        selected = panel.selected_row()
        if selected is not None and selected.id == target.id:
            return target
        below = selected is None or document.rows.index(selected) < document.rows.index(target)
        key(panel, Qt.Key.Key_J if below else Qt.Key.Key_K)
    raise AssertionError(f"could not reach {relation}")


def opened(open_review: Callable[..., MainWindow], url: str) -> tuple[MainWindow, ReviewPanel]:
    window = open_review(url)
    return window, panel_of(window)


def test_relation_candidates_are_listed_under_their_source_with_who_chose_them(
    open_review: Callable[..., MainWindow], sqlite_url: str, raid: int
) -> None:
    _, panel = opened(open_review, sqlite_url)
    document = panel.session.document
    assert document is not None
    model = panel.candidates.model
    subjects = [subject_of(model.row_at(n)) for n in range(model.rowCount())]
    # ATTACK's row, then its relations (targets in text order), then the next span.
    start = subjects.index(ATTACK)
    assert subjects[start + 1 : start + 5] == sorted([AGENT, TARGET, AT_MARKET, LOCATION])
    assert subjects.index(COUNT) == subjects.index(COUNT.source) + 1
    at_market = subjects.index(AT_MARKET)
    cell = model.index(at_market, CandidateModel.TEXT)
    assert cell.data() == "↳ market"
    assert model.index(at_market, CandidateModel.LABEL).data() == "location"
    assert model.index(at_market, CandidateModel.CHOSEN_BY).data() == "ben, cai (2/3)"
    assert model.index(at_market, CandidateModel.GOLD).data() == "✓"
    assert model.index(at_market, CandidateModel.DECISION).data() == "pre-filled"
    # The document opens on the first relation to decide; its source is selected in the
    # article (which shows span candidates only).
    selected = panel.selected_row()
    assert isinstance(selected, RelationRow)
    assert selected.relation == TARGET
    assert panel.view.selected_span() == panel.session.candidate_id(ATTACK)
    # Disputed: MARKET, KILLING, EMPLOYEES and LOCATION, TARGET, COUNT, AT_MARKET; to decide:
    # TARGET and COUNT (EMPLOYEES was rejected before the pre-fill).
    assert panel.candidates.count.text() == "7 of 11 disputed, 2 to decide"


def test_a_accepts_a_relation_with_the_span_gold_lacked_and_undo_redo(
    open_review: Callable[..., MainWindow], qtbot: QtBot, sqlite_url: str, raid: int
) -> None:
    window, panel = opened(open_review, sqlite_url)
    spans_before, relations_before = gold(sqlite_url, raid)
    log_before = [d.id for d in log_of(sqlite_url, raid)]
    assert EMPLOYEES not in spans_before
    select(panel, COUNT)
    panel.reason.setText("the toll")
    key(panel, Qt.Key.Key_A)
    spans_after, relations_after = gold(sqlite_url, raid)
    assert spans_after == spans_before | {EMPLOYEES}
    assert relations_after == relations_before | {COUNT}
    log = log_of(sqlite_url, raid)[-2:]
    assert [(d.action, d.span, d.relation, d.chosen_by, d.reason, d.reviewer) for d in log] == [
        ("accept", EMPLOYEES, None, ("ana", "ben"), "the toll", REVIEWER),
        ("accept", COUNT.source, COUNT, ("ana", "ben"), "the toll", REVIEWER),
    ]
    document = panel.session.document
    assert document is not None
    row = document.row_of(COUNT)
    assert row is not None
    assert row.verdict is Verdict.IN

    key(panel, Qt.Key.Key_Z, CTRL)
    assert gold(sqlite_url, raid) == (spans_before, relations_before)
    assert [d.id for d in log_of(sqlite_url, raid)] == log_before
    current = panel.selected_row()
    assert current is not None
    assert subject_of(current) == COUNT

    key(panel, Qt.Key.Key_Z, CTRL_SHIFT)
    assert gold(sqlite_url, raid) == (spans_after, relations_after)
    assert [d.relation for d in log_of(sqlite_url, raid)[-2:]] == [None, COUNT]
    assert not window.statusBar().currentMessage().startswith("Not redone")


def test_r_rejects_a_relation_and_a_relation_key_relabels_one(
    open_review: Callable[..., MainWindow], sqlite_url: str, raid: int
) -> None:
    window, panel = opened(open_review, sqlite_url)
    _, relations_before = gold(sqlite_url, raid)

    select(panel, TARGET)
    key(panel, Qt.Key.Key_R)
    assert gold(sqlite_url, raid)[1] == relations_before
    last = log_of(sqlite_url, raid)[-1]
    assert (last.action, last.relation, last.chosen_by) == ("reject", TARGET, ("cai",))
    document = panel.session.document
    assert document is not None
    rejected = document.row_of(TARGET)
    assert rejected is not None
    assert rejected.verdict is Verdict.OUT

    # G is agent's key: AT_MARKET (location, EVENT -> PLACE) cannot be an agent.
    select(panel, AT_MARKET)
    key(panel, Qt.Key.Key_G)
    assert "Cannot relabel" in window.statusBar().currentMessage()
    assert gold(sqlite_url, raid)[1] == relations_before

    # T is target's key: AGENT becomes a target relation between the same spans.
    select(panel, AGENT)
    key(panel, Qt.Key.Key_T)
    relabelled = RelationKey(ATTACK, TALIBAN, "target")
    assert gold(sqlite_url, raid)[1] == relations_before - {AGENT} | {relabelled}
    last = log_of(sqlite_url, raid)[-1]
    assert (last.action, last.relation, last.original_relation) == ("correct", relabelled, "agent")
    current = panel.selected_row()
    assert current is not None
    assert subject_of(current) == relabelled

    key(panel, Qt.Key.Key_Z, CTRL)
    assert gold(sqlite_url, raid)[1] == relations_before
    assert log_of(sqlite_url, raid)[-1].relation == TARGET  # the rejection stays


def test_the_article_draws_the_relation_candidates_not_rejected(
    open_review: Callable[..., MainWindow], sqlite_url: str, raid: int
) -> None:
    _, panel = opened(open_review, sqlite_url)

    def drawn() -> set[RelationKey]:
        document = panel.session.document
        assert document is not None
        spans = {row.id: row.span for row in document.span_rows()}
        return {
            RelationKey(spans[r.source_id], spans[r.target_id], r.label)
            for r in panel.view.arcs.geometry.relations
        }

    assert drawn() == {AGENT, TARGET, AT_MARKET, LOCATION, COUNT}
    select(panel, TARGET)
    key(panel, Qt.Key.Key_R)  # rejected: its arc goes
    assert drawn() == {AGENT, AT_MARKET, LOCATION, COUNT}
    key(panel, Qt.Key.Key_Z, CTRL)  # undone: it comes back
    assert drawn() == {AGENT, TARGET, AT_MARKET, LOCATION, COUNT}
