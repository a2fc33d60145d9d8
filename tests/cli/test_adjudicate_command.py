"""`annotator adjudicate --min-annotators K`: documents finished by fewer than K annotators are
skipped and counted, and K = 1 pre-fills gold from a lone finished annotator; checked against
what the database then holds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select

from annotator.store.models import AnnotationSet, Decision, Document, Label, Person, Span

Cli = Callable[..., Any]
WriteJsonl = Callable[..., Path]

TEXT = "Taliban fighters attacked Kunduz on Tuesday, killing 12 people."


def span(word: str, label: str) -> dict[str, Any]:
    start = TEXT.index(word)
    return {"start": start, "end": start + len(word), "label": label}


def version(doc: str, who: str, *spans: dict[str, Any], status: str = "done") -> dict[str, Any]:
    return {"id": doc, "text": TEXT, "annotator": who, "status": status, "spans": list(spans)}


CORPUS = [
    # Three finished: Taliban 3/3, Kunduz PLACE 2/3, four spans chosen once.
    version("news", "ana", span("Taliban", "ACTOR"), span("Kunduz", "PLACE"), span("12", "FIGURE")),
    version("news", "ben", span("Taliban", "ACTOR"), span("Kunduz", "PLACE"), span("on", "EVENT")),
    version(
        "news", "cai", span("Taliban", "ACTOR"), span("Kunduz", "EVENT"), span("people", "ACTOR")
    ),
    # Two finished, agreeing on Tuesday.
    version("pair", "ana", span("Tuesday", "EVENT")),
    version("pair", "ben", span("Tuesday", "EVENT"), span("Kunduz", "PLACE")),
    # One finished each.
    version("solo-ana", "ana", span("Kunduz", "PLACE"), span("12 people", "FIGURE")),
    version("solo-ben", "ben", span("Taliban", "ACTOR")),
    # Started, not finished: not an annotation to adjudicate, nor a skipped document.
    version("draft", "cai", span("Kunduz", "PLACE"), status="in_progress"),
    {"id": "untouched", "text": TEXT},
]


def gold(url: str) -> dict[str, set[tuple[str, str]]]:
    """The gold set's spans per document, as (text, label)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            result: dict[str, set[tuple[str, str]]] = {}
            for doc, start, end, label in connection.execute(
                select(Document.external_id, Span.start, Span.end, Label.name)
                .join(AnnotationSet, AnnotationSet.document_id == Document.id)
                .join(Person, Person.id == AnnotationSet.person_id)
                .join(Span, Span.set_id == AnnotationSet.id)
                .join(Label, Label.id == Span.label_id)
                .where(Person.name == "gold")
            ):
                result.setdefault(doc, set()).add((TEXT[start:end], label))
            return result
    finally:
        engine.dispose()


def decisions(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.scalar(select(func.count(Decision.id))) or 0)
    finally:
        engine.dispose()


@pytest.fixture
def corpus(cli: Cli, db_url: str, write_jsonl: WriteJsonl) -> str:
    assert cli("import", str(write_jsonl(CORPUS)), "--db", db_url).code == 0
    return db_url


def test_documents_one_annotator_finished_are_skipped_and_counted(cli: Cli, corpus: str) -> None:
    run = cli("adjudicate", "--strategy", "majority", "--db", corpus)
    assert run.code == 0
    assert run.out == (
        "3 span(s) put into gold on 2 document(s); 5 disputed span(s) left for a reviewer\n"
        "2 document(s) skipped: fewer than 2 finished annotations\n"
    )
    assert run.err == ""
    assert gold(corpus) == {
        "news": {("Taliban", "ACTOR"), ("Kunduz", "PLACE")},
        "pair": {("Tuesday", "EVENT")},
    }


def test_min_annotators_1_prefills_from_a_lone_finished_annotator(cli: Cli, corpus: str) -> None:
    run = cli("adjudicate", "--strategy", "unanimous", "--min-annotators", "1", "--db", corpus)
    assert run.code == 0
    # The lone annotator is unanimous with themself: all their spans go in.
    assert run.out == (
        "5 span(s) put into gold on 4 document(s); 6 disputed span(s) left for a reviewer\n"
    )
    assert gold(corpus) == {
        "news": {("Taliban", "ACTOR")},
        "pair": {("Tuesday", "EVENT")},
        "solo-ana": {("Kunduz", "PLACE"), ("12 people", "FIGURE")},
        "solo-ben": {("Taliban", "ACTOR")},
    }
    assert decisions(corpus) == 5


def test_min_annotators_3_skips_documents_two_finished(cli: Cli, corpus: str) -> None:
    run = cli("adjudicate", "--strategy", "majority", "--min-annotators", "3", "--db", corpus)
    assert run.code == 0
    assert run.out == (
        "2 span(s) put into gold on 1 document(s); 4 disputed span(s) left for a reviewer\n"
        "3 document(s) skipped: fewer than 3 finished annotations\n"
    )
    assert set(gold(corpus)) == {"news"}


def test_nothing_adjudicated_says_why(cli: Cli, corpus: str) -> None:
    run = cli("adjudicate", "--strategy", "majority", "--min-annotators", "4", "--db", corpus)
    assert run.code == 0
    assert run.out == (
        "0 span(s) put into gold on 0 document(s); 0 disputed span(s) left for a reviewer\n"
        "4 document(s) skipped: fewer than 4 finished annotations\n"
    )
    assert run.err == "no document has 4 finished annotations yet\n"
    assert gold(corpus) == {}
    assert decisions(corpus) == 0


@pytest.mark.parametrize("value", ["0", "-1"])
def test_min_annotators_below_1_is_refused(cli: Cli, corpus: str, value: str) -> None:
    run = cli("adjudicate", "--strategy", "majority", "--min-annotators", value, "--db", corpus)
    assert run.code == 2
    assert run.out == ""
    assert run.err == f"annotator adjudicate: --min-annotators must be at least 1, not {value}\n"
    assert gold(corpus) == {}
