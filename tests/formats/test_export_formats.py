"""The export formats' registry: what `annotator export --format` and File > Export offer."""

from __future__ import annotations

import io

from annotator.core.records import ExportRecord
from annotator.formats import EXPORT_FORMATS
from annotator.formats.native import write_records

RECORDS = [
    ExportRecord(
        "a", "Kabul 👩\u200d💻", {}, annotator="ana", status="done", spans=[(0, 5, "PLACE")]
    ),
    ExportRecord("b", "never annotated", {}),
]


def test_every_export_format_writes_one_line_per_record() -> None:
    assert EXPORT_FORMATS
    for name, known in EXPORT_FORMATS.items():
        assert known.name == name
        assert known.suffix.startswith(".")
        lines = list(known.lines(RECORDS))
        assert len(lines) == len(RECORDS)
        assert all(line.endswith("\n") and line.count("\n") == 1 for line in lines)


def test_the_jsonl_export_is_the_native_writer() -> None:
    written = io.StringIO()
    write_records(RECORDS, written)
    assert "".join(EXPORT_FORMATS["jsonl"].lines(RECORDS)) == written.getvalue()
