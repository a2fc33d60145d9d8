"""Trials of issue 7: what the window showed as saved is in the file on disk, for every other
process, after the flows that used to lose it.

The flow that lost work: the window open on ``corpus.sqlite`` in the working folder; File >
Import files... (Ctrl+O), the dialog lists the folder, Cancel; ``annotator stats`` in another
process; label a span and mark the document done in the window; ``annotator export`` in a third
process did not see them, and closing the window lost them. The cause: Qt's file dialog read
``corpus.sqlite`` to guess its type, which dropped the window's POSIX locks (see
:mod:`annotator.gui.file_dialogs` and :mod:`annotator.store.file_watch`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QWidget
from pytestqt.qtbot import QtBot
from window_support import drag, import_texts, isolated_settings, open_window, press, when_modal

from annotator.app.importing import import_paths
from annotator.gui.main_window import MainWindow
from annotator.store.file_watch import DiskCheck

pytestmark = [pytest.mark.gui, pytest.mark.skipif(sys.platform != "linux", reason="/proc")]
__all__ = ["isolated_settings", "open_window"]

CTRL = Qt.KeyboardModifier.ControlModifier
TEXT = "Afghan forces clashed with Taliban fighters near Kunduz.\r\nTwo soldiers died.\r\n"
ACTOR = (0, 13, "ACTOR")  # "Afghan forces"
PLACE = (49, 55, "PLACE")  # "Kunduz"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``proj/corpus.sqlite`` with one article, and ``proj`` as the working folder (where the
    file dialog opens)."""
    folder = tmp_path / "proj"
    folder.mkdir()
    import_texts(f"sqlite:///{folder / 'corpus.sqlite'}", [("kunduz", TEXT)])
    (folder / "notes.txt").write_text("Kabul\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def annotator(*args: str) -> subprocess.CompletedProcess[str]:
    """``annotator ARGS`` in another process, as a person runs it in a terminal."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def exported(db: Path) -> list[dict[str, object]]:
    """What a third process reads from the file: the export's records."""
    run = annotator("export", "--db", str(db), "-o", "-")
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]


def anas_record(db: Path) -> dict[str, object]:
    everything = exported(db)
    records = [r for r in everything if r["id"] == "kunduz" and r.get("annotator") == "ana"]
    assert len(records) == 1, everything
    return records[0]


def cancel_once_listed(db: Path) -> Callable[[QWidget], None]:
    """Cancel the file dialog once it has listed ``db`` and worked out its type (which is when
    Qt's own icon provider used to read the file). The person picks "All files" first, so the
    database shows in the list (Qt works out the type of hidden files too)."""

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.selectNameFilter("All files (*)")
        model = dialog.findChild(QFileSystemModel)
        assert model is not None
        started = time.monotonic()
        poll = QTimer(dialog)

        def listed() -> None:
            index = model.index(str(db))
            typed = index.isValid() and bool(model.type(index))
            if (typed and time.monotonic() - started > 0.3) or time.monotonic() - started > 10:
                poll.stop()
                dialog.setProperty("listedDatabase", typed)
                dialog.reject()

        poll.timeout.connect(listed)
        poll.start(20)

    return act


def open_and_cancel_the_import_dialog(qtbot: QtBot, window: MainWindow, db: Path) -> None:
    seen: list[bool] = []

    def act(dialog: QWidget) -> None:
        cancel_once_listed(db)(dialog)
        dialog.finished.connect(lambda _: seen.append(bool(dialog.property("listedDatabase"))))

    when_modal(QFileDialog, act)
    press(window, Qt.Key.Key_O, CTRL)  # File > Import files...
    assert seen == [True], "the dialog never listed the database's folder"
    window.activateWindow()  # the offscreen platform does not give focus back by itself
    qtbot.waitUntil(window.isActiveWindow)


def label(qtbot: QtBot, window: MainWindow, span: tuple[int, int, str], saved: bool = True) -> None:
    """Drag over the span and press its label's key; the window shows it (``saved``) or says
    it is not saved."""
    start, end, label = span
    drag(qtbot, window, start, end)
    press(window, Qt.Key.Key_1 if label == "ACTOR" else Qt.Key.Key_2)
    document = window.workspace.document
    assert document is not None
    shown = [(s.start, s.end, s.label) for s in document.spans]
    message = window.statusBar().currentMessage()
    assert (span in shown) is saved, message
    assert message.startswith("Not saved") is not saved


def holds_its_lock(db: Path) -> bool:
    return not DiskCheck(db).lock_lost()


def test_cancelling_the_import_dialog_loses_nothing(
    qtbot: QtBot, project: Path, open_window: Callable[..., MainWindow]
) -> None:
    db = project / "corpus.sqlite"
    window = open_window(f"sqlite:///{db}")
    assert holds_its_lock(db)
    open_and_cancel_the_import_dialog(qtbot, window, db)
    assert holds_its_lock(db), "the file dialog dropped the window's lock on the database"
    assert annotator("stats", "--db", str(db)).returncode == 0
    label(qtbot, window, ACTOR)
    press(window, Qt.Key.Key_Return, CTRL)  # done, next
    record = anas_record(db)
    assert record["status"] == "done"
    assert [(s["start"], s["end"], s["label"]) for s in record["spans"]] == [ACTOR]  # type: ignore[attr-defined,index]
    window.close()
    assert anas_record(db)["status"] == "done"
    assert not window.file_notice.isVisible()  # nothing had to be recovered


