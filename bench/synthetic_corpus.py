"""A deterministic synthetic corpus of news-like documents with spans, as native JSONL.

Every document is ~3,000 characters of news-like prose with some non-ASCII (accented letters,
Greek and Cyrillic words, emoji including a ZWJ sequence and a flag), every fifth one with CRLF
line ends, ~20 spans of the default schema's labels (ACTOR, PLACE, EVENT, FIGURE), some
overlapping or nested, and up to ``relations`` (default 5) relations of the default relation
schema between them (an EVENT span to an ACTOR, PLACE or FIGURE one). Offsets are code point
indices into ``text``, end exclusive, as the native format defines them. Lines are written in
the key order the exporter writes, spans sorted by (start, end, label) and relations by (from,
to, label), so that an import followed by an export gives the same records back.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

LABELS = ("ACTOR", "PLACE", "EVENT", "FIGURE")
ANNOTATORS = ("alice", "bob", "chloé")
SECTIONS = ("world", "politics", "economy", "regions", "security")
TEXT_LENGTH = 3_000
SPANS_PER_DOCUMENT = 20
RELATIONS_PER_DOCUMENT = 5
# The default relation schema: the relation labels from an EVENT span to a span of each label.
RELATION_LABELS = {"ACTOR": ("agent", "target"), "PLACE": ("location",), "FIGURE": ("count",)}

_WORDS_TEXT = """
the a of to in and on for with by from at as after before during against between over under
government ministry forces army police officials spokesman president minister parliament
council committee commission agency court judge prosecutors lawyers protesters residents
villagers farmers workers students teachers doctors soldiers rebels militants insurgents
troops fighters authorities leaders delegation envoy ambassador observers monitors reporters
said told announced confirmed denied reported warned urged called rejected accepted signed
launched attacked captured recaptured seized killed wounded injured arrested detained released
fled returned crossed entered left visited met discussed agreed voted elected appointed
resigned approved blocked closed opened reopened evacuated deployed withdrew clashed fired
district province region city village town capital border river valley mountains coast
airport port highway bridge market hospital school university camp base checkpoint compound
attack offensive operation ceasefire election referendum summit meeting talks negotiations
protest strike rally riot explosion bombing ambush raid flood earthquake drought outbreak
early late morning evening night week month year Monday Tuesday Wednesday Thursday Friday
Saturday Sunday January March April June July September October November December
heavy fierce deadly peaceful sudden major minor key northern southern eastern western central
local national regional international foreign domestic official unofficial armed civilian
people casualties victims families refugees migrants hostages prisoners supporters members
"""
_WORDS = _WORDS_TEXT.split()

_NON_ASCII_TEXT = (
    "Zürich São Paulo Kraków Łódź Malmö Reykjavík Ağrı İzmir Niš café naïve résumé façade "  # noqa: RUF001
    "coöperation Ελλάδα Αθήνα Москва Киев Dnipró Ciudad Juárez Bogotá Düsseldorf Gdańsk "
    "Besançon Hà Nội Đà Nẵng"
)
_NON_ASCII = _NON_ASCII_TEXT.split()
_EMOJI = ("🙂", "🎉", "🔥", "👍🏽", "👩‍💻", "🇪🇺", "📈", "⚠️")
_NAMES = (
    "Satar Andarabi",
    "Maria González",
    "Jean-Pierre Dubois",
    "Aylin Yılmaz",  # noqa: RUF001
    "Oleksandr Petrenko",
    "Nguyễn Văn An",
    "Chloé Müller",
    "Ahmed Al-Sayed",
)
# A word: what spans start and end on (punctuation stays outside).
_WORD = re.compile(r"[^\s.,;:!?\"()]+")


def _sentence(rng: random.Random) -> str:
    words: list[str] = []
    for _ in range(rng.randint(8, 22)):
        roll = rng.random()
        if roll < 0.04:
            words.append(rng.choice(_NON_ASCII))
        elif roll < 0.06:
            words.append(rng.choice(_NAMES))
        elif roll < 0.09:
            words.append(str(rng.randint(2, 9_999)))
        elif roll < 0.095:
            words.append(rng.choice(_EMOJI))
        else:
            words.append(rng.choice(_WORDS))
    words[0] = words[0][:1].upper() + words[0][1:]
    middle = rng.randrange(3, len(words) - 1)
    words[middle] += ","
    return " ".join(words) + rng.choice(".....!?")


def make_text(rng: random.Random, crlf: bool) -> str:
    """About ``TEXT_LENGTH`` characters of paragraphs, separated by one blank line."""
    newline = "\r\n" if crlf else "\n"
    paragraphs: list[str] = []
    size = 0
    # Stop a bit short: the last paragraph (~700 characters) brings the mean near TEXT_LENGTH.
    while size < TEXT_LENGTH - 250:
        sentences = [_sentence(rng) for _ in range(rng.randint(2, 5))]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2 * len(newline)
    return (newline * 2).join(paragraphs)


def make_spans(rng: random.Random, text: str) -> list[dict[str, Any]]:
    """~20 distinct spans over word boundaries; about one in six overlaps or nests in another."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    chosen: set[tuple[int, int, str]] = set()
    while len(chosen) < SPANS_PER_DOCUMENT:
        first = rng.randrange(len(words))
        last = min(len(words) - 1, first + rng.choice((0, 0, 0, 1, 1, 2)))
        start, end = words[first][0], words[last][1]
        chosen.add((start, end, rng.choice(LABELS)))
        if rng.random() < 0.17 and last > first:
            # A nested span (the first word alone) or an overlapping one (into the next word).
            if rng.random() < 0.5:
                chosen.add((start, words[first][1], rng.choice(LABELS)))
            elif last + 1 < len(words):
                chosen.add((words[last][0], words[last + 1][1], rng.choice(LABELS)))
    return [
        {"start": start, "end": end, "label": label, "text": text[start:end]}
        for start, end, label in sorted(chosen)
    ]


