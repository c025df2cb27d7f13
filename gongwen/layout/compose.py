"""Page composition: a Document laid out on GB/T 9704-2012 pages as positioned text, rules and images.

The output is independent of any file format: the PDF writer draws it. Every distance comes from
``layout.spec``. Positions are millimetres from the top-left corner of the paper; text is placed on the
22-line grid of the 版心, one line per slot, except the marks of the 版头, which stand where 7.2.4 and
clause 10 put them.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from functools import cache

from gongwen.layout import spec
from gongwen.layout.fonts import FontSet
from gongwen.layout.options import LayoutOptions
from gongwen.layout.title import split_title
from gongwen.layout.typeset import Item, Line, Span, Style, break_lines, make_items, set_unbroken, text_width
from gongwen.model import Block, Document, Heading

BODY = Style("fangsong", spec.SIZE_3, cell=spec.CHAR_PITCH)
HEADING_STYLES = {
    1: Style("heiti", spec.SIZE_3, cell=spec.CHAR_PITCH),
    2: Style("kaiti", spec.SIZE_3, cell=spec.CHAR_PITCH),
    3: BODY,
    4: BODY,
}
FLAG = Style("heiti", spec.SIZE_3, cell=spec.CHAR_PITCH)
SIGNER_NAME = Style("kaiti", spec.SIZE_3, cell=spec.CHAR_PITCH)
TITLE = Style("xiaobiaosong", spec.SIZE_2)
RED_BODY = Style("fangsong", spec.SIZE_3, color=spec.RED, cell=spec.CHAR_PITCH)
COLOPHON = Style("fangsong", spec.SIZE_4)
PAGE_NUMBER = Style("songti", spec.SIZE_4)
TEXT_LEFT = spec.MARGIN_LEFT
TEXT_RIGHT = spec.MARGIN_LEFT + spec.TEXT_WIDTH
TEXT_BOTTOM = spec.MARGIN_TOP + spec.TEXT_HEIGHT
CHAR = spec.CHAR_PITCH


@dataclass(slots=True)
class PlacedLine:
    """A set line on a page, its items at ``x`` plus their offsets. On a grid line (``slot`` set), ``y`` is
    the line's top and each item stands on the baseline of its size; otherwise ``y`` is the baseline."""

    x: float
    y: float
    line: Line
    slot: int | None = None

    def baseline(self, item: Item) -> float:
        return self.y + _baseline_offset(item.style.size) if self.slot is not None else self.y


@dataclass
class Rule:
    x0: float
    x1: float
    y: float
    thickness: float
    color: tuple[float, float, float] = spec.BLACK


@dataclass
class PlacedImage:
    path: str
    x: float
    y: float
    width: float
    height: float


@dataclass
class Page:
    lines: list[PlacedLine] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    images: list[PlacedImage] = field(default_factory=list)
    numbered: bool = True
    number: int | None = None


def slot_top(slot: int) -> float:
    return spec.MARGIN_TOP + slot * spec.LINE_PITCH


def baseline(slot: int, size_pt: float) -> float:
    size = size_pt * spec.MM_PER_PT
    return slot_top(slot) + (spec.LINE_PITCH - size) / 2 + spec.EM_ASCENT * size


@cache
def _baseline_offset(size_pt: float) -> float:
    return baseline(0, size_pt) - slot_top(0)


def first_slot_below(y: float) -> int:
    """The first grid line whose top is at or below ``y``."""
    slot = 0
    while slot_top(slot) < y - 1e-6:
        slot += 1
    return slot


