"""The indexed document queries give exactly the answers of a plain Python computation over
the same rows: random small corpora with assignments, reviewers, sets in progress and done,
spans and searches, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest
from sqlalchemy import insert

from annotator.core.status import SetStatus
from annotator.store.documents import (
    DocumentSummary,
    StatusFilter,
    count_documents,
    list_documents,
    neighbour,
    next_unfinished,
)
from annotator.store.models import AnnotationSet, Assignment, Document, Label, Person, Span
from annotator.store.progress import person_progress
from annotator.store.store import Store

WORDS = ["Kabul", "herat", "GHAZNI", "vote", "100%", "a_b", "news", "report"]
ROLES = {"ann": "annotator", "bea": "annotator", "rev": "reviewer", "gold": "gold"}
# "nobody" is not in the database: it sees unassigned documents and owns nothing.
ASKERS = [*ROLES, "nobody"]
SEARCHES = ["", "kabul", "HERAT", "%", "_", "doc-1", "zzz"]


@dataclass
class Corpus:
    """What was inserted, as plain Python, for the reference answers."""

    documents: dict[int, tuple[str, str]] = field(default_factory=dict)  # id: external id, text
    assigned: dict[int, set[str]] = field(default_factory=dict)
    status: dict[tuple[str, int], SetStatus] = field(default_factory=dict)
    spans: dict[tuple[str, int], int] = field(default_factory=dict)
    flagged: set[tuple[str, int]] = field(default_factory=set)

    def visible(self, person: str, document: int) -> bool:
        if ROLES.get(person) == "reviewer":
            return True
        owners = self.assigned.get(document, set())
        return not owners or person in owners

    def matches(self, person: str, document: int, status: StatusFilter, search: str) -> bool:
        if not self.visible(person, document):
            return False
        own = self.status.get((person, document))
        wanted = {
            StatusFilter.ALL: True,
            StatusFilter.NOT_STARTED: own is None,
            StatusFilter.IN_PROGRESS: own is SetStatus.IN_PROGRESS,
            StatusFilter.DONE: own is SetStatus.DONE,
            StatusFilter.UNFINISHED: own is not SetStatus.DONE,
            StatusFilter.FLAGGED: (person, document) in self.flagged,
        }[status]
        external, text = self.documents[document]
        found = search.lower() in external.lower() or search.lower() in text.lower()
        return wanted and (not search or found)

    def ids(self, person: str, status: StatusFilter = StatusFilter.ALL, search: str = "") -> list:
        return [d for d in sorted(self.documents) if self.matches(person, d, status, search)]


def build(store: Store, seed: int) -> Corpus:
    rng = random.Random(seed)
    corpus = Corpus()
    now = datetime.now(UTC)
    with store.writing() as session:
        people = {}
        for name, role in ROLES.items():
            people[name] = session.scalar(
                insert(Person).values(name=name, role=role, created_at=now).returning(Person.id)
            )
        label = session.scalar(
            insert(Label)
            .values(name="L", color="#ff0000", hotkey="1", position=0)
            .returning(Label.id)
        )
        for number in range(rng.randint(0, 25)):
            external = f"doc-{number}"
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
            ident = session.scalar(
                insert(Document)
                .values(
                    external_id=external,
                    text=text,
                    sha256="0" * 64,
                    length=len(text),
                    title=text[:20],
                    meta={},
                    imported_at=now,
                )
                .returning(Document.id)
            )
            assert ident is not None
            corpus.documents[ident] = (external, text)
            # Assignments are sometimes absent from a whole corpus (everyone sees everything).
            if seed % 3 and rng.random() < 0.4:
                owners = set(rng.sample(["ann", "bea", "rev"], rng.randint(1, 2)))
                corpus.assigned[ident] = owners
                for owner in owners:
                    session.execute(
                        insert(Assignment).values(
                            document_id=ident, person_id=people[owner], created_at=now
                        )
                    )
            for person in ROLES:
                roll = rng.random()
                if person == "ann" and seed % 4 == 3:
                    roll = 0.4  # a person who has finished every document
                if roll < 0.3:
                    continue
                # Odd seeds: every set begun is done; even seeds: mostly done.
                done_below = 1.1 if seed % 2 else 0.55
                status = SetStatus.DONE if roll < done_below else SetStatus.IN_PROGRESS
                corpus.status[(person, ident)] = status
                # Not drawn from rng, so the corpus of each seed stays what it was.
                flagged = (ident + len(person) + seed) % 4 == 0
                if flagged:
                    corpus.flagged.add((person, ident))
                set_id = session.scalar(
                    insert(AnnotationSet)
                    .values(
                        document_id=ident,
                        person_id=people[person],
                        status=status.value,
                        flagged=flagged,
                        created_at=now,
                        updated_at=now,
                    )
                    .returning(AnnotationSet.id)
                )
                count = rng.randint(0, 3)
                corpus.spans[(person, ident)] = count
                for start in range(count):
                    session.execute(
                        insert(Span).values(
                            set_id=set_id, start=start, end=start + 1, label_id=label
                        )
                    )
    return corpus


def expected_page(
    corpus: Corpus, person: str, after: int, limit: int, status: StatusFilter, search: str
) -> list[DocumentSummary]:
    ids = [d for d in corpus.ids(person, status, search) if d > after][:limit]
    return [
        DocumentSummary(
            d,
            corpus.documents[d][0],
            corpus.documents[d][1][:20],
            len(corpus.documents[d][1]),
            corpus.status.get((person, d)),
            corpus.spans.get((person, d), 0),
            (person, d) in corpus.flagged,
        )
        for d in ids
    ]


def expected_next_unfinished(corpus: Corpus, person: str, after: int) -> int | None:
    unfinished = corpus.ids(person, StatusFilter.UNFINISHED)
    later = [d for d in unfinished if d > after]
    if later:
        return later[0]
    return unfinished[0] if unfinished and after else None


@pytest.mark.parametrize("seed", range(8))
def test_document_queries_agree_with_python(store: Store, seed: int) -> None:
    corpus = build(store, seed)
    rng = random.Random(1000 + seed)
    afters = [0, *corpus.documents, max(corpus.documents, default=0) + 1]
    for person in ASKERS:
        # Done among the documents the person may open (a set on one assigned to others after
        # it was begun is not counted), untouched what is left of them.
        may_open = corpus.ids(person)
        done = len(corpus.ids(person, StatusFilter.DONE))
        started = len(corpus.ids(person, StatusFilter.IN_PROGRESS))
        figures = person_progress(store, person)
        assert (figures.may_open, figures.done, figures.in_progress) == (
            len(may_open),
            done,
            started,
        )
        assert figures.untouched == len(corpus.ids(person, StatusFilter.NOT_STARTED))
        for after in afters:
            assert next_unfinished(store, person, after) == expected_next_unfinished(
                corpus, person, after
            ), (person, after)
        for status in StatusFilter:
            for search in SEARCHES:
                expected = corpus.ids(person, status, search)
                assert count_documents(store, person, status, search) == len(expected)
            after, limit = rng.choice(afters), rng.randint(1, 10)
            search = rng.choice(SEARCHES)
            assert list_documents(store, person, after, limit, status, search) == (
                expected_page(corpus, person, after, limit, status, search)
            )
            ids = corpus.ids(person, status)
            for after in afters:
                later = [d for d in ids if d > after]
                earlier = [d for d in ids if d < after]
                assert neighbour(store, person, after, True, status) == (
                    later[0] if later else None
                )
                assert neighbour(store, person, after, False, status) == (
                    earlier[-1] if earlier else None
                )
