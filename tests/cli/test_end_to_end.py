"""The installed `annotator` command, run as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ANNOTATOR = Path(sys.executable).with_name("annotator")


def run(*argv: str, cwd: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "ANNOTATOR_DB"}
    env["XDG_DATA_HOME"] = str(cwd / "xdg")  # never the developer's own corpus
    env.update(extra_env)
    return subprocess.run(
        [str(ANNOTATOR), *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


@pytest.fixture(autouse=True)
def _installed() -> None:
    if not ANNOTATOR.exists():
        pytest.skip(f"the annotator script is not installed beside {sys.executable}")


def test_help_lists_the_commands(tmp_path: Path) -> None:
    done = run("--help", cwd=tmp_path)
    assert done.returncode == 0
    for command in ("import", "export", "stats"):
        assert command in done.stdout


def test_import_a_folder_export_it_and_read_the_figures(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = "Kabul\r\nAn attack 👩\u200d💻 today.\n"
    (corpus / "article-1.txt").write_bytes(article.encode("utf-8"))
    (corpus / "more.jsonl").write_text(
        json.dumps({"id": 2, "text": "Herat", "label": [[0, 5, "PLACE"]]}) + "\n",
        encoding="utf-8",
    )
    imported = run("import", "corpus", "--db", "c.sqlite", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "imported 2 new document(s)" in imported.stdout
    exported = run("export", "--db", "c.sqlite", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert [json.loads(line) for line in exported.stdout.splitlines()] == [
        {"id": "article-1", "text": article},
        {
            "id": "2",
            "text": "Herat",
            "annotator": "imported",
            "status": "done",
            "spans": [{"start": 0, "end": 5, "label": "PLACE", "text": "Herat"}],
        },
    ]
    stats = run("stats", "--db", "c.sqlite", cwd=tmp_path)
    assert stats.returncode == 0
    assert "documents:        2" in stats.stdout


def test_bad_input_is_refused_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "data.jsonl").write_text(
        '{"id": "a", "text": "abc"}\n'
        '{"id": "b", "text": "abc", "spans": [{"start": 1, "end": 9, "label": "ACTOR"}]}\n',
        encoding="utf-8",
    )
    done = run("import", "data.jsonl", "--db", "c.sqlite", cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        "data.jsonl:2: span 1..9 is outside the text (3 characters)",
        "import refused: 1 problem(s); nothing was imported",
    ]
    assert not (tmp_path / "c.sqlite").exists()  # a refused import creates no database
    empty = run("export", "--db", "c.sqlite", cwd=tmp_path)
    assert empty.returncode == 2
    assert empty.stdout == ""


def test_export_to_stdout_is_utf8_whatever_the_locale(tmp_path: Path) -> None:
    """A Windows console or `> file` would otherwise encode as cp1252 and fail on emoji."""
    text = "Kabul 😀 مرحبا\r\n"
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a", "text": text}) + "\n")
    assert run("import", "a.jsonl", "--db", "c.sqlite", cwd=tmp_path).returncode == 0
    done = run("export", "--db", "c.sqlite", cwd=tmp_path, PYTHONIOENCODING="cp1252")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"id": "a", "text": text}
