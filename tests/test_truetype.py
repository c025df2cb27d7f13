"""The TrueType reader agrees with fontTools on every shipped font, reads collections, and refuses fonts
that cannot be embedded with a clear reason."""

from __future__ import annotations

import struct
import tempfile
from pathlib import Path

import pytest
from conftest import write_damaged
from fontTools.ttLib import TTCollection, TTFont
from hypothesis import given, settings
from hypothesis import strategies as st

from gongwen.layout.fonts import SHIPPED_DIR, _register
from gongwen.layout.truetype import FIXED_PITCH, FORCE_BOLD, SYMBOLIC, FontFileError, TrueTypeFile, _cmap_format4

SHIPPED = sorted(SHIPPED_DIR.glob("*.ttf"))
LIBERATION = (SHIPPED_DIR / "LiberationSerif-Regular.ttf").read_bytes()


@pytest.fixture(scope="module", params=SHIPPED, ids=lambda p: p.stem)
def pair(request):
    return TrueTypeFile(request.param), TTFont(request.param)


def test_character_map_is_fonttools_best_cmap_without_empty_glyphs(pair):
    mine, theirs = pair
    expected = {code: theirs.getGlyphID(name) for code, name in theirs.getBestCmap().items()}
    expected = {code: glyph for code, glyph in expected.items() if glyph}
    if 0x20 in expected:
        expected.setdefault(0xA0, expected[0x20])
    assert mine.char_to_glyph == expected


