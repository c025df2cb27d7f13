"""Embedded font subsets: valid zlib streams of valid TrueType files whose glyphs are the font's own."""

from __future__ import annotations

import io
import tempfile
import zlib
from pathlib import Path

import pytest
from conftest import EXAMPLES, SEEDS, write_damaged
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

import gongwen
from gongwen.layout.font_subsets import Segment, SubsetFace, checksum, joined_adler32, zlib_stream
from gongwen.layout.fonts import SHIPPED_DIR, load_fonts
from gongwen.layout.truetype import FontFileError
from gongwen.writers.pdf import render_pdf

FONT_FILE_CHECKSUM = 0xB1B0AFBA  # what a TrueType file's words sum to (OpenType 'head' table)


@given(st.lists(st.binary(max_size=3000).map(lambda b: b + b"\0" * (-len(b) % 4)), min_size=1, max_size=6))
def test_adler32_of_joined_pieces_equals_zlibs(pieces):
    segments = [Segment.of(p) for p in pieces]
    lengths, _, byte_sums, weighted_sums, _ = zip(*segments, strict=True)
    assert joined_adler32(lengths, byte_sums, weighted_sums) == zlib.adler32(b"".join(pieces))


def test_adler32_sums_wrap_at_their_modulus():
    piece = b"\xff" * 8000  # both sums pass 65521 many times over
    segments = [Segment.of(piece)] * 40
    lengths, _, byte_sums, weighted_sums, _ = zip(*segments, strict=True)
    assert joined_adler32(lengths, byte_sums, weighted_sums) == zlib.adler32(piece * 40)


@given(st.lists(st.tuples(st.binary(max_size=2000), st.booleans()), max_size=8))
def test_joined_segments_decompress_to_the_pieces_padded(pieces):
    """Compressed and stored segments, in any mix, join into one stream."""
    stream, length = zlib_stream(Segment.stored(p) if stored else Segment.of(p) for p, stored in pieces)
    padded = b"".join(p + b"\0" * (-len(p) % 4) for p, _ in pieces)
    assert zlib.decompress(stream) == padded  # zlib checks the Adler-32 trailer too
    assert length == len(padded)


def test_stored_segment_longer_than_one_stored_block():
    piece = bytes(range(256)) * 600  # 153,600 bytes: three stored blocks
    segment = Segment.stored(piece)
    assert segment == Segment.of(piece)._replace(packed=segment.packed)  # the same sums
    stream, length = zlib_stream([Segment.of(b"head"), segment, Segment.of(b"tail")])
    assert zlib.decompress(stream) == b"head" + piece + b"tail"
    assert length == len(piece) + 8


def test_checksum_sums_big_endian_words_with_padding():
    assert checksum(b"\x00\x00\x00\x01\x00\x00\x00\x02") == 3
    assert checksum(b"\x01") == 0x01000000
    assert checksum(b"\xff\xff\xff\xff\x00\x00\x00\x02") == 1  # modulo 2**32


def embedded_fonts(pdf: bytes) -> list[tuple[str, bytes, int]]:
    """(font name, decompressed font file, Length1) of every embedded TrueType subset."""
    document = PDFDocument(PDFParser(io.BytesIO(pdf)))
    found = []
    for xref in document.xrefs:
        for objid in xref.get_objids():
            obj = resolve1(document.getobj(objid))
            if isinstance(obj, dict) and "FontFile2" in obj:
                stream = resolve1(obj["FontFile2"])
                found.append((resolve1(obj["FontName"]).name, stream.get_data(), stream["Length1"]))
    return found


def outline(font: TTFont, glyph_name: str) -> tuple:
    """A glyph's points, contour ends and flags, with composites resolved."""
    glyph = font["glyf"][glyph_name]
    if glyph.numberOfContours == 0:
        return ()
    coordinates, ends, flags = glyph.getCoordinates(font["glyf"])
    return tuple(coordinates), tuple(ends), bytes(flags)


