"""The article view with 2,000 relations over the 5,000 spans of ``bench.gui_view``'s document.

Called by ``python -m bench.gui_view`` (its ``relations`` case). In the same run and the same
way as that benchmark's bare baseline (a QPlainTextEdit with a minimal highlighter):

- ``first_paint``: ``show_document()`` with the relations up to the first full paint, against
  the bare baseline's first paint. Target: <= 3x.
- ``add_relation``: one relation stored (a SQLite file holding the document, its spans and
  relations, through the window's Workspace) and the article repainted; the same for one span
  as the baseline. Target: p95 <= 15 ms, or <= 2x the span's p95.
- ``scroll``: frame times while scrolling the whole document a page at a time (each frame:
  the scroll bar moved, then a full repaint), with relations and for the bare baseline.
"""

from __future__ import annotations

import gc
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QPlainTextEdit

from annotator.core.labels import default_schema
from annotator.core.relations import default_relation_schema
from annotator.gui.article_view import ArticleView
from annotator.gui.workspace import Workspace
from annotator.schemas import DocumentRecord, Located
from annotator.store.annotations import StoredSpan, add_spans
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.relations import StoredRelation, add_relations
from annotator.store.store import Store
from bench.gui_view import (
    _WORD,
    _BaselineHighlighter,
    _fresh,
    _timed_show,
    bare_baseline,
    baseline_runs,
)

RELATIONS = 2_000
ADD_P95_TARGET_MS = 15.0
ADD_RATIO_TARGET = 2.0
USER = "bench"
_ROLE = {"ACTOR": "agent", "PLACE": "location", "FIGURE": "count"}


def make_relations(
    spans: Sequence[StoredSpan], count: int = RELATIONS
) -> list[tuple[int, int, str]]:
    """``count`` relations the default relation schema allows: from an EVENT span to one of
    the next few spans that is an ACTOR, PLACE or FIGURE (by span ids)."""
    ordered = sorted(spans)
    found: list[tuple[int, int, str]] = []
    for at, span in enumerate(ordered):
        if span.label != "EVENT":
            continue
        for other in ordered[max(0, at - 3) : at + 4]:
            if other.label in _ROLE and len(found) < count:
                found.append((span.id, other.id, _ROLE[other.label]))
    if len(found) < count:
        raise ValueError(f"only {len(found)} relations fit the spans")
    return found


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 2)


def _frames(app: QApplication, widget: QPlainTextEdit) -> list[float]:
    """Milliseconds per frame scrolling from the top to the end a page at a time."""
    bar = widget.verticalScrollBar()
    bar.setValue(0)
    app.processEvents()
    times = []
    while bar.value() < bar.maximum():
        started = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        widget.viewport().repaint()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _store(folder: Path, text: str, spans: Sequence[StoredSpan]) -> tuple[str, int]:
    url = f"sqlite:///{folder / 'relations.sqlite'}"
    with Store.open(url) as store:
        import_records(store, [Located("bench", 1, DocumentRecord(id="long", text=text))])
        document = find_document(store, "long")
        assert document is not None
        stored = add_spans(store, document, USER, [(s.start, s.end, s.label) for s in spans])
        add_relations(store, make_relations(stored))
    return url, document


def _timed_adds(
    app: QApplication, view: ArticleView, add: Callable[[int], None], count: int
) -> list[float]:
    times = []
    for n in range(count):
        started = time.perf_counter()
        add(n)
        app.processEvents()
        view.viewport().repaint()
        times.append((time.perf_counter() - started) * 1000)
    return times


