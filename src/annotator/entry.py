"""The ``annotator`` program: the command line, and the window for the window's commands.
The only module that imports both :mod:`annotator.cli` and :mod:`annotator.gui`."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TextIO


def run_window_command(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.gui.window_commands import run_window_command as run

    return run(args, out)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    from annotator.app.program import start_program, start_up_done

    start_program()
    from annotator.cli import main as cli_main

    try:
        return cli_main(argv, out, window=run_window_command)
    finally:
        start_up_done()  # a command that opened no database
