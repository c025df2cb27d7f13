"""DOCX in GB/T 9704-2012 layout, for Word, WPS and LibreOffice.

Every paragraph has an exact line height of one grid line (225 mm / 22), and 16 pt body runs are
condensed so that exactly 28 characters fill a line, which Word, WPS and LibreOffice all honour (unlike
Word's character grid, which LibreOffice lays out differently). The places that follow from text above
them (the 发文字号 under the mark, the title under the red rule, the 版记 at the foot of the last page)
come from the same page composition as the PDF writer, so both writers agree. Lines that stand at fixed
places (the red rules, the rules of the 版记, the 信函 double lines) and the seal image are anchored to
the page.

The base package (page, grid, styles, fonts, page-number footers) is made once per process through
python-docx. Each document's body is then written as WordprocessingML text: the properties of each kind
of paragraph and run are made once through python-docx and kept as text, and ``writers.docx_package``
joins the body to the shared parts.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass
from functools import lru_cache

import docx
import docx.document
from docx.enum.section import WD_HEADER_FOOTER
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.parts.hdrftr import FooterPart, HeaderPart
from docx.section import Section
from docx.shared import Mm, Pt, Twips
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from gongwen.layout import spec
from gongwen.layout.compose import Composition, compose, first_slot_below, slot_top, standard_date
from gongwen.layout.fonts import DOCX_NAMES, load_fonts
from gongwen.layout.options import LayoutOptions
from gongwen.layout.title import split_title, units
from gongwen.made_once import MadeOnce
from gongwen.model import Block, Document, Heading
from gongwen.writers import document_properties
from gongwen.writers.docx_package import XML_UNHOLDABLE, DocumentPackage, PackageTemplate, fragment
from gongwen.writers.zip_file import zip_bytes

TW = spec.TWIPS_PER_MM
LINE = round(spec.LINE_PITCH * TW)  # 580 twips
# 22 lines of 580 twips are 12760 twips, 4 more than 225 mm: the bottom margin gives them up (0.07 mm)
BOTTOM_MARGIN = round(spec.PAGE_HEIGHT * TW) - round(spec.MARGIN_TOP * TW) - spec.LINES_PER_PAGE * LINE
CONDENSE = -5  # twentieths of a point: 16 pt glyphs on a 15.75 pt pitch, 28 to the 156 mm line
CHAR = 315  # twips per character of 16 pt body text as condensed
EMU_PER_MM = 36000


@dataclass(frozen=True)
class Look:
    role: str = "fangsong"
    size: float = spec.SIZE_3
    red: bool = False


BODY = Look()
HEADING_LOOKS = {1: Look("heiti"), 2: Look("kaiti"), 3: BODY, 4: BODY}
FLAG = Look("heiti")
TITLE = Look("xiaobiaosong", spec.SIZE_2)
COLOPHON = Look("fangsong", spec.SIZE_4)


def render_docx(doc: Document, options: LayoutOptions | None = None, composition: Composition | None = None) -> bytes:
    """The DOCX bytes of ``doc``; ``composition`` is the document's page composition when already made."""
    options = options or LayoutOptions()
    if composition is None:
        composition = compose(doc, load_fonts(options.fonts, options.use_system_fonts, options.font_dir), options)
    writer = _DocxWriter(doc, options, composition)
    writer.write()
    return zip_bytes(writer.members())


# -- the package every document starts from ------------------------------------------------------
# python-docx's default template carries parts a 公文 has no use for (a thumbnail, customXml, a theme,
# styles with effects, numbering, web settings and some 160 styles, 0.8 MB of XML in all).
_KEPT_PARTS = ("styles", "settings", "fontTable", "footer", "header", "image")
_KEPT_STYLES = ("Header", "Footer")


@lru_cache(maxsize=1)
def _base_package() -> bytes:
    """An empty A4 document with the page, grid, fonts, styles and page-number footers of every 公文."""
    d = docx.Document()
    _drop_unused_parts(d)
    _drop_unused_styles(d)
    body = d.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    section = d.sections[0]
    section.page_width, section.page_height = Mm(spec.PAGE_WIDTH), Mm(spec.PAGE_HEIGHT)
    section.top_margin = Twips(round(spec.MARGIN_TOP * TW))
    section.bottom_margin = Twips(BOTTOM_MARGIN)
    section.left_margin = Twips(round(spec.MARGIN_LEFT * TW))
    section.right_margin = Twips(round(spec.MARGIN_RIGHT * TW))
    section.header_distance = Mm(15)
    section.footer_distance = Mm(spec.MARGIN_BOTTOM - spec.PAGE_NUMBER_BELOW_TEXT - 3.4)
    section.gutter = Twips(0)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = section._sectPr.makeelement(qn("w:docGrid"), {})
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE))
    _defaults(d)
    _page_numbers(d, section)
    _font_table(d)
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


@lru_cache(maxsize=1)
def package_template() -> PackageTemplate:
    """The base package taken apart, once per process."""
    return PackageTemplate(_base_package())


def _drop_unused_parts(d: docx.document.Document) -> None:
    package_rels = d.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package_rels[rid]
    for rid, rel in list(d.part.rels.items()):
        if not rel.reltype.endswith(tuple(f"/{kind}" for kind in _KEPT_PARTS)):
            d.part.drop_rel(rid)