class Composer:
    """Places lines on the grid page after page."""

    def __init__(self, fonts: FontSet, options: LayoutOptions) -> None:
        self.fonts = fonts
        self.options = options
        self.pages: list[Page] = [Page()]
        self.slot = 0
        self.missing: set[str] = set()
        self.marks: dict[str, float] = {}

    # -- pages and slots ----------------------------------------------------------------------
    @property
    def page(self) -> Page:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(Page())
        self.slot = 0

    def skip(self, lines: int) -> None:
        """Leave blank lines; blank lines do not carry over to a new page."""
        self.slot = min(self.slot + lines, spec.LINES_PER_PAGE)

    def room(self) -> int:
        return spec.LINES_PER_PAGE - self.slot

    def ensure_room(self, lines: int, carry: int = 0) -> None:
        """Start a new page unless ``lines`` fit; bring the last ``carry`` lines along with them."""
        if self.room() >= lines:
            return
        moved = self._pop_lines(carry) if lines + carry <= spec.LINES_PER_PAGE else []
        self.new_page()
        for placed in moved:
            self.page.lines.append(PlacedLine(placed.x, slot_top(self.slot), placed.line, self.slot))
            self.slot += 1

    def _pop_lines(self, count: int) -> list[PlacedLine]:
        """Take the last ``count`` lines placed on the grid off the page (never all of them)."""
        popped: list[PlacedLine] = []
        lines = self.page.lines
        on_grid = sum(1 for placed in lines if placed.slot is not None)
        while count > 0 and on_grid > count and lines and lines[-1].slot is not None:
            popped.insert(0, lines.pop())
            on_grid -= 1
            count -= 1
        return popped

    # -- placing lines ------------------------------------------------------------------------
    def place(self, line: Line, left: float) -> None:
        """Put one set line on the current grid line, ``left`` mm from the paper's left edge."""
        if self.slot >= spec.LINES_PER_PAGE:
            self.new_page()
        self.place_at(line, left, self.slot)
        self.slot += 1

    def place_at(self, line: Line, left: float, slot: int) -> None:
        self._note_missing(line)
        self.page.lines.append(PlacedLine(left + line.indent, slot_top(slot), line, slot))

    def place_absolute(self, line: Line, left: float, base: float) -> None:
        self._note_missing(line)
        self.page.lines.append(PlacedLine(left + line.indent, base, line))

    def _note_missing(self, line: Line) -> None:
        if self.fonts.made_missing:  # else no item anywhere lacks a glyph: nothing to look for
            self.missing.update(item.text for item in line.items if item.missing)

    def items(self, *spans: Span) -> list[Item]:
        return make_items(list(spans), self.fonts)

    def paragraph(
        self,
        spans: list[Span],
        first_indent: float = 0.0,
        indent: float = 0.0,
        width: float = spec.TEXT_WIDTH,
        left: float = TEXT_LEFT,
        keep_with_next: bool = False,
    ) -> None:
        lines = break_lines(self.items(*spans), width, first_indent, indent)
        if keep_with_next:
            self.ensure_room(len(lines) + 1)
        for line in lines:
            self.place(line, left)

    def right_aligned(self, spans: list[Span], right_indent: float) -> None:
        line = set_unbroken(self.items(*spans))
        self.place(line, TEXT_RIGHT - right_indent - line.right)

    def centred(self, spans: list[Span]) -> None:
        line = set_unbroken(self.items(*spans))
        self.place(line, TEXT_LEFT + (spec.TEXT_WIDTH - line.right) / 2)


# -- the document -----------------------------------------------------------------------------------
@dataclass
class Composition:
    """The laid-out pages, the characters no font could draw, and where the layout put the parts whose
    place follows from the text above them (the DOCX writer reproduces them in its paragraph flow)."""

    pages: list[Page]
    missing: set[str]
    marks: dict[str, float] = field(default_factory=dict)


def compose(doc: Document, fonts: FontSet, options: LayoutOptions | None = None) -> Composition:
    """Lay ``doc`` out on pages."""
    options = options or LayoutOptions()
    c = Composer(fonts, options)
    _front(c, doc)
    _blocks(c, doc.body)
    _closing(c, doc)
    for annex in doc.annexes:
        _annex(c, annex.label or ("附件" if len(doc.annexes) == 1 and doc.attachments else ""), annex.title, annex.body)
    _colophon(c, doc)
    _number_pages(c, doc)
    return Composition(c.pages, c.missing, c.marks)


# -- 版头 ------------------------------------------------------------------------------------------
def _front(c: Composer, doc: Document) -> None:
    if doc.format == "letter":
        rule_y = _letter_head(c, doc)
    elif doc.format == "order":
        rule_y = _order_head(c, doc)
    elif doc.format == "minutes" and doc.banner:
        rule_y = _minutes_head(c, doc)
    else:
        rule_y = _standard_head(c, doc)
    if rule_y is not None:
        c.slot = max(c.slot, first_slot_below(rule_y) + spec.TITLE_LINES_BELOW_RULE)
        c.marks["rule_y"] = rule_y
    elif c.slot > 0:
        c.skip(1)
    c.marks["title_slot"] = c.slot
    _title_and_addressees(c, doc)


