"""Plain text files: one document each, id = file stem, text exactly as stored on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.schemas import DocumentRecord, Located, Problem


def read_text_file(path: Path) -> Iterator[Located | Problem]:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        # Decoded bytes as they are: no newline translation, so CRLF stays CRLF.
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        yield Problem(str(path), line, f"invalid UTF-8 (byte {column} of the line)")
        return
    yield Located(str(path), 1, DocumentRecord(id=path.stem, text=text))
