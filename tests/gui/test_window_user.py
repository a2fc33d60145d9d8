"""``--user`` and ``--new-user`` for the window's commands, as a person types them: an unknown
name is refused before any window opens; ``--new-user`` adds it; a database with no people
yet (none, or only ``imported``) takes anyone, as before. Real processes throughout."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from window_support import import_texts

from annotator.core.status import Role
from annotator.schemas import DocumentRecord, Located
from annotator.store.importer import import_records
from annotator.store.people import add_person
from annotator.store.store import Store

pytestmark = pytest.mark.gui

UNKNOWN_ANA = (
    "unknown person 'Ana' (did you mean 'ana'?); known: ana, ben, rita; --new-user adds one"
)


def _argv(command: str, database: Path, *options: str) -> list[str]:
    argv = [sys.executable, "-m", "annotator", command, "--db", str(database), *options]
    if command == "screenshot":
        argv += ["-o", str(database.parent / "shot.png")]
    return argv


def annotator(command: str, database: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _argv(command, database, *options),
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )


@pytest.fixture
def window() -> Iterator[list[subprocess.Popen[str]]]:
    """Windows started in the background, closed at the end of the test."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=30)


def start_window(database: Path, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        _argv("gui", database, *options),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def people(database: Path) -> list[str]:
    listed = subprocess.run(
        [sys.executable, "-m", "annotator", "people", "list", "--db", str(database)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return [line.split()[0] for line in listed.stdout.splitlines()[1:]]


@pytest.fixture
def team(tmp_path: Path) -> Path:
    database = tmp_path / "corpus.sqlite"
    import_texts(f"sqlite:///{database}", [("a", "Taliban fighters entered Kabul.")])
    with Store.open(f"sqlite:///{database}") as store:
        for name in ("rita", "ana", "ben"):
            add_person(store, name, Role.ANNOTATOR)
    return database


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    database = tmp_path / "empty.sqlite"
    import_texts(f"sqlite:///{database}", [("a", "Taliban fighters entered Kabul.")])
    return database


@pytest.fixture
def only_imported(tmp_path: Path) -> Path:
    """A database whose only person is `imported`, who made the spans of an import."""
    database = tmp_path / "imported.sqlite"
    record = DocumentRecord.model_validate(
        {"id": "a", "text": "Kabul", "spans": [{"start": 0, "end": 5, "label": "PLACE"}]}
    )
    with Store.open(f"sqlite:///{database}") as store:
        import_records(store, [Located("test", 1, record)])
    assert people(database) == ["imported"]
    return database


@pytest.mark.parametrize("command", ["gui", "screenshot"])
def test_an_unknown_user_is_refused_before_any_window_opens(command: str, team: Path) -> None:
    started = time.monotonic()
    done = annotator(command, team, "--user", "Ana")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"annotator {command}: {UNKNOWN_ANA}"]
    assert done.stdout == ""
    assert time.monotonic() - started < 30  # it returned by itself: no window was waiting
    assert not (team.parent / "shot.png").exists()
    assert people(team) == ["ana", "ben", "rita"]


def test_new_user_adds_the_person_for_a_screenshot(team: Path) -> None:
    done = annotator("screenshot", team, "--user", "Ana", "--new-user")
    assert done.returncode == 0, done.stderr
    assert (team.parent / "shot.png").stat().st_size > 0
    assert people(team) == ["Ana", "ana", "ben", "rita"]


def test_new_user_adds_the_person_before_the_window_opens(
    team: Path, window: list[subprocess.Popen[str]]
) -> None:
    window.append(start_window(team, "--user", "zoe", "--new-user"))
    deadline = time.monotonic() + 60
    while "zoe" not in people(team):
        assert window[0].poll() is None, window[0].communicate()
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert people(team) == ["ana", "ben", "rita", "zoe"]


@pytest.mark.parametrize("database", ["empty", "only_imported"])
def test_a_database_with_no_people_takes_the_first_person(
    database: str, request: pytest.FixtureRequest, window: list[subprocess.Popen[str]]
) -> None:
    path: Path = request.getfixturevalue(database)
    before = people(path)
    done = annotator("screenshot", path, "--user", "zoe")
    assert done.returncode == 0, done.stderr
    assert (path.parent / "shot.png").stat().st_size > 0
    # The window takes zoe too: it is still open after a refusal would have ended it.
    window.append(start_window(path, "--user", "zoe"))
    time.sleep(3)
    assert window[0].poll() is None, window[0].communicate()
    # Created with their first action, not by opening the window.
    assert people(path) == before


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("gold", "'gold' is reserved for the adjudicated gold standard; use your name"),
        (
            "imported",
            "'imported' owns the spans of imports that name no annotator; use your own name",
        ),
    ],
)
@pytest.mark.parametrize("extra", [[], ["--new-user"]])
def test_gold_and_imported_never_work_in_the_window(
    empty: Path, name: str, message: str, extra: list[str]
) -> None:
    """Even on a database with nobody in it yet: labels as `gold` would go straight into the
    adjudicated standard."""
    run = annotator("gui", empty, "--user", name, *extra)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [f"annotator gui: {message}"]
    assert people(empty) == []


@pytest.mark.parametrize("extra", [[], ["--new-user"]])
def test_review_mode_for_an_annotator_is_refused_before_any_window_opens(
    team: Path, extra: list[str]
) -> None:
    run = annotator("gui", team, "--user", "ana", "--review", *extra)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        "annotator gui: ana is not a reviewer; review mode is for reviewers "
        "(annotator people add ana --role reviewer)"
    ]