def _flags(c: Composer, doc: Document) -> None:
    """份号, 密级和保密期限, 紧急程度: top left, one per line (7.2.1–7.2.3)."""
    if doc.copy_number:
        c.paragraph([Span(doc.copy_number, BODY)])
    if doc.secrecy:
        c.paragraph([Span(doc.secrecy + (f"★{doc.secrecy_period}" if doc.secrecy_period else ""), FLAG)])
    if doc.urgency:
        c.paragraph([Span(doc.urgency, FLAG)])


def _mark_lines(c: Composer, doc: Document) -> tuple[list[str], str]:
    """The organ names of the mark, stacked for 联合行文, and the suffix standing beside them."""
    banner = doc.banner or ""
    for suffix in ("文件", "命令", "纪要"):
        if banner.endswith(suffix) and len(doc.issuers) > 1:
            return list(doc.issuers), suffix
    return [banner], ""


def _draw_mark(c: Composer, names: list[str], suffix: str, top: float) -> float:
    """Draw the red 发文机关标志 with its top at ``top``; return its bottom."""
    if not any(names) and not suffix:  # a letter whose organ is not known: no mark, the rules still stand
        em = spec.BANNER_SIZE * spec.MM_PER_PT
        c.marks.update(mark_top=top, mark_bottom=top, mark_size=spec.BANNER_SIZE, mark_pitch=em * 1.15)
        return top
    widest = max(text_width(c.items(Span(n, Style("xiaobiaosong", spec.BANNER_SIZE)))) for n in names)
    suffix_width = text_width(c.items(Span(suffix, Style("xiaobiaosong", spec.BANNER_SIZE)))) if suffix else 0.0
    gap = spec.BANNER_SIZE * spec.MM_PER_PT * 0.5 if suffix else 0.0
    scale = min(1.0, spec.TEXT_WIDTH / (widest + gap + suffix_width))
    size = spec.BANNER_SIZE * scale
    style = Style("xiaobiaosong", size, spec.RED)
    em = size * spec.MM_PER_PT
    pitch = em * 1.15
    block_width = widest * scale + gap * scale + suffix_width * scale
    left = TEXT_LEFT + (spec.TEXT_WIDTH - block_width) / 2
    for k, name in enumerate(names):
        line = set_unbroken(c.items(Span(name, style)))
        x = left + (widest * scale - line.right) / 2 if suffix else TEXT_LEFT + (spec.TEXT_WIDTH - line.right) / 2
        c.place_absolute(line, x, top + k * pitch + spec.EM_ASCENT * em)
    bottom = top + (len(names) - 1) * pitch + em
    c.marks.update(mark_top=top, mark_bottom=bottom, mark_size=size, mark_pitch=pitch)
    if suffix:
        line = set_unbroken(c.items(Span(suffix, style)))
        middle = (top + bottom) / 2
        c.place_absolute(line, left + (widest + gap) * scale, middle - em / 2 + spec.EM_ASCENT * em)
    return bottom


def _standard_head(c: Composer, doc: Document) -> float | None:
    _flags(c, doc)
    if not doc.banner:
        if doc.doc_number:
            c.centred([Span(doc.doc_number.text, BODY)])
        return None
    names, suffix = _mark_lines(c, doc)
    bottom = _draw_mark(c, names, suffix, spec.MARGIN_TOP + spec.BANNER_TOP)
    c.slot = max(c.slot, first_slot_below(bottom) + spec.DOC_NUMBER_LINES_BELOW_BANNER)
    number_slot = _number_and_signers(c, doc)
    rule_y = _rule_below(number_slot) if number_slot is not None else bottom + spec.HEADER_RULE_BELOW_NUMBER
    c.page.rules.append(Rule(TEXT_LEFT, TEXT_RIGHT, rule_y, spec.HEADER_RULE_THICKNESS, spec.RED))
    return rule_y


def _rule_below(slot: int) -> float:
    """The red rule 4 mm below the glyphs of the 发文字号 line (7.2.7)."""
    size = spec.SIZE_3 * spec.MM_PER_PT
    return baseline(slot, spec.SIZE_3) + spec.EM_DESCENT * size + spec.HEADER_RULE_BELOW_NUMBER


