"""Breaking text into lines on the character grid, with the line-breaking rules of GB/T 15834.

Full-width characters take one cell each; runs of digits and Latin letters take their natural width in
the Latin font. A line never starts with a closing mark nor ends with an opening one, and —— and ……
never split: the fix is to squeeze punctuation on the line or to pull a character down to the next
line, never to hang outside the 版心. Every line but a paragraph's last is justified to the full width.
All lengths here are millimetres.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import accumulate, groupby, repeat
from operator import add, attrgetter, is_

from gongwen.layout.fonts import FontSet, LoadedFont
from gongwen.layout.spec import BLACK, MM_PER_PT, NO_LINE_END, NO_LINE_START, UNBREAKABLE_PAIRS

_EPSILON = 1e-6
# Ambiguous-width marks that are full-width in Chinese text.
_WIDE_AMBIGUOUS = set("“”‘’…—·§№★☆○●※→←↑↓°")
_PAIR_ENDS = {pair[1:] for pair in UNBREAKABLE_PAIRS}
# a character that can begin one of the pairs (found by a pattern: no string is made per character)
_PAIR_START_RE = re.compile("[" + re.escape("".join(sorted({pair[0] for pair in UNBREAKABLE_PAIRS}))) + "]")
_WIDTH = attrgetter("width")
_WORD_RE = re.compile(r"[^ ]* |[^ ]+")  # a word with the space after it, or the last word
# one object per look: items drawn alike compare by identity, quickly (the looks are few: fonts, styles
# and the scales of full-width and squeezed glyphs)
_LOOKS: dict[tuple[object, float, object], tuple] = {}
_MAX_LOOKS = 1024
_MAX_WORDS = 4096


@dataclass(frozen=True, slots=True)
class Style:
    """How a run of text is set: font role for Chinese, size in pt, colour, and the cell width (mm)."""

    role: str = "fangsong"
    size: float = 16.0
    color: tuple[float, float, float] = BLACK
    cell: float | None = None  # a full-width character's advance; the em (size) when None

    @property
    def cell_mm(self) -> float:
        return self.cell if self.cell is not None else self.size * MM_PER_PT


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    style: Style


@dataclass(frozen=True, slots=True, eq=False)
class Item:
    """An unbreakable unit: one full-width character, a pair like ——, or a run of Latin text.

    Items are immutable, so one item per character and style is made once and shared; an item is
    equal only to itself."""

    text: str
    font: LoadedFont
    style: Style
    width: float
    scale: float = 1.0  # horizontal scale that makes a full-width glyph fill its cell
    squeeze: float = 0.0  # how much of its width a punctuation mark may give up
    no_start: bool = False
    no_end: bool = False
    missing: bool = False  # no font has a glyph for it
    # font, scale and style in one object: items that share it can be drawn as one run of text
    look: tuple[LoadedFont, float, Style] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        look = (self.font, self.scale, self.style)
        kept = _LOOKS.get(look)
        if kept is None:
            if len(_LOOKS) >= _MAX_LOOKS:  # squeezed glyphs bring new scales: keep memory bounded
                _LOOKS.clear()
            kept = _LOOKS[look] = look
        object.__setattr__(self, "look", kept)

    def squeezed(self, width: float) -> Item:
        """The item narrowed to ``width``, its glyph condensed to match (made directly: a line that
        squeezes its punctuation makes many, and dataclasses.replace is several times slower)."""
        return Item(
            self.text,
            self.font,
            self.style,
            width,
            self.scale * width / self.width,
            self.squeeze,
            self.no_start,
            self.no_end,
            self.missing,
        )


class Line:
    """A set line: items with their advances (``widths``, mm), ``gap`` apart (the space justification
    adds after each item's advance, the same after every item), and from them each item's x offset from
    the line's left end (``xs``, worked out when first asked for: a line drawn as one run of text never
    needs them)."""

    __slots__ = ("items", "widths", "indent", "width", "gap", "_xs")

    def __init__(self, items: list[Item], widths: list[float], indent: float, width: float, gap: float = 0.0) -> None:
        self.items = items
        self.widths = widths
        self.indent = indent
        self.width = width
        self.gap = gap
        self._xs: list[float] | None = None

    @property
    def xs(self) -> list[float]:
        if self._xs is None:
            widths = self.widths
            self._xs = list(accumulate(map(add, widths[:-1], repeat(self.gap)), initial=0.0)) if widths else []
        return self._xs

    @property
    def text(self) -> str:
        return "".join(item.text for item in self.items)

    @property
    def right(self) -> float:
        """Right end of the ink box, from the line's left end."""
        if not self.items:
            return 0.0
        return self.xs[-1] + self.items[-1].width


