"""PDF in GB/T 9704-2012 layout: the composed pages drawn with reportlab, every font embedded.

Text is drawn in reading order, the evenly spaced characters of a line as one text operator, so copying
or ``pdftotext`` gives the document's text. Fonts are embedded as subsets made by
``gongwen.layout.font_subsets``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from gongwen.layout import spec
from gongwen.layout.compose import Composition, Page, PlacedText, compose
from gongwen.layout.fonts import load_fonts
from gongwen.layout.options import LayoutOptions
from gongwen.model import Document

_PT_PER_MM = 1 / spec.MM_PER_PT
_SAME_MM = 0.001  # positions closer than this are the same
rl_config.useA85 = 0  # binary streams: smaller files, and no time spent on ASCII85


def render_pdf(doc: Document, options: LayoutOptions | None = None, composition: Composition | None = None) -> bytes:
    """The PDF bytes of ``doc``; ``composition`` is the document's page composition when already made.

    Characters no font can draw are named in ``doc.warnings``."""
    options = options or LayoutOptions()
    fonts = load_fonts(options.fonts, options.use_system_fonts, options.font_dir)
    if composition is None:
        composition = compose(doc, fonts, options)
    pages, missing = composition.pages, composition.missing
    if missing:
        listed = "".join(sorted(missing))
        doc.warnings.append(f"PDF: no font has a glyph for {listed!r}; drawn as empty boxes")
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=A4,
        pageCompression=1,
        invariant=1,
        initialFontName=fonts.roles["fangsong"].name,
        initialFontSize=spec.SIZE_3,
    )
    _metadata(canvas, doc)
    for page in pages:
        _draw_page(canvas, page)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _metadata(canvas: Canvas, doc: Document) -> None:
    canvas.setTitle(doc.title or doc.banner or "")
    canvas.setAuthor("、".join(doc.issuers or doc.signatures))
    canvas.setSubject(doc.doc_number.text if doc.doc_number else "")
    canvas.setCreator("gongwen")
    canvas.setKeywords(doc.kind or "")


@dataclass
class _Run:
    """Placed texts drawn with one text operator: same font and size, evenly spaced on one baseline."""

    texts: list[PlacedText]
    gap: float = 0.0  # mm between one item's advance and the next item
    singles: bool = True  # every item one character
    end: float = 0.0  # where the last item's advance ends


def _runs(texts: list[PlacedText]) -> list[_Run]:
    runs: list[_Run] = []
    run: _Run | None = None
    for placed in texts:
        item = placed.item
        single = len(item.text) == 1
        if run is not None:
            gap = placed.x - run.end
            if _extends(run, placed, gap, single):
                if len(run.texts) == 1:
                    run.gap = gap
                run.texts.append(placed)
                run.singles = run.singles and single
                run.end = placed.x + item.width
                continue
        run = _Run([placed], singles=single, end=placed.x + item.width)
        runs.append(run)
    return runs


def _extends(run: _Run, placed: PlacedText, gap: float, single: bool) -> bool:
    first, item = run.texts[0], placed.item
    head = first.item
    if placed.baseline != first.baseline or item.font is not head.font or abs(item.scale - head.scale) > 1e-9:
        return False
    if item.style is not head.style and item.style != head.style:
        return False
    if len(run.texts) > 1 and abs(gap - run.gap) > _SAME_MM:
        return False
    # the gap falls after every character, so a word or a pair (——) takes part only when it is nil
    return abs(gap) <= _SAME_MM or (run.singles and single)


def _show(text: PDFTextObject, canvas: Canvas, run: _Run) -> None:
    """The run's characters as TJ arrays, one per font subset, each glyph followed by the run's gap.

    The gap is written per glyph rather than as character spacing (Tc): reportlab starts a new string at
    every change of subset, and some readers (pdfminer) add no Tc after a string's last glyph."""
    first = run.texts[0].item
    font = pdfmetrics.getFont(first.font.name)
    doc = canvas._doc
    size = fp_str(first.style.size)
    string = "".join(t.item.text for t in run.texts)
    for placed in run.texts:
        if placed.item.missing:
            _keep_code(font, placed.item.text)
    # TJ numbers are thousandths of the (scaled) em, subtracted from the position
    gap = f" {fp_str(-run.gap * _PT_PER_MM * 1000 / (first.style.size * first.scale))} " if run.gap else ""
    for subset, chunk in font.splitString(string, doc):
        shown = gap.join(f"({escapePDF(bytes((b,)))})" for b in chunk) + gap if gap else f"({escapePDF(chunk)})"
        text._code.append(f"{font.getSubsetInternalName(subset, doc)} {size} Tf [{shown}] TJ")


def _keep_code(font: pdfmetrics.Font, text: str) -> None:
    """A character the font lacks is drawn as its .notdef box, but with a code of its own, so that the
    text copied out of the PDF still has it (reportlab would give every such character code 0)."""
    for ch in text:
        font.face.charToGlyph.setdefault(ord(ch), 0)


def _y(mm_from_top: float) -> float:
    return (spec.PAGE_HEIGHT - mm_from_top) * _PT_PER_MM


def _draw_page(canvas: Canvas, page: Page) -> None:
    for rule in page.rules:
        canvas.setStrokeColorRGB(*rule.color)
        canvas.setLineWidth(rule.thickness * _PT_PER_MM)
        canvas.line(rule.x0 * _PT_PER_MM, _y(rule.y), rule.x1 * _PT_PER_MM, _y(rule.y))
    text = canvas.beginText()
    state: tuple[object, ...] = ()
    for run in _runs(page.texts):
        first = run.texts[0].item
        wanted = (round(first.scale * 100, 3), first.style.color)
        if wanted != state:
            text.setHorizScale(first.scale * 100)
            text.setFillColorRGB(*first.style.color)
            state = wanted
        text.setTextOrigin(run.texts[0].x * _PT_PER_MM, _y(run.texts[0].baseline))
        _show(text, canvas, run)
    canvas.drawText(text)
    for image in page.images:
        canvas.drawImage(
            image.path,
            image.x * _PT_PER_MM,
            _y(image.y + image.height),
            image.width * _PT_PER_MM,
            image.height * _PT_PER_MM,
            mask="auto",
        )
