"""What the import-linter contracts (``pyproject.toml``, run by ``.ci/run``) cannot see: which
modules a command really loads at run time, in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def modules_after_importing(*names: str, then: str = "") -> set[str]:
    """Modules loaded in a fresh interpreter after importing ``names`` and running ``then``."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {list(names)!r}:\n"
        "    importlib.import_module(name)\n"
        f"{then}\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_the_cli_starts_without_the_database_layer() -> None:
    """`annotator --help` stays fast: the CLI module imports the store only when a command runs."""
    loaded = modules_after_importing("annotator.cli")
    assert "sqlalchemy" not in loaded
    assert "alembic" not in loaded


def test_the_cli_lists_the_formats_without_loading_them() -> None:
    """The parser offers the registered formats (annotator.formats) without their readers,
    writers or pydantic."""
    loaded = modules_after_importing(
        "annotator.cli",
        then="import annotator.cli; annotator.cli.build_parser().parse_args(['export'])",
    )
    assert "annotator.formats" in loaded
    assert "pydantic" not in loaded
    assert "annotator.formats.native" not in loaded


def test_command_line_commands_run_without_qt(tmp_path: Path) -> None:
    """Running `annotator import`, `export` and `stats` loads no Qt (headless servers, speed)."""
    (tmp_path / "a.txt").write_text("Kabul", encoding="utf-8")
    db = str(tmp_path / "c.sqlite")
    steps = [["import", str(tmp_path / "a.txt")], ["export", "-o", str(tmp_path / "o")], ["stats"]]
    run = "\n".join(
        f"assert annotator.entry.main({[*step, '--db', db]!r}) == 0, {step[0]!r}" for step in steps
    )
    loaded = modules_after_importing("annotator.entry", then=f"import annotator.entry\n{run}")
    assert "sqlalchemy" in loaded  # the commands did run
    assert not {name for name in loaded if name.split(".")[0] in ("PySide6", "shiboken6")}


def test_the_window_is_built_before_the_database_layer_loads() -> None:
    """`annotator` paints its window first (gui.app.launch): building MainWindow loads no
    SQLAlchemy; attaching the store loads it."""
    loaded = modules_after_importing("annotator.gui.main_window", "annotator.gui.app")
    assert "sqlalchemy" not in loaded
    assert "pydantic" not in loaded
