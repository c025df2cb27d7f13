"""DOCX in GB/T 9704-2012 layout, for Word, WPS and LibreOffice.

Every paragraph has an exact line height of one grid line (225 mm / 22), and 16 pt body runs are
condensed so that exactly 28 characters fill a line, which Word, WPS and LibreOffice all honour (unlike
Word's character grid, which LibreOffice lays out differently). The places that follow from text above
them (the 发文字号 under the mark, the title under the red rule, the 版记 at the foot of the last page)
come from the same page composition as the PDF writer, so both writers agree. Lines that stand at fixed
places (the red rules, the rules of the 版记, the 信函 double lines) and the seal image are anchored to
the page.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass
from functools import lru_cache

import docx
import docx.document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.rel import Relationships
from docx.opc.spec import default_content_types
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from gongwen.layout import spec
from gongwen.layout.compose import Composition, compose, first_slot_below, slot_top, standard_date
from gongwen.layout.fonts import DOCX_NAMES, load_fonts
from gongwen.layout.options import LayoutOptions
from gongwen.layout.title import split_title, units
from gongwen.model import Block, Document, Heading
from gongwen.writers import document_properties
from gongwen.writers.zip_file import zip_bytes

TW = spec.TWIPS_PER_MM
LINE = round(spec.LINE_PITCH * TW)  # 580 twips
# 22 lines of 580 twips are 12760 twips, 4 more than 225 mm: the bottom margin gives them up (0.07 mm)
BOTTOM_MARGIN = round(spec.PAGE_HEIGHT * TW) - round(spec.MARGIN_TOP * TW) - spec.LINES_PER_PAGE * LINE
CONDENSE = -5  # twentieths of a point: 16 pt glyphs on a 15.75 pt pitch, 28 to the 156 mm line
CHAR = 315  # twips per character of 16 pt body text as condensed
EMU_PER_MM = 36000
RED = RGBColor.from_string(spec.RED_HEX)


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
    return zip_bytes(_package_members(writer.d))


# -- the package file -----------------------------------------------------------------------------
_RELATIONSHIPS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"


def _package_members(d: docx.document.Document) -> Iterator[tuple[str, bytes]]:
    """The ZIP members of the package (ECMA-376 part 2): content types, relationships and each part.
    The parts no document changes are serialized once, and relationships once per set of them."""
    package = d.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    unchanged = base_document()[1]
    yield "[Content_Types].xml", _content_types(parts)
    yield "_rels/.rels", _relationships_xml("/", package.rels)
    for part in parts:
        if id(part) in unchanged:
            blob = _UNCHANGED_BLOBS.get(id(part))
            if blob is None:
                blob = _UNCHANGED_BLOBS[id(part)] = part.blob
        else:
            blob = part.blob
        yield part.partname.membername, blob
        if len(part.rels):
            yield part.partname.rels_uri.membername, _relationships_xml(part.partname, part.rels)


_UNCHANGED_BLOBS: dict[int, bytes] = {}  # by the id of a part of the base package no document changes
_RELATIONSHIPS: dict[tuple[object, ...], bytes] = {}


def _relationships_xml(owner: str, rels: Relationships) -> bytes:
    """A part's (or the package's) relationships as XML, made once for each set of relationships."""
    key = (
        owner,
        *(
            (rel.rId, rel.reltype, rel.target_ref if rel.is_external else str(rel.target_part.partname))
            for rel in rels.values()
        ),
    )
    xml = _RELATIONSHIPS.get(key)
    if xml is None:
        if len(_RELATIONSHIPS) >= _MAX_MADE:
            _RELATIONSHIPS.clear()
        xml = _RELATIONSHIPS[key] = _as_bytes(rels.xml)
    return xml


def _content_types(parts: list) -> bytes:
    """[Content_Types].xml: a default per extension where the type is the usual one, else an override."""
    defaults = {"rels": _RELATIONSHIPS_TYPE, "xml": "application/xml"}
    overrides = {}
    for part in parts:
        ext = part.partname.ext.lower()
        if (ext, part.content_type) in default_content_types:
            defaults[ext] = part.content_type
        else:
            overrides[str(part.partname)] = part.content_type
    entries = [f'<Default Extension="{ext}" ContentType="{kind}"/>' for ext, kind in sorted(defaults.items())]
    entries += [f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in sorted(overrides.items())]
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{"".join(entries)}</Types>'
    ).encode()


def _as_bytes(xml: str | bytes) -> bytes:
    return xml.encode("utf-8") if isinstance(xml, str) else xml


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


def _new_document() -> docx.document.Document:
    """A document to write into: a deep copy of the base package read once (faster than reading it),
    sharing the parts no document changes (styles, settings, font table, footers, app properties)."""
    base, unchanged = base_document()
    return deepcopy(base, dict(unchanged))


@lru_cache(maxsize=1)
def base_document() -> tuple[docx.document.Document, dict[int, object]]:
    """The base package read once, and the parts no document changes by their ids."""
    d = docx.Document(io.BytesIO(_base_package()))
    changed = (d.part.partname, "/docProps/core.xml")  # the body, and the title and author
    unchanged = {id(part): part for part in d.part.package.iter_parts() if part.partname not in changed}
    return d, unchanged


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
    made = _RUN_PROPERTIES.get((look, latin_role))
    if made is None or "\t" in text or "\n" in text or "\r" in text:
        return _add_run_through_docx(p, text, look, latin_role, made)
    # a plain run made directly: its properties copied, its text in one w:t (python-docx would append the
    # text character by character)
    r = p._p.makeelement(_W_R, {})
    r.append(_clone(made))
    if text:
        t = r.makeelement(_W_T, {})
        t.text = text
        if text != text.strip():
            t.set(_XML_SPACE, "preserve")
        r.append(t)
    p._p.append(r)
    return Run(r, p)


def _add_run_through_docx(
    p: DocxParagraph, text: str, look: Look, latin_role: str, made: BaseOxmlElement | None
) -> Run:
    """A run made by python-docx, which turns tabs and line breaks into w:tab and w:br; the first run of
    each look (``made`` None) gets its properties set here, and they are kept to be copied."""
    run = p.add_run(text)
    if made is None:
        rpr = run._r.get_or_add_rPr()
        _set_run_properties(rpr, look, latin_role)
        _RUN_PROPERTIES[(look, latin_role)] = _clone(rpr)
    else:
        run._r.insert(0, _clone(made))
    return run


def _clone(element: BaseOxmlElement) -> BaseOxmlElement:
    """A copy of ``element`` and everything in it. (lxml copies the tree in C; going through
    copy.deepcopy would cost as much again.)"""
    return element.__deepcopy__(None)


_W_P, _W_R, _W_T = qn("w:p"), qn("w:r"), qn("w:t")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_MAX_PROPERTY = 255
# Properties made once through python-docx and copied afterwards, which is many times faster.
_RUN_PROPERTIES: dict[tuple[Look, str], object] = {}
_PARAGRAPH_PROPERTIES: dict[tuple[object, ...], object] = {}
_MAX_MADE = 1024


def _paragraph_properties(
    p: DocxParagraph,
    align: WD_ALIGN_PARAGRAPH | None,
    first: int,
    left: int,
    right: int,
    line: int,
    before: int,
    keep_next: bool,
):
    """Format ``p`` and return a copy of its properties."""
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
    return _clone(pPr)


class _DocxWriter:
    def __init__(self, doc: Document, options: LayoutOptions, composition: Composition) -> None:
        self.doc = doc
        self.options = options
        self.marks = composition.marks
        self.d = _new_document()
        self._body = self.d.element.body
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
        self._metadata()

    def _metadata(self) -> None:
        props = self.d.core_properties
        # python-docx holds each property to 255 characters; a longer one is cut, not refused
        for key, value in document_properties(self.doc).items():
            setattr(props, key, value[:_MAX_PROPERTY])
        props.comments = "gongwen"

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
    ) -> DocxParagraph:
        # a new w:p before the body's section properties, as python-docx's add_paragraph does, made directly
        element = self._body.makeelement(_W_P, {})
        self._body[-1].addprevious(element)
        p = DocxParagraph(element, self.d._body)
        settings = (align, first, left, right, line, before, keep_next)
        made = _PARAGRAPH_PROPERTIES.get(settings)
        if made is None:
            if len(_PARAGRAPH_PROPERTIES) >= _MAX_MADE:  # indents vary with the text: keep memory bounded
                _PARAGRAPH_PROPERTIES.clear()
            made = _PARAGRAPH_PROPERTIES[settings] = _paragraph_properties(p, *settings)
        else:
            p._p.insert(0, _clone(made))
        return p

    def _run(self, p: DocxParagraph, text: str, look: Look, latin_role: str = "latin"):
        return _add_run(p, text, look, latin_role)

    def blank(self, lines: int = 1) -> None:
        for _ in range(max(0, lines)):
            self.para()
            self.slot += 1

    def text_para(self, text: str, look: Look = BODY, **kwargs) -> DocxParagraph:
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
        """联合行文: the organs stacked, 文件 beside them, centred on the block (7.2.4)."""
        table = self.d.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        row = table.rows[0]
        row.height = Twips(max(height, pitch * len(names)))
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        left, right = row.cells
        name_width = max(units(n) for n in names) * look.size * 20 + 600  # room for the cell margins
        suffix_width = units(suffix) * look.size * 20 + 600
        table.autofit = False
        for col, width in zip(table.columns, (name_width, suffix_width), strict=True):
            col.width = Twips(round(width))
        left.width, right.width = Twips(round(name_width)), Twips(round(suffix_width))
        for k, name in enumerate(names):
            p = left.paragraphs[0] if k == 0 else left.add_paragraph()
            _format_cell_paragraph(p, WD_ALIGN_PARAGRAPH.CENTER, pitch)
            self._run(p, name, look)
        right.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = right.paragraphs[0]
        _format_cell_paragraph(p, WD_ALIGN_PARAGRAPH.LEFT, pitch)
        self._run(p, suffix, look)

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
            tabs = p.paragraph_format.tab_stops
            if k == len(rows) - 1 and number:
                self._run(p, number, BODY)
            if k == 0:
                tabs.add_tab_stop(Twips(names_right), WD_TAB_ALIGNMENT.RIGHT)
                self._run(p, "\t签发人：", BODY)
            else:
                tabs.add_tab_stop(Twips(names_left), WD_TAB_ALIGNMENT.LEFT)
                self._run(p, "\t", BODY)
            self._run(p, "　".join(row), Look("kaiti"))
            self.slot += 1

    def _red_rule(self, y: float | None) -> None:
        if y is None:
            return
        p = self.d.paragraphs[-1]
        self._anchored_line(p, spec.MARGIN_LEFT, y, spec.HEADER_RULE_WIDTH, spec.HEADER_RULE_THICKNESS, spec.RED_HEX)

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
        p.paragraph_format.tab_stops.add_tab_stop(Twips((spec.CHARS_PER_LINE - 1) * CHAR), WD_TAB_ALIGNMENT.RIGHT)
        self._run(
            p, (doc.issuers[0] if doc.issuers else "") + "\t" + (standard_date(doc.date) if doc.date else ""), BODY
        )
        self.slot += 1
        self._red_rule(self.marks.get("rule_y"))

    def _letter_head(self) -> None:
        """信函格式 (10.1): the mark and the double lines stand in the first page's header."""
        doc = self.doc
        section = self.d.sections[0]
        section.different_first_page_header_footer = True
        header = section.first_page_header
        header.is_linked_to_previous = False
        section.header_distance = Mm(spec.LETTER_MARK_TOP_FROM_PAPER - 1)
        p = header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        name = doc.issuers[0] if doc.issuers else (doc.banner or "").removesuffix("文件")
        self._run(p, name, Look("xiaobiaosong", self.marks.get("mark_size", spec.BANNER_SIZE), red=True))
        left = (spec.PAGE_WIDTH - spec.LETTER_RULE_LENGTH) / 2
        top_rule = self.marks["mark_bottom"] + spec.LETTER_RULE_BELOW_MARK
        bottom_rule = spec.PAGE_HEIGHT - spec.LETTER_RULE_FROM_PAPER_BOTTOM
        for y, first, second in (
            (top_rule, spec.LETTER_RULE_THICK, spec.LETTER_RULE_THIN),
            (bottom_rule, spec.LETTER_RULE_THIN, spec.LETTER_RULE_THICK),
        ):
            self._anchored_line(p, left, y, spec.LETTER_RULE_LENGTH, first, spec.RED_HEX)
            self._anchored_line(
                p, left, y + spec.LETTER_RULE_GAP + (first + second) / 2, spec.LETTER_RULE_LENGTH, second, spec.RED_HEX
            )
        secrecy = doc.secrecy and doc.secrecy + (f"★{doc.secrecy_period}" if doc.secrecy_period else "")
        flags = [t for t in (doc.copy_number, secrecy, doc.urgency) if t]
        self.blank(int(self.marks.get("first_slot", 0)))
        rows = max(1, len(flags))
        for k in range(rows):
            p = self.para(align=WD_ALIGN_PARAGRAPH.LEFT)
            p.paragraph_format.tab_stops.add_tab_stop(Twips(spec.CHARS_PER_LINE * CHAR), WD_TAB_ALIGNMENT.RIGHT)
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
            p.paragraph_format.tab_stops.add_tab_stop(Twips(round(c * CHAR)), WD_TAB_ALIGNMENT.CENTER)
            self._run(p, "\t" + s, BODY)
            self._seal(p, c)
        if date:
            q = self.para(align=WD_ALIGN_PARAGRAPH.RIGHT, right=spec.SEALED_DATE_RIGHT_INDENT_CHARS * CHAR)
            self._run(q, date, BODY)

    def _seal(self, p: DocxParagraph, centre_chars: float) -> None:
        path = self.options.seal_image
        if not path:
            return
        size = spec.SEAL_DIAMETER
        x = spec.MARGIN_LEFT + centre_chars * CHAR / TW - size / 2
        run = p.add_run()
        run.add_picture(path, width=Mm(size), height=Mm(size))
        inline = run._r.find(f".//{qn('wp:inline')}")
        # vertical: centre a little above the signature's line, as the PDF writer puts it
        self.shape_id += 1
        anchor = _anchor_xml(
            self.shape_id, x, 0.0, size, size, relative_v="paragraph", offset_v=(spec.LINE_PITCH * 0.35 - size / 2)
        )
        graphic = inline.find(qn("a:graphic"))
        anchor_el = parse_xml(anchor)
        anchor_el.append(graphic)
        inline.getparent().replace(inline, anchor_el)

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
        p.paragraph_format.page_break_before = True
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
                p.paragraph_format.page_break_before = True
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
            p.paragraph_format.tab_stops.add_tab_stop(
                Twips(round(spec.TEXT_WIDTH * TW) - inner), WD_TAB_ALIGNMENT.RIGHT
            )
            date = standard_date(doc.print_date) + "印发" if doc.print_date else ""
            self._run(p, (doc.printer or "") + "\t" + date, COLOPHON)
            first_para = first_para or p
        if letter or first_para is None:
            return
        rows = spec.LINES_PER_PAGE - top
        anchor = first_para
        left, width = spec.MARGIN_LEFT, spec.TEXT_WIDTH
        self._anchored_line(anchor, left, slot_top(top), width, spec.COLOPHON_THICK_RULE, "000000")
        if doc.cc and printed:
            self._anchored_line(
                anchor, left, slot_top(spec.LINES_PER_PAGE - 1), width, spec.COLOPHON_THIN_RULE, "000000"
            )
        self._anchored_line(anchor, left, slot_top(top + rows), width, spec.COLOPHON_THICK_RULE, "000000")

    def _blank_page_section(self) -> None:
        """An unnumbered blank page, then the 版记 page, also unnumbered (spec §2.3 #19, #20)."""
        section = self.d.add_section(WD_SECTION.NEW_PAGE)
        for footer in (section.footer, section.even_page_footer, section.first_page_footer):
            footer.is_linked_to_previous = False
            for p in footer.paragraphs:
                for r in list(p.runs):
                    r._r.getparent().remove(r._r)
        self.para()

    # -- anchored lines -----------------------------------------------------------------------
    def _anchored_line(self, p: DocxParagraph, x: float, y: float, length: float, thickness: float, color: str) -> None:
        self.shape_id += 1
        run = p.add_run()
        drawing = parse_xml(
            f"<w:drawing {nsdecls('w')}>{_line_xml(self.shape_id, x, y, length, thickness, color)}</w:drawing>"
        )
        run._r.append(drawing)


