"""Shared helpers: the seed and example documents, text folding for comparisons, and measuring PDFs."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import opencc
import pytest

from gongwen.layout import spec

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
PAGE_NUMBER_RE = re.compile(r"^— \d+ —$")
PAGE_NUMBER_CENTRE = 269  # mm from the paper's top: 7 mm below the 版心, for a 4号 number (7.5)
PAGE_NUMBER_EM = spec.SIZE_4 * MM


def structure(doc) -> dict:
    """A document's model without what a rendering cannot carry: its input script and what was set aside."""
    return {k: v for k, v in doc.to_dict().items() if k not in ("residue", "warnings", "uncertain", "script")}


def check_page_numbers(doc, pdf, lines_of, centre_tolerance: float, edge_tolerance: float) -> list[dict]:
    """— N — on every page (none on a 信函's first), odd pages right and even pages left, 1 字 in (7.5).

    Returns the page-number lines found, for checks of their own."""
    found = []
    for n, page in enumerate(pdf.pages, start=1):
        numbers = [ln for ln in lines_of(page) if PAGE_NUMBER_RE.match(ln["text"])]
        if doc.format == "letter" and n == 1:
            assert numbers == []
            continue
        assert [ln["text"] for ln in numbers] == [f"— {n} —"], n
        number = numbers[0]
        dash = number["chars"][0]
        assert abs((dash["top"] + dash["bottom"]) / 2 * MM - PAGE_NUMBER_CENTRE) < centre_tolerance
        if n % 2:
            assert abs(number["x1"] - (184 - PAGE_NUMBER_EM)) < edge_tolerance
        else:
            assert abs(number["x0"] - (28 + PAGE_NUMBER_EM)) < edge_tolerance
        found.append(number)
    return found


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


def write_damaged(original: bytes, damage: list[tuple[int, int]], folder: Path) -> Path:
    """A copy of a font file with bytes overwritten (position modulo the length, new value), in ``folder``."""
    data = bytearray(original)
    for at, value in damage:
        data[at % len(data)] = value
    path = folder / "damaged.ttf"
    path.write_bytes(bytes(data))
    return path
