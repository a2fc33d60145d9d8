"""Property: importing random records and exporting them gives the same records back exactly
(random Unicode texts with astral characters, combining marks, CRLF, lone CR, tabs, NBSP,
right-to-left scripts; random overlapping and nested spans, and relations between them given
in any order, with indexes into spans given in any order)."""

# The texts are meant to hold Arabic, Hebrew and look-alike letters.
# ruff: noqa: RUF001

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.formats.native import write_records
from annotator.formats.readers import read_file
from annotator.store.exporter import export_records
from annotator.store.importer import ImportRefused, import_records
from annotator.store.store import Store

LABELS = ["ACTOR", "PLACE", "EVENT", "FIGURE"]
# The default relation schema: what may link an EVENT span to a span of each label.
RELATIONS = {"ACTOR": ["agent", "target"], "PLACE": ["location"], "FIGURE": ["count"]}
PIECES = [
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\u0085",
    "\ufeff",
    "👩\u200d💻",
    "👍🏿",
    "🇦🇫",
    "𝔘",
    "😀",
    "e\u0301",
    "\u0915\u094d\u0937",
    "مرحبا بالعالم",
    "می\u200cخواهم",
    "שָׁלוֹם",
    "\u202eRTL override\u202c",
    " ",
    '"',
    "\\",
]
# Any code point except U+0000 and surrogates (which the importer refuses; tested below).
any_char = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(any_char, min_size=1, max_size=6)),
    min_size=1,
    max_size=12,
).map("".join)


@st.composite
def documents(draw: st.DrawFn) -> list[dict[str, Any]]:
    """One document as 1-3 records: no annotation, or sets of distinct people."""
    text = draw(texts)
    meta = draw(st.dictionaries(st.text(any_char, max_size=5), st.integers() | st.text(any_char)))
    span = st.tuples(
        st.integers(0, len(text) - 1), st.integers(1, len(text)), st.sampled_from(LABELS)
    ).filter(lambda s: s[0] < s[1])
    people = draw(st.lists(st.sampled_from(["ana", "bo", "Ωmega", "imported"]), unique=True))
    records: list[dict[str, Any]] = []
    if not people:
        return [{"text": text, "meta": meta}]
    for person in people:
        spans = draw(st.lists(span, unique=True, max_size=8))
        record: dict[str, Any] = {"text": text, "meta": meta, "annotator": person}
        record["status"] = draw(st.sampled_from(["done", "in_progress"]))
        given = draw(st.permutations(spans))
        record["spans"] = [
            {"start": s, "end": e, "label": label, "text": text[s:e]} for s, e, label in given
        ]
        allowed = [
            {"from": i, "to": j, "label": name}
            for i, source in enumerate(given)
            for j, target in enumerate(given)
            if source[2] == "EVENT" and i != j
            for name in RELATIONS.get(target[2], [])
        ]
        relations = draw(st.lists(st.sampled_from(allowed), unique_by=str)) if allowed else []
        if relations:
            record["relations"] = relations
        records.append(record)
    return records


corpora = st.lists(documents(), min_size=1, max_size=4)


def normalized(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records in a canonical order: by (id, annotator), spans by (start, end, label), each
    relation as the set of (source span, target span, label) it names."""
    out = []
    for record in records:
        record = dict(record)
        if not record.get("meta"):
            record.pop("meta", None)
        if "relations" in record:
            ends = [(s["start"], s["end"], s["label"]) for s in record["spans"]]
            record["relations"] = {
                (ends[r["from"]], ends[r["to"]], r["label"]) for r in record["relations"]
            }
        if "spans" in record:
            record["spans"] = sorted(
                record["spans"], key=lambda s: (s["start"], s["end"], s["label"])
            )
        out.append(record)
    return sorted(out, key=lambda r: (r["id"], r.get("annotator") or ""))


def exported(store: Store, ids: set[str]) -> list[dict[str, Any]]:
    buffer = io.StringIO()
    write_records(export_records(store), buffer)
    # split("\n"), not splitlines(): U+2028, U+0085 and friends stay raw inside JSON strings.
    lines = [json.loads(line) for line in buffer.getvalue().split("\n") if line]
    for line in lines:
        if "relations" in line:  # written sorted, indexes into the sorted spans
            order = [(r["from"], r["to"], r["label"]) for r in line["relations"]]
            assert order == sorted(order)
    return [line for line in lines if line["id"] in ids]


def round_trip(store: Store, folder: Path, counter: itertools.count[int], corpus: Any) -> None:
    records = []
    for document in corpus:
        ident = f"doc-{next(counter)}"  # fresh ids: one database serves every example
        records.extend({"id": ident, **record} for record in document)
    path = folder / f"in-{next(counter)}.jsonl"
    with path.open("w", encoding="utf-8", newline="") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    import_records(store, read_file(path))
    ids = {record["id"] for record in records}
    assert normalized(exported(store, ids)) == normalized(records)
    # The export is itself importable and changes nothing.
    again = folder / f"out-{next(counter)}.jsonl"
    with again.open("w", encoding="utf-8", newline="") as handle:
        write_records(export_records(store), handle)
    report = import_records(store, read_file(again))
    added = (report.documents_added, report.sets_added, report.spans_added)
    assert (*added, report.relations_added) == (0, 0, 0, 0)


def run_property(url: str, folder: Path, examples: int) -> None:
    counter = itertools.count()
    with Store.open(url) as store:

        @settings(
            max_examples=examples,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(corpora)
        def check(corpus: Any) -> None:
            round_trip(store, folder, counter, corpus)

        check()


def test_import_then_export_round_trips_exactly_on_sqlite(sqlite_url: str, tmp_path: Path) -> None:
    run_property(sqlite_url, tmp_path, examples=50)


@pytest.mark.postgres
def test_import_then_export_round_trips_exactly_on_postgres(
    postgres_url: str, tmp_path: Path
) -> None:
    run_property(postgres_url, tmp_path, examples=12)


@pytest.mark.parametrize(
    ("escaped", "message"),
    [
        ("a\\u0000b", "text holds a NUL character (U+0000), which cannot be stored"),
        ("ab\\ud83d", "text holds an unpaired surrogate at character 2"),
        ("\\udc00x", "text holds an unpaired surrogate at character 0"),
    ],
)
def test_nul_and_lone_surrogates_are_refused_with_a_clear_message(
    store: Store, tmp_path: Path, escaped: str, message: str
) -> None:
    path = tmp_path / "data.jsonl"
    path.write_text(f'{{"id": "ok", "text": "fine"}}\n{{"id": "x", "text": "{escaped}"}}\n')
    with pytest.raises(ImportRefused) as refused:
        import_records(store, read_file(path))
    assert [str(p) for p in refused.value.problems] == [f"{path}:2: {message}"]
    assert exported(store, {"ok", "x"}) == []
