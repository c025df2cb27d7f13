"""Breaking a 标题 into lines: each line a complete piece of meaning, lengths balanced into a
trapezoid or diamond (GB/T 9704-2012 7.3.1), shared by the DOCX and PDF writers."""

from __future__ import annotations

import math
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from functools import lru_cache, partial

from gongwen.layout.spec import NO_LINE_END, NO_LINE_START
from gongwen.made_once import MadeOnce

# Good places to end a line (after the text) and to start one (before the text).
_BREAK_AFTER = ("关于", "，", "、", "》", "）", "”", "；")
_BREAK_BEFORE = (
    "关于",
    "《",
    "（",
    "的通知",
    "的决定",
    "的意见",
    "的请示",
    "的报告",
    "的批复",
    "的函",
    "的通报",
    "的通告",
    "的公告",
    "的决议",
    "的纪要",
)
_GOOD, _FAIR, _POOR = 0.0, 1.5, 6.0
_EXTRA_LINE_COST = 12.0
_SLACK = 1e-6


def units(text: str) -> float:
    """Width in 字: full-width characters 1, others ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F") or ch in "“”‘’…—·" else 0.5 for ch in text)


def split_title(title: str, max_units: float) -> list[str]:
    """Break ``title`` into centred lines no wider than ``max_units`` 字."""
    return list(_split_title(title, max_units))


@lru_cache(maxsize=256)
def _split_title(title: str, max_units: float) -> tuple[str, ...]:
    title = title.strip()
    if not title or units(title) <= max_units:
        return (title,) if title else ()
    least = math.ceil(units(title) / max_units)
    best: tuple[float, list[str]] | None = None
    prefix = [0.0]  # prefix[i]: the width of title[:i]
    for ch in title:
        prefix.append(prefix[-1] + units(ch))
    penalties = MadeOnce(partial(_break_penalty, title))  # by position, where a split may break
    for count in (least, least + 1):
        found = _best_split(title, count, max_units, prefix, penalties)
        if found:
            found = (found[0] + _EXTRA_LINE_COST * (count - least), found[1])
        if found and (best is None or found[0] < best[0]):
            best = found
    return tuple(best[1] if best else _hard_split(title, max_units))


def _break_penalty(title: str, at: int) -> float | None:
    """Cost of breaking before index ``at``; None where a break is not allowed."""
    before, after = title[at - 1], title[at]  # the characters either side of the break
    if after in NO_LINE_START or before in NO_LINE_END:
        return None
    if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
        return None
    if title[max(at - 2, 0) : at] + after == "———" or before + after in ("——", "……"):
        return None
    # inside a book title a break costs more, but its own good places (before a parenthesis, after a
    # comma) still beat the rest
    surcharge = _FAIR if title.count("《", 0, at) > title.count("》", 0, at) else 0.0
    if title.endswith(_BREAK_AFTER, 0, at) or title.startswith(_BREAK_BEFORE, at):
        return _GOOD + surcharge
    if before == "的" or title.startswith(("关于", "和", "及", "与", "并", "坚决", "进一步"), at):
        return _FAIR + surcharge
    return _POOR + surcharge


def _best_split(
    title: str, count: int, max_units: float, prefix: list[float], penalties: Mapping[int, float | None]
) -> tuple[float, list[str]] | None:
    n = len(title)
    ideal = prefix[-1] / count
    # cost[k][i]: best cost of setting title[:i] in k lines; a line ending at i starts no further back
    # than max_units allows (prefix is increasing, in steps of ½)
    inf = float("inf")
    cost = [[inf] * (n + 1) for _ in range(count + 1)]
    back = [[0] * (n + 1) for _ in range(count + 1)]
    cost[0][0] = 0.0
    total = prefix[-1]
    for k in range(1, count + 1):
        previous, current, back_k = cost[k - 1], cost[k], back[k]
        # only the ends from which the rest still fits in the lines left, and that k lines can reach
        # (widths are multiples of ½, so the sums are exact): the others lead to no split
        first = bisect_left(prefix, total - (count - k) * max_units - _SLACK) if k < count else n
        last = bisect_right(prefix, k * max_units + _SLACK) - 1
        for i in range(max(first, 1), min(last, n) + 1):
            penalty = 0.0 if i == n else penalties[i]
            if penalty is None:
                continue
            extra, end = penalty * 4, prefix[i]
            best, best_j = inf, 0
            for j in range(max(k - 1, bisect_left(prefix, end - max_units)), i):
                before = previous[j]
                if before != inf:
                    c = before + abs(end - prefix[j] - ideal) + extra
                    if c < best:
                        best, best_j = c, j
            current[i], back_k[i] = best, best_j
    if cost[count][n] == inf:
        return None
    lines: list[str] = []
    i = n
    for k in range(count, 0, -1):
        j = back[k][i]
        lines.append(title[j:i])
        i = j
    lines.reverse()
    return cost[count][n] + _shape_penalty(lines), lines


def _shape_penalty(lines: list[str]) -> float:
    """Prefer a trapezoid (each line no longer than the one above) or a diamond (longest in the middle)."""
    widths = [units(line) for line in lines]
    trapezoid = sum(max(0.0, b - a) for a, b in zip(widths, widths[1:], strict=False))
    top = widths.index(max(widths))
    diamond = sum(max(0.0, a - b) for a, b in zip(widths[:top], widths[1 : top + 1], strict=False)) + sum(
        max(0.0, b - a) for a, b in zip(widths[top:], widths[top + 1 :], strict=False)
    )
    return min(trapezoid, diamond)


def _hard_split(title: str, max_units: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for ch in title:
        if units(current + ch) > max_units:
            lines.append(current)
            current = ""
        current += ch
    return lines + ([current] if current else [])
