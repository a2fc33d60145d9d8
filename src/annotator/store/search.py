"""Corpus search: a phrase in every document a person may open, or the spans of a label or of
a person, each hit with a few words of context.

Offsets are code points into the stored text, end exclusive; the context is for reading only
(its whitespace runs shown as one space).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select

from annotator.core.occurrences import FoldedText, Matching
from annotator.core.status import Role
from annotator.store.documents import StatusFilter, document_texts
from annotator.store.models import AnnotationSet, Document, Label, Person, Span
from annotator.store.store import Store

LIMIT = 500
CONTEXT = 48  # characters of context either side, cut back to whole words
_CASELESS = Matching(ignore_case=True)
_SPACES = re.compile(r"\s+")


class SearchMode(StrEnum):
    TEXT = "text"  # a phrase, case-insensitive
    LABEL = "label"  # the spans with this label
    PERSON = "person"  # this person's spans


@dataclass(frozen=True, slots=True)
class Hit:
    document_id: int
    external_id: str
    start: int
    end: int
    before: str
    match: str
    after: str
    label: str = ""  # for a span: its label and whose it is
    who: str = ""


@dataclass(frozen=True)
class SearchResult:
    hits: list[Hit]
    capped: bool  # there were more than ``LIMIT``: the first ones are given
    note: str = ""  # why nothing could be searched (an annotator asking for another's spans)


def search(
    store: Store, person: str, mode: SearchMode, query: str, limit: int = LIMIT
) -> SearchResult:
    """Up to ``limit`` hits in import order (then by offset), for ``person``: a phrase is found
    in the documents they may open, ignoring case (Unicode case folding); a label's or a
    person's spans are their own, unless they are a reviewer (who sees everyone's)."""
    query = query.strip()
    if not query:
        return SearchResult([], False)
    found: Iterable[Hit]
    if mode is SearchMode.TEXT:
        found = _phrase_hits(store, person, query)
    else:
        found, note = _span_hits(store, person, mode, query, limit)
        if note:
            return SearchResult([], False, note)
    hits: list[Hit] = []
    for hit in found:
        if len(hits) == limit:
            return SearchResult(hits, True)
        hits.append(hit)
    return SearchResult(hits, False)


def _phrase_hits(store: Store, person: str, phrase: str) -> Iterator[Hit]:
    # An ASCII phrase lets SQL preselect the texts (LIKE ignores the case of ASCII letters on
    # SQLite; ILIKE on PostgreSQL); any other is looked for in every text, folded in Python.
    wanted = _CASELESS.fold(phrase)
    for document in document_texts(
        store, person, StatusFilter.ALL, phrase if phrase.isascii() else "", ignore_case=True
    ):
        if wanted not in _CASELESS.quick_fold(document.text):
            continue
        folded = FoldedText(document.text, _CASELESS)
        at = folded.folded.find(wanted)
        while at != -1:
            stored = folded.stored(at, at + len(wanted))
            if stored is not None:
                yield _hit(document.id, document.external_id, document.text, *stored)
            at = folded.folded.find(wanted, at + 1)


def _span_hits(
    store: Store, person: str, mode: SearchMode, query: str, limit: int
) -> tuple[list[Hit], str]:
    with store.snapshot() as session:
        role = session.scalar(select(Person.role).where(Person.name == person))
        everyone = role == Role.REVIEWER.value
        spans = (
            select(AnnotationSet.document_id, Span.start, Span.end, Label.name, Person.name)
            .join(AnnotationSet, AnnotationSet.id == Span.set_id)
            .join(Person, Person.id == AnnotationSet.person_id)
            .join(Label, Label.id == Span.label_id)
        )
        if mode is SearchMode.LABEL:
            spans = spans.where(func.lower(Label.name) == query.lower())
            if not everyone:
                spans = spans.where(Person.name == person)
        else:
            if not everyone and query != person:
                return [], "Annotators see only their own spans (blind annotation)."
            spans = spans.where(Person.name == query)
        rows = session.execute(
            spans.order_by(AnnotationSet.document_id, Span.start, Span.end, Person.name).limit(
                limit + 1
            )
        ).all()
        documents = {row[0] for row in rows}
        texts = {
            ident: (external, text)
            for ident, external, text in session.execute(
                select(Document.id, Document.external_id, Document.text).where(
                    Document.id.in_(documents)
                )
            )
        }
    return [
        _hit(document, *texts[document], start, end, label, who)
        for document, start, end, label, who in rows
    ], ""


def _hit(
    document_id: int,
    external_id: str,
    text: str,
    start: int,
    end: int,
    label: str = "",
    who: str = "",
) -> Hit:
    before = text[max(0, start - CONTEXT) : start]
    if start > CONTEXT:
        before = "…" + before[_first_break(before) :]
    after = text[end : end + CONTEXT]
    if end + CONTEXT < len(text):
        after = after[: _last_break(after)] + "…"
    return Hit(
        document_id,
        external_id,
        start,
        end,
        _SPACES.sub(" ", before),
        _SPACES.sub(" ", text[start:end]),
        _SPACES.sub(" ", after),
        label,
        who,
    )


def _first_break(text: str) -> int:
    """Where the first whole word of ``text`` begins (after its first whitespace)."""
    found = _SPACES.search(text)
    return found.end() if found is not None else 0


def _last_break(text: str) -> int:
    """Where the last whole word of ``text`` ends (at its last whitespace)."""
    ends = [m.start() for m in _SPACES.finditer(text)]
    return ends[-1] if ends else len(text)
