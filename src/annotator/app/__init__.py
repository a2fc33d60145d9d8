"""What the command line and the window share, one layer below both: opening a database with
every check a person needs (a typo is not a new database, a read-only file is one line), and
resolving who is working (a typo is not a new person).

Layers (checked by import-linter, ``pyproject.toml``): core < schemas < store, formats < app <
cli, gui < entry. Nothing here imports Qt or the command line.
"""
