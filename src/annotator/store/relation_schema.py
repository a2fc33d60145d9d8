"""The stored relation schema: relation labels and the span labels allowed at their ends."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from annotator.core.relations import RelationLabel as RelationDef
from annotator.core.relations import RelationSchema
from annotator.store.models import Label, RelationLabel, RelationLabelEnd


def relation_schema(session: Session) -> RelationSchema:
    """The stored relation labels, in their order, with the span labels allowed at each end
    (in span-schema order)."""
    ends: dict[int, dict[str, list[str]]] = {}
    rows = session.execute(
        select(RelationLabelEnd.relation_label_id, RelationLabelEnd.side, Label.name)
        .join(Label, Label.id == RelationLabelEnd.label_id)
        .order_by(Label.position, Label.id)
    )
    for relation_id, side, name in rows:
        ends.setdefault(relation_id, {}).setdefault(side, []).append(name)
    labels = session.scalars(select(RelationLabel).order_by(RelationLabel.position))
    return RelationSchema(
        RelationDef(
            name=row.name,
            color=row.color,
            hotkey=row.hotkey,
            sources=tuple(ends.get(row.id, {}).get("source", ())),
            targets=tuple(ends.get(row.id, {}).get("target", ())),
            description=row.description,
        )
        for row in labels
    )


def seed_relation_labels(session: Session, schema: RelationSchema) -> None:
    """Store ``schema``'s relation labels after the stored ones. A relation label whose
    allowed labels at one end are none of the stored span labels is left out (an open end
    would allow any label, which the schema did not say)."""
    label_ids = dict(session.execute(select(Label.name, Label.id)).all())
    position = len(session.scalars(select(RelationLabel.id)).all())
    for definition in schema:
        sides = {"source": definition.sources, "target": definition.targets}
        known = {
            side: [label_ids[n] for n in names if n in label_ids] for side, names in sides.items()
        }
        if any(names and not known[side] for side, names in sides.items()):
            continue
        row = RelationLabel(
            name=definition.name,
            color=definition.color,
            hotkey=definition.hotkey,
            description=definition.description,
            position=position,
        )
        position += 1
        session.add(row)
        session.flush()
        for side, ids in known.items():
            for label_id in ids:
                session.add(
                    RelationLabelEnd(relation_label_id=row.id, side=side, label_id=label_id)
                )
    session.flush()
