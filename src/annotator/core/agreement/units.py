"""Agreement input, and the corpus-wide columns every metric works on.

The input is one :class:`AnnotatedDocument` per document: its text and, for each annotator who
*finished* it, their spans. Offsets are code point indices into ``text``, end exclusive, and
must be valid for it (``0 <= start < end <= len(text)``, as the store guarantees). Documents
fewer than two annotators finished have nothing to compare and are left out.

A person's spans are taken as a set: the same (start, end, label) twice counts once.

Token units: each token of ``annotator.core.tokens.Tokens(text)`` (the tokenization selections
snap to) is one unit, and a person's value for it is the frozenset of labels of their spans that
overlap it (the empty set, "no label", is a value like any other). Values are kept as runs of
tokens (:data:`TokenRun`), never token by token.

Documents are taken a batch at a time (:class:`Corpus`): everything is tagged with its
document's index in the batch and gathered per annotator into sets, so that comparing two
annotators over the batch is a handful of set operations in C, and Python only walks the places
where they differ. Each document is tokenized once; spans are mapped to tokens with a binary
search per distinct offset, and a person's token values are built from their spans, never token
by token, so apart from tokenizing the cost follows the number of spans, not of characters.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, compress, pairwise, repeat
from operator import add, and_, eq, ge, itemgetter, lt, not_, sub
from typing import Protocol

# The token pattern itself, so that the units here can never drift from what Tokens finds.
from annotator.core.tokens import token_patterns

DocumentId = str | int
Value = frozenset[str]
SpanTuple = tuple[int, int, str]
"""(start, end, label): code point offsets, end exclusive."""
DocSpan = tuple[int, int, int, str]
"""(document index, start, end, label)."""
TokenRun = tuple[int, int, int]
"""(first token, stop token (exclusive), value id): a run of tokens with one non-empty value.
Token indices count from the start of the batch (see ``Corpus.token_bases``), so runs of
different documents never meet. Value ids (see :class:`Values`) keep these tuples free of
containers, which spares the hashing and lets the garbage collector ignore them."""

EMPTY: Value = frozenset()

_by_label = itemgetter(3, 1)


class SpanLike(Protocol):
    """Anything with code point offsets (end exclusive) and a label: Span, StoredSpan."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def label(self) -> str: ...


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    """One document and the spans of every annotator who finished it.

    Annotators who have not finished the document must not appear in ``spans``; one who
    finished it without marking anything appears with an empty list. A span is a
    :class:`SpanLike` or a plain ``(start, end, label)`` tuple (cheaper to send between
    processes). ``marks`` is ``token_marks(text)`` when it was already computed (in another
    process), None to compute it here.
    """

    id: DocumentId
    text: str
    spans: Mapping[str, Iterable[SpanLike | tuple[int, int, str]]]
    marks: list[int] | None = None


class Values:
    """Small integer ids for label sets: 0 is EMPTY, then each set in order of first use."""

    def __init__(self) -> None:
        self.sets: list[Value] = [EMPTY]
        self._ids: dict[Value, int] = {EMPTY: 0}
        self.single = _Singles(self)
        """label -> id of {label}."""

    def id(self, value: Value) -> int:
        found = self._ids.get(value)
        if found is None:
            found = self._ids[value] = len(self.sets)
            self.sets.append(value)
        return found


class _Singles(dict[str, int]):
    def __init__(self, values: Values) -> None:
        super().__init__()
        self._values = values

    def __missing__(self, label: str) -> int:
        found = self[label] = self._values.id(frozenset((label,)))
        return found


@dataclass(slots=True)
class AnnotatorColumns:
    """One annotator's finished work over a batch of documents."""

    span_counts: dict[int, int] = field(default_factory=dict)
    """Document index -> how many distinct spans; its keys are the documents finished."""
    spans: set[DocSpan] = field(default_factory=set)
    by_document: dict[int, list[DocSpan]] = field(default_factory=dict)
    """Document index -> ``spans`` in it, by start (absent: none)."""
    merged: dict[int, list[DocSpan]] = field(default_factory=dict)
    """Document index -> its units where they differ from its spans: overlapping spans of one
    label merged into one, since alpha_u has one unitization per observer and label (spans
    that only touch stay two units). Elsewhere the units are the spans."""
    ordered_units: list[DocSpan] = field(default_factory=list)
    """Every unit, sorted by (document index, label, start)."""
    runs: dict[int, set[TokenRun]] = field(default_factory=dict)
    """By how many annotators finished the document: disjoint runs of tokens with one non-empty
    label set; tokens outside them have the value EMPTY."""
    covered: dict[int, int] = field(default_factory=dict)
    """Document index -> tokens inside ``runs`` (absent: none)."""
    value_tokens: dict[tuple[int, int], int] = field(default_factory=dict)
    """(document index, value id) -> tokens inside ``runs`` with that value."""
    ranges: tuple[list[int], list[int], list[str], list[int]] = field(
        default_factory=lambda: ([], [], [], [])
    )
    """While the batch is read: each span's first token, stop token, label and document index,
    turned into ``runs`` once the batch is complete."""

    def units(self, index: int) -> list[DocSpan]:
        """The units in one document."""
        merged = self.merged.get(index)
        return self.by_document.get(index, []) if merged is None else merged


