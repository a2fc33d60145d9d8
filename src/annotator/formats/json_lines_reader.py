"""JSONL files, one record per line: native, doccano or Prodigy, each line read by its format's
record reader. ``auto`` reads each line by its keys: doccano's ``label``/``entities``,
Prodigy's ``_input_hash``/``_task_hash``, else native."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from annotator.formats.doccano import is_doccano, record_from_doccano
from annotator.formats.native import record_from_json
from annotator.formats.prodigy_reader import is_prodigy, record_from_prodigy
from annotator.formats.reading import json_lines
from annotator.schemas import DocumentRecord, Located, Problem

RecordReader = Callable[[Any], DocumentRecord | str]
_BY_FORMAT: dict[str, RecordReader] = {
    "jsonl": record_from_json,
    "doccano": record_from_doccano,
    "prodigy": record_from_prodigy,
}


def _by_keys(value: Any) -> DocumentRecord | str:
    if is_doccano(value):
        return record_from_doccano(value)
    if is_prodigy(value):
        return record_from_prodigy(value)
    return record_from_json(value)


def read_json_lines(path: Path, kind: str) -> Iterator[Located | Problem]:
    """The records of a JSONL file of ``kind`` ("jsonl", "doccano", "prodigy" or "auto"),
    each located at its line; a line that is not a record is a problem at that line."""
    read = _by_keys if kind == "auto" else _BY_FORMAT[kind]
    source = str(path)
    for item in json_lines(path):
        if isinstance(item, Problem):
            yield item
            continue
        number, value = item
        result = read(value)
        if isinstance(result, str):
            yield Problem(source, number, result)
        else:
            yield Located(source, number, result)


def read_native(path: Path, text_column: str) -> Iterator[Located | Problem]:
    return read_json_lines(path, "jsonl")


def read_doccano(path: Path, text_column: str) -> Iterator[Located | Problem]:
    return read_json_lines(path, "doccano")


def read_prodigy(path: Path, text_column: str) -> Iterator[Located | Problem]:
    return read_json_lines(path, "prodigy")
