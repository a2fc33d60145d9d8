"""Reading and checking an import's records in a child process while this one writes.

An import is about half reading and checking (JSON, pydantic, the records' own rules) and half
writing (SQLite or PostgreSQL); in one process the two take turns on one core. The command
line forks a child that iterates the batches of checked records
(:meth:`annotator.store.import_checks.RecordChecker.batches`) and sends each, pickled, through
a pipe; in this process a thread drains the pipe (``os.read`` lets the writer run meanwhile),
so the child is already checking the next batch while the writer writes this one. What comes
out is exactly what the same iterator gives in one process: the same batches, in order.

Safe with the database open: POSIX advisory locks are not inherited by a child, so the child's
descriptors of the database files (inherited, never used, closed when it exits) cannot drop
this process's locks; the child ends with ``os._exit``, running no finaliser that could touch
a connection. Only the forking thread lives on in a child, so a process with other threads
(the window) never uses this.
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import struct
import threading
import traceback
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass

from annotator.store.import_checks import CheckedBatch

_LENGTH = struct.Struct("<Q")
# Batches read ahead of the writer: enough for the child never to wait, few enough to keep the
# memory of an import flat.
_AHEAD = 2


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
    frames: queue.Queue[bytes | None] = queue.Queue(maxsize=_AHEAD)
    stop = threading.Event()
    reader = threading.Thread(target=_drain, args=(read_end, frames, stop), daemon=True)
    reader.start()
    try:
        while (frame := frames.get()) is not None:
            message = pickle.loads(frame)
            if message is None:
                return
            if isinstance(message, _ChildFailed):
                raise RuntimeError(f"reading the import failed:\n{message.text}")
            yield message
        raise RuntimeError("the import's reading process ended unexpectedly")
    finally:
        stop.set()
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)  # done already (a zombie until reaped), or stopped
        os.waitpid(pid, 0)  # its end of the pipe closes: the reader thread's read returns
        with suppress(queue.Empty):
            frames.get_nowait()  # room for the reader's last put, if it waits on a full queue
        reader.join()
        os.close(read_end)


def _drain(read_end: int, frames: queue.Queue[bytes | None], stop: threading.Event) -> None:
    """Read length-prefixed frames from the pipe into ``frames``; None at its end."""
    while not stop.is_set():
        header = _read_exactly(read_end, _LENGTH.size)
        frame = None if header is None else _read_exactly(read_end, _LENGTH.unpack(header)[0])
        if frame is None:
            break
        while not stop.is_set():
            with suppress(queue.Full):
                frames.put(frame, timeout=0.1)
                break
    with suppress(queue.Full):
        frames.put(None, timeout=0.1)


def _read_exactly(fd: int, size: int) -> bytes | None:
    parts: list[bytes] = []
    left = size
    while left:
        part = os.read(fd, min(left, 1 << 20))
        if not part:
            return None
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _send_all(batches: Iterator[CheckedBatch], write_end: int) -> None:
    code = 0
    try:
        try:
            for batch in batches:
                _send(write_end, batch)
            _send(write_end, None)
        except KeyboardInterrupt:
            code = 130
        except BrokenPipeError:
            code = 1  # the writer stopped reading: it failed or was interrupted
        except Exception:
            code = 1
            _send(write_end, _ChildFailed(traceback.format_exc()))
    finally:
        os._exit(code)


def _send(fd: int, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_LENGTH.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]
