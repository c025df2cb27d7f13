"""Text hard-wrapped at a fixed width: the line breaks of the wrap taken out before the elements are read.

Text extracted from a PDF, or copied from a page of fixed width, breaks every full line wherever the line
ends: inside a title, an organ's name or a 主送 list as readily as inside a sentence. The recognisers read
a document line by line, as GB/T 9704 sets its elements apart, so such breaks are taken out first. A line
as long as the wrap width that ends no sentence goes on with the next line, unless that one is indented
(a new paragraph), starts an element of its own (an ordinal, 附件, 抄送, a date), or is an organ's name
standing above a date (the 署名). Lines with gaps of two or more spaces are columns and stay. Nothing is
removed; only line breaks are, and the warnings say how many.
"""

from __future__ import annotations

import re

from gongwen.normalize import CN_DIGITS, DATE_LINE_RE, wrap_width
from gongwen.parsing.patterns import is_organ_like

_BLOCK_START_RE = re.compile(
    rf"^(?:[{CN_DIGITS}]{{1,3}}[、.．]|[（(][{CN_DIGITS}\d]{{1,3}}[）)]|\d{{1,2}}[.．、](?!\d)|第[{CN_DIGITS}\d]{{1,5}}[章节条]"
    r"|附\s*件|抄\s*送|主\s*送|印\s*发|特此)"
)
_SENTENCE_STOPS = ("。", "！", "？", "；", "：", "!", "?", ";", ":")
_INDENT = 2  # 字: a paragraph's first line is this much shorter (GB/T 9704 5.2.2 sets 正文 indented 2 字)


def unwrap_hard_wrapped(text: str) -> tuple[str, int]:
    """``text`` with the line breaks of a hard wrap taken out, and how many were."""
    lines = text.split("\n")
    width = wrap_width([line.strip() for line in lines if line.strip()])
    if width is None:
        return text, 0
    joins = [i for i in range(1, len(lines)) if _wraps_into(lines, i, width)]
    full = [i for i in range(1, len(lines)) if _is_full(lines[i - 1], width) and lines[i].strip()]
    if len(joins) < len(full) / 2:
        return text, 0  # full lines mostly followed by a new element: a list of equal lines, not a wrap
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in joins and out:
            out[-1] = out[-1].rstrip() + line.strip()
        else:
            out.append(line)
    return "\n".join(out), len(joins)


def _is_full(line: str, width: int) -> bool:
    body = line.strip()
    short_by = _INDENT + 1 if line[:1].isspace() else 1
    return len(body) >= width - short_by and "  " not in body


def _wraps_into(lines: list[str], i: int, width: int) -> bool:
    """Whether ``lines[i]`` goes on the line above it."""
    prev, line = lines[i - 1], lines[i]
    body = line.strip()
    if not _is_full(prev, width) or prev.strip().endswith(_SENTENCE_STOPS):
        return False
    if not body or line[:1].isspace() or "  " in body or _BLOCK_START_RE.match(body) or DATE_LINE_RE.match(body):
        return False
    below = lines[i + 1].strip() if i + 1 < len(lines) else ""
    return not (is_organ_like(body) and DATE_LINE_RE.match(below))
