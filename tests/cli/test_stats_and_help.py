"""`annotator stats` and the help text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotator.cli import main

Cli = Callable[..., Any]  # the `cli` fixture: returns a Run(code, out, err)
WriteJsonl = Callable[..., Path]


def figures(out: str) -> dict[str, str]:
    result = {}
    for line in out.splitlines():
        key, _, value = line.strip().partition(":") if ":" in line else line.strip().partition(" ")
        result[key.strip()] = value.strip()
    return result


def test_stats_prints_the_corpus_figures(
    cli: Cli, sqlite_url: str, write_jsonl: WriteJsonl
) -> None:
    path = write_jsonl(
        [
            {
                "id": "a",
                "text": "Kabul and Herat",
                "annotator": "ana",
                "spans": [
                    {"start": 0, "end": 5, "label": "PLACE"},
                    {"start": 10, "end": 15, "label": "PLACE"},
                    {"start": 0, "end": 15, "label": "EVENT"},
                ],
            },
            {
                "id": "a",
                "text": "Kabul and Herat",
                "annotator": "bo",
                "status": "in_progress",
                "spans": [{"start": 0, "end": 5, "label": "ACTOR"}],
            },
            {"id": "b", "text": "plain"},
            {"id": "c", "text": "also plain"},
        ]
    )
    assert cli("import", str(path), "--db", sqlite_url).code == 0
    run = cli("stats", "--db", sqlite_url)
    assert run.code == 0
    shown = figures(run.out)
    assert shown["documents"] == "3"
    assert shown["annotators"] == "2 (ana, bo)"
    assert shown["sets done"] == "1"
    assert shown["sets in progress"] == "1"
    assert shown["spans"] == "4"
    assert (shown["ACTOR"], shown["PLACE"], shown["EVENT"], shown["FIGURE"]) == ("1", "2", "1", "0")
    assert "corpus.sqlite" in shown["database"]


def test_stats_of_a_new_database(cli: Cli, sqlite_url: str) -> None:
    assert cli("people", "add", "ana", "--db", sqlite_url).code == 0  # creates the database
    run = cli("stats", "--db", sqlite_url)
    assert run.code == 0
    assert figures(run.out)["documents"] == "0"


@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["export"],
        ["agreement"],
        ["people", "list"],
        ["adjudicate", "--strategy", "majority"],
    ],
)
def test_a_reading_command_creates_no_database(
    cli: Cli, tmp_path: Path, command: list[str]
) -> None:
    """A typo in --db is refused, and nothing is created: not the file, not its folder."""
    missing = tmp_path / "no" / "tema.sqlite"
    run = cli(*command, "--db", str(missing))
    assert run.code == 2
    assert run.err_lines == [
        f"annotator {' '.join(command[:2]) if command[0] == 'people' else command[0]}: "
        f"no database at {missing}; `annotator import` creates one"
    ]
    assert not (tmp_path / "no").exists()


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for command in ("import", "export", "stats"):
        assert command in out
    for command in ("import", "export", "stats"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "--db" in capsys.readouterr().out


def test_the_windows_options_before_another_command_are_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--user", "ana", "stats"])
    assert exited.value.code == 2
    assert "--user: the window's options; `stats` takes none" in capsys.readouterr().err
