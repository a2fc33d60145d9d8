"""Reading input files: readers yield located records (or problems), streamed.

Every import format is registered in :data:`READERS`: the module and function that read one
file of it, and the files a folder's listing takes for it. ``auto`` picks by file extension
(``.txt``, ``.jsonl``, ``.csv``, ``.tsv``) and, for JSONL, by each record's keys (native,
doccano or Prodigy). A reader's module is imported only when a file of its format is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from annotator.formats import IMPORTABLE_SUFFIXES, TEXT_COLUMN
from annotator.formats.delimited import DELIMITERS
from annotator.schemas import Located, Problem

Reader = Callable[[Path, str], Iterator[Located | Problem]]


class InputError(ValueError):
    """A file that cannot be read at all: a kind of file we do not import."""


@dataclass(frozen=True)
class ImportFormat:
    """A format ``annotator import --format`` reads."""

    name: str
    # What a folder's listing takes for this format (the files it reads, by suffix).
    suffixes: tuple[str, ...]
    # "module:function" in annotator.formats; the function takes (path, text_column).
    reader: str

    def read(self, path: Path, text_column: str) -> Iterator[Located | Problem]:
        module, function = self.reader.split(":")
        read: Reader = getattr(import_module(f"annotator.formats.{module}"), function)
        return read(path, text_column)


READERS = {
    known.name: known
    for known in (
        ImportFormat("txt", (".txt",), "readers:read_txt"),
        ImportFormat("jsonl", (".jsonl",), "json_lines_reader:read_native"),
        ImportFormat("doccano", (".jsonl",), "json_lines_reader:read_doccano"),
        ImportFormat("prodigy", (".jsonl",), "json_lines_reader:read_prodigy"),
        ImportFormat("csv", (".csv",), "readers:read_csv"),
        ImportFormat("tsv", (".tsv",), "readers:read_tsv"),
        ImportFormat("label-studio", (".json",), "label_studio_reader:read_label_studio"),
        # A brat document is a .txt and the .ann beside it; the listing takes the .txt.
        ImportFormat("brat", (".txt",), "brat_reader:read_brat"),
        ImportFormat("conll", (".conll", ".iob", ".iob2", ".bio"), "conll_reader:read_conll"),
        ImportFormat("spacy", (".spacy",), "spacy_reader:read_docbin"),
        ImportFormat("inception", (".xmi",), "inception_reader:read_xmi"),
    )
}

_AUTO = {".txt": "txt", ".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl"} | {
    f".{kind}": kind for kind in DELIMITERS
}


def folder_files(folder: Path, fmt: str = "auto") -> list[Path]:
    """The files of ``folder`` (not its subfolders) that ``fmt`` reads, sorted."""
    suffixes = IMPORTABLE_SUFFIXES if fmt == "auto" else READERS[fmt].suffixes
    return sorted(p for p in folder.iterdir() if p.suffix in suffixes and p.is_file())


def folder_kinds(fmt: str = "auto") -> str:
    """The suffixes a folder's listing takes for ``fmt``, said in words: ".txt or .ann"."""
    suffixes = IMPORTABLE_SUFFIXES if fmt == "auto" else READERS[fmt].suffixes
    return " or ".join(filter(None, (", ".join(suffixes[:-1]), suffixes[-1])))


def read_file(
    path: Path, fmt: str = "auto", text_column: str = TEXT_COLUMN
) -> Iterator[Located | Problem]:
    """The records of one file, streamed, with problems in line order. ``text_column`` names
    the text's column in CSV and TSV files and the text's key in Label Studio tasks."""
    if fmt != "auto":
        return READERS[fmt].read(path, text_column)
    kind = _AUTO.get(path.suffix)
    if kind is None:
        known = ", ".join(IMPORTABLE_SUFFIXES)
        raise InputError(
            f"{path}: unknown file type {path.suffix!r} (known: {known}); use --format"
        )
    if kind == "jsonl":
        from annotator.formats.json_lines_reader import read_json_lines

        return read_json_lines(path, "auto")
    return READERS[kind].read(path, text_column)


def read_txt(path: Path, text_column: str) -> Iterator[Located | Problem]:
    from annotator.formats.text import read_text_file

    return read_text_file(path)


def read_csv(path: Path, text_column: str) -> Iterator[Located | Problem]:
    from annotator.formats.delimited import read_delimited

    return read_delimited(path, "csv", text_column)


def read_tsv(path: Path, text_column: str) -> Iterator[Located | Problem]:
    from annotator.formats.delimited import read_delimited

    return read_delimited(path, "tsv", text_column)
