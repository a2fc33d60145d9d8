"""Finding the other occurrences of a span's text, for "Label all occurrences".

Pure Python (no Qt). Offsets are code points into the stored text, end exclusive.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.tokens import Tokens


def whole_token_occurrences(tokens: Tokens, needle: str) -> list[tuple[int, int]]:
    """Every ``(start, end)`` where ``needle`` occurs in ``tokens.text`` starting at a token
    start and ending at a token end (so "Kabul" does not match inside "Kabulis").

    Matching is exact (case and accents count); occurrences may overlap.
    """
    if not needle:
        return []
    starts = set(tokens.starts)
    ends = set(tokens.ends)
    text = tokens.text
    found: list[tuple[int, int]] = []
    at = text.find(needle)
    while at != -1:
        end = at + len(needle)
        if at in starts and end in ends:
            found.append((at, end))
        at = text.find(needle, at + 1)
    return found


def unlabelled_occurrences(
    tokens: Tokens, start: int, end: int, label: str, spans: Iterable[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The spans to add so that every whole-token occurrence of ``text[start:end]`` carries
    ``label``: all occurrences except those already labelled ``label`` (the span itself
    among them)."""
    taken = {(s, e) for s, e, lab in spans if lab == label}
    taken.add((start, end))
    return [
        (s, e, label)
        for s, e in whole_token_occurrences(tokens, tokens.text[start:end])
        if (s, e) not in taken
    ]
