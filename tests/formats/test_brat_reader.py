"""brat standoff on the Unicode corpus: a .txt and its .ann, spans split into fragments at
line breaks joined back, relations, notes; surface texts checked against the .txt."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reader_support import assert_folder_is_the_corpus, assert_is, problems, records
from unicode_corpus import CORPUS, Doc

from annotator.formats.readers import folder_files, read_file

LINE_BREAK = re.compile("\r\n|[\r\n\u2029]")


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span split at each line break, as brat writes it."""
    pieces, position = [], start
    for match in LINE_BREAK.finditer(text, start, end):
        pieces.append((position, match.start()))
        position = match.end()
    return [*pieces, (position, end)]


def ann_of(doc: Doc) -> str:
    lines = []
    for number, (start, end, label) in enumerate(doc.spans, start=1):
        parts = fragments(doc.text, start, end)
        offsets = ";".join(f"{s} {e}" for s, e in parts)
        surface = " ".join(doc.text[s:e] for s, e in parts)
        lines.append(f"T{number}\t{label} {offsets}\t{surface}")
    for number, (source, target, label) in enumerate(doc.relations, start=1):
        lines.append(f"R{number}\t{label} Arg1:T{source + 1} Arg2:T{target + 1}\t")
    return "".join(line + "\n" for line in lines)


def write(folder: Path, doc: Doc, ann: str | None = None) -> Path:
    (folder / f"{doc.id}.txt").write_bytes(doc.text.encode("utf-8"))
    (folder / f"{doc.id}.ann").write_bytes((ann_of(doc) if ann is None else ann).encode("utf-8"))
    return folder / f"{doc.id}.ann"


def test_a_brat_folder_reads_the_corpus_exactly(tmp_path: Path) -> None:
    for doc in CORPUS:
        write(tmp_path, doc)
    (tmp_path / "annotation.conf").write_text("[entities]\nPLACE\n")
    assert_folder_is_the_corpus(tmp_path, "brat", ".txt")


def test_spans_across_line_breaks_were_written_as_fragments(tmp_path: Path) -> None:
    ann = ann_of(CORPUS[1])
    assert "T1\tEVENT 0 5;7 13;14 20\tHerat attack killed\n" in ann
    [record] = records(read_file(write(tmp_path, CORPUS[1]), "brat"))
    assert_is(record, CORPUS[1])


def test_notes_are_span_comments_and_other_lines_are_left(tmp_path: Path) -> None:
    doc = CORPUS[2]
    ann = ann_of(doc) + (
        "#1\tAnnotatorNotes T2\tcheck the spelling\n"
        "A1\tNegated T1\nE1\tEVENT:T1 Agent:T4\nN1\tReference T2 Wikipedia:123\tKabul\n"
        "*\tEquiv T1 T3\n"
    )
    [record] = records(read_file(write(tmp_path, doc, ann), "brat"))
    assert_is(record, doc)
    assert [s.comment for s in record.spans or []] == [None, "check the spelling", None, None]


def test_a_txt_without_ann_is_its_text_and_an_empty_ann_found_nothing(tmp_path: Path) -> None:
    (tmp_path / "alone.txt").write_bytes(CORPUS[0].text.encode())
    write(tmp_path, CORPUS[2], ann="")
    alone, empty = (records(read_file(p, "brat"))[0] for p in folder_files(tmp_path, "brat"))
    assert (alone.text, alone.spans) == (CORPUS[0].text, None)
    assert (empty.text, empty.spans) == (CORPUS[2].text, [])


# Two spans of "scripts" with a word between them: as one span's fragments, a real gap.
_FIRST, _THIRD = CORPUS[2].spans[0], CORPUS[2].spans[2]
_SURFACE = f"{CORPUS[2].text[_FIRST[0] : _FIRST[1]]} {CORPUS[2].text[_THIRD[0] : _THIRD[1]]}"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("T9\tPLACE 0 2\tét", "T9 says its text is 'ét' but the .txt has 'e\u0301' at 0 2"),
        ("T9\tPLACE 0 2;6 10", "T9: expected 'LABEL START END[;START END...]<TAB>TEXT'"),
        (
            "T9\tPLACE 0 99\tx",
            f"T9: fragment 0..99 is outside the text ({len(CORPUS[2].text)} characters)",
        ),
        (
            f"T9\tEVENT {_FIRST[0]} {_FIRST[1]};{_THIRD[0]} {_THIRD[1]}\t{_SURFACE}",
            f"T9 is discontinuous ({_FIRST[0]} {_FIRST[1]};{_THIRD[0]} {_THIRD[1]}, with "
            f"{CORPUS[2].text[_FIRST[1] : _THIRD[0]]!r} between fragments)",
        ),
        ("R9\tagent Arg1:T1", "a relation needs 'LABEL Arg1:T1 Arg2:T2'"),
        ("R9\tagent Arg1:T1 Arg2:T77", "a relation to T77, which is no span"),
        ("#9\tAnnotatorNotes T77\tnote", "a note on T77, which is no span"),
        ("X1\tsomething", "'X1\\tsomething' is no brat annotation (T, R, E, A, M, N, # or *)"),
    ],
)
def test_bad_lines_are_refused_at_their_ann_line(tmp_path: Path, line: str, message: str) -> None:
    doc = CORPUS[2]
    ann = write(tmp_path, doc, ann_of(doc) + line + "\n")
    bad_line = ann_of(doc).count("\n") + 1
    [problem] = problems(read_file(ann, "brat"))
    assert problem.startswith(f"{ann}:{bad_line}: {message}")
