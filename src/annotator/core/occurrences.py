"""Finding the other occurrences of a span's text, for "Label all occurrences" (one document,
Ctrl+L) and "Label all across my documents" (Ctrl+Shift+L).

Pure Python (no Qt). Offsets are code points into the stored text, end exclusive: folding
(case, diacritics) is only a way of comparing, and every match is given back as offsets into
the text as stored, never into a folded copy.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain

from annotator.core.tokens import MARK_PLANES, Tokens


@dataclass(frozen=True, slots=True)
class Matching:
    """How a span's text is compared with the text around it.

    ``ignore_case``: each character is compared by its Unicode case folding (``str.casefold``:
    "KABUL" is "kabul", "Straße" is "strasse"). ``ignore_diacritics``: each character is
    decomposed (NFD) and its nonspacing marks (category Mn) dropped, so "Nguyễn" is "Nguyen"
    and "İzmir" is "Izmir"; letters that do not decompose ("ø", "ł", "đ") stay themselves, and
    spacing vowel signs (category Mc, as in Devanagari) are kept.
    """

    ignore_case: bool = False
    ignore_diacritics: bool = False

    @property
    def exact(self) -> bool:
        return not (self.ignore_case or self.ignore_diacritics)

    def fold(self, text: str) -> str:
        """``text`` folded, character by character."""
        return FoldedText(text, self).folded

    def quick_fold(self, text: str) -> str:
        """``text`` folded as a whole, at C speed: for a quick "is it in there at all" test
        before :class:`FoldedText` (which also maps the offsets back) is made."""
        for _ in range(2):
            if self.ignore_diacritics and not text.isascii():
                text = _nonspacing().sub("", unicodedata.normalize("NFD", text))
            if self.ignore_case:
                text = text.casefold()
        return text


EXACT = Matching()


_NOT_ASCII = re.compile("[^\\x00-\\x7f]")


@cache
def _nonspacing() -> re.Pattern[str]:
    """Every nonspacing mark (category Mn). As in :func:`annotator.core.tokens.token_patterns`,
    the marks above the BMP are tested by a lookbehind, only on characters above the BMP: in
    one class, re would try their ranges one by one at every character."""
    ranges: list[tuple[int, int]] = []
    for code in chain.from_iterable(MARK_PLANES):
        if unicodedata.category(chr(code)) == "Mn":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    bmp, astral = (
        "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges if (a > 0xFFFF) is high)
        for high in (False, True)
    )
    return re.compile(f"[{bmp}]|[\\U00010000-\\U0010ffff](?<=[{astral}])")


@lru_cache(maxsize=8192)
def _fold_char(char: str, matching: Matching) -> str:
    folded = char
    for _ in range(2):  # casefolding may give a letter with a mark again ("İ" -> "i̇")
        if matching.ignore_diacritics:
            decomposed = unicodedata.normalize("NFD", folded)
            folded = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
        if matching.ignore_case:
            folded = folded.casefold()
    return folded


class FoldedText:
    """A text folded for comparison, with the way back: ``origin[j]`` is the offset in the
    stored text of the character that gave folded character ``j`` (``origin[len]`` is the
    text's length). A character may fold to none (a dropped mark) or several ("ß" -> "ss")."""

    def __init__(self, text: str, matching: Matching) -> None:
        self.origin: list[int] | None = None  # None: the identity (nothing changed length)
        if matching.exact or text.isascii():
            self.folded = text.lower() if matching.ignore_case else text
            return
        pieces: list[str] = []
        origin: list[int] = []
        done = 0
        # Only the characters outside ASCII are folded one by one; ASCII runs go whole.
        for found in _NOT_ASCII.finditer(text):
            at = found.start()
            if at > done:
                run = text[done:at]
                pieces.append(run.lower() if matching.ignore_case else run)
                origin.extend(range(done, at))
            folded = _fold_char(found.group(), matching)
            pieces.append(folded)
            origin.extend([at] * len(folded))
            done = at + 1
        run = text[done:]
        pieces.append(run.lower() if matching.ignore_case else run)
        origin.extend(range(done, len(text) + 1))
        self.folded = "".join(pieces)
        self.origin = origin

    def stored(self, start: int, end: int) -> tuple[int, int] | None:
        """The stored-text offsets of the folded range ``[start, end)``, or None when it
        begins or ends inside the folding of one character (one "s" of "ß")."""
        origin = self.origin
        if origin is None:
            return start, end
        if start > 0 and origin[start - 1] == origin[start]:
            return None
        if end < len(origin) - 1 and origin[end - 1] == origin[end]:
            return None
        return origin[start], origin[end]


def whole_token_occurrences(
    text: str, needle: str, matching: Matching = EXACT, tokens: Tokens | None = None
) -> list[tuple[int, int]]:
    """Every ``(start, end)`` where ``needle`` occurs in ``text`` starting at a token start
    and ending at a token end (so "Kabul" does not match inside "Kabulis").

    Matching is exact (case and accents count) unless ``matching`` says otherwise; occurrences
    may overlap. With diacritics ignored, a match ending before dropped marks ends after them
    (the marks belong to its last letter). ``tokens``, the text's tokens if they are at hand
    (the open document's); else only the words around each match are tokenized, which gives
    the same tokens there, since whitespace always separates two tokens.
    """
    if not needle:
        return []
    folded = FoldedText(text, matching)
    haystack, wanted = folded.folded, matching.fold(needle)
    if not wanted:
        return []
    is_whole = _token_bounds(tokens) if tokens is not None else _whole_by_words(text)
    found: list[tuple[int, int]] = []
    at = haystack.find(wanted)
    while at != -1:
        stored = folded.stored(at, at + len(wanted))
        if stored is not None and is_whole(*stored):
            found.append(stored)
        at = haystack.find(wanted, at + 1)
    return found


def _token_bounds(tokens: Tokens) -> Callable[[int, int], bool]:
    starts, ends = set(tokens.starts), set(tokens.ends)
    return lambda start, end: start in starts and end in ends


def _whole_by_words(text: str) -> Callable[[int, int], bool]:
    """Whether ``[start, end)`` begins at a token start and ends at a token end, from the
    tokens of the whitespace-separated words it touches alone."""

    def whole(start: int, end: int) -> bool:
        first, last = start, end
        while first > 0 and not text[first - 1].isspace():
            first -= 1
        while last < len(text) and not text[last].isspace():
            last += 1
        words = Tokens(text[first:last])
        return start - first in words.starts and end - first in words.ends

    return whole


def unlabelled_occurrences(
    tokens: Tokens,
    start: int,
    end: int,
    label: str,
    spans: Iterable[tuple[int, int, str]],
    matching: Matching = EXACT,
) -> list[tuple[int, int, str]]:
    """The spans to add so that every whole-token occurrence of ``text[start:end]`` carries
    ``label``: all occurrences except those already labelled ``label`` (the span itself
    among them)."""
    taken = {(s, e) for s, e, lab in spans if lab == label}
    taken.add((start, end))
    text = tokens.text
    return missing_occurrences(text, text[start:end], label, taken, matching, tokens)


def missing_occurrences(
    text: str,
    needle: str,
    label: str,
    taken: set[tuple[int, int]],
    matching: Matching = EXACT,
    tokens: Tokens | None = None,
) -> list[tuple[int, int, str]]:
    """Every whole-token occurrence of ``needle`` in ``text`` not in ``taken`` (the
    ``(start, end)`` of the spans already labelled ``label``), as a span to add."""
    return [
        (s, e, label)
        for s, e in whole_token_occurrences(text, needle, matching, tokens)
        if (s, e) not in taken
    ]
