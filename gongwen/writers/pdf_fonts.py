"""The fonts of one PDF: each font a document draws with embedded once, as a Type0 font whose descendant
is a CIDFontType2 (ISO 32000-1, 9.7): text is written in two-byte codes, each character its own code,
and the code is the number of the character's glyph in the embedded subset (CIDToGIDMap Identity).
Codes follow the characters' order in Unicode, so they are given when the document's text is known. The
font file is made by ``gongwen.layout.font_subsets``; a ToUnicode map lets text copy out of the PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from gongwen import deflate
from gongwen.code_points import code_points
from gongwen.errors import OutputError
from gongwen.layout.font_subsets import SubsetFace, zlib_stream
from gongwen.layout.fonts import LoadedFont
from gongwen.layout.truetype import SYMBOLIC
from gongwen.made_once import MadeOnce
from gongwen.writers.pdf_objects import LITERAL_BYTES, PdfFile, name, num

_NONSYMBOLIC = 1 << 5  # font descriptor flag (9.8.2); the glyphs are reached by number, so symbolic
_MAX_CODE = 0xFFFF
_TAG_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class EmbeddedFont:
    """The characters of one font used in a document, each with its code: 1, 2, … in the order of the
    characters' code points, given once every text the document draws with the font is known."""

    def __init__(self, face: SubsetFace, number: int) -> None:
        self.face = face
        self.number = number
        self.resource_name = f"/F{number}"
        self.chars: list[int] = []  # the code point of code k + 1
        self._texts: list[str] = []
        self._literal: dict[int, str] = {}  # code point → its code as written in a literal string

    def use(self, text: str) -> None:
        """Note that the document draws ``text`` with this font."""
        self._texts.append(text)

    def settle_codes(self) -> None:
        """Give every character used a code."""
        self.chars = sorted(set(code_points("".join(self._texts))))
        if len(self.chars) > _MAX_CODE:
            raise OutputError(None, f"a document may use at most {_MAX_CODE} characters of one font")
        self._literal = dict(zip(self.chars, _code_literals(1, len(self.chars)), strict=True))

    def encode(self, text: str) -> str:
        """``text`` (used, with codes settled) in this font's codes, as the inside of a literal string
        (7.3.4.2)."""
        return text.translate(self._literal)

    def write(self, pdf: PdfFile) -> int:
        """The font's objects; returns the number of the Type0 font."""
        face = self.face
        # a subset's name is its tag (capital letters, as they stand in a name) and the font's name
        base_font = f"/{_SUBSET_TAGS[self.number]}+{_FACE_NAMES[face][1:]}"
        if len(self.chars) <= _FEW_CHARS:
            made = _FEW_CHAR_PARTS[(face, tuple(self.chars))]
        else:
            made = _SubsetParts.of(face, self.chars)
        font_file = pdf.set_packed_stream(pdf.reserve(), f"/Length1 {made.length} /Filter /FlateDecode", made.font_file)
        descriptor = pdf.add(
            f"<< /Type /FontDescriptor /FontName {base_font} {_DESCRIPTORS[face]} /FontFile2 {font_file} 0 R >>"
        )
        descendant = pdf.add(
            f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont {base_font}"
            " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
            f" /FontDescriptor {descriptor} 0 R /DW {num(face.default_width)} /W [1 [{made.widths}]]"
            " /CIDToGIDMap /Identity >>"
        )
        to_unicode = pdf.set_packed_stream(pdf.reserve(), "/Filter /FlateDecode", made.to_unicode)
        return pdf.add(
            f"<< /Type /Font /Subtype /Type0 /BaseFont {base_font} /Encoding /Identity-H"
            f" /DescendantFonts [{descendant} 0 R] /ToUnicode {to_unicode} 0 R >>"
        )


class _SubsetParts(NamedTuple):
    """What a font's objects hold that follows from the characters alone: the compressed font file and
    its length, the glyph widths as /W lists them, and the compressed ToUnicode map."""

    font_file: bytes
    length: int
    widths: str
    to_unicode: bytes

    @classmethod
    def of(cls, face: SubsetFace, chars: Sequence[int]) -> _SubsetParts:
        font_file, length = zlib_stream(face.subset_segments(chars))
        widths = " ".join(_width_texts(face, chars))
        return cls(font_file, length, widths, deflate.compress(to_unicode_cmap(chars), deflate.QUICK))