def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F") or ch in _WIDE_AMBIGUOUS


def make_items(spans: list[Span], fonts: FontSet) -> list[Item]:
    """Turn styled text into breakable items."""
    items: list[Item] = []
    for span in spans:
        items.extend(_span_items(span, fonts))
    if any(_PAIR_START_RE.search(span.text) for span in spans):
        items = _merge_unbreakable_pairs(items)
    return items


class _Narrow:
    """In a style's table of items, marks a character set as Latin text (its words are made per run)."""


_NARROW = _Narrow()
_is_narrow = partial(is_, _NARROW)


def _span_items(span: Span, fonts: FontSet) -> list[Item]:
    """The items of a span: the full-width characters' own (made once per style and character), and the
    Latin words and numbers between them."""
    style = span.style
    made = fonts.typeset_memo.setdefault(style, {})
    text = span.text
    found: list = list(map(made.get, text))
    if not all(found):  # characters not met before in this style (items and the mark are true)
        for ch in set(text).difference(made):
            made[ch] = _wide_item(ch, style, fonts) if is_wide(ch) else _NARROW
        found = list(map(made.get, text))
    if _NARROW not in found:  # (items compare by identity: the scan is quick)
        return found
    items: list[Item] = []
    at = 0
    for narrow, group in groupby(found, _is_narrow):
        count = len(list(group))
        if narrow:
            items.extend(_latin_items(text[at : at + count], style, fonts))
        else:
            items.extend(found[at : at + count])
        at += count
    return items


def _wide_item(ch: str, style: Style, fonts: FontSet) -> Item:
    font = fonts.for_char(style.role, ch)
    missing = font is None
    fonts.made_missing |= missing
    font = font or fonts.roles[style.role]
    natural = font.width(ch, style.size) * MM_PER_PT or style.size * MM_PER_PT
    cell = style.cell_mm
    punct = unicodedata.category(ch).startswith("P")
    return Item(
        text=ch,
        font=font,
        style=style,
        width=cell,
        scale=cell / natural,
        squeeze=cell / 2 if punct and ch not in "…—·" else 0.0,
        no_start=ch in NO_LINE_START,
        no_end=ch in NO_LINE_END,
        missing=missing,
    )


def _latin_items(text: str, style: Style, fonts: FontSet) -> list[Item]:
    """Latin words and numbers, split after spaces; characters the Latin font lacks fall back. A word's
    item is made once per style (numbers and dates recur), up to a bound."""
    made = fonts.typeset_words.setdefault(style, {})
    if len(made) >= _MAX_WORDS:
        made.clear()
    items: list[Item] = []
    for word in _WORD_RE.findall(text):
        item = made.get(word)
        if item is None:
            item = made[word] = _latin_word(word, style, fonts.roles["latin"], fonts)
        items.append(item)
    return items


def _latin_word(word: str, style: Style, latin: LoadedFont, fonts: FontSet) -> Item:
    font: LoadedFont | None = latin
    if not all(latin.has(ch) for ch in word):
        font = next((f for f in fonts.all_fonts() if all(f.has(ch) for ch in word)), None)
    missing = font is None
    fonts.made_missing |= missing
    font = font or latin
    first, last = word[0], word.rstrip()[-1:] or word[-1]
    return Item(
        text=word,
        font=font,
        style=style,
        width=font.width(word, style.size) * MM_PER_PT,
        no_start=first in NO_LINE_START,
        no_end=last in NO_LINE_END,
        missing=missing,
    )


def _merge_unbreakable_pairs(items: list[Item]) -> list[Item]:
    merged: list[Item] = []
    for item in items:
        prev = merged[-1] if merged and item.text in _PAIR_ENDS else None
        if prev is not None and prev.text + item.text in UNBREAKABLE_PAIRS and prev.style == item.style:
            merged[-1] = replace(
                prev, text=prev.text + item.text, width=prev.width + item.width, squeeze=0.0, no_start=True
            )
        else:
            merged.append(item)
    return merged


