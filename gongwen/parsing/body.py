"""正文: paragraphs and the four heading levels 一、 （一） 1. （1）."""

from __future__ import annotations

import re

from gongwen.model import Block, Heading, Paragraph
from gongwen.normalize import join_wrapped_lines
from gongwen.parsing.patterns import (
    ANNEX_LABEL_RE,
    ATTACHMENT_NOTE_RE,
    DATE_LINE_RE,
    chinese_number,
    heading_match,
)

_BLOCK_START_RE = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+[章节条]|出席|请假|列席|抄送|附件)")


# an enumerated item such as （一）因任职受雇所得； — one of a list, not a heading (headings never end with ；)
_LIST_ITEM_RE = re.compile(r"^（[一二三四五六七八九十\d]{1,3}）[^。]*[；;。]$")


def starts_block(text: str) -> bool:
    """True when a line begins a new paragraph whatever the line before it ended with."""
    return (
        heading_match(text) is not None
        or _BLOCK_START_RE.match(text) is not None
        or DATE_LINE_RE.match(text) is not None
        or ATTACHMENT_NOTE_RE.match(text) is not None
        or (ANNEX_LABEL_RE.match(text) is not None and len(text) <= 6)
    )


def parse_blocks(texts: list[str], width: int | None = None) -> list[Block]:
    """Turn body lines (blank lines already dropped) into paragraphs and headings; ``width`` is the
    document's wrap width when known."""
    counters = {1: 0, 2: 0, 3: 0, 4: 0}
    blocks: list[Block] = []
    listing = False  # inside a list of items that end with ；, as regulations enumerate cases
    for text in join_wrapped_lines(texts, starts_block, _is_heading, width):
        item = _LIST_ITEM_RE.match(text)
        listing = item is not None and (text.endswith(("；", ";")) or (listing and text.endswith("。")))
        heading = None if listing else _heading(text, counters)
        blocks.append(heading if heading else Paragraph(text))
    return blocks


def _is_heading(text: str) -> bool:
    return heading_match(text) is not None


def _heading(text: str, counters: dict[int, int]) -> Heading | None:
    found = heading_match(text)
    if not found:
        return None
    level, m = found
    number = chinese_number(m["n"])
    if number is None:
        return None
    # Arabic ordinals are also how wrapped lines and lists start; accept them only in sequence.
    if level >= 3 and number != 1 and number != counters[level] + 1:
        return None
    counters[level] = number
    for deeper in range(level + 1, 5):
        counters[deeper] = 0
    label = _canonical_label(level, m["n"])
    title, run_in = split_run_in(m["rest"].strip())
    return Heading(level=level, label=label, title=title, text=run_in)


def _canonical_label(level: int, numeral: str) -> str:
    return {1: f"{numeral}、", 2: f"（{numeral}）", 3: f"{numeral}.", 4: f"（{numeral}）"}[level]


def split_run_in(rest: str) -> tuple[str, str]:
    """Split a run-in heading: the title up to the first 。, the rest as paragraph text."""
    cut = rest.find("。")
    if cut == -1 or cut == len(rest) - 1:
        return rest, ""
    return rest[: cut + 1], rest[cut + 1 :].strip()
