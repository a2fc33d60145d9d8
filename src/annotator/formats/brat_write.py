"""brat standoff, written: a folder with one ``ID.txt`` (the stored text, byte for byte, UTF-8)
and one ``ID.ann`` per document, and ``annotation.conf``.

A span is a ``T`` line, ``T1<TAB>LABEL START END[;START END...]<TAB>TEXT``: brat draws no
fragment across a line break, so a span is cut into fragments at every line break inside it
(``\\n``, ``\\r``, CRLF, U+2028, U+2029, and the others :meth:`str.splitlines` breaks at), the
breaks themselves left between the fragments, and TEXT is the fragments' texts joined by one
space. A relation is an ``R`` line, ``R1<TAB>LABEL Arg1:T1 Arg2:T2``. Offsets are code point
indices into the ``.txt`` text (brat is Python), end exclusive. File names: see
:mod:`annotator.formats.file_names`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from annotator.core.records import ExportRecord
from annotator.formats.file_names import DocumentFiles
from annotator.formats.writing import ExportContext, Tally

CONF = "annotation.conf"
# Every character str.splitlines() breaks a line at (CRLF is two of them, both left out).
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_PIECE = re.compile(f"[^{re.escape(LINE_BREAKS)}]+")


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at line breaks: the pieces between them (none if it is only breaks)."""
    return [(m.start(), m.end()) for m in _PIECE.finditer(text, start, end)]


def ann_text(record: ExportRecord, tally: Tally) -> str:
    """The ``.ann`` file of ``record``: T lines in span order, then R lines."""
    text = record.text
    lines: list[str] = []
    numbers: dict[int, int] = {}
    for index, (start, end, label) in enumerate(record.spans or ()):
        pieces = fragments(text, start, end)
        if not pieces:
            tally.leave_out("span(s) holding nothing but line breaks (brat cannot draw them)")
            continue
        numbers[index] = len(numbers) + 1
        offsets = ";".join(f"{a} {b}" for a, b in pieces)
        covered = " ".join(text[a:b] for a, b in pieces)
        lines.append(f"T{numbers[index]}\t{label} {offsets}\t{covered}\n")
    written = 0
    for source, target, label in record.relations or ():
        if source not in numbers or target not in numbers:
            tally.leave_out("relation(s) whose span brat cannot draw")
            continue
        written += 1
        lines.append(f"R{written}\t{label} Arg1:T{numbers[source]} Arg2:T{numbers[target]}\n")
    return "".join(lines)


def annotation_conf(context: ExportContext) -> str:
    """brat's ``annotation.conf``: the span labels as entities, the relation labels with the
    span labels allowed at each end (``<ENTITY>``: any)."""
    lines = ["[entities]", *context.labels, "", "[relations]"]
    for relation in context.relation_labels:
        sources = "|".join(relation.sources) or "<ENTITY>"
        targets = "|".join(relation.targets) or "<ENTITY>"
        lines.append(f"{relation.name}\tArg1:{sources}, Arg2:{targets}")
    lines += ["", "[events]", "", "[attributes]", ""]
    return "\n".join(lines)


def write_path(
    records: Iterable[ExportRecord], target: Path, context: ExportContext, tally: Tally
) -> None:
    target.mkdir()
    files = DocumentFiles(".txt", "brat")
    for record in records:
        stem = files.stem(record.id)
        (target / f"{stem}.txt").write_text(record.text, encoding="utf-8", newline="")
        ann = ann_text(record, tally)
        (target / f"{stem}.ann").write_text(ann, encoding="utf-8", newline="")
    (target / CONF).write_text(annotation_conf(context), encoding="utf-8", newline="")
