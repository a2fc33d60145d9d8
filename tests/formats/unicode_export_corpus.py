"""The Unicode corpus every export format is proven on: emoji and flags, CRLF, lone CR, tabs,
NBSP, combining marks, Dari with ZWNJ, U+2029, nested spans, spans at the text's edges, spans
cutting a token, and relations (indexes into the sorted spans).

The spans are found by their text, never written as numbers, so the expected offsets are the
texts' own."""

from __future__ import annotations

from annotator.core.records import ExportRecord


def _at(text: str, part: str, label: str, nth: int = 0) -> tuple[int, int, str]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return (start, start + len(part), label)


KABUL = "🇦🇫 Kabul👩\u200d💻 police\r\nsaid\tthe\u00a0minister of Qala-e-Zal.\rend\u2029Herat"
DARI = "وزیر خارجه\u200cی افغانستان در کابل گفت\r\n\r\ne\u0301te\u0301 😀👍🏿 café"
EDGES = "Ghani met  Abdullah\n\nin Kabul"
ONE_WORD = "Mazar"


def _record(
    ident: str,
    text: str,
    spans: list[tuple[int, int, str]],
    relations: list[tuple[tuple[int, int, str], tuple[int, int, str], str]] | None = None,
    annotator: str = "ana",
) -> ExportRecord:
    ordered = sorted(spans)
    linked = [
        (ordered.index(source), ordered.index(target), label)
        for source, target, label in relations or ()
    ]
    return ExportRecord(
        ident,
        text,
        {"source": "wire"},
        annotator=annotator,
        status="done",
        spans=ordered,
        relations=linked,
    )


_KABUL_EVENT = _at(KABUL, "police\r\nsaid", "EVENT")
_KABUL_PLACE = _at(KABUL, "Kabul", "PLACE")
_MINISTER = _at(KABUL, "the\u00a0minister", "ACTOR")
_DARI_EVENT = _at(DARI, "گفت", "EVENT")
_DARI_ACTOR = _at(DARI, "وزیر خارجه\u200cی افغانستان", "ACTOR")
_DARI_PLACE = _at(DARI, "کابل", "PLACE")
_GHANI = _at(EDGES, "Ghani", "ACTOR")
_MET = _at(EDGES, "met", "EVENT")

RECORDS = [
    _record(
        "kabul-1",
        KABUL,
        [
            _at(KABUL, "🇦🇫", "PLACE"),  # a flag at the very start
            _KABUL_PLACE,  # glued to an emoji: the token is cut
            _at(KABUL, "🇦🇫 Kabul", "PLACE"),  # nesting both
            _KABUL_EVENT,  # across a CRLF
            _MINISTER,  # across an NBSP
            _at(KABUL, "minister", "ACTOR"),  # nested in it
            _at(KABUL, "Qala", "PLACE"),  # a part of a hyphenated word
            _at(KABUL, "Qala-e-Zal.\rend", "EVENT"),  # across a lone CR
            _at(KABUL, "end\u2029Herat", "EVENT"),  # across U+2029, to the very end
            _at(KABUL, "Herat", "PLACE"),  # at the very end, nested
        ],
        [(_KABUL_EVENT, _MINISTER, "agent"), (_KABUL_EVENT, _KABUL_PLACE, "location")],
    ),
    _record(
        "dari/2",  # an id no file may be named
        DARI,
        [
            _DARI_ACTOR,  # ZWNJ inside
            _DARI_PLACE,
            _DARI_EVENT,
            _at(DARI, "e\u0301te\u0301", "EVENT"),  # combining marks
            _at(DARI, "😀👍🏿", "FIGURE"),
            _at(DARI, "café", "PLACE"),  # at the very end
        ],
        [(_DARI_EVENT, _DARI_ACTOR, "agent"), (_DARI_EVENT, _DARI_PLACE, "location")],
    ),
    _record(
        "edges",
        EDGES,
        [
            _GHANI,  # at the very start
            _at(EDGES, "Ghani met", "EVENT"),
            _MET,
            _at(EDGES, "Abdullah\n\nin Kabul", "EVENT"),  # across a blank line, to the end
            _at(EDGES, "Kabul", "PLACE"),
            _at(EDGES, "Kabul", "ACTOR"),  # the same range, another label
        ],
        [(_MET, _GHANI, "agent")],
    ),
    _record("one-word", ONE_WORD, [(0, 5, "PLACE")]),
    _record("nothing-labelled", "A day with no names.", []),
]

LABELS = ("ACTOR", "PLACE", "EVENT", "FIGURE")
