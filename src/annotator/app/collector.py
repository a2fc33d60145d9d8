"""The garbage collector at start-up.

Importing SQLAlchemy, pydantic and the rest makes ~10^5 objects that live as long as the
process; the cyclic collector would go over them again and again, during the imports and in
every full collection after. So the program (not a library caller) pauses it while it starts,
and once the command's modules are loaded, moves what exists to the permanent generation
(``gc.freeze``) and lets it run on: about a tenth of a small command's time.
"""

from __future__ import annotations

import gc


def pause_for_start_up() -> None:
    """Called first by the program's entry point."""
    gc.disable()


def start_up_done() -> None:
    """Called once the modules a command needs are imported; does nothing unless the entry
    point paused the collector (so a library caller's collector is never touched)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
