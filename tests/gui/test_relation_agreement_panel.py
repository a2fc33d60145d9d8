"""The agreement panel's Relations tab: a reviewer's Ctrl+Shift+A, then a click on the tab,
shows the relation figures of the hand-computed example (tests/relation_example.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTabWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from relation_example import store_example
from review_support import REVIEWER, team_corpus
from test_agreement_panel import CTRL_SHIFT, _rows
from window_support import isolated_settings, open_window, press

from annotator.core.agreement.relations_f1 import compute_relation_agreement
from annotator.core.status import Role
from annotator.gui.agreement_panel import AgreementPanel, figure
from annotator.gui.main_window import MainWindow
from annotator.store.people import add_person
from annotator.store.relation_agreement_input import finished_relations
from annotator.store.store import Store

__all__ = ["isolated_settings", "open_window", "team_corpus"]  # fixtures used by name


def _open_relations_tab(qtbot: QtBot, window: MainWindow) -> AgreementPanel:
    press(window, Qt.Key.Key_A, CTRL_SHIFT)
    panel = window.review.agreement
    assert panel is not None
    qtbot.waitUntil(lambda: panel.shown_relations is not None, timeout=20_000)
    qtbot.waitExposed(panel)
    tabs = panel.findChild(QTabWidget)
    assert tabs is not None
    bar = tabs.tabBar()
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == "Relations")
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index
    return panel


@pytest.mark.gui
def test_the_relations_tab_shows_the_relation_figures(
    qtbot: QtBot,
    sqlite_url: str,
    open_window: Callable[..., MainWindow],
    qtmodeltester: ModelTester,
) -> None:
    with Store.open(sqlite_url) as store:
        store_example(store)
        add_person(store, REVIEWER, Role.REVIEWER)
        expected = compute_relation_agreement(finished_relations(store))
    window = open_window(sqlite_url, REVIEWER)

    panel = _open_relations_tab(qtbot, window)

    rows = _rows(panel.relation_pairs)
    assert [row[:2] for row in rows] == [
        ["ana / ben", "2"],
        ["ana / cy", "1"],
        ["ben / cy", "1"],
        ["Mean over pairs", ""],
    ]
    # ana / ben, worked out by hand: P, R, F1 exact 1/7, 1/6, 2/13; overlap 6/7, 1, 12/13.
    assert rows[0][2:] == [figure(x) for x in (1 / 7, 1 / 6, 2 / 13, 6 / 7, 1.0, 12 / 13)]
    assert rows[3][4] == figure(19 / 117)
    assert rows[3][7] == figure(62 / 117)
    for row, pair in zip(rows, expected.pairs, strict=False):
        assert row[2:] == [figure(value) for value in pair.figures()]
    assert _rows(panel.relation_labels) == [
        [name, figure(label.f1_exact), figure(label.f1_overlap)]
        for name, label in expected.labels.items()
    ]
    assert [row[0] for row in _rows(panel.relation_labels)] == [
        "agent",
        "target",
        "location",
        "count",
    ]
    assert f"relation F1 {figure(19 / 117)} exact" in panel.summary.text()
    assert panel.relation_note.isVisible()
    for model in (panel.relation_pairs, panel.relation_labels):
        qtmodeltester.check(model)


@pytest.mark.gui
@pytest.mark.usefixtures("team_corpus")
def test_without_relations_the_tab_says_so(
    qtbot: QtBot, sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url, REVIEWER)

    panel = _open_relations_tab(qtbot, window)

    assert panel.relation_note.text() == "No finished annotation has a relation yet."
    assert panel.relation_pairs.rowCount() == 0
    assert panel.relation_labels.rowCount() == 0