def subset_file(font_path: str, codes: list[int]) -> bytes:
    face = next(f for f in load_fonts().all_fonts() if f.path == font_path).face
    stream, _length = zlib_stream(face.subset_segments(codes))
    return zlib.decompress(stream)


TEXT = "关于做好春季安全生产工作的通知（一）2025年——“测试”，。ABC xyz"


@pytest.mark.parametrize("role", ["fangsong", "heiti", "kaiti", "xiaobiaosong", "songti", "latin"])
def test_a_subset_maps_each_code_to_its_characters_original_glyph(role):
    loaded = load_fonts().roles[role]
    original = TTFont(loaded.path)
    original_cmap = original.getBestCmap()
    codes = [ord(c) for c in dict.fromkeys(TEXT) if ord(c) in original_cmap]
    data = subset_file(loaded.path, codes)
    assert checksum(data) == FONT_FILE_CHECKSUM
    subset = TTFont(io.BytesIO(data), checkChecksums=2)  # raises on any table checksum mismatch
    cmap = subset["cmap"].tables[0]
    assert cmap.format == 4
    assert len(cmap.cmap) == len(codes)
    order = subset.getGlyphOrder()
    for position, code in enumerate(codes, start=1):  # code k + 1, glyph k + 1: the k-th character
        mine, theirs = cmap.cmap[position], original_cmap[code]
        assert mine == order[position]
        assert outline(subset, mine) == outline(original, theirs), chr(code)
        assert subset["hmtx"][mine][0] == original["hmtx"][theirs][0], chr(code)


def test_a_character_the_font_lacks_gets_a_glyph_of_its_own_drawn_as_notdef():
    loaded = load_fonts().roles["latin"]
    codes = [ord("A"), 0xE000, ord("B")]  # U+E000 (private use) is not in Liberation Serif
    subset = TTFont(io.BytesIO(subset_file(loaded.path, codes)), checkChecksums=2)
    order = subset.getGlyphOrder()
    assert subset["maxp"].numGlyphs == 4
    assert outline(subset, order[2]) == outline(subset, order[0])  # .notdef's box, under its own number
    original = TTFont(loaded.path)
    assert outline(subset, order[3]) == outline(original, original.getBestCmap()[ord("B")])


def test_composite_glyphs_bring_their_components_renumbered():
    heiti = load_fonts().roles["heiti"]
    original = TTFont(heiti.path)
    glyf = original["glyf"]
    composite_chars = [
        code for code, name in original.getBestCmap().items() if code > 0x4E00 and glyf[name].isComposite()
    ][:40]
    assert composite_chars, "the shipped 黑体 has composite glyphs"
    codes = composite_chars
    subset = TTFont(io.BytesIO(subset_file(heiti.path, codes)), checkChecksums=2)
    assert subset["maxp"].numGlyphs > len(codes) + 1  # the components came along
    cmap = subset["cmap"].tables[0].cmap
    for position, code in enumerate(codes, start=1):
        theirs = original.getBestCmap()[code]
        assert outline(subset, cmap[position]) == outline(original, theirs), chr(code)


@pytest.mark.parametrize("path", [SEEDS[1], EXAMPLES[0]], ids=lambda p: p.stem)
def test_every_subset_embedded_in_a_pdf_is_a_whole_valid_font(path):
    subsets = embedded_fonts(render_pdf(gongwen.read(path)))
    assert len(subsets) >= 3
    for name, data, length1 in subsets:
        assert len(data) == length1, name
        assert checksum(data) == FONT_FILE_CHECKSUM, name
        font = TTFont(io.BytesIO(data), checkChecksums=2)
        assert font["maxp"].numGlyphs == len(font["loca"]) - 1 >= 2, name


def test_glyphs_are_compressed_once_and_reused():
    path = EXAMPLES[0]
    render_pdf(gongwen.read(path))
    fangsong = load_fonts().roles["fangsong"]
    face = fangsong.face
    cached = dict(face._glyph_segments)
    assert cached
    render_pdf(gongwen.read(path))
    assert all(face._glyph_segments[g] is segment for g, segment in cached.items())