def split_overlong(items: list[Item], width: float, widths: list[float]) -> list[Item]:
    """A Latin run wider than a line is cut into characters so that it can wrap (``widths``: the items')."""
    if max(widths, default=0.0) <= width:
        return items
    out: list[Item] = []
    for item in items:
        if item.width <= width or len(item.text) == 1:
            out.append(item)
            continue
        for ch in item.text:
            out.append(replace(item, text=ch, width=item.font.width(ch, item.style.size) * MM_PER_PT))
    return out


def break_lines(
    items: list[Item], width: float, first_indent: float = 0.0, indent: float = 0.0, justify_last: bool = False
) -> list[Line]:
    """Break ``items`` into lines ``width`` wide (mm), the first indented ``first_indent``."""
    widths = list(map(_WIDTH, items))
    split = split_overlong(items, width - max(first_indent, indent), widths)
    if split is not items:
        items, widths = split, list(map(_WIDTH, split))
    ends = [0.0, *accumulate(widths)]  # ends[k]: the width of the first k items
    lines: list[Line] = []
    start = 0
    while start < len(items):
        line_indent = first_indent if not lines else indent
        available = width - line_indent
        end = _fill(ends, start, available)
        last = end >= len(items)
        if not last:
            end = _legal_break(items, start, end, available)
            last = end >= len(items)
        lines.append(_set_line(items[start:end], widths[start:end], line_indent, available, not last or justify_last))
        start = end
    return lines


def _fill(ends: list[float], start: int, available: float) -> int:
    """Where a line from item ``start`` ends when it takes every item that fits (at least one)."""
    fits = bisect_right(ends, ends[start] + available + _EPSILON) - 1
    return max(fits, start + 1)


def _break_allowed(items: list[Item], at: int) -> bool:
    return not items[at].no_start and not items[at - 1].no_end


def _legal_break(items: list[Item], start: int, end: int, available: float) -> int:
    """Move a break that would start a line with a closing mark or end one with an opening mark."""
    if _break_allowed(items, end):
        return end
    squeezed = _squeeze_in(items, start, end, available)
    if squeezed is not None:
        return squeezed
    at = end - 1
    while at > start + 1 and not _break_allowed(items, at):
        at -= 1
    return at if at > start and _break_allowed(items, at) else end


def _squeeze_in(items: list[Item], start: int, end: int, available: float) -> int | None:
    """Keep the closing marks on this line by squeezing its punctuation, if there is enough of it."""
    if not items[end].no_start:
        return None
    stop = end
    while stop < len(items) and items[stop].no_start:
        stop += 1
    if stop < len(items) and not _break_allowed(items, stop):
        return None
    natural = sum(i.width for i in items[start:stop])
    room = sum(i.squeeze for i in items[start:stop])
    return stop if natural - available <= room + _EPSILON else None


def _set_line(items: list[Item], widths: list[float], indent: float, available: float, justify: bool) -> Line:
    """The line's items, squeezed where they overrun, and its gap; ``widths`` (the items' own) is the
    line's to keep."""
    natural = sum(widths)
    squeezed = natural > available + _EPSILON
    if squeezed:
        # squeeze punctuation: narrower cells, the glyphs condensed to match
        excess = natural - available
        room = sum(i.squeeze for i in items) or 1.0
        for k, item in enumerate(items):
            widths[k] -= item.squeeze * min(1.0, excess / room)
        natural = sum(widths)
        items = [item if w == item.width else item.squeezed(w) for item, w in zip(items, widths, strict=True)]
    gap = (available - natural) / (len(items) - 1) if justify and len(items) > 1 and natural < available else 0.0
    return Line(items, widths, indent, available, gap)


def set_unbroken(items: list[Item], indent: float = 0.0) -> Line:
    """One line as it comes, for centred or right-aligned text that must not wrap."""
    widths = list(map(_WIDTH, items))
    return _set_line(items, widths, indent, sum(widths), justify=False)


def text_width(items: list[Item]) -> float:
    return sum(i.width for i in items)
