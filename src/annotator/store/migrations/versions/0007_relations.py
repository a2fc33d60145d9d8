"""relations between spans (event arguments), their schema, and relation decisions

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "relation_labels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("color", sa.String(length=7), nullable=False),
        sa.Column("hotkey", sa.String(length=1), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relation_labels")),
        sa.UniqueConstraint("name", name=op.f("uq_relation_labels_name")),
    )
    op.create_table(
        "relation_label_ends",
        sa.Column("relation_label_id", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=6), nullable=False),
        sa.Column("label_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "side IN ('source', 'target')", name=op.f("ck_relation_label_ends_side")
        ),
        sa.ForeignKeyConstraint(
            ["relation_label_id"],
            ["relation_labels.id"],
            name=op.f("fk_relation_label_ends_relation_label_id_relation_labels"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["label_id"],
            ["labels.id"],
            name=op.f("fk_relation_label_ends_label_id_labels"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "relation_label_id", "side", "label_id", name=op.f("pk_relation_label_ends")
        ),
    )
    op.create_index(
        "ix_relation_label_ends_label_id", "relation_label_ends", ["label_id"], unique=False
    )
    op.create_table(
        "relations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("label_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("source_id <> target_id", name=op.f("ck_relations_ends")),
        sa.ForeignKeyConstraint(
            ["set_id"],
            ["annotation_sets.id"],
            name=op.f("fk_relations_set_id_annotation_sets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["spans.id"],
            name=op.f("fk_relations_source_id_spans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["spans.id"],
            name=op.f("fk_relations_target_id_spans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["label_id"],
            ["relation_labels.id"],
            name=op.f("fk_relations_label_id_relation_labels"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relations")),
        sa.UniqueConstraint("source_id", "target_id", "label_id", name="uq_relations_exact"),
    )
    op.create_index("ix_relations_set_id", "relations", ["set_id"], unique=False)
    op.create_index("ix_relations_target_id", "relations", ["target_id"], unique=False)
    op.create_index("ix_relations_label_id", "relations", ["label_id"], unique=False)
    # Plain ADD COLUMN on both databases (no table copy): a long decision log upgrades at once.
    op.add_column(
        "decisions", sa.Column("kind", sa.String(length=10), server_default="span", nullable=False)
    )
    op.add_column("decisions", sa.Column("relation", sa.String(length=100), nullable=True))
    op.add_column("decisions", sa.Column("target_start", sa.Integer(), nullable=True))
    op.add_column("decisions", sa.Column("target_end", sa.Integer(), nullable=True))
    op.add_column("decisions", sa.Column("target_label", sa.String(length=100), nullable=True))
    op.add_column("decisions", sa.Column("original_relation", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("decisions") as decisions:
        for column in (
            "original_relation",
            "target_label",
            "target_end",
            "target_start",
            "relation",
            "kind",
        ):
            decisions.drop_column(column)
    op.drop_index("ix_relations_label_id", table_name="relations")
    op.drop_index("ix_relations_target_id", table_name="relations")
    op.drop_index("ix_relations_set_id", table_name="relations")
    op.drop_table("relations")
    op.drop_index("ix_relation_label_ends_label_id", table_name="relation_label_ends")
    op.drop_table("relation_label_ends")
    op.drop_table("relation_labels")
