"""The article view on a ~200 KB document with 5,000 spans, against a bare QPlainTextEdit.

``python -m bench.gui_view [--runs N]`` prints one JSON object.

For each document shape (many paragraphs; one single very long paragraph) it times, in a fresh
widget each run, from ``show_document()`` to the end of the first full paint of the viewport
(``processEvents()`` then ``viewport().repaint()``), and then a jump to the end of the document
with its repaint. The baseline, in the same run and the same way, is a bare QPlainTextEdit
given the same display text, with a minimal QSyntaxHighlighter that applies the same 5,000
ranges from a per-block list computed before the clock starts, in the view's font size.
Figures are medians of ``--runs`` runs after one warm-up run of each side. For the view it also
times ``set_spans()`` with one span more (the edit a label key makes) up to the repaint.

Targets: first paint <= 100 ms, and at most 3x the baseline's.

The ``relations`` case (:mod:`bench.gui_view_relations`) adds 2,000 relations to the
paragraphs document: first paint against the same baseline, adding a relation stored and
repainted, and frame times while scrolling.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import time
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from annotator.core.labels import default_schema
from annotator.core.offsets import TextMap
from annotator.gui.article_view import ArticleView
from annotator.gui.view_index import block_starts
from annotator.store.annotations import StoredSpan
from bench.synthetic_corpus import LABELS, make_text

DOCUMENT_BYTES = 200_000
SPANS = 5_000
FIRST_PAINT_TARGET_MS = 100.0
RATIO_TARGET = 3.0
WIDTH, HEIGHT = 1100, 800
_WORD = re.compile(r"[^\s.,;:!?\"()]+")


def make_document(seed: int = 7) -> str:
    """~200 KB of news-like paragraphs (emoji, accents, every fifth part with CRLF)."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < DOCUMENT_BYTES:
        crlf = len(parts) % 5 == 0
        parts.append(make_text(rng, crlf=crlf) + ("\r\n\r\n" if crlf else "\n\n"))
        size += len(parts[-1].encode("utf-8"))
    return "".join(parts)


def make_spans(text: str, count: int = SPANS, seed: int = 11) -> list[StoredSpan]:
    """``count`` spans over whole words, one to three words long; about one in eight has a
    nested or overlapping partner."""
    rng = random.Random(seed)
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    stride = max(1, len(words) // (count * 7 // 8))
    chosen: set[tuple[int, int, str]] = set()
    index = 0
    while len(chosen) < count:
        first = index % len(words)
        last = min(len(words) - 1, first + rng.choice((0, 0, 1, 2)))
        chosen.add((words[first][0], words[last][1], rng.choice(LABELS)))
        if len(chosen) < count and rng.random() < 0.14 and last + 1 < len(words):
            if rng.random() < 0.5 and last > first:
                chosen.add((words[first][0], words[first][1], rng.choice(LABELS)))
            else:
                chosen.add((words[last][0], words[last + 1][1], rng.choice(LABELS)))
        index += stride + rng.randint(0, 1)
    return [StoredSpan(s, e, label, n) for n, (s, e, label) in enumerate(sorted(chosen), 1)]


class _BaselineHighlighter(QSyntaxHighlighter):
    """Applies precomputed (start, length, format) runs per block number, nothing else."""

    def __init__(self, document: QTextDocument, runs: dict[int, list[Any]]) -> None:
        super().__init__(document)
        self.runs = runs

    def highlightBlock(self, text: str) -> None:
        for start, length, fmt in self.runs.get(self.currentBlock().blockNumber(), ()):
            self.setFormat(start, length, fmt)


def baseline_runs(text: str, spans: list[StoredSpan]) -> tuple[str, dict[int, list[Any]]]:
    """The display text and per-block runs of the same spans, one format per label."""
    text_map = TextMap(text)
    starts = block_starts(text_map)
    formats = {}
    for label in default_schema():
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(label.color).lighter(170))
        formats[label.name] = fmt
    runs: dict[int, list[Any]] = defaultdict(list)
    for span in spans:
        start, end = text_map.to_qt(span.start), text_map.to_qt(span.end)
        number = bisect_right(starts, start) - 1
        while number < len(starts) and starts[number] < end:
            block_end = starts[number + 1] - 1 if number + 1 < len(starts) else end
            low, high = max(start, starts[number]), min(end, block_end)
            if low < high:
                runs[number].append((low - starts[number], high - low, formats[span.label]))
            number += 1
    return text_map.display, dict(runs)


