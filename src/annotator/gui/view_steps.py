"""Keyboard selection steps over tokens, for the article view's arrow keys.

Offsets are code point offsets (end exclusive) into the stored text. A step moves over
*steppable* tokens: words, and symbols that are not punctuation (an emoji, a currency sign),
so Right from "Kunduz" goes to the next word, not to the comma after it.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right

from annotator.core.tokens import Tokens


def _steppable(tokens: Tokens, index: int) -> bool:
    if tokens.words[index]:
        return True
    piece = tokens.text[tokens.starts[index] : tokens.ends[index]]
    return not all(unicodedata.category(char).startswith("P") for char in piece)


def _forward(tokens: Tokens, index: int) -> int | None:
    while index < len(tokens):
        if _steppable(tokens, index):
            return index
        index += 1
    return None


def _backward(tokens: Tokens, index: int) -> int | None:
    while index >= 0:
        if _steppable(tokens, index):
            return index
        index -= 1
    return None


def _bounds(tokens: Tokens, index: int | None) -> tuple[int, int] | None:
    return None if index is None else (tokens.starts[index], tokens.ends[index])


def next_token(
    tokens: Tokens, selection: tuple[int, int] | None, caret: int
) -> tuple[int, int] | None:
    """Right: the first token starting at or after the selection's end; without a selection,
    the token holding the caret or else the next one. None at the end of the text."""
    if selection is not None:
        return _bounds(tokens, _forward(tokens, bisect_left(tokens.starts, selection[1])))
    return _bounds(tokens, _forward(tokens, bisect_right(tokens.ends, caret)))


def previous_token(
    tokens: Tokens, selection: tuple[int, int] | None, caret: int
) -> tuple[int, int] | None:
    """Left: the last token ending at or before the selection's start; without a selection,
    the token holding (or ending at) the caret or else the previous one."""
    if selection is not None:
        return _bounds(tokens, _backward(tokens, bisect_right(tokens.ends, selection[0]) - 1))
    return _bounds(tokens, _backward(tokens, bisect_left(tokens.starts, caret) - 1))


def extend(tokens: Tokens, selection: tuple[int, int] | None, caret: int) -> tuple[int, int] | None:
    """Shift+Right: the selection with the next token added at its end."""
    following = next_token(tokens, selection, caret)
    if selection is None or following is None:
        return following if selection is None else selection
    return selection[0], following[1]


def shrink(tokens: Tokens, selection: tuple[int, int] | None, caret: int) -> tuple[int, int] | None:
    """Shift+Left: the selection without its last token; a one-token selection stays as it is.
    Without a selection it selects the previous token, like Left."""
    if selection is None:
        return previous_token(tokens, None, caret)
    start, end = selection
    # The last steppable token inside the selection that ends before the selection does.
    index = _backward(tokens, bisect_left(tokens.ends, end) - 1)
    if index is None or tokens.starts[index] < start:
        return selection
    return start, tokens.ends[index]
