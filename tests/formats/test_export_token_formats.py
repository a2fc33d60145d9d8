"""spaCy DocBin, Hugging Face datasets and CoNLL exports of the Unicode corpus, read back by the
libraries themselves (spaCy, datasets, seqeval), every span exact."""

from __future__ import annotations

from pathlib import Path

import datasets
import pytest
from seqeval.metrics.sequence_labeling import get_entities
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab
from unicode_export_corpus import LABELS, RECORDS

from annotator.core.records import ExportRecord
from annotator.formats import EXPORT_FORMATS
from annotator.formats.writing import ExportContext, Tally

CONTEXT = ExportContext(labels=LABELS)
ANNOTATED = [record for record in RECORDS if record.spans is not None]


def export(name: str, target: Path, records: list[ExportRecord] = RECORDS) -> Tally:
    tally = Tally()
    fmt = EXPORT_FORMATS[name]
    if fmt.kind == "lines":
        with target.open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(fmt.lines(records, CONTEXT, tally))
    else:
        fmt.write_path(records, target, CONTEXT, tally)
    return tally


def located(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where each word token is in ``text``: in order, only whitespace between them."""
    offsets, position = [], 0
    for word in words:
        found = text.index(word, position)
        assert text[position:found].strip() == ""
        offsets.append((found, found + len(word)))
        position = found + len(word)
    assert text[position:].strip() == ""
    return offsets


def expected_entities(
    record: ExportRecord, offsets: list[tuple[int, int]]
) -> set[tuple[int, int, str]]:
    """spaCy's own filter_spans over the spans that the word tokens can carry."""
    doc = Doc(Vocab(), words=[str(i) for i in range(len(offsets))])
    starts = {start: index for index, (start, _) in enumerate(offsets)}
    ends = {end: index for index, (_, end) in enumerate(offsets)}
    carried = [
        Span(doc, starts[start], ends[end] + 1, label)
        for start, end, label in record.spans or ()
        if start in starts and end in ends
    ]
    return {
        (offsets[span.start][0], offsets[span.end - 1][1], span.label_)
        for span in filter_spans(carried)
    }


def test_spacy_loads_every_doc_with_its_text_spans_and_entities(tmp_path: Path) -> None:
    tally = export("spacy", tmp_path / "corpus.spacy")
    docs = list(DocBin().from_disk(tmp_path / "corpus.spacy").get_docs(Vocab()))
    assert len(docs) == len(ANNOTATED)
    nested = 0
    for doc, record in zip(docs, ANNOTATED, strict=True):
        assert doc.text == record.text
        assert doc.user_data["id"] == record.id
        spans = [(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]]
        assert spans == record.spans
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        kept = [(e.start_char, e.end_char, e.label_) for e in filter_spans(doc.spans["sc"])]
        assert sorted(ents) == sorted(kept)
        nested += len(spans) - len(ents)
        assert [tuple(r) for r in doc.user_data["relations"]] == record.relations
    assert nested > 0
    assert tally.left_out == {
        "nested or overlapping span(s) from doc.ents (all are in doc.spans)": nested
    }


def test_datasets_loads_tokens_tags_and_every_span(tmp_path: Path) -> None:
    tally = export("hf", tmp_path / "hf")
    loaded = datasets.load_from_disk(str(tmp_path / "hf"))
    tags = loaded.features["ner_tags"].feature
    assert tags.names[0] == "O"
    assert len(loaded) == len(ANNOTATED)
    nested = 0
    for row, record in zip(loaded, ANNOTATED, strict=True):
        assert (row["id"], row["text"], row["annotator"]) == (record.id, record.text, "ana")
        spans = [(s["start"], s["end"], s["label"]) for s in row["spans"]]
        assert spans == record.spans
        relations = [(r["head"], r["child"], r["label"]) for r in row["relations"]]
        assert relations == record.relations
        offsets = located(record.text, row["tokens"])
        names = [tags.int2str(tag) for tag in row["ner_tags"]]
        found = {
            (offsets[first][0], offsets[last][1], label)
            for label, first, last in get_entities(names)
        }
        assert found == expected_entities(record, offsets)
        nested += len(spans) - len(found)
    assert sum(tally.left_out.values()) == nested


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """Documents of a CoNLL file: ``-DOCSTART-`` starts one; ``TOKEN TAG`` lines."""
    documents: list[tuple[list[str], list[str]]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("-DOCSTART-"):
            assert line == "-DOCSTART- O"
            documents.append(([], []))
        elif line:
            word, tag = line.split(" ")
            documents[-1][0].append(word)
            documents[-1][1].append(tag)
    return documents


def test_seqeval_reads_the_conll_entities_back_exactly(tmp_path: Path) -> None:
    tally = export("conll", tmp_path / "corpus.conll")
    documents = read_conll(tmp_path / "corpus.conll")
    assert len(documents) == len(ANNOTATED)
    left_out = 0
    for (words, tags), record in zip(documents, ANNOTATED, strict=True):
        offsets = located(record.text, words)
        found = {
            (offsets[first][0], offsets[last][1], label)
            for label, first, last in get_entities(tags)
        }
        assert found == expected_entities(record, offsets)
        left_out += len(record.spans or ()) - len(found)
    assert tally.left_out["nested or overlapping span(s)"] == left_out > 0
    relations = sum(len(record.relations or ()) for record in ANNOTATED)
    assert tally.left_out["relation(s) (CoNLL holds none)"] == relations


@pytest.mark.parametrize("name", ["conll", "spacy", "hf"])
def test_unannotated_documents_and_relations_are_counted_not_dropped_silently(
    tmp_path: Path, name: str
) -> None:
    unannotated = ExportRecord("plain", "Nobody looked at this.", {})
    spaced = ExportRecord("spaced", "in Kabul", {}, "ana", "done", [(2, 8, "PLACE")], relations=[])
    tally = export(name, tmp_path / f"out.{name}", [unannotated, spaced, *ANNOTATED])
    assert tally.left_out["document(s) nobody annotated"] == 1
    if name != "spacy":
        # " Kabul" starts on a space: no word token starts there.
        assert tally.left_out["span(s) starting or ending in whitespace (no word token there)"] == 1
