"""The agreement panel: a reviewer's Ctrl+Shift+A shows the same figures as the command line,
computed off the GUI thread; a document row opens that document in review mode."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from review_support import REVIEWER, team_corpus
from window_support import isolated_settings, open_window, press

from annotator.core.agreement import compute_agreement
from annotator.core.status import SetStatus
from annotator.gui.agreement_panel import AgreementPanel, FiguresModel, figure
from annotator.gui.main_window import MainWindow
from annotator.store.adjudication import set_gold_status
from annotator.store.agreement_input import finished_annotations
from annotator.store.lookup import label_schema
from annotator.store.store import Store

__all__ = ["isolated_settings", "open_window", "team_corpus"]  # fixtures used by name

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _expected(url: str, label: str | None = None) -> list[list[str]]:
    with Store.open(url) as store:
        with store.reading() as session:
            labels = label_schema(session).names()
        agreement = compute_agreement(
            finished_annotations(store, label), labels if label is None else [label]
        )
    return [
        [
            f"{p.a} / {p.b}",
            str(p.documents),
            figure(p.f1_exact),
            figure(p.f1_overlap),
            figure(p.kappa),
        ]
        for p in agreement.pairs
    ]


def _rows(model: FiguresModel) -> list[list[str]]:
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _open_panel(qtbot: QtBot, window: MainWindow) -> AgreementPanel:
    press(window, Qt.Key.Key_A, CTRL_SHIFT)
    panel = window.review.agreement
    assert panel is not None
    qtbot.waitUntil(lambda: panel.shown is not None, timeout=20_000)
    return panel


@pytest.mark.gui
@pytest.mark.usefixtures("team_corpus")
def test_reviewer_sees_the_command_line_figures(
    qtbot: QtBot,
    sqlite_url: str,
    open_window: Callable[..., MainWindow],
    qtmodeltester: ModelTester,
) -> None:
    window = open_window(sqlite_url, REVIEWER)

    panel = _open_panel(qtbot, window)

    assert _rows(panel.pairs) == _expected(sqlite_url)
    assert [row[0] for row in _rows(panel.labels)] == ["ACTOR", "PLACE", "EVENT", "FIGURE"]
    documents = _rows(panel.documents)
    alphas = [float(row[2]) for row in documents if row[2] != "–"]  # noqa: RUF001
    assert alphas == sorted(alphas), "least agreed first"
    assert panel.summary.text().startswith("Alpha ")
    for model in (panel.pairs, panel.labels, panel.documents):
        qtmodeltester.check(model)

    with qtbot.waitSignal(panel.computed, timeout=20_000):
        panel.label_choice.setCurrentText("PLACE")
    assert _rows(panel.pairs) == _expected(sqlite_url, "PLACE")
    assert [row[0] for row in _rows(panel.labels)] == ["PLACE"]


@pytest.mark.gui
def test_a_document_row_opens_it_in_review_mode(
    qtbot: QtBot,
    team_corpus: dict[str, int],
    sqlite_url: str,
    open_window: Callable[..., MainWindow],
) -> None:
    # With news's gold done, review mode by itself would open calm: the row's choice must win.
    with Store.open(sqlite_url) as store:
        set_gold_status(store, team_corpus["news"], SetStatus.DONE)
    window = open_window(sqlite_url, REVIEWER)
    panel = _open_panel(qtbot, window)
    table = panel.document_table
    table.show()
    qtbot.waitExposed(table)
    least_agreed = panel.documents.row(0)[0]
    rect = table.visualRect(panel.documents.index(0, 0))

    # A double click as Qt receives it: a click, then the second press as a double click.
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert window.review.active
    review = window.review.panel
    assert review is not None
    document = review.session.document
    assert document is not None
    assert document.external_id == least_agreed
    # The review queue arrives from its thread later; the chosen document stays open.
    with qtbot.waitSignal(review.queueReady, timeout=10_000):
        pass
    document = review.session.document
    assert document is not None
    assert document.external_id == least_agreed


@pytest.mark.gui
@pytest.mark.usefixtures("team_corpus")
def test_an_annotator_gets_no_agreement_panel(
    sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url, "ana")

    press(window, Qt.Key.Key_A, CTRL_SHIFT)

    assert window.review.agreement is None
    assert not window.review.show_agreement.isEnabled()
