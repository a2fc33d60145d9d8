"""An import onto a full disk (a real 2 MB tmpfs) is one line, exit 1, and changes nothing.
(An export onto a full disk: tests/cli/test_export_output.py.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

Cli = Callable[..., Any]  # the `cli` fixture: returns a Run(code, out, err)
Snapshot = Callable[[str], dict[str, list[tuple[Any, ...]]]]


def test_an_import_that_fills_the_disk_is_one_line_and_keeps_nothing(
    cli: Cli, tmp_path: Path, small_disk: Path, big_jsonl: Path, snapshot: Snapshot
) -> None:
    database = small_disk / "corpus.sqlite"
    (tmp_path / "a.txt").write_text("Taliban fighters entered Kabul", encoding="utf-8")
    assert cli("import", str(tmp_path / "a.txt"), "--db", str(database)).code == 0
    before = snapshot(f"sqlite:///{database}")

    run = cli("import", str(big_jsonl), "--db", str(database))

    assert run.code == 1
    assert run.err_lines == [
        f"annotator import: cannot write to {database}: the disk is full; nothing of this "
        "command was kept"
    ]
    assert snapshot(f"sqlite:///{database}") == before
    assert "documents:        1" in cli("stats", "--db", str(database)).out
