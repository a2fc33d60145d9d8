"""`annotator import` of CSV and TSV files: by extension, by --format, in folders; bad rows
refused at the line where they start, with nothing written; texts kept exactly."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotator.formats.native import derived_id

Cli = Callable[..., Any]  # the `cli` fixture: returns a Run(code, out, err)
Snapshot = Callable[[str], dict[str, list[tuple[Any, ...]]]]

REFUSED = "import refused: {} problem(s); nothing was imported"
# A quoted text over three physical lines, CRLF and a bare LF inside, and a quote.
LONG = 'Kabul, 15 August\r\nTaliban fighters "entered" the city.\nNo resistance.'


def export(cli: Cli, url: str) -> list[dict[str, Any]]:
    run = cli("export", "--db", url)
    assert run.code == 0, run.err
    return [json.loads(line) for line in run.out.split("\n") if line]


def quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def test_a_csv_file_is_imported_with_ids_exact_texts_and_the_rest_in_meta(
    cli: Cli, sqlite_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "news.csv"
    path.write_bytes(f"id,text,source\r\nk1,{quoted(LONG)},wire\r\nk2,Herat 😀,\r\n".encode())
    run = cli("import", str(path), "--db", sqlite_url)
    assert run.code == 0, run.err
    assert "imported 2 new document(s)" in run.out
    assert export(cli, sqlite_url) == [
        {"id": "k1", "text": LONG, "meta": {"source": "wire"}},
        {"id": "k2", "text": "Herat 😀", "meta": {"source": ""}},
    ]


def test_tsv_by_format_option_with_another_text_column(
    cli: Cli, sqlite_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "export.dat"
    path.write_text("body\tdesk\nKabul, again\tforeign\n", encoding="utf-8")
    run = cli("import", str(path), "--format", "tsv", "--text-column", "body", "--db", sqlite_url)
    assert run.code == 0, run.err
    assert export(cli, sqlite_url) == [
        {"id": derived_id("Kabul, again"), "text": "Kabul, again", "meta": {"desk": "foreign"}}
    ]


def test_a_folder_imports_its_csv_and_tsv_files(cli: Cli, sqlite_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.csv").write_text("id,text\nc1,from csv\n", encoding="utf-8")
    (folder / "b.tsv").write_text("id\ttext\nt1\tfrom tsv\n", encoding="utf-8")
    (folder / "c.txt").write_text("from txt", encoding="utf-8")
    run = cli("import", str(folder), "--db", sqlite_url)
    assert run.code == 0, run.err
    assert "from 3 file(s)" in run.out
    assert [(r["id"], r["text"]) for r in export(cli, sqlite_url)] == [
        ("c1", "from csv"),
        ("t1", "from tsv"),
        ("c", "from txt"),
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            "id,body\nk1,x\n",
            [
                "data.csv:1: no 'text' column (--text-column chooses another); "
                "the header has 'id', 'body'"
            ],
            id="no text column",
        ),
        pytest.param(
            f"id,text\nk1,fine\nk2,{quoted(LONG)},extra\nk3,\n",
            [
                "data.csv:3: row has 3 field(s); the header has 2",
                "data.csv:6: the text (column 'text') is empty",
            ],
            id="field count and empty text",
        ),
        pytest.param(
            f"id,text\nk1,{quoted(LONG)}\nk1,another text\nk1,{quoted(LONG)}\n",
            ["data.csv:5: document 'k1' has another text at data.csv:2"],
            id="duplicate id",
        ),
    ],
)
def test_bad_rows_refuse_the_import_at_the_line_where_they_start(
    cli: Cli,
    sqlite_url: str,
    snapshot: Snapshot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    data: str,
    expected: list[str],
) -> None:
    (tmp_path / "first.txt").write_text("already there", encoding="utf-8")
    assert cli("import", str(tmp_path / "first.txt"), "--db", sqlite_url).code == 0
    before = snapshot(sqlite_url)
    (tmp_path / "data.csv").write_text(data, encoding="utf-8", newline="")
    monkeypatch.chdir(tmp_path)
    run = cli("import", "data.csv", "--db", sqlite_url)
    assert (run.code, run.out) == (1, "")
    assert run.err_lines == [*expected, REFUSED.format(len(expected))]
    assert snapshot(sqlite_url) == before
