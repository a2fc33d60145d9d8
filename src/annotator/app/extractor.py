"""The extractor: a spaCy span categorizer (``spancat``) from a blank pipeline, no download.

Why ``spancat`` and not ``ner``: annotators nest spans (a PLACE inside an EVENT), and ``ner``
holds one label per token, so it would have to drop every nested span; ``spancat`` scores
candidate spans one by one, so nested and overlapping spans are learned and suggested as they
are, and each suggestion comes with the model's confidence (its score), which orders the
documents by uncertainty. Its candidates are the n-grams of 1 up to the longest training span's
length in tokens, at most :data:`MAX_TOKENS`: longer spans are left out of training (and
counted).

Documents are made from the window's tokens (:func:`annotator.core.token_spans.token_layout`),
split at every span edge when training, so every span is whole tokens and ``doc.text`` is the
stored text exactly: a predicted span's ``start_char``/``end_char`` are code point offsets into
the stored text, end exclusive. Needs the ``spacy`` extra (:func:`require_spacy`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from annotator.app.errors import EXIT_REFUSED, UserError
from annotator.core.token_spans import token_layout, token_ranges

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

SPANS_KEY = "sc"
INSTALL = 'pip install "annotator[spacy]"'
# Longest candidate span, in tokens: the suggester's work grows with it.
MAX_TOKENS = 12
THRESHOLD = 0.5

SpanTuple = tuple[int, int, str]
ScoredSpan = tuple[int, int, str, float]


def require_spacy() -> ModuleType:
    """The spacy module, or a one-line :class:`UserError` that says how to install it."""
    try:
        import spacy
    except ImportError:
        # Worded as the export formats' missing extras are (formats.writing.MissingExtra).
        raise UserError(f"needs spacy, which is not installed: {INSTALL}", EXIT_REFUSED) from None
    return spacy


def make_doc(vocab: Vocab, text: str, spans: Sequence[SpanTuple] = ()) -> Doc:
    """A Doc of ``text`` whose tokens are the window's, split at the edges of ``spans``, which
    it holds in ``doc.spans["sc"]``."""
    from spacy.tokens import Doc, Span

    layout = token_layout(text, spans)
    doc = Doc(vocab, words=layout.words(text), spaces=layout.spaces)
    if spans:
        found = token_ranges(layout.starts, layout.ends, spans)
        doc.spans[SPANS_KEY] = [
            Span(doc, edges[0], edges[1] + 1, label)
            for edges, (_, _, label) in zip(found, spans, strict=True)
            if edges is not None
        ]
    return doc


def blank_pipeline() -> Language:
    """A blank multi-language pipeline (no download)."""
    return require_spacy().blank("xx")


def add_spancat(nlp: Language, labels: Iterable[str], max_tokens: int) -> None:
    """Add an untrained ``spancat`` for ``labels`` whose candidates are 1 to ``max_tokens``
    tokens long."""
    spancat: Any = nlp.add_pipe(
        "spancat",
        config={
            "spans_key": SPANS_KEY,
            "threshold": THRESHOLD,
            "suggester": {
                "@misc": "spacy.ngram_range_suggester.v1",
                "min_size": 1,
                "max_size": max_tokens,
            },
        },
    )
    for label in sorted(set(labels)):
        spancat.add_label(label)


def load_pipeline(directory: Path) -> Language:
    """The pipeline ``annotator train`` wrote to ``directory``; a one-line error otherwise."""
    spacy = require_spacy()
    if not (directory / "config.cfg").is_file():
        raise UserError(f"{directory}: not a trained pipeline (no config.cfg)", EXIT_REFUSED)
    try:
        nlp = spacy.load(directory)
    except (OSError, ValueError) as error:
        raise UserError(f"{directory}: cannot load the pipeline: {error}", EXIT_REFUSED) from None
    if "spancat" not in nlp.pipe_names:
        raise UserError(f"{directory}: the pipeline has no spancat component", EXIT_REFUSED)
    return nlp


def predicted(doc: Doc) -> list[ScoredSpan]:
    """The spans the pipeline put in the Doc, with their scores, sorted."""
    group = doc.spans.get(SPANS_KEY)
    if group is None:
        return []
    found: Any = group.attrs.get("scores")
    scores = [None] * len(group) if found is None else [float(score) for score in found]
    return sorted(
        (span.start_char, span.end_char, span.label_, 1.0 if score is None else score)
        for span, score in zip(group, scores, strict=True)
    )


def predict(
    nlp: Language, texts: Iterable[str], batch_size: int = 64
) -> Iterator[list[ScoredSpan]]:
    """For each text, in order, the spans the pipeline suggests, with their scores."""
    docs = (make_doc(nlp.vocab, text) for text in texts)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield predicted(doc)
