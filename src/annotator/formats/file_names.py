"""File names for the formats that write one file per document (brat, INCEpTION XMI)."""

from __future__ import annotations

import hashlib
import re

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
