"""What the ``annotator`` program does that a library caller (a test, a script) does not.

- **The garbage collector at start-up.** Importing SQLAlchemy, pydantic and the rest makes
  ~10^5 objects that live as long as the process; the cyclic collector would go over them again
  and again, during the imports and in every full collection after. So the program pauses it
  while it starts and, once the command's modules are loaded, moves what exists to the
  permanent generation (``gc.freeze``) and lets it run on: about a tenth of a small command.
- **The garbage collector after a document is shown.** The window's open document (its spans,
  the article's layout and indexes) lives until another is opened; the program moves it to the
  permanent generation too (:func:`document_shown`), so that a label key's few allocations do
  not now and then set off a full collection over all of it (60 ms on a 5,000-span article).
- **An import reads in a child process** while the program writes
  (:mod:`annotator.store.child_process`): the program is single-threaded until the window
  starts, and the window never imports this way.
"""

from __future__ import annotations

import gc

_program = False


def start_program() -> None:
    """Called first by the program's entry point (:mod:`annotator.entry`)."""
    global _program
    _program = True
    gc.disable()


def is_program() -> bool:
    """True in the ``annotator`` program, False when a library caller runs a command."""
    return _program


def start_up_done() -> None:
    """Called once the modules a command needs are imported; does nothing unless the program
    paused the collector (so a library caller's collector is never touched)."""
    if _program and not gc.isenabled():
        gc.freeze()
        gc.enable()


def document_shown() -> None:
    """Called by the window once a document is shown; freezes what exists (see the module
    docstring). Does nothing for a library caller (a test)."""
    if _program:
        gc.freeze()
