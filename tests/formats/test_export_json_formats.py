"""doccano, Prodigy and Label Studio exports of the Unicode corpus: the documented field shapes,
and every span and relation found again from them, exact."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from unicode_export_corpus import LABELS, RECORDS

from annotator.core.records import ExportRecord
from annotator.core.relations import default_relation_schema
from annotator.formats import EXPORT_FORMATS
from annotator.formats.writing import ExportContext, Tally

RELATIONS = tuple(default_relation_schema())


def lines(name: str, records: list[ExportRecord], has_relations: bool = True) -> list[Any]:
    context = ExportContext(LABELS, RELATIONS, has_relations)
    written = list(EXPORT_FORMATS[name].lines(records, context, Tally()))
    assert all(line.endswith("\n") and line.count("\n") == 1 for line in written)
    return [json.loads(line) for line in written]


def shaped(value: dict[str, Any], fields: dict[str, type | tuple[type, ...]]) -> None:
    """``value`` has exactly ``fields``, each of its type (a json-schema-like check)."""
    assert set(value) == set(fields), sorted(value)
    for key, kind in fields.items():
        assert isinstance(value[key], kind), (key, value[key])


def test_doccano_span_shape_without_relations() -> None:
    for line, record in zip(lines("doccano", RECORDS, False), RECORDS, strict=True):
        shaped(line, {"id": str, "text": str, "label": list, "annotator": str})
        assert line["text"] == record.text
        assert [tuple(item) for item in line["label"]] == record.spans


def test_doccano_relation_shape_when_the_export_holds_relations() -> None:
    for line, record in zip(lines("doccano", RECORDS), RECORDS, strict=True):
        shaped(
            line, {"id": str, "text": str, "entities": list, "relations": list, "annotator": str}
        )
        entities = {}
        for entity in line["entities"]:
            shaped(entity, {"id": int, "label": str, "start_offset": int, "end_offset": int})
            entities[entity["id"]] = (entity["start_offset"], entity["end_offset"], entity["label"])
        assert list(entities.values()) == record.spans
        spans = record.spans or []
        found = []
        for relation in line["relations"]:
            shaped(relation, {"id": int, "from_id": int, "to_id": int, "type": str})
            found.append(
                (entities[relation["from_id"]], entities[relation["to_id"]], relation["type"])
            )
        assert found == [(spans[s], spans[t], label) for s, t, label in record.relations or ()]


def test_prodigy_tasks_have_tokens_spans_and_relations_as_prodigy_saves_them() -> None:
    unannotated = ExportRecord("plain", "Nobody  looked.", {})
    written = lines("prodigy", [*RECORDS, unannotated])
    for task, record in zip(written, RECORDS, strict=False):
        shaped(
            task,
            {
                "id": str,
                "text": str,
                "meta": dict,
                "tokens": list,
                "spans": list,
                "relations": list,
                "answer": str,
                "_annotator_id": str,
            },
        )
        assert task["answer"] == "accept"
        text, tokens = record.text, task["tokens"]
        rebuilt = ""
        for index, token in enumerate(tokens):
            shaped(token, {"text": str, "start": int, "end": int, "id": int, "ws": bool})
            assert token["id"] == index
            assert token["start"] == len(rebuilt)
            assert token["text"] == text[token["start"] : token["end"]]
            rebuilt += token["text"] + (" " if token["ws"] else "")
        assert rebuilt == text
        for span in task["spans"]:
            shaped(
                span,
                {
                    "start": int,
                    "end": int,
                    "label": str,
                    "token_start": int,
                    "token_end": int,
                    "text": str,
                },
            )
            assert tokens[span["token_start"]]["start"] == span["start"]
            assert tokens[span["token_end"]]["end"] == span["end"]
            assert span["text"] == text[span["start"] : span["end"]]
        assert [(s["start"], s["end"], s["label"]) for s in task["spans"]] == record.spans
        spans = record.spans or []
        found = []
        for relation in task["relations"]:
            shaped(
                relation,
                {"head": int, "child": int, "head_span": dict, "child_span": dict, "label": str},
            )
            assert relation["head"] == relation["head_span"]["token_end"]
            assert relation["child"] == relation["child_span"]["token_end"]
            ends = [relation[key] for key in ("head_span", "child_span")]
            found.append((*((e["start"], e["end"], e["label"]) for e in ends), relation["label"]))
        assert found == [(spans[s], spans[t], label) for s, t, label in record.relations or ()]
    assert set(written[-1]) == {"id", "text", "tokens"}  # a task still to annotate


def test_label_studio_tasks_and_config_agree_and_hold_every_span(tmp_path: Path) -> None:
    bob = ExportRecord("edges", RECORDS[2].text, {}, "bob", "done", [(0, 5, "ACTOR")], relations=[])
    unannotated = ExportRecord("plain", "Nobody looked.", {})
    records = [*RECORDS[:3], bob, *RECORDS[3:], unannotated]
    context = ExportContext(LABELS, RELATIONS, True)
    EXPORT_FORMATS["label-studio"].write_path(records, tmp_path / "ls", context, Tally())
    config = ElementTree.parse(tmp_path / "ls" / "labeling_config.xml").getroot()
    labels_tag, text_tag = config.find("Labels"), config.find("Text")
    assert labels_tag is not None
    assert text_tag is not None
    assert [label.get("value") for label in labels_tag] == list(LABELS)
    assert labels_tag.get("toName") == text_tag.get("name")
    assert text_tag.get("value") == "$text"
    relation_tag = config.find("Relations")
    assert relation_tag is not None
    assert [r.get("value") for r in relation_tag] == [r.name for r in RELATIONS]
    tasks = json.loads((tmp_path / "ls" / "tasks.json").read_text(encoding="utf-8"))
    assert [task["data"]["id"] for task in tasks] == [r.id for r in RECORDS] + ["plain"]
    assert [len(task["annotations"]) for task in tasks] == [1, 1, 2, 1, 1, 0]
    by_set = {(r.id, r.annotator): r for r in records if r.spans is not None}
    for task in tasks:
        for annotation in task["annotations"]:
            record = by_set[(task["data"]["id"], annotation["annotator"])]
            assert task["data"]["text"] == record.text
            regions, found = {}, []
            for result in annotation["result"]:
                if result["type"] == "labels":
                    assert result["from_name"] == labels_tag.get("name")
                    assert result["to_name"] == text_tag.get("name")
                    value = result["value"]
                    shaped(value, {"start": int, "end": int, "text": str, "labels": list})
                    assert value["text"] == record.text[value["start"] : value["end"]]
                    regions[result["id"]] = (value["start"], value["end"], value["labels"][0])
                else:
                    shaped(
                        result,
                        {
                            "type": str,
                            "from_id": str,
                            "to_id": str,
                            "direction": str,
                            "labels": list,
                        },
                    )
                    found.append((result["from_id"], result["to_id"], result["labels"][0]))
            assert list(regions.values()) == record.spans
            spans = record.spans or []
            assert [(regions[a], regions[b], label) for a, b, label in found] == [
                (spans[s], spans[t], label) for s, t, label in record.relations or ()
            ]
