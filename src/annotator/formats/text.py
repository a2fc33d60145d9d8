"""Plain text files: one document each, id = file stem, text exactly as stored on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.formats.reading import decoded_file
from annotator.schemas import DocumentRecord, Located, Problem


def read_text_file(path: Path) -> Iterator[Located | Problem]:
    text = decoded_file(path)
    if isinstance(text, Problem):
        yield text
    else:
        yield Located(str(path), 1, DocumentRecord(id=path.stem, text=text))
