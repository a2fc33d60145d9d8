"""`annotator export -o`: where it may write, and one line for every place it cannot."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]  # the `cli` fixture: returns a Run(code, out, err)
Snapshot = Callable[[str], dict[str, list[tuple[Any, ...]]]]


@pytest.fixture
def corpus(cli: Cli, tmp_path: Path) -> Path:
    database = tmp_path / "corpus.sqlite"
    source = tmp_path / "a.txt"
    source.write_text("Taliban fighters entered Kabul", encoding="utf-8")
    assert cli("import", str(source), "--db", str(database)).code == 0
    return database


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    previous = os.umask(0o022)
    os.umask(previous)
    yield os.umask
    os.umask(previous)


def test_export_into_a_folder_that_does_not_exist_is_one_line(
    cli: Cli, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run = cli("export", "--db", str(corpus), "-o", "no/such/dir/out.jsonl")
    assert run.code == 1
    assert run.err_lines == [
        "annotator export: cannot write to no/such/dir/out.jsonl: there is no folder "
        f"{tmp_path / 'no/such/dir'}"
    ]
    assert not (tmp_path / "no").exists()


def test_export_onto_an_existing_folder_is_one_line(cli: Cli, corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    run = cli("export", "--db", str(corpus), "-o", str(folder))
    assert run.code == 1
    assert run.err_lines == [f"annotator export: cannot write to {folder}: it is a folder"]
    assert list(folder.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_to_a_device_writes_to_it_and_leaves_the_node(
    cli: Cli, corpus: Path, tmp_path: Path
) -> None:
    # A node of our own for the "full" device (1, 7): the machine's /dev/full stays out of it.
    full = tmp_path / "full"
    try:
        os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    except PermissionError as error:
        pytest.skip(f"making a device node needs root: {error}")
    run = cli("export", "--db", str(corpus), "-o", str(full))
    assert run.code == 1
    assert run.err_lines == [f"annotator export: cannot write to {full}: No space left on device"]
    assert stat.S_ISCHR(full.stat().st_mode)
    assert os.major(full.stat().st_rdev) == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_to_a_fifo_writes_through_it(cli: Cli, corpus: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    run = cli("export", "--db", str(corpus), "-o", str(fifo))
    reader.join(timeout=30)
    assert run.code == 0
    assert b"Taliban fighters entered Kabul" in received[0]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_export_creates_its_file_with_the_mode_the_umask_gives(
    cli: Cli, corpus: Path, tmp_path: Path, umask: Callable[[int], None]
) -> None:
    for mask, mode in ((0o022, 0o644), (0o027, 0o640), (0o002, 0o664)):
        umask(mask)
        target = tmp_path / f"out-{mask:o}.jsonl"
        assert cli("export", "--db", str(corpus), "-o", str(target)).code == 0
        assert stat.S_IMODE(target.stat().st_mode) == mode
    # A file written again keeps the mode its owner gave it.
    target.chmod(0o600)
    assert cli("export", "--db", str(corpus), "-o", str(target)).code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_refuses_to_write_over_the_database_or_its_side_files(
    cli: Cli, corpus: Path, tmp_path: Path, snapshot: Snapshot
) -> None:
    url = f"sqlite:///{corpus}"
    before = snapshot(url)
    hard_link = tmp_path / "link.jsonl"
    os.link(corpus, hard_link)
    symlink = tmp_path / "symlink.jsonl"
    symlink.symlink_to(corpus)
    for target, named in (
        (corpus, corpus),
        (Path(f"{corpus}-wal"), Path(f"{corpus}-wal")),
        (Path(f"{corpus}-journal"), Path(f"{corpus}-journal")),
        (hard_link, corpus),
        (symlink, corpus),
    ):
        run = cli("export", "--db", str(corpus), "-o", str(target))
        assert run.code == 2
        assert run.err_lines == [
            f"annotator export: refusing to write the export over the database file {named}"
        ]
    assert snapshot(url) == before
    assert not Path(f"{corpus}-journal").exists()


def test_export_onto_a_full_disk_is_one_line_and_keeps_the_old_file(
    cli: Cli, tmp_path: Path, small_disk: Path, big_jsonl: Path
) -> None:
    database = tmp_path / "big.sqlite"
    assert cli("import", str(big_jsonl), "--db", str(database)).code == 0
    target = small_disk / "out.jsonl"
    target.write_text("the export of yesterday\n", encoding="utf-8")
    run = cli("export", "--db", str(database), "-o", str(target))
    assert run.code == 1
    assert run.err_lines == [f"annotator export: cannot write to {target}: No space left on device"]
    assert target.read_text(encoding="utf-8") == "the export of yesterday\n"
    assert [p.name for p in small_disk.iterdir()] == ["out.jsonl"]


def test_export_to_a_full_standard_output_is_one_line(corpus: Path) -> None:
    with open(os.devnull if not Path("/dev/full").exists() else "/dev/full", "w") as full:
        if full.name == os.devnull:
            pytest.skip("no /dev/full on this system")
        done = subprocess.run(
            [sys.executable, "-m", "annotator", "export", "--db", str(corpus)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "annotator export: cannot write to standard output: No space left on device"
    ]


def test_export_into_an_immutable_folder_says_the_folder_is_read_only(
    cli: Cli, corpus: Path, tmp_path: Path
) -> None:
    """As root only `chattr +i` stops a write; the system's own words are "Operation not
    permitted", which does not say what to fix."""
    folder = tmp_path / "locked"
    folder.mkdir()
    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i does not work here: {done.stderr.strip()}")
    try:
        run = cli("export", "--db", str(corpus), "-o", str(folder / "out.jsonl"))
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    assert run.code == 1
    [message] = run.err_lines
    assert message.startswith(
        f"annotator export: cannot write to {folder / 'out.jsonl'}: the folder {folder} is "
        "read-only ("
    )
    assert list(folder.iterdir()) == []
