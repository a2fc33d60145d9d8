"""Span rules: what span_problem says about a span, and which spans are duplicates."""

from __future__ import annotations

import pytest

from annotator.core.labels import default_schema
from annotator.core.spans import Span, duplicate_spans, span_problem

LABELS = default_schema().names()
TEXT = "Kabul\r\n👩‍💻 ok"


def test_a_valid_span_has_no_problem() -> None:
    assert span_problem(TEXT, 0, 5, "PLACE", LABELS) is None
    assert span_problem(TEXT, 0, len(TEXT), "EVENT", LABELS, quoted=TEXT) is None


def test_offsets_are_code_points_so_an_emoji_sequence_slices_exactly() -> None:
    start = TEXT.index("👩")
    end = start + len("👩‍💻")
    assert span_problem(TEXT, start, end, "FIGURE", LABELS, quoted="👩‍💻") is None


@pytest.mark.parametrize(
    ("start", "end", "label", "quoted", "message"),
    [
        (1, 9, "ACTOR", None, "span 1..9 is outside the text (3 characters)"),
        (-1, 2, "ACTOR", None, "span -1..2 has a negative offset"),
        (
            2,
            1,
            "ACTOR",
            None,
            "span 2..1 is empty or reversed (end must be greater than start)",
        ),
        (
            1,
            1,
            "ACTOR",
            None,
            "span 1..1 is empty or reversed (end must be greater than start)",
        ),
        (
            0,
            2,
            "PERSON",
            None,
            "span 0..2 has label 'PERSON', which is not in the schema "
            "(ACTOR, EVENT, FIGURE, PLACE)",
        ),
        (0, 2, "ACTOR", "xy", "span 0..2 says its text is 'xy' but the document has 'ab' there"),
    ],
)
def test_span_problem_messages(
    start: int, end: int, label: str, quoted: str | None, message: str
) -> None:
    assert span_problem("abc", start, end, label, LABELS, quoted) == message


def test_labels_are_case_sensitive() -> None:
    assert span_problem("abc", 0, 2, "actor", LABELS) is not None


def test_duplicate_spans_reports_each_repeated_span_once_in_first_seen_order() -> None:
    spans = [
        Span(0, 3, "ACTOR"),
        Span(1, 2, "PLACE"),
        Span(0, 3, "ACTOR"),
        Span(0, 3, "PLACE"),
        Span(1, 2, "PLACE"),
        Span(0, 3, "ACTOR"),
    ]
    assert duplicate_spans(spans) == [Span(0, 3, "ACTOR"), Span(1, 2, "PLACE")]


def test_overlapping_and_nested_spans_are_not_duplicates() -> None:
    spans = [Span(0, 10, "EVENT"), Span(2, 5, "ACTOR"), Span(4, 8, "PLACE"), Span(0, 10, "ACTOR")]
    assert duplicate_spans(spans) == []
    assert spans[0].overlaps(spans[1])
    assert spans[1].overlaps(spans[2])
    assert not Span(0, 2, "ACTOR").overlaps(Span(2, 4, "ACTOR"))


def test_spans_sort_by_start_end_label() -> None:
    spans = [Span(2, 3, "A"), Span(0, 5, "B"), Span(0, 5, "A"), Span(0, 2, "Z")]
    assert sorted(spans) == [Span(0, 2, "Z"), Span(0, 5, "A"), Span(0, 5, "B"), Span(2, 3, "A")]
    assert Span(0, 5, "A").covered("hello world") == "hello"
