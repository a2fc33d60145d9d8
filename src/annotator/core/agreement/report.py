"""Every agreement figure for a corpus, in one pass over its documents, and the JSON report.

What is computed (offsets are code point indices, end exclusive; only annotators who finished a
document count for it, documents fewer than two finished are skipped):

- alpha: Krippendorff's nominal alpha over token units (see ``units``), every token of every
  document one unit, a person's value the set of labels of their spans overlapping it;
  per label, the value is whether that label is in the set.
- alpha_u: Krippendorff's unitizing alpha over characters (see ``unitizing``), per label and
  overall.
- per pair of annotators, over the documents both finished: span F1 with exact and with
  overlapping boundaries (see ``spans_f1``), micro-averaged, and Cohen's kappa over the tokens
  (per label too, as binary values).
- per label: alpha, alpha_u, and F1 pooled over every pair.
- per document: alpha (its tokens the units) and F1 pooled over the pairs of annotators who
  finished it; listed least agreed first (by alpha, then F1 exact; None after any number).

Alpha goes through the coincidence matrix, built from the pairs' token tables (``tables``): a
document m annotators finished adds each ordered pair's table divided by m - 1.

A figure is None when it is undefined: alpha when there is no variation at all (every value the
same, e.g. nobody marked anything) or nothing pairable; alpha_u when the label has no unit;
F1 when neither side has a span; kappa when chance agreement is already 1.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations, repeat
from operator import itemgetter
from typing import Any

from annotator.core.agreement.alpha import alpha_from_coincidences
from annotator.core.agreement.kappa import cohen_kappa
from annotator.core.agreement.results import (
    Agreement,
    DocumentAgreement,
    LabelAgreement,
    PairAgreement,
)
from annotator.core.agreement.spans_f1 import Matching, SpanCounts, match, matches_by_document
from annotator.core.agreement.tables import PairTally, Table, add_into, regroup
from annotator.core.agreement.unitizing import UnitizingTally
from annotator.core.agreement.units import (
    AnnotatedDocument,
    AnnotatorColumns,
    Corpus,
    DocSpan,
    Value,
    Values,
    batched,
    build_corpus,
)

_label = itemgetter(3)


def agreement_report(
    documents: Iterable[AnnotatedDocument], labels: Iterable[str] = ()
) -> dict[str, Any]:
    """``compute_agreement(documents, labels).to_json()``:

    {"alpha", "alpha_u", "pairs": [{"a", "b", "f1_exact", "f1_overlap", "kappa"}],
     "labels": {LABEL: {"alpha", "alpha_u", "f1_exact", "f1_overlap"}},
     "documents": [{"id", "alpha", "f1_exact"}]}   (least agreed first, None last)
    """
    return compute_agreement(documents, labels).to_json()


def compute_agreement(
    documents: Iterable[AnnotatedDocument], labels: Iterable[str] = ()
) -> Agreement:
    """Every figure for ``documents`` (see the module docstring).

    ``labels`` (the schema's, in its order) are reported even when nobody used them, before
    any other label found in the spans (those in name order).
    """
    with _cycle_collector_paused():
        return _compute(documents, labels)


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector (restored after, if it was on).

    The computation allocates millions of small tuples and creates no reference cycles, so
    everything is freed by reference counting; but every 700 allocations the collector would
    scan the youngest objects for cycles, which cost a third of the run time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


BATCH = 32
"""Documents per batch: each batch is compared with set operations over all its documents at
once, while staying small enough for the processor's caches (bigger batches run slower)."""


@dataclass(slots=True)
class _Pair:
    documents: int = 0
    counts: SpanCounts = field(default_factory=SpanCounts)
    tallies: dict[int, PairTally] = field(default_factory=dict)
    """Token tables by how many annotators finished the documents (alpha weighs by it)."""


def _compute(documents: Iterable[AnnotatedDocument], labels: Iterable[str]) -> Agreement:
    values = Values()
    unitizing = UnitizingTally()
    pairs: dict[tuple[str, str], _Pair] = {}
    per_document: list[DocumentAgreement] = []
    seen: set[str] = set()
    for batch in batched(documents, BATCH):
        corpus = build_corpus(batch, values)
        per_document += _add_batch(corpus, unitizing, pairs, seen)
    label_order = list(dict.fromkeys(labels))
    label_order += sorted(seen - set(label_order))
    pooled = SpanCounts()
    for pair in pairs.values():
        pooled.merge(pair.counts)
    tables = [
        (m, tally.table(values.sets))
        for pair in pairs.values()
        for m, tally in pair.tallies.items()
    ]
    return Agreement(
        alpha=_alpha_over(tables, _same),
        alpha_u=unitizing.overall(),
        pairs=[
            _pair_agreement(a, b, pairs[(a, b)], label_order, values.sets) for a, b in sorted(pairs)
        ],
        labels={
            label: LabelAgreement(
                alpha=_alpha_over(tables, _member(label)),
                alpha_u=unitizing.alpha(label),
                f1_exact=pooled.label_f1_exact(label),
                f1_overlap=pooled.label_f1_overlap(label),
            )
            for label in label_order
        },
        documents=sorted(per_document, key=_least_agreed_first),
    )


def _add_batch(
    corpus: Corpus,
    unitizing: UnitizingTally,
    pairs: dict[tuple[str, str], _Pair],
    seen: set[str],
) -> list[DocumentAgreement]:
    """Count one batch of documents into ``unitizing`` and ``pairs``; its documents' figures."""
    finishers = [len(names) for names in corpus.finishers]
    unitizing.add_documents(corpus.lengths, finishers)
    label_spans: dict[str, Counter[str]] = {}
    for name, columns in corpus.annotators.items():
        unitizing.add_observer(columns.ordered_units, corpus.lengths)
        label_spans[name] = Counter(map(_label, columns.spans))
        seen.update(label_spans[name])
    differing: dict[int, int] = {}
    # Per (annotator, finishers): tokens of each value, the same for every pair of theirs.
    value_tokens: dict[tuple[str, int], dict[int, int]] = {}
    exact_by_document: Counter[int] = Counter()
    overlapping_by_document: Counter[int] = Counter()
    for name_a, name_b in combinations(sorted(corpus.annotators), 2):
        a, b = corpus.annotators[name_a], corpus.annotators[name_b]
        both: set[int] | None = None
        if a.span_counts.keys() != b.span_counts.keys():
            both = set(a.span_counts.keys() & b.span_counts.keys())
            if not both:
                continue
        shared = a.span_counts.keys() if both is None else both
        pair = pairs.get((name_a, name_b))
        if pair is None:
            pair = pairs[(name_a, name_b)] = _Pair()
        pair.documents += len(shared)
        matching = match(a.spans, b.spans, both)
        if both is None:
            pair.counts.add(label_spans[name_a] + label_spans[name_b], matching)
        else:
            pair_spans = Counter(span[3] for span in (*a.spans, *b.spans) if span[0] in both)
            pair.counts.add(pair_spans, matching)
        exact, overlapping = matches_by_document(matching)
        exact_by_document.update(exact)
        overlapping_by_document.update(overlapping)
        unitizing.add_pair(*_unit_differences(a, b, matching, both))
        for m, tokens in _uncovered(corpus, finishers, a, b, shared).items():
            tally = pair.tallies.get(m)
            if tally is None:
                tally = pair.tallies[m] = PairTally()
            runs_a, runs_b = a.runs.get(m, set()), b.runs.get(m, set())
            a_tokens = value_tokens.get((name_a, m)) if both is None else None
            if a_tokens is None:
                a_tokens = _value_tokens(a, finishers, m, shared)
                if both is None:
                    value_tokens[(name_a, m)] = a_tokens
            tally.add(runs_a, runs_b, a_tokens, corpus.document_of, both, tokens, differing)
    documents = []
    for index, document_id in enumerate(corpus.ids):
        m = finishers[index]
        values = m * corpus.tokens[index]
        spans = (m - 1) * corpus.span_totals[index]
        documents.append(
            DocumentAgreement(
                document_id,
                corpus.finishers[index],
                _alpha(
                    values,
                    corpus.squares[index],
                    values - corpus.covered[index],
                    differing.get(index, 0),
                    m - 1,
                ),
                _share(exact_by_document[index], spans),
                _share(overlapping_by_document[index], spans),
            )
        )
    return documents


def _unit_differences(
    a: AnnotatorColumns, b: AnnotatorColumns, matching: Matching, both: set[int] | None
) -> tuple[list[DocSpan], list[DocSpan]]:
    """The units only ``a`` has and those only ``b`` has, in documents both finished: the spans
    only one has, except in documents where either merged overlapping spans into units."""
    merged = a.merged.keys() | b.merged.keys()
    if both is not None:
        merged &= both
    if not merged:
        return list(matching.only_a), list(matching.only_b)
    only_a = [span for span in matching.only_a if span[0] not in merged]
    only_b = [span for span in matching.only_b if span[0] not in merged]
    for index in merged:
        units_a = set(a.units(index))
        units_b = set(b.units(index))
        only_a.extend(units_a - units_b)
        only_b.extend(units_b - units_a)
    return only_a, only_b


def _uncovered(
    corpus: Corpus,
    finishers: list[int],
    a: AnnotatorColumns,
    b: AnnotatorColumns,
    shared: Collection[int],
) -> dict[int, int]:
    """Per number of finishers, the tokens of the documents ``shared`` minus those inside a's
    runs minus those inside b's."""
    counts = set(map(finishers.__getitem__, shared))
    if len(counts) == 1:
        (m,) = counts
        tokens = sum(map(corpus.tokens.__getitem__, shared))
        covered_a = sum(map(a.covered.get, shared, repeat(0)))
        covered_b = sum(map(b.covered.get, shared, repeat(0)))
        return {m: tokens - covered_a - covered_b}
    uncovered: dict[int, int] = {}
    for index in shared:
        m = finishers[index]
        uncovered[m] = (
            uncovered.get(m, 0)
            + corpus.tokens[index]
            - a.covered.get(index, 0)
            - b.covered.get(index, 0)
        )
    return uncovered


def _value_tokens(
    columns: AnnotatorColumns, finishers: list[int], m: int, shared: Collection[int]
) -> dict[int, int]:
    """Per value id, the tokens inside ``columns``' runs in the documents ``shared`` that
    ``m`` annotators finished."""
    tokens: dict[int, int] = {}
    whole = len(shared) == len(columns.span_counts)
    for (document, value), count in columns.value_tokens.items():
        if finishers[document] == m and (whole or document in shared):
            tokens[value] = tokens.get(value, 0) + count
    return tokens


def _share(matched: int, spans: int) -> float | None:
    return 2 * matched / spans if spans else None


def _alpha(
    n: int, labelled_squares: int, empty: int, differing: int, m_less_one: int
) -> float | None:
    """Alpha of one document: ``n`` values (tokens times finishers), the sum of n_c**2 over
    its label-set values, ``empty`` EMPTY values, and ``differing`` tokens summed over the
    unordered pairs of annotators who gave them different values. The coincidences between
    different values total 2 * differing / (m - 1), so
    alpha = 1 - (n - 1) * 2 * differing / ((m - 1) * (n**2 - sum n_c**2))."""
    expected = n * n - labelled_squares - empty * empty
    if n < 2 or expected == 0:
        return None
    return 1 - (n - 1) * 2 * differing / (m_less_one * expected)


def _alpha_over(tables: list[tuple[int, Table]], by: Callable[[Value], Hashable]) -> float | None:
    """Alpha of the coincidence matrix these pair tables make, values grouped ``by``: each table
    counted in both orders, divided by (finishers - 1)."""
    matrix: dict[tuple[Hashable, Hashable], Fraction] = {}
    for finishers, table in tables:
        weight = Fraction(1, finishers - 1)
        for (x, y), count in regroup(table, by).items():
            matrix[(x, y)] = matrix.get((x, y), Fraction(0)) + count * weight
            matrix[(y, x)] = matrix.get((y, x), Fraction(0)) + count * weight
    return alpha_from_coincidences(matrix)


def _pair_agreement(
    a: str, b: str, pair: _Pair, labels: list[str], sets: list[Value]
) -> PairAgreement:
    table: Table = {}
    for tally in pair.tallies.values():
        add_into(table, tally.table(sets))
    counts = pair.counts
    return PairAgreement(
        a=a,
        b=b,
        documents=pair.documents,
        f1_exact=counts.f1_exact,
        f1_overlap=counts.f1_overlap,
        kappa=cohen_kappa(table),
        label_f1_exact={label: counts.label_f1_exact(label) for label in labels},
        label_f1_overlap={label: counts.label_f1_overlap(label) for label in labels},
        label_kappa={label: cohen_kappa(regroup(table, _member(label))) for label in labels},
    )


def _same(value: Value) -> Value:
    return value


def _member(label: str) -> Callable[[Value], bool]:
    def has(value: Value) -> bool:
        return label in value

    return has


def _least_agreed_first(document: DocumentAgreement) -> tuple[bool, float, bool, float]:
    return (
        document.alpha is None,
        document.alpha if document.alpha is not None else 0.0,
        document.f1_exact is None,
        document.f1_exact if document.f1_exact is not None else 0.0,
    )
