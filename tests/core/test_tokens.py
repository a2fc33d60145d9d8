"""Tokens: the units a selection snaps to and agreement counts."""

# The texts are meant to hold Arabic, Hebrew and look-alike letters.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest

from annotator.core.tokens import Tokens, trim_whitespace


def words(text: str) -> list[str]:
    tokens = Tokens(text)
    return [text[start:end] for start, end in tokens.spans()]


def test_words_and_punctuation_are_separate_tokens() -> None:
    assert words('"Kabul," he said.') == ['"', "Kabul", ",", '"', "he", "said", "."]


def test_combining_marks_stay_inside_their_word() -> None:
    decomposed = "cafe\u0301 nai\u0308ve"  # é and ï written as letter + combining mark
    assert words(decomposed) == ["cafe\u0301", "nai\u0308ve"]
    hindi = "हिन्दी भाषा"  # vowel signs and virama are combining marks
    assert words(hindi) == ["हिन्दी", "भाषा"]


def test_a_persian_word_with_a_zero_width_non_joiner_is_one_token() -> None:
    text = "می\u200cخواهم به کابل بروم"  # Dari/Persian "I want to go to Kabul"
    assert words(text) == ["می\u200cخواهم", "به", "کابل", "بروم"]


def test_arabic_with_diacritics_is_one_token_per_word() -> None:
    text = "مُحَمَّد في الْقُدْس"
    assert words(text) == ["مُحَمَّد", "في", "الْقُدْس"]


@pytest.mark.parametrize(
    "emoji",
    [
        "👩\u200d💻",  # woman technologist
        "👩\u200d❤\ufe0f\u200d💋\u200d👨",  # kiss
        "👨\u200d👩\u200d👧\u200d👦",  # family
        "👩🏽\u200d💻",  # with a skin tone modifier
        "👍🏿",
        "❤\ufe0f",
    ],
)
def test_an_emoji_sequence_is_one_token(emoji: str) -> None:
    assert words(f"ok {emoji} go") == ["ok", emoji, "go"]
    tokens = Tokens(f"ok {emoji} go")
    assert not tokens[1].is_word
    assert tokens[0].is_word


def test_a_flag_is_one_token() -> None:
    assert words("in 🇦🇫🇺🇸 now") == ["in", "🇦🇫", "🇺🇸", "now"]


@pytest.mark.parametrize("space", [" ", "\u00a0", "\t", "\r\n", "\n", "\u2029", "\u3000"])
def test_whitespace_including_nbsp_separates_tokens(space: str) -> None:
    assert words(f"10{space}km") == ["10", "km"]


@pytest.mark.parametrize(
    "name",
    [
        "Qala-e-Zal",
        "US-led",
        "Ğazi-Ḥusrev",
        "Ga\u0306zi-H\u0323usrev",  # the same, written with combining marks
        "non\u2011stop",  # U+2011 NON-BREAKING HYPHEN
        "e\u2010mail",  # U+2010 HYPHEN
        "Kan\u00addahar",  # a soft hyphen
        "בית־ספר",  # Hebrew maqaf
        "𝐀-𝐁",  # astral letters
    ],
)
def test_words_joined_by_a_hyphen_between_letters_are_one_token(name: str) -> None:
    assert words(f"({name}) x") == ["(", name, ")", "x"]
    assert Tokens(name)[0].is_word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2010-2012", ["2010", "-", "2012"]),
        ("F-16 COVID-19", ["F", "-", "16", "COVID", "-", "19"]),
        ("G7-led", ["G7", "-", "led"]),
        ("a--b", ["a", "-", "-", "b"]),
        ("a - b", ["a", "-", "b"]),
        ("-Kabul Kabul-", ["-", "Kabul", "Kabul", "-"]),
        ("Kabul–Kandahar", ["Kabul", "–", "Kandahar"]),  # an en dash is no hyphen
        ("10-year-old", ["10", "-", "year-old"]),
    ],
)
def test_a_hyphen_beside_a_digit_a_space_or_another_hyphen_stays_a_symbol(
    text: str, expected: list[str]
) -> None:
    assert words(text) == expected


