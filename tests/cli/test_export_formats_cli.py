"""`annotator export --format F`: a format holding one annotation per document needs --set,
--split cuts the documents into files or folders deterministically, a missing extra is one
line, and a file or folder export is written whole or not at all."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from annotator.formats import EXPORT_FORMATS

Cli = Callable[..., Any]
WriteJsonl = Callable[..., Path]

TEXT = "Ghani met\r\nAbdullah in Kabul 🇦🇫."
DOCS = [
    {
        "id": f"doc-{n}",
        "text": f"{n}: {TEXT}",
        "annotator": "ana",
        "spans": [{"start": len(f"{n}: ") + TEXT.index("Kabul"), "end": 0, "label": "PLACE"}],
    }
    for n in range(20)
]
for doc in DOCS:
    doc["spans"][0]["end"] = doc["spans"][0]["start"] + 5


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    """An empty folder for the exports (tmp_path holds the inputs and the database)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


@pytest.fixture
def one_set_url(cli: Cli, db_url: str, write_jsonl: WriteJsonl) -> str:
    assert cli("import", str(write_jsonl(DOCS)), "--db", db_url).code == 0
    return db_url


@pytest.fixture
def two_sets_url(cli: Cli, one_set_url: str, write_jsonl: WriteJsonl) -> str:
    bob = [{**DOCS[0], "annotator": "bob", "spans": []}]
    assert cli("import", str(write_jsonl(bob, "bob.jsonl")), "--db", one_set_url).code == 0
    return one_set_url


@pytest.mark.parametrize("name", ["conll", "spacy", "hf", "brat", "inception"])
def test_a_one_annotation_format_needs_set_when_documents_have_several(
    cli: Cli, two_sets_url: str, exports: Path, name: str
) -> None:
    target = exports / "out"
    run = cli("export", "--db", two_sets_url, "--format", name, "-o", str(target))
    assert run.code != 0
    assert "--set" in run.err
    assert "ana, bob" in run.err
    assert not target.exists()
    assert list(exports.iterdir()) == []
    run = cli("export", "--db", two_sets_url, "--format", name, "--set", "ana", "-o", str(target))
    assert run.code == 0, run.err
    assert target.exists()


def test_every_format_exports_from_the_command_line(
    cli: Cli, one_set_url: str, exports: Path
) -> None:
    for name, fmt in EXPORT_FORMATS.items():
        target = exports / f"out-{name}{fmt.suffix}"
        run = cli("export", "--db", one_set_url, "--format", name, "-o", str(target))
        assert run.code == 0, run.err
        assert f"{len(DOCS)} record(s) to {target}" in run.err  # patterns: "1 pattern(s) from"


def test_split_is_by_document_deterministic_and_complete(
    cli: Cli, one_set_url: str, exports: Path
) -> None:
    def split(seed: int, folder: str) -> dict[str, list[str]]:
        (exports / folder).mkdir()
        out = exports / folder / "corpus.spacy"
        argv = ["export", "--db", one_set_url, "--format", "spacy", "-o", str(out)]
        run = cli(*argv, "--split", "train=0.8,dev=0.1,test=0.1", "--seed", str(seed))
        assert run.code == 0, run.err
        found = {}
        for name in ("train", "dev", "test"):
            docs = DocBin().from_disk(exports / folder / f"corpus-{name}.spacy")
            found[name] = [doc.user_data["id"] for doc in docs.get_docs(Vocab())]
        return found

    first, again, other = split(1, "a"), split(1, "b"), split(2, "c")
    assert first == again
    assert first != other
    assert [len(first[name]) for name in ("train", "dev", "test")] == [16, 2, 2]
    every = [ident for ids in first.values() for ident in ids]
    assert sorted(every) == sorted(doc["id"] for doc in DOCS)


def test_split_of_a_line_format_names_each_file(cli: Cli, one_set_url: str, exports: Path) -> None:
    out = exports / "corpus.jsonl"
    argv = ["export", "--db", one_set_url, "--format", "doccano", "-o", str(out)]
    assert cli(*argv, "--split", "train=0.5,test=0.5").code == 0
    halves = [
        [json.loads(line)["id"] for line in (exports / f"corpus-{n}.jsonl").open()]
        for n in ("train", "test")
    ]
    assert sorted(halves[0] + halves[1]) == sorted(doc["id"] for doc in DOCS)
    assert len(halves[0]) == len(halves[1]) == 10


