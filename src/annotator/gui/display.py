"""Whether this machine can show the window, checked before Qt starts: without a display, or
without the X11 libraries Qt's xcb plugin loads, Qt aborts the process with a message that
names at most one of them ("xcb-cursor0 ... is needed") and a core dump."""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterable

from annotator.app.errors import UserError

# What Qt 6's xcb platform plugin (libqxcb.so) loads, by soname; the README's apt and dnf lines
# install them (tests/test_readme_platform.py checks that line against `ldd` of the plugin).
XCB_LIBRARIES = (
    "libxcb.so.1",
    "libX11-xcb.so.1",
    "libxcb-cursor.so.0",
    "libxcb-icccm.so.4",
    "libxcb-keysyms.so.1",
    "libxcb-image.so.0",
    "libxcb-render-util.so.0",
    "libxcb-render.so.0",
    "libxcb-randr.so.0",
    "libxcb-shape.so.0",
    "libxcb-shm.so.0",
    "libxcb-sync.so.1",
    "libxcb-util.so.1",
    "libxcb-xfixes.so.0",
    "libxcb-xkb.so.1",
    "libxkbcommon.so.0",
    "libxkbcommon-x11.so.0",
    "libfontconfig.so.1",
)


def missing_libraries(names: Iterable[str]) -> list[str]:
    """The shared libraries among ``names`` that the dynamic loader cannot load."""
    missing = []
    for name in names:
        try:
            ctypes.CDLL(name)
        except OSError:
            missing.append(name)
    return missing


def check_display() -> None:
    """A :class:`UserError` when the window cannot be shown here; nothing on macOS, Windows,
    or when ``QT_QPA_PLATFORM`` chooses the platform."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        raise UserError(
            "no display to show the window on (DISPLAY and WAYLAND_DISPLAY are not set): run "
            "it in a desktop session, or render it to a file with `annotator screenshot`"
        )
    if os.environ.get("WAYLAND_DISPLAY"):
        return
    missing = missing_libraries(XCB_LIBRARIES)
    if missing:
        raise UserError(
            f"the window needs system libraries that are missing: {', '.join(missing)}; the "
            "README's quick start lists the packages (Debian: libxcb-cursor0, libxcb-icccm4, "
            "libxcb-keysyms1, ...)"
        )
