"""spaCy DocBin files built with spaCy itself from the Unicode corpus: doc.text exactly, every
span of doc.spans["sc"] (nested included), else doc.ents."""

from __future__ import annotations

from pathlib import Path

from reader_support import assert_is, problems, records
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import DocBin
from spacy.util import filter_spans
from spacy.vocab import Vocab
from unicode_corpus import CORPUS, Doc, words_and_spaces

from annotator.formats.readers import folder_files, read_file


def spacy_doc(vocab: Vocab, doc: Doc) -> SpacyDoc:
    words, spaces = words_and_spaces(doc.text)
    made = SpacyDoc(vocab, words=words, spaces=spaces)
    assert made.text == doc.text
    spans = [made.char_span(s, e, label=label) for s, e, label in doc.spans]
    assert all(span is not None for span in spans)
    made.spans["sc"] = spans
    made.ents = filter_spans(spans)
    return made


def test_span_groups_read_the_corpus_exactly_with_ids_from_user_data(tmp_path: Path) -> None:
    vocab = Vocab()
    docs = [spacy_doc(vocab, doc) for doc in CORPUS]
    docs[0].user_data["id"] = "first"
    docs[0].user_data["annotator"] = "ana"
    path = tmp_path / "train.spacy"
    DocBin(docs=docs, store_user_data=True).to_disk(path)
    read = records(read_file(path, "spacy"))
    assert [r.id for r in read] == ["first", "train-2", "train-3"]
    assert [r.annotator for r in read] == ["ana", None, None]
    assert [item.line for item in read_file(path, "spacy")] == [1, 2, 3]
    for record, doc in zip(read, CORPUS, strict=True):
        assert_is(record, doc, relations=False)
    assert folder_files(tmp_path, "spacy") == [path]


def test_without_the_sc_group_the_entities_are_read(tmp_path: Path) -> None:
    vocab = Vocab()
    docs = [spacy_doc(vocab, doc) for doc in CORPUS]
    for made in docs:
        del made.spans["sc"]
    path = tmp_path / "ents.spacy"
    DocBin(docs=docs).to_disk(path)
    for record, made in zip(records(read_file(path, "spacy")), docs, strict=True):
        assert record.text == made.text
        assert [(s.start, s.end, s.label) for s in record.spans or []] == [
            (e.start_char, e.end_char, e.label_) for e in made.ents
        ]
        assert record.spans


def test_a_file_that_is_no_docbin_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.spacy"
    path.write_bytes(b"\x00not msgpack")
    [problem] = problems(read_file(path, "spacy"))
    assert problem.startswith(f"{path}: not a spaCy DocBin (.spacy) file: ")


def test_relations_in_user_data_are_read_and_a_bad_list_is_refused_at_its_doc(
    tmp_path: Path,
) -> None:
    vocab = Vocab()
    docs = [spacy_doc(vocab, doc) for doc in CORPUS[:2]]
    docs[0].user_data["relations"] = [[0, 1, "agent"]]
    docs[1].user_data["relations"] = "agent"
    path = tmp_path / "rel.spacy"
    DocBin(docs=docs, store_user_data=True).to_disk(path)
    read = list(read_file(path, "spacy"))
    first = records(read[:1])[0]
    assert [(r.source, r.target, r.label) for r in first.relations or []] == [(0, 1, "agent")]
    assert problems(read[1:]) == [
        f'{path}:2: user_data["relations"] is not a list of [source, target, label]'
    ]
