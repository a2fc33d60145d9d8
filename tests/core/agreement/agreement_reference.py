"""Slow, obvious implementations the fast agreement code is checked against.

They follow the definitions token by token and section by section, with no shortcuts.
"""

# ruff: noqa: RUF001

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from itertools import permutations

from annotator.core.agreement.alpha import nominal_alpha
from annotator.core.agreement.kappa import kappa_of
from annotator.core.agreement.units import AnnotatedDocument
from annotator.core.spans import Span
from annotator.core.tokens import Tokens

Unit = tuple[int, int, str]


def token_values(document: AnnotatedDocument) -> dict[str, list[frozenset[str]]]:
    """Each finisher's value for each token: the labels of their spans overlapping it."""
    tokens = Tokens(document.text)
    values: dict[str, list[frozenset[str]]] = {}
    for name, spans in document.spans.items():
        distinct = {(span.start, span.end, span.label) for span in spans}
        values[name] = [
            frozenset(label for start, end, label in distinct if start < stop and first < end)
            for first, stop in tokens.spans()
        ]
    return values


def finished(documents: Iterable[AnnotatedDocument]) -> list[AnnotatedDocument]:
    return [document for document in documents if len(document.spans) >= 2]


def alpha(documents: Iterable[AnnotatedDocument], label: str | None = None) -> float | None:
    """Nominal alpha with every token of every document one unit."""
    units: list[list[object]] = []
    for document in finished(documents):
        values = token_values(document)
        for index in range(len(Tokens(document.text))):
            unit = [values[name][index] for name in values]
            units.append(unit if label is None else [label in value for value in unit])
    return nominal_alpha(units)


def kappa(
    documents: Iterable[AnnotatedDocument], a: str, b: str, label: str | None = None
) -> float | None:
    """Cohen's kappa of a and b over the tokens of the documents both finished."""
    first: list[object] = []
    second: list[object] = []
    for document in documents:
        if a in document.spans and b in document.spans:
            values = token_values(document)
            for x, y in zip(values[a], values[b], strict=True):
                first.append(x if label is None else label in x)
                second.append(y if label is None else label in y)
    return kappa_of(first, second)


def merged_units(spans: Iterable[Unit]) -> list[Unit]:
    """One observer's units: overlapping spans of one label merged, touching ones kept."""
    units: list[Unit] = []
    for start, end, label in sorted(set(spans), key=lambda unit: (unit[2], unit[0])):
        if units and units[-1][2] == label and start < units[-1][1]:
            units[-1] = (units[-1][0], max(units[-1][1], end), label)
        else:
            units.append((start, end, label))
    return units


def _sections(length: int, units: Sequence[Unit], label: str) -> list[tuple[int, int, bool]]:
    """(begin, end, is unit) for the units of ``label`` and the gaps between them."""
    sections: list[tuple[int, int, bool]] = []
    at = 0
    for start, end, _ in sorted(unit for unit in units if unit[2] == label):
        if start > at:
            sections.append((at, start, False))
        sections.append((start, end, True))
        at = end
    if at < length:
        sections.append((at, length, False))
    return sections


def _distance(g: tuple[int, int, bool], h: tuple[int, int, bool]) -> int:
    (bg, eg, unit_g), (bh, eh, unit_h) = g, h
    if unit_g and unit_h and bg < eh and bh < eg:
        return (bg - bh) ** 2 + (eg - eh) ** 2
    if unit_g and not unit_h and bh <= bg and eg <= eh:
        return (eg - bg) ** 2
    if unit_h and not unit_g and bg <= bh and eh <= eg:
        return (eh - bh) ** 2
    return 0


def unitizing(
    documents: Sequence[tuple[int, Mapping[str, Sequence[Unit]]]], label: str
) -> tuple[float, float]:
    """(D_o, D_e) for ``label``: each document is (length, units by observer), observers who
    did not finish it simply absent. Every pair of sections is visited."""
    length = sum(size for size, observers in documents if len(observers) >= 2)
    pair_positions = 0
    values = 0
    observed = 0
    unit_lengths: list[int] = []
    gap_lengths: list[int] = []
    for size, observers in documents:
        m = len(observers)
        if m < 2:
            continue
        pair_positions += m * (m - 1) * size
        values += m * size
        merged = {name: merged_units(units) for name, units in observers.items()}
        sections = {name: _sections(size, units, label) for name, units in merged.items()}
        for i, j in permutations(sections, 2):
            observed += sum(_distance(g, h) for g in sections[i] for h in sections[j])
        for name_sections in sections.values():
            unit_lengths += [end - begin for begin, end, unit in name_sections if unit]
            gap_lengths += [end - begin for begin, end, unit in name_sections if not unit]
    if not unit_lengths:
        return 0.0, 0.0
    total = 0.0
    for size in unit_lengths:
        total += (len(unit_lengths) - 1) * (2 * size**3 - 3 * size**2 + size) / 3
        total += size * size * sum(gap - size + 1 for gap in gap_lengths if gap >= size)
    expected = (
        (2 / length)
        * total
        / (values * (values - 1) - sum(size * (size - 1) for size in unit_lengths))
    )
    return observed / (length * pair_positions), expected


def f1_counts(a: set[Unit], b: set[Unit]) -> tuple[int, int]:
    """(exact matches, overlapping matches) of two sets of one document's spans: every span
    both have is matched with itself, then the rest as many times as any one-to-one matching
    of overlapping same-label spans allows (small inputs only)."""
    exact = a & b
    return len(exact), len(exact) + most_overlap_pairs(sorted(a - exact), sorted(b - exact))


def most_overlap_pairs(a: Sequence[Unit], b: Sequence[Unit]) -> int:
    """The size of the largest one-to-one matching of overlapping same-label spans, found by
    going through every matching: each span of ``a`` either stays unmatched or takes a span
    of ``b`` it overlaps that no earlier span took."""

    def best(index: int, taken: frozenset[int]) -> int:
        if index == len(a):
            return 0
        start, end, label = a[index]
        most = best(index + 1, taken)  # a[index] unmatched
        for j, (other_start, other_end, other_label) in enumerate(b):
            if j not in taken and label == other_label and start < other_end and other_start < end:
                most = max(most, 1 + best(index + 1, taken | {j}))
        return most

    return best(0, frozenset())


def random_documents(rng: random.Random, count: int) -> list[AnnotatedDocument]:
    """Short texts with words, punctuation, emoji and non-ASCII, and random spans (nested,
    overlapping, mid-token, whitespace-only) from up to four annotators, some missing."""
    words = [
        "Kabul",
        "police",
        "said",
        ",",
        "48",
        "people",
        "👩\u200d💻",
        "Zürich",
        "می\u200cخواهم",
        ".",
    ]
    labels = ["ACTOR", "PLACE", "EVENT"]
    documents = []
    for number in range(count):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        spans = {}
        for name in ("ann", "ben", "cat", "dan"):
            if rng.random() < 0.25:
                continue  # not finished
            items = []
            for _ in range(rng.randint(0, 5)):
                start = rng.randrange(len(text))
                end = rng.randint(start + 1, min(len(text), start + 15))
                items.append(Span(start, end, rng.choice(labels)))
            spans[name] = items
        documents.append(AnnotatedDocument(f"d{number}", text, spans))
    return documents
