"""File formats: one module per format, each a reader and/or a writer.

Readers (dispatched by :mod:`annotator.formats.readers`) yield located records or problems;
writers take the store's :class:`annotator.core.records.ExportRecord`. This package imports
nothing itself, so a command loads only the formats it uses.
"""
