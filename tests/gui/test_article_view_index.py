"""The article view's interval index and keyboard steps: pure Python, no Qt."""

from __future__ import annotations

from annotator.core.offsets import TextMap
from annotator.core.tokens import Tokens
from annotator.gui.view_index import Look, Run, SpanIndex, block_starts
from annotator.gui.view_steps import extend, next_token, previous_token, shrink
from annotator.store.annotations import StoredSpan


def _span(text: str, word: str, label: str, span_id: int, nth: int = 0) -> StoredSpan:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return StoredSpan(start, start + len(word), label, span_id)


def test_block_starts_follow_every_separator_qt_splits_at() -> None:
    text = "a😀\r\nbc\rd\u2029e\nf"
    text_map = TextMap(text)
    starts = block_starts(text_map)
    # Display "a😀\nbc\nd\ne\nf": 😀 is two UTF-16 units, CRLF one separator.
    assert starts == [0, 4, 7, 9, 11]
    utf16 = text_map.display.encode("utf-16-le")
    firsts = [utf16[2 * start : 2 * start + 2].decode("utf-16-le") for start in starts]
    assert firsts == ["a", "b", "d", "e", "f"]


def test_runs_are_cut_at_blocks_and_in_utf16_units() -> None:
    text = "😀 Kunduz city\r\nsecond line"
    spans = [StoredSpan(2, 21, "PLACE", 7)]  # "Kunduz city\r\nsecond"
    text_map = TextMap(text)
    index = SpanIndex(text_map, block_starts(text_map), spans)
    look = Look("PLACE", None, ("PLACE",), 1)
    # Block 0 is "😀 Kunduz city" (14 UTF-16 units); the run starts after the surrogate pair.
    assert index.runs_of(0) == (Run(3, 11, look),)
    assert index.runs_of(1) == (Run(0, 6, look),)
    assert index.blocks() == {0, 1}


def test_nested_and_overlapping_spans_get_their_own_looks() -> None:
    text = "Assadullah Sadat of the Kunduz provincial council told AFP."
    council = _span(text, "Kunduz provincial council", "ACTOR", 1)
    kunduz = _span(text, "Kunduz", "PLACE", 2)
    told = StoredSpan(council.start + 7, council.end + 5, "EVENT", 3)  # "provincial council told"
    text_map = TextMap(text)
    index = SpanIndex(text_map, block_starts(text_map), [council, kunduz, told])
    runs = index.runs_of(0)
    covered = [(text[r.start : r.start + r.length], r.look) for r in runs]
    assert covered == [
        ("Kunduz", Look("PLACE", "ACTOR", ("ACTOR", "PLACE"), 2)),
        (" ", Look("ACTOR", None, ("ACTOR",), 1)),
        # "provincial council told" (23) is shorter than the council (25): it is innermost.
        ("provincial council", Look("EVENT", "ACTOR", ("ACTOR", "EVENT"), 2)),
        (" told", Look("EVENT", None, ("EVENT",), 1)),
    ]
    assert index.innermost_at(kunduz.start) == kunduz
    assert index.innermost_at(council.start + 6) == council
    assert index.innermost_at(council.start + 8) == told
    assert index.innermost_at(council.end + 2) == told
    assert index.innermost_at(0) is None


def test_changed_blocks_names_only_blocks_whose_runs_differ() -> None:
    text = "\n".join(f"Paragraph {n} mentions Kunduz." for n in range(6))
    text_map = TextMap(text)
    starts = block_starts(text_map)
    spans = [_span(text, "Kunduz", "PLACE", n + 1, nth=n) for n in range(6)]
    before = SpanIndex(text_map, starts, spans)
    relabelled = [*spans[:2], StoredSpan(spans[2].start, spans[2].end, "ACTOR", 3), *spans[3:5]]
    after = SpanIndex(text_map, starts, relabelled)
    assert after.changed_blocks(before) == [2, 5]
    assert before.changed_blocks(before) == []


def test_steps_move_over_words_and_skip_punctuation() -> None:
    text = "Forces took Qala-e-Zal, then 2,000 👩‍👩‍👧 fled."
    tokens = Tokens(text)

    def word(piece: str) -> tuple[int, int]:
        start = text.index(piece)
        return start, start + len(piece)

    took, name = word("took"), word("Qala-e-Zal")  # a hyphenated name is one step
    assert next_token(tokens, took, 0) == name
    assert next_token(tokens, name, 0) == word("then")  # the comma is skipped
    assert next_token(tokens, word("000"), 0) == word("👩‍👩‍👧")  # an emoji is steppable
    assert next_token(tokens, word("fled"), 0) is None
    assert previous_token(tokens, word("then"), 0) == name
    assert previous_token(tokens, word("Forces"), 0) is None
    # Without a selection the caret decides: inside or at the end of a word selects it.
    assert next_token(tokens, None, text.index("took") + 2) == took
    assert previous_token(tokens, None, took[1]) == took
    assert extend(tokens, took, 0) == (took[0], name[1])
    assert extend(tokens, (took[0], name[1]), 0) == (took[0], word("then")[1])
    assert shrink(tokens, (took[0], word("then")[1]), 0) == (took[0], name[1])
    assert shrink(tokens, took, 0) == took  # one token stays selected
    assert extend(tokens, None, 0) == word("Forces")