def _format_cell_paragraph(p: DocxParagraph, align: WD_ALIGN_PARAGRAPH, line: int) -> None:
    pf = p.paragraph_format
    pf.alignment = align
    pf.line_spacing = Twips(line)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.space_before = pf.space_after = Twips(0)


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
            new.append(_clone(rpr))
        if kind == "fldChar":
            new.append(new.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): value}))
        else:
            el = new.makeelement(qn(f"w:{kind}"), {qn("xml:space"): "preserve"})
            el.text = value
            new.append(el)
        parent.insert(index + offset, new)


_WP = (
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def _emu(mm: float) -> int:
    return round(mm * EMU_PER_MM)


def _anchor_xml(
    shape_id: int,
    x: float,
    y: float,
    width: float,
    height: float,
    relative_v: str = "page",
    offset_v: float | None = None,
) -> str:
    v = offset_v if offset_v is not None else y
    return (
        f'<wp:anchor {_WP} distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{shape_id}" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{_emu(x)}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="{relative_v}"><wp:posOffset>{_emu(v)}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{_emu(width)}" cy="{_emu(height)}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{shape_id}" name="gongwen {shape_id}"/><wp:cNvGraphicFramePr/>'
        "</wp:anchor>"
    )


def _line_xml(shape_id: int, x: float, y: float, length: float, thickness: float, color: str) -> str:
    anchor = _anchor_xml(shape_id, x, y, length, 0.0)
    graphic = (
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        "<wps:wsp><wps:cNvCnPr/><wps:spPr>"
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{_emu(length)}" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        f'<a:ln w="{_emu(thickness)}"><a:solidFill><a:srgbClr val="{color}"/></a:solidFill></a:ln>'
        "</wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
    )
    return anchor.replace("</wp:anchor>", graphic + "</wp:anchor>")
