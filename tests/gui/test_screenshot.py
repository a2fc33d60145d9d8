"""``annotator screenshot`` renders the window to a PNG without a display, from the command
line as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from window_support import import_texts

from annotator.gui.screenshot import ScreenshotError, parse_size, render
from annotator.store.annotations import add_span
from annotator.store.store import Store

pytestmark = pytest.mark.gui


def annotator(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_CONFIG_HOME=str(home), HOME=str(home))
    env.pop("QT_QPA_PLATFORM", None)  # the command picks offscreen itself without a display
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_screenshot_of_a_document(tmp_path: Path, sqlite_url: str) -> None:
    text = "Taliban fighters attacked Kunduz on Tuesday, killing 12 people."
    ids = import_texts(sqlite_url, [("first", "Another article."), ("kunduz", text)])
    with Store.open(sqlite_url) as store:
        add_span(store, ids["kunduz"], "ana", 0, 7, "ACTOR")
    output = tmp_path / "window.png"
    done = annotator(
        "screenshot",
        "--db",
        sqlite_url,
        "--user",
        "ana",
        "--doc",
        "kunduz",
        "-o",
        str(output),
        "--size",
        "1000x700",
        home=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert f"wrote {output}" in done.stdout
    image = QImage(str(output))
    assert (image.width(), image.height()) == (1000, 700)
    # Not a blank image: the window drew text and chips in more than a few colours.
    colours = {image.pixel(x, y) for x in range(0, 1000, 7) for y in range(0, 700, 7)}
    assert len(colours) > 20
    # Screenshots leave no settings behind.
    assert not any(tmp_path.glob("**/annotator.ini"))


def test_screenshot_refuses_unknown_document_and_bad_size(tmp_path: Path, sqlite_url: str) -> None:
    import_texts(sqlite_url, [("one", "Some text.")])
    output = tmp_path / "x.png"
    missing = annotator(
        "screenshot", "--db", sqlite_url, "--doc", "nope", "-o", str(output), home=tmp_path
    )
    assert missing.returncode == 2
    assert "no document 'nope'" in missing.stderr
    bad = annotator(
        "screenshot", "--db", sqlite_url, "-o", str(output), "--size", "big", home=tmp_path
    )
    assert bad.returncode == 2
    assert "WIDTHxHEIGHT" in bad.stderr
    assert not output.exists()


def test_parse_size() -> None:
    assert parse_size("1400x900") == (1400, 900)
    assert parse_size("800X600") == (800, 600)
    for wrong in ("1400", "x900", "0x10", "ax9"):
        with pytest.raises(ValueError, match="WIDTHxHEIGHT"):
            parse_size(wrong)


def test_a_screenshot_selects_the_span_at_an_offset_or_says_there_is_none(
    tmp_path: Path, sqlite_url: str
) -> None:
    text = "Taliban fighters attacked Kunduz on Tuesday, killing 12 people."
    document = import_texts(sqlite_url, [("kunduz", text)])["kunduz"]
    with Store.open(sqlite_url) as store:
        add_span(store, document, "ana", 26, 32, "PLACE")
    output = tmp_path / "selected.png"
    render(sqlite_url, "ana", output, (900, 600), document="kunduz", select=26)
    assert QImage(str(output)).width() == 900
    with pytest.raises(ScreenshotError, match="no span of the open document starts at offset 3"):
        render(sqlite_url, "ana", tmp_path / "none.png", (900, 600), document="kunduz", select=3)
    assert not (tmp_path / "none.png").exists()
