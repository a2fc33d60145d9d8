"""Where the database is when ``--db`` does not say: without SQLAlchemy, so that finding it
costs nothing (the window paints before SQLAlchemy loads)."""

from __future__ import annotations

from pathlib import Path

ENV_VAR = "ANNOTATOR_DB"


def default_database_path() -> Path:
    """``annotator.sqlite`` in the user data directory (platformdirs)."""
    from platformdirs import user_data_path

    return user_data_path("annotator", appauthor=False) / "annotator.sqlite"
