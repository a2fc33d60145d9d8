"""Who is working: ``--user`` must name a known person, so a typo is not a new person."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.app.errors import UserError
from annotator.core.status import GOLD, IMPORTED, NOT_ANNOTATORS

if TYPE_CHECKING:
    from annotator.store.store import Store

# `imported` records the spans of imports that name nobody: not someone who works in the
# window, so a database that knows only them counts as having no people yet.


def resolve_person(store: Store, name: str, may_add: bool) -> str:
    """``name`` if the database knows them. A database that has no people yet (none but the
    gold owner and ``imported``) takes anyone: they are created with their first action, as
    always. ``may_add`` (``--new-user``) adds an unknown name as an annotator."""
    from annotator.core.status import Role
    from annotator.store.people import PersonError, add_person, known_names

    known = known_names(store)
    chosen = choose_person(name, known, may_add)
    if may_add and chosen not in known:
        try:
            add_person(store, chosen, Role.ANNOTATOR)
        except PersonError as error:
            raise UserError(str(error)) from None
    return chosen


def choose_person(name: str, known: list[str], may_add: bool) -> str:
    """``name``, if a database that knows ``known`` (everyone but the gold owner) takes it;
    else a :class:`UserError` naming the people it knows. ``gold`` (the adjudicated standard)
    and ``imported`` (the owner of imported spans) never work in the window."""
    name = name.strip()
    if name == GOLD:
        raise UserError(f"{GOLD!r} is reserved for the adjudicated gold standard; use your name")
    if name == IMPORTED:
        raise UserError(
            f"{IMPORTED!r} owns the spans of imports that name no annotator; use your own name"
        )
    if name in known or may_add or not [person for person in known if person != IMPORTED]:
        return name
    same = [person for person in known if person.casefold() == name.casefold()]
    hint = f" (did you mean {same[0]!r}?)" if same else ""
    raise UserError(
        f"unknown person {name!r}{hint}; known: {', '.join(sorted(known))}; --new-user adds one"
    )


def people_in_file(path: Path) -> dict[str, str] | None:
    """Everyone but the gold owner and the model people that the SQLite file ``path`` knows,
    with their roles, read with the sqlite3 module alone (no SQLAlchemy, so the window can
    paint before it loads); {}
    for a file that does not exist yet or has no tables. None when this cannot tell (not a
    database, say): opening the database properly then says what is wrong."""
    if not path.exists():
        return {}
    try:
        connection = sqlite3.connect(path, timeout=1.0)
        try:
            marks = ", ".join("?" * len(NOT_ANNOTATORS))
            query = f"SELECT name, role FROM people WHERE role NOT IN ({marks})"
            rows = connection.execute(query, NOT_ANNOTATORS).fetchall()
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        return {} if "no such table" in str(error) else None
    except sqlite3.DatabaseError:
        return None
    return {str(name): str(role) for name, role in rows}


def check_reviewer(name: str, role: str | None) -> None:
    """Review mode is for reviewers: anyone else is told, in one line, how to become one."""
    if role != "reviewer":
        raise UserError(
            f"{name} is not a reviewer; review mode is for reviewers "
            f"(annotator people add {name} --role reviewer)"
        )


def role_of(store: Store, name: str) -> str | None:
    """``name``'s role in ``store`` (``annotator`` or ``reviewer``); None for nobody known."""
    from annotator.store.people import role_of as stored_role

    role = stored_role(store, name)
    return None if role is None else role.value
