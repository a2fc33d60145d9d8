"""CoNLL, IOB2, written: ``-DOCSTART- O`` and a blank line before each document, then one
``TOKEN TAG`` line per word token and a blank line after the document.

The tokens are the word tokens of :func:`annotator.core.token_spans.token_layout` (whitespace
is not a token here, and no token holds any); a document is one sequence (a span may cross a
line break, so documents are not cut into sentences). IOB2 cannot nest: the spans that do not
overlap are kept, longest first, and the rest are counted. Document ids, the exact whitespace
and relations are not in the format.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from annotator.core.records import ExportRecord
from annotator.core.token_spans import iob2_tags
from annotator.formats.token_records import annotated, word_record
from annotator.formats.writing import ExportContext, Tally

DOCSTART = "-DOCSTART- O\n\n"


def document_lines(record: ExportRecord, tally: Tally) -> str:
    words = word_record(record, tally)
    tags = iob2_tags(len(words.words), words.kept)
    body = "".join(f"{word} {tag}\n" for word, tag in zip(words.words, tags, strict=True))
    return f"{DOCSTART}{body}\n"


def iter_lines(
    records: Iterable[ExportRecord], context: ExportContext, tally: Tally
) -> Iterator[str]:
    """One string per annotated document (several lines, each ending in a newline)."""
    for record in records:
        if annotated(record, tally, "CoNLL"):
            yield document_lines(record, tally)