@dataclass(slots=True)
class Corpus:
    """A batch of documents at least two annotators finished, by index, and everyone's
    columns."""

    ids: list[DocumentId] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    """Characters (code points) per document: the continuum alpha_u works on."""
    tokens: list[int] = field(default_factory=list)
    finishers: list[tuple[str, ...]] = field(default_factory=list)
    """Who finished each document, by name."""
    annotators: dict[str, AnnotatorColumns] = field(default_factory=dict)
    values: Values = field(default_factory=Values)
    span_totals: list[int] = field(default_factory=list)
    """Per document: distinct spans, summed over its annotators."""
    covered: list[int] = field(default_factory=list)
    """Per document: tokens with a label (non-empty value), summed over its annotators."""
    squares: list[int] = field(default_factory=list)
    """Per document: the sum over non-empty values of (how many tokens got it, summed over
    its annotators) squared, which its alpha needs."""
    token_bases: list[int] = field(default_factory=list)
    """Per document: the batch-wide index of its first token."""

    def document_of(self, token: int) -> int:
        """The index of the document holding the batch-wide ``token``."""
        return bisect_right(self.token_bases, token) - 1


@cache
def _token_and_space() -> re.Pattern[str]:
    token_re, _ = token_patterns()
    # The whitespace before a token, then the token: matches follow each other without gaps.
    return re.compile(f"\\s*+(?:{token_re.pattern})", token_re.flags)


def token_marks(text: str) -> list[int]:
    """0, then the end offset of every token of ``text`` (exactly the tokens of
    ``Tokens(text)``), found without a Python step per token: ``len(marks) - 1`` tokens."""
    return list(accumulate(map(len, _token_and_space().findall(text)), initial=0))


def token_bounds(text: str) -> tuple[list[int], list[int]]:
    """(starts, ends) of the tokens of ``text``, as ``Tokens(text).starts`` and ``.ends``."""
    pieces = _token_and_space().findall(text)
    ends = list(accumulate(map(len, pieces)))
    starts = list(map(sub, ends, map(len, map(str.lstrip, pieces))))
    return starts, ends


def batched(documents: Iterable[AnnotatedDocument], size: int) -> Iterator[list[AnnotatedDocument]]:
    """``documents`` in lists of ``size`` (the last one shorter)."""
    batch: list[AnnotatedDocument] = []
    for document in documents:
        batch.append(document)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def build_corpus(documents: Iterable[AnnotatedDocument], values: Values | None = None) -> Corpus:
    """Tokenize every document once and gather each annotator's spans, units and token runs
    (value ids from ``values``, shared when corpora are built batch by batch)."""
    corpus = Corpus() if values is None else Corpus(values=values)
    for document in documents:
        names = sorted(document.spans)
        if len(names) < 2:
            continue
        index = len(corpus.ids)
        text = document.text
        marks = token_marks(text) if document.marks is None else document.marks
        distinct = [_distinct(index, document.spans[name]) for name in names]
        base = corpus.token_bases[-1] + corpus.tokens[-1] if corpus.ids else 0
        token_indices = _token_indices(text, marks, frozenset().union(*distinct), base)
        for name, spans in zip(names, distinct, strict=True):
            columns = corpus.annotators.get(name)
            if columns is None:
                columns = corpus.annotators[name] = AnnotatorColumns()
            columns.span_counts[index] = len(spans)
            if spans:
                _add_spans(columns, index, spans, token_indices)
        corpus.ids.append(document.id)
        corpus.lengths.append(len(text))
        corpus.tokens.append(len(marks) - 1)
        corpus.token_bases.append(base)
        corpus.finishers.append(tuple(names))
        corpus.span_totals.append(sum(map(len, distinct)))
    _resolve_runs(corpus)
    return corpus


