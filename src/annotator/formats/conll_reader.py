"""CoNLL IOB2 files: one token per line, its tag in the last column.

A line's first column is the token and its last the tag: ``O``, ``B-LABEL`` (a span starts) or
``I-LABEL`` (the span goes on; only after ``B-LABEL`` or ``I-LABEL`` of the same label, as
IOB2 requires). Columns between them (CoNLL-2003's part of speech and chunk) are not kept. A
blank line ends a sentence; a ``-DOCSTART-`` line ends a document (a file without one is one
document). A document's text is its tokens joined by one space, its sentences joined by
``\\n``; its id is the file's stem and its number in the file (``train-1``, ``train-2``, ...);
its spans are the import's ``--annotator``'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.schemas import DocumentRecord, Located, Problem, SpanRecord

DOCSTART = "-DOCSTART-"
_COLUMNS = re.compile("[ \t]+")


@dataclass
class _Document:
    line: int = 0  # of its first token
    sentences: list[str] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)  # of the sentence being read
    length: int = 0  # of the text so far, the sentence being read included
    spans: list[SpanRecord] = field(default_factory=list)
    open: tuple[int, str] | None = None  # start and label of the span being read

    def add(self, token: str, line: int) -> int:
        """Appends ``token`` to the sentence; returns its start in the text."""
        if not self.tokens:
            self.line = self.line or line
            self.length += 1 if self.sentences else 0  # the "\n" before the sentence
        else:
            self.length += 1  # the space before the token
        start = self.length
        self.tokens.append(token)
        self.length += len(token)
        return start

    def close_span(self, end: int) -> None:
        if self.open is not None:
            start, label = self.open
            self.spans.append(SpanRecord(start=start, end=end, label=label))
            self.open = None

    def end_sentence(self) -> None:
        self.close_span(self.length)
        if self.tokens:
            self.sentences.append(" ".join(self.tokens))
            self.tokens = []


def read_conll(path: Path, text_column: str) -> Iterator[Located | Problem]:
    """The documents of a CoNLL IOB2 file, each located at its first token's line."""
    source = str(path)
    number = 0
    document = _Document()
    with path.open("rb") as handle:
        for line_number, raw in enumerate(handle, start=1):
            try:
                line = raw.removeprefix(b"\xef\xbb\xbf" if line_number == 1 else b"").decode()
            except UnicodeDecodeError as error:
                yield Problem(
                    source, line_number, f"invalid UTF-8 (byte {error.start + 1} of the line)"
                )
                continue
            # Split at spaces and tabs only: a token may be an NBSP or hold another space.
            columns = _COLUMNS.split(line.strip(" \t\r\n"))
            if columns == [""]:
                document.end_sentence()
            elif columns[0] == DOCSTART:
                if document.line:
                    number += 1
                    yield _located(source, path.stem, number, document)
                document = _Document()
            else:
                problem = _token(document, columns, line_number)
                if problem is not None:
                    yield Problem(source, line_number, problem)
    if document.tokens or document.sentences:
        yield _located(source, path.stem, number + 1, document)


def _token(document: _Document, columns: list[str], line: int) -> str | None:
    """Adds a token line's token and tag to ``document``; a problem, or None."""
    if len(columns) < 2:
        return "a token line needs the token and its tag (columns split by spaces or tabs)"
    token, tag = columns[0], columns[-1]
    start = document.add(token, line)
    prefix, _, label = tag.partition("-")
    if tag == "O":
        document.close_span(start - 1)
    elif prefix == "B" and label:
        document.close_span(start - 1)
        document.open = (start, label)
    elif prefix == "I" and label:
        if document.open is None or document.open[1] != label:
            before = "O" if document.open is None else f"a {document.open[1]} span"
            return f"{tag} follows {before}: in IOB2 a span starts with B-{label}"
    else:
        return f"tag {tag!r} is not IOB2 (O, B-LABEL or I-LABEL)"
    return None


def _located(source: str, stem: str, number: int, document: _Document) -> Located:
    document.end_sentence()
    text = "\n".join(document.sentences)
    record = DocumentRecord(id=f"{stem}-{number}", text=text, spans=document.spans)
    return Located(source, document.line, record)
