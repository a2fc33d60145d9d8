"""Who is working: ``--user`` must name a known person, so a typo is not a new person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.app.errors import UserError

if TYPE_CHECKING:
    from annotator.store.store import Store

# The person `annotator import` records spans under when a record names nobody: not someone
# who works in the window, so a database that knows only them counts as having no people yet.
IMPORTED = "imported"


def resolve_person(store: Store, name: str, may_add: bool) -> str:
    """``name`` if the database knows them. A database that has no people yet (none but the
    gold owner and ``imported``) takes anyone: they are created with their first action, as
    always. ``may_add`` (``--new-user``) adds an unknown name as an annotator."""
    from annotator.core.status import Role
    from annotator.store.people import PersonError, add_person, known_names

    name = name.strip()
    known = known_names(store)
    if name in known:
        return name
    people = [person for person in known if person != IMPORTED]
    if may_add or not people:
        if may_add:
            try:
                add_person(store, name, Role.ANNOTATOR)
            except PersonError as error:
                raise UserError(str(error)) from None
        return name
    same = [person for person in known if person.casefold() == name.casefold()]
    hint = f" (did you mean {same[0]!r}?)" if same else ""
    raise UserError(
        f"unknown person {name!r}{hint}; known: {', '.join(sorted(known))}; --new-user adds one"
    )