def _distinct(index: int, spans: Iterable[SpanLike | tuple[int, int, str]]) -> frozenset[DocSpan]:
    """The distinct spans of one annotator in document ``index``."""
    given = list(spans)
    if given and isinstance(given[0], tuple):
        return frozenset([(index, *span) for span in given])  # type: ignore[misc]
    return frozenset([(index, span.start, span.end, span.label) for span in given])  # type: ignore[union-attr]


def _token_indices(
    text: str, marks: list[int], spans: frozenset[DocSpan], base: int
) -> tuple[dict[int, int], dict[int, int]]:
    """For every span start, the first token overlapping a span from there (the number of
    tokens ending at or before it), and for every span end, the token after the last one
    overlapping a span up to there (the number of tokens starting before it), both counted
    from ``base``. Each distinct offset is looked up once, however many annotators share it."""
    if not spans:
        return {}, {}
    _, starts, ends, _ = zip(*spans, strict=True)
    starts_ = set(starts)
    ends_ = list(set(ends))
    # marks[0] is 0, not a token end: the count of marks up to an offset is one too many.
    firsts = map(sub, map(bisect_right, repeat(marks), starts_), repeat(1 - base))
    # k tokens end at or before an end offset; one more starts before it when the text between
    # the k-th token's end and the offset is not all whitespace (the offset cuts a token).
    ended = list(map(sub, map(bisect_right, repeat(marks), ends_), repeat(1)))
    between = map(text.__getitem__, map(slice, map(marks.__getitem__, ended), ends_))
    stops = map(add, map(add, ended, repeat(base)), map(bool, map(str.strip, between)))
    return dict(zip(starts_, firsts, strict=True)), dict(zip(ends_, stops, strict=True))


_Cluster = tuple[tuple[int, int, str], ...]


def _add_spans(
    columns: AnnotatorColumns,
    index: int,
    spans: frozenset[DocSpan],
    token_indices: tuple[dict[int, int], dict[int, int]],
) -> None:
    """Add one annotator's ``spans`` in document ``index``; their token ranges wait in
    ``columns.ranges`` for the batch to be complete."""
    ordered = sorted(spans)
    _, starts, ends, labels = zip(*ordered, strict=True)
    columns.spans.update(spans)
    columns.by_document[index] = ordered
    units = sorted(ordered, key=_by_label)
    _, unit_starts, unit_ends, unit_labels = zip(*units, strict=True)
    # Spans of one label overlap somewhere iff two that follow each other in this order do.
    if any(map(and_, map(eq, unit_labels[1:], unit_labels), map(lt, unit_starts[1:], unit_ends))):
        units = columns.merged[index] = _merge_same_label(units)
    columns.ordered_units.extend(units)
    first_token, stop_token = token_indices
    firsts, stops, range_labels, documents = columns.ranges
    firsts.extend(map(first_token.__getitem__, starts))
    stops.extend(map(stop_token.__getitem__, ends))
    range_labels.extend(labels)
    documents.extend(repeat(index, len(labels)))


