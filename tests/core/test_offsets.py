"""TextMap: stored code point offsets <-> Qt document positions (UTF-16, CRLF collapsed).

The expected Qt position of an offset is computed independently of TextMap: the UTF-16 length
of the stored text before it, with each CRLF counted once.
"""

# The texts are meant to hold Arabic, Hebrew and look-alike letters.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.offsets import TextMap, Utf16Offsets

TEXTS = [
    "",
    "plain ascii",
    "a\r\nb",
    "\r\n\r\n",
    "\r\r\n\n\r",
    "emoji 👩\u200d💻 and 𝔘 then\r\nnext\rline\u2029para",
    "🇦🇫\r\n👍🏿\u2029\r",
    "tab\tnbsp\u00a0crlf\r\nend",
    "مرحبا\r\nשלום 😀",
    "😀",
]


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def expected_qt(stored: str, offset: int) -> int:
    return utf16_length(stored[:offset].replace("\r\n", "\n"))


def inside_crlf(stored: str, offset: int) -> bool:
    """True between the CR and the LF of a CRLF, where no Qt position exists."""
    return 0 < offset < len(stored) and stored[offset - 1 : offset + 1] == "\r\n"


def check_map(stored: str) -> None:
    text_map = TextMap(stored)
    display = stored.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")
    assert text_map.display == display
    assert text_map.display_length == utf16_length(display)
    for offset in range(len(stored) + 1):
        position = text_map.to_qt(offset)
        if inside_crlf(stored, offset):
            # Between CR and LF: at one end or the other of the single Qt separator.
            assert expected_qt(stored, offset - 1) <= position <= expected_qt(stored, offset + 1)
            continue
        assert position == expected_qt(stored, offset)
        assert text_map.from_qt(position) == offset
    for position in range(text_map.display_length + 1):
        offset = text_map.from_qt(position)
        assert 0 <= offset <= len(stored)
        if text_map.to_qt(offset) != position:
            # Only a position between the two UTF-16 units of an astral character has no
            # offset; it rounds down to the start of that character.
            assert ord(stored[offset]) > 0xFFFF
            assert text_map.to_qt(offset) == position - 1


@pytest.mark.parametrize("stored", TEXTS)
def test_every_offset_round_trips(stored: str) -> None:
    check_map(stored)


def test_crlf_is_collapsed_and_lone_separators_become_newlines() -> None:
    text_map = TextMap("a\r\nb\rc\u2029d\ne")
    assert text_map.display == "a\nb\nc\nd\ne"
    assert text_map.display_length == len("a\r\nb\rc\u2029d\ne") - 1
    assert text_map.to_qt(3) == 2  # "b": one position earlier than its code point offset
    assert text_map.from_qt(2) == 3


def test_an_astral_character_takes_two_qt_positions() -> None:
    text_map = TextMap("x😀y")
    assert text_map.display == "x😀y"
    assert [text_map.to_qt(offset) for offset in range(4)] == [0, 1, 3, 4]
    assert [text_map.from_qt(position) for position in range(5)] == [0, 1, 1, 2, 3]


def test_text_without_separators_is_shown_unchanged() -> None:
    stored = "no separators, 👩\u200d💻, tabs\tand\u00a0nbsp"
    assert TextMap(stored).display is stored


separator_heavy = st.lists(
    st.one_of(
        st.sampled_from(["\r\n", "\r", "\n", "\u2029", "😀", "👩\u200d💻", "𝔘", "\u00a0", "\t"]),
        st.text(st.characters(exclude_categories=["Cs"]), max_size=5),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(separator_heavy)
def test_random_texts_round_trip(stored: str) -> None:
    check_map(stored)


@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=30))
def test_utf16_offsets_give_the_code_point_at_each_boundary_and_none_inside(text: str) -> None:
    offsets = Utf16Offsets(text)
    boundaries = {len(text[:i].encode("utf-16-le")) // 2: i for i in range(len(text) + 1)}
    total = len(text.encode("utf-16-le")) // 2
    for units in range(-1, total + 2):
        assert offsets.to_code_point(units) == boundaries.get(units)
