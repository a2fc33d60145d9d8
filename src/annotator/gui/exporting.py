"""File > Export…: the same export as ``annotator export`` (:mod:`annotator.app.exporting`),
in any registered format (:data:`annotator.formats.EXPORT_FORMATS`), of every annotator's
sets, the person's own, or the gold standard; written in a thread, so a large corpus never
freezes the window."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QMessageBox, QWidget

from annotator.app.errors import UserError
from annotator.app.exporting import export_to
from annotator.core.status import GOLD
from annotator.formats import EXPORT_FORMATS, ExportFormat
from annotator.gui.file_dialogs import FileDialog
from annotator.store.exporter import set_owners
from annotator.store.store import Store

MESSAGE_MS = 6000
# Threads still running, kept referenced until they end (see review.queue_loader).
_RUNNING: set[QThread] = set()


class ExportDialog(FileDialog):
    """The save dialog: the formats are its file types, and a row below them chooses whose
    annotation sets go in. A choice with no sets yet is offered but greyed out."""

    def __init__(self, parent: QWidget | None, store: Store, user: str) -> None:
        self.formats = list(EXPORT_FORMATS.values())
        # A folder format's output is a new folder's name: any name, no suffix.
        self._filters = [f"{known.title} (*{known.suffix})" for known in self.formats]
        super().__init__(parent, "Export the corpus", ";;".join(self._filters))
        self.setAcceptMode(FileDialog.AcceptMode.AcceptSave)
        self.setFileMode(FileDialog.FileMode.AnyFile)
        self.filterSelected.connect(self._use_suffix)
        self._use_suffix(self._filters[0])
        self.selectFile(f"corpus{self.formats[0].suffix}")

        owners = set(set_owners(store))
        self.sets = QComboBox()
        self.sets.setObjectName("exportSets")
        for text, person, present in (
            ("Every annotator's sets", None, bool(owners)),
            (f"Mine ({user})", user, user in owners),
            ("The gold standard", GOLD, GOLD in owners),
        ):
            self.sets.addItem(text, person)
            if not present:
                item = self.sets.model().item(self.sets.count() - 1)  # type: ignore[attr-defined]
                item.setEnabled(False)
                item.setToolTip("No annotation sets yet")
        grid = self.layout()
        assert isinstance(grid, QGridLayout)  # Qt's own dialog (file_dialogs): a grid
        row = grid.rowCount()
        grid.addWidget(QLabel("Annotation sets:"), row, 0)
        grid.addWidget(self.sets, row, 1)

    def accept(self) -> None:
        # The file type may have been chosen without filterSelected (selectNameFilter): the
        # name typed still gets that format's suffix, and a folder format's none.
        self._use_suffix(self.selectedNameFilter())
        super().accept()

    def chosen_format(self) -> ExportFormat:
        return self.formats[self._filters.index(self.selectedNameFilter())]

    def person(self) -> str | None:
        """Whose sets to export: a name, or None for everyone's."""
        person = self.sets.currentData()
        return person if isinstance(person, str) else None

    def _use_suffix(self, name_filter: str) -> None:
        if name_filter in self._filters:
            self.setDefaultSuffix(self.formats[self._filters.index(name_filter)].suffix[1:])


class _ExportThread(QThread):
    done = Signal(str)  # what was written, and what the format left out
    failed = Signal(str)

    def __init__(self, store: Store, path: str, format_name: str, person: str | None) -> None:
        super().__init__()
        self.store, self.path, self.format_name, self.person = store, path, format_name, person

    def run(self) -> None:
        try:
            outcome = export_to(self.store, self.path, self.format_name, self.person)
        except UserError as error:
            self.failed.emit(str(error))
        except Exception as error:  # a worker thread has no other voice
            self.failed.emit(f"{type(error).__name__}: {error}")
        else:
            left_out = "; ".join(outcome.tally.lines(self.format_name))
            self.done.emit(
                f"Exported {outcome.tally.written()} to {self.path}."
                + (f" Left out: {left_out}." if left_out else "")
            )


class Exporter(QObject):
    """Asks where and what to export, then writes it in a thread; ``message`` tells the status
    bar what happens (for how many milliseconds; 0: until the next message); a failure is
    shown in a message box too."""

    message = Signal(str, int)
    finished = Signal()

    def __init__(self, store: Store, user: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.store, self.user, self.parent_widget = store, user, parent
        self._thread: _ExportThread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    def ask_and_export(self) -> None:
        if self._thread is not None:
            self.message.emit(f"Still exporting to {self._thread.path}…", MESSAGE_MS)
            return
        dialog = ExportDialog(self.parent_widget, self.store, self.user)
        try:
            if dialog.exec() != FileDialog.DialogCode.Accepted or not dialog.selectedFiles():
                return
            path = dialog.selectedFiles()[0]
            self.start(path, dialog.chosen_format().name, dialog.person())
        finally:
            dialog.deleteLater()

    def start(self, path: str, format_name: str, person: str | None) -> None:
        thread = _ExportThread(self.store, path, format_name, person)
        thread.done.connect(self._done)
        thread.failed.connect(self._failed)
        thread.finished.connect(lambda: _RUNNING.discard(thread))
        _RUNNING.add(thread)
        self._thread = thread
        self.message.emit(f"Exporting to {path}…", 0)
        thread.start()

    def wait(self) -> None:
        """Block until a running export ends (closing the window: the store closes next)."""
        if self._thread is not None:
            self._thread.wait()

    def _done(self, text: str) -> None:
        self._thread = None
        self.message.emit(text, MESSAGE_MS)
        self.finished.emit()

    def _failed(self, reason: str) -> None:
        self._thread = None
        self.message.emit(f"Nothing exported: {reason}", MESSAGE_MS)
        self.finished.emit()
        QMessageBox.warning(self.parent_widget, "Nothing exported", reason)
