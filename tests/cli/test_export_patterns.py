"""`annotator export --format patterns`: the labelled phrases as spaCy EntityRuler patterns,
each with the label given most often, numbers generalised; spaCy's own EntityRuler loads the
file and finds, in the sample article, exactly what ``annotator suggest --dictionary`` finds."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy

from annotator.core.dictionary import read_dictionary
from annotator.core.records import ExportRecord
from annotator.core.tokens import Tokens
from annotator.formats import EXPORT_FORMATS
from annotator.formats.writing import ExportContext, Tally
from tests.formats.unicode_export_corpus import RECORDS

Cli = Callable[..., Any]
WriteJsonl = Callable[..., Path]
LABELLED = Path(__file__).resolve().parents[2] / "seeds" / "labelled"


def record(text: str, *labelled: tuple[str, str], person: str = "ana") -> dict[str, Any]:
    spans, at = [], 0
    for phrase, label in labelled:
        start = text.index(phrase, at)
        spans.append({"start": start, "end": start + len(phrase), "label": label})
        at = start + len(phrase)
    return {"id": text[:12], "text": text, "annotator": person, "status": "done", "spans": spans}


def test_phrases_with_their_most_frequent_label_and_numbers_generalised(
    cli: Cli, db_url: str, write_jsonl: WriteJsonl, tmp_path: Path
) -> None:
    docs = [
        record("Taliban fighters attacked Kunduz.", ("Taliban", "ACTOR"), ("Kunduz", "PLACE")),
        record(
            "The Taliban took 2,000 families.", ("Taliban", "ACTOR"), ("2,000 families", "FIGURE")
        ),
        record("Kunduz said Taliban left.", ("Kunduz", "ACTOR"), ("Taliban", "ACTOR")),
        record("In 2015 two employees died.", ("2015", "FIGURE"), ("two employees", "FIGURE")),
    ]
    assert cli("import", str(write_jsonl(docs)), "--db", db_url).code == 0
    out = tmp_path / "patterns.jsonl"
    run = cli("export", "--format", "patterns", "--db", db_url, "-o", str(out))
    assert run.code == 0
    assert f"wrote 4 pattern(s) from 4 record(s) to {out}" in run.err
    # "Kunduz" was a PLACE once and an ACTOR once: left out, and said so.
    assert "patterns: 1 phrase(s) given two labels equally often left out" in run.err
    assert [json.loads(line) for line in out.read_text("utf-8").splitlines()] == [
        {"label": "ACTOR", "pattern": "Taliban"},
        {"label": "FIGURE", "pattern": "2015"},  # a bare number stays exact
        {"label": "FIGURE", "pattern": [{"LIKE_NUM": True}, {"LOWER": "employees"}]},
        {"label": "FIGURE", "pattern": [{"LIKE_NUM": True}, {"LOWER": "families"}]},
    ]
    found = read_dictionary(out.read_text("utf-8").splitlines(), str(out))
    text = "300 families and three employees fled; the Taliban said so in 2016."
    assert [text[s:e] for s, e, _ in found.matches(text)] == [
        "300 families",
        "three employees",
        "Taliban",
    ]


def _patterns(records: list[ExportRecord], path: Path) -> Path:
    lines = EXPORT_FORMATS["patterns"].lines(records, ExportContext(), Tally())
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _labelled(name: str) -> list[ExportRecord]:
    rows = [json.loads(line) for line in (LABELLED / name).read_text("utf-8").splitlines()]
    return [
        ExportRecord(
            row["id"],
            row["text"],
            {},
            spans=[(s["start"], s["end"], s["label"]) for s in row["spans"]],
        )
        for row in rows
    ]


def test_spacy_entity_ruler_finds_what_annotator_finds(tmp_path: Path) -> None:
    """The patterns of the other articles and of the sample article itself, run by spaCy's
    EntityRuler (longest match wins, as here) and by Annotator's dictionary on every text: the
    same spans, except where one tokenizer cannot cut where the other does: spaCy keeps
    ``Jan.`` whole (so ``Qahar Jan`` before a full stop is no run of its tokens), Annotator
    keeps ``long-delayed`` whole (a hyphen between letters joins a word: no ``delayed``)."""
    records = _labelled("other-articles.jsonl") + _labelled("kunduz.jsonl")
    path = _patterns(records, tmp_path / "patterns.jsonl")
    ours = read_dictionary(path.read_text("utf-8").splitlines(), str(path))
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").from_disk(path)
    same = 0
    for one in records:
        doc = nlp(one.text)
        spacy_found = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        annotator_found = set(ours.matches(one.text))
        tokens = Tokens(one.text)
        for start, end, _ in spacy_found - annotator_found:
            assert tokens.snap(start, end) != (start, end), (one.id, one.text[start:end])
        for start, end, _ in annotator_found - spacy_found:
            assert doc.char_span(start, end) is None, (one.id, one.text[start:end])
        same += len(spacy_found & annotator_found)
    assert same > 500


def test_every_exported_phrase_finds_its_own_span_in_unicode_texts(tmp_path: Path) -> None:
    """Emoji, flags, CRLF, lone CR, tabs, NBSP, combining marks, Dari with ZWNJ, U+2029: a
    labelled span no other span overlaps is found again by the exported dictionary, at its own
    code point offsets and with its label; one that others overlap is where a match is (the
    longest of them won)."""
    path = _patterns(list(RECORDS), tmp_path / "patterns.jsonl")
    assert "\u2029" not in path.read_text("utf-8")  # written escaped
    dictionary = read_dictionary(path.read_text("utf-8").splitlines(), str(path))
    alone = 0
    for one in RECORDS:
        found = dictionary.matches(one.text)
        spans = one.spans or []
        for start, end, label in spans:
            others = [(s, e) for s, e, _ in spans if (s, e) != (start, end)]
            if not any(s < end and start < e for s, e in others):
                alone += 1
                assert (start, end, label) in found, (one.id, one.text[start:end])
            else:
                assert any(s < end and start < e for s, e, _ in found), one.text[start:end]
    assert alone >= 6
