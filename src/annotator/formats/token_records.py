"""One annotated record as tokens and the spans a token format keeps: shared by the CoNLL,
spaCy and Hugging Face writers, which hold no nesting and no relations, and say so."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.records import ExportRecord
from annotator.core.token_spans import TokenLayout, longest_first, token_layout, token_ranges
from annotator.formats.writing import Tally

UNANNOTATED = "document(s) nobody annotated"
NESTED = "nested or overlapping span(s)"
IN_WHITESPACE = "span(s) starting or ending in whitespace (no word token there)"


@dataclass(frozen=True, slots=True)
class WordRecord:
    """A record as word tokens (no whitespace ones): ``starts``/``ends`` are code point
    offsets, and ``kept`` the spans that do not overlap, as ``(first, last, label)`` token
    indexes (inclusive), in order."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    kept: list[tuple[int, int, str]]


def annotated(record: ExportRecord, tally: Tally, fmt: str) -> bool:
    """Whether ``record`` carries an annotation; one that does not is counted, not written
    (it would teach a model that its text holds nothing). Its relations are counted too:
    ``fmt`` holds none."""
    if record.spans is None:
        tally.leave_out(UNANNOTATED)
        return False
    if record.relations:
        tally.leave_out(f"relation(s) ({fmt} holds none)", len(record.relations))
    return True


def word_record(record: ExportRecord, tally: Tally) -> WordRecord:
    """The word tokens of an annotated ``record`` and the spans IOB2 tags can carry."""
    text, spans = record.text, record.spans or []
    layout = token_layout(text, spans)
    picked = [index for index, blank in enumerate(layout.blank) if not blank]
    starts = [layout.starts[index] for index in picked]
    ends = [layout.ends[index] for index in picked]
    ranges = token_ranges(starts, ends, spans)
    tally.leave_out(IN_WHITESPACE, sum(found is None for found in ranges))
    kept = longest_first(ranges)
    tally.leave_out(NESTED, sum(found is not None for found in ranges) - len(kept))
    labelled = []
    for index in kept:
        found = ranges[index]
        assert found is not None
        labelled.append((found[0], found[1], spans[index][2]))
    words = [text[start:end] for start, end in zip(starts, ends, strict=True)]
    return WordRecord(words, starts, ends, labelled)


def layout_and_kept(
    record: ExportRecord, tally: Tally
) -> tuple[TokenLayout, list[tuple[int, int] | None], list[int]]:
    """All tokens of an annotated ``record`` (spaCy's view), each span's token range, and the
    indexes of the spans that do not overlap (longest first); the others counted."""
    spans = record.spans or []
    layout = token_layout(record.text, spans)
    ranges = token_ranges(layout.starts, layout.ends, spans)
    kept = longest_first(ranges)
    tally.leave_out(f"{NESTED} from doc.ents (all are in doc.spans)", len(spans) - len(kept))
    return layout, ranges, kept
