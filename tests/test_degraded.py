"""Every seed and example, degraded the way hasty copies degrade text, parses to the same structure."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES, SEEDS, structure

import gongwen

HALF_WIDTH = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "。": "."})


def no_indent(text: str) -> str:
    return "\n".join(line.strip() for line in text.splitlines())


def no_blank_lines(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if line.strip())


def half_width_punctuation(text: str) -> str:
    return text.translate(HALF_WIDTH)


def windows_line_ends_and_tabs(text: str) -> str:
    return text.replace("    ", "\t").replace("\n", "\r\n")


def letter_spaced_short_lines(text: str) -> str:
    """Short lines (marks, numbers, titles, signatures, dates) spaced out character by character."""
    return "\n".join(
        " ".join(line.strip()) if _short_and_unspaced(line.strip()) else line for line in text.splitlines()
    )


def site_name_above(text: str) -> str:
    """Copied from a site, with its name on the first line."""
    return "江南省人民政府门户网站\n" + text


def _short_and_unspaced(line: str) -> bool:
    return 0 < len(line) < 25 and not any(ch.isspace() for ch in line)


@pytest.mark.parametrize(
    "degrade",
    [
        no_indent,
        no_blank_lines,
        half_width_punctuation,
        windows_line_ends_and_tabs,
        letter_spaced_short_lines,
        site_name_above,
    ],
)
@pytest.mark.parametrize("path", SEEDS + EXAMPLES, ids=lambda p: p.stem)
def test_degraded_text_parses_to_the_same_structure(path, degrade):
    text = path.read_text(encoding="utf-8")
    assert structure(gongwen.parse(degrade(text))) == structure(gongwen.parse(text))
