"""A Hugging Face ``datasets`` folder (``Dataset.save_to_disk``), written: one row per
annotated document.

Columns: ``id``, ``text`` (the stored text), ``tokens`` (the word tokens of
:func:`annotator.core.token_spans.token_layout`), ``ner_tags`` (IOB2, a ``ClassLabel``:
``O``, then ``B-`` and ``I-`` of each label in schema order), ``spans`` (every span, nested
ones too: ``{start, end, label}``, code point offsets into ``text``, end exclusive),
``relations`` (``{head, child, label}``, indexes into ``spans``) and ``annotator``. IOB2 cannot
nest: ``ner_tags`` carry the spans that do not overlap, longest first, and the rest are counted.
Needs the ``hf`` extra. ``datasets.load_from_disk(folder)`` reads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.records import ExportRecord
from annotator.core.token_spans import iob2_tags
from annotator.formats.token_records import UNANNOTATED, word_record
from annotator.formats.writing import ExportContext, Tally, optional


def tag_names(labels: Iterable[str]) -> list[str]:
    names = ["O"]
    for label in labels:
        names += [f"B-{label}", f"I-{label}"]
    return names


def write_path(
    records: Iterable[ExportRecord], target: Path, context: ExportContext, tally: Tally
) -> None:
    datasets = optional("datasets", "hf", "hf")
    # Its progress bars would fill the export's stderr, which says what was left out.
    quiet = getattr(datasets, "disable_progress_bars", None) or datasets.disable_progress_bar
    quiet()
    columns: dict[str, list[Any]] = {
        key: [] for key in ("id", "text", "tokens", "ner_tags", "spans", "relations", "annotator")
    }
    labels = list(context.labels)
    for record in records:
        if record.spans is None:
            tally.leave_out(UNANNOTATED)
            continue
        words = word_record(record, tally)
        labels += [label for _, _, label in record.spans if label not in labels]
        columns["id"].append(record.id)
        columns["text"].append(record.text)
        columns["tokens"].append(words.words)
        columns["ner_tags"].append(iob2_tags(len(words.words), words.kept))
        columns["spans"].append(
            [{"start": start, "end": end, "label": label} for start, end, label in record.spans]
        )
        columns["relations"].append(
            [
                {"head": source, "child": target, "label": label}
                for source, target, label in record.relations or ()
            ]
        )
        columns["annotator"].append(record.annotator)
    value = datasets.Value
    names = tag_names(labels)
    features = datasets.Features(
        {
            "id": value("string"),
            "text": value("string"),
            "tokens": datasets.Sequence(value("string")),
            "ner_tags": datasets.Sequence(datasets.ClassLabel(names=names)),
            "spans": [{"start": value("int64"), "end": value("int64"), "label": value("string")}],
            "relations": [
                {"head": value("int64"), "child": value("int64"), "label": value("string")}
            ],
            "annotator": value("string"),
        }
    )
    index = {name: number for number, name in enumerate(names)}
    columns["ner_tags"] = [[index[tag] for tag in tags] for tags in columns["ner_tags"]]
    dataset = datasets.Dataset.from_dict(columns, features=features)
    dataset.save_to_disk(str(target))
