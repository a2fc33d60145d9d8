"""The baseline of bench.format_export: what a quick script does to write each format with the
library alone, from the same rows, read with plain ``sqlite3``.

    python -m bench.format_baseline FORMAT DATABASE OUTPUT

It reads every document's text and its spans (start, end, label) in two queries, then builds
the format's objects the way the library's own documentation does: spaCy ``Doc(vocab, words,
spaces)`` from plain lists (words and one trailing space split by one regex), ``doc.spans``
and ``doc.ents`` (``filter_spans``) into a ``DocBin``; ``datasets.Dataset.from_dict`` with IOB2
``ClassLabel`` tags and ``save_to_disk``; a dkpro-cassis CAS per document with NamedEntity
annotations, ``to_xmi``; ``json.dumps`` of the JSON formats' dicts; brat ``.txt``/``.ann``
files; CoNLL lines. No checks, no line-break fragments, no relations, no atomic rename.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

Row = tuple[str, str, list[tuple[int, int, str]]]
_PIECES = re.compile(r"(\S+)( ?)|(\s)")
_WORDS = re.compile(r"\S+")


def read_rows(database: Path) -> list[Row]:
    connection = sqlite3.connect(database)
    labels = dict(connection.execute("SELECT id, name FROM labels"))
    spans: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    query = (
        "SELECT s.document_id, p.start_offset, p.end_offset, p.label_id "
        "FROM spans p JOIN annotation_sets s ON s.id = p.set_id"
    )
    for document, start, end, label in connection.execute(query):
        spans[document].append((start, end, labels[label]))
    rows = [
        (external, text, sorted(spans[document]))
        for document, external, text in connection.execute(
            "SELECT id, external_id, text FROM documents ORDER BY id"
        )
    ]
    connection.close()
    return rows


def words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    words, spaces = [], []
    for match in _PIECES.finditer(text):
        words.append(match.group(1) or match.group(3))
        spaces.append(bool(match.group(2)))
    return words, spaces


def iob2(text: str, spans: list[tuple[int, int, str]]) -> tuple[list[str], list[str]]:
    """Whitespace-split words and their IOB2 tags (a span's words, where nothing is tagged)."""
    found = list(_WORDS.finditer(text))
    tags = ["O"] * len(found)
    for start, end, label in spans:
        inside = [i for i, w in enumerate(found) if w.start() < end and start < w.end()]
        if inside and all(tags[i] == "O" for i in inside):
            tags[inside[0]] = f"B-{label}"
            for i in inside[1:]:
                tags[i] = f"I-{label}"
    return [w.group() for w in found], tags


def spacy_docbin(rows: list[Row], output: Path) -> None:
    from spacy.tokens import Doc, DocBin
    from spacy.util import filter_spans
    from spacy.vocab import Vocab

    vocab, docs = Vocab(), DocBin(store_user_data=True)
    for ident, text, spans in rows:
        words, spaces = words_and_spaces(text)
        doc = Doc(vocab, words=words, spaces=spaces)
        made = [doc.char_span(s, e, label, alignment_mode="expand") for s, e, label in spans]
        doc.spans["sc"] = [span for span in made if span is not None]
        doc.ents = filter_spans(doc.spans["sc"])
        doc.user_data["id"] = ident
        docs.add(doc)
    output.write_bytes(docs.to_bytes())


def hf_dataset(rows: list[Row], output: Path) -> None:
    import datasets

    datasets.disable_progress_bars()
    labels = sorted({label for _, _, spans in rows for _, _, label in spans})
    names = ["O"] + [f"{p}-{label}" for label in labels for p in ("B", "I")]
    index = {name: number for number, name in enumerate(names)}
    columns: dict[str, list[Any]] = {
        "id": [],
        "text": [],
        "tokens": [],
        "ner_tags": [],
        "spans": [],
    }
    for ident, text, spans in rows:
        words, tags = iob2(text, spans)
        columns["id"].append(ident)
        columns["text"].append(text)
        columns["tokens"].append(words)
        columns["ner_tags"].append([index[tag] for tag in tags])
        columns["spans"].append([{"start": s, "end": e, "label": label} for s, e, label in spans])
    features = datasets.Features(
        {
            "id": datasets.Value("string"),
            "text": datasets.Value("string"),
            "tokens": datasets.Sequence(datasets.Value("string")),
            "ner_tags": datasets.Sequence(datasets.ClassLabel(names=names)),
            "spans": [
                {
                    "start": datasets.Value("int64"),
                    "end": datasets.Value("int64"),
                    "label": datasets.Value("string"),
                }
            ],
        }
    )
    datasets.Dataset.from_dict(columns, features=features).save_to_disk(str(output))


def cas_folder(rows: list[Row], output: Path) -> None:
    import cassis

    types = cassis.TypeSystem()
    entity = types.create_type("de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity")
    types.create_feature(entity, "value", "uima.cas.String")
    output.mkdir()
    for ident, text, spans in rows:
        cas = cassis.Cas(typesystem=types)
        cas.sofa_string = text
        cas.add_all([entity(begin=s, end=e, value=label) for s, e, label in spans])
        cas.to_xmi(str(output / f"{ident}.xmi"))
    types.to_xml(str(output / "TypeSystem.xml"))


def brat_folder(rows: list[Row], output: Path) -> None:
    output.mkdir()
    for ident, text, spans in rows:
        (output / f"{ident}.txt").write_text(text, encoding="utf-8", newline="")
        ann = "".join(
            f"T{n}\t{label} {s} {e}\t{text[s:e]}\n" for n, (s, e, label) in enumerate(spans, 1)
        )
        (output / f"{ident}.ann").write_text(ann, encoding="utf-8", newline="")


def conll_file(rows: list[Row], output: Path) -> None:
    with output.open("w", encoding="utf-8") as out:
        for _, text, spans in rows:
            words, tags = iob2(text, spans)
            out.write("-DOCSTART- O\n\n")
            out.write("".join(f"{w} {t}\n" for w, t in zip(words, tags, strict=True)) + "\n")


def json_lines(fmt: str, rows: list[Row], output: Path) -> None:
    output.parent.mkdir(exist_ok=True)
    target = output / "tasks.json" if fmt == "label-studio" else output
    if fmt == "label-studio":
        output.mkdir()
    with target.open("w", encoding="utf-8") as out:
        for ident, text, spans in rows:
            value: dict[str, Any] = {"id": ident, "text": text}
            if fmt == "jsonl":
                value["spans"] = [
                    {"start": s, "end": e, "label": label, "text": text[s:e]}
                    for s, e, label in spans
                ]
            elif fmt == "doccano":
                value["label"] = [[s, e, label] for s, e, label in spans]
            elif fmt == "prodigy":
                words, spaces = words_and_spaces(text)
                tokens, position = [], 0
                for number, (word, space) in enumerate(zip(words, spaces, strict=True)):
                    tokens.append(
                        {
                            "text": word,
                            "start": position,
                            "end": position + len(word),
                            "id": number,
                            "ws": space,
                        }
                    )
                    position += len(word) + space
                value["tokens"] = tokens
                value["spans"] = [{"start": s, "end": e, "label": label} for s, e, label in spans]
            else:
                value = {
                    "data": {"text": text, "id": ident},
                    "annotations": [
                        {
                            "result": [
                                {
                                    "id": f"s{n}",
                                    "from_name": "label",
                                    "to_name": "text",
                                    "type": "labels",
                                    "value": {
                                        "start": s,
                                        "end": e,
                                        "text": text[s:e],
                                        "labels": [label],
                                    },
                                }
                                for n, (s, e, label) in enumerate(spans)
                            ]
                        }
                    ],
                }
            out.write(json.dumps(value, ensure_ascii=False) + "\n")


def main(argv: list[str]) -> int:
    fmt, database, output = argv[0], Path(argv[1]), Path(argv[2])
    rows = read_rows(database)
    writers = {
        "spacy": spacy_docbin,
        "hf": hf_dataset,
        "inception": cas_folder,
        "brat": brat_folder,
        "conll": conll_file,
    }
    if fmt in writers:
        writers[fmt](rows, output)
    else:
        json_lines(fmt, rows, output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
