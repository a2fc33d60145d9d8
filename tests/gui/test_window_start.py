"""Starting as ``annotator gui`` does (the window first, the database once it has painted),
a database that cannot be opened, and importing files from the welcome page."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from window_support import (
    USER,
    import_texts,
    isolated_settings,
    open_window,
    type_file_name,
    when_modal,
)

from annotator.gui.app import EXIT_CODE, launch
from annotator.gui.main_window import MainWindow
from annotator.store.documents import count_documents
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]


def test_launch_paints_first_then_opens_the_database(qtbot: QtBot, sqlite_url: str) -> None:
    ids = import_texts(sqlite_url, [("one", "Kunduz is a city."), ("two", "Herat too.")])
    window = launch(sqlite_url, USER)
    qtbot.addWidget(window)
    assert not window.attached  # on screen before SQLAlchemy is even needed
    assert window.centralWidget() is window.opening
    qtbot.waitUntil(lambda: window.attached)
    assert window.workspace.document is not None
    assert window.workspace.document.id == ids["one"]
    assert window.view.toPlainText() == "Kunduz is a city."
    assert window.database_label.text() == "corpus.sqlite"
    assert window.store.describe() in window.database_label.toolTip()


def test_a_database_that_cannot_be_opened_is_reported(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "not-a-database.sqlite"
    broken.write_bytes(b"this is no SQLite file, " * 100)
    messages: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        messages.append(box.text())
        box.accept()

    when_modal(QMessageBox, read_and_close)
    window = launch(str(broken), USER)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(messages))
    assert "cannot open the database" in messages[0]
    assert not window.attached
    qtbot.waitUntil(lambda: not window.isVisible())  # closed: `annotator gui` exits with 2
    assert window.property(EXIT_CODE) == 2
    assert "annotator gui: cannot open the database" in capsys.readouterr().err


def test_import_files_from_the_welcome_page(
    qtbot: QtBot, tmp_path: Path, sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    article = tmp_path / "kabul-report.txt"
    article.write_bytes(b"Kabul\r\nA report.\r\n")
    window = open_window(sqlite_url)
    assert window.pages.currentWidget() is window.welcome

    def choose(dialog: QWidget) -> None:
        type_file_name(dialog, article)

    when_modal(QFileDialog, choose)
    qtbot.mouseClick(window.welcome.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace.document is not None)
    document = window.workspace.document
    assert document is not None
    assert (document.external_id, document.text) == ("kabul-report", "Kabul\r\nA report.\r\n")
    assert window.pages.currentWidget() is window.splitter


def test_a_refused_import_shows_its_problems_and_imports_nothing(
    qtbot: QtBot, tmp_path: Path, sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    bad = tmp_path / "bad.jsonl"
    good = json.dumps({"id": "a", "text": "Fine."})
    bad.write_text(good + "\n" + '{"id": "b", "text": 5}\n', encoding="utf-8")
    window = open_window(sqlite_url)
    problems: list[str] = []

    def choose(dialog: QWidget) -> None:
        type_file_name(dialog, bad)

    def read_refusal(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        problems.append(box.detailedText())
        box.accept()

    when_modal(QFileDialog, choose)
    when_modal(QMessageBox, read_refusal)
    window.actions.import_files.trigger()
    assert problems
    assert "bad.jsonl:2" in problems[0]
    with Store.open(sqlite_url) as store:
        assert count_documents(store, USER) == 0
    assert window.pages.currentWidget() is window.welcome


def test_the_command_line_opens_the_window_by_default() -> None:
    from annotator.cli import parse

    args = parse(["gui", "--db", "x.sqlite", "--user", "zoe"])
    assert (args.command, args.db, args.user) == ("gui", "x.sqlite", "zoe")
    bare = parse(["--db", "x.sqlite", "--user", "zoe", "--review"])  # `annotator --db X`
    assert (bare.command, bare.db, bare.user, bare.review) == ("gui", "x.sqlite", "zoe", True)
    default = parse([])  # what `annotator` with no command runs
    assert (default.command, default.db, default.user) == ("gui", None, None)
    # An option before the command still applies to it.
    assert parse(["--db", "x.sqlite", "stats"]).db == "x.sqlite"


def test_the_window_says_it_created_a_new_database_and_where(qtbot: QtBot, tmp_path: Path) -> None:
    from annotator.cli import parse
    from annotator.gui.window_commands import open_for_window

    path = tmp_path / "new" / "corpus.sqlite"
    store, user, notice = open_for_window(parse(["--db", str(path), "--user", "zoe"]))
    assert (user, notice) == ("zoe", f"Created a new database at {path}")
    window = launch(store, user, notice=notice)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.attached)
    # Widgets laid into a shown window are shown by a queued call: wait for it.
    qtbot.waitUntil(window.file_notice.isVisible)
    assert window.file_notice.text.text() == f"Created a new database at {path}"
    store_again, _, notice_again = open_for_window(parse(["--db", str(path), "--user", "zoe"]))
    store_again.close()
    assert notice_again == ""  # it exists now


def test_a_known_person_on_a_sqlite_file_paints_before_the_database_opens(
    tmp_path: Path,
) -> None:
    """`annotator gui` checks the file and the person with the sqlite3 module alone, so the
    window can paint before SQLAlchemy loads; --new-user (a write) opens the store first."""
    from annotator.app.errors import UserError
    from annotator.cli import parse
    from annotator.gui.window_commands import window_start

    path = tmp_path / "corpus.sqlite"
    import_texts(f"sqlite:///{path}", [("a", "Kabul")])
    with Store.open(f"sqlite:///{path}") as store:
        from annotator.core.status import Role
        from annotator.store.people import add_person

        add_person(store, "ana", Role.ANNOTATOR)
    database, user, notice = window_start(parse(["--db", str(path), "--user", "ana"]))
    assert (database, user, notice) == (f"sqlite:///{path}", "ana", "")
    with pytest.raises(UserError, match=r"unknown person 'Ana' \(did you mean 'ana'\?\)"):
        window_start(parse(["--db", str(path), "--user", "Ana"]))
    database, user, _ = window_start(parse(["--db", str(path), "--user", "ben", "--new-user"]))
    assert isinstance(database, Store)
    database.close()
    assert user == "ben"
