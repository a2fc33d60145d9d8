"""Round trips through every format that imports: the Unicode corpus exported as F by
`annotator export`, imported by `annotator import --format F` into a new database, gives back
what F can hold, exactly: the text, every span (offsets and label) and every relation.

CoNLL keeps neither the text's whitespace nor nested spans, and a token its export cut at a
span's edge ("Qala" of "Qala-e-Zal") is tokenized again once the tokens are joined by spaces:
its round trip is the entities, each label with its tokens' text, document by document.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.formats.unicode_export_corpus import RECORDS

Cli = Callable[..., Any]
Corpus = dict[str, tuple[str, list[tuple[int, int, str]], list[tuple[int, int, str]]]]

# Every format that imports. brat keeps a document's id only as its files' name, so an id no
# file may be named ("dari/2") comes back as that name: its documents are compared by content.
FORMATS = ["brat", "doccano", "inception", "label-studio", "prodigy", "spacy"]
IDS_AS_FILE_NAMES = {"brat"}


def native_lines() -> list[dict[str, Any]]:
    lines = []
    for record in RECORDS:
        assert record.spans is not None
        lines.append(
            {
                "id": record.id,
                "text": record.text,
                "annotator": record.annotator,
                "status": "done",
                "spans": [{"start": s, "end": e, "label": lab} for s, e, lab in record.spans],
                "relations": [
                    {"from": source, "to": target, "label": label}
                    for source, target, label in record.relations or ()
                ],
            }
        )
    return lines


def corpus_of(cli: Cli, url: str, tmp_path: Path, name: str) -> tuple[Corpus, set[str]]:
    """The database's annotations by document id: text, spans, relations (as spans' triples),
    and the annotators' names."""
    out = tmp_path / f"{name}.jsonl"
    assert cli("export", "--db", url, "-o", str(out)).code == 0
    corpus: Corpus = {}
    annotators = set()
    # Split at "\n" only: a text's U+2029 is written as itself, and splitlines() cuts there.
    for line in out.read_text(encoding="utf-8").split("\n")[:-1]:
        record = json.loads(line)
        spans = [(s["start"], s["end"], s["label"]) for s in record.get("spans") or []]
        relations = [
            (spans[r["from"]], spans[r["to"]], r["label"]) for r in record.get("relations") or []
        ]
        corpus[record["id"]] = (record["text"], sorted(spans), sorted(relations))  # type: ignore[arg-type]
        if record.get("annotator"):
            annotators.add(record["annotator"])
    return corpus, annotators


@pytest.fixture
def source_url(cli: Cli, db_url: str, write_jsonl: Callable[..., Path]) -> str:
    assert cli("import", str(write_jsonl(native_lines())), "--db", db_url).code == 0
    return db_url


@pytest.mark.parametrize("name", FORMATS)
def test_a_round_trip_gives_the_same_corpus(
    cli: Cli, source_url: str, tmp_path: Path, name: str
) -> None:
    exported = tmp_path / f"out-{name}"
    run = cli("export", "--db", source_url, "--format", name, "--set", "ana", "-o", str(exported))
    assert run.code == 0, run.err
    target = f"sqlite:///{tmp_path / 'back.sqlite'}"
    run = cli("import", str(exported), "--format", name, "--annotator", "ana", "--db", target)
    assert run.code == 0, run.err
    before, _ = corpus_of(cli, source_url, tmp_path, "before")
    after, annotators = corpus_of(cli, target, tmp_path, "after")
    assert annotators == {"ana"}
    if name in IDS_AS_FILE_NAMES:
        assert sorted(after.values()) == sorted(before.values())
        assert "dari/2" not in after
    else:
        assert after == before


def conll_entities(path: Path) -> list[list[tuple[str, str]]]:
    """Per document, each entity's label and its tokens' text joined without spaces."""
    documents: list[list[tuple[str, str]]] = []
    current: tuple[str, list[str]] | None = None
    for line in path.read_text(encoding="utf-8").split("\n"):
        token, _, tag = line.rpartition(" ")
        if current is not None and not tag.startswith("I-"):
            documents[-1].append((current[0], "".join(current[1])))
            current = None
        if line.startswith("-DOCSTART-"):
            documents.append([])
        elif tag.startswith("B-"):
            current = (tag[2:], [token])
        elif tag.startswith("I-") and current is not None:
            current[1].append(token)
    return documents


def test_conll_read_back_gives_the_same_entities(cli: Cli, source_url: str, tmp_path: Path) -> None:
    first, second = tmp_path / "first.conll", tmp_path / "second.conll"
    run = cli("export", "--db", source_url, "--format", "conll", "--set", "ana", "-o", str(first))
    assert run.code == 0, run.err
    target = f"sqlite:///{tmp_path / 'back.sqlite'}"
    run = cli("import", str(first), "--format", "conll", "--annotator", "ana", "--db", target)
    assert run.code == 0, run.err
    run = cli("export", "--db", target, "--format", "conll", "--set", "ana", "-o", str(second))
    assert run.code == 0, run.err
    entities = conll_entities(first)
    assert sum(map(len, entities)) >= 10
    assert conll_entities(second) == entities
