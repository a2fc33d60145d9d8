"""Dictionaries and patterns that suggest spans: gazetteers (TSV) and spaCy EntityRuler patterns.

Two file shapes, told apart by the first line that is neither blank nor a ``#`` comment:

- **TSV**: ``phrase<TAB>LABEL`` per line. The phrase is split into the window's tokens
  (:mod:`annotator.core.tokens`) and matches the same tokens in a text, compared as the
  :class:`~annotator.core.occurrences.Matching` options say (case, diacritics).
- **JSONL**, one EntityRuler pattern per line: ``{"label": L, "pattern": "Kabul"}`` (a phrase,
  as a TSV line) or ``{"label": L, "pattern": [{"LOWER": "asad"}, {"LOWER": "abad"}]}`` (a
  token pattern). A token pattern follows spaCy's Matcher and is never folded: ``ORTH`` /
  ``TEXT`` (exact), ``LOWER`` / ``NORM`` (lower case), ``LENGTH``, ``IS_ALPHA``, ``IS_DIGIT``,
  ``IS_PUNCT``, ``IS_UPPER``, ``IS_LOWER``, ``IS_TITLE``, ``LIKE_NUM``; a value may be
  ``{"IN": [...]}``, ``{"NOT_IN": [...]}``, ``{"REGEX": "..."}`` or, for ``LENGTH``, a
  comparison (``{">=": 3}``); ``OP`` is ``?``, ``*`` or ``+``. Anything else is refused by name.
  A token pattern sees a grouped number (``2,000``) as one token, as spaCy does, and
  ``LIKE_NUM`` is spaCy's English one (:mod:`annotator.core.number_tokens`).

Matches begin at a token start and end at a token end, as a drag in the window snaps. Where
matches overlap, the longest wins (the first of equals): spaCy's ``filter_spans`` rule. A
phrase listed twice keeps its first label. Offsets are code points into the text, end
exclusive.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from annotator.core.number_tokens import like_num, pattern_pieces
from annotator.core.occurrences import EXACT, Matching
from annotator.core.tokens import Tokens


class DictionaryError(ValueError):
    """A dictionary line that cannot be read: ``source:line: message``."""

    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}:{line}: {message}")
        self.source, self.line, self.message = source, line, message


TokenTest = Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class _Step:
    """One token of a token pattern: the tests the token must pass, and how often."""

    tests: tuple[TokenTest, ...]
    least: int  # 0 or 1
    most: int | None  # 1, or None for any number

    def accepts(self, token: str) -> bool:
        return all(test(token) for test in self.tests)


@dataclass
class Dictionary:
    """Phrases (as folded token tuples) and token patterns, each with its label."""

    matching: Matching = EXACT
    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    patterns: list[tuple[str, tuple[_Step, ...]]] = field(default_factory=list)
    duplicates: int = 0  # phrases listed again (their first label kept)
    longest: int = 0  # tokens in the longest phrase

    def add_phrase(self, phrase: str, label: str) -> bool:
        """Add ``phrase`` for ``label``; False if it has no token or is there already."""
        tokens = Tokens(phrase)
        key = tuple(self.matching.quick_fold(phrase[s:e]) for s, e in tokens.spans())
        if not key:
            return False
        if key in self.phrases:
            self.duplicates += 1
            return True
        self.phrases[key] = label
        self.longest = max(self.longest, len(key))
        return True

    def labels(self) -> set[str]:
        return set(self.phrases.values()) | {label for label, _ in self.patterns}

    def matches(self, text: str, tokens: Tokens | None = None) -> list[tuple[int, int, str]]:
        """Every non-overlapping match in ``text`` as ``(start, end, label)``, sorted."""
        tokens = tokens if tokens is not None else Tokens(text)
        pieces = [text[s:e] for s, e in tokens.spans()]
        found: list[tuple[int, int, str]] = []  # (first token, stop token, label)
        if self.phrases:
            fold = self.matching.quick_fold
            folded = [fold(piece) for piece in pieces]
            for first in range(len(folded)):
                for stop in range(min(len(folded), first + self.longest), first, -1):
                    label = self.phrases.get(tuple(folded[first:stop]))
                    if label is not None:
                        found.append((first, stop, label))
                        break
        if self.patterns:
            ranges = pattern_pieces(text, tokens)
            words = [piece.text for piece in ranges]
            for label, steps in self.patterns:
                for first in range(len(words)):
                    stops = _stops(steps, words, first)
                    if stops:
                        found.append((ranges[first].first, ranges[max(stops) - 1].stop, label))
        chosen: list[tuple[int, int, str]] = []
        taken = [False] * len(pieces)
        for first, stop, label in sorted(found, key=lambda m: (m[0] - m[1], m[0])):
            if not any(taken[first:stop]):
                taken[first:stop] = [True] * (stop - first)
                chosen.append((tokens.starts[first], tokens.ends[stop - 1], label))
        return sorted(chosen)


def _stops(steps: tuple[_Step, ...], pieces: list[str], first: int) -> set[int]:
    """The token indexes where ``steps`` can end when they begin at token ``first``."""
    positions = {first}
    for step in steps:
        reached: set[int] = set()
        for at in positions:
            if step.least == 0:
                reached.add(at)
            count, here = 0, at
            while here < len(pieces) and (step.most is None or count < step.most):
                if not step.accepts(pieces[here]):
                    break
                here += 1
                count += 1
                reached.add(here)
        positions = reached
        if not positions:
            return set()
    return {stop for stop in positions if stop > first}


def read_dictionary(
    lines: Iterable[str], source: str, matching: Matching = EXACT, labels: Iterable[str] = ()
) -> Dictionary:
    """The dictionary in ``lines`` (TSV or JSONL, see the module docstring), read from
    ``source`` (named in errors). ``labels``, if given, are the only labels allowed.
    Raises :class:`DictionaryError` on the first line it cannot read."""
    allowed = set(labels)
    dictionary = Dictionary(matching)
    shape: str | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        shape = shape or ("jsonl" if line.lstrip().startswith("{") else "tsv")
        phrase: str | None
        steps: tuple[_Step, ...] = ()
        if shape == "tsv":
            phrase, label = _tsv_line(line, source, number)
        else:
            phrase, label, steps = _pattern_line(line, source, number)
        if allowed and label not in allowed:
            raise DictionaryError(
                source,
                number,
                f"label {label!r} is not in the schema ({', '.join(sorted(allowed))})",
            )
        if phrase is not None:
            if not dictionary.add_phrase(phrase, label):
                raise DictionaryError(source, number, "the phrase has no word or symbol in it")
        else:
            dictionary.patterns.append((label, steps))
    return dictionary


def _tsv_line(line: str, source: str, number: int) -> tuple[str, str]:
    if "\t" not in line:
        raise DictionaryError(source, number, "expected 'phrase<TAB>LABEL' (no tab on the line)")
    if (tabs := line.count("\t")) > 1:
        raise DictionaryError(source, number, f"expected 'phrase<TAB>LABEL' ({tabs} tabs)")
    phrase, _, label = line.rpartition("\t")
    if not phrase.strip() or not label.strip():
        raise DictionaryError(source, number, "expected 'phrase<TAB>LABEL' (an empty side)")
    return phrase, label.strip()


def _pattern_line(line: str, source: str, number: int) -> tuple[str | None, str, tuple[_Step, ...]]:
    try:
        entry = json.loads(line)
    except json.JSONDecodeError as error:
        raise DictionaryError(source, number, f"not valid JSON: {error.msg}") from None
    if not isinstance(entry, dict) or not isinstance(entry.get("label"), str):
        raise DictionaryError(source, number, 'a pattern is {"label": "...", "pattern": ...}')
    pattern = entry.get("pattern")
    if isinstance(pattern, str):
        return pattern, entry["label"], ()
    if not isinstance(pattern, list) or not pattern:
        raise DictionaryError(source, number, '"pattern" is a phrase or a non-empty list')
    try:
        steps = tuple(_step(spec) for spec in pattern)
    except ValueError as error:
        raise DictionaryError(source, number, str(error)) from None
    if all(step.least == 0 for step in steps):
        raise DictionaryError(source, number, "every token of the pattern is optional")
    return None, entry["label"], steps


_FLAGS: dict[str, TokenTest] = {
    "IS_ALPHA": str.isalpha,
    "IS_DIGIT": str.isdigit,
    "IS_PUNCT": lambda t: all(not c.isalnum() and not c.isspace() for c in t),
    "IS_UPPER": str.isupper,
    "IS_LOWER": str.islower,
    "IS_TITLE": str.istitle,
    "LIKE_NUM": like_num,
}
_TEXTS: dict[str, Callable[[str], str]] = {
    "ORTH": str,
    "TEXT": str,
    "LOWER": str.lower,
    "NORM": str.lower,
}
_OPS = {"?": (0, 1), "*": (0, None), "+": (1, None)}
_COMPARE: dict[str, Callable[[int, int], bool]] = {
    "==": int.__eq__,
    "!=": int.__ne__,
    ">=": int.__ge__,
    "<=": int.__le__,
    ">": int.__gt__,
    "<": int.__lt__,
}


def _step(spec: Any) -> _Step:
    if not isinstance(spec, dict):
        raise ValueError("each token of a pattern is an object of attributes")
    least: int = 1
    most: int | None = 1
    tests: list[TokenTest] = []
    for key, value in spec.items():
        if key == "OP":
            if value not in _OPS:
                raise ValueError(f"OP {value!r} is not supported (use ?, * or +)")
            least, most = _OPS[value]
        elif key in _FLAGS:
            if not isinstance(value, bool):
                raise ValueError(f"{key} takes true or false")
            tests.append(_FLAGS[key] if value else _negated(_FLAGS[key]))
        elif key in _TEXTS:
            tests.append(_text_test(key, _TEXTS[key], value))
        elif key == "LENGTH":
            tests.append(_length_test(value))
        else:
            raise ValueError(f"token attribute {key!r} is not supported")
    return _Step(tuple(tests), least, most)


def _negated(test: TokenTest) -> TokenTest:
    return lambda token: not test(token)


def _text_test(key: str, form: Callable[[str], str], value: Any) -> TokenTest:
    if isinstance(value, str):
        return lambda t: form(t) == value
    if isinstance(value, dict) and len(value) == 1:
        ((how, given),) = value.items()
        if how in ("IN", "NOT_IN") and isinstance(given, list):
            members = frozenset(map(str, given))
            if how == "IN":
                return lambda t: form(t) in members
            return lambda t: form(t) not in members
        if how == "REGEX" and isinstance(given, str):
            try:
                compiled = re.compile(given)
            except re.error as error:
                raise ValueError(f"{key} REGEX {given!r}: {error}") from None
            return lambda t: compiled.search(form(t)) is not None
    raise ValueError(f"{key} takes a string or one of IN, NOT_IN, REGEX")


def _length_test(value: Any) -> TokenTest:
    if isinstance(value, int) and not isinstance(value, bool):
        return lambda t: len(t) == value
    if isinstance(value, dict) and len(value) == 1:
        ((how, given),) = value.items()
        compare = _COMPARE.get(how)
        if compare is not None and isinstance(given, int):
            return lambda t: compare(len(t), given)
    raise ValueError('LENGTH takes a number or a comparison such as {">=": 3}')
