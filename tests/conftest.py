"""Shared helpers: the seed and example documents, and text folding for comparisons."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import opencc
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
_T2S = opencc.OpenCC("t2s")


def fold(text: str | None) -> str:
    """Simplified script, no whitespace, no punctuation: what two spellings of one text share."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", _T2S.convert(text))
    return "".join(ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith(("P", "S")))


def expected_for(seed: Path) -> dict:
    return json.loads((ROOT / "seeds" / "expected" / f"{seed.stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