def _resolve_runs(corpus: Corpus) -> None:
    """Turn every annotator's token ranges into disjoint runs of one label set, and count per
    document the tokens inside them and the squares its alpha needs."""
    values = corpus.values
    finishers = list(map(len, corpus.finishers))
    tokens_by_value: dict[tuple[int, int], int] = {}
    covered = [0] * len(corpus.ids)
    # Annotators mostly agree: work out each cluster of overlapping ranges once.
    cache: dict[_Cluster, tuple[list[int], list[int], list[int]]] = {}
    for columns in corpus.annotators.values():
        firsts, stops, labels, documents = columns.ranges
        columns.ranges = ([], [], [], [])
        if any(map(ge, firsts, stops)):
            # A span over whitespace only covers no token and gives no token a value.
            keep = list(map(lt, firsts, stops))
            firsts = list(compress(firsts, keep))
            stops = list(compress(stops, keep))
            labels = list(compress(labels, keep))
            documents = list(compress(documents, keep))
        # Ranges come by document, then start: sorted by first token across the batch.
        alone = _alone(firsts, stops)
        if alone is None:
            ids = list(map(values.single.__getitem__, labels))
        else:
            clusters = _clusters(list(zip(firsts, stops, labels, strict=True)), alone)
            firsts = list(compress(firsts, alone))
            stops = list(compress(stops, alone))
            ids = list(map(values.single.__getitem__, compress(labels, alone)))
            documents = list(compress(documents, alone))
            for cluster in clusters:
                runs = cache.get(cluster)
                if runs is None:
                    found = _label_set_runs(cluster)
                    runs = cache[cluster] = (
                        [first for first, _, _ in found],
                        [stop for _, stop, _ in found],
                        [values.id(value) for _, _, value in found],
                    )
                firsts += runs[0]
                stops += runs[1]
                ids += runs[2]
                documents += [corpus.document_of(cluster[0][0])] * len(runs[0])
        lengths = list(map(sub, stops, firsts))
        mine = columns.value_tokens
        for key, length in zip(zip(documents, ids, strict=True), lengths, strict=True):
            mine[key] = mine.get(key, 0) + length
        by_document = columns.covered
        for key, count in mine.items():
            by_document[key[0]] = by_document.get(key[0], 0) + count
            tokens_by_value[key] = tokens_by_value.get(key, 0) + count
        for document, count in by_document.items():
            covered[document] += count
        groups = set(map(finishers.__getitem__, by_document))
        if len(groups) == 1:
            columns.runs[groups.pop()] = set(zip(firsts, stops, ids, strict=True))
        else:
            for first, stop, value, document in zip(firsts, stops, ids, documents, strict=True):
                columns.runs.setdefault(finishers[document], set()).add((first, stop, value))
    squares = [0] * len(corpus.ids)
    for (document, _), count in tokens_by_value.items():
        squares[document] += count * count
    corpus.covered = covered
    corpus.squares = squares


def _alone(starts: Sequence[int], ends: Sequence[int]) -> list[bool] | None:
    """For ranges sorted by start: whether each overlaps no other; None when none overlaps
    (the usual case, found without a Python step per range)."""
    reach = list(accumulate(ends, max))
    later = starts[1:]
    if not any(map(lt, later, reach)):
        return None
    opens = [True, *map(ge, later, reach)]
    return list(map(and_, opens, [*opens[1:], True]))


def _clusters(ranges: Iterable[tuple[int, int, str]], alone: list[bool]) -> list[_Cluster]:
    """The runs of mutually overlapping ranges among those not ``alone`` (sorted by start)."""
    clusters: list[list[tuple[int, int, str]]] = []
    reach = -1
    for item in compress(ranges, map(not_, alone)):
        if item[0] < reach:
            clusters[-1].append(item)
            reach = max(reach, item[1])
        else:
            clusters.append([item])
            reach = item[1]
    return [tuple(cluster) for cluster in clusters]


def _merge_same_label(units: list[DocSpan]) -> list[DocSpan]:
    """``units`` (sorted by label, then start) with those of one label that overlap merged into
    one; units that only touch stay two."""
    merged: list[DocSpan] = []
    for unit in units:
        if merged:
            index, start, end, label = merged[-1]
            if unit[3] == label and unit[1] < end:
                if unit[2] > end:
                    merged[-1] = (index, start, unit[2], label)
                continue
        merged.append(unit)
    return merged


def _label_set_runs(cluster: _Cluster) -> list[tuple[int, int, Value]]:
    """Disjoint runs of equal label sets from token ranges that overlap one another (sorted by
    first token)."""
    if len(cluster) == 2:
        # The usual cluster, one range nested in or overlapping another, done directly.
        (first, stop, label), (first_2, stop_2, label_2) = cluster
        if label == label_2:
            return [(first, max(stop, stop_2), frozenset((label,)))]
        runs = [(first, first_2, frozenset((label,)))] if first < first_2 else []
        if stop_2 < stop:
            runs.append((first_2, stop_2, frozenset((label, label_2))))
            runs.append((stop_2, stop, frozenset((label,))))
        else:
            runs.append((first_2, stop, frozenset((label, label_2))))
            if stop < stop_2:
                runs.append((stop, stop_2, frozenset((label_2,))))
        return runs
    runs = []
    points = sorted({point for first, stop, _ in cluster for point in (first, stop)})
    for low, high in pairwise(points):
        value = frozenset(
            [label for first, stop, label in cluster if first <= low and high <= stop]
        )
        if not value:
            continue
        if runs and runs[-1][1] == low and runs[-1][2] == value:
            runs[-1] = (runs[-1][0], high, value)
        else:
            runs.append((low, high, value))
    return runs
