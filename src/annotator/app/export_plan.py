"""Deciding an export before writing it: the format's context (labels, relation labels),
whether the format can take the sets asked for, and ``--split``: which document goes where."""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.app.errors import UserError

if TYPE_CHECKING:
    from annotator.formats import ExportFormat
    from annotator.formats.writing import ExportContext
    from annotator.store.store import Store


def export_context(store: Store, person: str | None) -> ExportContext:
    from annotator.formats.writing import ExportContext
    from annotator.store.export_plan import holds_relations, schemas

    labels, relations = schemas(store)
    return ExportContext(
        labels=tuple(label.name for label in labels),
        relation_labels=tuple(relations),
        has_relations=holds_relations(store, person),
    )


def check_one_set(store: Store, fmt: ExportFormat, person: str | None) -> None:
    """Refuse to export every set in a format that holds one annotation per document when a
    document has several: the error lists the sets ``--set`` can choose."""
    from annotator.store.export_plan import several_sets
    from annotator.store.exporter import set_owners

    if fmt.one_set and person is None and several_sets(store):
        choices = ", ".join(set_owners(store))
        raise UserError(
            f"the {fmt.name} format holds one annotation per document, and documents here have "
            f"several: choose one set with --set ({choices})"
        )


def parse_split(text: str) -> list[tuple[str, float]]:
    """``train=0.8,dev=0.1,test=0.1`` as ``[(name, fraction)]``: names distinct and plain,
    fractions positive and adding up to 1."""
    parts: list[tuple[str, float]] = []
    for piece in text.split(","):
        name, equals, fraction = piece.strip().partition("=")
        if not equals or not name.isidentifier():
            raise UserError(f"--split: {piece.strip()!r} is not NAME=FRACTION (e.g. train=0.8)")
        try:
            value = float(fraction)
        except ValueError:
            raise UserError(f"--split: {fraction!r} is not a number") from None
        if not 0 < value <= 1:
            raise UserError(f"--split: {name}'s fraction must be above 0 and at most 1")
        if name in dict(parts):
            raise UserError(f"--split: {name} is named twice")
        parts.append((name, value))
    total = sum(value for _, value in parts)
    if abs(total - 1) > 1e-9:
        raise UserError(f"--split: the fractions add up to {total:g}, not 1")
    return parts


def assign_splits(ids: list[str], parts: list[tuple[str, float]], seed: int) -> dict[str, str]:
    """Each document id's split: the ids, sorted then shuffled by ``seed``, cut in the parts'
    order into runs of ``round(fraction * count)`` (largest remainders get the leftovers), so
    the same corpus and seed always give the same splits and a document is in exactly one."""
    order = sorted(set(ids))
    random.Random(seed).shuffle(order)
    exact = [fraction * len(order) for _, fraction in parts]
    sizes = [int(value) for value in exact]
    by_remainder = sorted(range(len(parts)), key=lambda i: (sizes[i] - exact[i], i))
    for index in by_remainder[: len(order) - sum(sizes)]:
        sizes[index] += 1
    assigned: dict[str, str] = {}
    position = 0
    for (name, _), size in zip(parts, sizes, strict=True):
        for ident in order[position : position + size]:
            assigned[ident] = name
        position += size
    return assigned


def split_target(output: str, name: str, fmt: ExportFormat) -> str:
    """Where split ``name`` goes: ``corpus.spacy`` -> ``corpus-train.spacy``, a folder
    ``brat`` -> ``brat-train`` (the split's name before the format's suffix)."""
    path = Path(output)
    if fmt.suffix and path.name.endswith(fmt.suffix) and path.name != fmt.suffix:
        stem = path.name[: -len(fmt.suffix)]
        return str(path.with_name(f"{stem}-{name}{fmt.suffix}"))
    return str(path.with_name(f"{path.name}-{name}"))
