"""Short news items made from templates, with their spans known: what an extractor can learn.

Each document is three sentences (~250 characters) drawn from templates whose slots are filled
from lists of actors, places, figures and events; an event holds a place (a nested span: the
PLACE inside the EVENT). Native JSONL records (``annotator import`` reads them), with code
point offsets, end exclusive. The same count and seed always give the same records.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

LABELS = ("ACTOR", "PLACE", "EVENT", "FIGURE")
ACTORS = (
    "Amina Rahimi", "the United Nations", "Omar Haidari", "the Red Crescent", "Nguyễn Văn An",
    "the interior ministry", "Carlos Méndez", "the European Union", "Fatima Zahra",
    "the army", "Jean Dupont", "the World Bank", "Li Wei", "the governor",
)  # fmt: skip
PLACES = (
    "Kabul", "Herat", "Mazar-i-Sharif", "Kandahar", "Jalalabad", "Bamiyan", "Ghazni",
    "Kunduz", "Lashkar Gah", "Faizabad", "Zaranj", "Asadabad", "Khost", "Gardez",
)  # fmt: skip
FIGURES = ("12", "300", "1,200", "dozens of", "hundreds of", "45", "7,000", "two thousand")
EVENTS = ("the flood", "the earthquake", "the attack", "the protest", "the landslide",
          "the strike", "the fire", "the clashes")  # fmt: skip
TEMPLATES = (
    "{ACTOR} met {ACTOR} in {PLACE} on Monday.",
    "{FIGURE} people were displaced by {EVENT}.",
    "Officials in {PLACE} said {FIGURE} families had arrived.",
    "{ACTOR} condemned {EVENT} and promised help.",
    "According to {ACTOR}, {FIGURE} houses were destroyed in {PLACE}.",
    "Reporters saw {ACTOR} leave {PLACE} after {EVENT}.",
)


def _sentence(rng: random.Random, template: str, at: int) -> tuple[str, list[tuple]]:
    """The sentence and its spans, with offsets counted from ``at``."""
    out = ""
    spans: list[tuple[int, int, str]] = []
    rest = template
    while "{" in rest:
        before, _, after = rest.partition("{")
        label, _, rest = after.partition("}")
        out += before
        start = at + len(out)
        if label == "EVENT":
            event, place = rng.choice(EVENTS), rng.choice(PLACES)
            filler = f"{event} in {place}"
            spans.append((start + len(event) + 4, start + len(filler), "PLACE"))
        else:
            filler = rng.choice({"ACTOR": ACTORS, "PLACE": PLACES, "FIGURE": FIGURES}[label])
        if out == "":
            filler = filler[0].upper() + filler[1:]
        out += filler
        spans.append((start, start + len(filler), label))
    return out + rest, spans


def make_record(rng: random.Random, number: int) -> dict[str, Any]:
    text = ""
    spans: list[tuple[int, int, str]] = []
    for template in rng.sample(TEMPLATES, 3):
        if text:
            text += " "
        sentence, found = _sentence(rng, template, len(text))
        text += sentence
        spans.extend(found)
    return {
        "id": f"item-{number:05d}",
        "text": text,
        "annotator": "gold",
        "status": "done",
        "spans": [
            {"start": start, "end": end, "label": label} for start, end, label in sorted(spans)
        ],
    }


def records(count: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [make_record(rng, number) for number in range(1, count + 1)]


def write_records(path: Path, count: int, seed: int = 7, **overrides: Any) -> Path:
    """``count`` records as JSONL at ``path``; ``overrides`` replace fields of every record
    (``annotator``, ``status``, or ``spans=[]`` for bare texts)."""
    with path.open("w", encoding="utf-8") as out:
        for record in records(count, seed):
            out.write(json.dumps({**record, **overrides}, ensure_ascii=False) + "\n")
    return path
