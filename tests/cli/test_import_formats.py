"""`annotator import --format F` as a user runs it, for every format another tool writes: the
Unicode corpus lands in the database exactly (read back with `annotator export`), and a bad
file refuses the whole import with one located message and leaves the database as it was."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# The files are written by the reader tests' own builders, in each format's real shape.
sys.path.insert(0, str(Path(__file__).parents[1] / "formats"))

from test_brat_reader import ann_of
from test_conll_reader import conll, sentences_of
from test_doccano_reader import doccano_line
from test_inception_reader import write_folder
from test_label_studio_reader import annotation, task
from test_prodigy_reader import prodigy_task
from test_spacy_reader import spacy_doc
from unicode_corpus import CORPUS

from annotator.formats import extras

Cli = Callable[..., Any]
Snapshot = Callable[[str], dict[str, list[tuple[Any, ...]]]]


def jsonl(path: Path, lines: list[Any]) -> Path:
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    return path


def doccano_file(folder: Path) -> Path:
    return jsonl(folder / "doccano.jsonl", [doccano_line(i) for i in range(len(CORPUS))])


def prodigy_file(folder: Path) -> Path:
    return jsonl(folder / "prodigy.jsonl", [prodigy_task(doc) for doc in CORPUS])


def label_studio_file(folder: Path) -> Path:
    tasks = [task(i, doc, [annotation(doc, 1)]) for i, doc in enumerate(CORPUS)]
    (folder / "export.json").write_text(json.dumps(tasks, ensure_ascii=False), "utf-8")
    return folder / "export.json"


def brat_folder(folder: Path) -> Path:
    for doc in CORPUS:
        (folder / f"{doc.id}.txt").write_bytes(doc.text.encode("utf-8"))
        (folder / f"{doc.id}.ann").write_text(ann_of(doc), "utf-8")
    return folder


def conll_file(folder: Path) -> Path:
    (folder / "train.conll").write_text(conll([sentences_of(doc) for doc in CORPUS]), "utf-8")
    return folder / "train.conll"


def spacy_file(folder: Path) -> Path:
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    vocab = Vocab()
    DocBin(docs=[spacy_doc(vocab, doc) for doc in CORPUS]).to_disk(folder / "train.spacy")
    return folder / "train.spacy"


def inception_folder(folder: Path) -> Path:
    write_folder(folder, CORPUS)
    return folder


WRITERS = {
    "doccano": doccano_file,
    "prodigy": prodigy_file,
    "label-studio": label_studio_file,
    "brat": brat_folder,
    "spacy": spacy_file,
    "inception": inception_folder,
}


def export(cli: Cli, url: str) -> list[dict[str, Any]]:
    run = cli("export", "--db", url)
    assert run.code == 0, run.err
    return [json.loads(line) for line in run.out.split("\n") if line]


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_the_corpus_imports_exactly(cli: Cli, db_url: str, tmp_path: Path, fmt: str) -> None:
    run = cli("import", str(WRITERS[fmt](tmp_path)), "--format", fmt, "--db", db_url)
    assert run.code == 0, run.err
    stored = {record["text"]: record for record in export(cli, db_url) if "spans" in record}
    assert set(stored) == {doc.text for doc in CORPUS}
    for doc in CORPUS:
        spans = [(s["start"], s["end"], s["label"]) for s in stored[doc.text]["spans"]]
        assert spans == sorted(doc.spans)
        assert [s["text"] for s in stored[doc.text]["spans"]] == [
            doc.text[s:e] for s, e, _ in sorted(doc.spans)
        ]


def test_conll_imports_its_documents(cli: Cli, sqlite_url: str, tmp_path: Path) -> None:
    run = cli("import", str(conll_file(tmp_path)), "--format", "conll", "--db", sqlite_url)
    assert run.code == 0, run.err
    stored = export(cli, sqlite_url)
    assert [r["id"] for r in stored] == [f"train-{n}" for n in range(1, len(CORPUS) + 1)]
    for record in stored:
        assert record["spans"]
        assert all(record["text"][s["start"] : s["end"]] == s["text"] for s in record["spans"])


def bad_brat(folder: Path) -> tuple[Path, str]:
    brat_folder(folder)
    ann = folder / "scripts.ann"
    ann.write_text(ann_of(CORPUS[2]).replace("\tکابل\n", "\tکابلی\n"), "utf-8")  # noqa: RUF001
    return folder, f"{ann}:2: T2 says its text is 'کابلی' but the .txt has 'کابل' at "


def bad_conll(folder: Path) -> tuple[Path, str]:
    path = folder / "bad.conll"
    path.write_text("-DOCSTART- -X- -X- O\n\nKabul O\nHerat I-PLACE\n", "utf-8")
    return path, f"{path}:4: I-PLACE follows O: in IOB2 a span starts with B-PLACE"


def bad_prodigy(folder: Path) -> tuple[Path, str]:
    path = jsonl(folder / "p.jsonl", [prodigy_task(CORPUS[2]), prodigy_task(CORPUS[0], answer="?")])
    return path, f"{path}:2: answer must be one of accept, reject, ignore, not '?'"


def bad_label_studio(folder: Path) -> tuple[Path, str]:
    path = folder / "export.json"
    path.write_text('[{"data": {"text": "Kabul"}},\n {"data": {"body": "x"}}]', "utf-8")
    return path, f"{path}:2: data has no 'text' text (--text-column names another); it has 'body'"


def bad_spacy(folder: Path) -> tuple[Path, str]:
    (folder / "x.spacy").write_bytes(b"nonsense")
    return folder / "x.spacy", f"{folder / 'x.spacy'}: not a spaCy DocBin (.spacy) file: "


def bad_inception(folder: Path) -> tuple[Path, str]:
    inception_folder(folder)
    (folder / "TypeSystem.xml").unlink()
    return folder / "emoji.xmi", f"{folder / 'emoji.xmi'}: no TypeSystem.xml beside it"


def bad_span_label(folder: Path) -> tuple[Path, str]:
    line = {
        "id": 1,
        "text": "Kabul",
        "entities": [{"id": 1, "label": "CITY", "start_offset": 0, "end_offset": 5}],
    }
    path = jsonl(folder / "d.jsonl", [line])
    return path, f"{path}:1: span 0..5 has label 'CITY', which is not in the schema"


BAD = {
    "brat": bad_brat,
    "conll": bad_conll,
    "prodigy": bad_prodigy,
    "label-studio": bad_label_studio,
    "spacy": bad_spacy,
    "inception": bad_inception,
    "doccano": bad_span_label,
}


@pytest.mark.parametrize("fmt", list(BAD))
def test_a_bad_file_refuses_the_import_and_changes_nothing(
    cli: Cli, sqlite_url: str, tmp_path: Path, snapshot: Snapshot, fmt: str
) -> None:
    seed = jsonl(tmp_path / "seed.jsonl", [{"id": "old", "text": "Herat", "spans": []}])
    assert cli("import", str(seed), "--db", sqlite_url).code == 0
    before = snapshot(sqlite_url)
    folder = tmp_path / "in"
    folder.mkdir()
    path, expected = BAD[fmt](folder)
    run = cli("import", str(path), "--format", fmt, "--db", sqlite_url)
    assert run.code == 1
    assert run.err_lines[0].startswith(expected)
    assert run.err_lines[-1].endswith("nothing was imported")
    assert snapshot(sqlite_url) == before


def test_a_missing_extra_is_one_line_with_the_install_command(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(extras.EXTRAS, "spacy", ("no_such_module_here", "spaCy", "spacy"))
    (tmp_path / "x.spacy").write_bytes(b"")
    database = tmp_path / "new.sqlite"
    run = cli("import", str(tmp_path / "x.spacy"), "--format", "spacy", "--db", str(database))
    assert run.code == 2
    assert run.err_lines == [
        "annotator import: --format spacy needs spaCy, which is not installed: "
        'pip install "annotator[spacy]"'
    ]
    assert not database.exists()


def test_a_folder_lists_only_the_files_of_the_format(
    cli: Cli, sqlite_url: str, tmp_path: Path
) -> None:
    brat_folder(tmp_path)
    (tmp_path / "annotation.conf").write_text("[entities]\n")
    (tmp_path / "notes.jsonl").write_text("not read\n")
    run = cli("import", str(tmp_path), "--format", "brat", "--db", sqlite_url)
    assert run.code == 0, run.err
    assert len(export(cli, sqlite_url)) == len(CORPUS)
    empty = tmp_path / "empty"
    empty.mkdir()
    run = cli("import", str(empty), "--format", "conll", "--db", sqlite_url)
    assert run.code == 2
    assert "nothing to import: no .conll, .iob, .iob2 or .bio files in" in run.err
