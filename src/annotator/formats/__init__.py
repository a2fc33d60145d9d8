"""File formats: readers yield located records (or problems), writers take records.

Import formats: ``txt``, native ``jsonl`` and ``doccano`` JSONL; ``auto`` picks by file
extension and, for JSONL, by each record's keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.formats.doccano import is_doccano, record_from_doccano
from annotator.formats.native import record_from_json
from annotator.formats.reading import json_lines
from annotator.formats.text import read_text_file
from annotator.schemas import DocumentRecord, Located, Problem

IMPORT_FORMATS = ("auto", "txt", "jsonl", "doccano")
IMPORTABLE_SUFFIXES = (".txt", ".jsonl")


class InputError(ValueError):
    """A path that cannot be read at all (missing, or a kind of file we do not import)."""


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files to import: each file as given, each folder's ``.txt`` and ``.jsonl`` files sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.iterdir() if p.is_file() and p.suffix in IMPORTABLE_SUFFIXES)
            )
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


def read_file(path: Path, fmt: str = "auto") -> Iterator[Located | Problem]:
    """The records of one file, streamed, with problems in line order."""
    kind = fmt
    if fmt == "auto":
        if path.suffix == ".txt":
            kind = "txt"
        elif path.suffix in (".jsonl", ".json", ".ndjson"):
            kind = "jsonl"
        else:
            raise InputError(f"{path}: unknown file type {path.suffix!r}; use --format")
    if kind == "txt":
        yield from read_text_file(path)
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
