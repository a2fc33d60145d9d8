"""`annotator import`: text files, folders, native and doccano JSONL, idempotent re-import."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.formats.native import derived_id

Cli = Callable[..., Any]  # the `cli` fixture: returns a Run(code, out, err)
WriteJsonl = Callable[..., Path]
Snapshot = Callable[[str], dict[str, list[tuple[Any, ...]]]]


def export(cli: Cli, url: str, *extra: str) -> list[dict[str, Any]]:
    run = cli("export", "--db", url, *extra)
    assert run.code == 0, run.err
    return [json.loads(line) for line in run.out.split("\n") if line]


def test_a_txt_file_is_imported_with_its_stem_as_id_and_its_exact_text(
    cli: Cli, sqlite_url: str, tmp_path: Path
) -> None:
    text = "Headline\r\n\tBody\u00a0text 👩\u200d💻\r\n"
    (tmp_path / "report-001.txt").write_bytes(text.encode("utf-8"))
    run = cli("import", str(tmp_path / "report-001.txt"), "--db", sqlite_url)
    assert run.code == 0, run.err
    assert "imported 1 new document(s)" in run.out
    assert export(cli, sqlite_url) == [{"id": "report-001", "text": text}]


def test_a_folder_imports_its_txt_and_jsonl_files(
    cli: Cli, sqlite_url: str, tmp_path: Path, write_jsonl: WriteJsonl
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "one.txt").write_text("first", encoding="utf-8")
    (folder / "notes.md").write_text("ignored", encoding="utf-8")
    write_jsonl([{"id": "two", "text": "second"}], "corpus/more.jsonl")
    run = cli("import", str(folder), "--db", sqlite_url)
    assert run.code == 0, run.err
    assert "from 2 file(s)" in run.out
    assert sorted(r["id"] for r in export(cli, sqlite_url)) == ["one", "two"]


def test_native_and_doccano_records_in_one_file(
    cli: Cli, sqlite_url: str, write_jsonl: WriteJsonl
) -> None:
    path = write_jsonl(
        [
            {
                "id": "n1",
                "text": "Kabul today",
                "annotator": "ana",
                "status": "in_progress",
                "spans": [{"start": 0, "end": 5, "label": "PLACE", "text": "Kabul"}],
                "meta": {"source": "wire"},
            },
            {"id": 17, "text": "Herat", "label": [[0, 5, "PLACE"]]},
            {
                "id": 18,
                "text": "Mazar",
                "entities": [{"id": 1, "start_offset": 0, "end_offset": 5, "label": "PLACE"}],
                "relations": [],
            },
            {"text": "no id here"},
            {"id": "empty", "text": "nothing found", "annotator": "bo", "spans": []},
        ]
    )
    run = cli("import", str(path), "--db", sqlite_url)
    assert run.code == 0, run.err
    assert export(cli, sqlite_url) == [
        {
            "id": "n1",
            "text": "Kabul today",
            "meta": {"source": "wire"},
            "annotator": "ana",
            "status": "in_progress",
            "spans": [{"start": 0, "end": 5, "label": "PLACE", "text": "Kabul"}],
        },
        {
            "id": "17",
            "text": "Herat",
            "annotator": "imported",
            "status": "done",
            "spans": [{"start": 0, "end": 5, "label": "PLACE", "text": "Herat"}],
        },
        {
            "id": "18",
            "text": "Mazar",
            "annotator": "imported",
            "status": "done",
            "spans": [{"start": 0, "end": 5, "label": "PLACE", "text": "Mazar"}],
        },
        {"id": derived_id("no id here"), "text": "no id here"},
        {"id": "empty", "text": "nothing found", "annotator": "bo", "status": "done", "spans": []},
    ]


def test_annotator_option_names_whoever_made_unattributed_spans(
    cli: Cli, sqlite_url: str, write_jsonl: WriteJsonl
) -> None:
    path = write_jsonl([{"id": 1, "text": "Kabul", "label": [[0, 5, "PLACE"]]}])
    assert cli("import", str(path), "--db", sqlite_url, "--annotator", "model-7").code == 0
    assert [r["annotator"] for r in export(cli, sqlite_url)] == ["model-7"]
    run = cli("export", "--db", sqlite_url, "--set", "imported")
    assert (run.code, run.out) == (2, "")
    assert run.err_lines == [
        "annotator export: no annotation sets by 'imported'; there are sets by model-7 "
        "(or --set all)"
    ]


def test_format_option_forces_a_reader(cli: Cli, sqlite_url: str, tmp_path: Path) -> None:
    path = tmp_path / "notes.data"
    path.write_text('{"text": "Kabul", "label": [[0, 5, "PLACE"]]}\n', encoding="utf-8")
    assert cli("import", str(path), "--db", sqlite_url, "--format", "doccano").code == 0
    assert export(cli, sqlite_url)[0]["spans"][0]["label"] == "PLACE"


def test_importing_the_same_file_again_changes_nothing(
    cli: Cli, sqlite_url: str, write_jsonl: WriteJsonl, tmp_path: Path, snapshot: Snapshot
) -> None:
    path = write_jsonl(
        [
            {
                "id": "a",
                "text": "Kabul",
                "annotator": "ana",
                "status": "in_progress",
                "spans": [{"start": 0, "end": 5, "label": "PLACE"}],
            },
            {"id": "a", "text": "Kabul", "annotator": "bo", "status": "done", "spans": []},
            {"id": 2, "text": "Herat", "label": [[0, 5, "PLACE"]]},
            {"text": "no id"},
        ]
    )
    (tmp_path / "c.txt").write_text("plain\r\n", encoding="utf-8")
    assert cli("import", str(path), str(tmp_path / "c.txt"), "--db", sqlite_url).code == 0
    before = snapshot(sqlite_url)
    again = cli("import", str(path), str(tmp_path / "c.txt"), "--db", sqlite_url)
    assert again.code == 0, again.err
    assert "imported 0 new document(s) (4 already stored), 0 annotation set(s), 0 span(s)" in (
        again.out
    )
    assert snapshot(sqlite_url) == before


def test_an_empty_folder_is_an_error(cli: Cli, sqlite_url: str, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    run = cli("import", str(tmp_path / "empty"), "--db", sqlite_url)
    assert run.code != 0
    assert "nothing to import" in run.err


def test_a_missing_path_is_an_error(cli: Cli, sqlite_url: str, tmp_path: Path) -> None:
    run = cli("import", str(tmp_path / "nope.jsonl"), "--db", sqlite_url)
    assert run.code != 0
    assert run.err_lines == [f"annotator import: {tmp_path / 'nope.jsonl'}: no such file or folder"]


def test_a_refused_import_into_a_new_path_leaves_no_database_and_no_folder(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a"}\n', encoding="utf-8")
    target = tmp_path / "typo" / "deeper" / "corpus.sqlite"
    run = cli("import", str(bad), "--db", str(target))
    assert run.code == 1
    assert run.err_lines[-1] == "import refused: 1 problem(s); nothing was imported"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl"]


def test_an_import_into_a_new_path_creates_exactly_that_database(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    good = tmp_path / "a.txt"
    good.write_text("Kabul\n", encoding="utf-8")
    target = tmp_path / "new" / "corpus.sqlite"
    assert cli("import", str(good), "--db", str(target)).code == 0
    assert sorted(p.name for p in target.parent.iterdir()) == ["corpus.sqlite"]
    stats = cli("stats", "--db", str(target))
    assert "documents:        1" in stats.out