def _number_and_signers(c: Composer, doc: Document) -> int | None:
    """发文字号 centred, or beside the 签发人 with the last line of names (7.2.5, 7.2.6)."""
    number = doc.doc_number.text if doc.doc_number else None
    c.marks["number_slot"] = c.slot
    if not doc.signers:
        if number is None:
            return None
        c.centred([Span(number, BODY)])
        return c.slot - 1
    rows = [doc.signers[i : i + spec.SIGNERS_PER_LINE] for i in range(0, len(doc.signers), spec.SIGNERS_PER_LINE)]
    label = "签发人："
    label_width = text_width(c.items(Span(label, BODY)))
    widest = max(text_width(c.items(Span("  ".join(r), SIGNER_NAME))) for r in rows)
    names_left = TEXT_RIGHT - spec.SIGNER_INDENT_CHARS * CHAR - widest
    for k, row in enumerate(rows):
        slot = c.slot
        if k == 0:
            c.place_at(set_unbroken(c.items(Span(label, BODY))), names_left - label_width, slot)
        c.place_at(set_unbroken(c.items(Span("　".join(row), SIGNER_NAME))), names_left, slot)
        if k == len(rows) - 1 and number:
            c.place_at(set_unbroken(c.items(Span(number, BODY))), TEXT_LEFT + spec.SIGNER_INDENT_CHARS * CHAR, slot)
        c.slot += 1
    return c.slot - 1


def _letter_head(c: Composer, doc: Document) -> float:
    """信函格式 (10.1): mark 30 mm from the paper top, red double lines, flags left and number right."""
    names = [doc.issuers[0]] if doc.issuers else [(doc.banner or "").removesuffix("文件")]
    bottom = _draw_mark(c, names, "", spec.LETTER_MARK_TOP_FROM_PAPER)
    top_rule = bottom + spec.LETTER_RULE_BELOW_MARK
    _double_rule(c, top_rule, thick_first=True)
    _double_rule(c, spec.PAGE_HEIGHT - spec.LETTER_RULE_FROM_PAPER_BOTTOM, thick_first=False)
    first = top_rule + spec.LETTER_RULE_GAP + spec.LETTER_RULE_THICK + spec.LETTER_FIRST_ELEMENT_GAP
    c.slot = first_slot_below(first - (spec.LINE_PITCH - spec.SIZE_3 * spec.MM_PER_PT) / 2)
    start = c.slot
    c.marks["first_slot"] = start
    _flags(c, doc)
    if doc.doc_number:
        line = set_unbroken(c.items(Span(doc.doc_number.text, BODY)))
        c.place_at(line, TEXT_RIGHT - line.right, start)
        c.slot = max(c.slot, start + 1)
    c.slot += spec.TITLE_LINES_BELOW_RULE
    return slot_top(0) - 1.0  # the title follows the flags, not a rule


def _double_rule(c: Composer, y: float, thick_first: bool) -> None:
    left = (spec.PAGE_WIDTH - spec.LETTER_RULE_LENGTH) / 2
    right = left + spec.LETTER_RULE_LENGTH
    first, second = (spec.LETTER_RULE_THICK, spec.LETTER_RULE_THIN)
    if not thick_first:
        first, second = second, first
    c.page.rules.append(Rule(left, right, y, first, spec.RED))
    c.page.rules.append(Rule(left, right, y + spec.LETTER_RULE_GAP + (first + second) / 2, second, spec.RED))


def _order_head(c: Composer, doc: Document) -> float | None:
    """命令格式 (10.2): mark 20 mm below the 版心 top, 令号 two lines below it, body two lines below that."""
    _flags(c, doc)
    bottom = _draw_mark(c, [doc.banner or "命令"], "", spec.MARGIN_TOP + spec.ORDER_MARK_TOP)
    c.slot = max(c.slot, first_slot_below(bottom) + spec.ORDER_NUMBER_LINES_BELOW_MARK)
    if doc.order_number:
        c.centred([Span(doc.order_number, BODY)])
        c.skip(spec.ORDER_NUMBER_LINES_BELOW_MARK)
    return None


