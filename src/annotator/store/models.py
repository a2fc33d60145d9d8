"""The database tables, as SQLAlchemy 2 typed ORM classes.

Offsets (``Span.start``/``Span.end``) are Python ``str`` indices (code points), end exclusive,
into ``Document.text``, which holds the text exactly as imported.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(512), unique=True)
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    # Precomputed so that document lists never load the text.
    length: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    meta: Mapped[dict[str, Any]] = mapped_column(JSON)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Person(Base):
    """An annotator or reviewer. The adjudicated gold standard belongs to a reserved person
    named ``gold`` with role ``gold``, and suggestions (pre-annotations from a dictionary or a
    trained model) to a person with role ``model``: both are annotation sets like any other,
    never counted as an annotator's (:data:`annotator.store.lookup.NOT_ANNOTATORS`)."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (
        CheckConstraint("role IN ('annotator', 'reviewer', 'gold', 'model')", name="role"),
    )


class AnnotationSet(Base):
    """One person's annotation of one document, with their note on the document
    (``comment``, None for none) and whether they flagged it (``flagged``): notes for people,
    which agreement and adjudication never read."""

    __tablename__ = "annotation_sets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (
        UniqueConstraint("document_id", "person_id"),
        CheckConstraint("status IN ('in_progress', 'done')", name="status"),
        Index("ix_annotation_sets_person_id", "person_id"),
        # For the document queries (store.documents): "has this person finished this
        # document?" and "how many has this person finished?" from the index alone.
        Index("ix_annotation_sets_person_status_document", "person_id", "status", "document_id"),
        # The document list's "Flagged" filter, from the index alone.
        Index("ix_annotation_sets_flagged_person_document", "flagged", "person_id", "document_id"),
    )


class Label(Base):
    __tablename__ = "labels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    color: Mapped[str] = mapped_column(String(7))
    hotkey: Mapped[str] = mapped_column(String(1))
    alt_hotkey: Mapped[str] = mapped_column(String(1), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer)


class Span(Base):
    """A labelled span, with its annotator's comment on it (None for none) and, for a model's
    suggestion, the model's confidence in it (``score``, 0..1; None for everything else)."""

    __tablename__ = "spans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("annotation_sets.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id", ondelete="RESTRICT"))
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)

    __table_args__ = (
        UniqueConstraint("set_id", "start_offset", "end_offset", "label_id", name="uq_spans_exact"),
        CheckConstraint("start_offset >= 0 AND end_offset > start_offset", name="offsets"),
        Index("ix_spans_label_id", "label_id"),
    )


class RelationLabel(Base):
    """A relation label of the relation schema (event arguments such as ``agent``); the span
    labels allowed at its ends are :class:`RelationLabelEnd` rows (none at an end: any)."""

    __tablename__ = "relation_labels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    color: Mapped[str] = mapped_column(String(7))
    hotkey: Mapped[str] = mapped_column(String(1))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer)


class RelationLabelEnd(Base):
    """A span label allowed at one end (``side``: ``source`` or ``target``) of a relation
    label. Rows, not names, so that renaming a span label renames it here too."""

    __tablename__ = "relation_label_ends"

    relation_label_id: Mapped[int] = mapped_column(
        ForeignKey("relation_labels.id", ondelete="CASCADE"), primary_key=True
    )
    side: Mapped[str] = mapped_column(String(6), primary_key=True)
    label_id: Mapped[int] = mapped_column(
        ForeignKey("labels.id", ondelete="CASCADE"), primary_key=True
    )

    __table_args__ = (
        CheckConstraint("side IN ('source', 'target')", name="side"),
        Index("ix_relation_label_ends_label_id", "label_id"),
    )


class Relation(Base):
    """A relation from one span to another of the same annotation set (``set_id``), with a
    relation label. Deleting either span deletes the relation (the database cascades)."""

    __tablename__ = "relations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("annotation_sets.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(ForeignKey("spans.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("spans.id", ondelete="CASCADE"))
    label_id: Mapped[int] = mapped_column(ForeignKey("relation_labels.id", ondelete="RESTRICT"))

    __table_args__ = (
        UniqueConstraint("source_id", "target_id", "label_id", name="uq_relations_exact"),
        CheckConstraint("source_id <> target_id", name="ends"),
        Index("ix_relations_set_id", "set_id"),
        Index("ix_relations_target_id", "target_id"),
        Index("ix_relations_label_id", "label_id"),
    )


class Assignment(Base):
    """A document given to a person to annotate."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (
        UniqueConstraint("document_id", "person_id"),
        Index("ix_assignments_person_id", "person_id"),
    )


class Decision(Base):
    """One adjudication decision on a document's gold set, with the reviewer's reason.

    ``action`` is ``accept``, ``reject``, ``correct`` or ``prefill``. The span (code point
    offsets, end exclusive) is the one decided on; ``original_*`` is the span a correction
    replaces (for a rejection, the rejected span itself). ``added`` says the span was put into
    the gold set and ``removed`` that the original was taken out of it, which is what undoing
    the decision reverses. ``chosen_by`` names the annotators whose version it was.
    """

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(20))
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)
    label: Mapped[str] = mapped_column(String(100))
    original_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    original_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    original_label: Mapped[str | None] = mapped_column(String(100), nullable=True)
    added: Mapped[bool] = mapped_column(Boolean, default=False)
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
    chosen_by: Mapped[list[str]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # A decision on a relation (``kind`` "relation"): the span above is its source, these are
    # its target span and its label (``original_relation``: the label a relabelling replaced).
    kind: Mapped[str] = mapped_column(String(10), server_default="span")
    relation: Mapped[str | None] = mapped_column(String(100), nullable=True)
    target_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    target_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    target_label: Mapped[str | None] = mapped_column(String(100), nullable=True)
    original_relation: Mapped[str | None] = mapped_column(String(100), nullable=True)
    __table_args__ = (Index("ix_decisions_document_id", "document_id"),)


class WriteMark(Base):
    """The serial number of the last transaction one open window committed (``writer`` is a
    random id per opening). After a check finds that the window's SQLite connection may have
    been writing into a deleted write-ahead log, the mark on disk says exactly whether the last
    transaction reached the file (:mod:`annotator.store.file_watch`). The window deletes its
    row when it closes."""

    __tablename__ = "write_marks"

    writer: Mapped[str] = mapped_column(String(36), primary_key=True)
    serial: Mapped[int] = mapped_column(Integer)


class ProjectText(Base):
    """A text the whole project shares, by name: ``guidelines`` is the annotation guidelines
    (Markdown), set with ``annotator guidelines set`` and shown in the window's F1 pane."""

    __tablename__ = "project_texts"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
