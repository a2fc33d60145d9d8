"""File dialogs that never open the files they list.

Qt's file dialog lists a folder through QFileSystemModel, which asks its icon provider for each
file's type and icon; Qt's own provider finds them with QMimeDatabase, which opens and reads a
file whose name does not settle its type (``corpus.sqlite``, for one). Opening and closing the
database file drops every POSIX lock SQLite holds on it in this process, and then another
process may delete the WAL this window writes to (see :mod:`annotator.store.file_watch`; found
with ``strace -k``: ``QAbstractFileIconProviderPrivate::getFileType`` ->
``QMimeDatabase::mimeTypeForFile`` -> ``open()``).

So every file dialog of the window is Qt's own widget dialog (a platform's native dialog may run
inside this process and sniff files as well: GTK's does), with an icon provider that goes by
names and ``stat`` only.
"""

from __future__ import annotations

from PySide6.QtCore import QFileInfo
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget


class NameOnlyIcons(QFileIconProvider):
    """Icons and type names from a file's name and kind, never from its contents."""

    def icon(self, which: object) -> object:  # type: ignore[override]
        if isinstance(which, QFileInfo):
            kind = (
                QFileIconProvider.IconType.Folder
                if which.isDir()
                else QFileIconProvider.IconType.File
            )
            return super().icon(kind)
        return super().icon(which)  # type: ignore[call-overload]

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


class FileDialog(QFileDialog):
    """Qt's own file dialog, reading nothing but names and ``stat`` of what it lists."""

    def __init__(self, parent: QWidget | None, caption: str, name_filter: str) -> None:
        super().__init__(parent, caption, "", name_filter)
        self.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        self.icons = NameOnlyIcons()  # the dialog does not own its provider
        self.setIconProvider(self.icons)


def choose_files_to_open(parent: QWidget | None, caption: str, name_filter: str) -> list[str]:
    """The files the person chose (none if they cancelled)."""
    dialog = FileDialog(parent, caption, name_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return []
        return list(dialog.selectedFiles())
    finally:
        dialog.deleteLater()


def choose_folder(parent: QWidget | None, caption: str) -> str | None:
    """The folder the person chose (None if they cancelled)."""
    dialog = FileDialog(parent, caption, "")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return None
        chosen = dialog.selectedFiles()
        return chosen[0] if chosen else None
    finally:
        dialog.deleteLater()
