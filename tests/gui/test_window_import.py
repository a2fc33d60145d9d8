"""The window imports through the same flow as ``annotator import``: CSV files too, and the
open database, chosen in the file dialog, is refused without being read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from window_support import USER, isolated_settings, open_window, type_file_name, when_modal

from annotator.gui.main_window import MainWindow
from annotator.store.documents import count_documents
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]


def choose_in_dialog(path: Path) -> None:
    when_modal(QFileDialog, lambda dialog: type_file_name(dialog, path))


def test_the_window_imports_a_csv_file(
    qtbot: QtBot, tmp_path: Path, sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    data = tmp_path / "news.csv"
    data.write_bytes(b'id,text,desk\r\nk1,"Kabul\r\nA report.",foreign\r\n')
    window = open_window(sqlite_url)
    choose_in_dialog(data)
    refusals: list[str] = []
    # A refusal would be a modal box: read and close it, so a failure fails, never hangs.
    closer = QTimer()
    closer.setInterval(10)

    def close_refusal() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            refusals.append(box.detailedText())
            box.accept()

    closer.timeout.connect(close_refusal)
    closer.start()
    try:
        window.actions.import_files.trigger()
    finally:
        closer.stop()
    assert refusals == []
    qtbot.waitUntil(lambda: window.workspace.document is not None)
    document = window.workspace.document
    assert document is not None
    assert (document.external_id, document.text) == ("k1", "Kabul\r\nA report.")


def test_the_open_database_chosen_for_import_is_refused(
    tmp_path: Path, sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url)
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    shown: list[str] = []

    def read_refusal(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        shown.append(box.detailedText())
        box.accept()

    choose_in_dialog(database)
    when_modal(QMessageBox, read_refusal)
    window.actions.import_files.trigger()
    assert shown == [f"{database}: is the open database; not imported"]
    with Store.open(sqlite_url) as store:
        assert count_documents(store, USER) == 0