@pytest.mark.parametrize(
    ("split", "problem"),
    [
        ("train=0.8,dev=0.1", "add up to 0.9"),
        ("train=0.5,train=0.5", "named twice"),
        ("train", "not NAME=FRACTION"),
        ("train=x,dev=1", "not a number"),
    ],
)
def test_a_bad_split_is_one_line(
    cli: Cli, one_set_url: str, exports: Path, split: str, problem: str
) -> None:
    out = exports / "x.jsonl"
    run = cli("export", "--db", one_set_url, "-o", str(out), "--split", split)
    assert run.code != 0
    assert problem in run.err
    assert len(run.err_lines) == 1
    assert list(exports.iterdir()) == []


def test_a_missing_extra_names_its_install_command(
    cli: Cli, one_set_url: str, exports: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if spaCy were not installed: importing it fails.
    monkeypatch.setitem(sys.modules, "spacy", None)
    run = cli("export", "--db", one_set_url, "--format", "spacy", "-o", str(exports / "x.spacy"))
    assert run.code != 0
    assert run.err_lines == [
        "annotator export: the spacy format needs spacy, which is not installed: "
        'pip install "annotator[spacy]"'
    ]
    assert list(exports.iterdir()) == []


def test_a_folder_format_refuses_standard_output_and_a_folder_of_files(
    cli: Cli, one_set_url: str, exports: Path
) -> None:
    run = cli("export", "--db", one_set_url, "--format", "brat")
    assert run.code != 0
    assert "writes a folder: give -o PATH" in run.err
    kept = exports / "mine"
    kept.mkdir()
    (kept / "notes.txt").write_text("keep me", encoding="utf-8")
    run = cli("export", "--db", one_set_url, "--format", "brat", "-o", str(kept))
    assert run.code != 0
    assert "not empty" in run.err
    assert [p.name for p in kept.iterdir()] == ["notes.txt"]
    empty = exports / "empty"
    empty.mkdir()
    assert cli("export", "--db", one_set_url, "--format", "brat", "-o", str(empty)).code == 0
    assert (empty / "annotation.conf").is_file()


def test_a_failed_folder_export_leaves_nothing(
    cli: Cli, db_url: str, write_jsonl: WriteJsonl, exports: Path
) -> None:
    bell = [DOCS[0], {"id": "bell", "text": "ring\x07", "annotator": "ana", "spans": []}]
    assert cli("import", str(write_jsonl(bell)), "--db", db_url).code == 0
    out = exports / "out"
    out.mkdir()
    run = cli("export", "--db", db_url, "--format", "inception", "-o", str(out / "xmi"))
    assert run.code != 0
    assert "'bell' holds U+0007" in run.err
    assert list(out.iterdir()) == []


def test_a_file_export_replaces_the_old_file_whole(
    cli: Cli, one_set_url: str, exports: Path
) -> None:
    out = exports / "corpus.spacy"
    out.write_bytes(b"old")
    out.chmod(0o640)
    assert cli("export", "--db", one_set_url, "--format", "spacy", "-o", str(out)).code == 0
    assert len(list(DocBin().from_disk(out).get_docs(Vocab()))) == len(DOCS)
    assert out.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in exports.iterdir()] == ["corpus.spacy"]


def test_token_formats_say_what_they_left_out(
    cli: Cli, db_url: str, write_jsonl: WriteJsonl, exports: Path
) -> None:
    nested = {
        "id": "n",
        "text": "Kabul city",
        "annotator": "ana",
        "spans": [
            {"start": 0, "end": 10, "label": "PLACE"},
            {"start": 0, "end": 5, "label": "PLACE"},
        ],
    }
    assert cli("import", str(write_jsonl([nested])), "--db", db_url).code == 0
    run = cli("export", "--db", db_url, "--format", "conll")
    assert run.code == 0
    assert run.out.splitlines()[2:4] == ["Kabul B-PLACE", "city I-PLACE"]
    assert "conll: 1 nested or overlapping span(s) left out" in run.err_lines