def test_the_dialog_opened_several_times_loses_nothing(
    qtbot: QtBot, project: Path, open_window: Callable[..., MainWindow]
) -> None:
    db = project / "corpus.sqlite"
    window = open_window(f"sqlite:///{db}")
    for span in (ACTOR, PLACE):
        for _ in range(2):
            open_and_cancel_the_import_dialog(qtbot, window, db)
            assert annotator("stats", "--db", str(db)).returncode == 0
        label(qtbot, window, span)
        assert holds_its_lock(db)
    record = anas_record(db)
    assert [(s["start"], s["end"], s["label"]) for s in record["spans"]] == [ACTOR, PLACE]  # type: ignore[attr-defined,index]


def test_importing_the_databases_own_folder_loses_nothing(
    qtbot: QtBot, project: Path, open_window: Callable[..., MainWindow]
) -> None:
    db = project / "corpus.sqlite"
    window = open_window(f"sqlite:///{db}")
    import_paths(window.store, [project])  # the folder holds notes.txt and the database
    assert holds_its_lock(db)
    assert annotator("stats", "--db", str(db)).returncode == 0
    label(qtbot, window, ACTOR)
    assert {r["id"] for r in exported(db)} == {"kunduz", "notes"}
    assert [(s["start"], s["end"], s["label"]) for s in anas_record(db)["spans"]] == [ACTOR]  # type: ignore[attr-defined,index]


def test_a_screenshot_of_the_open_database_loses_nothing(
    qtbot: QtBot, project: Path, open_window: Callable[..., MainWindow]
) -> None:
    db = project / "corpus.sqlite"
    window = open_window(f"sqlite:///{db}")
    label(qtbot, window, ACTOR)
    shot = annotator("screenshot", "--db", str(db), "--user", "ana", "-o", "shot.png")
    assert shot.returncode == 0, shot.stderr
    assert holds_its_lock(db)
    label(qtbot, window, PLACE)
    assert [(s["start"], s["end"], s["label"]) for s in anas_record(db)["spans"]] == [ACTOR, PLACE]  # type: ignore[attr-defined,index]


def test_a_lost_lock_and_a_deleted_wal_are_recovered_with_a_plain_notice(
    qtbot: QtBot, project: Path, open_window: Callable[..., MainWindow]
) -> None:
    """Defence in depth: some other code in the process reads the database file anyway (here
    the test itself), another process deletes the WAL; the window notices before its next
    write, reopens the file safely, says so, and loses nothing."""
    db = project / "corpus.sqlite"
    window = open_window(f"sqlite:///{db}")
    label(qtbot, window, ACTOR)
    os.close(os.open(db, os.O_RDONLY))  # what Qt's file dialog used to do
    assert not holds_its_lock(db)
    assert annotator("stats", "--db", str(db)).returncode == 0
    assert not Path(f"{db}-wal").exists()  # the other process believed it was the last
    label(qtbot, window, PLACE)
    assert window.file_notice.isVisible()
    assert "nothing was lost" in window.file_notice.text.text()
    assert [(s["start"], s["end"], s["label"]) for s in anas_record(db)["spans"]] == [ACTOR, PLACE]  # type: ignore[attr-defined,index]


def test_a_deleted_database_stops_edits_and_keeps_everything_in_a_copy(
    qtbot: QtBot, project: Path, open_window: Callable[..., MainWindow]
) -> None:
    db = project / "corpus.sqlite"
    window = open_window(f"sqlite:///{db}")
    label(qtbot, window, ACTOR)
    for name in ("corpus.sqlite", "corpus.sqlite-wal", "corpus.sqlite-shm"):
        (project / name).unlink(missing_ok=True)
    label(qtbot, window, PLACE, saved=False)
    assert window.file_notice.isVisible()
    assert "stopped taking edits" in window.file_notice.text.text()
    [copy] = project.glob("corpus.sqlite.recovered-*.sqlite")
    record = anas_record(copy)
    assert [(s["start"], s["end"], s["label"]) for s in record["spans"]] == [ACTOR]  # type: ignore[attr-defined,index]


def test_every_file_dialog_of_the_window_lists_by_name_only() -> None:
    """Keeps the cause out: Qt's static dialogs (and a native dialog) would sniff the files
    they list; the window's dialogs are :class:`annotator.gui.file_dialogs.FileDialog`."""
    import annotator.gui

    gui = Path(annotator.gui.__file__).parent
    offenders = [
        f"{path.relative_to(gui)}:{number}"
        for path in sorted(gui.rglob("*.py"))
        if path.name != "file_dialogs.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "QFileDialog" in line or "QFileIconProvider" in line or "QMimeDatabase" in line
    ]
    assert offenders == []


def test_a_lost_lock_is_taken_again_between_actions(
    qtbot: QtBot, project: Path, open_window: Callable[..., MainWindow]
) -> None:
    """Without any action, the window's check every 2 s takes a lost lock again, before another
    program could act on it."""
    db = project / "corpus.sqlite"
    window = open_window(f"sqlite:///{db}")
    label(qtbot, window, ACTOR)
    os.close(os.open(db, os.O_RDONLY))
    assert not holds_its_lock(db)
    qtbot.waitUntil(lambda: holds_its_lock(db), timeout=5000)
    assert "lost its lock" in window.file_notice.text.text()
    assert annotator("stats", "--db", str(db)).returncode == 0
    assert Path(f"{db}-wal").exists()  # the other process knew it was not the last
