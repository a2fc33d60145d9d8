"""File formats: one module per format, each a reader and/or a writer.

Import formats (:data:`IMPORT_FORMATS`) are read by
:func:`annotator.formats.readers.read_file`, which :data:`annotator.formats.readers.READERS`
sends to each format's reader (``auto`` picks by file extension and, for JSONL, by each
record's keys). Export formats are registered in :data:`EXPORT_FORMATS`, which
``annotator export --format`` and the window's File > Export offer; their writers take the
store's :class:`annotator.core.records.ExportRecord`.

This module loads no reader or writer (nor pydantic) until one is used: the command line lists
the formats while it parses its arguments, and stays fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.records import ExportRecord

# What `annotator import --format` takes; readers.READERS has a reader for each but "auto".
IMPORT_FORMATS = (
    "auto",
    "txt",
    "jsonl",
    "doccano",
    "prodigy",
    "csv",
    "tsv",
    "label-studio",
    "brat",
    "conll",
    "spacy",
    "inception",
)
# What a folder's listing imports, and what ``auto`` reads by extension.
IMPORTABLE_SUFFIXES = (".txt", ".jsonl", ".csv", ".tsv")
# The column of a CSV or TSV file that holds the text, unless --text-column names another.
TEXT_COLUMN = "text"


@dataclass(frozen=True)
class ExportFormat:
    """A format the corpus exports to."""

    name: str  # what --format takes
    title: str  # what the window's export dialog calls it
    suffix: str  # the file name's ending, with its dot
    module: str  # annotator.formats.<module> writes it, with iter_lines(records)

    def lines(self, records: Iterable[ExportRecord]) -> Iterator[str]:
        """``records`` as the lines of a file in this format, each ending in a newline."""
        writer = import_module(f"annotator.formats.{self.module}")
        lines: Iterator[str] = writer.iter_lines(records)
        return lines


EXPORT_FORMATS = {
    known.name: known
    for known in (
        ExportFormat(
            "jsonl",
            "Annotator JSONL: one record per document and annotation set",
            ".jsonl",
            "native",
        ),
    )
}
