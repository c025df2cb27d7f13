"""PDF in GB/T 9704-2012 layout: the composed pages written as PDF objects, every font embedded.

Text is drawn in reading order, the evenly spaced characters of a line as one text operator, so copying
or ``pdftotext`` gives the document's text. Fonts are embedded as subsets (``writers.pdf_fonts``); the
file is assembled by ``writers.pdf_objects``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import lru_cache
from itertools import groupby
from operator import attrgetter

from gongwen import deflate
from gongwen.errors import OutputError
from gongwen.layout import spec
from gongwen.layout.compose import Composition, Page, PlacedImage, compose
from gongwen.layout.fonts import load_fonts
from gongwen.layout.options import LayoutOptions
from gongwen.layout.typeset import Item, Line
from gongwen.model import Document
from gongwen.writers import document_properties
from gongwen.writers.pdf_fonts import DocumentFonts, EmbeddedFont
from gongwen.writers.pdf_objects import PdfFile, num, text_string

_PT_PER_MM = 1 / spec.MM_PER_PT
_SAME_MM = 0.001  # positions closer than this are the same
_LOOK = attrgetter("look")
_TEXT = attrgetter("text")
_MEDIA_BOX = f"[0 0 {num(spec.PAGE_WIDTH * _PT_PER_MM)} {num(spec.PAGE_HEIGHT * _PT_PER_MM)}]"


def render_pdf(doc: Document, options: LayoutOptions | None = None, composition: Composition | None = None) -> bytes:
    """The PDF bytes of ``doc``; ``composition`` is the document's page composition when already made.

    Characters no font can draw are named in ``doc.warnings``."""
    options = options or LayoutOptions()
    if composition is None:
        composition = compose(doc, load_fonts(options.fonts, options.use_system_fonts, options.font_dir), options)
    if composition.missing:
        listed = "".join(sorted(composition.missing))
        doc.warnings.append(f"PDF: no font has a glyph for {listed!r}; drawn as empty boxes")
    pdf = PdfFile()
    catalog, page_tree, font_resources = pdf.reserve(), pdf.reserve(), pdf.reserve()
    fonts = DocumentFonts()
    images = _Images(pdf)
    contents = [_page_content(page, fonts, images) for page in composition.pages]
    fonts.settle_codes()
    kids = []
    for page, parts in zip(composition.pages, contents, strict=True):
        content = pdf.add_stream(_encoded(parts).encode("latin-1"))
        xobjects = images.resources(page.images)
        kids.append(
            pdf.add(
                f"<< /Type /Page /Parent {page_tree} 0 R /MediaBox {_MEDIA_BOX} /Resources << /Font "
                f"{font_resources} 0 R{xobjects} >> /Contents {content} 0 R >>"
            )
        )
    pdf.set(page_tree, f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>")
    pdf.set(font_resources, fonts.write(pdf))
    pdf.set(catalog, f"<< /Type /Catalog /Pages {page_tree} 0 R >>")
    return pdf.finish(catalog, pdf.add(_info(doc)))


def _info(doc: Document) -> str:
    """The document information dictionary (14.3.3)."""
    entries = {key.capitalize(): value for key, value in document_properties(doc).items()}
    entries.update(Creator="gongwen", Producer="gongwen")
    return "<< " + " ".join(f"/{key} {text_string(value)}" for key, value in entries.items() if value) + " >>"


def _runs(line: Line) -> Iterator[tuple[int, int, float]]:
    """(start, end, gap) of each run of the line's items drawn with one text operator: same font, scale
    and style. The line's gap (mm between one item's advance and the next) falls after every character,
    so on a spaced line a word or a pair (——) is a run of its own."""
    items = line.items
    spaced = abs(line.gap) > _SAME_MM
    gap = line.gap if spaced else 0.0
    start = 0
    for _, group in groupby(items, _LOOK):
        stop = start + len(list(group))
        if stop - start == 1:
            yield start, stop, 0.0
        elif spaced:
            yield from _spaced_runs(items, start, stop, gap)
        else:
            yield start, stop, gap
        start = stop


def _spaced_runs(items: list[Item], start: int, stop: int, gap: float) -> Iterator[tuple[int, int, float]]:
    """Runs of single characters between the items of several (each a run of its own, unspaced)."""
    run = start
    for at in range(start, stop):
        if len(items[at].text) > 1:
            if run < at:
                yield run, at, gap if at - run > 1 else 0.0
            yield at, at + 1, 0.0
            run = at + 1
    if run < stop:
        yield run, stop, gap if stop - run > 1 else 0.0


def _text_state(resource: str, wanted: tuple[object, ...], current: tuple[object, ...]) -> str:
    """The operators that change the text state from ``current`` to ``wanted``."""
    font, size, scale, color, spacing = wanted
    before = current or (None, None, None, None, None)
    out = []
    if (font, size) != before[:2]:
        out.append(f"{resource} {num(size)} Tf")
    if scale != before[2]:
        out.append(f"{num(scale * 100)} Tz")
    if color != before[3]:
        out.append(f"{' '.join(num(c) for c in color)} rg")
    if spacing != before[4]:
        out.append(f"{num(spacing * _PT_PER_MM)} Tc")
    return " ".join(out) + "\n"


def _y(mm_from_top: float) -> float:
    return (spec.PAGE_HEIGHT - mm_from_top) * _PT_PER_MM


# a page's content: operators, and (font, text) where a string of the font's codes goes
_Parts = list[str | tuple[EmbeddedFont, str]]


def _page_content(page: Page, fonts: DocumentFonts, images: _Images) -> _Parts:
    """The page's content stream (chapter 8 and 9): rules, then the text, then images over it. The
    strings of text are left for ``_encoded`` to write once every font knows its characters' codes."""
    out: _Parts = []
    for rule in page.rules:
        y = num(_y(rule.y))
        out.append(
            f"{' '.join(num(c) for c in rule.color)} RG {num(rule.thickness * _PT_PER_MM)} w "
            f"{num(rule.x0 * _PT_PER_MM)} {y} m {num(rule.x1 * _PT_PER_MM)} {y} l S\n"
        )
    out.append("BT\n")
    state: tuple[object, ...] = ()
    embedded = fonts.embedded
    for placed in page.lines:
        line = placed.line
        items = line.items
        size: float | None = None
        y = ""
        for start, stop, gap in _runs(line):
            first = items[start]
            style, scale = first.style, first.scale
            font = embedded(first.font)
            # the gap after every glyph is character spacing, in unscaled text space (9.3.2)
            wanted = (font, style.size, scale, style.color, gap / scale)
            if wanted != state:
                out.append(_text_state(font.resource_name, wanted, state))
                state = wanted
            if style.size != size:  # the runs of a line mostly share one size, and so one baseline
                size, y = style.size, num(_y(placed.baseline(first)))
            x = (placed.x + line.xs[start]) * _PT_PER_MM if start else placed.x * _PT_PER_MM
            text = "".join(map(_TEXT, items[start:stop])) if stop - start > 1 else first.text
            font.use(text)
            out += (f"1 0 0 1 {num(x)} {y} Tm (", (font, text), ") Tj\n")
    out.append("ET\n")
    for image in page.images:
        out.append(
            f"q {num(image.width * _PT_PER_MM)} 0 0 {num(image.height * _PT_PER_MM)} {num(image.x * _PT_PER_MM)} "
            f"{num(_y(image.y + image.height))} cm {images.resource_name(image)} Do Q\n"
        )
    return out


