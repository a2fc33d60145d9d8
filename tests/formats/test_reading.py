"""Reading files: .txt exactly as on disk, JSONL line by line, folders, problems located."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.formats.readers import InputError, folder_files, read_file
from annotator.schemas import Located, Problem


def test_a_txt_file_is_one_document_with_the_exact_bytes_and_its_stem_as_id(
    tmp_path: Path,
) -> None:
    text = "Title\r\n\tbody\u00a0with 👩\u200d💻\rlone CR\n"
    path = tmp_path / "article-17.txt"
    path.write_bytes(text.encode("utf-8"))
    [item] = list(read_file(path))
    assert isinstance(item, Located)
    assert (item.record.id, item.record.text, item.record.spans) == ("article-17", text, None)


def test_a_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfhello")
    [item] = list(read_file(path))
    assert isinstance(item, Located)
    assert item.record.text == "hello"


def test_invalid_utf8_in_a_txt_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"fine\nstill fine\nbad \xff here\n")
    [item] = list(read_file(path))
    assert isinstance(item, Problem)
    assert str(item) == f"{path}:3: invalid UTF-8 (byte 5 of the line)"


def test_jsonl_lines_are_numbered_blank_lines_skipped_and_formats_mixed(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"id": "a", "text": "x"}\n'
        "\n"
        '{"id": 2, "text": "Kabul", "label": [[0, 5, "PLACE"]]}\n'
        "not json\n"
        '{"id": "c", "text": "y", "spans": []}\r\n',
        encoding="utf-8",
    )
    items = list(read_file(path))
    assert [type(item) for item in items] == [Located, Located, Problem, Located]
    assert [item.line for item in items] == [1, 3, 4, 5]
    assert isinstance(items[1], Located)
    assert items[1].record.id == "2"
    assert items[1].record.spans is not None
    assert str(items[2]).startswith(f"{path}:4: invalid JSON")


def test_invalid_utf8_in_jsonl_is_a_problem_of_that_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"id": "a", "text": "x"}\n{"id": "b", "text": "\xff"}\n')
    items = list(read_file(path))
    assert isinstance(items[1], Problem)
    assert str(items[1]) == f"{path}:2: invalid UTF-8 (byte 22 of the line)"


def test_format_doccano_forces_the_doccano_reader(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text('{"text": "abc"}\n', encoding="utf-8")
    [item] = list(read_file(path, "doccano"))
    assert isinstance(item, Problem)
    assert "needs 'label' or 'entities'" in item.message


def test_an_unknown_extension_needs_a_format(tmp_path: Path) -> None:
    path = tmp_path / "x.xml"
    path.write_text("<a/>\n")
    with pytest.raises(
        InputError, match=r"unknown file type '\.xml' \(known: \.txt, \.jsonl, \.csv, \.tsv\)"
    ):
        list(read_file(path))


def test_a_folder_gives_its_txt_jsonl_csv_and_tsv_files_sorted(tmp_path: Path) -> None:
    for name in ("b.txt", "a.jsonl", "c.csv", "d.txt", "e.tsv", "f.xml", "g.sqlite"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "e.txt").write_text("x")
    (tmp_path / "folder.txt").mkdir()
    assert folder_files(tmp_path) == [
        tmp_path / "a.jsonl",
        tmp_path / "b.txt",
        tmp_path / "c.csv",
        tmp_path / "d.txt",
        tmp_path / "e.tsv",
    ]


def test_every_import_format_but_auto_has_a_reader_and_a_folder_listing() -> None:
    from annotator.formats import IMPORT_FORMATS
    from annotator.formats.readers import READERS

    assert ("auto", *READERS) == IMPORT_FORMATS
    for name, known in READERS.items():
        assert known.name == name
        assert known.suffixes
        assert all(suffix.startswith(".") for suffix in known.suffixes)
