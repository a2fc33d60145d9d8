"""CSV and TSV files: a header row, then one document per row.

The ``text`` column (or the one ``text_column`` names) is the document's text, exactly as the
file holds it: quoted fields may hold line breaks, and a CRLF inside one stays CRLF. An ``id``
column, if there is one, gives the id (otherwise it is derived from the text, as in JSONL);
every other column goes into ``meta``, as a string. A record's line is the physical line (lines
end at ``\\n``) where its row starts. TSV is read as CSV with tabs: fields may be quoted.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from annotator.formats import TEXT_COLUMN
from annotator.formats.native import derived_id
from annotator.schemas import DocumentRecord, Located, Problem

DELIMITERS = {"csv": ",", "tsv": "\t"}
ID_COLUMN = "id"
# News articles run past the csv module's default field limit (131,072 characters); this is
# the largest limit every platform's C long takes.
_FIELD_LIMIT = 2**31 - 1


class _BadBytes(Exception):
    def __init__(self, line: int, byte: int) -> None:
        super().__init__(line, byte)
        self.line, self.byte = line, byte


def _decoded_lines(handle: IO[bytes]) -> Iterator[str]:
    """The file's lines as text, ends kept (so the csv reader sees CRLF as it is)."""
    for number, raw in enumerate(handle, start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _BadBytes(number, error.start + 1) from None


def _csv_error(error: csv.Error, kind: str) -> str:
    reason = str(error)
    if reason.startswith("unexpected end of data"):
        return "a quoted field is not closed before the end of the file"
    if reason.startswith("new-line character seen in unquoted field"):
        return "a line break (CR) inside a field that is not quoted"
    return f"invalid {kind.upper()}: {reason}"


def _header_problem(header: list[str], text_column: str) -> str | None:
    for number, name in enumerate(header, start=1):
        if not name:
            return f"column {number} of the header has no name"
        if header.index(name) != number - 1:
            return f"column {name!r} appears twice in the header"
    if text_column not in header:
        found = ", ".join(repr(name) for name in header)
        return f"no {text_column!r} column (--text-column chooses another); the header has {found}"
    return None


def read_delimited(
    path: Path, kind: str = "csv", text_column: str = TEXT_COLUMN
) -> Iterator[Located | Problem]:
    """The records of a CSV (``kind`` "csv") or TSV ("tsv") file, streamed, with problems
    located at the line where their row starts. A problem with the file's structure (the
    header, a quote left open) ends the file's reading: the rows after it cannot be trusted."""
    source = str(path)
    csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))
    with path.open("rb") as handle:
        reader = csv.reader(_decoded_lines(handle), delimiter=DELIMITERS[kind], strict=True)
        header: list[str] | None = None
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except _BadBytes as error:
                yield Problem(source, error.line, f"invalid UTF-8 (byte {error.byte} of the line)")
                return
            except csv.Error as error:
                yield Problem(source, start, _csv_error(error, kind))
                return
            if not row:  # a blank line
                continue
            if header is None:
                header = row
                if (problem := _header_problem(header, text_column)) is not None:
                    yield Problem(source, start, problem)
                    return
                continue
            yield _record(source, start, header, row, text_column)
    if header is None:
        yield Problem(
            source, 0, f"the file is empty: no header row naming a {text_column!r} column"
        )


def _record(
    source: str, line: int, header: list[str], row: list[str], text_column: str
) -> Located | Problem:
    if len(row) != len(header):
        return Problem(source, line, f"row has {len(row)} field(s); the header has {len(header)}")
    fields = dict(zip(header, row, strict=True))
    text = fields.pop(text_column)
    if not text.strip():
        return Problem(source, line, f"the text (column {text_column!r}) is empty")
    ident = fields.pop(ID_COLUMN) if ID_COLUMN in fields else derived_id(text)
    return Located(source, line, DocumentRecord(id=ident, text=text, meta=fields))
