"""brat standoff and INCEpTION XMI exports of the Unicode corpus: read back by a strict brat
reader and by dkpro-cassis, every span and relation exact."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from cassis import load_cas_from_xmi, load_typesystem
from unicode_export_corpus import LABELS, RECORDS

from annotator.core.records import ExportRecord
from annotator.core.relations import default_relation_schema
from annotator.formats import EXPORT_FORMATS
from annotator.formats.file_names import file_stem
from annotator.formats.writing import ExportContext, ExportProblem, Tally

CONTEXT = ExportContext(labels=LABELS, relation_labels=tuple(default_relation_schema()))
T_LINE = re.compile(r"^(T\d+)\t([A-Za-z][\w-]*) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
R_LINE = re.compile(r"^(R\d+)\t([A-Za-z][\w-]*) Arg1:(T\d+) Arg2:(T\d+)$")
BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def read_brat(folder: Path, stem: str) -> tuple[str, list[tuple[int, int, str]], list[tuple]]:
    """A strict brat reader: the ``.txt`` as bytes decoded (no newline translation); each T
    line's fragments ordered, inside the text, free of line breaks, and its text the fragments'
    texts joined by a space; each R line naming T ids of the file. A span is its first
    fragment's start to its last fragment's end."""
    text = (folder / f"{stem}.txt").read_bytes().decode("utf-8")
    ann = (folder / f"{stem}.ann").read_bytes().decode("utf-8")
    assert ann == "" or ann.endswith("\n")
    spans: dict[str, tuple[int, int, str]] = {}
    relations = []
    for line in ann.split("\n")[:-1]:
        if line.startswith("T"):
            match = T_LINE.match(line)
            assert match, line
            ident, label, offsets, covered = match.groups()
            pieces = [tuple(map(int, part.split())) for part in offsets.split(";")]
            previous = -1
            for start, end in pieces:
                assert previous <= start < end <= len(text)
                assert not any(c in BREAKS for c in text[start:end])
                previous = end
            assert covered == " ".join(text[s:e] for s, e in pieces)
            spans[ident] = (pieces[0][0], pieces[-1][1], label)
        else:
            match = R_LINE.match(line)
            assert match, line
            _, label, source, target = match.groups()
            relations.append((spans[source], spans[target], label))
    return text, list(spans.values()), relations


def export(name: str, target: Path, records: list[ExportRecord] = RECORDS) -> Tally:
    tally = Tally()
    EXPORT_FORMATS[name].write_path(records, target, CONTEXT, tally)
    return tally


def named(record: ExportRecord) -> list[tuple[tuple[int, int, str], tuple[int, int, str], str]]:
    spans = record.spans or []
    return [(spans[s], spans[t], label) for s, t, label in record.relations or ()]


def test_a_brat_reader_finds_every_span_and_relation(tmp_path: Path) -> None:
    tally = export("brat", tmp_path / "brat")
    assert not tally.left_out
    files = sorted(path.name for path in (tmp_path / "brat").iterdir())
    stems = [file_stem(record.id) for record in RECORDS]
    assert files == sorted(
        ["annotation.conf", *(f"{s}.txt" for s in stems), *(f"{s}.ann" for s in stems)]
    )
    for record, stem in zip(RECORDS, stems, strict=True):
        text, spans, relations = read_brat(tmp_path / "brat", stem)
        assert text == record.text
        assert spans == record.spans
        assert relations == named(record)


def test_brat_cuts_a_span_at_each_line_break_inside_it(tmp_path: Path) -> None:
    text = "one\r\ntwo\rthree\u2029four\n\nfive"
    record = ExportRecord("x", text, {}, "ana", "done", [(0, len(text), "EVENT")])
    export("brat", tmp_path / "brat", [record])
    ann = (tmp_path / "brat" / "x.ann").read_text(encoding="utf-8")
    pieces = [
        (text.index(w), text.index(w) + len(w)) for w in ("one", "two", "three", "four", "five")
    ]
    offsets = ";".join(f"{a} {b}" for a, b in pieces)
    assert ann == f"T1\tEVENT {offsets}\tone two three four five\n"


def test_annotation_conf_lists_labels_and_relation_ends(tmp_path: Path) -> None:
    export("brat", tmp_path / "brat")
    conf = (tmp_path / "brat" / "annotation.conf").read_text(encoding="utf-8")
    sections = re.split(r"^\[(\w+)\]\n", conf, flags=re.M)[1:]
    parsed = dict(zip(sections[::2], sections[1::2], strict=True))
    assert list(parsed) == ["entities", "relations", "events", "attributes"]
    assert parsed["entities"].split() == list(LABELS)
    for relation in CONTEXT.relation_labels:
        line = (
            f"{relation.name}\tArg1:{'|'.join(relation.sources)}, Arg2:{'|'.join(relation.targets)}"
        )
        assert line in parsed["relations"].splitlines()


def utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def test_cassis_loads_every_entity_and_relation_at_its_offsets(tmp_path: Path) -> None:
    export("inception", tmp_path / "xmi")
    with (tmp_path / "xmi" / "TypeSystem.xml").open("rb") as handle:
        types = load_typesystem(handle)
    for record in RECORDS:
        path = tmp_path / "xmi" / f"{file_stem(record.id)}.xmi"
        with path.open("rb") as handle:
            cas = load_cas_from_xmi(handle, typesystem=types)
        assert cas.sofa_string == record.text
        metadata = cas.select("de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData")
        assert [m.documentId for m in metadata] == [record.id]
        entities = cas.select("de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity")
        found = sorted((e.begin, e.end, e.value) for e in entities)
        assert found == record.spans
        assert all(e.get_covered_text() == record.text[e.begin : e.end] for e in entities)
        relations = [
            (
                (r.Governor.begin, r.Governor.end, r.Governor.value),
                (r.Dependent.begin, r.Dependent.end, r.Dependent.value),
                r.label,
            )
            for r in cas.select("webanno.custom.Relation")
        ]
        assert sorted(relations) == sorted(named(record))
        # UIMA's own offsets, in the file, are UTF-16 code units.
        root = ElementTree.parse(path).getroot()
        ner = "{http:///de/tudarmstadt/ukp/dkpro/core/api/ner/type.ecore}NamedEntity"
        raw = sorted((int(e.get("begin")), int(e.get("end"))) for e in root.iter(ner))
        expected = sorted(
            (utf16(record.text, s), utf16(record.text, e)) for s, e, _ in record.spans
        )
        assert raw == expected


def test_a_character_xml_cannot_hold_is_refused_with_its_document(tmp_path: Path) -> None:
    record = ExportRecord("bell", "ring\x07", {}, "ana", "done", [(0, 4, "EVENT")])
    with pytest.raises(ExportProblem, match=r"'bell' holds U\+0007 at offset 4"):
        export("inception", tmp_path / "xmi", [record])


@pytest.mark.parametrize("name", ["brat", "inception"])
def test_two_records_of_one_document_are_refused(tmp_path: Path, name: str) -> None:
    first = RECORDS[0]
    other = ExportRecord(first.id, first.text, {}, "bob", "done", [])
    with pytest.raises(ExportProblem, match="one annotation per document"):
        export(name, tmp_path / name, [first, other])
