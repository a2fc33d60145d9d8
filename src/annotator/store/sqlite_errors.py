"""What a sqlite3 error says, by SQLite's result code rather than by its wording."""

from __future__ import annotations

# SQLite's primary result codes (the low byte of an extended code).
BUSY, LOCKED, READONLY, CANTOPEN, FULL = 5, 6, 8, 14, 13


def primary_code(error: object) -> int:
    """SQLite's primary result code of ``error`` (a sqlite3 error); 0 for anything else."""
    return (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF


def is_locked(error: object) -> bool:
    """True when ``error`` means another connection holds a lock SQLite needs ("database is
    locked", "database table is locked")."""
    return primary_code(error) in (BUSY, LOCKED)
