"""File names for the formats that write one file per document (brat, INCEpTION XMI)."""

from __future__ import annotations

import hashlib
import re

from annotator.formats.writing import ExportProblem

_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def file_stem(document_id: str) -> str:
    """A file name stem for ``document_id``: the id itself when it is plain (letters, digits,
    ``._-``, at most 100 characters, not starting with a dot or dash), otherwise its plain
    characters and the first 10 hex digits of its SHA-256, so two ids never share a stem."""
    if _PLAIN.match(document_id) and not document_id.endswith("."):
        return document_id
    digest = hashlib.sha256(document_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    plain = _UNSAFE.sub("_", document_id).strip("._-")[:60]
    return f"{plain}-{digest}" if plain else f"doc-{digest}"


class DocumentFiles:
    """The stems of one folder export that writes a file per document: a document's stem, or
    :class:`ExportProblem` when another document of the export already took it (the same id
    in two annotation sets: ``tool`` holds one annotation per document)."""

    def __init__(self, suffix: str, tool: str) -> None:
        self._suffix, self._tool = suffix, tool
        self._taken: dict[str, str] = {}

    def stem(self, document_id: str) -> str:
        stem = file_stem(document_id)
        taken = self._taken.get(stem)
        if taken is not None:
            raise ExportProblem(
                f"documents {taken!r} and {document_id!r} would both be written as "
                f"{stem}{self._suffix}: {self._tool} holds one annotation per document "
                "(choose one with --set)"
            )
        self._taken[stem] = document_id
        return stem