def test_widths_and_metrics_are_the_fonts_own(pair):
    mine, theirs = pair
    scale = 1000 / theirs["head"].unitsPerEm
    order = theirs.getGlyphOrder()
    assert mine.num_glyphs == len(order)
    for index in range(0, len(order), max(1, len(order) // 500)):
        advance, _bearing = theirs["hmtx"][order[index]]
        assert mine.widths[index] == pytest.approx(advance * scale)
        assert mine.hmetrics[index][0] == advance
    head = theirs["head"]
    assert mine.bbox == pytest.approx([v * scale for v in (head.xMin, head.yMin, head.xMax, head.yMax)])
    assert mine.italic_angle == theirs["post"].italicAngle
    assert mine.ascent == pytest.approx(theirs["OS/2"].sTypoAscender * scale)


def test_glyph_locations_match_the_glyph_table(pair):
    mine, theirs = pair
    loca = list(theirs["loca"])
    assert mine.glyph_positions == loca


def test_string_width_sums_the_advances(pair):
    mine, theirs = pair
    text = "公文ABC 12"
    cmap = theirs.getBestCmap()
    scale = 1000 / theirs["head"].unitsPerEm
    notdef = theirs["hmtx"][theirs.getGlyphOrder()[0]][0]
    expected = sum((theirs["hmtx"][cmap[ord(c)]][0] if ord(c) in cmap else notdef) * scale for c in text)
    assert mine.string_width(text, 16) == pytest.approx(expected * 16 / 1000)


def test_the_postscript_name_is_read_from_the_name_table(pair):
    mine, theirs = pair
    assert mine.ps_name == theirs["name"].getDebugName(6).replace(" ", "-")


def test_first_font_of_a_collection(tmp_path):
    collection = TTCollection()
    collection.fonts = [TTFont(SHIPPED_DIR / "LiberationSerif-Regular.ttf"), TTFont(SHIPPED_DIR / "ARPLSungtiLGB.ttf")]
    path = tmp_path / "two.ttc"
    collection.save(path)
    font = TrueTypeFile(path)
    assert font.ps_name == "LiberationSerif" and font.subfont_suffix == "-0"
    assert font.char_to_glyph == TrueTypeFile(SHIPPED_DIR / "LiberationSerif-Regular.ttf").char_to_glyph


def patched(tmp_path: Path, change) -> Path:
    data = bytearray((SHIPPED_DIR / "LiberationSerif-Regular.ttf").read_bytes())
    change(data)
    path = tmp_path / "patched.ttf"
    path.write_bytes(bytes(data))
    return path


def table_offset(data: bytearray, tag: bytes) -> int:
    (count,) = struct.unpack_from(">H", data, 4)
    for i in range(count):
        name, _checksum, offset, _length = struct.unpack_from(">4sLLL", data, 12 + 16 * i)
        if name == tag:
            return offset
    raise KeyError(tag)


def test_cff_outlines_are_refused(tmp_path):
    path = patched(tmp_path, lambda data: data.__setitem__(slice(0, 4), b"OTTO"))
    with pytest.raises(FontFileError, match="CFF"):
        TrueTypeFile(path)
    assert _register(str(path)) is None


@pytest.mark.parametrize("fs_type", [0x0002, 0x0100, 0x0200])
def test_fonts_whose_licence_forbids_embedding_are_refused(tmp_path, fs_type):
    path = patched(tmp_path, lambda data: struct.pack_into(">H", data, table_offset(data, b"OS/2") + 8, fs_type))
    with pytest.raises(FontFileError, match="licence"):
        TrueTypeFile(path)


def test_a_font_without_glyphs_is_refused(tmp_path):
    path = patched(tmp_path, lambda data: struct.pack_into(">H", data, table_offset(data, b"maxp") + 4, 0))
    with pytest.raises(FontFileError, match="no glyphs"):
        TrueTypeFile(path)


def test_a_truncated_font_is_refused(tmp_path):
    path = tmp_path / "cut.ttf"
    path.write_bytes((SHIPPED_DIR / "LiberationSerif-Regular.ttf").read_bytes()[:2000])
    with pytest.raises(FontFileError):
        TrueTypeFile(path)


def test_descriptor_flags_follow_weight_and_pitch(pair):
    mine, theirs = pair
    assert bool(mine.flags & FORCE_BOLD) == (theirs["OS/2"].usWeightClass >= 600)
    assert bool(mine.flags & FIXED_PITCH) == bool(theirs["post"].isFixedPitch)
    assert mine.flags & SYMBOLIC


def format4(segments: list[tuple[int, int, int, list[int] | None]]) -> bytes:
    """A cmap format 4 subtable from (start, end, delta, glyph array or None) segments."""
    count = len(segments)
    arrays = b""
    range_offsets = []
    for n, (_start, _end, _delta, glyphs) in enumerate(segments):
        if glyphs is None:
            range_offsets.append(0)
        else:  # bytes from this idRangeOffset entry to the segment's first glyph in the array
            range_offsets.append(2 * (count - n) + len(arrays))
            arrays += struct.pack(f">{len(glyphs)}H", *glyphs)
    body = (
        struct.pack(f">{count}H", *(s[1] for s in segments))
        + b"\0\0"
        + struct.pack(f">{count}H", *(s[0] for s in segments))
        + struct.pack(f">{count}h", *(s[2] for s in segments))
        + struct.pack(f">{count}H", *range_offsets)
        + arrays
    )
    return struct.pack(">7H", 4, 14 + len(body), 0, 2 * count, 0, 0, 0) + body


def test_format4_deltas_glyph_arrays_and_wrapping():
    table = format4(
        [
            (0x41, 0x43, -0x3F, None),  # A-C → glyphs 2-4
            (0x4E00, 0x4E02, 5, [10, 0, 12]),  # looked up, delta added; 0 stays "no glyph"
            (0xFFF0, 0xFFF1, 0x20, None),  # code + delta wraps modulo 65536
            (0xFFFF, 0xFFFF, 1, None),  # the closing segment maps nothing
        ]
    )
    assert _cmap_format4(table, 0) == {
        0x41: 2,
        0x42: 3,
        0x43: 4,
        0x4E00: 15,
        0x4E01: 0,
        0x4E02: 17,
        0xFFF0: 0x10,
        0xFFF1: 0x11,
    }


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        # the table directory and the small tables at the front are where damage matters most
        st.tuples(st.one_of(st.integers(0, 400), st.integers(0, len(LIBERATION) - 1)), st.integers(0, 255)),
        min_size=1,
        max_size=40,
    )
)
def test_a_damaged_font_is_read_or_refused_with_a_reason(damage):
    with tempfile.TemporaryDirectory() as folder:
        path = write_damaged(LIBERATION, damage, Path(folder))
        try:
            font = TrueTypeFile(path)
        except FontFileError:
            return
        font.string_width("公文 ABC", 16)  # what it read can be used