def test_a_double_click_on_any_part_of_a_hyphenated_name_snaps_to_all_of_it() -> None:
    text = "near Qala-e-Zal, US-led forces"
    tokens = Tokens(text)
    name = (text.index("Qala"), text.index(","))
    for offset in range(*name):
        assert tokens.snap(offset, offset + 1) == name
    assert tokens.snap(text.index("led"), text.index("led") + 1) == (
        text.index("US"),
        text.index(" forces"),
    )


def test_snap_widens_a_partial_selection_to_whole_words() -> None:
    text = "The attack in Kandahar province"
    tokens = Tokens(text)
    start = text.index("ndah")
    assert tokens.snap(start, start + 4) == (text.index("Kandahar"), text.index(" province"))
    # Across two words, from inside the first to inside the second.
    assert tokens.snap(text.index("tack"), text.index("Kan") + 2) == (
        text.index("attack"),
        text.index(" province"),
    )
    # Reversed (a drag from right to left) gives the same.
    assert tokens.snap(start + 4, start) == tokens.snap(start, start + 4)


def test_snap_trims_leading_and_trailing_punctuation() -> None:
    text = 'He said: "Kabul, Herat." Then'
    tokens = Tokens(text)
    selection = (text.index('"'), text.index('" Then') + 1)  # '"Kabul, Herat."'
    assert tokens.snap(*selection) == (text.index("Kabul"), text.index('." Then'))
    # Punctuation inside the selection stays.
    snapped = tokens.snap(*selection)
    assert snapped is not None
    assert text[snapped[0] : snapped[1]] == "Kabul, Herat"


def test_snap_of_only_punctuation_keeps_it() -> None:
    text = "a -- b"
    tokens = Tokens(text)
    snapped = tokens.snap(2, 4)
    assert snapped is not None
    assert text[snapped[0] : snapped[1]] == "--"


def test_snap_keeps_an_emoji_whole() -> None:
    text = "go 👩🏽\u200d💻 now"
    tokens = Tokens(text)
    inside = text.index("🏽")
    assert tokens.snap(inside, inside + 1) == (3, 3 + len("👩🏽\u200d💻"))


@pytest.mark.parametrize("selection", [(3, 6), (3, 3)])
def test_snap_of_whitespace_only_is_none(selection: tuple[int, int]) -> None:
    text = "abc \u00a0\t def"
    assert Tokens(text).snap(*selection) is None


def test_snap_of_a_caret_inside_a_word_selects_the_word() -> None:
    text = "one Mazar-i-Sharif two"
    tokens = Tokens(text)
    assert tokens.snap(1, 1) == (0, 3)
    assert Tokens("").snap(0, 0) is None


def test_lookups_by_offset() -> None:
    text = "ab, cd ef"
    tokens = Tokens(text)
    assert tokens.spans() == [(0, 2), (2, 3), (4, 6), (7, 9)]
    assert list(tokens.overlapping(1, 5)) == [0, 1, 2]
    assert list(tokens.overlapping(3, 4)) == []
    assert tokens.at_or_after(3) == 2
    assert tokens.at_or_after(9) is None
    assert tokens.before(4) == 1
    assert tokens.before(1) is None


def test_trim_whitespace_keeps_punctuation_and_partial_words() -> None:
    text = " \u00a0(Kab \t"
    assert trim_whitespace(text, 0, len(text)) == (2, 6)
    assert trim_whitespace("   ", 0, 3) is None


def test_the_planes_scanned_for_combining_marks_hold_every_one() -> None:
    import sys

    from annotator.core.tokens import _mark_classes

    assert _mark_classes() == _mark_classes([range(sys.maxunicode + 1)])
