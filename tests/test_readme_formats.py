"""The README's table of export formats has one row per registered format, with an example
command that the command line accepts (its options parse, with that format)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from annotator.cli import parse
from annotator.formats import EXPORT_FORMATS

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_export_format_has_a_row_and_a_working_example() -> None:
    rows = re.findall(
        r"^\| `([\w-]+)` \|.*\| `(annotator export [^`]+)` \|$",
        README.read_text(encoding="utf-8"),
        re.M,
    )
    assert [name for name, _ in rows] == list(EXPORT_FORMATS)
    for name, example in rows:
        args = parse(shlex.split(example)[1:])
        assert (args.command, args.format) == ("export", name)
        assert example.endswith(EXPORT_FORMATS[name].example)
