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
    from pathlib import Path

    from annotator.core.records import ExportRecord
    from annotator.formats.writing import ExportContext, Tally

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
    """A format the corpus exports to.

    ``kind`` is how it is written: ``lines`` (a text file, or standard output, streamed line by
    line by ``iter_lines(records, context, tally)``), ``file`` (one binary file) or ``folder``
    (written whole by ``write_path(records, target, context, tally)``). ``one_set``: the format
    holds one annotation per document, so an export of documents with several annotation sets
    must choose one (``--set``). ``extra``: the optional dependency (``pip install
    "annotator[extra]"``) its library comes from.
    """

    name: str  # what --format takes
    title: str  # what the window's export dialog calls it
    suffix: str  # the file name's ending, with its dot ("" for a folder)
    module: str  # annotator.formats.<module> writes it
    kind: str = "lines"
    one_set: bool = False
    tokens: bool = False  # built from core.token_spans: cannot nest
    extra: str | None = None
    library: str | None = None  # the module the extra installs
    example: str = ""  # the README's example command's options

    def check_library(self) -> None:
        """Raise :class:`annotator.formats.writing.MissingExtra` when the library this format
        needs is not installed (before anything is written)."""
        if self.extra is not None and self.library is not None:
            from annotator.formats.writing import optional

            optional(self.library, self.name, self.extra)

    def lines(
        self, records: Iterable[ExportRecord], context: ExportContext, tally: Tally
    ) -> Iterator[str]:
        """``records`` as the lines of a file in this format, each ending in a newline."""
        writer = import_module(f"annotator.formats.{self.module}")
        lines: Iterator[str] = writer.iter_lines(records, context, tally)
        return lines

    def write_path(
        self,
        records: Iterable[ExportRecord],
        target: Path,
        context: ExportContext,
        tally: Tally,
    ) -> None:
        """Write ``records`` as the file or folder ``target`` (which does not exist yet)."""
        writer = import_module(f"annotator.formats.{self.module}")
        writer.write_path(records, target, context, tally)


EXPORT_FORMATS = {
    known.name: known
    for known in (
        ExportFormat(
            "jsonl",
            "Annotator JSONL: one record per document and annotation set",
            ".jsonl",
            "native",
            example="--set all -o corpus.jsonl",
        ),
        ExportFormat(
            "doccano",
            "doccano JSONL (sequence labelling; entities and relations when there are any)",
            ".jsonl",
            "doccano_write",
            example="--set gold -o doccano.jsonl",
        ),
        ExportFormat(
            "prodigy",
            "Prodigy JSONL: text, tokens, spans, relations, answer, _annotator_id",
            ".jsonl",
            "prodigy_write",
            tokens=True,
            example="--set all -o prodigy.jsonl",
        ),
        ExportFormat(
            "patterns",
            "spaCy EntityRuler patterns (JSONL): a dictionary of the labelled phrases",
            ".jsonl",
            "patterns_write",
            example="--set gold -o patterns.jsonl",
        ),
        ExportFormat(
            "label-studio",
            "Label Studio: a folder of tasks.json and its labelling config",
            "",
            "label_studio_write",
            kind="folder",
            example="--set all -o label-studio",
        ),
        ExportFormat(
            "brat",
            "brat standoff: a folder of .txt and .ann files and annotation.conf",
            "",
            "brat_write",
            kind="folder",
            one_set=True,
            example="--set gold -o brat",
        ),
        ExportFormat(
            "conll",
            "CoNLL IOB2: one token per line, -DOCSTART- between documents",
            ".conll",
            "conll_write",
            one_set=True,
            tokens=True,
            example="--set gold --split train=0.8,dev=0.1,test=0.1 --seed 1 -o ner.conll",
        ),
        ExportFormat(
            "spacy",
            "spaCy DocBin (.spacy): doc.ents and doc.spans['sc']",
            ".spacy",
            "spacy_write",
            kind="file",
            one_set=True,
            tokens=True,
            extra="spacy",
            library="spacy",
            example="--set gold --split train=0.9,dev=0.1 --seed 7 -o corpus.spacy",
        ),
        ExportFormat(
            "hf",
            "Hugging Face datasets folder (save_to_disk): tokens, IOB2 ner_tags, spans",
            "",
            "hf_write",
            kind="folder",
            one_set=True,
            tokens=True,
            extra="hf",
            library="datasets",
            example="--set gold -o hf-dataset",
        ),
        ExportFormat(
            "inception",
            "INCEpTION / UIMA CAS XMI: a folder of .xmi files and TypeSystem.xml",
            "",
            "inception_write",
            kind="folder",
            one_set=True,
            extra="inception",
            library="cassis",
            example="--set gold -o xmi",
        ),
    )
}