def _minutes_head(c: Composer, doc: Document) -> float:
    """纪要格式 (10.3): mark 35 mm below the 版心 top; 期号, then the office and date over a red rule."""
    _flags(c, doc)
    bottom = _draw_mark(c, [doc.banner or ""], "", spec.MARGIN_TOP + spec.MINUTES_MARK_TOP)
    c.slot = max(c.slot, first_slot_below(bottom) + 1)
    if doc.order_number:
        c.centred([Span(doc.order_number, BODY)])
    slot = c.slot
    if doc.issuers:
        c.place_at(set_unbroken(c.items(Span(doc.issuers[0], BODY))), TEXT_LEFT + CHAR, slot)
    if doc.date:
        line = set_unbroken(c.items(Span(standard_date(doc.date), BODY)))
        c.place_at(line, TEXT_RIGHT - CHAR - line.right, slot)
    c.slot = slot + 1
    rule_y = _rule_below(slot)
    c.page.rules.append(Rule(TEXT_LEFT, TEXT_RIGHT, rule_y, spec.HEADER_RULE_THICKNESS, spec.RED))
    return rule_y


def _title_and_addressees(c: Composer, doc: Document) -> None:
    if doc.title:
        max_units = spec.TEXT_WIDTH / (spec.SIZE_2 * spec.MM_PER_PT)
        lines = split_title(doc.title, int(max_units))
        c.ensure_room(len(lines) + 2)
        for text in lines:
            c.centred([Span(text, TITLE)])
        c.skip(spec.ADDRESSEE_LINES_BELOW_TITLE)
    if doc.addressees:
        c.paragraph([Span("，".join(doc.addressees) + "：", BODY)])


# -- 正文 ------------------------------------------------------------------------------------------
def _blocks(c: Composer, blocks: list[Block]) -> None:
    indent = spec.PARAGRAPH_INDENT_CHARS * CHAR
    for k, block in enumerate(blocks):
        if isinstance(block, Heading):
            style = HEADING_STYLES[block.level]
            spans = [Span(block.label + block.title, style)]
            if block.text:
                spans.append(Span(block.text, BODY))
            alone = not block.text and k + 1 < len(blocks)
            c.paragraph(spans, first_indent=indent, keep_with_next=alone)
        else:
            c.paragraph([Span(block.text, BODY)], first_indent=indent)


# -- 附件说明, 署名, 日期, 附注 -----------------------------------------------------------------------
def standard_date(value: _dt.date) -> str:
    """成文日期 in Arabic numerals, the year in full, no zero padding (7.3.5.4)."""
    return f"{value.year}年{value.month}月{value.day}日"


def _closing(c: Composer, doc: Document) -> None:
    indent = spec.ATTACHMENT_NOTE_INDENT_CHARS * CHAR
    if doc.attachments:
        c.skip(spec.ATTACHMENT_NOTE_LINES_BELOW_BODY)
        _attachment_note(c, doc.attachments, indent)
    for line in doc.attendance:
        _attendance(c, line.role, line.names, indent)
    date = standard_date(doc.date) if doc.date else None
    if doc.format == "order":
        _stamp_closing(c, doc.signatures, date)
    elif doc.signatures or date:
        if doc.format == "minutes" and not doc.signatures:
            return
        if c.options.sealed:
            _sealed_closing(c, doc.signatures, date)
        else:
            _unsealed_closing(c, doc.signatures, date)
    if doc.note:
        c.paragraph([Span(f"（{doc.note}）", BODY)], first_indent=spec.NOTE_INDENT_CHARS * CHAR)


def _attachment_note(c: Composer, titles: list[str], indent: float) -> None:
    label = "附件："
    label_width = text_width(c.items(Span(label, BODY)))
    if len(titles) == 1:
        c.paragraph([Span(label + titles[0], BODY)], first_indent=indent, indent=indent + label_width)
        return
    for n, title in enumerate(titles, start=1):
        number = f"{n}."
        number_width = text_width(c.items(Span(number, BODY)))
        lines = break_lines(
            c.items(Span(number + title, BODY)), spec.TEXT_WIDTH - indent - label_width, 0.0, number_width
        )
        if n == 1:
            c.place(set_unbroken(c.items(Span(label, BODY))), TEXT_LEFT + indent)
            c.slot -= 1
        for line in lines:
            c.place(line, TEXT_LEFT + indent + label_width)


def _attendance(c: Composer, role: str, names: list[str], indent: float) -> None:
    """出席/请假/列席 (10.3): label in 黑体, names in 仿宋, continuation aligned after the colon."""
    label = f"{role}："
    label_width = text_width(c.items(Span(label, FLAG)))
    c.paragraph([Span(label, FLAG), Span("，".join(names), BODY)], first_indent=indent, indent=indent + label_width)


