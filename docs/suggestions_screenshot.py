"""Render ``docs/suggestions.png``: the seed article with a dictionary's suggestions drawn as
dashed outlines under the annotator's own spans.

    python docs/suggestions_screenshot.py [OUTPUT.png] [--size 1600x1000]

Imports ``seeds/000_*.txt`` into a fresh SQLite file, labels its events as one annotator,
builds the dictionary of the labelled phrases of the other articles
(``seeds/labelled/other-articles.jsonl``, as ``annotator export --format patterns`` does),
writes its matches as the ``model`` person's suggestions (``annotator.app.suggesting``, as
``annotator suggest --dictionary`` does) and renders the window (``annotator.gui.screenshot``).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from annotator.app.suggesting import suggest_from_dictionary
from annotator.core.dictionary import read_dictionary
from annotator.core.dictionary_building import PatternBuilder
from annotator.core.labels import default_schema
from annotator.core.occurrences import Matching
from annotator.core.status import MODEL
from annotator.gui.screenshot import parse_size, render
from annotator.schemas import DocumentRecord, Located
from annotator.store.annotations import add_spans
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.store import Store

ROOT = Path(__file__).resolve().parent.parent
USER = "ana"
EVENTS = ("recaptured", "regained control", "operation", "displaced", "seized", "rocket attack")


def other_articles_patterns() -> list[str]:
    """The other articles' labelled phrases as EntityRuler pattern lines."""
    builder = PatternBuilder()
    lines = (ROOT / "seeds" / "labelled" / "other-articles.jsonl").read_text("utf-8")
    for line in lines.splitlines():
        record = json.loads(line)
        builder.add(record["text"], [(s["start"], s["end"], s["label"]) for s in record["spans"]])
    return [json.dumps(entry) for entry in builder.entries()]


def build(url: str) -> None:
    seed = next((ROOT / "seeds").glob("000_*.txt"))
    text = seed.read_text("utf-8")
    with Store.open(url) as store:
        import_records(store, [Located(str(seed), 1, DocumentRecord(id="kunduz", text=text))])
        document = find_document(store, "kunduz")
        assert document is not None
        spans = [(text.index(e), text.index(e) + len(e), "EVENT") for e in EVENTS]
        add_spans(store, document, USER, spans)
        labels = [label.name for label in default_schema()]
        patterns = other_articles_patterns()
        dictionary = read_dictionary(patterns, "other-articles", Matching(), labels)
        suggest_from_dictionary(store, dictionary, [document], MODEL, lambda _: None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default=str(ROOT / "docs" / "suggestions.png"))
    parser.add_argument("--size", default="1600x1000", type=parse_size)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'corpus.sqlite'}"
        build(url)
        render(url, USER, Path(args.output), args.size, document="kunduz")
    print(args.output)


if __name__ == "__main__":
    main()
