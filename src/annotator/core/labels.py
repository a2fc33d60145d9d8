"""The label schema: which labels exist, their colours, hotkeys and descriptions."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")


class SchemaError(ValueError):
    """A label schema that breaks a rule (duplicate name or hotkey, bad colour, ...)."""


@dataclass(frozen=True, slots=True)
class Label:
    """One label. ``hotkey`` and ``alt_hotkey`` are single characters (``alt_hotkey`` may be "")."""

    name: str
    color: str
    hotkey: str
    alt_hotkey: str = ""
    description: str = ""

    def hotkeys(self) -> tuple[str, ...]:
        return tuple(k for k in (self.hotkey, self.alt_hotkey) if k)


class LabelSchema:
    """An ordered set of labels with unique names and unique hotkeys."""

    def __init__(self, labels: Iterable[Label]) -> None:
        self._labels = tuple(labels)
        problems = schema_problems(self._labels)
        if problems:
            raise SchemaError("; ".join(problems))
        self._by_name = {label.name: label for label in self._labels}
        self._by_key = {key.lower(): label for label in self._labels for key in label.hotkeys()}

    def __iter__(self) -> Iterator[Label]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __getitem__(self, name: str) -> Label:
        return self._by_name[name]

    def names(self) -> list[str]:
        return [label.name for label in self._labels]

    def for_key(self, key: str) -> Label | None:
        """The label whose hotkey is ``key`` (case-insensitive), or None."""
        return self._by_key.get(key.lower())


def schema_problems(labels: Iterable[Label]) -> list[str]:
    """Every rule the labels break, as sentences; empty when they form a valid schema."""
    problems: list[str] = []
    names: set[str] = set()
    keys: dict[str, str] = {}
    for label in labels:
        problems += definition_problems("label", label.name, label.color, label.hotkey, names)
        if label.alt_hotkey and (len(label.alt_hotkey) != 1 or label.alt_hotkey.isspace()):
            problems.append(f"label {label.name!r}: the second hotkey must be one character")
        for key in label.hotkeys():
            owner = keys.get(key.lower())
            if owner is not None and owner != label.name:
                problems.append(f"hotkey {key!r} is used by both {owner!r} and {label.name!r}")
            elif owner == label.name:
                problems.append(f"label {label.name!r} has hotkey {key!r} twice")
            keys[key.lower()] = label.name
    return problems


def definition_problems(
    kind: str, name: str, color: str, hotkey: str, names: set[str]
) -> list[str]:
    """What breaks the rules every named definition of a schema keeps (a span label, a
    relation label: ``kind``): a name of letters, digits, '_' and '-' not in ``names`` (the
    names before it, to which it is added), a #RRGGBB colour, a one-character hotkey."""
    problems = []
    if not _NAME.match(name):
        problems.append(
            f"{kind} name {name!r} must start with a letter and hold only "
            "letters, digits, '_' and '-'"
        )
    if name in names:
        problems.append(f"{kind} {name!r} is defined twice")
    names.add(name)
    if not _COLOR.match(color):
        problems.append(f"{kind} {name!r} has colour {color!r}; use #RRGGBB")
    if len(hotkey) != 1 or hotkey.isspace():
        problems.append(f"{kind} {name!r} needs a one-character hotkey")
    return problems


def parse_schema(data: object) -> LabelSchema:
    """A schema from its JSON form ``{"labels": [{"name", "color", "hotkey", ...}]}``."""
    if not isinstance(data, dict) or not isinstance(data.get("labels"), list):
        raise SchemaError('a label schema is an object {"labels": [...]}')
    labels = []
    for index, item in enumerate(data["labels"], start=1):
        if not isinstance(item, dict) or not {"name", "color", "hotkey"} <= item.keys():
            raise SchemaError(f"label {index} needs name, color and hotkey")
        labels.append(
            Label(
                name=str(item["name"]),
                color=str(item["color"]),
                hotkey=str(item["hotkey"]),
                alt_hotkey=str(item.get("alt_hotkey", "")),
                description=str(item.get("description", "")),
            )
        )
    return LabelSchema(labels)


def default_schema() -> LabelSchema:
    """ACTOR (1), PLACE (2), EVENT (3), FIGURE (4), from the bundled ``default_schema.json``."""
    raw = resources.files("annotator.resources").joinpath("default_schema.json").read_text("utf-8")
    return parse_schema(json.loads(raw))
