"""The fonts of one PDF: each character given a one-byte code, codes packed 256 to a subset, and each
subset embedded as a simple TrueType font (ISO 32000-1, 9.6.3) with its widths, a font file made by
``gongwen.layout.font_subsets`` and a ToUnicode map, so that text copies out of the PDF.
"""

from __future__ import annotations

from collections.abc import Sequence

from gongwen.layout.font_subsets import SubsetFace, zlib_stream
from gongwen.layout.fonts import LoadedFont
from gongwen.layout.truetype import SYMBOLIC
from gongwen.writers.pdf_objects import PdfFile, literal_byte, name, num

_SUBSET_SIZE = 256
_NONSYMBOLIC = 1 << 5  # font descriptor flag (9.8.2); the codes are no standard encoding, so symbolic
_TAG_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class EmbeddedFont:
    """The characters of one font used in a document, each with its subset and code."""

    def __init__(self, face: SubsetFace, prefix: str) -> None:
        self.face = face
        self.prefix = prefix
        self.subsets: list[list[int]] = []
        self._codes: dict[str, tuple[int, str]] = {}  # character → (subset, code as written in a string)

    def encode(self, text: str) -> list[tuple[int, list[str]]]:
        """``text`` as runs of (subset, codes): a new run wherever the subset changes."""
        runs: list[tuple[int, list[str]]] = []
        codes = self._codes
        for ch in text:
            subset, code = codes.get(ch) or self._assign(ch)
            if runs and runs[-1][0] == subset:
                runs[-1][1].append(code)
            else:
                runs.append((subset, [code]))
        return runs

    def resource_name(self, subset: int) -> str:
        return f"/{self.prefix}S{subset}"

    def _assign(self, ch: str) -> tuple[int, str]:
        if not self.subsets or len(self.subsets[-1]) == _SUBSET_SIZE:
            self.subsets.append([])
        subset = self.subsets[-1]
        entry = (len(self.subsets) - 1, literal_byte(len(subset)))
        subset.append(ord(ch))
        self._codes[ch] = entry
        return entry

    def write(self, pdf: PdfFile) -> list[tuple[str, int]]:
        """Each subset's font objects; returns (resource name, font object number) per subset."""
        return [(self.resource_name(n), self._write_subset(pdf, n, codes)) for n, codes in enumerate(self.subsets)]

    def _write_subset(self, pdf: PdfFile, n: int, codes: list[int]) -> int:
        face = self.face
        base_font = name(f"{_subset_tag(n)}+{face.ps_name}{face.subfont_suffix}")
        content, length = zlib_stream(face.subset_segments(codes))
        font_file = pdf.reserve()
        pdf.set_packed_stream(font_file, f"/Length1 {length} /Filter /FlateDecode", content)
        descriptor = pdf.add(
            f"<< /Type /FontDescriptor /FontName {base_font} /Flags {(face.flags & ~_NONSYMBOLIC) | SYMBOLIC}"
            f" /FontBBox [{' '.join(num(v) for v in face.bbox)}] /ItalicAngle {num(face.italic_angle)}"
            f" /Ascent {num(face.ascent)} /Descent {num(face.descent)} /CapHeight {num(face.cap_height)}"
            f" /StemV {num(face.stem_v)} /MissingWidth {num(face.default_width)} /FontFile2 {font_file} 0 R >>"
        )
        to_unicode = pdf.add_stream("", to_unicode_cmap(base_font[1:], codes))
        widths = " ".join(_width_texts(face, codes))
        return pdf.add(
            f"<< /Type /Font /Subtype /TrueType /BaseFont {base_font} /FirstChar 0 /LastChar {len(codes) - 1}"
            f" /Widths [{widths}] /FontDescriptor {descriptor} 0 R /ToUnicode {to_unicode} 0 R >>"
        )


# numbers and hex strings written for every document, made once per process (bounded by the fonts' size)
_WIDTHS: dict[str, dict[int, str]] = {}
_UTF16_HEX: dict[int, str] = {}


def _width_texts(face: SubsetFace, codes: list[int]) -> list[str]:
    known = _WIDTHS.setdefault(face.path, {})
    out = []
    for code in codes:
        text = known.get(code)
        if text is None:
            text = known[code] = num(face.char_width(code))
        out.append(text)
    return out


def _utf16_hex(char: int) -> str:
    text = _UTF16_HEX.get(char)
    if text is None:
        text = _UTF16_HEX[char] = chr(char).encode("utf-16-be").hex().upper()
    return text


def _subset_tag(n: int) -> str:
    """Six capital letters naming a subset (9.6.4)."""
    letters = []
    for _ in range(6):
        n, digit = divmod(n, 26)
        letters.append(_TAG_LETTERS[digit])
    return "".join(reversed(letters))


class DocumentFonts:
    """Every font a document draws with, embedded once each."""

    def __init__(self) -> None:
        self._fonts: dict[str, EmbeddedFont] = {}

    def embedded(self, font: LoadedFont) -> EmbeddedFont:
        found = self._fonts.get(font.name)
        if found is None:
            found = self._fonts[font.name] = EmbeddedFont(font.face, f"F{len(self._fonts) + 1}")
        return found

    def write(self, pdf: PdfFile) -> str:
        """Every subset's objects; returns the font resource dictionary naming them."""
        entries = [f"{resource} {number} 0 R" for font in self._fonts.values() for resource, number in font.write(pdf)]
        return "<< " + " ".join(entries) + " >>"


def to_unicode_cmap(cmap_name: str, subset: Sequence[int]) -> bytes:
    """A ToUnicode CMap from one-byte codes to the subset's characters in UTF-16BE (9.10.3), in blocks
    of at most 100 mappings as the CMap format asks (Adobe technical note 5411)."""
    pairs = [f"<{code:02X}> <{_utf16_hex(char)}>" for code, char in enumerate(subset)]
    blocks = "".join(
        f"{len(pairs[i : i + 100])} beginbfchar\n" + "\n".join(pairs[i : i + 100]) + "\nendbfchar\n"
        for i in range(0, len(pairs), 100)
    )
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        f"/CMapName /{cmap_name} def\n/CMapType 2 def\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
        f"{blocks}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    ).encode("ascii")
