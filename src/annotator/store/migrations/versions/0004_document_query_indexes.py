"""an index for the document queries: a person's sets by status, then document

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # next_unfinished and progress ask "has this person finished this document?" once per
    # document, and count a person's done sets: this index answers both without reading a set.
    op.create_index(
        "ix_annotation_sets_person_status_document",
        "annotation_sets",
        ["person_id", "status", "document_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_annotation_sets_person_status_document", table_name="annotation_sets")
