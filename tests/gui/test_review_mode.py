"""Review mode as a mode of the main window: Ctrl+R for reviewers only, the annotation keys
quiet while reviewing, `annotator gui --review` and `annotator screenshot --review`."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot
from review_support import (
    KUNDUZ_EVENT,
    REVIEWER,
    gold_of,
    key,
    select,
    team_corpus,
    wait_for_queue,
)
from window_support import isolated_settings, open_window, press

from annotator.cli import build_parser
from annotator.core.spans import Span
from annotator.gui.app import launch
from annotator.gui.main_window import MainWindow
from annotator.store.annotations import spans_of
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window", "team_corpus"]

CTRL = Qt.KeyboardModifier.ControlModifier


def visible_menus(window: MainWindow) -> list[str]:
    return [
        action.text().replace("&", "")
        for action in window.menuBar().actions()
        if action.menu() is not None and action.isVisible()
    ]


def test_ctrl_r_switches_a_reviewer_to_review_mode_and_back(
    qtbot: QtBot,
    team_corpus: dict[str, int],
    sqlite_url: str,
    open_window: Callable[..., MainWindow],
) -> None:
    window = open_window(sqlite_url, REVIEWER)
    news = team_corpus["news"]
    assert window.pages.currentWidget() is window.splitter
    assert window.review.toggle.isEnabled()
    menus = visible_menus(window)
    assert "Review" in menus
    press(window, Qt.Key.Key_R, CTRL)
    panel = window.review.panel
    assert panel is not None
    assert window.review.active
    wait_for_queue(qtbot, panel)
    assert window.pages.currentWidget() is panel
    assert panel.view.hasFocus()
    assert visible_menus(window) == ["File", "View", "Review"]  # export, zoom: read-only
    assert not window.actions.delete_span.isEnabled()
    assert not window.actions.label_actions["PLACE"].isEnabled()
    # "2" is the review's label correction here, not a span of rita's own.
    select(panel, KUNDUZ_EVENT)
    key(panel, Qt.Key.Key_2)
    assert gold_of(sqlite_url, news) == {Span(KUNDUZ_EVENT.start, KUNDUZ_EVENT.end, "PLACE")}
    with Store.open(sqlite_url) as store:
        assert spans_of(store, news, REVIEWER) == []
    # Back to annotating: the annotation actions and menus are as they were.
    key(panel, Qt.Key.Key_R, CTRL)
    assert not window.review.active
    assert window.pages.currentWidget() is window.splitter
    assert visible_menus(window) == menus
    assert window.actions.label_actions["PLACE"].isEnabled()
    # And in again: the panel is kept, on the same document.
    press(window, Qt.Key.Key_R, CTRL)
    assert window.review.active
    wait_for_queue(qtbot, panel)
    document = panel.session.document
    assert document is not None
    assert document.id == news


@pytest.mark.usefixtures("team_corpus")
def test_an_annotator_has_no_review_mode(
    sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url, "ana")
    assert not window.review.toggle.isEnabled()
    press(window, Qt.Key.Key_R, CTRL)
    assert not window.review.active
    assert window.review.enter() is False
    assert "Only reviewers adjudicate" in window.statusBar().currentMessage()
    assert window.pages.currentWidget() is window.splitter


def test_gui_review_opens_straight_into_review_mode(
    qtbot: QtBot, team_corpus: dict[str, int], sqlite_url: str
) -> None:
    assert build_parser().parse_args(["gui", "--review"]).review is True
    window = launch(sqlite_url, REVIEWER, review=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.attached and window.review.active, timeout=10_000)
    panel = window.review.panel
    assert panel is not None
    wait_for_queue(qtbot, panel)
    document = panel.session.document
    assert document is not None
    assert document.id == team_corpus["news"]


def annotator(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_CONFIG_HOME=str(home), HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.usefixtures("team_corpus")
def test_screenshot_of_review_mode(tmp_path: Path, sqlite_url: str) -> None:
    output = tmp_path / "review.png"
    done = annotator(
        "screenshot", "--review", "--db", sqlite_url, "--user", REVIEWER, "--doc", "calm",
        "-o", str(output), "--size", "1200x800", home=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    image = QImage(str(output))
    assert (image.width(), image.height()) == (1200, 800)
    colours = {image.pixel(x, y) for x in range(0, 1200, 7) for y in range(0, 800, 7)}
    assert len(colours) > 20
    wrong = tmp_path / "x.png"
    refused = annotator(
        "screenshot", "--review", "--db", sqlite_url, "--user", "ana", "-o", str(wrong),
        home=tmp_path,
    )  # fmt: skip
    assert refused.returncode == 2
    assert "not a reviewer" in refused.stderr
    assert not wrong.exists()