def measure(app: QApplication, text: str, spans: list[StoredSpan], runs: int) -> dict[str, Any]:
    """See the module docstring."""
    schema, relation_schema = default_schema(), default_relation_schema()
    display, block_runs = baseline_runs(text, spans)
    relations = [
        StoredRelation(s, t, label, n) for n, (s, t, label) in enumerate(make_relations(spans), 1)
    ]
    view_first, base_first, view_frames, base_frames = [], [], [], []
    for run in range(runs + 1):  # run 0 warms up
        view = ArticleView()
        _fresh(app, view)
        show = partial(view.show_document, text, spans, schema, relations, relation_schema)
        shown = _timed_show(app, view, show)
        frames = _frames(app, view)
        view.close()
        view.deleteLater()
        plain = bare_baseline(app, view)
        _BaselineHighlighter(plain.document(), block_runs)
        base = _timed_show(app, plain, partial(plain.setPlainText, display))
        base_scroll = _frames(app, plain)
        plain.close()
        plain.deleteLater()
        app.processEvents()
        if run:
            view_first.append(shown["first_paint_ms"])
            base_first.append(base["first_paint_ms"])
            view_frames.extend(frames)
            base_frames.extend(base_scroll)
    first = round(statistics.median(view_first), 1)
    bare_first = round(statistics.median(base_first), 1)
    added = _adds(app, text, spans)
    ratio = round(first / bare_first, 2)
    add_ok = added["relation_p95_ms"] <= ADD_P95_TARGET_MS or added["ratio_p95"] <= ADD_RATIO_TARGET
    return {
        "relations": len(relations),
        "view_first_paint_ms": first,
        "baseline_first_paint_ms": bare_first,
        "first_paint_ratio": ratio,
        "scroll_frames": len(view_frames),
        "view_scroll_frame_ms": {
            "p50": _p(view_frames, 0.5),
            "p95": _p(view_frames, 0.95),
            "max": round(max(view_frames), 2),
        },
        "baseline_scroll_frame_ms": {
            "p50": _p(base_frames, 0.5),
            "p95": _p(base_frames, 0.95),
            "max": round(max(base_frames), 2),
        },
        **added,
        "ratio_ok": ratio <= 3.0,
        "add_ok": add_ok,
        "ok": ratio <= 3.0 and add_ok,
    }


def _adds(app: QApplication, text: str, spans: list[StoredSpan], count: int = 60) -> dict[str, Any]:
    """Relations and spans added through the Workspace on a SQLite file, each repainted."""
    with tempfile.TemporaryDirectory() as folder:
        url, document = _store(Path(folder), text, spans)
        with Store.open(url) as store:
            workspace = Workspace(store, USER)
            opened = workspace.open_document(document)
            view = ArticleView()
            view.resize(1100, 800)
            view.show()
            view.show_document(
                opened.text,
                opened.spans,
                workspace.schema,
                opened.relations,
                workspace.relation_schema,
            )
            # As the program does once a document is shown (app.program.document_shown).
            gc.freeze()
            workspace.relationsAdded.connect(
                lambda _: view.set_relations(opened.relations, workspace.relation_schema)
            )
            workspace.spansAdded.connect(lambda _: view.set_spans(opened.spans))
            app.processEvents()
            events = [s for s in opened.spans if s.label == "EVENT"]
            taken = {(r.source_id, r.target_id) for r in opened.relations}
            pairs = [
                (e.id, t.id, _ROLE[t.label])
                for e in random.Random(3).sample(events, len(events))
                for t in opened.spans
                if t.label in _ROLE and abs(t.start - e.start) < 400 and (e.id, t.id) not in taken
            ][:count]

            def add_relation(n: int) -> None:
                # Scrolled to where it lands, as drawing it with R and Tab leaves the view.
                view.select_span(pairs[n][0])
                workspace.add_relations(document, [pairs[n]])

            relation_times = _timed_adds(app, view, add_relation, len(pairs))
            covered = {n for span in opened.spans for n in range(span.start, span.end)}
            words = [
                (m.start(), m.end())
                for m in _WORD.finditer(text)
                if not covered.intersection(range(m.start(), m.end()))
            ]
            gaps = random.Random(5).sample(words, count)

            def add_span(n: int) -> None:
                view.select_span(None)
                view.select_range(*gaps[n])  # scrolled to where it lands, as a drag leaves it
                workspace.add_spans(document, [(*gaps[n], "EVENT")])

            span_times = _timed_adds(app, view, add_span, len(gaps))
            view.close()
            view.deleteLater()
    relation_p95, span_p95 = _p(relation_times, 0.95), _p(span_times, 0.95)
    return {
        "relation_adds": len(relation_times),
        "relation_add_ms": {"p50": _p(relation_times, 0.5), "p95": relation_p95},
        "span_add_ms (baseline)": {"p50": _p(span_times, 0.5), "p95": span_p95},
        "relation_p95_ms": relation_p95,
        "ratio_p95": round(relation_p95 / span_p95, 2),
    }