def _unsealed_closing(c: Composer, signatures: list[str], date: str | None) -> None:
    """7.3.5.2: 署名 right-indented 2 字 one line below the body, the date 2 字 further right below it."""
    c.ensure_room(spec.SIGNATURE_LINES_BELOW_BODY + len(signatures) + (1 if date else 0), carry=1)
    c.skip(spec.SIGNATURE_LINES_BELOW_BODY)
    widths = [text_width(c.items(Span(s, BODY))) for s in signatures] or [0.0]
    signature = max(widths)
    date_width = text_width(c.items(Span(date, BODY))) if date else 0.0
    right = spec.SIGNATURE_RIGHT_INDENT_CHARS * CHAR
    if date and date_width > signature - spec.DATE_OFFSET_CHARS * CHAR:
        right = date_width - signature + (spec.DATE_OFFSET_CHARS + spec.SIGNATURE_RIGHT_INDENT_CHARS) * CHAR
    signature_left = TEXT_RIGHT - right - signature
    for s in signatures:
        c.place(set_unbroken(c.items(Span(s, BODY))), signature_left)
    if date:
        c.place(set_unbroken(c.items(Span(date, BODY))), signature_left + spec.DATE_OFFSET_CHARS * CHAR)


def _sealed_closing(c: Composer, signatures: list[str], date: str | None) -> None:
    """7.3.5.1: date right-indented 4 字, signature centred over it, the seal pressing on both."""
    c.ensure_room(spec.SEALED_SIGNATURE_LINES_BELOW_BODY + 2, carry=1)
    c.skip(spec.SEALED_SIGNATURE_LINES_BELOW_BODY)
    date_line = set_unbroken(c.items(Span(date, BODY))) if date else None
    date_right = TEXT_RIGHT - spec.SEALED_DATE_RIGHT_INDENT_CHARS * CHAR
    date_left = date_right - (date_line.right if date_line else 8 * CHAR)
    centre_of_date = (date_left + date_right) / 2
    slot = c.slot
    sigs = signatures or [""]
    lines = [set_unbroken(c.items(Span(s, BODY))) for s in sigs]
    if len(lines) == 1:
        centres = [centre_of_date]
    else:  # joint issuance: side by side, the last one over the date
        step = (centre_of_date - (TEXT_LEFT + spec.TEXT_WIDTH / (2 * len(lines)))) / (len(lines) - 1)
        centres = [centre_of_date - step * (len(lines) - 1 - k) for k in range(len(lines))]
    for line, centre in zip(lines, centres, strict=True):
        if line.items:
            c.place_at(line, centre - line.right / 2, slot)
        _seal(c, centre, slot)
    c.slot = slot + 1
    if date_line:
        c.place(date_line, date_left)


def _seal(c: Composer, centre_x: float, signature_slot: int) -> None:
    """The seal image, upright, centred on the signature, its centre a little above the signature."""
    path = c.options.seal_image
    if not path:
        return
    size = spec.SEAL_DIAMETER
    centre_y = slot_top(signature_slot) + spec.LINE_PITCH * 0.35
    c.page.images.append(PlacedImage(path, centre_x - size / 2, centre_y - size / 2, size, size))


def _stamp_closing(c: Composer, signatures: list[str], date: str | None) -> None:
    """7.3.5.3 / 10.2: 职务 and 签名章 two lines below the body, right-indented 4 字; date one line below."""
    c.ensure_room(spec.STAMP_LINES_BELOW_BODY + len(signatures) + 2, carry=1)
    c.skip(spec.STAMP_LINES_BELOW_BODY)
    for s in signatures:
        c.right_aligned([Span(s, BODY)], spec.STAMP_RIGHT_INDENT_CHARS * CHAR)
    if date:
        c.skip(1)
        c.right_aligned([Span(date, BODY)], spec.STAMP_RIGHT_INDENT_CHARS * CHAR)


# -- 附件 ------------------------------------------------------------------------------------------
def _annex(c: Composer, label: str, title: str | None, body: list[Block]) -> None:
    """7.3.7: a new page; 附件N in 黑体 on line 1, the title centred on line 3, then the body."""
    c.new_page()
    if label:
        c.paragraph([Span(label, FLAG)])
    if title:
        c.slot = spec.ANNEX_TITLE_LINE
        max_units = spec.TEXT_WIDTH / (spec.SIZE_2 * spec.MM_PER_PT)
        for text in split_title(title, int(max_units)):
            c.centred([Span(text, TITLE)])
        c.skip(1)
    _blocks(c, body)


