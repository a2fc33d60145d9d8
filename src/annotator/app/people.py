"""Who is working: ``--user`` must name a known person, so a typo is not a new person."""

from __future__ import annotations

import sqlite3
from pathlib import Path
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
    chosen = choose_person(name, known_names(store), may_add)
    if may_add and chosen not in known_names(store):
        try:
            add_person(store, name, Role.ANNOTATOR)
        except PersonError as error:
            raise UserError(str(error)) from None
    return chosen


def choose_person(name: str, known: list[str], may_add: bool) -> str:
    """``name``, if a database that knows ``known`` (everyone but the gold owner) takes it;
    else a :class:`UserError` naming the people it knows."""
    name = name.strip()
    if name in known or may_add or not [person for person in known if person != IMPORTED]:
        return name
    same = [person for person in known if person.casefold() == name.casefold()]
    hint = f" (did you mean {same[0]!r}?)" if same else ""
    raise UserError(
        f"unknown person {name!r}{hint}; known: {', '.join(sorted(known))}; --new-user adds one"
    )


def people_in_file(path: Path) -> list[str] | None:
    """Everyone but the gold owner that the SQLite file ``path`` knows, read with the sqlite3
    module alone (no SQLAlchemy, so the window can paint before it loads); [] for a file that
    does not exist yet or has no tables. None when this cannot tell (not a database, say):
    opening the database properly then says what is wrong."""
    if not path.exists():
        return []
    try:
        connection = sqlite3.connect(path, timeout=1.0)
        try:
            rows = connection.execute("SELECT name FROM people WHERE role != 'gold'").fetchall()
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        return [] if "no such table" in str(error) else None
    except sqlite3.DatabaseError:
        return None
    return sorted(str(row[0]) for row in rows)