def make_relations(
    rng: random.Random, spans: list[dict[str, Any]], count: int
) -> list[dict[str, Any]]:
    """Up to ``count`` distinct relations the default relation schema allows between
    ``spans`` (indexes into that list), sorted by (from, to, label)."""
    allowed = [
        (source, target, name)
        for source, span in enumerate(spans)
        if span["label"] == "EVENT"
        for target, other in enumerate(spans)
        if target != source
        for name in RELATION_LABELS.get(other["label"], ())
    ]
    chosen = rng.sample(allowed, min(count, len(allowed)))
    return [{"from": i, "to": j, "label": name} for i, j, name in sorted(chosen)]


def make_record(
    rng: random.Random, number: int, relations: int = RELATIONS_PER_DOCUMENT
) -> dict[str, Any]:
    text = make_text(rng, crlf=number % 5 == 0)
    record: dict[str, Any] = {
        "id": f"news-{number:06d}",
        "text": text,
        "meta": {
            "source": "synthetic",
            "section": rng.choice(SECTIONS),
            "published": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        },
        "annotator": rng.choice(ANNOTATORS),
        "status": "done" if rng.random() < 0.8 else "in_progress",
        "spans": make_spans(rng, text),
    }
    if relations:
        # Their own generator: texts and spans stay those of a corpus without relations.
        chosen = make_relations(random.Random(number), record["spans"], relations)
        if chosen:
            record["relations"] = chosen
    return record


def write_corpus(
    path: Path, documents: int, seed: int = 20_240_601, relations: int = RELATIONS_PER_DOCUMENT
) -> int:
    """Write ``documents`` records to ``path`` (UTF-8, one JSON object a line), each with up to
    ``relations`` relations; bytes written.

    The same ``documents``, ``seed`` and ``relations`` always give the same file.
    """
    rng = random.Random(seed)
    size = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for number in range(1, documents + 1):
            line = json.dumps(make_record(rng, number, relations), ensure_ascii=False) + "\n"
            size += len(line.encode("utf-8"))
            out.write(line)
    return size
