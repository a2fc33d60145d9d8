"""the model role (the owner of suggestions) and a score per span (a model's confidence)

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


ROLES_BEFORE = "role IN ('annotator', 'reviewer', 'gold')"
ROLES_AFTER = "role IN ('annotator', 'reviewer', 'gold', 'model')"


def _set_roles(condition: str) -> None:
    # SQLite cannot change a CHECK constraint in place: the batch copies the people table.
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_people_role"), type_="check")
        batch_op.create_check_constraint("role", condition)


def upgrade() -> None:
    _set_roles(ROLES_AFTER)
    # Plain ADD COLUMN on both databases (no copy of the spans table).
    op.add_column("spans", sa.Column("score", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("spans") as spans:
        spans.drop_column("score")
    op.execute("DELETE FROM people WHERE role = 'model'")
    _set_roles(ROLES_BEFORE)
