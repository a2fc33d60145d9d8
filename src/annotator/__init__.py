"""Annotator: label text spans in news articles.

Layers, each importing only the ones before it:

- ``core``: pure Python domain rules (spans, offsets, label schema, tokens). No Qt, no SQLAlchemy.
- ``schemas``: pydantic models of records that cross the boundary (files read and written).
- ``store``: the database (SQLAlchemy ORM, Alembic migrations); the only code that talks SQL.
- ``formats``: readers and writers of file formats, over ``schemas``.
- ``cli``: the command line. ``gui``: the PySide6 window; the only package that imports Qt.
"""

__version__ = "0.1.0"
