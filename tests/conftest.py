"""Shared helpers: the seed and example documents, and text folding for comparisons."""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
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


MM = 25.4 / 72


def pdf_lines(page, digits: int = 2) -> list[dict]:
    """Text lines of a pdfplumber page: chars grouped by baseline (mm from the top), left to right."""
    rows: dict[float, list[dict]] = defaultdict(list)
    height = float(page.height)
    for ch in page.chars:
        rows[round((height - ch["matrix"][5]) * MM, digits)].append(ch)
    out = []
    for base in sorted(rows):
        chars = sorted(rows[base], key=lambda c: c["x0"])
        out.append(
            {
                "baseline": base,
                "chars": chars,
                "text": "".join(c["text"] for c in chars),
                "x0": chars[0]["x0"] * MM,
                "x1": chars[-1]["x1"] * MM,
                "size": max(c["size"] for c in chars),
            }
        )
    return out
