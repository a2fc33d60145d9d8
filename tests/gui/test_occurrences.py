"""Finding the other occurrences of a span's text (Label all occurrences), and the span keys
that keep undo commands pointed at re-created rows."""

from __future__ import annotations

from annotator.core.tokens import Tokens
from annotator.gui.occurrences import unlabelled_occurrences, whole_token_occurrences
from annotator.gui.undo import StableKeys

TEXT = "Kabul, Kabulis and Kabul's Kabul. kabul Kabul\u00a0Kabul"


def starts(found: list[tuple[int, int]] | list[tuple[int, int, str]]) -> list[int]:
    return [item[0] for item in found]


def test_whole_token_matches_only() -> None:
    tokens = Tokens(TEXT)
    found = whole_token_occurrences(tokens, "Kabul")
    assert all(TEXT[s:e] == "Kabul" for s, e in found)
    expected = [i for i in range(len(TEXT)) if TEXT.startswith("Kabul", i)]
    expected.remove(TEXT.index("Kabulis"))  # a longer word
    assert starts(found) == expected  # "kabul" differs in case; NBSP separates words


def test_multi_word_and_empty_needles() -> None:
    text = "Asad Abad and Asad Abadi, then Asad  Abad and Asad Abad."
    found = whole_token_occurrences(Tokens(text), "Asad Abad")
    assert starts(found) == [0, text.rindex("Asad Abad")]
    assert whole_token_occurrences(Tokens(text), "") == []


def test_unlabelled_skips_the_span_and_those_with_the_label() -> None:
    tokens = Tokens(TEXT)
    spots = whole_token_occurrences(tokens, "Kabul")
    first, second = spots[0], spots[1]
    existing = [(*second, "PLACE"), (*spots[2], "ACTOR")]
    new = unlabelled_occurrences(tokens, first[0], first[1], "PLACE", existing)
    assert [(s, e) for s, e, _ in new] == [spot for spot in spots if spot not in (first, second)]
    assert {label for _, _, label in new} == {"PLACE"}


def test_span_keys_follow_re_created_rows() -> None:
    keys = StableKeys()
    a = keys.new(5)
    assert keys.id_of(a) == 5
    assert keys.key_of(5) == a
    keys.rebind(a, 9)  # undo of a delete re-created the span as row 9
    assert keys.id_of(a) == 9
    assert keys.key_of(9) == a
    b = keys.new(5)  # the database reused row id 5 for another span: a new key
    assert b != a
    assert keys.id_of(a) == 9
    assert keys.key_of(5) == b
    c = keys.key_of(42)  # a span loaded from the database gets a key on first sight
    assert keys.id_of(c) == 42
    assert c not in (a, b)
