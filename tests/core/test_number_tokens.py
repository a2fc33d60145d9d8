"""Numbers as spaCy sees them: spaCy's own English LIKE_NUM is the reference, and a grouped
number is one piece of the window's tokens."""

from __future__ import annotations

import pytest
from spacy.lang.en.lex_attrs import like_num as spacy_like_num

from annotator.core.number_tokens import like_num, pattern_pieces
from annotator.core.tokens import Tokens

TOKENS = (
    "2", "2,000", "1.5", "1,234.5", "+3", "-4", "±5", "~6", "3/4", "3/4/5", "1/x", "two",
    "Two", "THOUSAND", "million", "first", "Twentieth", "21st", "2nd", "3rd", "11th", "4x",
    "th", "st", "", "%", "12%", "a", "Kabul", "٣", "²", "one-two", "hundreds", "nd",
)  # fmt: skip


@pytest.mark.parametrize("token", TOKENS)
def test_like_num_is_spacys(token: str) -> None:
    assert like_num(token) == spacy_like_num(token)


def words(text: str) -> list[str]:
    return [piece.text for piece in pattern_pieces(text, Tokens(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Around 2,000 families.", ["Around", "2,000", "families", "."]),
        ("1,234.5 km, then 3.", ["1,234.5", "km", ",", "then", "3", "."]),
        ("2,000.", ["2,000", "."]),
        ("F-16 in 2010-2012", ["F", "-", "16", "in", "2010", "-", "2012"]),
        ("a2,000 b", ["a2", ",", "000", "b"]),
        ("🇦🇫 1,000\u00a0people", ["🇦🇫", "1,000", "people"]),
    ],
)
def test_a_grouped_number_is_one_piece(text: str, expected: list[str]) -> None:
    assert words(text) == expected
