"""The window on a large corpus: time from process start to the first document on screen.

    python -m bench.window_open [--docs 100000] [--repeat 5] [--out DIR]

Prints one JSON object on stdout; exits 0 even when the target is missed (it is a report).

Each run is a fresh process that runs what ``annotator gui --db DB --user PERSON`` runs
(``window_start`` then ``launch``, as ``bench.gui_window``'s start child does) and prints when
the document is shown. Corpora of 1 and ``--docs`` documents (``bench.gui_window.build_corpus``,
executemany on the real schema, cached in ``--out``); two people on each: ``fresh`` has begun
nothing, ``finished`` has marked every document done. Every run gets new, empty window
settings, so the window looks for the first unfinished document rather than reopening the
last one. The four cases are interleaved, ``--repeat`` times; medians are reported, with the
load average before and after.

Target (issue 8): 100k documents, finished person <= 1.2 x the 1-document time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.gui_window import _child_env, build_corpus

TARGET_RATIO = 1.2
PEOPLE = ("fresh", "finished")

# What `annotator gui --db URL --user PERSON` runs before its event loop; prints "shown" once
# the window has a document open and painted.
SHOW_DOCUMENT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from annotator.cli import parse
from annotator.gui.app import application, launch
from annotator.gui.window_commands import window_start
database, user, notice = window_start(parse(["gui", "--db", sys.argv[1], "--user", sys.argv[2]]))
window = launch(database, user, notice=notice)
from PySide6.QtCore import QTimer
def _when_shown():
    if not window.attached or window.workspace.document is None:
        QTimer.singleShot(1, _when_shown)
        return
    window.repaint()
    print("shown", window.workspace.document.id, flush=True)
    os._exit(0)
QTimer.singleShot(0, _when_shown)
application().exec()
"""


def prepare(path: Path, documents: int) -> None:
    """The corpus at ``path`` with people ``fresh`` and ``finished`` (every document done);
    kept when it already exists."""
    if path.exists():
        return
    from datetime import UTC, datetime

    from sqlalchemy import insert, select

    from annotator.core.status import Role, SetStatus
    from annotator.store.models import AnnotationSet, Document, Person
    from annotator.store.people import add_person
    from annotator.store.store import Store

    partial = path.with_suffix(".partial")
    for stale in path.parent.glob(partial.name + "*"):
        stale.unlink()
    build_corpus(partial, documents)
    with Store.open(f"sqlite:///{partial}") as store:
        for person in PEOPLE:
            add_person(store, person, Role.ANNOTATOR)
        now = datetime.now(UTC)
        with store.writing() as session:
            finished = session.scalar(select(Person.id).where(Person.name == "finished"))
            ids = session.scalars(select(Document.id)).all()
            rows = [
                {
                    "document_id": ident,
                    "person_id": finished,
                    "status": SetStatus.DONE.value,
                    "created_at": now,
                    "updated_at": now,
                }
                for ident in ids
            ]
            session.execute(insert(AnnotationSet), rows)
    partial.rename(path)


def _time_shown(url: str, person: str, folder: Path) -> float:
    with tempfile.TemporaryDirectory(dir=folder, prefix="settings-") as settings:
        began = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", SHOW_DOCUMENT, url, person],
            capture_output=True,
            text=True,
            env=_child_env(Path(settings)),
            timeout=120,
        )
        elapsed = time.perf_counter() - began
    if not done.stdout.startswith("shown"):
        raise RuntimeError(f"the child did not show a document: {done.stdout!r} {done.stderr}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.window_open", description=__doc__)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, help="keep the corpora here (default: temporary)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-open-") as temporary:
        folder = args.out or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        sizes = (1, args.docs)
        urls = {}
        for size in sizes:
            path = folder / f"window-open-{size}.sqlite"
            prepare(path, size)
            urls[size] = f"sqlite:///{path}"
        cases = [(size, person) for size in sizes for person in PEOPLE]
        for size, person in cases:  # warm the disk cache and the bytecode cache
            _time_shown(urls[size], person, folder)
        load_before = os.getloadavg()[0]
        runs: dict[str, list[float]] = {f"{size}/{person}": [] for size, person in cases}
        for _ in range(args.repeat):
            for size, person in cases:
                runs[f"{size}/{person}"].append(_time_shown(urls[size], person, folder))
        load_after = os.getloadavg()[0]
    medians = {case: round(statistics.median(times), 3) for case, times in runs.items()}
    one = statistics.median(runs[f"1/{PEOPLE[1]}"] + runs[f"1/{PEOPLE[0]}"])
    large_finished = statistics.median(runs[f"{args.docs}/finished"])
    ratio = large_finished / one
    report: dict[str, Any] = {
        "benchmark": "window_open",
        "docs": args.docs,
        "repeat": args.repeat,
        "median_s": medians,
        "runs_s": {case: [round(t, 3) for t in times] for case, times in runs.items()},
        "ratio_large_finished_to_one": round(ratio, 2),
        "ratio_large_fresh_to_one": round(statistics.median(runs[f"{args.docs}/fresh"]) / one, 2),
        "target_ratio": TARGET_RATIO,
        "met": ratio <= TARGET_RATIO,
        "load_average_1min": [round(load_before, 2), round(load_after, 2)],
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
