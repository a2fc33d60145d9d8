"""Choosing the database (--db, $ANNOTATOR_DB, the user data directory) and SQLite's settings,
including two real processes writing one SQLite file at once."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select, text

from annotator.store.engine import display_url, resolve_url
from annotator.store.location import ENV_VAR
from annotator.store.models import Span
from annotator.store.store import Store


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No $ANNOTATOR_DB, and a user data directory inside tmp_path."""
    monkeypatch.delenv(ENV_VAR, raising=False)
    data_home = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    return data_home


def test_given_url_wins_over_the_environment(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env.sqlite"))
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url(str(tmp_path / "given.sqlite")) == f"sqlite:///{tmp_path / 'given.sqlite'}"


def test_environment_wins_over_the_default(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env.sqlite"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'env.sqlite'}"


def test_default_is_a_sqlite_file_in_the_user_data_directory(clean_env: Path) -> None:
    assert resolve_url(None) == f"sqlite:///{clean_env / 'annotator' / 'annotator.sqlite'}"


def test_a_bare_path_means_sqlite_and_is_made_absolute(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_url("corpus.sqlite") == f"sqlite:///{tmp_path / 'corpus.sqlite'}"
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_url("~/c.sqlite") == f"sqlite:///{tmp_path / 'c.sqlite'}"


def test_postgres_urls_use_psycopg_3(clean_env: Path) -> None:
    assert resolve_url("postgresql://u@h:5432/db") == "postgresql+psycopg://u@h:5432/db"
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("sqlite:////x/y.sqlite") == "sqlite:////x/y.sqlite"


def test_display_url_hides_the_password() -> None:
    shown = display_url("postgresql+psycopg://ana:s3cret@db.example/corpus")
    assert "s3cret" not in shown
    assert "ana" in shown
    assert "db.example/corpus" in shown


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(sqlite_store: Store) -> None:
    with sqlite_store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_opening_a_path_in_a_missing_folder_creates_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "corpus.sqlite"
    with Store.open(resolve_url(str(path))):
        pass
    assert path.is_file()


WRITER = textwrap.dedent(
    """
    import sys
    from annotator.store.store import Store
    from annotator.store.annotations import add_span
    from annotator.store.documents import find_document
    from annotator.store.importer import import_records
    from annotator.schemas import DocumentRecord, Located

    url, person, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    text = "x" * (count + 1)
    with Store.open(url) as store:
        record = DocumentRecord(id="shared", text=text)
        import_records(store, [Located(person, 1, record)])
        document = find_document(store, "shared")
        for start in range(count):
            add_span(store, document, person, start, start + 1, "ACTOR")
    print("ok")
    """
)


def test_two_processes_write_one_sqlite_file_at_once(tmp_path: Path) -> None:
    """Both start on a file that does not exist yet: both create-or-open it, import the same
    document and add spans one transaction at a time, interleaved."""
    url = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    count = 40
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url, person, str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for person in ("ana", "bo")
    ]
    results = [process.communicate(timeout=60) for process in processes]
    for process, (out, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err
        assert out.strip() == "ok"
    with Store.open(url) as store, store.reading() as session:
        assert session.scalar(select(text("count(*)")).select_from(Span)) == 2 * count
        documents = session.execute(text("SELECT count(*) FROM documents")).scalar()
        assert documents == 1
