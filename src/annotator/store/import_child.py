"""Reading and checking an import's records in a child process while this one writes.

An import is about half reading and checking (JSON, pydantic, the records' own rules) and half
writing (SQLite or PostgreSQL); in one process the two take turns on one core. The command
line forks a child that iterates the batches of checked records
(:meth:`annotator.store.import_checks.RecordChecker.batches`) and sends each, pickled, through
a pipe; this process writes a batch while the child reads the next. What comes out is exactly
what the same iterator gives in one process: the same batches, in the same order.

Safe with the database open: POSIX advisory locks are not inherited by a child, so the child's
descriptors of the database files (inherited, never used, closed when it exits) cannot drop
this process's locks; the child ends with ``os._exit``, running no finaliser that could touch
a connection. Only the forking thread lives on in a child, so a process with other threads
(the window) never uses this.
"""

from __future__ import annotations

import os
import pickle
import signal
import traceback
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass

from annotator.store.import_checks import CheckedBatch

_PIPE_BUFFER = 1 << 20


@dataclass(frozen=True)
class _ChildFailed:
    """Sent instead of a batch when the child failed: its traceback."""

    text: str


def checked_in_child(batches: Iterator[CheckedBatch]) -> Iterator[CheckedBatch]:
    """``batches``, iterated in a child process. The child is stopped and reaped when this
    generator ends, however it ends (done, an error in the writer, Ctrl+C)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _send_all(batches, write_end)
    os.close(write_end)
    try:
        with open(read_end, "rb", buffering=_PIPE_BUFFER) as stream:
            while True:
                try:
                    message = pickle.load(stream)
                except EOFError:
                    raise RuntimeError("the import's reading process ended unexpectedly") from None
                if message is None:
                    return
                if isinstance(message, _ChildFailed):
                    raise RuntimeError(f"reading the import failed:\n{message.text}")
                yield message
    finally:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)  # done already (a zombie until reaped), or stopped
        os.waitpid(pid, 0)


def _send_all(batches: Iterator[CheckedBatch], write_end: int) -> None:
    code = 0
    try:
        with open(write_end, "wb", buffering=_PIPE_BUFFER) as stream:
            try:
                for batch in batches:
                    pickle.dump(batch, stream, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(None, stream)
            except KeyboardInterrupt:
                code = 130
            except Exception:
                code = 1
                pickle.dump(_ChildFailed(traceback.format_exc()), stream)
    except BrokenPipeError:
        code = 1  # the writer stopped reading: it failed or was interrupted
    finally:
        os._exit(code)
