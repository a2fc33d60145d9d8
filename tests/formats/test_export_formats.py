"""The export formats' registry: what `annotator export --format` and File > Export offer."""

from __future__ import annotations

import io
from pathlib import Path

from annotator.core.records import ExportRecord
from annotator.formats import EXPORT_FORMATS
from annotator.formats.native import write_records
from annotator.formats.writing import ExportContext, Tally

RECORDS = [
    ExportRecord(
        "a", "Kabul 👩\u200d💻", {}, annotator="ana", status="done", spans=[(0, 5, "PLACE")]
    ),
    ExportRecord("b", "never annotated", {}),
]
CONTEXT = ExportContext(labels=("PLACE",))


def test_every_export_format_is_registered_whole() -> None:
    assert {"jsonl", "doccano", "prodigy", "label-studio", "brat", "conll", "spacy", "hf"} < set(
        EXPORT_FORMATS
    )
    for name, known in EXPORT_FORMATS.items():
        assert known.name == name
        assert known.kind in ("lines", "file", "folder")
        # A folder has no suffix; a file's starts with a dot.
        assert (known.suffix == "") == (known.kind == "folder")
        assert known.suffix == "" or known.suffix.startswith(".")
        assert (known.extra is None) == (known.library is None)
        assert known.example


def test_every_line_format_writes_whole_lines(tmp_path: Path) -> None:
    for known in EXPORT_FORMATS.values():
        if known.kind != "lines":
            continue
        lines = list(known.lines(RECORDS, CONTEXT, Tally()))
        assert lines
        assert all(line.endswith("\n") for line in lines), known.name


def test_every_path_format_writes_its_file_or_folder(tmp_path: Path) -> None:
    for known in EXPORT_FORMATS.values():
        if known.kind == "lines":
            continue
        target = tmp_path / known.name
        known.write_path(RECORDS, target, CONTEXT, Tally())
        assert target.is_dir() if known.kind == "folder" else target.is_file(), known.name


def test_the_jsonl_export_is_the_native_writer() -> None:
    written = io.StringIO()
    write_records(RECORDS, written)
    lines = EXPORT_FORMATS["jsonl"].lines(RECORDS, CONTEXT, Tally())
    assert "".join(lines) == written.getvalue()
