"""File > Export…: the real file dialog chooses the file, the format and whose sets; the file
written is what `annotator export` writes for the same database and set."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from review_support import load_team_corpus
from window_support import (
    USER,
    drag,
    isolated_settings,
    open_window,
    press,
    stored_triples,
    type_file_name,
    when_modal,
)

from annotator.cli import main as command_line
from annotator.core.status import GOLD
from annotator.formats import EXPORT_FORMATS
from annotator.gui.exporting import ExportDialog
from annotator.gui.main_window import MainWindow
from annotator.store.engine import sqlite_file

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def team_url(sqlite_url: str) -> str:
    """Three documents finished by ana, ben and cai, and a gold set `adjudicate` pre-filled."""
    load_team_corpus(sqlite_url)
    assert command_line(["adjudicate", "--strategy", "majority", "--db", sqlite_url]) == 0
    return sqlite_url


def export_through_the_dialog(
    qtbot: QtBot, window: MainWindow, target: Path, sets: int
) -> list[str]:
    """Ctrl+Shift+E, choose the ``sets`` row and the file in the real dialog, accept it; wait
    for the status bar to report. The file types the dialog offered."""
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        seen.extend(dialog.nameFilters())
        dialog.sets.setCurrentIndex(sets)
        type_file_name(dialog, target)

    when_modal(ExportDialog, fill)
    press(window, Qt.Key.Key_E, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Exported"))
    return seen


@pytest.mark.parametrize(
    ("sets", "cli_set"), [(0, "all"), (1, "ana"), (2, GOLD)], ids=["all", "mine", "gold"]
)
def test_export_writes_what_the_command_line_writes(
    qtbot: QtBot,
    team_url: str,
    tmp_path: Path,
    open_window: Callable[..., MainWindow],
    sets: int,
    cli_set: str,
) -> None:
    window = open_window(team_url)
    # A change made in the window is in the export: ana labels the first word EVENT.
    document = window.workspace.document
    assert document is not None
    drag(qtbot, window, 0, 5)
    press(window, Qt.Key.Key_3)
    assert stored_triples(team_url, document.id) == [(0, 5, "EVENT"), (0, 5, "PLACE")]
    target = tmp_path / "from the window.jsonl"
    offered = export_through_the_dialog(qtbot, window, target, sets)
    assert offered == [f"{known.title} (*{known.suffix})" for known in EXPORT_FORMATS.values()]

    reference = tmp_path / "from the command line.jsonl"
    args = ["export", "--db", team_url, "--set", cli_set, "--format", "jsonl", "-o"]
    assert command_line([*args, str(reference)]) == 0
    written = target.read_text(encoding="utf-8")
    assert written == reference.read_text(encoding="utf-8")
    records = [json.loads(line) for line in written.splitlines()]
    mine = [r for r in records if r["id"] == document.external_id and r["annotator"] == USER]
    assert bool(mine) == (cli_set != GOLD)
    for record in mine:
        assert {"start": 0, "end": 5, "label": "EVENT", "text": "Herat"} in record["spans"]
    assert window.statusBar().currentMessage() == f"Exported {len(records)} record(s) to {target}."


def test_export_without_a_suffix_gets_the_formats_and_an_export_over_the_database_is_refused(
    qtbot: QtBot, team_url: str, tmp_path: Path, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(team_url)
    export_through_the_dialog(qtbot, window, tmp_path / "corpus", 0)
    assert (tmp_path / "corpus.jsonl").is_file()

    database = sqlite_file(team_url)
    assert database is not None
    before = database.stat()
    warnings: list[str] = []

    def close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        warnings.append(box.text())
        box.accept()

    def replace(box: QWidget) -> None:
        # Qt's own dialog asks before replacing an existing file: yes; then the refusal.
        assert isinstance(box, QMessageBox)
        when_modal(QMessageBox, close)
        box.button(QMessageBox.StandardButton.Yes).click()

    when_modal(ExportDialog, lambda dialog: type_file_name(dialog, database))
    when_modal(QMessageBox, replace)
    press(window, Qt.Key.Key_E, CTRL_SHIFT)
    qtbot.waitUntil(lambda: bool(warnings))
    assert window.statusBar().currentMessage().startswith("Nothing exported: refusing")
    assert "refusing to write the export over the database file" in warnings[0]
    after = database.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    )


def export_format_through_the_dialog(
    qtbot: QtBot, window: MainWindow, target: Path, sets: int, format_name: str
) -> None:
    """Ctrl+Shift+E, choose ``format_name``'s file type, the ``sets`` row and the name."""

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        known = EXPORT_FORMATS[format_name]
        dialog.selectNameFilter(f"{known.title} (*{known.suffix})")
        dialog.sets.setCurrentIndex(sets)
        type_file_name(dialog, target)

    when_modal(ExportDialog, fill)
    # After a message box, the window is the active one again only a moment later.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(window, Qt.Key.Key_E, CTRL_SHIFT)


def test_a_folder_format_of_the_gold_sets_and_a_refusal_naming_the_sets(
    qtbot: QtBot, team_url: str, tmp_path: Path, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(team_url)
    warnings: list[str] = []

    def close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        warnings.append(box.text())
        box.accept()

    # Every annotator's sets in brat: documents have several, so it is refused, naming them.
    when_modal(QMessageBox, close)
    export_format_through_the_dialog(qtbot, window, tmp_path / "every", 0, "brat")
    qtbot.waitUntil(lambda: bool(warnings) and QApplication.activeModalWidget() is None)
    assert "--set (ana, ben, cai, gold)" in warnings[0]
    assert not (tmp_path / "every").exists()

    export_format_through_the_dialog(qtbot, window, tmp_path / "gold-brat", 2, "brat")
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Exported"))
    folder = tmp_path / "gold-brat"
    assert (folder / "annotation.conf").is_file()
    reference = tmp_path / "reference"
    assert (
        command_line(
            ["export", "--db", team_url, "--set", GOLD, "--format", "brat", "-o", str(reference)]
        )
        == 0
    )
    written = sorted(p.name for p in folder.iterdir())
    assert written == sorted(p.name for p in reference.iterdir())
    for name in written:
        assert (folder / name).read_bytes() == (reference / name).read_bytes()