def _drop_unused_styles(d: docx.document.Document) -> None:
    """Keep the default styles and those of headers and footers, with the styles they name."""
    styles = d.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    wanted = [i for i, s in by_id.items() if s.get(qn("w:default")) == "1" or i in _KEPT_STYLES]
    kept: set[str] = set()
    while wanted:
        style_id = wanted.pop()
        if style_id in kept or style_id not in by_id:
            continue
        kept.add(style_id)
        for tag in ("w:basedOn", "w:next", "w:link"):
            named = by_id[style_id].find(qn(tag))
            if named is not None:
                wanted.append(named.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in kept:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)


# How Word and WPS should substitute a named font that is not installed: the name Windows gives the
# same face today (Windows has had 仿宋 and 楷体 in place of the *_GB2312 fonts since Vista), and the
# GB2312 character set (86) so that a Chinese face is chosen, never a Japanese or Latin one.
_SUBSTITUTES = {  # role: alternative name, character set, family, pitch
    "fangsong": ("仿宋", "86", "modern", "fixed"),
    "kaiti": ("楷体", "86", "modern", "fixed"),
    "xiaobiaosong": (None, "86", "roman", "fixed"),
    "heiti": ("SimHei", "86", "modern", "fixed"),
    "songti": ("SimSun", "86", "auto", "variable"),
    "latin": (None, "00", "roman", "variable"),
}