def _timed_show(
    app: QApplication, widget: QPlainTextEdit, show: Callable[[], None]
) -> dict[str, float]:
    started = time.perf_counter()
    show()
    app.processEvents()
    widget.viewport().repaint()
    painted = time.perf_counter()
    bar = widget.verticalScrollBar()
    bar.setValue(bar.maximum())
    app.processEvents()
    widget.viewport().repaint()
    scrolled = time.perf_counter()
    return {
        "first_paint_ms": (painted - started) * 1000,
        "scroll_end_ms": (scrolled - painted) * 1000,
    }


def _timed_add_span(app: QApplication, view: ArticleView, spans: list[StoredSpan]) -> float:
    """Milliseconds from set_spans() with one more span near the end to its repaint."""
    text = view.text_map.stored
    start = text.rindex(" ", 0, len(text) - 40) + 1
    end = text.index(" ", start)
    added = [*spans, StoredSpan(start, end, "EVENT", len(spans) + 1)]
    started = time.perf_counter()
    view.set_spans(added)
    app.processEvents()
    view.viewport().repaint()
    return (time.perf_counter() - started) * 1000


def _fresh(app: QApplication, widget: QPlainTextEdit) -> QPlainTextEdit:
    widget.resize(WIDTH, HEIGHT)
    widget.show()
    app.processEvents()
    return widget


def bare_baseline(app: QApplication, view: ArticleView) -> QPlainTextEdit:
    """A fresh bare QPlainTextEdit in ``view``'s font, shown at the benchmark's size."""
    bare = QPlainTextEdit()
    bare.setFont(view.font())
    return _fresh(app, bare)


def measure(app: QApplication, text: str, spans: list[StoredSpan], runs: int) -> dict[str, Any]:
    schema = default_schema()
    display, block_runs = baseline_runs(text, spans)
    view_times: list[dict[str, float]] = []
    base_times: list[dict[str, float]] = []
    for run in range(runs + 1):  # run 0 warms both sides up
        view = ArticleView()
        _fresh(app, view)
        view_result = _timed_show(app, view, partial(view.show_document, text, spans, schema))
        view_result["add_span_ms"] = _timed_add_span(app, view, spans)
        view.close()
        view.deleteLater()
        bare = bare_baseline(app, view)
        _BaselineHighlighter(bare.document(), block_runs)
        base_result = _timed_show(app, bare, partial(bare.setPlainText, display))
        bare.close()
        bare.deleteLater()
        app.processEvents()
        if run:
            view_times.append(view_result)
            base_times.append(base_result)

    def median(times: list[dict[str, float]], key: str) -> float:
        return round(statistics.median(t[key] for t in times), 1)

    first = median(view_times, "first_paint_ms")
    base_first = median(base_times, "first_paint_ms")
    ratio = round(first / base_first, 2)
    return {
        "characters": len(text),
        "blocks": len(block_starts(TextMap(text))),
        "spans": len(spans),
        "view_first_paint_ms": first,
        "baseline_first_paint_ms": base_first,
        "first_paint_ratio": ratio,
        "view_scroll_end_ms": median(view_times, "scroll_end_ms"),
        "baseline_scroll_end_ms": median(base_times, "scroll_end_ms"),
        "view_add_span_ms": median(view_times, "add_span_ms"),
        "first_paint_ok": first <= FIRST_PAINT_TARGET_MS,
        "baseline_first_paint_ok": base_first <= FIRST_PAINT_TARGET_MS,
        "ratio_ok": ratio <= RATIO_TARGET,
        "ok": first <= FIRST_PAINT_TARGET_MS and ratio <= RATIO_TARGET,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    paragraphs = make_document()
    one_paragraph = re.sub(r"[\r\n]+", " ", paragraphs)
    results = {
        "benchmark": "gui_view",
        "runs": args.runs,
        "targets": {"first_paint_ms": FIRST_PAINT_TARGET_MS, "ratio": RATIO_TARGET},
        "paragraphs": measure(app, paragraphs, make_spans(paragraphs), args.runs),
        "one_long_paragraph": measure(app, one_paragraph, make_spans(one_paragraph), args.runs),
    }
    from bench import gui_view_relations

    results["relations"] = gui_view_relations.measure(
        app, paragraphs, make_spans(paragraphs), args.runs
    )
    results["ok"] = all(
        results[case]["ok"] for case in ("paragraphs", "one_long_paragraph", "relations")
    )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
