"""Which database a command uses (--db, $ANNOTATOR_DB, the default file) and what it says when
it cannot use one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from annotator.store.location import ENV_VAR

Cli = Callable[..., Any]  # the `cli` fixture: returns a Run(code, out, err)
Snapshot = Callable[[str], dict[str, list[tuple[Any, ...]]]]


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def database_then(cli: Cli, db_url: str, folder: Path, change: str) -> None:
    """A database holding one imported document, then changed by ``change`` (SQL) as another
    program, or a newer Annotator, would change it."""
    (folder / "a.txt").write_text("x", encoding="utf-8")
    assert cli("import", str(folder / "a.txt"), "--db", db_url).code == 0
    engine = create_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text(change))
    engine.dispose()


def test_db_option_takes_a_bare_file_path(cli: Cli, home: Path) -> None:
    (home / "a.txt").write_text("x", encoding="utf-8")
    assert cli("import", "a.txt", "--db", "mine.sqlite").code == 0
    assert (home / "mine.sqlite").is_file()
    assert not (home / "data").exists()


def test_environment_variable_names_the_database(
    cli: Cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(home / "env.sqlite"))
    (home / "a.txt").write_text("x", encoding="utf-8")
    assert cli("import", "a.txt").code == 0
    assert (home / "env.sqlite").is_file()
    # --db still wins over the variable.
    assert cli("import", "a.txt", "--db", str(home / "given.sqlite")).code == 0
    assert (home / "given.sqlite").is_file()
    assert "documents:        1" in cli("stats").out


def test_default_database_lives_in_the_user_data_directory(cli: Cli, home: Path) -> None:
    (home / "a.txt").write_text("x", encoding="utf-8")
    assert cli("import", "a.txt").code == 0
    default = home / "data" / "annotator" / "annotator.sqlite"
    assert default.is_file()
    assert "documents:        1" in cli("stats").out


def test_a_database_from_a_newer_annotator_is_refused_with_a_message(
    cli: Cli, db_url: str, tmp_path: Path, snapshot: Snapshot
) -> None:
    database_then(cli, db_url, tmp_path, "UPDATE alembic_version SET version_num = '0999'")
    before = snapshot(db_url)
    for argv in (["stats"], ["export"], ["import", str(tmp_path / "a.txt")]):
        run = cli(*argv, "--db", db_url)
        assert run.code != 0
        assert run.out == ""
        [message] = run.err_lines
        assert message.startswith(f"annotator {argv[0]}: the database ")
        assert "'0999'" in message
        assert "newer Annotator" in message
    assert snapshot(db_url) == before


def test_an_unreachable_database_is_one_line_not_a_traceback(cli: Cli) -> None:
    run = cli("stats", "--db", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert run.code != 0
    [message] = run.err_lines
    assert message.startswith("annotator stats: cannot open the database ")


def test_a_file_that_is_not_a_database_is_a_one_line_error(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database\n" * 10)

    run = cli("stats", "--db", str(path))

    assert run.code == 2
    assert run.err_lines == [
        f"annotator stats: cannot open the database sqlite:///{path}: file is not a database"
    ]
    assert path.read_text().startswith("these are my notes")


@pytest.mark.parametrize(
    ("given", "scheme"),
    [
        ("foo://x", "foo://"),
        ("mysql://me:secret@db.example/corpus", "mysql://"),
        ("postgresql+psycopg2://me@127.0.0.1/test", "postgresql+psycopg2://"),
    ],
)
def test_a_database_scheme_annotator_cannot_use_is_one_line_naming_those_it_can(
    cli: Cli, home: Path, given: str, scheme: str
) -> None:
    (home / "a.txt").write_text("x", encoding="utf-8")
    for argv in (["stats"], ["import", "a.txt"], ["export"]):
        run = cli(*argv, "--db", given)
        assert run.code == 2
        assert run.err_lines == [
            f"annotator {argv[0]}: unsupported database URL scheme '{scheme}'; Annotator "
            "supports a SQLite file path, sqlite:///PATH, postgresql://... or "
            "postgresql+psycopg://..."
        ]
    assert "secret" not in run.err
    assert [path.name for path in home.iterdir()] == ["a.txt"]


def test_an_empty_alembic_version_table_is_reported_as_what_it_is(
    cli: Cli, db_url: str, tmp_path: Path, snapshot: Snapshot
) -> None:
    database_then(cli, db_url, tmp_path, "DELETE FROM alembic_version")
    before = snapshot(db_url)
    for argv in (["stats"], ["import", str(tmp_path / "a.txt")]):
        run = cli(*argv, "--db", db_url)
        assert run.code == 2
        assert run.err_lines == [
            f"annotator {argv[0]}: the database has tables but its alembic_version table is "
            "empty, so its schema revision is unknown; Annotator will not change it (restore "
            "it from a backup)"
        ]
    assert snapshot(db_url) == before


@pytest.mark.parametrize("given", ["sqlite://", "sqlite:///", "sqlite:///:memory:"])
def test_a_sqlite_url_without_a_file_is_refused(cli: Cli, tmp_path: Path, given: str) -> None:
    """An in-memory database would take an import, say it is saved, and lose it at exit."""
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    for argv in (["import", str(tmp_path / "a.txt")], ["stats"]):
        run = cli(*argv, "--db", given)
        assert run.code == 2
        assert run.err_lines == [
            f"annotator {argv[0]}: {given!r} names no file: an in-memory database would lose "
            "everything at exit; give a file, as sqlite:///PATH or a plain path"
        ]


def test_an_empty_db_option_is_refused_not_the_default(cli: Cli, home: Path) -> None:
    run = cli("stats", "--db", "")
    assert (run.code, run.err_lines) == (
        2,
        ["annotator stats: --db is empty; give a database file or URL"],
    )
    assert not (home / "data").exists()


def test_a_reading_command_leaves_an_empty_file_empty(cli: Cli, home: Path) -> None:
    (home / "empty.sqlite").touch()
    run = cli("stats", "--db", "empty.sqlite")
    assert run.code == 2
    assert run.err_lines == [
        f"annotator stats: {home / 'empty.sqlite'} is an empty file, not a database; "
        "`annotator import` fills it"
    ]
    assert (home / "empty.sqlite").stat().st_size == 0


def test_a_folder_is_not_a_database(cli: Cli, home: Path) -> None:
    (home / "exdir").mkdir()
    run = cli("stats", "--db", "exdir")
    assert (run.code, run.err_lines) == (
        2,
        [f"annotator stats: {home / 'exdir'} is a folder, not a database file"],
    )