def _font_table(d: docx.document.Document) -> None:
    """The fonts the document names, with what to substitute for them (replacing the template's)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    entries = []
    for role, (alternative, charset, family, pitch) in _SUBSTITUTES.items():
        alt = f'<w:altName w:val="{alternative}"/>' if alternative else ""
        entries.append(
            f'<w:font w:name="{DOCX_NAMES[role]}">{alt}<w:charset w:val="{charset}"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        )
    header = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    xml = f'{header}<w:fonts xmlns:w="{w}">{"".join(entries)}</w:fonts>'
    for rel in d.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            rel.target_part._blob = xml.encode("utf-8")


def _defaults(d: docx.document.Document) -> None:
    """Fonts and language on the defaults and the Normal style; theme fonts removed."""
    styles = d.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
    normal = d.styles["Normal"]
    _set_run_properties(normal.element.get_or_add_rPr(), BODY)
    pf = normal.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing = Twips(LINE)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    ppr = normal.element.get_or_add_pPr()
    # no extra space between Chinese and Latin text; no punctuation hanging into the margin
    spacing = ppr.find(qn("w:spacing"))
    for tag in ("w:overflowPunct", "w:autoSpaceDE", "w:autoSpaceDN"):  # schema order: before w:spacing
        spacing.addprevious(ppr.makeelement(qn(tag), {qn("w:val"): "0"}))
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _set_run_properties(rpr, BODY)


def _page_numbers(d: docx.document.Document, section) -> None:
    """— N — in 4号宋体, odd pages right and even pages left, 1 字 in (7.5)."""
    settings = d.settings.element
    if settings.find(qn("w:evenAndOddHeaders")) is None:
        settings.append(settings.makeelement(qn("w:evenAndOddHeaders"), {}))
    em = round(spec.SIZE_4 * 20)
    for footer, align, indent in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left"),
    ):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = align
        setattr(p.paragraph_format, f"{indent}_indent", Twips(em * spec.PAGE_NUMBER_INDENT_CHARS))
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        look = Look("songti", spec.SIZE_4)
        _add_run(p, f"{spec.PAGE_NUMBER_DASH} ", look, latin_role="songti")
        _page_field(_add_run(p, "", look, latin_role="songti")._r)
        _add_run(p, f" {spec.PAGE_NUMBER_DASH}", look, latin_role="songti")


def _add_run(p: DocxParagraph, text: str, look: Look, latin_role: str = "latin") -> Run:
    """A run added through python-docx (for the base package, made once per process)."""
    run = p.add_run(text)
    _set_run_properties(run._r.get_or_add_rPr(), look, latin_role)
    return run


# -- WordprocessingML as text --------------------------------------------------------------------
# Each document's paragraphs and runs are written as text. The properties are made once for each
# combination through python-docx (so they are what it makes) and kept as text.
_MAX_MADE = 1024
_MAX_PROPERTY = 255
# the markup characters are escaped; what XML text cannot hold goes
_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"}) | XML_UNHOLDABLE
# the characters _XML_TEXT changes: most text has none, and is taken as it is (translate looks up every one)
_XML_TEXT_CHANGES_RE = re.compile("[" + re.escape("".join(map(chr, _XML_TEXT))) + "]")
_XML_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


class _Paragraph:
    """A paragraph being written: the settings of its properties, its tab stops, and its runs as text."""

    __slots__ = ("settings", "tabs", "page_break_before", "runs")

    def __init__(self, settings: tuple[object, ...]) -> None:
        self.settings = settings
        self.tabs: tuple[tuple[int, WD_TAB_ALIGNMENT], ...] = ()
        self.page_break_before = False
        self.runs: list[str] = []

    def add_tab_stop(self, position: int, alignment: WD_TAB_ALIGNMENT) -> None:
        self.tabs += ((position, alignment),)

    def xml(self) -> str:
        properties = _PARAGRAPH_PROPERTIES[(self.settings, self.tabs, self.page_break_before)]
        return f"<w:p>{properties}{''.join(self.runs)}</w:p>"


def _made_paragraph_properties(
    key: tuple[tuple[object, ...], tuple[tuple[int, WD_TAB_ALIGNMENT], ...], bool],
) -> str:
    settings, tabs, page_break_before = key
    p = DocxParagraph(OxmlElement("w:p"), None)
    _format_paragraph(p, *settings)
    for position, alignment in tabs:
        p.paragraph_format.tab_stops.add_tab_stop(Twips(position), alignment)
    if page_break_before:
        p.paragraph_format.page_break_before = True
    return fragment(p._p.pPr)


def _made_run_properties(key: tuple[Look, str]) -> str:
    element = OxmlElement("w:rPr")
    _set_run_properties(element, *key)
    return fragment(element)


def _made_cell_paragraph_properties(key: tuple[WD_ALIGN_PARAGRAPH, int]) -> str:
    align, line = key
    p = DocxParagraph(OxmlElement("w:p"), None)
    pf = p.paragraph_format
    pf.alignment = align
    pf.line_spacing = Twips(line)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.space_before = pf.space_after = Twips(0)
    return fragment(p._p.pPr)


# by (settings, tab stops, page break), (look, Latin role) and (alignment, line height); bounded, as
# indents and tab stops vary with the text
_PARAGRAPH_PROPERTIES = MadeOnce(_made_paragraph_properties, _MAX_MADE)
_RUN_PROPERTIES = MadeOnce(_made_run_properties, _MAX_MADE)
_CELL_PARAGRAPH_PROPERTIES = MadeOnce(_made_cell_paragraph_properties, _MAX_MADE)


def _run_xml(text: str, look: Look, latin_role: str = "latin") -> str:
    """A run of ``text``: tabs and line ends as w:tab and w:br, as python-docx writes them."""
    properties = _RUN_PROPERTIES[(look, latin_role)]
    if "\t" not in text and "\n" not in text and "\r" not in text:
        return f"<w:r>{properties}{_text_xml(text)}</w:r>"
    pieces, at = [], 0
    for k, char in enumerate(text):
        if char in "\t\n\r":
            pieces.append(_text_xml(text[at:k]))
            pieces.append("<w:tab/>" if char == "\t" else "<w:br/>")
            at = k + 1
    pieces.append(_text_xml(text[at:]))
    return f"<w:r>{properties}{''.join(pieces)}</w:r>"


def _text_xml(text: str) -> str:
    if not text:
        return ""
    escaped = text.translate(_XML_TEXT) if _XML_TEXT_CHANGES_RE.search(text) else text
    if len(text.strip()) < len(text):
        return f'<w:t xml:space="preserve">{escaped}</w:t>'
    return f"<w:t>{escaped}</w:t>"


def _format_paragraph(
    p: DocxParagraph,
    align: WD_ALIGN_PARAGRAPH | None,
    first: int,
    left: int,
    right: int,
    line: int,
    before: int,
    keep_next: bool,
) -> None:
    pf = p.paragraph_format
    pf.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.line_spacing = Twips(line)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.space_before = Twips(before)
    pf.space_after = Twips(0)
    pf.widow_control = False
    if first:
        pf.first_line_indent = Twips(first)
    if left:
        pf.left_indent = Twips(left)
    if right:
        pf.right_indent = Twips(right)
    if keep_next:
        pf.keep_with_next = True
    pPr = p._p.get_or_add_pPr()
    pPr.insert_element_before(
        pPr.makeelement(qn("w:overflowPunct"), {qn("w:val"): "0"}),
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:jc",
    )
    pPr.insert_element_before(pPr.makeelement(qn("w:snapToGrid"), {qn("w:val"): "0"}), "w:spacing", "w:ind", "w:jc")


class _DocxWriter:
    def __init__(self, doc: Document, options: LayoutOptions, composition: Composition) -> None:
        self.doc = doc
        self.options = options
        self.marks = composition.marks
        template = package_template()
        self.package = DocumentPackage(template)
        self.body: list[_Paragraph | str] = []  # paragraphs, and tables and section breaks as text
        self.section = deepcopy(template.section)  # the last section's properties
        self.last: _Paragraph | None = None  # the last paragraph of the body
        self.slot = 0  # grid line of page 1's flow, while the 版头 is written
        self.shape_id = 100

    def write(self) -> None:
        self._front()
        self._blocks(self.doc.body)
        self._closing()
        for annex in self.doc.annexes:
            label = annex.label or ("附件" if len(self.doc.annexes) == 1 and self.doc.attachments else "")
            self._annex(label, annex.title, annex.body)
        self._colophon()

    def members(self) -> Iterator[tuple[str, bytes]]:
        """The package's ZIP members once the document is written."""
        template = self.package.template
        body = "".join(block if isinstance(block, str) else block.xml() for block in self.body)
        document_xml = template.document_head + body + fragment(self.section) + template.document_tail
        # the core properties hold 255 characters each; a longer value is cut, not refused
        properties = {key: value[:_MAX_PROPERTY] for key, value in document_properties(self.doc).items()}
        properties["comments"] = "gongwen"
        return self.package.members(document_xml, properties)

    # -- paragraphs ---------------------------------------------------------------------------
    def para(
        self,
        align: WD_ALIGN_PARAGRAPH | None = None,
        first: int = 0,
        left: int = 0,
        right: int = 0,
        line: int = LINE,
        before: int = 0,
        keep_next: bool = False,
    ) -> _Paragraph:
        p = _Paragraph((align, first, left, right, line, before, keep_next))
        self.body.append(p)
        self.last = p
        return p

    def _run(self, p: _Paragraph, text: str, look: Look, latin_role: str = "latin") -> None:
        p.runs.append(_run_xml(text, look, latin_role))

    def blank(self, lines: int = 1) -> None:
        for _ in range(max(0, lines)):
            self.para()
            self.slot += 1

    def text_para(self, text: str, look: Look = BODY, **kwargs) -> _Paragraph:
        p = self.para(**kwargs)
        self._run(p, text, look)
        self.slot += 1
        return p

    # -- 版头 ---------------------------------------------------------------------------------
    def _front(self) -> None:
        doc = self.doc
        if doc.format == "letter":
            self._letter_head()
        else:
            self._flags()
            if doc.format == "order" or (doc.format == "minutes" and doc.banner) or doc.banner:
                self._mark()
            if doc.format == "order":
                self._order_number()
            elif doc.format == "minutes" and doc.banner:
                self._minutes_line()
            elif doc.banner:
                self._number_and_signers()
                self._red_rule(self.marks.get("rule_y"))
            elif doc.doc_number:
                self.text_para(doc.doc_number.text, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.blank(int(self.marks.get("title_slot", self.slot)) - self.slot)
        self._title_and_addressees()

    def _flags(self) -> None:
        doc = self.doc
        if doc.copy_number:
            self.text_para(doc.copy_number)
        if doc.secrecy:
            self.text_para(doc.secrecy + (f"★{doc.secrecy_period}" if doc.secrecy_period else ""), FLAG)
        if doc.urgency:
            self.text_para(doc.urgency, FLAG)

    def _mark(self) -> None:
        """The red mark, its top where the composition put it; the flow returns to the grid after it."""
        marks = self.marks
        top_mm, bottom_mm = marks["mark_top"], marks["mark_bottom"]
        size = marks["mark_size"]
        end_slot = first_slot_below(bottom_mm)
        start_mm = slot_top(self.slot)
        em_tw = size * 20
        line = round(em_tw * 1.2)
        # text sits at the foot of an exact line: the ink's top is about 0.1 em below the line's top
        before = max(0, round((top_mm - start_mm) * TW - em_tw * 0.1))
        look = Look("xiaobiaosong", size, red=True)
        names, suffix = self._mark_names()
        if suffix:
            pitch = round(marks["mark_pitch"] * TW)
            table_height = (end_slot - self.slot) * LINE - before
            self.para(line=max(before, 20))
            self._mark_table(names, suffix, look, pitch, table_height - max(before, 20) + before)
        else:
            height = (end_slot - self.slot) * LINE
            p = self.para(align=WD_ALIGN_PARAGRAPH.CENTER, line=line, before=before)
            self._run(p, names[0], look)
            self.para(line=max(20, height - before - line))
        self.slot = end_slot

    def _mark_names(self) -> tuple[list[str], str]:
        doc = self.doc
        banner = doc.banner or ("命令" if doc.format == "order" else "")
        for suffix in ("文件", "命令", "纪要"):
            if banner.endswith(suffix) and len(doc.issuers) > 1:
                return list(doc.issuers), suffix
        return [banner], ""

    def _mark_table(self, names: list[str], suffix: str, look: Look, pitch: int, height: int) -> None:
        """联合行文: the organs stacked, 文件 beside them, centred on the block (7.2.4): a table of one row
        of exact height, fixed layout, no borders."""
        name_width = round(max(units(n) for n in names) * look.size * 20 + 600)  # room for the cell margins
        suffix_width = round(units(suffix) * look.size * 20 + 600)
        names_xml = "".join(_cell_paragraph_xml(name, look, WD_ALIGN_PARAGRAPH.CENTER, pitch) for name in names)
        suffix_xml = _cell_paragraph_xml(suffix, look, WD_ALIGN_PARAGRAPH.LEFT, pitch)
        self.body.append(
            '<w:tbl><w:tblPr><w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0"'
            ' w:noVBand="1" w:val="04A0"/></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="{name_width}"/><w:gridCol w:w="{suffix_width}"/></w:tblGrid>'
            f'<w:tr><w:trPr><w:trHeight w:val="{max(height, pitch * len(names))}" w:hRule="exact"/></w:trPr>'
            f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{name_width}"/></w:tcPr>{names_xml}</w:tc>'
            f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{suffix_width}"/><w:vAlign w:val="center"/></w:tcPr>'
            f"{suffix_xml}</w:tc></w:tr></w:tbl>"
        )

    def _number_and_signers(self) -> None:
        doc = self.doc
        self.blank(int(self.marks.get("number_slot", self.slot)) - self.slot)
        number = doc.doc_number.text if doc.doc_number else ""
        if not doc.signers:
            if number:
                self.text_para(number, align=WD_ALIGN_PARAGRAPH.CENTER)
            return
        rows = [doc.signers[i : i + spec.SIGNERS_PER_LINE] for i in range(0, len(doc.signers), spec.SIGNERS_PER_LINE)]
        # a right tab right-aligns what follows it: the first row ends 1 字 from the right edge, and
        # later rows start under its first name
        names_right = spec.CHARS_PER_LINE * CHAR - spec.SIGNER_INDENT_CHARS * CHAR
        names_left = names_right - round(units("　".join(rows[0])) * CHAR)
        for k, row in enumerate(rows):
            p = self.para(align=WD_ALIGN_PARAGRAPH.LEFT, left=spec.SIGNER_INDENT_CHARS * CHAR)
            if k == len(rows) - 1 and number:
                self._run(p, number, BODY)
            if k == 0:
                p.add_tab_stop(names_right, WD_TAB_ALIGNMENT.RIGHT)
                self._run(p, "\t签发人：", BODY)
            else:
                p.add_tab_stop(names_left, WD_TAB_ALIGNMENT.LEFT)
                self._run(p, "\t", BODY)
            self._run(p, "　".join(row), Look("kaiti"))
            self.slot += 1

    def _red_rule(self, y: float | None) -> None:
        if y is None:
            return
        runs = self.last.runs if self.last else self.para().runs
        self._anchored_line(runs, spec.MARGIN_LEFT, y, spec.HEADER_RULE_WIDTH, spec.HEADER_RULE_THICKNESS, spec.RED_HEX)

    def _order_number(self) -> None:
        self.blank(spec.ORDER_NUMBER_LINES_BELOW_MARK)
        if self.doc.order_number:
            self.text_para(self.doc.order_number, align=WD_ALIGN_PARAGRAPH.CENTER)
            self.blank(spec.ORDER_NUMBER_LINES_BELOW_MARK)

    def _minutes_line(self) -> None:
        doc = self.doc
        self.blank(1)
        if doc.order_number:
            self.text_para(doc.order_number, align=WD_ALIGN_PARAGRAPH.CENTER)
        p = self.para(align=WD_ALIGN_PARAGRAPH.LEFT, left=CHAR)
        p.add_tab_stop((spec.CHARS_PER_LINE - 1) * CHAR, WD_TAB_ALIGNMENT.RIGHT)
        self._run(
            p, (doc.issuers[0] if doc.issuers else "") + "\t" + (standard_date(doc.date) if doc.date else ""), BODY
        )
        self.slot += 1
        self._red_rule(self.marks.get("rule_y"))

    def _letter_head(self) -> None:
        """信函格式 (10.1): the mark and the double lines stand in the first page's header."""
        doc = self.doc
        rid, header = self.package.add_part("/word/header%d.xml", CT.WML_HEADER, RT.HEADER)
        self.section.add_headerReference(WD_HEADER_FOOTER.FIRST_PAGE, rid)
        section = Section(self.section, None)
        section.different_first_page_header_footer = True
        section.header_distance = Mm(spec.LETTER_MARK_TOP_FROM_PAPER - 1)
        runs: list[str] = []
        name = doc.issuers[0] if doc.issuers else (doc.banner or "").removesuffix("文件")
        runs.append(_run_xml(name, Look("xiaobiaosong", self.marks.get("mark_size", spec.BANNER_SIZE), red=True)))
        left = (spec.PAGE_WIDTH - spec.LETTER_RULE_LENGTH) / 2
        top_rule = self.marks["mark_bottom"] + spec.LETTER_RULE_BELOW_MARK
        bottom_rule = spec.PAGE_HEIGHT - spec.LETTER_RULE_FROM_PAPER_BOTTOM
        for y, first, second in (
            (top_rule, spec.LETTER_RULE_THICK, spec.LETTER_RULE_THIN),
            (bottom_rule, spec.LETTER_RULE_THIN, spec.LETTER_RULE_THICK),
        ):
            self._anchored_line(runs, left, y, spec.LETTER_RULE_LENGTH, first, spec.RED_HEX)
            second_y = y + spec.LETTER_RULE_GAP + (first + second) / 2
            self._anchored_line(runs, left, second_y, spec.LETTER_RULE_LENGTH, second, spec.RED_HEX)
        head, tail = _centred_header()
        self.package.set_blob(header, (head + "".join(runs) + tail).encode("utf-8"))
        secrecy = doc.secrecy and doc.secrecy + (f"★{doc.secrecy_period}" if doc.secrecy_period else "")
        flags = [t for t in (doc.copy_number, secrecy, doc.urgency) if t]
        self.blank(int(self.marks.get("first_slot", 0)))
        rows = max(1, len(flags))
        for k in range(rows):
            p = self.para(align=WD_ALIGN_PARAGRAPH.LEFT)
            p.add_tab_stop(spec.CHARS_PER_LINE * CHAR, WD_TAB_ALIGNMENT.RIGHT)
            if k < len(flags):
                self._run(p, flags[k], BODY if k == 0 and doc.copy_number else FLAG)
            if k == 0 and doc.doc_number:
                self._run(p, "\t" + doc.doc_number.text, BODY)
            self.slot += 1

    def _title_and_addressees(self) -> None:
        doc = self.doc
        if doc.title:
            max_units = int(spec.TEXT_WIDTH / (spec.SIZE_2 * spec.MM_PER_PT))
            lines = split_title(doc.title, max_units)
            for text in lines:
                p = self.para(align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
                self._run(p, text, TITLE)
                self.slot += 1
            self.blank(spec.ADDRESSEE_LINES_BELOW_TITLE)
        if doc.addressees:
            self.text_para("，".join(doc.addressees) + "：")

    # -- 正文 ---------------------------------------------------------------------------------
    def _blocks(self, blocks: list[Block]) -> None:
        indent = spec.PARAGRAPH_INDENT_CHARS * CHAR
        for k, block in enumerate(blocks):
            if isinstance(block, Heading):
                alone = not block.text and k + 1 < len(blocks)
                p = self.para(first=indent, keep_next=alone)
                self._run(p, block.label + block.title, HEADING_LOOKS[block.level])
                if block.text:
                    self._run(p, block.text, BODY)
            else:
                p = self.para(first=indent)
                self._run(p, block.text, BODY)

    # -- closing ------------------------------------------------------------------------------
    def _closing(self) -> None:
        doc = self.doc
        indent = spec.ATTACHMENT_NOTE_INDENT_CHARS * CHAR
        if doc.attachments:
            self.para()
            self._attachment_note(doc.attachments, indent)
        for line in doc.attendance:
            label = f"{line.role}："
            p = self.para(first=-round(units(label) * CHAR), left=indent + round(units(label) * CHAR))
            self._run(p, label, FLAG)
            self._run(p, "，".join(line.names), BODY)
        date = standard_date(doc.date) if doc.date else None
        if doc.format == "order":
            self._stamp_closing(doc.signatures, date)
        elif (doc.signatures or date) and not (doc.format == "minutes" and not doc.signatures):
            if self.options.sealed:
                self._sealed_closing(doc.signatures, date)
            else:
                self._unsealed_closing(doc.signatures, date)
        if doc.note:
            p = self.para(first=spec.NOTE_INDENT_CHARS * CHAR)
            self._run(p, f"（{doc.note}）", BODY)

    def _attachment_note(self, titles: list[str], indent: int) -> None:
        label = "附件："
        label_width = round(units(label) * CHAR)
        if len(titles) == 1:
            p = self.para(first=-label_width, left=indent + label_width)
            self._run(p, label + titles[0], BODY)
            return
        for n, title in enumerate(titles, start=1):
            number = f"{n}."
            number_width = round(units(number) * CHAR)
            p = self.para(
                first=-number_width - (label_width if n == 1 else 0), left=indent + label_width + number_width
            )
            self._run(p, (label if n == 1 else "") + number + title, BODY)

    def _unsealed_closing(self, signatures: list[str], date: str | None) -> None:
        """7.3.5.2, with the longer-date rule; positions in 字 as the PDF writer uses them."""
        signature = max((units(s) for s in signatures), default=0.0)
        date_units = units(date) if date else 0.0
        right = spec.SIGNATURE_RIGHT_INDENT_CHARS
        if date and date_units > signature - spec.DATE_OFFSET_CHARS:
            right = date_units - signature + spec.DATE_OFFSET_CHARS + spec.SIGNATURE_RIGHT_INDENT_CHARS
        left = round((spec.CHARS_PER_LINE - right - signature) * CHAR)
        self.para(keep_next=True)
        for k, s in enumerate(signatures):
            p = self.para(align=WD_ALIGN_PARAGRAPH.LEFT, left=left, keep_next=bool(date) or k < len(signatures) - 1)
            self._run(p, s, BODY)
        if date:
            p = self.para(align=WD_ALIGN_PARAGRAPH.LEFT, left=left + spec.DATE_OFFSET_CHARS * CHAR)
            self._run(p, date, BODY)

    def _sealed_closing(self, signatures: list[str], date: str | None) -> None:
        """7.3.5.1: date right-indented 4 字, the signature centred over it, the seal pressing on both."""
        date_units = units(date) if date else 8.0
        date_right = spec.CHARS_PER_LINE - spec.SEALED_DATE_RIGHT_INDENT_CHARS
        centre = date_right - date_units / 2
        for _ in range(spec.SEALED_SIGNATURE_LINES_BELOW_BODY):
            self.para(keep_next=True)
        sigs = signatures or [""]
        p = self.para(align=WD_ALIGN_PARAGRAPH.LEFT, keep_next=True)
        if len(sigs) == 1:
            centres = [centre]
        else:
            first = spec.CHARS_PER_LINE / (2 * len(sigs))
            step = (centre - first) / (len(sigs) - 1)
            centres = [centre - step * (len(sigs) - 1 - k) for k in range(len(sigs))]
        for s, c in zip(sigs, centres, strict=True):
            p.add_tab_stop(round(c * CHAR), WD_TAB_ALIGNMENT.CENTER)
            self._run(p, "\t" + s, BODY)
            self._seal(p, c)
        if date:
            q = self.para(align=WD_ALIGN_PARAGRAPH.RIGHT, right=spec.SEALED_DATE_RIGHT_INDENT_CHARS * CHAR)
            self._run(q, date, BODY)

    def _stamp_closing(self, signatures: list[str], date: str | None) -> None:
        for _ in range(spec.STAMP_LINES_BELOW_BODY):
            self.para(keep_next=True)
        for s in signatures:
            p = self.para(align=WD_ALIGN_PARAGRAPH.RIGHT, right=spec.STAMP_RIGHT_INDENT_CHARS * CHAR, keep_next=True)
            self._run(p, s, BODY)
        if date:
            self.para(keep_next=True)
            p = self.para(align=WD_ALIGN_PARAGRAPH.RIGHT, right=spec.STAMP_RIGHT_INDENT_CHARS * CHAR)
            self._run(p, date, BODY)

    # -- 附件 ---------------------------------------------------------------------------------
    def _annex(self, label: str, title: str | None, body: list[Block]) -> None:
        p = self.para(align=WD_ALIGN_PARAGRAPH.LEFT)
        p.page_break_before = True
        self._run(p, label, FLAG)
        if title:
            self.para()
            max_units = int(spec.TEXT_WIDTH / (spec.SIZE_2 * spec.MM_PER_PT))
            for text in split_title(title, max_units):
                q = self.para(align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
                self._run(q, text, TITLE)
            self.para()
        self._blocks(body)

    # -- 版记 ---------------------------------------------------------------------------------
    def _colophon(self) -> None:
        doc = self.doc
        marks = self.marks
        if "colophon_top_slot" not in marks:
            return
        letter = doc.format == "letter"
        top = int(marks["colophon_top_slot"])
        if marks.get("colophon_blank_page"):
            self._blank_page_section()
            pad, new_page = top, True
        elif marks["colophon_pages_added"]:
            pad, new_page = top, True
        else:
            pad, new_page = top - int(marks["colophon_from_slot"]), False
        for k in range(pad):
            p = self.para()
            if k == 0 and new_page:
                p.page_break_before = True
        inner = spec.COLOPHON_INDENT_CHARS * round(spec.SIZE_4 * 20)
        first_para = None
        if doc.cc:
            label = "抄送："
            label_width = round(units(label) * spec.SIZE_4 * 20)
            p = self.para(first=-label_width, left=inner + label_width, right=inner)
            self._run(p, label + "，".join(doc.cc) + "。", COLOPHON)
            first_para = p
        printed = (doc.printer or doc.print_date) and not letter
        if printed:
            p = self.para(align=WD_ALIGN_PARAGRAPH.LEFT, left=inner)
            # tab stops count from the page margin, not from the indent
            p.add_tab_stop(round(spec.TEXT_WIDTH * TW) - inner, WD_TAB_ALIGNMENT.RIGHT)
            date = standard_date(doc.print_date) + "印发" if doc.print_date else ""
            self._run(p, (doc.printer or "") + "\t" + date, COLOPHON)
            first_para = first_para or p
        if letter or first_para is None:
            return
        rows = spec.LINES_PER_PAGE - top
        anchor = first_para.runs
        left, width = spec.MARGIN_LEFT, spec.TEXT_WIDTH
        self._anchored_line(anchor, left, slot_top(top), width, spec.COLOPHON_THICK_RULE, "000000")
        if doc.cc and printed:
            self._anchored_line(
                anchor, left, slot_top(spec.LINES_PER_PAGE - 1), width, spec.COLOPHON_THIN_RULE, "000000"
            )
        self._anchored_line(anchor, left, slot_top(top + rows), width, spec.COLOPHON_THICK_RULE, "000000")

    def _blank_page_section(self) -> None:
        """An unnumbered blank page, then the 版记 page, also unnumbered (spec §2.3 #19, #20): the section so
        far ends in a paragraph holding its properties, and the new one has empty footers of its own."""
        self.body.append(f"<w:p><w:pPr>{fragment(self.section.clone())}</w:pPr></w:p>")
        for reference in self.section.xpath("w:headerReference|w:footerReference"):
            self.section.remove(reference)
        for kind in (WD_HEADER_FOOTER.PRIMARY, WD_HEADER_FOOTER.EVEN_PAGE, WD_HEADER_FOOTER.FIRST_PAGE):
            rid, _ = self.package.add_part("/word/footer%d.xml", CT.WML_FOOTER, RT.FOOTER, _empty_footer())
            self.section.add_footerReference(kind, rid)
        self.para()

    # -- anchored lines and the seal ----------------------------------------------------------
    def _anchored_line(self, runs: list[str], x: float, y: float, length: float, thickness: float, color: str) -> None:
        self.shape_id += 1
        runs.append(f"<w:r><w:drawing>{_line_xml(self.shape_id, x, y, length, thickness, color)}</w:drawing></w:r>")

    def _seal(self, p: _Paragraph, centre_chars: float) -> None:
        path = self.options.seal_image
        if not path:
            return
        rid, filename = self.package.add_image(path)
        size = spec.SEAL_DIAMETER
        x = spec.MARGIN_LEFT + centre_chars * CHAR / TW - size / 2
        # vertical: centre a little above the signature's line, as the PDF writer puts it
        self.shape_id += 1
        anchor = _anchor_xml(
            self.shape_id,
            x,
            0.0,
            size,
            size,
            _picture_xml(rid, filename, size),
            relative_v="paragraph",
            offset_v=(spec.LINE_PITCH * 0.35 - size / 2),
        )
        p.runs.append(f"<w:r><w:drawing>{anchor}</w:drawing></w:r>")


def _cell_paragraph_xml(text: str, look: Look, align: WD_ALIGN_PARAGRAPH, line: int) -> str:
    return f"<w:p>{_CELL_PARAGRAPH_PROPERTIES[(align, line)]}{_run_xml(text, look)}</w:p>"


def _set_run_properties(rpr, look: Look, latin_role: str = "latin") -> None:
    """East-Asian and Latin fonts, size, colour, language, and the condensing of 16 pt text."""
    for tag in ("w:rFonts", "w:sz", "w:szCs", "w:color", "w:spacing", "w:lang", "w:kern"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    east, latin = DOCX_NAMES[look.role], DOCX_NAMES[latin_role]
    fonts = rpr.makeelement(
        qn("w:rFonts"),
        {
            qn("w:ascii"): latin,
            qn("w:hAnsi"): latin,
            qn("w:cs"): latin,
            qn("w:eastAsia"): east,
            qn("w:hint"): "eastAsia",
        },
    )
    children = [fonts]
    if look.red:
        children.append(rpr.makeelement(qn("w:color"), {qn("w:val"): spec.RED_HEX}))
    if look.size == spec.SIZE_3:
        children.append(rpr.makeelement(qn("w:spacing"), {qn("w:val"): str(CONDENSE)}))
    half_points = str(round(look.size * 2))
    children += [
        rpr.makeelement(qn("w:kern"), {qn("w:val"): "0"}),
        rpr.makeelement(qn("w:sz"), {qn("w:val"): half_points}),
        rpr.makeelement(qn("w:szCs"), {qn("w:val"): half_points}),
        rpr.makeelement(qn("w:lang"), {qn("w:val"): "en-US", qn("w:eastAsia"): "zh-CN"}),
    ]
    order = [
        "w:rStyle",
        "w:rFonts",
        "w:b",
        "w:i",
        "w:color",
        "w:spacing",
        "w:w",
        "w:kern",
        "w:position",
        "w:sz",
        "w:szCs",
        "w:highlight",
        "w:u",
        "w:vertAlign",
        "w:lang",
    ]
    existing = list(rpr)
    for child in existing:
        rpr.remove(child)
    merged = existing + children
    merged.sort(key=lambda el: order.index(_prefixed(el.tag)) if _prefixed(el.tag) in order else len(order))
    for child in merged:
        rpr.append(child)


def _prefixed(tag: str) -> str:
    return "w:" + tag.split("}", 1)[1] if "}" in tag else tag


def _page_field(r) -> None:
    """Turn a run into the PAGE field: begin, instruction, separate, a shown value, end."""
    parent = r.getparent()
    index = parent.index(r)
    rpr = r.find(qn("w:rPr"))
    pieces = [("fldChar", "begin"), ("instrText", " PAGE "), ("fldChar", "separate"), ("t", "1"), ("fldChar", "end")]
    parent.remove(r)
    for offset, (kind, value) in enumerate(pieces):
        new = parent.makeelement(qn("w:r"), {})
        if rpr is not None:
            new.append(deepcopy(rpr))
        if kind == "fldChar":
            new.append(new.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): value}))
        else:
            el = new.makeelement(qn(f"w:{kind}"), {qn("xml:space"): "preserve"})
            el.text = value
            new.append(el)
        parent.insert(index + offset, new)


# DrawingML's namespaces that the document's and the header's root elements do not declare
_DRAWING_NAMESPACES = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)


