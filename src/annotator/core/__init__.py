"""Domain types and rules with no Qt and no SQLAlchemy.

Every offset in this package is a Python ``str`` index (a Unicode code point), end exclusive,
into the exact stored text of a document.
"""
