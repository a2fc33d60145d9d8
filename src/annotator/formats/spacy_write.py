"""spaCy's DocBin (``.spacy``), written: one ``Doc`` per annotated document.

Each Doc is built as ``Doc(vocab, words, spaces)`` from
:func:`annotator.core.token_spans.token_layout`, so ``doc.text`` is the stored text exactly.
Every span is in ``doc.spans["sc"]`` (nested ones too, in the store's order); ``doc.ents`` holds
those that do not overlap, longest first (:func:`spacy.util.filter_spans`'s rule), and the rest
are counted. ``doc.user_data`` holds ``id``, ``annotator`` and ``relations``: ``(source,
target, label)`` with ``source`` and ``target`` indexes into ``doc.spans["sc"]``. Needs the
``spacy`` extra; no language model is loaded (a bare ``Vocab``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from annotator.core.records import ExportRecord
from annotator.formats.token_records import layout_and_kept
from annotator.formats.writing import ExportContext, Tally, optional

SPANS_KEY = "sc"


def write_path(
    records: Iterable[ExportRecord], target: Path, context: ExportContext, tally: Tally
) -> None:
    optional("spacy", "spacy", "spacy")
    from spacy.tokens import Doc, DocBin, Span
    from spacy.vocab import Vocab

    vocab = Vocab()
    docs = DocBin(store_user_data=True)
    for record in records:
        if record.spans is None:
            tally.leave_out("document(s) nobody annotated")
            continue
        layout, ranges, kept = layout_and_kept(record, tally)
        doc = Doc(vocab, words=layout.words(record.text), spaces=layout.spaces)
        spans = []
        for (_, _, label), found in zip(record.spans, ranges, strict=True):
            assert found is not None  # the layout splits tokens at every span edge
            spans.append(Span(doc, found[0], found[1] + 1, label))
        doc.spans[SPANS_KEY] = spans
        doc.ents = [spans[index] for index in kept]
        doc.user_data["id"] = record.id
        doc.user_data["annotator"] = record.annotator
        doc.user_data["relations"] = [list(relation) for relation in record.relations or ()]
        docs.add(doc)
    target.write_bytes(docs.to_bytes())
