"""Review mode (Ctrl+R) on a team-sized corpus, timed in a whole process with a stall probe.

``python -m bench.review_mode [--docs 10000] [--annotators 3] [--repeat 5] [--out DIR]`` prints one
JSON object. The corpus is :mod:`bench.team_scale`'s, built once and cached in ``DIR``; every run
gets a fresh copy of it (not timed) in which a reviewer is added with ``annotator people add``.

Each run is a child process that opens the window on the copy as that reviewer, shows it and lets
it settle, then presses Ctrl+R (a real key event through the window's shortcut). It reports the
seconds from the key press until the review queue is shown (the queue model holds rows and the
window has repainted), and the longest gap between two ticks of a 5 ms ``QTimer`` from the key
press until half a second after the queue showed: how long the event loop was blocked. Medians of
``--repeat`` runs; targets: queue shown <= 1 s, longest gap <= 100 ms. The machine may be shared,
so the load average is recorded before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.team_scale import _fresh_copy, build_corpus

SHOWN_TARGET_S = 1.0
STALL_TARGET_MS = 100.0
REVIEWER = "rhea"
PROBE_MS = 5
AFTER_SHOWN_S = 0.5  # keep probing this long after the queue shows: opening its first document

CHILD = f"""
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from annotator.gui.app import application, create_main_window

app = application()
window = create_main_window(sys.argv[1], {REVIEWER!r}, remember=False)
window.resize(1400, 900)
window.show()
ticks = []
state = {{"pressed": None, "shown": None}}

def queue_shown():
    panel = getattr(getattr(window, "review", None), "panel", None)
    return panel is not None and panel.isVisible() and panel.queue.model.rowCount() > 0

def probe():
    now = time.perf_counter()
    ticks.append(now)
    if state["pressed"] is None or state["shown"] is not None:
        if state["shown"] is not None and now - state["shown"] > {AFTER_SHOWN_S}:
            finish()
        return
    if queue_shown():
        window.repaint()
        state["shown"] = time.perf_counter()

def press():
    state["pressed"] = time.perf_counter()
    # Through the window as a person presses it: the Ctrl+R shortcut of review mode.
    QTest.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)

def finish():
    pressed = state["pressed"]
    after = [t for t in ticks if t >= pressed]
    gaps = [b - a for a, b in zip([pressed, *after], after)]
    print(json.dumps({{
        "shown_s": state["shown"] - pressed,
        "longest_gap_ms": 1000 * max(gaps),
        "rows": window.review.panel.queue.model.rowCount(),
    }}), flush=True)
    os._exit(0)

timer = QTimer()
timer.setInterval({PROBE_MS})
timer.timeout.connect(probe)
timer.start()
QTimer.singleShot(1500, press)  # the window has opened its document and settled by then
QTimer.singleShot(120_000, lambda: (print("timed out", flush=True), os._exit(1)))
app.exec()
"""


def _child_env(settings: Path) -> dict[str, str]:
    # XDG_CONFIG_HOME: the child's QSettings stay out of the user's own.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(settings))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(settings / "pycache")
    return env


def run_once(database: Path, work: Path) -> dict[str, float]:
    copy = _fresh_copy(database, work)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator",
            "people",
            "add",
            REVIEWER,
            "--role",
            "reviewer",
            "--db",
            str(copy),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    done = subprocess.run(
        [sys.executable, "-c", CHILD, f"sqlite:///{copy}"],
        check=True,
        capture_output=True,
        text=True,
        env=_child_env(work),
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--annotators", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5, help="runs; medians reported")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "annotator-bench")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    database, built = build_corpus(arguments.out, arguments.docs, arguments.annotators)
    load_before = os.getloadavg()
    runs = []
    with tempfile.TemporaryDirectory(dir=arguments.out) as scratch:
        for _ in range(arguments.repeat):
            runs.append(run_once(database, Path(scratch)))
    shown = statistics.median(run["shown_s"] for run in runs)
    stall = statistics.median(run["longest_gap_ms"] for run in runs)
    print(
        json.dumps(
            {
                "benchmark": "review_mode",
                "documents": arguments.docs,
                "annotators": arguments.annotators,
                "spans": built["spans"],
                "queue_rows": runs[0]["rows"],
                "shown_seconds": round(shown, 3),
                "longest_gap_ms": round(stall, 1),
                "shown_runs": [round(run["shown_s"], 3) for run in runs],
                "gap_runs": [round(run["longest_gap_ms"], 1) for run in runs],
                "targets": {"shown_seconds": SHOWN_TARGET_S, "longest_gap_ms": STALL_TARGET_MS},
                "met": shown <= SHOWN_TARGET_S and stall <= STALL_TARGET_MS,
                "load_before": [round(x, 2) for x in load_before],
                "load_after": [round(x, 2) for x in os.getloadavg()],
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
