"""Several processes opening a brand-new database at the same moment: one creates the schema
and the default labels, the others wait for it and find nothing to do."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from annotator.store.lookup import label_schema
from annotator.store.store import Store

CHILD = textwrap.dedent(
    """
    import sys
    from annotator.store.store import Store
    with Store.open(sys.argv[1]) as store:
        print("opened")
    """
)


def _open_at_once(url: str, processes: int = 4) -> None:
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, url], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(processes)
    ]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err.decode()
        assert out.decode().strip() == "opened"


@pytest.mark.postgres
def test_processes_opening_a_new_postgres_database_take_turns(postgres_url: str) -> None:
    _open_at_once(postgres_url)
    with Store.open(postgres_url) as store, store.reading() as session:
        assert label_schema(session).names() == ["ACTOR", "PLACE", "EVENT", "FIGURE"]


def test_processes_opening_a_new_sqlite_file_take_turns(sqlite_url: str) -> None:
    # Switching a new file to WAL once failed at once ("database is locked") for about one
    # run in 40 of six processes; see engine._use_wal.
    _open_at_once(sqlite_url, processes=6)
    with Store.open(sqlite_url) as store, store.reading() as session:
        assert label_schema(session).names() == ["ACTOR", "PLACE", "EVENT", "FIGURE"]
