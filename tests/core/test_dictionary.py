"""Dictionaries and EntityRuler patterns: what they match, how folding works, what is refused."""

from __future__ import annotations

import json

import pytest

from annotator.core.dictionary import DictionaryError, read_dictionary
from annotator.core.occurrences import Matching

TEXT = (
    "Taliban militants attacked a market in Asad Abad, killing two employees. ASAD ABAD\tsaw İzmir."
)
EXACT = Matching()


def found(text: str, lines: list[str], matching: Matching = EXACT) -> list[tuple[str, str]]:
    dictionary = read_dictionary(lines, "d.tsv", matching)
    return [(text[s:e], label) for s, e, label in dictionary.matches(text)]


def test_tsv_phrases_match_whole_tokens_and_the_longest_wins() -> None:
    lines = ["# places", "Asad\tPLACE", "Asad Abad\tPLACE", "Taliban\tACTOR", "", "two\tFIGURE"]
    assert found(TEXT, lines) == [
        ("Taliban", "ACTOR"),
        ("Asad Abad", "PLACE"),
        ("two", "FIGURE"),
    ]
    assert found("Talibans", lines) == []  # whole tokens only


def test_case_and_diacritic_folding_are_options() -> None:
    lines = ["asad abad\tPLACE", "Izmir\tPLACE"]
    assert found(TEXT, lines) == []
    assert found(TEXT, lines, Matching(ignore_case=True)) == [
        ("Asad Abad", "PLACE"),
        ("ASAD ABAD", "PLACE"),
    ]
    assert found(TEXT, lines, Matching(ignore_case=True, ignore_diacritics=True))[-1] == (
        "İzmir",
        "PLACE",
    )


def test_offsets_are_code_points_into_the_text() -> None:
    text = "👩\u200d💻 in\u00a0Kabul\r\nKabul"  # the emoji is 3 code points
    dictionary = read_dictionary(["Kabul\tPLACE"], "d.tsv")
    assert dictionary.matches(text) == [(7, 12, "PLACE"), (14, 19, "PLACE")]
    assert all(text[s:e] == "Kabul" for s, e, _ in dictionary.matches(text))


def test_entity_ruler_patterns_phrases_and_tokens() -> None:
    lines = [
        json.dumps({"label": "PLACE", "pattern": "Asad Abad"}),
        json.dumps({"label": "FIGURE", "pattern": [{"LIKE_NUM": True}, {"LOWER": "employees"}]}),
        json.dumps(
            {"label": "ACTOR", "pattern": [{"IS_TITLE": True}, {"LOWER": "militants", "OP": "?"}]}
        ),
        json.dumps({"label": "FIGURE", "pattern": [{"LOWER": {"IN": ["two", "three"]}}]}),
    ]
    # "Taliban militants" beats "Taliban"; LIKE_NUM is spaCy's ("two" is a number) and sees
    # "2,000" as one token, as spaCy does; title-case words elsewhere match alone.
    assert found("Taliban militants killed two employees and 2,000 employees.", lines) == [
        ("Taliban militants", "ACTOR"),
        ("two employees", "FIGURE"),
        ("2,000 employees", "FIGURE"),
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Kabul PLACE", "d.tsv:2: expected 'phrase<TAB>LABEL' (no tab on the line)"),
        ("\tPLACE", "d.tsv:2: expected 'phrase<TAB>LABEL' (an empty side)"),
        ("Kabul\tCITY", "d.tsv:2: label 'CITY' is not in the schema"),
        ("...\tPLACE", None),
    ],
)
def test_bad_tsv_lines_name_the_file_and_line(line: str, message: str | None) -> None:
    lines = ["Herat\tPLACE", line]
    if message is None:
        assert len(read_dictionary(lines, "d.tsv", labels=["PLACE"]).phrases) == 2
        return
    with pytest.raises(DictionaryError) as raised:
        read_dictionary(lines, "d.tsv", labels=["PLACE", "ACTOR"])
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ('{"label": "PLACE", "pattern": [{"SHAPE": "Xxxx"}]}', "'SHAPE' is not supported"),
        ('{"label": "PLACE", "pattern": [{"TEXT": "a", "OP": "!"}]}', "OP '!' is not supported"),
        ('{"label": "PLACE", "pattern": [{"TEXT": "a", "OP": "?"}]}', "every token"),
        ('{"label": "PLACE", "pattern": []}', "non-empty list"),
        ('{"label": "PLACE", "pattern": [{"LENGTH": "3"}]}', "LENGTH takes"),
        ('{"label": "PLACE", "pattern": [{"TEXT": {"REGEX": "("}}]}', "REGEX"),
        ('{"label": "PLACE"', "not valid JSON"),
        ('{"pattern": "Kabul"}', "a pattern is"),
    ],
)
def test_bad_patterns_are_refused_by_name(pattern: str, message: str) -> None:
    with pytest.raises(DictionaryError, match=message) as raised:
        read_dictionary([pattern], "p.jsonl")
    assert raised.value.line == 1
