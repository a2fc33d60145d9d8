"""spaCy EntityRuler patterns (JSONL), written from the corpus's labelled spans: the dictionary
``annotator suggest --dictionary`` reads and spaCy's ``entity_ruler`` / ``span_ruler`` load
(``ruler.from_disk("patterns.jsonl")``). What a pattern is:
:mod:`annotator.core.dictionary_building`.
U+2028 and U+2029 are written escaped, so that no reader splitting lines at them (Python's
``str.splitlines``, JavaScript) cuts a pattern in two.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from annotator.core.dictionary_building import PatternBuilder
from annotator.core.records import ExportRecord
from annotator.formats.writing import ExportContext, Tally


def iter_lines(
    records: Iterable[ExportRecord], context: ExportContext, tally: Tally
) -> Iterator[str]:
    """One ``{"label", "pattern"}`` line per pattern, once every record is read."""
    builder = PatternBuilder()
    for record in records:
        if record.spans:
            builder.add(record.text, record.spans)
    written = 0
    for entry in builder.entries():
        line = json.dumps(entry, ensure_ascii=False)
        yield line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"
        written += 1
    tally.entries = ("pattern", written)
    tally.leave_out("phrase(s) given two labels equally often", builder.tied)
