"""brat standoff: a document is a ``.txt`` file and the ``.ann`` file beside it.

The ``.txt`` is the text, exactly as on disk (UTF-8, a BOM dropped, line ends untouched); its
stem is the document's id. brat's offsets are code point indices into it, like ours. Lines of
the ``.ann`` (split at ``\\n`` only, so that a CR or U+2029 inside a span's text stays there):

- ``T1<TAB>LABEL START END[;START END...]<TAB>TEXT``: a span. ``TEXT`` must be the ``.txt``'s
  text at those offsets (fragments joined by one space, as brat writes them), else the line is
  refused. Fragments join into one span from the first start to the last end when only
  whitespace lies between them (brat splits a span at each line break); any other gap is
  refused, since a span is contiguous.
- ``R1<TAB>LABEL Arg1:T1 Arg2:T2``: a relation from the first argument's span to the second's.
- ``#1<TAB>AnnotatorNotes T1<TAB>NOTE``: the span's comment.
- Not imported, without a word: events (``E``), attributes (``A``, ``M``), normalizations
  (``N``), equivalences (``*``), and notes on anything but a span.

A ``.txt`` without an ``.ann`` imports its text alone; an empty ``.ann`` is an annotation that
found nothing. The spans are the import's ``--annotator``'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from annotator.formats.reading import decoded_file
from annotator.schemas import DocumentRecord, Located, Problem, RelationRecord, SpanRecord

_FRAGMENT = re.compile(r"(\d+) (\d+)")
_IGNORED = ("E", "A", "M", "N", "*")


@dataclass
class _Annotation:
    spans: list[SpanRecord] = field(default_factory=list)
    span_of: dict[str, int] = field(default_factory=dict)  # T id -> index in spans
    relations: list[tuple[int, str, list[str]]] = field(default_factory=list)  # line, label, ids
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # line, T id, note
    problems: list[Problem] = field(default_factory=list)


def read_brat(path: Path, text_column: str) -> Iterator[Located | Problem]:
    """The document of ``path`` (its ``.txt`` or its ``.ann``) and its annotation."""
    text_path, ann_path = path.with_suffix(".txt"), path.with_suffix(".ann")
    if not text_path.is_file():
        yield Problem(str(path), 0, f"no {text_path.name} beside it: brat's text is there")
        return
    text = decoded_file(text_path)
    if isinstance(text, Problem):
        yield text
        return
    if not ann_path.exists():
        yield Located(str(text_path), 0, DocumentRecord(id=text_path.stem, text=text))
        return
    lines = decoded_file(ann_path)
    if isinstance(lines, Problem):
        yield lines
        return
    annotation = _read_ann(str(ann_path), lines, text)
    if annotation.problems:
        yield from annotation.problems
        return
    relations = [
        RelationRecord(
            source=annotation.span_of[source], target=annotation.span_of[target], label=label
        )
        for _number, label, (source, target) in annotation.relations
    ]
    record = DocumentRecord(
        id=text_path.stem, text=text, spans=annotation.spans, relations=relations or None
    )
    yield Located(str(ann_path), 0, record)


def _read_ann(source: str, ann: str, text: str) -> _Annotation:
    found = _Annotation()
    for number, line in enumerate(ann.split("\n"), start=1):
        if not line.strip():
            continue
        ident, _, rest = line.partition("\t")
        kind = ident[:1]
        if kind == "T":
            problem = _span(found, ident, rest, text)
        elif kind == "R":
            problem = _relation_line(found, number, rest)
        elif kind == "#":
            note_kind, _, note = rest.partition("\t")
            name, _, target = note_kind.partition(" ")
            if name == "AnnotatorNotes" and target.startswith("T"):
                found.notes.append((number, target, note.removesuffix("\r")))
            problem = None
        elif kind in _IGNORED:
            problem = None
        else:
            problem = f"{line[:40]!r} is no brat annotation (T, R, E, A, M, N, # or *)"
        if problem is not None:
            found.problems.append(Problem(source, number, problem))
    for number, target, note in found.notes:
        if target not in found.span_of:
            found.problems.append(Problem(source, number, f"a note on {target}, which is no span"))
        else:
            index = found.span_of[target]
            found.spans[index] = found.spans[index].model_copy(update={"comment": note})
    for number, _label, ids in found.relations:
        for ident in ids:
            if ident not in found.span_of:
                found.problems.append(
                    Problem(source, number, f"a relation to {ident}, which is no span")
                )
    return found


def _span(found: _Annotation, ident: str, rest: str, text: str) -> str | None:
    """Reads a T line's ``rest`` (after the id) into ``found``; a problem, or None."""
    kind_offsets, tab, surface = rest.partition("\t")
    label, _, offsets = kind_offsets.partition(" ")
    fragments = []
    for part in offsets.split(";"):
        match = _FRAGMENT.fullmatch(part)
        if match is None or not tab:
            return f"{ident}: expected 'LABEL START END[;START END...]<TAB>TEXT'"
        fragments.append((int(match[1]), int(match[2])))
    if ident in found.span_of:
        return f"{ident} is given twice"
    for start, end in fragments:
        if not 0 <= start < end <= len(text):
            return f"{ident}: fragment {start}..{end} is outside the text ({len(text)} characters)"
    written = " ".join(text[start:end] for start, end in fragments)
    if surface != written and surface.removesuffix("\r") != written:
        return (
            f"{ident} says its text is {surface[:80]!r} but the .txt has {written[:80]!r} at "
            f"{offsets}"
        )
    fragments.sort()
    for (_, end), (start, _) in pairwise(fragments):
        gap = text[end:start]
        if end > start or (gap and not gap.isspace()):
            return (
                f"{ident} is discontinuous ({offsets}, with {gap[:40]!r} between fragments): "
                "Annotator's spans are contiguous; only fragments with whitespace between them "
                "(a span brat split at a line break) join into one"
            )
    found.span_of[ident] = len(found.spans)
    found.spans.append(SpanRecord(start=fragments[0][0], end=fragments[-1][1], label=label))
    return None


def _relation_line(found: _Annotation, number: int, rest: str) -> str | None:
    label, *arguments = rest.rstrip("\t\r").split(" ")
    ids = [argument.partition(":")[2] for argument in arguments]
    if len(ids) != 2 or not all(":" in argument for argument in arguments):
        return "a relation needs 'LABEL Arg1:T1 Arg2:T2'"
    found.relations.append((number, label, ids))
    return None
