"""Token units: the same tokens as Tokens, found faster, and batches of documents."""

# ruff: noqa: RUF001

from __future__ import annotations

import random

import pytest

from annotator.core.agreement.units import batched
from annotator.core.tokens import Tokens, token_bounds, token_marks

SAMPLES = [
    "",
    "   ",
    '"Kabul," he said.',
    "cafe\u0301 nai\u0308ve",
    "می\u200cخواهم به کابل بروم",
    "مُحَمَّد في الْقُدْس",
    "ok 👩\u200d💻 go 🇪🇺 👍🏽 ⚠\ufe0f",
    "line one\r\nline\u00a0two\tend  ",
    "𝐀𝐁𝐂 x\U0001d165y 𠀀𠀁",  # astral letters and an astral combining mark
]


@pytest.mark.parametrize("text", SAMPLES)
def test_token_bounds_are_those_of_tokens(text: str) -> None:
    tokens = Tokens(text)
    assert token_bounds(text) == (tokens.starts, tokens.ends)
    assert token_marks(text) == [0, *tokens.ends]


def test_token_bounds_on_random_unicode() -> None:
    rng = random.Random(3)
    pool = [chr(code) for code in range(0x20, 0x2100)] + list(
        "\u200c\u200d\ufe0f \u00a0\n\r\t👩💻🇪🇺🏽\U0001d165\U00011000\U00011046𝐀"
    ) * 30
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 25)))
        tokens = Tokens(text)
        assert token_bounds(text) == (tokens.starts, tokens.ends), text


def test_batched() -> None:
    assert [len(batch) for batch in batched(iter(range(7)), 3)] == [3, 3, 1]  # type: ignore[arg-type]
    assert list(batched([], 3)) == []
