"""Comments and flags in native JSONL, through the command line: `"comment"` on a span,
`"comments"` (the annotator's note on the document) and `"flagged": true` on a record.
Exported, imported into a new database and exported again, they come back exactly, on SQLite
and PostgreSQL; bad ones refuse the import at file:line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotator.core.comments import COMMENT_LIMIT

Cli = Callable[..., Any]
WriteJsonl = Callable[..., Path]

TEXT = "Taliban fighters attacked Kunduz on Tuesday."


def span(start: int, end: int, label: str, **extra: Any) -> dict[str, Any]:
    return {"start": start, "end": end, "label": label, "text": TEXT[start:end], **extra}


RECORDS: list[dict[str, Any]] = [
    {
        "id": "kunduz",
        "text": TEXT,
        "annotator": "ana",
        "status": "done",
        "comments": "check with the reviewer: 'attacked' or the whole clause?",
        "flagged": True,
        "spans": [
            span(0, 7, "ACTOR"),
            span(26, 32, "PLACE", comment="unsure\ntown or province 🏙"),
        ],
    },
    {
        "id": "kunduz",
        "text": TEXT,
        "annotator": "ben",
        "status": "in_progress",
        "comments": "half done",
        "spans": [],
    },
    {
        "id": "kunduz",
        "text": TEXT,
        "annotator": "cai",
        "status": "done",
        "spans": [span(26, 32, "PLACE")],
    },
]


def export(cli: Cli, url: str, *extra: str) -> list[dict[str, Any]]:
    run = cli("export", "--db", url, *extra)
    assert run.code == 0, run.err
    return [json.loads(line) for line in run.out.split("\n") if line]


def test_comments_and_flags_come_back_through_export_and_import(
    cli: Cli, db_url: str, tmp_path: Path, write_jsonl: WriteJsonl
) -> None:
    first = f"sqlite:///{tmp_path / 'first.sqlite'}"
    assert cli("import", str(write_jsonl(RECORDS)), "--db", first).code == 0
    exported = export(cli, first)
    assert exported == RECORDS
    # Into a new database (a SQLite file or PostgreSQL), and out again: the same.
    (tmp_path / "export.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in exported), encoding="utf-8"
    )
    run = cli("import", str(tmp_path / "export.jsonl"), "--db", db_url)
    assert run.code == 0, run.err
    assert export(cli, db_url) == RECORDS
    assert export(cli, db_url, "--set", "ana") == RECORDS[:1]


def test_reimporting_sets_a_stored_annotations_note_and_flag_and_keeps_span_comments(
    cli: Cli, db_url: str, write_jsonl: WriteJsonl
) -> None:
    assert cli("import", str(write_jsonl(RECORDS)), "--db", db_url).code == 0
    again = [
        {**RECORDS[0], "comments": "", "flagged": False, "spans": [span(26, 32, "PLACE")]},
        {**RECORDS[1], "flagged": True},
    ]
    del again[1]["comments"]  # not given: kept as stored
    run = cli("import", str(write_jsonl(again, "again.jsonl")), "--db", db_url)
    assert run.code == 0, run.err
    ana, ben, _cai = export(cli, db_url)
    assert "comments" not in ana
    assert "flagged" not in ana
    # A span already stored keeps its comment (an import adds, and skips what is there).
    assert ana["spans"] == RECORDS[0]["spans"]
    assert ben["comments"] == "half done"
    assert ben["flagged"] is True


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"spans": [span(0, 7, "ACTOR", comment=7)]}, "spans.0.comment: must be a string"),
        (
            {"spans": [span(0, 7, "ACTOR", comment="x" * (COMMENT_LIMIT + 1))]},
            f"span 0..7 comment is {COMMENT_LIMIT + 1:,} characters long; "
            f"at most {COMMENT_LIMIT:,} are kept",
        ),
        ({"spans": [], "comments": ["unsure"]}, "comments: must be a string"),
        ({"spans": [], "comments": "a\x00b"}, "comments holds a NUL character"),
        ({"spans": [], "flagged": "yes"}, "flagged: Input should be a valid boolean"),
        (
            {"comments": "unsure", "flagged": True},
            "comments and flagged describe an annotation, but the record has no spans",
        ),
    ],
    ids=["comment-int", "comment-long", "comments-list", "comments-nul", "flag-str", "no-spans"],
)
def test_a_bad_comment_or_flag_refuses_the_import_at_its_line(
    cli: Cli, sqlite_url: str, write_jsonl: WriteJsonl, bad: dict[str, Any], message: str
) -> None:
    path = write_jsonl([{"id": "bad", "text": TEXT, **bad}])
    run = cli("import", str(path), "--db", sqlite_url)
    assert run.code == 1
    assert run.err_lines[0].startswith(f"{path}:1: {message}"), run.err
    assert run.err_lines[-1] == "import refused: 1 problem(s); nothing was imported"
