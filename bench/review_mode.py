"""Review mode (Ctrl+R) on a team-sized corpus, timed in a whole process with a stall probe.

``python -m bench.review_mode [--docs 10000] [--annotators 3] [--repeat 5] [--out DIR]
[--case enter|ctrl-j|ctrl-j-none]`` prints one JSON object. The corpus is
:mod:`bench.team_scale`'s, built once and cached in ``DIR``; every run gets a fresh copy of it
(not timed) in which a reviewer is added with ``annotator people add``.

Each run is a child process that opens the window on the copy as that reviewer, shows it and lets
it settle, then presses Ctrl+R (a real key event through the window's shortcut). It reports the
seconds from the key press until the review queue is shown (the queue model holds rows and the
window has repainted), and the longest gap between two ticks of a 5 ms ``QTimer`` from the key
press until half a second after the queue showed: how long the event loop was blocked. Medians of
``--repeat`` runs; targets: queue shown <= 1 s, longest gap <= 100 ms. The machine may be shared,
so the load average is recorded before and after.

``--case ctrl-j`` then presses Ctrl+J (next document with a candidate to decide) one second after
the queue showed, and reports the seconds until the search came back and the longest gap from
that key press until half a second after; ``ctrl-j-none`` does so on a copy where every finished
span is already in an unfinished gold set, so that the search reads every candidate and finds
none (the case that used to scan the queue 200 documents at a time on the GUI thread).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from contextlib import closing
from pathlib import Path

from bench.team_scale import build_corpus, fresh_copy

SHOWN_TARGET_S = 1.0
STALL_TARGET_MS = 100.0
REVIEWER = "rhea"
PROBE_MS = 5
CASES = ("enter", "ctrl-j", "ctrl-j-none")
AFTER_SHOWN_S = 0.5  # keep probing this long after the queue shows: opening its first document

CHILD = f"""
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from annotator.gui.app import application, create_main_window

app = application()
window = create_main_window(sys.argv[1], {REVIEWER!r}, remember=False)
ctrl_j = sys.argv[2] == "ctrl-j"
window.resize(1400, 900)
window.show()
ticks = []
state = {{"pressed": None, "shown": None, "searched": None}}

def panel():
    return getattr(getattr(window, "review", None), "panel", None)

def queue_shown():
    found = panel()
    return found is not None and found.isVisible() and found.queue.model.rowCount() > 0

def probe():
    now = time.perf_counter()
    ticks.append(now)
    if state["pressed"] is None:
        return
    if state["shown"] is None:
        if queue_shown():
            window.repaint()
            state["shown"] = time.perf_counter()
            if ctrl_j:  # the first document opens, then Ctrl+J once the window has settled
                QTimer.singleShot(1000, press_ctrl_j)
        return
    end = state["searched"] if ctrl_j else state["shown"]
    if end is not None and now - end > {AFTER_SHOWN_S}:
        finish()

def press():
    state["pressed"] = time.perf_counter()
    # Through the window as a person presses it: the Ctrl+R shortcut of review mode.
    QTest.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)

def press_ctrl_j():
    panel().searchDone.connect(searched)
    state["ctrl_j"] = time.perf_counter()
    widget = QApplication.focusWidget() or window
    QTest.keyClick(widget, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)

def searched():
    window.repaint()
    state["searched"] = time.perf_counter()

def finish():
    start = state["ctrl_j"] if ctrl_j else state["pressed"]
    after = [t for t in ticks if t >= start]
    gaps = [b - a for a, b in zip([start, *after], after)]
    result = {{
        "shown_s": state["shown"] - state["pressed"],
        "longest_gap_ms": 1000 * max(gaps),
        "rows": panel().queue.model.rowCount(),
    }}
    if ctrl_j:
        result["search_s"] = state["searched"] - state["ctrl_j"]
        result["message"] = window.statusBar().currentMessage()
    print(json.dumps(result), flush=True)
    os._exit(0)

timer = QTimer()
timer.setInterval({PROBE_MS})
timer.timeout.connect(probe)
timer.start()
QTimer.singleShot(1500, press)  # the window has opened its document and settled by then
QTimer.singleShot(120_000, lambda: (print("timed out", flush=True), os._exit(1)))
app.exec()
"""

# Every finished span copied into a gold set still in progress: no candidate is left to
# decide, so Ctrl+J's search reads every candidate of the corpus and finds none.
ALL_IN_GOLD = [
    "INSERT INTO people (name, role, created_at) VALUES ('gold', 'gold', '2026-01-01')",
    "INSERT INTO annotation_sets (document_id, person_id, status, created_at, updated_at) "
    "SELECT id, (SELECT id FROM people WHERE name = 'gold'), 'in_progress', "
    "'2026-01-01', '2026-01-01' FROM documents",
    "INSERT OR IGNORE INTO spans (set_id, start_offset, end_offset, label_id) "
    "SELECT g.id, s.start_offset, s.end_offset, s.label_id FROM spans s "
    "JOIN annotation_sets a ON a.id = s.set_id "
    "JOIN annotation_sets g ON g.document_id = a.document_id "
    "AND g.person_id = (SELECT id FROM people WHERE name = 'gold') "
    "WHERE a.person_id != g.person_id",
]


def _child_env(settings: Path) -> dict[str, str]:
    # XDG_CONFIG_HOME: the child's QSettings stay out of the user's own.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(settings))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(settings / "pycache")
    return env


def run_once(database: Path, work: Path, case: str = "enter") -> dict[str, float]:
    """One child run: ``enter`` (Ctrl+R), ``ctrl-j`` (then Ctrl+J on the untouched corpus)
    or ``ctrl-j-none`` (Ctrl+J when every candidate is already in gold)."""
    copy = fresh_copy(database, work)
    if case == "ctrl-j-none":
        with closing(sqlite3.connect(copy)) as connection, connection:
            for statement in ALL_IN_GOLD:
                connection.execute(statement)
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
        [sys.executable, "-c", CHILD, f"sqlite:///{copy}", case.removesuffix("-none")],
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
    parser.add_argument(
        "--case",
        choices=CASES,
        default="enter",
        help="enter: Ctrl+R until the queue shows; ctrl-j: then Ctrl+J until the next document "
        "to decide opens; ctrl-j-none: Ctrl+J with every candidate already in gold (none found)",
    )
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "annotator-bench")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    database, built = build_corpus(arguments.out, arguments.docs, arguments.annotators)
    load_before = os.getloadavg()
    runs = []
    with tempfile.TemporaryDirectory(dir=arguments.out) as scratch:
        for _ in range(arguments.repeat):
            runs.append(run_once(database, Path(scratch), arguments.case))
    shown = statistics.median(run["shown_s"] for run in runs)
    stall = statistics.median(run["longest_gap_ms"] for run in runs)
    searched = {}
    if arguments.case != "enter":  # the gap is then from Ctrl+J until the search came back
        searched = {
            "search_seconds": round(statistics.median(run["search_s"] for run in runs), 3),
            "search_runs": [round(run["search_s"], 3) for run in runs],
            "message": runs[0]["message"],
        }
    print(
        json.dumps(
            {
                "benchmark": "review_mode",
                "case": arguments.case,
                **searched,
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
