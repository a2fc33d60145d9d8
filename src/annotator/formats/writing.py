"""What every export writer is given and gives back: the corpus's labels, a tally of what a
format could not hold, and a one-line failure for a library that is not installed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType

from annotator.core.relations import RelationLabel


class MissingExtra(Exception):
    """A format needs a library of an optional extra that is not installed."""

    def __init__(self, fmt: str, module: str, extra: str) -> None:
        super().__init__(
            f"the {fmt} format needs {module}, which is not installed: "
            f'pip install "annotator[{extra}]"'
        )


class ExportProblem(Exception):
    """A record the format cannot hold at all (e.g. a character XML cannot carry)."""


def optional(module: str, fmt: str, extra: str) -> ModuleType:
    """``import module``, or :class:`MissingExtra` saying which extra installs it."""
    try:
        return import_module(module)
    except ImportError:
        raise MissingExtra(fmt, module, extra) from None


@dataclass(frozen=True)
class ExportContext:
    """The corpus's span label names and relation labels, in schema order (a labelling
    config, ``annotation.conf`` or a ClassLabel lists them before any record is written)."""

    labels: tuple[str, ...] = ()
    relation_labels: tuple[RelationLabel, ...] = ()
    # doccano writes its relation shape (``entities``/``relations``) when the export holds any
    # relation, and its span shape (``label``) otherwise: one shape per file.
    has_relations: bool = False


@dataclass
class Tally:
    """What writers counted: records written and, by reason, what a format left out."""

    records: int = 0
    left_out: Counter[str] = field(default_factory=Counter)
    # What the file holds when it is not one entry a record: ("pattern", 910).
    entries: tuple[str, int] | None = None

    def leave_out(self, reason: str, count: int = 1) -> None:
        if count:
            self.left_out[reason] += count

    def written(self) -> str:
        """What was written, in words: "45 record(s)", or "910 pattern(s) from 45 record(s)"."""
        records = f"{self.records:,} record(s)"
        if self.entries is None:
            return records
        what, count = self.entries
        return f"{count:,} {what}(s) from {records}"

    def lines(self, fmt: str) -> list[str]:
        """One sentence per reason, for stderr or the status bar."""
        return [
            f"{fmt}: {count} {reason} left out" for reason, count in sorted(self.left_out.items())
        ]
