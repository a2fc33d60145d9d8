"""Finding the other occurrences of a span's text (Label all occurrences, in one document and
across a person's documents), exactly or with case and diacritics folded."""

from __future__ import annotations

import pytest

from annotator.core.occurrences import (
    Matching,
    missing_occurrences,
    unlabelled_occurrences,
    whole_token_occurrences,
)
from annotator.core.tokens import Tokens

TEXT = "Kabul, Kabulis and Kabul's Kabul. kabul Kabul\u00a0Kabul"


def starts(found: list[tuple[int, int]] | list[tuple[int, int, str]]) -> list[int]:
    return [item[0] for item in found]


def test_whole_token_matches_only() -> None:
    tokens = Tokens(TEXT)
    found = whole_token_occurrences(TEXT, "Kabul", tokens=tokens)
    assert all(TEXT[s:e] == "Kabul" for s, e in found)
    expected = [i for i in range(len(TEXT)) if TEXT.startswith("Kabul", i)]
    expected.remove(TEXT.index("Kabulis"))  # a longer word
    assert starts(found) == expected  # "kabul" differs in case; NBSP separates words


def test_multi_word_and_empty_needles() -> None:
    text = "Asad Abad and Asad Abadi, then Asad  Abad and Asad Abad."
    found = whole_token_occurrences(text, "Asad Abad")
    assert starts(found) == [0, text.rindex("Asad Abad")]
    assert whole_token_occurrences(text, "") == []


def test_unlabelled_skips_the_span_and_those_with_the_label() -> None:
    tokens = Tokens(TEXT)
    spots = whole_token_occurrences(TEXT, "Kabul", tokens=tokens)
    first, second = spots[0], spots[1]
    existing = [(*second, "PLACE"), (*spots[2], "ACTOR")]
    new = unlabelled_occurrences(tokens, first[0], first[1], "PLACE", existing)
    assert [(s, e) for s, e, _ in new] == [spot for spot in spots if spot not in (first, second)]
    assert {label for _, _, label in new} == {"PLACE"}


CASES = Matching(ignore_case=True)
FOLDED = Matching(ignore_case=True, ignore_diacritics=True)


def texts_of(text: str, found: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in found]


def test_the_words_around_a_match_give_the_same_answer_as_the_whole_text() -> None:
    # Hyphenated names, emoji sequences, marks, NBSP, CRLF: tokenizing only the words a match
    # touches must agree with the text's own tokens.
    text = (
        "US-led\r\nUS led; anti-US 👍🏽US US👍🏽 U.S. US\u0301 US\u00a0US Qala-e-Zal "
        "Qala-e-Zal's Qala Zal-US US_x US2 2010-US"
    )
    for needle in ("US", "US-led", "Qala-e-Zal", "Qala", "👍🏽", "US led", "U.S."):
        for matching in (Matching(), CASES, FOLDED):
            expected = whole_token_occurrences(text, needle, matching, Tokens(text))
            assert whole_token_occurrences(text, needle, matching) == expected, needle


def test_case_and_diacritics_folded_offsets_stay_in_the_stored_text() -> None:
    text = "😀 Nguyễn met NGUYEN, nguyen and Nguye\u0302\u0303n; Nguyens stayed."
    exact = whole_token_occurrences(text, "Nguyen")
    assert exact == []
    assert texts_of(text, whole_token_occurrences(text, "NGUYEN", CASES)) == ["NGUYEN", "nguyen"]
    found = whole_token_occurrences(text, "nguyễn", FOLDED)
    # The emoji before counts one code point; a match keeps the marks of its last letter.
    assert texts_of(text, found) == ["Nguyễn", "NGUYEN", "nguyen", "Nguye\u0302\u0303n"]
    assert found[0] == (2, 8)


def test_a_letter_that_folds_to_two_matches_only_whole() -> None:
    text = "Straße STRASSE strasse ß s"
    assert texts_of(text, whole_token_occurrences(text, "STRASSE", CASES)) == [
        "Straße",
        "STRASSE",
        "strasse",
    ]
    # One "s" of a folded "ß" is not a match.
    assert texts_of(text, whole_token_occurrences(text, "s", CASES)) == ["s"]


def test_dotted_capital_i_folds_to_i() -> None:
    text = "İzmir izmir Izmir"
    assert texts_of(text, whole_token_occurrences(text, "izmir", FOLDED)) == text.split()
    assert texts_of(text, whole_token_occurrences(text, "Izmir", CASES)) == ["izmir", "Izmir"]


@pytest.mark.parametrize("matching", [Matching(), CASES, FOLDED])
def test_quick_fold_finds_whatever_the_exact_fold_finds(matching: Matching) -> None:
    text = "Ğazi-Ḥusrev, İSTANBUL, Straße, Nguyễn, \U0001d49c x\U0001d167y"
    found = 0
    for word in ("gazi-husrev", "istanbul", "strasse", "nguyen", "xy", "Nguyễn", "Straße"):
        if whole_token_occurrences(text, word, matching):
            found += 1
            assert matching.quick_fold(word) in matching.quick_fold(text)
    assert found >= 2


def test_missing_occurrences_skip_what_is_taken() -> None:
    text = "Kabul and KABUL"
    assert missing_occurrences(text, "kabul", "PLACE", {(0, 5)}, CASES) == [(10, 15, "PLACE")]
