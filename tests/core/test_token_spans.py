"""Tokens for the token formats: the whole text laid out exactly, every span a whole number of
tokens, one space after a token as its whitespace, and non-overlapping spans longest first."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotator.core.token_spans import (
    iob2_tags,
    longest_first,
    token_layout,
    token_ranges,
    word_indexes,
)
from annotator.core.tokens import Tokens

TEXTS = [
    "",
    "Kabul",
    "🇦🇫 Kabul👩\u200d💻 police\r\nsaid\tthe\u00a0minister",
    "  two  spaces  ",
    "a\rb\u2029c\r\n\r\nd",
    "وزیر خارجه\u200cی افغانستان",
    "e\u0301te\u0301 😀👍🏿",
]


def joined(text: str, spans: list[tuple[int, int, str]]) -> str:
    layout = token_layout(text, spans)
    return "".join(
        word + (" " if space else "")
        for word, space in zip(layout.words(text), layout.spaces, strict=True)
    )


@pytest.mark.parametrize("text", TEXTS)
def test_the_words_and_their_spaces_give_the_text_back(text: str) -> None:
    assert joined(text, []) == text
    layout = token_layout(text)
    assert all(start < end for start, end in zip(layout.starts, layout.ends, strict=True))


def test_a_single_space_is_whitespace_and_any_other_is_a_token() -> None:
    text = "a b  c\td\u00a0e\nf"
    layout = token_layout(text)
    assert layout.words(text) == ["a", "b", " ", "c", "\t", "d", "\u00a0", "e", "\n", "f"]
    assert layout.spaces == [True, True, False, False, False, False, False, False, False, False]
    assert layout.blank == [False, False, True, False, True, False, True, False, True, False]
    assert [layout.words(text)[i] for i in word_indexes(layout)] == list("abcdef")


def test_without_spans_the_tokens_are_the_windows() -> None:
    text = TEXTS[2]
    layout = token_layout(text)
    words = [(layout.starts[i], layout.ends[i]) for i in word_indexes(layout)]
    assert words == Tokens(text).spans()


def test_a_span_edge_inside_a_token_cuts_it() -> None:
    text = "Qala-e-Zal👩\u200d💻"
    spans = [(0, 4, "PLACE"), (2, 10, "PLACE")]
    layout = token_layout(text, spans)
    assert layout.words(text) == ["Qa", "la", "-e-Zal", "👩\u200d💻"]
    assert token_ranges(layout.starts, layout.ends, spans) == [(0, 1), (1, 2)]


def test_a_span_over_the_space_after_a_word_makes_the_space_a_token() -> None:
    text = "a b"
    layout = token_layout(text, [(1, 3, "X")])
    assert layout.words(text) == ["a", " ", "b"]
    assert layout.spaces == [False, False, False]
    layout = token_layout(text, [(0, 2, "X")])
    assert layout.words(text) == ["a", " ", "b"]
    assert token_ranges(layout.starts, layout.ends, [(0, 2, "X")]) == [(0, 1)]


spans_strategy = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 40)), max_size=8)
text_strategy = st.text(
    alphabet=st.sampled_from(list("ab \t\r\n\u00a0\u2029\u200c\u0301-.😀🇦🇫")), max_size=40
)


@settings(max_examples=300, deadline=None)
@given(text_strategy, spans_strategy)
@example("aaaaaaaaa ", [(0, 10)])  # a span ending at the text's end over a final space
def test_every_span_is_whole_tokens_and_the_text_is_exact(
    text: str, raw: list[tuple[int, int]]
) -> None:
    spans = sorted({(min(a, b), max(a, b), "X") for a, b in raw if min(a, b) < max(a, b)})
    spans = [(start, end, label) for start, end, label in spans if end <= len(text)]
    assert joined(text, spans) == text
    layout = token_layout(text, spans)
    for (start, end, _), found in zip(
        spans, token_ranges(layout.starts, layout.ends, spans), strict=True
    ):
        assert found is not None
        assert (layout.starts[found[0]], layout.ends[found[1]]) == (start, end)


def test_longest_first_keeps_the_longest_then_the_earliest() -> None:
    ranges: list[tuple[int, int] | None] = [(0, 0), (0, 2), (2, 3), (3, 3), None, (5, 5)]
    assert longest_first(ranges) == [1, 3, 5]
    # Two of the same length: the earlier wins, then the one given first.
    assert longest_first([(1, 2), (0, 1), (0, 1)]) == [1]


def test_iob2_tags() -> None:
    assert iob2_tags(5, [(0, 1, "PLACE"), (3, 3, "ACTOR")]) == [
        "B-PLACE",
        "I-PLACE",
        "O",
        "B-ACTOR",
        "O",
    ]
