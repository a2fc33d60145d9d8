"""Where ``export -o -`` writes: standard output, UTF-8 whatever the locale, and every failure
one line (a file is written by :mod:`annotator.app.exporting`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import TextIO

from annotator.app.errors import EXIT_REFUSED, UserError


def write_stream(out: TextIO, lines: Iterator[str]) -> None:
    """Write ``lines`` to standard output (``-o -``); a write error (a full disk behind
    ``> file``) is one line, a reader that left (``| head``) is the caller's BrokenPipeError."""
    if out is sys.stdout and hasattr(out, "reconfigure"):
        # JSONL is UTF-8 with \n whatever the locale: a Windows `> file` would be cp1252 and
        # fail on the first emoji.
        out.reconfigure(encoding="utf-8", newline="\n")
    try:
        for line in lines:
            out.write(line)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        if out is sys.stdout:
            # What is left in the buffer would fail again at exit, with Python's own message.
            os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
        raise UserError(
            f"cannot write to standard output: {error.strerror or error}", EXIT_REFUSED
        ) from None
