"""Render ``docs/relations.png``: the seed article with its events' arguments drawn.

    python docs/relations_screenshot.py [OUTPUT.png] [--size 1600x1000]

Imports ``seeds/000_*.txt`` into a fresh SQLite file, labels its events and their arguments
as one annotator through the store, and renders the window (``annotator.gui.screenshot``)
with the rocket attack selected and scrolled to: an event with its agent, places and toll.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from annotator.gui.screenshot import parse_size, render
from annotator.schemas import DocumentRecord, Located
from annotator.store.annotations import add_spans
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.relations import add_relations
from annotator.store.store import Store

ROOT = Path(__file__).resolve().parent.parent
USER = "ana"
Link = tuple[tuple[int, int], tuple[int, int], str]  # (source range, target range, relation)
# (event words, [(relation, argument words, argument label)]): each found after the last found.
EVENTS = [
    ("recaptured", [("agent", "Afghan forces", "ACTOR"), ("target", "Taliban", "ACTOR")]),
    (
        "regained control",
        [
            ("agent", "National Security Forces", "ACTOR"),
            ("location", "Qala-e-Zal district", "PLACE"),
        ],
    ),
    ("operation", [("target", "Taliban positions", "ACTOR")]),
    ("displaced", [("count", "2,000 families", "FIGURE"), ("location", "Kunduz city", "PLACE")]),
    ("seized", [("agent", "Taliban", "ACTOR"), ("location", "Kunduz City", "PLACE")]),
    (
        "rocket attack",
        [
            ("agent", "Taliban militants", "ACTOR"),
            ("location", "market", "PLACE"),
            ("location", "Asad Abad", "PLACE"),
            ("count", "two employees", "FIGURE"),
        ],
    ),
    ("killed", [("count", "1,000 members", "FIGURE"), ("count", "700 civilians", "FIGURE")]),
]


def event_spans(text: str) -> tuple[dict[tuple[int, int], str], list[Link]]:
    """The spans of :data:`EVENTS` in ``text`` ((start, end) -> label, code point offsets,
    end exclusive) and the relations between them."""
    spans: dict[tuple[int, int], str] = {}
    links: list[Link] = []
    for event, arguments in EVENTS:
        start = text.index(event)
        where = (start, start + len(event))
        spans[where] = "EVENT"
        for relation, words, label in arguments:
            # The argument nearest the event: the last before it or the first after it.
            before = text.rfind(words, 0, start)
            after = text.find(words, where[1])
            near = min((p for p in (before, after) if p >= 0), key=lambda p: abs(p - start))
            spans[(near, near + len(words))] = label
            links.append((where, (near, near + len(words)), relation))
    return spans, links


def build(url: str) -> int:
    seed = next((ROOT / "seeds").glob("000_*.txt"))
    text = seed.read_text("utf-8")
    with Store.open(url) as store:
        import_records(store, [Located(str(seed), 1, DocumentRecord(id="kunduz", text=text))])
        document = find_document(store, "kunduz")
        assert document is not None
        spans, links = event_spans(text)
        stored = add_spans(store, document, USER, [(*k, v) for k, v in spans.items()])
        ids = {(s.start, s.end): s.id for s in stored}
        add_relations(store, [(ids[a], ids[b], label) for a, b, label in links])
    return text.index("rocket attack")  # where the picture is scrolled to


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default=str(ROOT / "docs" / "relations.png"))
    parser.add_argument("--size", default="1600x1000", type=parse_size)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'corpus.sqlite'}"
        attack = build(url)
        render(url, USER, Path(args.output), args.size, document="kunduz", select=attack)
    print(args.output)


if __name__ == "__main__":
    main()
