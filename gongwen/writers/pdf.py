"""PDF in GB/T 9704-2012 layout: the composed pages drawn with reportlab, every font embedded.

Text is drawn item by item in reading order, so copying or ``pdftotext`` gives the document's text.
"""

from __future__ import annotations

import io

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from gongwen.layout import spec
from gongwen.layout.compose import Page, compose
from gongwen.layout.fonts import load_fonts
from gongwen.layout.options import LayoutOptions
from gongwen.model import Document

_PT_PER_MM = 1 / spec.MM_PER_PT
rl_config.useA85 = 0  # binary streams: smaller files, and no time spent on ASCII85


def render_pdf(doc: Document, options: LayoutOptions | None = None) -> bytes:
    """The PDF bytes of ``doc``. Characters no font can draw are named in ``doc.warnings``."""
    options = options or LayoutOptions()
    fonts = load_fonts(options.fonts, options.use_system_fonts, options.font_dir)
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


def _y(mm_from_top: float) -> float:
    return (spec.PAGE_HEIGHT - mm_from_top) * _PT_PER_MM


def _draw_page(canvas: Canvas, page: Page) -> None:
    for rule in page.rules:
        canvas.setStrokeColorRGB(*rule.color)
        canvas.setLineWidth(rule.thickness * _PT_PER_MM)
        canvas.line(rule.x0 * _PT_PER_MM, _y(rule.y), rule.x1 * _PT_PER_MM, _y(rule.y))
    text = canvas.beginText()
    state: tuple[object, ...] = ()
    for placed in page.texts:
        item = placed.item
        wanted = (item.font.name, item.style.size, round(item.scale * 100, 3), item.style.color)
        if wanted != state:
            text.setFont(item.font.name, item.style.size)
            text.setHorizScale(item.scale * 100)
            text.setFillColorRGB(*item.style.color)
            state = wanted
        text.setTextOrigin(placed.x * _PT_PER_MM, _y(placed.baseline))
        text.textOut(item.text)
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
