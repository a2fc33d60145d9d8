"""Iterating in a child process while this one works on what comes out: two cores, not one.

Used by the command line where a command is half producing (an import reading and checking
its records; agreement reading the corpus and tokenizing it) and half consuming (writing;
comparing annotators): in one process the two take turns on one core. :func:`iterated_in_child`
forks a child that iterates and sends each item, pickled, through a pipe; in this process a
thread drains the pipe (``os.read`` lets the consumer run meanwhile), so the child is already
making the next item while this process uses this one. What comes out is exactly what the same
iterator gives in one process: the same items, in order.

Safe with the database open: POSIX advisory locks are not inherited by a child, so the child's
descriptors of the database files (inherited, never used, closed when it exits) cannot drop
this process's locks; the child ends with ``os._exit``, running no finaliser that could touch
a connection. A child that reads the database opens its own connection (``make`` runs in the
child), never one of this process's. Only the forking thread lives on in a child, so a process
with other threads (the window) never uses this.
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import struct
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

_LENGTH = struct.Struct("<Q")
# Items made ahead of the consumer: enough for the child never to wait, few enough to keep the
# memory flat (an item is a batch).
_AHEAD = 2


@dataclass(frozen=True)
class _ChildFailed:
    """Sent instead of a batch when the child failed: its traceback."""

    text: str


def iterated_in_child(make: Callable[[], Iterator[T]], what: str) -> Iterator[T]:
    """The items of ``make()``, called and iterated in a child process. The child is stopped
    and reaped when this generator ends, however it ends (done, an error here, Ctrl+C).
    ``what`` names the work in the error raised if the child fails."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _send_all(make, write_end)
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
                raise RuntimeError(f"{what} failed:\n{message.text}")
            yield message
        raise RuntimeError(f"the process of {what} ended unexpectedly")
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


def _send_all(make: Callable[[], Iterator[object]], write_end: int) -> None:
    code = 0
    try:
        try:
            for item in make():
                _send(write_end, item)
            _send(write_end, None)
        except KeyboardInterrupt:
            code = 130
        except BrokenPipeError:
            code = 1  # the consumer stopped reading: it failed or was interrupted
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
