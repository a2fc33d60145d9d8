"""Without a display, or without the X11 libraries Qt needs, `annotator gui` says so in one
line instead of letting Qt abort the process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.gui.display import missing_libraries

pytestmark = pytest.mark.gui


def test_missing_libraries_names_exactly_those_the_loader_cannot_load() -> None:
    assert missing_libraries(["libc.so.6", "libno-such-library.so.7"]) == [
        "libno-such-library.so.7"
    ]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland are Linux's")
def test_the_window_without_a_display_is_one_line(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    run = subprocess.run(
        [sys.executable, "-m", "annotator", "gui", "--db", str(tmp_path / "c.sqlite")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        "annotator gui: no display to show the window on (DISPLAY and WAYLAND_DISPLAY are not "
        "set): run it in a desktop session, or render it to a file with `annotator screenshot`"
    ]
    assert not (tmp_path / "c.sqlite").exists()
