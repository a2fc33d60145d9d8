"""Reading input files: readers yield located records (or problems), streamed.

Import formats: ``txt``, native ``jsonl``, ``doccano`` JSONL, ``csv`` and ``tsv``; ``auto``
picks by file extension and, for JSONL, by each record's keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.formats import IMPORTABLE_SUFFIXES, TEXT_COLUMN
from annotator.formats.delimited import DELIMITERS, read_delimited
from annotator.formats.doccano import is_doccano, record_from_doccano
from annotator.formats.native import record_from_json
from annotator.formats.reading import json_lines
from annotator.formats.text import read_text_file
from annotator.schemas import DocumentRecord, Located, Problem


class InputError(ValueError):
    """A file that cannot be read at all: a kind of file we do not import."""


def folder_files(folder: Path) -> list[Path]:
    """The files of ``folder`` (not its subfolders) with an importable suffix, sorted."""
    return sorted(p for p in folder.iterdir() if p.suffix in IMPORTABLE_SUFFIXES and p.is_file())


def read_file(
    path: Path, fmt: str = "auto", text_column: str = TEXT_COLUMN
) -> Iterator[Located | Problem]:
    """The records of one file, streamed, with problems in line order. ``text_column`` names
    the text's column in CSV and TSV files."""
    kind = fmt
    if fmt == "auto":
        if path.suffix == ".txt":
            kind = "txt"
        elif path.suffix in (".jsonl", ".json", ".ndjson"):
            kind = "jsonl"
        elif path.suffix[1:] in DELIMITERS:
            kind = path.suffix[1:]
        else:
            known = ", ".join(IMPORTABLE_SUFFIXES)
            raise InputError(
                f"{path}: unknown file type {path.suffix!r} (known: {known}); use --format"
            )
    if kind == "txt":
        yield from read_text_file(path)
        return
    if kind in DELIMITERS:
        yield from read_delimited(path, kind, text_column)
        return
    for item in json_lines(path):
        if isinstance(item, Problem):
            yield item
            continue
        number, value = item
        result: DocumentRecord | str
        if kind == "doccano" or (fmt == "auto" and is_doccano(value)):
            result = record_from_doccano(value)
        else:
            result = record_from_json(value)
        if isinstance(result, str):
            yield Problem(str(path), number, result)
        else:
            yield Located(str(path), number, result)
