"""Paragraph breaks stop a selection snapped to words (unless it is made of exact characters)."""

from __future__ import annotations

import pytest

from annotator.core.paragraphs import (
    crosses_paragraph_break,
    paragraph_pieces,
    snap_in_paragraph,
)
from annotator.core.tokens import Tokens

BREAKS = {"crlf": "\r\n", "lf": "\n", "cr": "\r", "u2029": "\u2029"}


def text_with(brk: str) -> str:
    return f"It rained for weeks.{brk}On Tuesday the river rose."


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
def test_a_drag_across_a_break_keeps_to_the_paragraph_it_began_in(brk: str) -> None:
    text = text_with(brk)
    tokens = Tokens(text)
    inside_weeks = text.index("eeks")
    inside_tuesday = text.index("esday")
    # Downwards from "weeks": "weeks" (the full stop trimmed), not "weeks.\r\nOn Tuesday".
    forward = snap_in_paragraph(tokens, inside_weeks, inside_tuesday)
    assert forward == (text.index("weeks"), text.index(".", text.index("weeks")))
    # Upwards from "Tuesday": "On Tuesday".
    backward = snap_in_paragraph(tokens, inside_tuesday, inside_weeks)
    assert backward is not None
    assert text[backward[0] : backward[1]] == "On Tuesday"
    assert not crosses_paragraph_break(text, *forward)
    assert crosses_paragraph_break(text, text.index("weeks"), text.index("Tuesday"))


def test_a_line_separator_is_no_paragraph_break() -> None:
    text = "Mazar-i-Sharif and\u2028Kunduz fell"
    tokens = Tokens(text)
    assert snap_in_paragraph(tokens, 1, text.index("nduz")) == (0, text.index(" fell"))
    assert not crosses_paragraph_break(text, 0, len(text))


def test_half_of_a_crlf_is_a_break_too() -> None:
    text = "a\r\nb"
    assert crosses_paragraph_break(text, 0, 2)  # "a\r"
    assert crosses_paragraph_break(text, 2, 4)  # "\nb"
    assert not crosses_paragraph_break(text, 3, 4)
    assert paragraph_pieces(text, 0, 4) == [(0, 1), (3, 4)]
    assert paragraph_pieces(text, 2, 4) == [(3, 4)]
    assert paragraph_pieces(text, 0, 2) == [(0, 1)]


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
def test_emoji_and_combining_marks_beside_the_break_keep_their_offsets(brk: str) -> None:
    # An astral emoji sequence and a combining mark end the first paragraph, a letter with a
    # combining mark (and an emoji) begins the second: offsets are code points, whatever the
    # break.
    family = "👨\u200d👩\u200d👧"
    zoe = "Zoe\u0308"
    text = f"They fled {family} to Kabule\u0301{brk}{zoe} 😀 stayed"
    tokens = Tokens(text)
    family_at = text.index(family)
    zoe_at = text.index(zoe)
    down = snap_in_paragraph(tokens, text.index("fled") + 1, zoe_at + 2)
    assert down is not None
    assert text[down[0] : down[1]] == f"fled {family} to Kabule\u0301"
    assert down[1] == text.index(brk)
    up = snap_in_paragraph(tokens, len(text) - 2, family_at + 1)
    assert up is not None
    assert text[up[0] : up[1]] == f"{zoe} 😀 stayed"
    assert up[0] == text.index(brk) + len(brk)
    # From the emoji itself down into "Zoë": the emoji's paragraph, words only at the ends.
    assert snap_in_paragraph(tokens, family_at, zoe_at + 3) == (text.index("to"), down[1])


def test_a_drag_that_begins_on_an_empty_line_takes_the_next_paragraph() -> None:
    text = "One.\r\n\r\nTwo words.\r\nThree"
    tokens = Tokens(text)
    empty_line = text.index("\r\n\r\n") + 2
    assert snap_in_paragraph(tokens, empty_line, text.index("ords")) == (
        text.index("Two"),
        text.index("words") + len("words"),
    )
    # Upwards from the empty line: the paragraph above.
    assert snap_in_paragraph(tokens, empty_line, 1) == (0, 3)
    # Over nothing but breaks: nothing.
    assert snap_in_paragraph(tokens, 4, 8) is None


def test_within_one_paragraph_it_is_the_plain_snap() -> None:
    text = "The attack in Kandahar province"
    tokens = Tokens(text)
    for anchor, position in ((5, 17), (17, 5), (3, 3), (15, 15)):
        assert snap_in_paragraph(tokens, anchor, position) == tokens.snap(anchor, position)