# -- 版记 ------------------------------------------------------------------------------------------
def _colophon(c: Composer, doc: Document) -> None:
    """7.4: 抄送 and 印发 between rules, the last rule on the last line of the last page's 版心."""
    letter = doc.format == "letter"
    rows: list[list[Line]] = []
    em = spec.SIZE_4 * spec.MM_PER_PT
    inner = spec.COLOPHON_INDENT_CHARS * em
    if doc.cc:
        label = "抄送："
        label_width = text_width(c.items(Span(label, COLOPHON)))
        rows.append(
            break_lines(
                c.items(Span(label + "，".join(doc.cc) + "。", COLOPHON)), spec.TEXT_WIDTH - 2 * inner, 0.0, label_width
            )
        )
    printed = (doc.printer or doc.print_date) and not letter
    needed = sum(len(r) for r in rows) + (1 if printed else 0)
    if not needed:
        return
    before = (len(c.pages), c.slot)
    _colophon_page(c, needed)
    top_slot = spec.LINES_PER_PAGE - needed
    c.marks.update(
        colophon_pages_added=len(c.pages) - before[0],
        colophon_from_slot=before[1],
        colophon_top_slot=top_slot,
        colophon_blank_page=float(not c.pages[-2].numbered) if len(c.pages) > 1 else 0.0,
    )
    c.slot = top_slot
    page = c.page
    if not letter:
        page.rules.append(Rule(TEXT_LEFT, TEXT_RIGHT, slot_top(top_slot), spec.COLOPHON_THICK_RULE))
    for row in rows:
        for line in row:
            c.place(line, TEXT_LEFT + inner)
    if printed:
        if rows:
            page.rules.append(Rule(TEXT_LEFT, TEXT_RIGHT, slot_top(c.slot), spec.COLOPHON_THIN_RULE))
        slot = c.slot
        if doc.printer:
            c.place_at(set_unbroken(c.items(Span(doc.printer, COLOPHON))), TEXT_LEFT + inner, slot)
        if doc.print_date:
            line = set_unbroken(c.items(Span(standard_date(doc.print_date) + "印发", COLOPHON)))
            c.place_at(line, TEXT_RIGHT - inner - line.right, slot)
        c.slot += 1
    if not letter:
        page.rules.append(Rule(TEXT_LEFT, TEXT_RIGHT, TEXT_BOTTOM, spec.COLOPHON_THICK_RULE))


def _colophon_page(c: Composer, needed: int) -> None:
    """Move to the page the 版记 goes on: this one if it has room; an even one when printing double-sided,
    with an unnumbered blank page before it where needed (spec §2.3 #19, #20)."""
    if c.room() < needed:
        c.new_page()
    if not c.options.double_sided or len(c.pages) % 2 == 0:
        return
    if not c.page.lines and c.slot == 0:
        c.page.numbered = False
        c.new_page()
        c.page.numbered = False
    else:
        c.new_page()


def _number_pages(c: Composer, doc: Document) -> None:
    """7.5: — N — 7 mm below the 版心, odd pages right and even pages left, 1 字 in."""
    em = spec.SIZE_4 * spec.MM_PER_PT
    for n, page in enumerate(c.pages, start=1):
        if not page.numbered or (doc.format == "letter" and n == 1):
            continue
        page.number = n
        text = f"{spec.PAGE_NUMBER_DASH} {n} {spec.PAGE_NUMBER_DASH}"
        line = set_unbroken(c.items(Span(text, PAGE_NUMBER)))
        # the dash sits at mid-em: put the em box's middle on the 7 mm line
        base = TEXT_BOTTOM + spec.PAGE_NUMBER_BELOW_TEXT + (0.5 - spec.EM_DESCENT) * em
        x = (
            TEXT_RIGHT - spec.PAGE_NUMBER_INDENT_CHARS * em - line.right
            if n % 2
            else TEXT_LEFT + spec.PAGE_NUMBER_INDENT_CHARS * em
        )
        page.lines.append(PlacedLine(x + line.indent, base, line))
