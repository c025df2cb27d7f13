"""Text hard-wrapped at a fixed width: the line breaks of the wrap taken out before the elements are read.

Text extracted from a PDF, or copied from a page of fixed width, breaks every full line wherever the line
ends: inside a title, an organ's name or a 主送 list as readily as inside a sentence. The recognisers read
a document line by line, as GB/T 9704 sets its elements apart, so such breaks are taken out first. A line
as long as the wrap width goes on with the next line, unless it ends with a colon, a sentence ends before a
shorter line (the body's paragraphs are joined later, by the same width), or the next is indented (a new
paragraph), starts an element of its own (an ordinal, 附件, 抄送, a date) or is an organ's name standing
above a date (the 署名). A paragraph's indented first line stays whole, and a shorter last line joins only where a
blank line, an organ's name or a date follows it: the body tells a paragraph's and a heading's ends by the
length of their lines. Page numbers and page breaks stay where they are, and lines with gaps of two or
more spaces are columns. Nothing is removed; only line breaks are, and the warnings say how many.
"""

from __future__ import annotations

import re

from gongwen.normalize import CN_DIGITS, DATE_LINE_RE, PAGE_BREAK, PAGE_NUMBER_RE, wrap_width
from gongwen.parsing.patterns import is_organ_like

_BLOCK_START_RE = re.compile(
    rf"^(?:[{CN_DIGITS}]{{1,3}}[、.．]|[（(][{CN_DIGITS}\d]{{1,3}}[）)]|\d{{1,2}}[.．、](?!\d)|第[{CN_DIGITS}\d]{{1,5}}[章节条]"
    r"|附\s*件|抄\s*送|主\s*送|印\s*发|特此)"
)
_SENTENCE_ENDS = ("。", "！", "？", "；", "!", "?", ";")
_COLONS = ("：", ":")
_PROSE_MARKS_RE = re.compile("[，、；。]")
_MIN_FULL_LINES = 6
_INDENT = 2  # 字: a paragraph's first line is this much shorter (GB/T 9704 5.2.2 sets 正文 indented 2 字)


def unwrap_hard_wrapped(text: str) -> tuple[str, int, int | None]:
    """``text`` with the line breaks of a hard wrap taken out, how many were, and the wrap width (None when
    the text is not hard-wrapped). The width still tells the body's paragraphs apart afterwards: a line
    left unjoined here (one that ends a sentence) may yet go on with the next."""
    lines = text.split("\n")
    width = wrap_width([line.strip() for line in lines if line.strip()])
    if width is None:
        return text, 0, None
    full = [i for i in range(1, len(lines)) if _is_full(lines[i - 1], width) and lines[i].strip()]
    prose = sum(1 for i in full if _PROSE_MARKS_RE.search(lines[i - 1]))
    if len(full) < _MIN_FULL_LINES or prose < len(full) / 2:
        return text, 0, None  # few full lines, or not prose: short lines alike by chance (a page's metadata)
    if sum(1 for i in full if _BLOCK_START_RE.match(lines[i].strip())) > len(full) / 2:
        return text, 0, None  # full lines mostly followed by a new element: a list of equal lines, not a wrap
    joins = [i for i in range(1, len(lines)) if _wraps_into(lines, i, width)]
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in joins and out:
            out[-1] = out[-1].rstrip() + line.strip()
        else:
            out.append(line)
    return "\n".join(out), len(joins), width


def _is_full(line: str, width: int) -> bool:
    body = line.strip()
    short_by = _INDENT + 1 if line[:1].isspace() else 1
    return len(body) >= width - short_by and "  " not in body


def _wraps_into(lines: list[str], i: int, width: int) -> bool:
    """Whether ``lines[i]`` goes on the line above it."""
    prev, line = lines[i - 1], lines[i]
    body = line.strip()
    if not _is_full(prev, width) or prev.strip().endswith(_COLONS):
        return False  # a line that ends with a colon ends a 主送 or a label
    # between full lines a sentence's end is no paragraph's (a paragraph ends on a shorter line); a shorter
    # line after one, or one that ends a sentence, stays: whether the paragraph goes on there is the body's
    # to tell (parsing/body.py), by the wrap width
    ends = prev.strip().endswith(_SENTENCE_ENDS) or body.endswith(_SENTENCE_ENDS)
    if ends and not _is_full(line, width):
        return False
    if prev[:1].isspace():
        return False  # a paragraph's indented first line stays whole: its length tells the body it is one
    if not body or line[:1].isspace() or "  " in body or _BLOCK_START_RE.match(body) or DATE_LINE_RE.match(body):
        return False
    if PAGE_NUMBER_RE.match(body) or PAGE_BREAK in prev or PAGE_BREAK in line:
        return False  # a page's number and break are the page's: the paragraph is joined across them later
    below = lines[i + 1].strip() if i + 1 < len(lines) else ""
    if is_organ_like(body) and DATE_LINE_RE.match(below):
        return False
    # the last, shorter line of a paragraph or a heading is joined only where a blank line ends it: the
    # body tells a heading's end and a paragraph's by the length of the line, which joining would hide
    return _is_full(line, width) or not below or is_organ_like(below) or DATE_LINE_RE.match(below) is not None
