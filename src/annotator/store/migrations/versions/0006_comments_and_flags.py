"""comments and flags: a note on a span, and a note and a flag on an annotation set

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN on both databases (no table copy): a large corpus upgrades at once.
    op.add_column("spans", sa.Column("comment", sa.Text(), nullable=True))
    op.add_column("annotation_sets", sa.Column("comment", sa.Text(), nullable=True))
    op.add_column(
        "annotation_sets",
        sa.Column("flagged", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    # The document list's "Flagged" filter: a person's flagged documents (and, for a reviewer,
    # anyone's) from the index alone, however many documents there are.
    op.create_index(
        "ix_annotation_sets_flagged_person_document",
        "annotation_sets",
        ["flagged", "person_id", "document_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_annotation_sets_flagged_person_document", table_name="annotation_sets")
    with op.batch_alter_table("annotation_sets") as sets:
        sets.drop_column("flagged")
        sets.drop_column("comment")
    with op.batch_alter_table("spans") as spans:
        spans.drop_column("comment")
