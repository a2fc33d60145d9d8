"""The relation schema: which relations (event arguments) may link two spans.

A relation goes from a source span to a target span of the same annotation set, with a
relation label such as ``agent`` (EVENT -> ACTOR). Each relation label names the span labels
it allows at each end; an empty list allows any span label at that end.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

from annotator.core.labels import definition_problems


class RelationSchemaError(ValueError):
    """A relation schema that breaks a rule (duplicate name or hotkey, bad colour, ...)."""


@dataclass(frozen=True, slots=True)
class RelationLabel:
    """One relation label. ``hotkey`` is one character, pressed while a relation is being
    drawn (so it may repeat a span label's key). ``sources`` and ``targets`` are the span
    labels allowed at each end, in schema order; empty means any."""

    name: str
    color: str
    hotkey: str
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    description: str = ""

    def allows(self, source_label: str, target_label: str) -> bool:
        """Whether a span labelled ``source_label`` may point with this label to one
        labelled ``target_label``."""
        return (not self.sources or source_label in self.sources) and (
            not self.targets or target_label in self.targets
        )

    def allows_source(self, source_label: str) -> bool:
        return not self.sources or source_label in self.sources

    def ends(self) -> str:
        """How the allowed ends read, e.g. ``EVENT -> ACTOR`` (``any`` for an open end)."""
        return f"{' | '.join(self.sources) or 'any'} -> {' | '.join(self.targets) or 'any'}"


class RelationSchema:
    """An ordered set of relation labels with unique names and unique hotkeys (the schema may
    be empty: a project without relations)."""

    def __init__(self, labels: Iterable[RelationLabel] = ()) -> None:
        self._labels = tuple(labels)
        problems = relation_schema_problems(self._labels)
        if problems:
            raise RelationSchemaError("; ".join(problems))
        self._by_name = {label.name: label for label in self._labels}
        self._by_key = {label.hotkey.lower(): label for label in self._labels}

    def __iter__(self) -> Iterator[RelationLabel]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __getitem__(self, name: str) -> RelationLabel:
        return self._by_name[name]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RelationSchema) and self._labels == other._labels

    def __hash__(self) -> int:
        return hash(self._labels)

    def __repr__(self) -> str:
        return f"RelationSchema({list(self._labels)!r})"

    def names(self) -> list[str]:
        return [label.name for label in self._labels]

    def for_key(self, key: str) -> RelationLabel | None:
        """The relation label whose hotkey is ``key`` (case-insensitive), or None."""
        return self._by_key.get(key.lower())

    def fitting(self, source_label: str, target_label: str) -> list[RelationLabel]:
        """The relation labels allowed from a ``source_label`` span to a ``target_label``
        span, in schema order."""
        return [label for label in self._labels if label.allows(source_label, target_label)]

    def can_start(self, source_label: str) -> bool:
        """Whether any relation may start at a span labelled ``source_label``."""
        return any(label.allows_source(source_label) for label in self._labels)

    def targets_for(self, source_label: str) -> set[str] | None:
        """The span labels a relation from a ``source_label`` span may reach; None: any."""
        reachable: set[str] = set()
        for label in self._labels:
            if label.allows_source(source_label):
                if not label.targets:
                    return None
                reachable.update(label.targets)
        return reachable

    def problem(self, relation: str, source_label: str, target_label: str) -> str | None:
        """Why a ``relation`` from a ``source_label`` span to a ``target_label`` span is not
        allowed, as a sentence; None when it is."""
        label = self._by_name.get(relation)
        if label is None:
            known = ", ".join(self.names()) or "none"
            return f"relation label {relation!r} is not in the relation schema (known: {known})"
        if not label.allows(source_label, target_label):
            return (
                f"a {relation!r} relation goes {label.ends()}, not {source_label} -> {target_label}"
            )
        return None


def relation_schema_problems(labels: Iterable[RelationLabel]) -> list[str]:
    """Every rule the relation labels break, as sentences; empty when they form a schema."""
    problems: list[str] = []
    names: set[str] = set()
    keys: dict[str, str] = {}
    for label in labels:
        problems += definition_problems("relation", label.name, label.color, label.hotkey, names)
        owner = keys.get(label.hotkey.lower())
        if owner is not None:
            problems.append(f"hotkey {label.hotkey!r} is used by both {owner!r} and {label.name!r}")
        keys[label.hotkey.lower()] = label.name
        for end, allowed in (("source", label.sources), ("target", label.targets)):
            if len(set(allowed)) != len(allowed):
                problems.append(f"relation {label.name!r} names a {end} label twice")
    return problems


def parse_relation_schema(data: object) -> RelationSchema:
    """A relation schema from its JSON form: the ``relations`` list of
    ``{"name", "color", "hotkey", "sources"?, "targets"?, "description"?}``."""
    if not isinstance(data, list):
        raise RelationSchemaError('"relations" is a list of relation labels')
    labels = []
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict) or not {"name", "color", "hotkey"} <= item.keys():
            raise RelationSchemaError(f"relation {index} needs name, color and hotkey")
        ends = [item.get("sources", []), item.get("targets", [])]
        if not all(isinstance(end, list) and all(isinstance(x, str) for x in end) for end in ends):
            raise RelationSchemaError(f"relation {index}: sources and targets are lists of labels")
        labels.append(
            RelationLabel(
                name=str(item["name"]),
                color=str(item["color"]),
                hotkey=str(item["hotkey"]),
                sources=tuple(ends[0]),
                targets=tuple(ends[1]),
                description=str(item.get("description", "")),
            )
        )
    return RelationSchema(labels)


def default_relation_schema() -> RelationSchema:
    """``agent`` and ``target`` (EVENT -> ACTOR), ``location`` (EVENT -> PLACE) and ``count``
    (EVENT -> FIGURE), from the bundled ``default_schema.json``."""
    raw = resources.files("annotator.resources").joinpath("default_schema.json").read_text("utf-8")
    return parse_relation_schema(json.loads(raw).get("relations", []))
