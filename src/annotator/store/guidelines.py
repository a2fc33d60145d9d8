"""The project's annotation guidelines: one Markdown text, stored in ``project_texts``."""

from __future__ import annotations

from sqlalchemy import select

from annotator.store.models import ProjectText, utcnow
from annotator.store.store import Store

GUIDELINES = "guidelines"


def guidelines(store: Store) -> str | None:
    """The guidelines' Markdown, exactly as set; None when none were set."""
    with store.reading() as session:
        return session.scalar(select(ProjectText.text).where(ProjectText.name == GUIDELINES))


def set_guidelines(store: Store, markdown: str) -> None:
    """Store ``markdown`` as the guidelines, replacing any before (one transaction)."""
    with store.writing() as session:
        row = session.get(ProjectText, GUIDELINES)
        if row is None:
            session.add(ProjectText(name=GUIDELINES, text=markdown, updated_at=utcnow()))
        else:
            row.text = markdown
            row.updated_at = utcnow()