def _emu(mm: float) -> int:
    return round(mm * EMU_PER_MM)


def _anchor_xml(
    shape_id: int,
    x: float,
    y: float,
    width: float,
    height: float,
    graphic: str,
    relative_v: str = "page",
    offset_v: float | None = None,
) -> str:
    """A drawing anchored to the page (or, vertically, to its paragraph), in front of the text."""
    v = offset_v if offset_v is not None else y
    return (
        f'<wp:anchor {_DRAWING_NAMESPACES} distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{shape_id}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{_emu(x)}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="{relative_v}"><wp:posOffset>{_emu(v)}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{_emu(width)}" cy="{_emu(height)}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{shape_id}" name="gongwen {shape_id}"/><wp:cNvGraphicFramePr/>'
        f"{graphic}</wp:anchor>"
    )


def _line_xml(shape_id: int, x: float, y: float, length: float, thickness: float, color: str) -> str:
    graphic = (
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        "<wps:wsp><wps:cNvCnPr/><wps:spPr>"
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{_emu(length)}" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        f'<a:ln w="{_emu(thickness)}"><a:solidFill><a:srgbClr val="{color}"/></a:solidFill></a:ln>'
        "</wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
    )
    return _anchor_xml(shape_id, x, y, length, 0.0, graphic)


def _picture_xml(rid: str, filename: str, size_mm: float) -> str:
    """An embedded picture drawn ``size_mm`` square (DrawingML's pic:pic, as python-docx writes it)."""
    size = int(Mm(size_mm))
    return (
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
        f'<pic:nvPicPr><pic:cNvPr id="0" name="{filename.translate(_XML_ATTRIBUTE)}"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{size}" cy="{size}"/></a:xfrm>'
        '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic>'
    )


@lru_cache(maxsize=1)
def _centred_header() -> tuple[str, str]:
    """A header part (python-docx's default) whose one paragraph is centred, split where its runs go."""
    header = parse_xml(HeaderPart._default_header_xml())
    DocxParagraph(header.find(qn("w:p")), None).alignment = WD_ALIGN_PARAGRAPH.CENTER
    xml = serialize_part_xml(header).decode("utf-8")
    end = xml.rindex("</w:p>")
    return xml[:end], xml[end:]


@lru_cache(maxsize=1)
def _empty_footer() -> bytes:
    return serialize_part_xml(parse_xml(FooterPart._default_footer_xml()))
