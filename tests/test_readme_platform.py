"""The README's quick start names every X11 library Qt's platform plugin loads, so that a
minimal Debian or Ubuntu gets the window with one `apt install` (it once aborted until three
more packages were installed by hand)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def _debian_package(soname: str) -> str:
    """Debian's name for a library: libxcb-icccm.so.4 -> libxcb-icccm4, libxkbcommon-x11.so.0
    -> libxkbcommon-x11-0 (a hyphen when the name ends in a digit)."""
    match = re.fullmatch(r"(lib[\w.+-]+?)\.so\.(\d+)", soname)
    assert match is not None, soname
    name, version = match.groups()
    return f"{name.lower()}{'-' if name[-1].isdigit() else ''}{version}"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 libraries are Linux's")
def test_the_apt_line_names_every_xcb_library_the_qt_plugin_needs() -> None:
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if shutil.which("ldd") is None or not plugin.exists():
        pytest.skip("needs ldd and the PySide6 wheel's libqxcb.so")
    listed = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True)
    sonames = {line.split()[0] for line in listed.stdout.splitlines() if line.strip()}
    x11 = sorted(s for s in sonames if re.match(r"lib(xcb|xkbcommon|X11-xcb)", s))
    assert "libxcb-icccm.so.4" in x11
    apt_line = re.search(r"sudo apt install (.+?)\n(?!  )", README.read_text(), re.S)
    assert apt_line is not None
    packages = set(apt_line.group(1).replace("\\", " ").split())
    missing = [(s, _debian_package(s)) for s in x11 if _debian_package(s) not in packages]
    assert missing == []
    # The window checks the same libraries before Qt starts (annotator.gui.display).
    from annotator.gui.display import XCB_LIBRARIES

    assert set(x11) <= set(XCB_LIBRARIES)
