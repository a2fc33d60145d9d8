"""The README's account of a token's value in agreement says what the code does."""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.agreement import AnnotatedDocument, compute_agreement
from annotator.core.spans import Span
from annotator.core.tokens import Tokens

README = Path(__file__).resolve().parents[3] / "README.md"


def _alpha_paragraph() -> str:
    text = " ".join(README.read_text(encoding="utf-8").split())
    found = re.search(r"- Krippendorff's alpha \(nominal\) over tokens: (.*?) - Per pair", text)
    assert found is not None
    return found.group(1)


def test_a_token_takes_the_labels_of_spans_overlapping_it() -> None:
    paragraph = _alpha_paragraph()
    assert "spans overlapping it by at least one character" in paragraph
    assert "covering" not in paragraph
    # What the paragraph says, done: ann labels only "user", ben all of "user_name"; the
    # token's value is {ACTOR} for both, so alpha is 1.
    text = "user_name met Kabul"
    ann = [Span(0, 4, "ACTOR"), Span(14, 19, "PLACE")]
    ben = [Span(0, 9, "ACTOR"), Span(14, 19, "PLACE")]
    report = compute_agreement([AnnotatedDocument("d", text, {"ann": ann, "ben": ben})])
    assert report.alpha == 1.0


def test_an_underscore_is_part_of_a_word() -> None:
    assert "`_` is part of a word: `user_name` is one token" in _alpha_paragraph()
    assert [(token.start, token.end) for token in Tokens("user_name met")] == [(0, 9), (10, 13)]


def test_a_hyphen_between_letters_is_part_of_a_word() -> None:
    paragraph = _alpha_paragraph()
    assert "so is a hyphen between letters: `US-led` is one token" in paragraph
    assert "`2010-2012` is three" in paragraph
    assert [(token.start, token.end) for token in Tokens("US-led 2010-2012")] == [
        (0, 6),
        (7, 11),
        (11, 12),
        (12, 16),
    ]
    # As the paragraph says: a span over "US" alone gives "US-led" its label.
    text = "US-led forces"
    ann = [Span(0, 2, "ACTOR")]
    ben = [Span(0, 6, "ACTOR")]
    report = compute_agreement([AnnotatedDocument("d", text, {"ann": ann, "ben": ben})])
    assert report.alpha == 1.0