def _encoded(parts: _Parts) -> str:
    return "".join([part if isinstance(part, str) else part[0].encode(part[1]) for part in parts])


class _Images:
    """Image XObjects (8.9.5), each file embedded once per document, its transparency as a soft mask."""

    def __init__(self, pdf: PdfFile) -> None:
        self._pdf = pdf
        self._numbers: dict[str, int] = {}

    def resource_name(self, image: PlacedImage) -> str:
        return f"/Im{self._embedded(image.path)}"

    def _embedded(self, path: str) -> int:
        number = self._numbers.get(path)
        if number is None:
            number = self._numbers[path] = self._embed(path)
        return number

    def resources(self, placed: list[PlacedImage]) -> str:
        if not placed:
            return ""
        paths = dict.fromkeys(image.path for image in placed)  # a seal pressed twice is named once
        entries = " ".join(f"/Im{number} {number} 0 R" for number in map(self._embedded, paths))
        return f" /XObject << {entries} >>"

    def _embed(self, path: str) -> int:
        try:
            width, height, rgb, alpha = _image_data(path, os.stat(path).st_mtime_ns)
        except OSError as exc:
            raise OutputError(path, f"cannot read the seal image: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise OutputError(path, f"cannot read the seal image: {exc}") from None
        entries = f"/Type /XObject /Subtype /Image /Width {width} /Height {height} /BitsPerComponent 8"
        mask = ""
        if alpha is not None:
            number = self._pdf.reserve()
            self._pdf.set_packed_stream(number, f"{entries} /ColorSpace /DeviceGray /Filter /FlateDecode", alpha)
            mask = f" /SMask {number} 0 R"
        number = self._pdf.reserve()
        self._pdf.set_packed_stream(number, f"{entries} /ColorSpace /DeviceRGB{mask} /Filter /FlateDecode", rgb)
        return number


@lru_cache(maxsize=8)
def _image_data(path: str, _mtime: int) -> tuple[int, int, bytes, bytes | None]:
    """Width, height, compressed RGB samples and compressed alpha (None when opaque) of an image file."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.load()
            if image.mode == "P" and "transparency" in image.info:
                image = image.convert("RGBA")
            alpha = image.getchannel("A") if image.mode in ("RGBA", "LA", "PA") else None
            rgb = image.convert("RGB")
    except (UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise ValueError(str(exc)) from None
    opaque = alpha is None or alpha.getextrema() == (255, 255)
    packed_alpha = None if opaque else deflate.compress(alpha.tobytes(), deflate.SMALL)
    return rgb.width, rgb.height, deflate.compress(rgb.tobytes(), deflate.SMALL), packed_alpha
