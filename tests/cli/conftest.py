"""Running the command line in-process, as a user would type it, and reading databases back."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, create_engine, select

from annotator.cli import main


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """``cli("import", "x.jsonl", "--db", url)`` runs ``annotator.cli.main`` and captures it."""

    def run(*argv: str) -> Run:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def write_jsonl(tmp_path: Path) -> Callable[..., Path]:
    """Write records (dicts, or raw lines as str or bytes) to ``tmp_path/name`` as JSONL."""

    def write(records: Iterable[dict[str, Any] | str | bytes], name: str = "data.jsonl") -> Path:
        path = tmp_path / name
        lines = []
        for record in records:
            if isinstance(record, bytes):
                lines.append(record)
            elif isinstance(record, str):
                lines.append(record.encode("utf-8"))
            else:
                lines.append(json.dumps(record, ensure_ascii=False).encode("utf-8"))
        path.write_bytes(b"".join(line + b"\n" for line in lines))
        return path

    return write


def table_snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to compare a database before and after a command."""
    engine = create_engine(url)
    try:
        metadata = MetaData()
        with engine.connect() as connection:
            metadata.reflect(connection)
            return {
                name: sorted((tuple(r) for r in connection.execute(select(table))), key=repr)
                for name, table in sorted(metadata.tables.items())
            }
    finally:
        engine.dispose()


@pytest.fixture
def snapshot() -> Callable[[str], dict[str, list[tuple[Any, ...]]]]:
    return table_snapshot


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MB file system (tmpfs) to fill up: a full disk, not a simulated one."""
    import subprocess

    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"a full disk needs a small tmpfs, and mount was refused: {mounted.stderr}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


@pytest.fixture
def big_jsonl(tmp_path: Path) -> Path:
    """A JSONL corpus of 300 documents of 8,000 characters: more than the small disk holds."""
    path = tmp_path / "big.jsonl"
    word = "Kabul "
    with path.open("w", encoding="utf-8") as handle:
        for number in range(300):
            text = f"{number} " + word * (8_000 // len(word))
            spans = [{"start": 0, "end": len(str(number)), "label": "FIGURE"}]
            handle.write(json.dumps({"id": f"d{number}", "text": text, "spans": spans}) + "\n")
    return path
