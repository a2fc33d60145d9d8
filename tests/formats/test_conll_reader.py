"""CoNLL IOB2 on the Unicode corpus's tokens: documents, sentences, spans at exact offsets,
and the same entities as seqeval reads from the same tags."""

# The texts hold Dari on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reader_support import problems, records
from seqeval.metrics.sequence_labeling import get_entities
from unicode_corpus import CORPUS, Doc, tokens

from annotator.formats.readers import folder_files, read_file

Sentence = list[tuple[str, str]]  # (token, tag)


def sentences_of(doc: Doc) -> list[Sentence]:
    """``doc`` as CoNLL sentences: its tokens, a new sentence at each line break, tagged with
    the spans that fit (longest first, not overlapping, within one sentence)."""
    spans = tokens(doc.text)
    breaks = [
        i
        for i in range(1, len(spans))
        if re.search("[\r\n\u2029]", doc.text[spans[i - 1][1] : spans[i][0]])
    ]
    sentence_of = [sum(b <= i for b in breaks) for i in range(len(spans))]
    tags = ["O"] * len(spans)
    for start, end, label in sorted(doc.spans, key=lambda s: s[0] - s[1]):
        covered = [i for i, (s, e) in enumerate(spans) if s >= start and e <= end]
        if all(tags[i] == "O" for i in covered) and len({sentence_of[i] for i in covered}) == 1:
            tags[covered[0]] = f"B-{label}"
            for i in covered[1:]:
                tags[i] = f"I-{label}"
    out: list[Sentence] = [[] for _ in range(len(breaks) + 1)]
    for i, (s, e) in enumerate(spans):
        out[sentence_of[i]].append((doc.text[s:e], tags[i]))
    return out


def conll(docs: list[list[Sentence]]) -> str:
    """CoNLL-2003's shape: -DOCSTART-, four columns, blank lines between sentences."""
    lines = []
    for sentences in docs:
        lines += ["-DOCSTART- -X- -X- O", ""]
        for sentence in sentences:
            lines += [f"{token} X _ {tag}" for token, tag in sentence] + [""]
    return "\n".join(lines) + "\n"


def test_each_document_reads_with_the_entities_seqeval_reads(tmp_path: Path) -> None:
    docs = [sentences_of(doc) for doc in CORPUS]
    path = tmp_path / "train.conll"
    path.write_bytes(conll(docs).encode("utf-8"))
    read = records(read_file(path, "conll"))
    assert [r.id for r in read] == [f"train-{n}" for n in range(1, len(CORPUS) + 1)]
    for record, sentences in zip(read, docs, strict=True):
        assert record.text == "\n".join(" ".join(t for t, _ in s) for s in sentences)
        # Token i of the record, found from its text (tokens joined by one space); each "\n"
        # counts as one too, as seqeval puts an "O" between the sentences it is given.
        found = list(re.finditer(r"[^ \n]+|\n", record.text))
        starts, ends = [m.start() for m in found], [m.end() for m in found]
        ours = sorted(
            (s.label, starts.index(s.start), ends.index(s.end)) for s in record.spans or []
        )
        assert ours == sorted(get_entities([[tag for _, tag in s] for s in sentences]))
        assert ours  # the corpus's spans made it through
    kabul = next(s for s in read[0].spans or [] if s.label == "PLACE")
    assert read[0].text[kabul.start : kabul.end] == "🇦🇫 Kabul"


def test_a_file_without_docstart_is_one_document_and_crlf_lines_read(tmp_path: Path) -> None:
    path = tmp_path / "tweets.iob2"
    path.write_bytes("کابل\tB-PLACE\r\nمی\u200cخواهم\tB-EVENT\r\n\r\n👍🏿\tO\r\n".encode())
    [record] = records(read_file(path, "conll"))
    assert record.text == "کابل می\u200cخواهم\n👍🏿"
    assert [(record.text[s.start : s.end], s.label) for s in record.spans or []] == [
        ("کابل", "PLACE"),
        ("می\u200cخواهم", "EVENT"),
    ]
    assert folder_files(tmp_path, "conll") == [path]


@pytest.mark.parametrize(
    ("lines", "line", "message"),
    [
        (["Kabul O", "Herat I-PLACE"], 2, "I-PLACE follows O: in IOB2 a span starts with B-PLACE"),
        (
            ["Kabul B-ACTOR", "Herat I-PLACE"],
            2,
            "I-PLACE follows a ACTOR span: in IOB2 a span starts with B-PLACE",
        ),
        (["Kabul S-PLACE"], 1, "tag 'S-PLACE' is not IOB2 (O, B-LABEL or I-LABEL)"),
        (["Kabul"], 1, "a token line needs the token and its tag"),
    ],
)
def test_bad_lines_are_refused_at_their_line(
    tmp_path: Path, lines: list[str], line: int, message: str
) -> None:
    path = tmp_path / "bad.conll"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    [problem] = problems(read_file(path, "conll"))
    assert problem.startswith(f"{path}:{line}: {message}")
