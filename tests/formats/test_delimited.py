"""CSV and TSV files: a header, a text column, an optional id, the rest into meta; texts kept
exactly; problems at the physical line where their row starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.formats.native import derived_id
from annotator.formats.readers import read_file
from annotator.schemas import DocumentRecord, Located, Problem


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def records(path: Path, **kwargs: str) -> list[tuple[int, DocumentRecord]]:
    out = []
    for item in read_file(path, **kwargs):
        assert isinstance(item, Located), str(item)
        out.append((item.line, item.record))
    return out


def problems(path: Path, **kwargs: str) -> list[str]:
    return [str(item) for item in read_file(path, **kwargs) if isinstance(item, Problem)]


def test_a_csv_row_is_a_document_with_its_id_and_the_other_columns_in_meta(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "news.csv",
        "id,source,text,date\r\na1,wire,Taliban fighters entered Kabul.,2021-08-15\r\n"
        'a2,,"Herat, then Kandahar",\r\n',
    )
    assert records(path) == [
        (
            2,
            DocumentRecord(
                id="a1",
                text="Taliban fighters entered Kabul.",
                meta={"source": "wire", "date": "2021-08-15"},
            ),
        ),
        (3, DocumentRecord(id="a2", text="Herat, then Kandahar", meta={"source": "", "date": ""})),
    ]


def test_quoted_newlines_keep_crlf_and_lines_are_where_the_row_starts(tmp_path: Path) -> None:
    text = 'First line\r\nsecond "quoted" line\nthird\rend 👩\u200d💻\u00a0'
    quoted = '"' + text.replace('"', '""') + '"'
    path = write(tmp_path, "multi.csv", f"text,id\r\n{quoted},m1\r\n\r\nplain,m2\r\n")
    assert records(path) == [
        (2, DocumentRecord(id="m1", text=text)),
        (6, DocumentRecord(id="m2", text="plain")),  # a lone CR ends no line
    ]


def test_without_an_id_column_the_id_is_derived_from_the_text(tmp_path: Path) -> None:
    path = write(tmp_path, "noid.csv", "text\nsome text\n")
    assert records(path) == [(2, DocumentRecord(id=derived_id("some text"), text="some text"))]


def test_tsv_and_another_text_column(tmp_path: Path) -> None:
    path = write(tmp_path, "x.tsv", "\ufeffid\tbody\ttext\n7\tthe body, with a comma\tnot it\n")
    assert records(path, text_column="body") == [
        (2, DocumentRecord(id="7", text="the body, with a comma", meta={"text": "not it"}))
    ]


def test_format_forces_csv_or_tsv_whatever_the_extension(tmp_path: Path) -> None:
    path = write(tmp_path, "export.dat", "text;x\n")
    assert problems(path, fmt="tsv") == [
        f"{path}:1: no 'text' column (--text-column chooses another); the header has 'text;x'"
    ]
    path = write(tmp_path, "export.txt", "text\nhello\n")
    assert records(path, fmt="csv") == [(2, DocumentRecord(id=derived_id("hello"), text="hello"))]


def test_a_missing_text_column_names_the_columns_found(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "\n\nid,body,title\n1,b,t\n")
    assert problems(path) == [
        f"{path}:3: no 'text' column (--text-column chooses another); "
        "the header has 'id', 'body', 'title'"
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            "id,text\n1,ok\n2,too,many\n3\n",
            ["3: row has 3 field(s); the header has 2", "4: row has 1 field(s); the header has 2"],
        ),
        (
            "id,text\n1,ok\n2,\n3,  \n",
            ["3: the text (column 'text') is empty", "4: the text (column 'text') is empty"],
        ),
        ("id,text,id\n", ["1: column 'id' appears twice in the header"]),
        ("id,text,\n", ["1: column 3 of the header has no name"]),
        ("", [": the file is empty: no header row naming a 'text' column"]),
        ('id,text\n1,"open\n2,x\n', ["2: a quoted field is not closed before the end of the file"]),
        ('id,text\n1,"x"y\n', ["2: invalid CSV: ',' expected after '\"'"]),
        ("id,text\n1,a\rb\n", ["2: a line break (CR) inside a field that is not quoted"]),
        (b'id,text\n1,ok\n2,"bad\n\xff"\n', ["4: invalid UTF-8 (byte 1 of the line)"]),
    ],
    ids=[
        "field count",
        "empty text",
        "twice",
        "no name",
        "empty",
        "open quote",
        "after quote",
        "CR",
        "UTF-8",
    ],
)
def test_bad_rows_are_refused_at_their_line(
    tmp_path: Path, data: str | bytes, expected: list[str]
) -> None:
    path = write(tmp_path, "bad.csv", data)
    assert problems(path) == [f"{path}{':' if not e.startswith(':') else ''}{e}" for e in expected]
