"""The relation schema: rules, which labels fit two spans, the bundled default."""

from __future__ import annotations

import pytest

from annotator.core.relations import (
    RelationLabel,
    RelationSchema,
    RelationSchemaError,
    default_relation_schema,
    parse_relation_schema,
)


def test_the_default_has_the_four_event_arguments() -> None:
    schema = default_relation_schema()
    assert [(r.name, r.sources, r.targets) for r in schema] == [
        ("agent", ("EVENT",), ("ACTOR",)),
        ("target", ("EVENT",), ("ACTOR",)),
        ("location", ("EVENT",), ("PLACE",)),
        ("count", ("EVENT",), ("FIGURE",)),
    ]
    assert [r.name for r in schema.fitting("EVENT", "ACTOR")] == ["agent", "target"]
    assert [r.name for r in schema.fitting("EVENT", "PLACE")] == ["location"]
    assert schema.fitting("ACTOR", "EVENT") == []
    assert schema.can_start("EVENT")
    assert not schema.can_start("PLACE")
    assert schema.targets_for("EVENT") == {"ACTOR", "PLACE", "FIGURE"}
    assert schema.for_key("L") is schema["location"]


def test_an_open_end_allows_any_label() -> None:
    schema = RelationSchema([RelationLabel("same", "#123456", "s")])
    assert schema.fitting("A", "B") == [schema["same"]]
    assert schema.targets_for("A") is None
    assert schema["same"].ends() == "any -> any"


def test_problems_name_the_relation_and_the_ends() -> None:
    schema = default_relation_schema()
    assert schema.problem("agent", "EVENT", "ACTOR") is None
    assert schema.problem("agent", "EVENT", "PLACE") == (
        "a 'agent' relation goes EVENT -> ACTOR, not EVENT -> PLACE"
    )
    assert "not in the relation schema" in str(schema.problem("cause", "EVENT", "EVENT"))


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ([RelationLabel("a", "#000000", "x"), RelationLabel("a", "#000000", "y")], "twice"),
        ([RelationLabel("a", "#000000", "x"), RelationLabel("b", "#000000", "X")], "hotkey"),
        ([RelationLabel("a", "red", "x")], "#RRGGBB"),
        ([RelationLabel("1a", "#000000", "x")], "must start with a letter"),
        ([RelationLabel("a", "#000000", "")], "one-character hotkey"),
    ],
)
def test_a_broken_schema_is_refused(labels: list[RelationLabel], message: str) -> None:
    with pytest.raises(RelationSchemaError, match=message):
        RelationSchema(labels)


def test_parse_refuses_ends_that_are_not_lists() -> None:
    with pytest.raises(RelationSchemaError, match="lists of labels"):
        parse_relation_schema([{"name": "a", "color": "#000000", "hotkey": "a", "sources": "E"}])