@pytest.mark.parametrize("role", ["fangsong", "heiti", "kaiti", "xiaobiaosong"])
def test_a_fonts_glyphs_are_compressed_only_where_that_makes_them_clearly_smaller(role):
    face = load_fonts().roles[role].face
    text = (EXAMPLES[0].read_text(encoding="utf-8") + SEEDS[1].read_text(encoding="utf-8"))[:400]
    glyph_ids = sorted({face.char_to_glyph[ord(c)] for c in text if ord(c) in face.char_to_glyph})
    face.subset_segments([ord(c) for c in dict.fromkeys(text) if ord(c) in face.char_to_glyph])
    simple = [g for g in glyph_ids if g in face._glyph_segments and face._glyph_segments[g].length]
    assert len(simple) > 20
    as_packed = sum(len(face._glyph_segments[g].packed) for g in simple)
    as_stored = sum(len(Segment.stored(face._glyph_bytes(g)).packed) for g in simple)
    compressed = sum(len(Segment.of(face._glyph_bytes(g)).packed) for g in simple)
    if as_packed == as_stored:  # stored: compressing would not have saved a tenth
        assert compressed > 0.9 * as_stored
    else:
        assert as_packed == compressed < 0.9 * as_stored
    # the shipped fonts: FandolFang's outlines shrink by about a fifth, WenQuanYi's (a few dozen bytes
    # each) by a percent or two
    if role == "fangsong":
        assert as_packed == compressed
    if role == "heiti":
        assert as_packed == as_stored


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2**31), st.integers(0, 255)), min_size=1, max_size=30))
def test_a_damaged_font_makes_a_subset_or_is_refused(damage):
    """Damage anywhere (glyph outlines, composite records, tables) never stops a PDF: the font is either
    refused when read, and the next candidate used, or its subsets are made."""
    original = (SHIPPED_DIR / "LiberationSerif-Regular.ttf").read_bytes()  # small, with composite accents
    with tempfile.TemporaryDirectory() as folder:
        path = write_damaged(original, damage, Path(folder))
        try:
            face = SubsetFace(str(path))
        except FontFileError:
            return
        codes = list(range(0x20, 0x180))
        stream, length = zlib_stream(face.subset_segments(codes))
        assert len(zlib.decompress(stream)) == length


def test_the_per_document_segment_carries_the_checksum_of_its_bytes():
    """The offset table, directory and varying tables are stored, their checksum added up from their
    pieces' (the head table's checksum adjustment included): it is the checksum of the bytes."""
    fonts = load_fonts()
    text = (Path(__file__).parent.parent / "examples" / "tongzhi.txt").read_text(encoding="utf-8")
    for loaded in {id(f.face): f for f in fonts.roles.values()}.values():
        head = loaded.face.subset_segments(sorted({ord(ch) for ch in text if loaded.face.char_to_glyph.get(ord(ch))}))[
            0
        ]
        raw = zlib.decompressobj(-15).decompress(head.packed)
        assert head == Segment.stored(raw)
        assert head.checksum == checksum(raw) != 0


def test_a_font_drawing_few_characters_is_made_once_per_set_of_characters():
    from gongwen.writers import pdf_fonts

    pdf_fonts._FEW_CHAR_PARTS.clear()
    first = render_pdf(gongwen.read(EXAMPLES[0]))
    kept = dict(pdf_fonts._FEW_CHAR_PARTS)
    assert kept  # the page numbers' dash in 宋体, the digits in the Latin font
    assert all(len(chars) <= pdf_fonts._FEW_CHARS for _face, chars in kept)
    for (face, chars), parts in kept.items():
        assert parts == pdf_fonts._SubsetParts.of(face, list(chars))  # as made afresh
    assert render_pdf(gongwen.read(EXAMPLES[0])) == first
    assert all(pdf_fonts._FEW_CHAR_PARTS[key] is parts for key, parts in kept.items())
    fonts = {name.split("+")[1] for name, _data, _length in embedded_fonts(first)}
    assert len(fonts) > len({face.ps_name for face, _chars in kept})  # the fonts of many characters are not kept
