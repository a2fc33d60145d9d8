"""``annotator suggest --dictionary``: suggestions written as the model person's sets, replaced
on a second run; a bad dictionary, a bad --docs file or an annotator's name refused by file and
line with nothing written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotator.core.status import MODEL, SetStatus
from annotator.store.annotations import set_status
from annotator.store.documents import find_document
from annotator.store.store import Store
from annotator.store.suggestions import suggestions_of

TEXTS = {
    "a": "Floods hit KABUL and Herat on Monday.",
    "b": "The United Nations sent aid to Kabul.",
    "c": "Nothing happened in Ghazni.",
}


@pytest.fixture
def corpus(db_url: str, cli: Callable[..., Any], write_jsonl: Callable[..., Path]) -> str:
    path = write_jsonl([{"id": name, "text": text} for name, text in TEXTS.items()])
    assert cli("import", str(path), "--db", db_url).code == 0
    return db_url


def suggested(url: str, person: str = MODEL) -> dict[str, list[tuple[str, str]]]:
    with Store.open(url) as store:
        found = {}
        for name, text in TEXTS.items():
            document = find_document(store, name)
            assert document is not None
            found[name] = [
                (text[s.start : s.end], s.label) for s in suggestions_of(store, document, person)
            ]
        return found


def test_a_tsv_dictionary_suggests_with_case_folding(
    corpus: str, cli: Callable[..., Any], tmp_path: Path
) -> None:
    tsv = tmp_path / "places.tsv"
    tsv.write_text("# places\nKabul\tPLACE\nHerat\tPLACE\nUnited Nations\tACTOR\n", "utf-8")

    run = cli("suggest", "--dictionary", str(tsv), "--ignore-case", "--db", corpus)

    assert run.code == 0
    assert run.out.strip() == "4 suggestion(s) on 3 document(s), as 'model'"
    assert suggested(corpus) == {
        "a": [("KABUL", "PLACE"), ("Herat", "PLACE")],
        "b": [("United Nations", "ACTOR"), ("Kabul", "PLACE")],
        "c": [],
    }


def test_patterns_replace_the_earlier_suggestions_of_that_person_only(
    corpus: str, cli: Callable[..., Any], tmp_path: Path
) -> None:
    tsv = tmp_path / "places.tsv"
    tsv.write_text("Kabul\tPLACE\n", "utf-8")
    assert cli("suggest", "--dictionary", str(tsv), "--db", corpus, "--as", "gazetteer").code == 0
    patterns = tmp_path / "patterns.jsonl"
    patterns.write_text(
        json.dumps({"label": "EVENT", "pattern": [{"LOWER": "floods"}]})
        + "\n"
        + json.dumps({"label": "PLACE", "pattern": [{"IS_TITLE": True, "LENGTH": {">=": 6}}]})
        + "\n",
        "utf-8",
    )
    assert (
        cli("suggest", "--dictionary", str(patterns), "--db", corpus, "--as", "gazetteer").code == 0
    )

    assert suggested(corpus, "gazetteer") == {
        "a": [("Floods", "EVENT"), ("Monday", "PLACE")],
        "b": [("United", "PLACE"), ("Nations", "PLACE")],
        "c": [("Nothing", "PLACE"), ("Ghazni", "PLACE")],
    }
    assert suggested(corpus) == {"a": [], "b": [], "c": []}


@pytest.mark.parametrize(
    ("content", "name", "problem"),
    [
        ("Kabul\tPLACE\nHerat\tTOWN\n", "d.tsv", "d.tsv:2: label 'TOWN' is not in the schema"),
        ("Kabul\tPLACE\n\nHerat PLACE\n", "d.tsv", "d.tsv:3: expected 'phrase<TAB>LABEL'"),
        ('{"label": "PLACE", "pattern": "Kabul"}\n{"label": \n', "p.jsonl", "p.jsonl:2: not valid"),
        ('{"label": "PLACE", "pattern": [{"POS": "NOUN"}]}\n', "p.jsonl", "p.jsonl:1: token attr"),
        ("Kabul\tPLACE\tCITY\n", "d.tsv", "d.tsv:1: expected 'phrase<TAB>LABEL' (2 tabs)"),
        ("# a comment, no phrase\n\n", "e.tsv", "e.tsv: no phrase or pattern in it"),
    ],
)
def test_a_bad_dictionary_is_refused_by_file_and_line_with_nothing_written(
    corpus: str,
    cli: Callable[..., Any],
    tmp_path: Path,
    snapshot: Callable[[str], Any],
    content: str,
    name: str,
    problem: str,
) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    before = snapshot(corpus)

    run = cli("suggest", "--dictionary", str(path), "--db", corpus)

    assert run.code != 0
    assert len(run.err_lines) == 1
    assert run.err_lines[0].startswith(f"annotator suggest: {tmp_path / problem.split(':')[0]}:")
    assert problem.split(":", 1)[1] in run.err_lines[0]
    assert snapshot(corpus) == before


def test_docs_from_a_file_and_unfinished(
    corpus: str, cli: Callable[..., Any], tmp_path: Path, snapshot: Callable[[str], Any]
) -> None:
    tsv = tmp_path / "places.tsv"
    tsv.write_text("Kabul\tPLACE\nGhazni\tPLACE\n", "utf-8")
    listed = tmp_path / "ids.txt"
    listed.write_text("# two of them\nb\n\nc\n", "utf-8")
    assert cli("suggest", "--dictionary", str(tsv), "--docs", str(listed), "--db", corpus).code == 0
    assert suggested(corpus) == {"a": [], "b": [("Kabul", "PLACE")], "c": [("Ghazni", "PLACE")]}

    with Store.open(corpus) as store:
        document = find_document(store, "b")
        assert document is not None
        set_status(store, document, "ana", SetStatus.DONE)
    run = cli("suggest", "--dictionary", str(tsv), "--docs", "unfinished", "--db", corpus)
    assert run.out.strip() == "1 suggestion(s) on 2 document(s), as 'model'"
    # b, done by ana, kept its suggestion; exact matching finds no "KABUL" in a.
    assert suggested(corpus) == {"a": [], "b": [("Kabul", "PLACE")], "c": [("Ghazni", "PLACE")]}

    listed.write_text("b\nnope\n", "utf-8")
    before = snapshot(corpus)
    run = cli("suggest", "--dictionary", str(tsv), "--docs", str(listed), "--db", corpus)
    assert run.code != 0
    assert run.err_lines == [f"annotator suggest: {listed}:2: no document 'nope' in the database"]
    assert snapshot(corpus) == before


def test_an_annotators_name_is_refused(
    corpus: str, cli: Callable[..., Any], tmp_path: Path, snapshot: Callable[[str], Any]
) -> None:
    assert cli("people", "add", "ana", "--db", corpus).code == 0
    tsv = tmp_path / "places.tsv"
    tsv.write_text("Kabul\tPLACE\n", "utf-8")
    before = snapshot(corpus)

    run = cli("suggest", "--dictionary", str(tsv), "--as", "ana", "--db", corpus)

    assert run.code != 0
    assert run.err_lines == [
        "annotator suggest: 'ana' is not a model person (role annotator): suggestions need a "
        "name of their own (--as NAME)"
    ]
    assert snapshot(corpus) == before
