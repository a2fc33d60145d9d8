"""The baseline of bench.format_export: what a quick script does to write each format with the
library alone, from the same rows, read with plain ``sqlite3``.

    python -m bench.format_baseline FORMAT DATABASE OUTPUT

It reads every document's text, meta, annotator and status, its spans (start, end, label) and
its relations (indexes into the sorted spans) in four queries, then builds the format's objects
the way the library's own documentation does: spaCy ``Doc(vocab, words, spaces)`` from plain
lists (words and one trailing space split by one regex), ``doc.spans`` and ``doc.ents``
(``filter_spans``) into a ``DocBin``; ``datasets.Dataset.from_dict`` with IOB2 ``ClassLabel``
tags and ``save_to_disk``; a dkpro-cassis CAS per document with NamedEntity annotations,
``to_xmi``; ``json.dumps`` of the JSON formats' dicts; brat ``.txt``/``.ann`` files; CoNLL lines.
Where Annotator's format holds relations, the annotator, meta and span texts (jsonl, doccano,
prodigy, hf, spacy), so does this; it leaves out what only Annotator does: the checks, the
window's tokenizer (words here are whitespace-split, so fewer tokens), line-break fragments
(brat), relations in brat, Label Studio and XMI, and the atomic rename.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_PIECES = re.compile(r"(\S+)( ?)|(\s)")
_WORDS = re.compile(r"\S+")
Spans = list[tuple[int, int, str]]
Relations = list[tuple[int, int, str]]


@dataclass(frozen=True, slots=True)
class Row:
    """One document's only annotation set: spans sorted by (start, end, label), relations as
    (source, target, label) indexes into them, sorted."""

    ident: str
    text: str
    meta: dict[str, Any]
    annotator: str
    status: str
    spans: Spans
    relations: Relations


def read_rows(database: Path) -> list[Row]:
    connection = sqlite3.connect(database)
    labels = dict(connection.execute("SELECT id, name FROM labels"))
    relation_labels = dict(connection.execute("SELECT id, name FROM relation_labels"))
    sets = {
        document: (name, status)
        for document, name, status in connection.execute(
            "SELECT s.document_id, p.name, s.status FROM annotation_sets s "
            "JOIN people p ON p.id = s.person_id"
        )
    }
    spans: dict[int, list[tuple[int, int, str, int]]] = defaultdict(list)
    query = (
        "SELECT s.document_id, p.start_offset, p.end_offset, p.label_id, p.id "
        "FROM spans p JOIN annotation_sets s ON s.id = p.set_id"
    )
    for document, start, end, label, span_id in connection.execute(query):
        spans[document].append((start, end, labels[label], span_id))
    links: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    query = (
        "SELECT s.document_id, r.source_id, r.target_id, r.label_id "
        "FROM relations r JOIN annotation_sets s ON s.id = r.set_id"
    )
    for document, source, target, label in connection.execute(query):
        links[document].append((source, target, relation_labels[label]))
    rows = []
    for document, external, text, meta in connection.execute(
        "SELECT id, external_id, text, meta FROM documents ORDER BY id"
    ):
        ordered = sorted(spans[document])
        index = {span[3]: number for number, span in enumerate(ordered)}
        relations = sorted((index[s], index[t], label) for s, t, label in links[document])
        name, status = sets[document]
        found = [(start, end, label) for start, end, label, _ in ordered]
        rows.append(Row(external, text, json.loads(meta), name, status, found, relations))
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
    for row in rows:
        words, spaces = words_and_spaces(row.text)
        doc = Doc(vocab, words=words, spaces=spaces)
        made = [doc.char_span(s, e, label, alignment_mode="expand") for s, e, label in row.spans]
        doc.spans["sc"] = [span for span in made if span is not None]
        doc.ents = filter_spans(doc.spans["sc"])
        doc.user_data["id"] = row.ident
        doc.user_data["annotator"] = row.annotator
        doc.user_data["relations"] = [list(relation) for relation in row.relations]
        docs.add(doc)
    output.write_bytes(docs.to_bytes())


def hf_dataset(rows: list[Row], output: Path) -> None:
    import datasets

    datasets.disable_progress_bars()
    labels = sorted({label for row in rows for _, _, label in row.spans})
    names = ["O"] + [f"{p}-{label}" for label in labels for p in ("B", "I")]
    index = {name: number for number, name in enumerate(names)}
    keys = ("id", "text", "tokens", "ner_tags", "spans", "relations", "annotator")
    columns: dict[str, list[Any]] = {key: [] for key in keys}
    for row in rows:
        words, tags = iob2(row.text, row.spans)
        columns["id"].append(row.ident)
        columns["text"].append(row.text)
        columns["tokens"].append(words)
        columns["ner_tags"].append([index[tag] for tag in tags])
        columns["spans"].append(
            [{"start": s, "end": e, "label": label} for s, e, label in row.spans]
        )
        columns["relations"].append(
            [{"head": s, "child": t, "label": label} for s, t, label in row.relations]
        )
        columns["annotator"].append(row.annotator)
    value = datasets.Value
    features = datasets.Features(
        {
            "id": value("string"),
            "text": value("string"),
            "tokens": datasets.Sequence(value("string")),
            "ner_tags": datasets.Sequence(datasets.ClassLabel(names=names)),
            "spans": [{"start": value("int64"), "end": value("int64"), "label": value("string")}],
            "relations": [
                {"head": value("int64"), "child": value("int64"), "label": value("string")}
            ],
            "annotator": value("string"),
        }
    )
    datasets.Dataset.from_dict(columns, features=features).save_to_disk(str(output))


def cas_folder(rows: list[Row], output: Path) -> None:
    import cassis

    types = cassis.TypeSystem()
    entity = types.create_type("de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity")
    types.create_feature(entity, "value", "uima.cas.String")
    output.mkdir()
    for row in rows:
        cas = cassis.Cas(typesystem=types)
        cas.sofa_string = row.text
        cas.add_all([entity(begin=s, end=e, value=label) for s, e, label in row.spans])
        cas.to_xmi(str(output / f"{row.ident}.xmi"))
    types.to_xml(str(output / "TypeSystem.xml"))


def brat_folder(rows: list[Row], output: Path) -> None:
    output.mkdir()
    for row in rows:
        text = row.text
        (output / f"{row.ident}.txt").write_text(text, encoding="utf-8", newline="")
        ann = "".join(
            f"T{n}\t{label} {s} {e}\t{text[s:e]}\n" for n, (s, e, label) in enumerate(row.spans, 1)
        )
        (output / f"{row.ident}.ann").write_text(ann, encoding="utf-8", newline="")


def conll_file(rows: list[Row], output: Path) -> None:
    with output.open("w", encoding="utf-8") as out:
        for row in rows:
            words, tags = iob2(row.text, row.spans)
            out.write("-DOCSTART- O\n\n")
            out.write("".join(f"{w} {t}\n" for w, t in zip(words, tags, strict=True)) + "\n")


def prodigy_task(row: Row) -> dict[str, Any]:
    """Prodigy's task: tokens, spans with their token range and text, relations between the
    spans' last tokens, the answer and the annotator."""
    text = row.text
    words, spaces = words_and_spaces(text)
    tokens: list[dict[str, Any]] = []
    token_starts: list[int] = []
    position = 0
    for number, (word, space) in enumerate(zip(words, spaces, strict=True)):
        end = position + len(word)
        tokens.append({"text": word, "start": position, "end": end, "id": number, "ws": space})
        token_starts.append(position)
        position += len(word) + space
    spans = []
    for s, e, label in row.spans:
        first = bisect_right(token_starts, s) - 1
        last = bisect_left(token_starts, e) - 1
        spans.append(
            {
                "start": s,
                "end": e,
                "label": label,
                "token_start": first,
                "token_end": last,
                "text": text[s:e],
            }
        )
    anchor = ("start", "end", "token_start", "token_end", "label")
    relations = [
        {
            "head": spans[s]["token_end"],
            "child": spans[t]["token_end"],
            "head_span": {key: spans[s][key] for key in anchor},
            "child_span": {key: spans[t][key] for key in anchor},
            "label": label,
        }
        for s, t, label in row.relations
    ]
    return {
        "id": row.ident,
        "text": text,
        "meta": row.meta,
        "tokens": tokens,
        "spans": spans,
        "relations": relations,
        "answer": "accept",
        "_annotator_id": row.annotator,
    }