# A font that draws only a few characters in a document (the page numbers' dash, the digits of dates)
# draws the same few in many: its parts are made once per set of characters, up to a bound.
_FEW_CHARS = 16
_FEW_CHAR_PARTS: MadeOnce[tuple[SubsetFace, tuple[int, ...]], _SubsetParts] = MadeOnce(
    lambda key: _SubsetParts.of(*key), 512
)


_CODE_LITERALS: list[str] = []  # each code as written in a literal string, made as far as codes were needed


def _code_literals(first: int, last: int) -> list[str]:
    """The codes ``first`` … ``last`` as written in a literal string: two bytes, high byte first."""
    made = len(_CODE_LITERALS)
    if made <= last:
        _CODE_LITERALS.extend(LITERAL_BYTES[code >> 8] + LITERAL_BYTES[code & 0xFF] for code in range(made, last + 1))
    return _CODE_LITERALS[first : last + 1]


# by font file: each character's advance as written in /W
_WIDTHS: MadeOnce[SubsetFace, MadeOnce[int, str]] = MadeOnce(
    lambda face: MadeOnce(lambda char: num(face.char_width(char)))
)


def _width_texts(face: SubsetFace, chars: list[int]) -> list[str]:
    return list(map(_WIDTHS[face].__getitem__, chars))


# by font file: its name as a PDF name, and what its font descriptor says of it
_FACE_NAMES: MadeOnce[SubsetFace, str] = MadeOnce(lambda face: name(f"{face.ps_name}{face.subfont_suffix}"))
_DESCRIPTORS: MadeOnce[SubsetFace, str] = MadeOnce(
    lambda face: (
        f"/Flags {(face.flags & ~_NONSYMBOLIC) | SYMBOLIC} /FontBBox [{' '.join(num(v) for v in face.bbox)}]"
        f" /ItalicAngle {num(face.italic_angle)} /Ascent {num(face.ascent)} /Descent {num(face.descent)}"
        f" /CapHeight {num(face.cap_height)} /StemV {num(face.stem_v)}"
    )
)

# each character as a hex string of its UTF-16BE code units
# (a lone surrogate stands as its own code unit)
_UTF16_HEX: MadeOnce[int, str] = MadeOnce(
    lambda char: "<" + chr(char).encode("utf-16-be", "surrogatepass").hex().upper() + ">"
)


def _subset_tag(n: int) -> str:
    """Six capital letters naming a subset (9.6.4)."""
    letters = []
    for _ in range(6):
        n, digit = divmod(n, 26)
        letters.append(_TAG_LETTERS[digit])
    return "".join(reversed(letters))


_SUBSET_TAGS: MadeOnce[int, str] = MadeOnce(_subset_tag)


class DocumentFonts:
    """Every font a document draws with, embedded once each."""

    def __init__(self) -> None:
        self._fonts: dict[str, EmbeddedFont] = {}

    def embedded(self, font: LoadedFont) -> EmbeddedFont:
        found = self._fonts.get(font.name)
        if found is None:
            found = self._fonts[font.name] = EmbeddedFont(font.face, len(self._fonts) + 1)
        return found

    def settle_codes(self) -> None:
        for font in self._fonts.values():
            font.settle_codes()

    def write(self, pdf: PdfFile) -> str:
        """Every font's objects; returns the font resource dictionary naming them."""
        entries = [f"{font.resource_name} {font.write(pdf)} 0 R" for font in self._fonts.values()]
        return "<< " + " ".join(entries) + " >>"


def to_unicode_cmap(chars: Sequence[int]) -> bytes:
    """A ToUnicode CMap from the two-byte codes 1 … n to the characters in UTF-16BE (9.10.3): ranges of
    codes, each mapped to an array of characters; a range keeps to codes with the same first byte, and a
    block holds at most 100 ranges (Adobe technical note 5411)."""
    utf16 = _UTF16_HEX.__getitem__
    ranges = []
    start, count = 1, len(chars)
    while start <= count:
        end = min(count, start | 0xFF)
        ranges.append(f"<{start:04X}> <{end:04X}> [{' '.join(map(utf16, chars[start - 1 : end]))}]")
        start = end + 1
    blocks = "".join(
        f"{len(ranges[i : i + 100])} beginbfrange\n" + "\n".join(ranges[i : i + 100]) + "\nendbfrange\n"
        for i in range(0, len(ranges), 100)
    )
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
        f"endcodespacerange\n{blocks}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    ).encode("ascii")
