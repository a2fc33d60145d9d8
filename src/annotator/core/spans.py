"""Spans and the rules a span must satisfy against its document."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A labelled range ``text[start:end]``: code point offsets, end exclusive.

    Ordering is (start, end, label), the order exports write spans in.
    """

    start: int
    end: int
    label: str

    def covered(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def span_problem(
    text: str, start: int, end: int, label: str, labels: Iterable[str], quoted: str | None = None
) -> str | None:
    """Why a span cannot be stored on ``text``, or None when it can.

    ``quoted`` is the span text a record claims, checked against ``text[start:end]``.
    Overlapping and nested spans are allowed; zero-length spans are not.
    """
    if start < 0 or end < 0:
        return f"span {start}..{end} has a negative offset"
    if end <= start:
        return f"span {start}..{end} is empty or reversed (end must be greater than start)"
    if end > len(text):
        return f"span {start}..{end} is outside the text ({len(text)} characters)"
    if label not in labels:
        known = ", ".join(sorted(labels))
        return f"span {start}..{end} has label {label!r}, which is not in the schema ({known})"
    if quoted is not None and quoted != text[start:end]:
        return (
            f"span {start}..{end} says its text is {quoted!r} "
            f"but the document has {text[start:end]!r} there"
        )
    return None


def duplicate_spans(spans: Iterable[Span]) -> list[Span]:
    """Spans that occur more than once (each reported once, in first-seen order)."""
    seen: set[Span] = set()
    repeated: dict[Span, None] = {}
    for span in spans:
        if span in seen:
            repeated[span] = None
        seen.add(span)
    return list(repeated)
