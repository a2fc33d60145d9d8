"""The review queue as it was before it was counted in SQL (commit 25eedeb): every finished
span loaded as an object and merged per document by ``core.adjudication.candidates``. Kept
as it was, as the reference the new ``review_queue`` must match, but for relations, merged the
same way (``core.adjudication.relation_candidates``) and counted with the spans; its reading of
the finished spans and relations is the one ``prefill_reference`` keeps (one copy of the old
code for both)."""

from __future__ import annotations

from prefill_reference import _done_relations, _done_spans
from sqlalchemy import select

from annotator.core.adjudication import candidates, relation_candidates
from annotator.core.status import SetStatus
from annotator.store.adjudication import ReviewItem
from annotator.store.lookup import finished_sets
from annotator.store.models import AnnotationSet, Document, Person
from annotator.store.people import GOLD
from annotator.store.store import Store


def reference_review_queue(store: Store) -> list[ReviewItem]:
    """Documents with at least one finished annotation, most disputed first."""
    with store.reading() as session:
        docs = session.execute(
            select(Document.id, Document.external_id, Document.title)
            .where(Document.id.in_(finished_sets().with_only_columns(AnnotationSet.document_id)))
            .order_by(Document.id)
        ).all()
        gold_status = dict(
            session.execute(
                select(AnnotationSet.document_id, AnnotationSet.status)
                .join(Person, Person.id == AnnotationSet.person_id)
                .where(Person.name == GOLD)
            ).all()
        )
        items = []
        for page in range(0, len(docs), 500):
            chunk = docs[page : page + 500]
            spans = _done_spans(session, [d.id for d in chunk])
            for doc in chunk:
                merged = [
                    *candidates(spans.get(doc.id, {})),
                    *relation_candidates(_done_relations(session, doc.id)),
                ]
                status = gold_status.get(doc.id)
                items.append(
                    ReviewItem(
                        doc.id,
                        doc.external_id,
                        doc.title,
                        len(spans.get(doc.id, {})),
                        sum(not c.agreed for c in merged),
                        len(merged),
                        None if status is None else SetStatus(status),
                    )
                )
    items.sort(key=lambda item: (-item.disagreement, -item.disputed, item.id))
    return items
