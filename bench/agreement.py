"""Agreement over 10,000 documents of ~3,000 characters, each finished by 3 annotators.

``python -m bench.agreement [--documents N] [--repeat R]`` prints one JSON object: the seconds
``agreement_report`` takes (the median of R runs, 3 by default; target: at most 3 s for 10,000
documents), and as a baseline the seconds ``Tokens(text)`` takes over the same texts (what
opening each document in the window costs anyway).

The input is deterministic: the news-like texts and ~20 spans of ``bench.synthetic_corpus``
per document, copied to each annotator with the kinds of differences people make (a span
missed, a boundary one word off, another label, an extra span).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import time
from dataclasses import dataclass
from typing import Any

from annotator.core.agreement import AnnotatedDocument, agreement_report
from annotator.core.tokens import Tokens
from bench.synthetic_corpus import LABELS, make_spans, make_text

ANNOTATORS = ("alice", "bob", "chloé")
TARGET_SECONDS = 3.0
_WORD = re.compile(r"[^\s.,;:!?\"()]+")


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    label: str


def _variant(rng: random.Random, text: str, base: list[dict[str, Any]]) -> list[_Span]:
    """``base`` as one annotator might have done it."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    starts = [start for start, _ in words]
    spans: list[_Span] = []
    for record in base:
        start, end, label = record["start"], record["end"], record["label"]
        roll = rng.random()
        if roll < 0.08:
            continue  # missed
        if roll < 0.16:
            # One word more or less at the end.
            index = next((i for i, s in enumerate(starts) if s >= end), None)
            if rng.random() < 0.5 and index is not None:
                end = words[index][1]
            else:
                inside = [w for w in words if start <= w[0] and w[1] < end]
                if inside:
                    end = inside[-1][1]
        elif roll < 0.20:
            label = rng.choice([other for other in LABELS if other != label])
        spans.append(_Span(start, end, label))
    if rng.random() < 0.3:
        start, end = rng.choice(words)
        spans.append(_Span(start, end, rng.choice(LABELS)))
    return spans


def make_documents(count: int, seed: int = 4) -> list[AnnotatedDocument]:
    rng = random.Random(seed)
    documents = []
    for number in range(count):
        text = make_text(rng, crlf=number % 5 == 0)
        base = make_spans(rng, text)
        spans = {name: _variant(rng, text, base) for name in ANNOTATORS}
        documents.append(AnnotatedDocument(f"news-{number:06d}", text, spans))
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs; the median is reported")
    arguments = parser.parse_args()
    documents = make_documents(arguments.documents)
    Tokens("warm up")  # builds the token pattern once, outside both timings

    runs = []
    cpu = []
    for _ in range(arguments.repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        report = agreement_report(documents, LABELS)
        runs.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    seconds = statistics.median(runs)

    started = time.perf_counter()
    for document in documents:
        Tokens(document.text)
    tokenize_seconds = time.perf_counter() - started

    print(
        json.dumps(
            {
                "benchmark": "agreement",
                "documents": len(documents),
                "annotators": len(ANNOTATORS),
                "characters": sum(len(document.text) for document in documents),
                "spans": sum(
                    len(list(spans)) for document in documents for spans in document.spans.values()
                ),
                "seconds": round(seconds, 3),
                "runs_seconds": [round(run, 3) for run in runs],
                "cpu_seconds": round(statistics.median(cpu), 3),
                "target_seconds": TARGET_SECONDS * len(documents) / 10_000,
                "within_target": seconds <= TARGET_SECONDS * len(documents) / 10_000,
                "baseline_tokens_seconds": round(tokenize_seconds, 3),
                "ratio_to_baseline": round(seconds / tokenize_seconds, 2),
                "alpha": report["alpha"],
                "alpha_u": report["alpha_u"],
                "pairs": report["pairs"],
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
