"""A dictionary built from labelled spans: spaCy EntityRuler patterns that
:mod:`annotator.core.dictionary` (``annotator suggest --dictionary``) and spaCy both read.

Each distinct labelled phrase becomes one pattern with the label it was given most often; a
phrase given two labels equally often is left out (counted in :attr:`PatternBuilder.tied`).
A phrase is a string pattern (matched token by token, case as written), except one that holds
a number beside words: its numbers become ``{"LIKE_NUM": true}`` and its other tokens
``{"LOWER": ...}``, so ``2,000 families`` also finds ``300 families`` and ``two families``.
A bare number stays a string: generalised, it would match every number. Tokens are
:func:`annotator.core.number_tokens.pattern_pieces`' (``2,000`` is one token, as in spaCy).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from annotator.core.number_tokens import like_num, pattern_pieces
from annotator.core.tokens import Tokens


def pattern_of(phrase: str) -> str | list[dict[str, Any]]:
    """The EntityRuler pattern of one labelled phrase (see the module docstring)."""
    words = [piece.text for piece in pattern_pieces(phrase, Tokens(phrase))]
    numbers = [like_num(word) for word in words]
    if not any(numbers) or all(numbers):
        return phrase
    return [
        {"LIKE_NUM": True} if number else {"LOWER": word.lower()}
        for word, number in zip(words, numbers, strict=True)
    ]


@dataclass
class PatternBuilder:
    """Counts the labels each pattern was given, span by span; then writes the patterns."""

    labels: dict[str, Counter[str]] = field(default_factory=dict)  # by the pattern as JSON
    tied: int = 0  # patterns left out by :meth:`entries`: two labels given equally often

    def add(self, text: str, spans: Iterable[tuple[int, int, str]]) -> None:
        """Count the spans ``(start, end, label)`` of ``text``."""
        for start, end, label in spans:
            phrase = text[start:end].strip()
            if phrase:
                key = json.dumps(pattern_of(phrase), ensure_ascii=False)
                self.labels.setdefault(key, Counter())[label] += 1

    def entries(self) -> Iterator[dict[str, Any]]:
        """``{"label", "pattern"}`` for each pattern with one most frequent label, sorted by
        label and pattern."""
        chosen: list[tuple[str, str]] = []
        self.tied = 0
        for key, counts in self.labels.items():
            (label, most), *rest = counts.most_common(2)
            if rest and rest[0][1] == most:
                self.tied += 1
            else:
                chosen.append((label, key))
        for label, key in sorted(chosen):
            yield {"label": label, "pattern": json.loads(key)}
