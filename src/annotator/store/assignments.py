"""Giving documents to annotators: K annotators per document, balanced, additive."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, insert, select

from annotator.store.models import Assignment, Document, Person
from annotator.store.store import Store


class AssignmentError(ValueError):
    """An assignment that cannot be made (unknown person or document, K too large)."""


@dataclass(frozen=True)
class AssignmentReport:
    documents: int
    added: int
    load: dict[str, int]  # assignments per person named, after this run


def assign(
    store: Store,
    people: Sequence[str],
    per_document: int,
    documents: Sequence[str] | None = None,
) -> AssignmentReport:
    """Give each document (all, or those with the external ids in ``documents``) to
    ``per_document`` people, choosing among ``people``.

    Existing assignments are never changed or removed: a document that already has
    ``per_document`` assignees (whoever they are) gets nobody new. New assignees are the
    least-loaded of ``people`` not yet on the document (load = all their assignments, ties by
    the order given), so loads end within one document of each other when they start equal.
    One transaction.
    """
    names = list(dict.fromkeys(name.strip() for name in people if name.strip()))
    if not names:
        raise AssignmentError("name at least one person")
    if not 1 <= per_document <= len(names):
        raise AssignmentError(
            f"--per-document must be between 1 and the number of people ({len(names)})"
        )
    with store.writing() as session:
        ids = dict(
            session.execute(select(Person.name, Person.id).where(Person.name.in_(names))).all()
        )
        missing = [name for name in names if name not in ids]
        if missing:
            raise AssignmentError(
                "unknown "
                + ", ".join(repr(m) for m in missing)
                + " (add with: annotator people add)"
            )
        if documents is None:
            doc_ids = list(session.scalars(select(Document.id).order_by(Document.id)))
        else:
            found = dict(
                session.execute(
                    select(Document.external_id, Document.id).where(
                        Document.external_id.in_(set(documents))
                    )
                ).all()
            )
            unknown = [ext for ext in documents if ext not in found]
            if unknown:
                raise AssignmentError(
                    "unknown document(s): " + ", ".join(repr(u) for u in unknown[:10])
                )
            doc_ids = sorted(set(found.values()))
        current: dict[int, set[int]] = {}
        for document_id, person_id in session.execute(
            select(Assignment.document_id, Assignment.person_id)
        ):
            current.setdefault(document_id, set()).add(person_id)
        load = Counter(
            dict(
                session.execute(
                    select(Assignment.person_id, func.count())
                    .where(Assignment.person_id.in_(ids.values()))
                    .group_by(Assignment.person_id)
                ).all()
            )
        )
        order = {ids[name]: rank for rank, name in enumerate(names)}
        rows = []
        for document_id in doc_ids:
            have = current.get(document_id, set())
            need = per_document - len(have)
            if need <= 0:
                continue
            candidates = sorted(
                (pid for pid in order if pid not in have), key=lambda pid: (load[pid], order[pid])
            )
            for person_id in candidates[:need]:
                rows.append({"document_id": document_id, "person_id": person_id})
                load[person_id] += 1
        if rows:
            session.execute(insert(Assignment), rows)
        by_id = {pid: name for name, pid in ids.items()}
        return AssignmentReport(
            documents=len(doc_ids),
            added=len(rows),
            load={by_id[pid]: load[pid] for pid in order},
        )
