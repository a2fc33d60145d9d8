"""Importing from the window: the same import as ``annotator import``
(:mod:`annotator.app.importing`), and the sample article that ships inside the package
(``annotator.resources``, ``sample/``)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.app.errors import UserError
from annotator.app.importing import import_paths
from annotator.gui.file_dialogs import choose_files_to_open
from annotator.schemas import DocumentRecord, Located
from annotator.store.file_watch import CommitLost, FileGone, again_if_lost
from annotator.store.importer import ImportRefused, ImportReport, import_records
from annotator.store.store import DatabaseBusy, Store

SAMPLE_FOLDER = "sample"
FILE_FILTER = (
    "Documents (*.txt *.jsonl *.csv *.tsv);;Text files (*.txt);;JSON lines (*.jsonl);;"
    "CSV and TSV (*.csv *.tsv);;All files (*)"
)


def sample_records() -> Iterator[Located]:
    """The bundled sample article(s), ids from their file names, texts exactly as shipped."""
    folder = resources.files("annotator.resources").joinpath(SAMPLE_FOLDER)
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".txt"):
            text = entry.read_bytes().decode("utf-8")
            yield Located(entry.name, 1, DocumentRecord(id=entry.name[: -len(".txt")], text=text))


def import_sample(store: Store) -> ImportReport:
    return import_records(store, sample_records())


def report_text(report: ImportReport) -> str:
    return (
        f"Imported {report.documents_added} new document(s) "
        f"({report.documents_known} already there) and {report.spans_added} span(s)."
    )


def ask_and_import(parent: QWidget, store: Store) -> ImportReport | None:
    """A file dialog, then the import as ``annotator import`` does it (one transaction, never
    opening the database's own files); problems are shown in a dialog. None: nothing imported."""
    names = choose_files_to_open(parent, "Import documents", FILE_FILTER)
    if not names:
        return None
    try:
        return again_if_lost(lambda: import_paths(store, [Path(name) for name in names])).report
    except ImportRefused as refused:
        show_refusal(parent, refused)
    except (UserError, DatabaseBusy, FileGone, CommitLost) as error:
        QMessageBox.warning(parent, "Import refused", f"{error}\n\nNothing was imported.")
    return None


def show_refusal(parent: QWidget, refused: ImportRefused) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Import refused")
    box.setText(
        f"The files have {refused.total} problem(s), so nothing was imported.\n"
        "Fix them and import again."
    )
    lines = [str(problem) for problem in refused.problems]
    hidden = refused.total - len(refused.problems)
    if hidden:
        lines.append(f"... and {hidden} more problem(s)")
    box.setInformativeText(lines[0] if lines else "")
    box.setDetailedText("\n".join(lines))
    box.exec()
