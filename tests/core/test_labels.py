"""The label schema: the default labels and the rules every schema keeps."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from annotator.core.labels import Label, LabelSchema, SchemaError, default_schema, parse_schema


def test_default_schema_is_actor_place_event_figure_on_keys_1_to_4() -> None:
    schema = default_schema()
    assert [(label.name, label.hotkey) for label in schema] == [
        ("ACTOR", "1"),
        ("PLACE", "2"),
        ("EVENT", "3"),
        ("FIGURE", "4"),
    ]
    assert len(schema) == 4
    assert "PLACE" in schema
    assert "PERSON" not in schema
    assert schema.for_key("3") is schema["EVENT"]
    assert schema.for_key("9") is None


def test_default_schema_is_the_bundled_json() -> None:
    raw = resources.files("annotator.resources").joinpath("default_schema.json").read_text("utf-8")
    data = json.loads(raw)
    assert [item["name"] for item in data["labels"]] == default_schema().names()


def test_hotkeys_match_case_insensitively_including_the_second_hotkey() -> None:
    schema = LabelSchema([Label("ACTOR", "#000000", "1", "a"), Label("PLACE", "#ffffff", "P")])
    assert schema.for_key("A") is schema["ACTOR"]
    assert schema.for_key("a") is schema["ACTOR"]
    assert schema.for_key("p") is schema["PLACE"]
    assert schema["ACTOR"].hotkeys() == ("1", "a")
    assert schema["PLACE"].hotkeys() == ("P",)


def test_duplicate_names_are_refused() -> None:
    with pytest.raises(SchemaError, match="'ACTOR' is defined twice"):
        LabelSchema([Label("ACTOR", "#000000", "1"), Label("ACTOR", "#111111", "2")])


@pytest.mark.parametrize(
    ("second", "message"),
    [
        (Label("PLACE", "#111111", "1"), "hotkey '1' is used by both 'ACTOR' and 'PLACE'"),
        (Label("PLACE", "#111111", "2", "A"), "hotkey 'A' is used by both 'ACTOR' and 'PLACE'"),
        (Label("PLACE", "#111111", "a"), "hotkey 'a' is used by both 'ACTOR' and 'PLACE'"),
    ],
)
def test_duplicate_hotkeys_are_refused(second: Label, message: str) -> None:
    with pytest.raises(SchemaError) as raised:
        LabelSchema([Label("ACTOR", "#000000", "1", "a"), second])
    assert message in str(raised.value)


def test_one_label_with_the_same_key_twice_is_refused() -> None:
    with pytest.raises(SchemaError, match="label 'ACTOR' has hotkey 'X' twice"):
        LabelSchema([Label("ACTOR", "#000000", "x", "X")])


@pytest.mark.parametrize(
    ("label", "fragment"),
    [
        (Label("1ACTOR", "#000000", "1"), "must start with a letter"),
        (Label("A B", "#000000", "1"), "must start with a letter"),
        (Label("ACTOR", "red", "1"), "use #RRGGBB"),
        (Label("ACTOR", "#12345", "1"), "use #RRGGBB"),
        (Label("ACTOR", "#000000", ""), "one-character hotkey"),
        (Label("ACTOR", "#000000", "12"), "one-character hotkey"),
        (Label("ACTOR", "#000000", " "), "one-character hotkey"),
        (Label("ACTOR", "#000000", "1", "ab"), "second hotkey must be one character"),
    ],
)
def test_bad_labels_are_refused(label: Label, fragment: str) -> None:
    with pytest.raises(SchemaError, match=fragment):
        LabelSchema([label])


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(SchemaError) as raised:
        LabelSchema([Label("A", "bad", "1"), Label("A", "#000000", "1")])
    message = str(raised.value)
    assert "use #RRGGBB" in message
    assert "defined twice" in message
    assert "hotkey '1'" in message


def test_parse_schema_reads_the_json_form_and_refuses_malformed_input() -> None:
    schema = parse_schema(
        {"labels": [{"name": "ORG", "color": "#00ff00", "hotkey": "o", "description": "x"}]}
    )
    assert schema.names() == ["ORG"]
    assert schema["ORG"].description == "x"
    assert schema["ORG"].alt_hotkey == ""
    with pytest.raises(SchemaError, match="is an object"):
        parse_schema([])
    with pytest.raises(SchemaError, match="label 1 needs name, color and hotkey"):
        parse_schema({"labels": [{"name": "ORG"}]})
