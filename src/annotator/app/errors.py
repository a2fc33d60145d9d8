"""A failure a person is told about in one line, with the exit code a command ends with."""

from __future__ import annotations

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class UserError(Exception):
    """A failure to report in one line, with an exit code, and no traceback."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code