def label_studio_task(row: Row) -> dict[str, Any]:
    text = row.text
    return {
        "data": {"text": text, "id": row.ident},
        "annotations": [
            {
                "result": [
                    {
                        "id": f"s{n}",
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "value": {"start": s, "end": e, "text": text[s:e], "labels": [label]},
                    }
                    for n, (s, e, label) in enumerate(row.spans)
                ]
            }
        ],
    }


def native_record(row: Row) -> dict[str, Any]:
    text = row.text
    return {
        "id": row.ident,
        "text": text,
        "meta": row.meta,
        "annotator": row.annotator,
        "status": row.status,
        "spans": [
            {"start": s, "end": e, "label": label, "text": text[s:e]} for s, e, label in row.spans
        ],
    } | (
        # Written when there are some, as Annotator does.
        {"relations": [{"from": s, "to": t, "label": label} for s, t, label in row.relations]}
        if row.relations
        else {}
    )


def doccano_record(row: Row) -> dict[str, Any]:
    """doccano's relation shape (as Annotator writes when the corpus has relations)."""
    return {
        "id": row.ident,
        "text": row.text,
        "entities": [
            {"id": n, "label": label, "start_offset": s, "end_offset": e}
            for n, (s, e, label) in enumerate(row.spans, start=1)
        ],
        "relations": [
            {"id": n, "from_id": s + 1, "to_id": t + 1, "type": label}
            for n, (s, t, label) in enumerate(row.relations, start=1)
        ],
        "annotator": row.annotator,
    }


JSON_RECORDS = {
    "jsonl": native_record,
    "doccano": doccano_record,
    "prodigy": prodigy_task,
    "label-studio": label_studio_task,
}


def json_lines(fmt: str, rows: list[Row], output: Path) -> None:
    target = output / "tasks.json" if fmt == "label-studio" else output
    if fmt == "label-studio":
        output.mkdir()
    make = JSON_RECORDS[fmt]
    with target.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(make(row), ensure_ascii=False) + "\n")


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
