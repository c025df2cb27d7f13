"""A TrueType font file read for layout and embedding: its tables, metrics and character map.

Only what gongwen needs is read, with whole arrays unpacked at once, so that the big CJK fonts load in
milliseconds: the table directory (also of one font in a .ttc collection), the PostScript name, the
``head``, ``hhea``, ``maxp``, ``OS/2`` and ``post`` values a PDF font descriptor gives, the horizontal
metrics, the glyph locations and the Unicode character map. Widths are in thousandths of an em, as
PDF writes them. Fonts that cannot be embedded raise :class:`FontFileError`: CFF outlines, and fonts
whose licence forbids embedding (OpenType ``OS/2`` fsType).
"""

from __future__ import annotations

import struct
from pathlib import Path

from gongwen.layout.font_names import name_records

_SFNT_VERSIONS = (0x00010000, 0x74727565)  # TrueType outlines ('OTTO', CFF outlines, cannot be embedded here)
_COLLECTION = b"ttcf"
_HEAD_MAGIC = 0x5F0F3CF5
_RESTRICTED_LICENSE, _NO_SUBSETTING, _BITMAP_ONLY = 0x0002, 0x0100, 0x0200
# font descriptor flags (ISO 32000-1, 9.8.2)
FIXED_PITCH, SYMBOLIC, ITALIC, FORCE_BOLD = 1 << 0, 1 << 2, 1 << 6, 1 << 18
_BOLD_WEIGHT = 600
_NAME_IDS = (6, 4, 1)  # PostScript name, full name, family: the first found names the font
# Unicode character maps, best first: (platform, encoding)
_UNICODE_FULL = ((3, 10), (0, 6), (0, 4))
_UNICODE_BMP = ((3, 1), (0, 3), (0, 2), (0, 1), (0, 0), (3, 0))
_NBSP, _SPACE = 0xA0, 0x20


class FontFileError(ValueError):
    """The file is not a TrueType font gongwen can embed."""


class TrueTypeFile:
    """One TrueType font, read from a .ttf file or the first font of a .ttc collection."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        with open(path, "rb") as handle:
            self.data = handle.read()
        try:
            self._read()
        except struct.error:
            raise FontFileError(f"{self.path}: truncated or corrupt font file") from None

    # -- tables -------------------------------------------------------------------------------------
    def has_table(self, tag: str) -> bool:
        return tag in self.tables

    def table_position(self, tag: str) -> tuple[int, int]:
        """Offset and length of a table in the file."""
        if tag not in self.tables:
            raise FontFileError(f"{self.path}: no {tag!r} table")
        return self.tables[tag]

    def table(self, tag: str) -> bytes:
        offset, length = self.table_position(tag)
        return self.data[offset : offset + length]

    # -- metrics ------------------------------------------------------------------------------------
    def char_width(self, code: int) -> float:
        """The advance of a character's glyph in thousandths of an em (glyph 0's when it has none)."""
        return self.widths[self.char_to_glyph.get(code, 0)]

    def string_width(self, text: str, size: float) -> float:
        """The advance of ``text`` set at ``size`` points, in points."""
        get, widths = self.char_to_glyph.get, self.widths
        return sum(widths[get(ord(ch), 0)] for ch in text) * size * 0.001

    # -- reading ------------------------------------------------------------------------------------
    def _read(self) -> None:
        start = 0
        self.subfont_suffix = ""
        if self.data[:4] == _COLLECTION:
            (start,) = struct.unpack_from(">L", self.data, 12)
            self.subfont_suffix = "-0"
        version, count = struct.unpack_from(">LH", self.data, start)
        if version not in _SFNT_VERSIONS:
            kind = "CFF outlines" if version == 0x4F54544F else f"version 0x{version:08X}"
            raise FontFileError(f"{self.path}: not a TrueType font ({kind})")
        self.tables: dict[str, tuple[int, int]] = {}
        for i in range(count):
            tag, _checksum, offset, length = struct.unpack_from(">4sLLL", self.data, start + 12 + 16 * i)
            if offset + length > len(self.data):
                raise FontFileError(f"{self.path}: table {tag!r} runs past the end of the file")
            self.tables[tag.decode("latin-1")] = (offset, length)
        for tag in ("head", "hhea", "hmtx", "maxp", "loca", "glyf", "cmap", "post"):
            self.table_position(tag)
        self.ps_name = self._postscript_name()
        self._read_head()
        self._read_os2()
        self._read_post()
        (self.num_glyphs,) = struct.unpack_from(">H", self.table("maxp"), 4)
        if self.num_glyphs == 0:
            raise FontFileError(f"{self.path}: the font has no glyphs")
        if not self.subsetting_allowed:
            raise FontFileError(f"{self.path}: the font's licence does not allow embedding a subset")
        self._read_metrics()
        self._read_locations()
        self.char_to_glyph = self._read_cmap()
        if _SPACE in self.char_to_glyph:  # a no-break space looks like a space
            self.char_to_glyph.setdefault(_NBSP, self.char_to_glyph[_SPACE])

    def _postscript_name(self) -> str:
        data = self.table("name") if "name" in self.tables else b""
        found: dict[int, str] = {}
        for platform, encoding, language, name_id, raw in name_records(data):
            if name_id not in _NAME_IDS or name_id in found:
                continue
            if (platform, encoding, language) == (3, 1, 0x409):
                found[name_id] = raw.decode("utf-16-be", "replace")
            elif (platform, encoding, language) == (1, 0, 0):
                found[name_id] = raw.decode("mac_roman", "replace")
        name = next((found[i] for i in _NAME_IDS if found.get(i)), Path(self.path).stem)
        # a PDF name is printable ASCII without delimiters; anything else becomes '-'
        return "".join(ch if 0x21 <= ord(ch) <= 0x7E and ch not in "[](){}<>/%#" else "-" for ch in name)

    def _read_head(self) -> None:
        head = self.table("head")
        (magic,) = struct.unpack_from(">L", head, 12)
        if magic != _HEAD_MAGIC:
            raise FontFileError(f"{self.path}: bad 'head' table")
        (self.units_per_em,) = struct.unpack_from(">H", head, 18)
        if not self.units_per_em:
            raise FontFileError(f"{self.path}: units per em is 0")
        self._scale = 1000 / self.units_per_em
        box = struct.unpack_from(">4h", head, 36)
        self.bbox = [v * self._scale for v in box]
        (self._long_loca,) = struct.unpack_from(">h", head, 50)

    def _read_os2(self) -> None:
        self.subsetting_allowed = True
        if "OS/2" not in self.tables:  # Apple fonts may lack it
            self.weight = 500
            self.ascent, self.descent = self.bbox[3], self.bbox[1]
            self.cap_height = self.ascent
            return
        os2 = self.table("OS/2")
        version, _avg, self.weight, _width, fs_type = struct.unpack_from(">HhHHH", os2)
        self.subsetting_allowed = not (fs_type == _RESTRICTED_LICENSE or fs_type & (_NO_SUBSETTING | _BITMAP_ONLY))
        typo_ascender, typo_descender = struct.unpack_from(">hh", os2, 68)
        self.ascent, self.descent = typo_ascender * self._scale, typo_descender * self._scale
        self.cap_height = self.ascent
        if version > 1 and len(os2) >= 90:
            (cap_height,) = struct.unpack_from(">h", os2, 88)
            self.cap_height = cap_height * self._scale

    def _read_post(self) -> None:
        whole, fraction, _position, _thickness, fixed_pitch = struct.unpack_from(">hHhhL", self.table("post"), 4)
        self.italic_angle = whole + fraction / 65536
        # a PDF needs a stem width; a TrueType file does not say, so it is estimated from the weight (as pdflib)
        self.stem_v = 50 + int((self.weight / 65.0) ** 2)
        self.flags = SYMBOLIC
        if self.italic_angle:
            self.flags |= ITALIC
        if self.weight >= _BOLD_WEIGHT:
            self.flags |= FORCE_BOLD
        if fixed_pitch:
            self.flags |= FIXED_PITCH

    def _read_metrics(self) -> None:
        """Advance and left side bearing of every glyph, as stored (unsigned), and widths per glyph."""
        (full,) = struct.unpack_from(">H", self.table("hhea"), 34)
        if not full:
            raise FontFileError(f"{self.path}: no horizontal metrics")
        hmtx = self.table("hmtx")
        full = min(full, len(hmtx) // 4)
        pairs = struct.unpack_from(f">{2 * full}H", hmtx)
        advances = list(pairs[0::2])
        bearings = list(pairs[1::2])
        rest = max(0, min(self.num_glyphs - full, (len(hmtx) - 4 * full) // 2))
        bearings += struct.unpack_from(f">{rest}H", hmtx, 4 * full)
        advances += [advances[-1]] * (len(bearings) - len(advances))
        advances += [advances[-1]] * (self.num_glyphs - len(advances))
        bearings += [0] * (self.num_glyphs - len(bearings))
        self.hmetrics = list(zip(advances, bearings, strict=True))
        self.widths = [advance * self._scale for advance in advances]
        self.default_width = self.widths[0]

    def _read_locations(self) -> None:
        count = self.num_glyphs + 1
        loca = self.table("loca")
        if self._long_loca:
            self.glyph_positions = list(struct.unpack_from(f">{count}L", loca))
        else:
            self.glyph_positions = [offset << 1 for offset in struct.unpack_from(f">{count}H", loca)]

    def _read_cmap(self) -> dict[int, int]:
        """Unicode code point → glyph, from the best Unicode subtable; glyph 0 (none) left out."""
        cmap_at, _length = self.table_position("cmap")
        (count,) = struct.unpack_from(">H", self.data, cmap_at + 2)
        subtables: dict[tuple[int, int], int] = {}
        for i in range(count):
            platform, encoding, offset = struct.unpack_from(">HHL", self.data, cmap_at + 4 + 8 * i)
            subtables.setdefault((platform, encoding), cmap_at + offset)
        for key in (*_UNICODE_FULL, *_UNICODE_BMP, (1, 0)):
            if key in subtables:
                mapping = self._cmap_subtable(subtables[key])
                if mapping is not None:
                    return _without_empty_glyphs(mapping, self.num_glyphs)
        raise FontFileError(f"{self.path}: no Unicode character map")

    def _cmap_subtable(self, at: int) -> dict[int, int] | None:
        data = self.data
        (fmt,) = struct.unpack_from(">H", data, at)
        if fmt == 4:
            return _cmap_format4(data, at)
        if fmt == 12:
            (groups,) = struct.unpack_from(">L", data, at + 12)
            values = struct.unpack_from(f">{3 * groups}L", data, at + 16)
            mapping: dict[int, int] = {}
            for n in range(0, 3 * groups, 3):
                first, last, glyph = values[n : n + 3]
                mapping.update(zip(range(first, last + 1), range(glyph, glyph + last - first + 1), strict=True))
            return mapping
        if fmt == 6:
            first, count = struct.unpack_from(">HH", data, at + 6)
            glyphs = struct.unpack_from(f">{count}H", data, at + 10)
            return dict(zip(range(first, first + count), glyphs, strict=True))
        if fmt == 0:
            return dict(enumerate(data[at + 6 : at + 262]))
        return None


def _without_empty_glyphs(mapping: dict[int, int], count: int) -> dict[int, int]:
    """The mapping without codes that map to glyph 0 or to glyphs the font does not have (checked with
    min and max first: most fonts have neither, and the big CJK maps need no second pass then)."""
    if not mapping:
        return mapping
    glyphs = mapping.values()
    if min(glyphs) > 0 and max(glyphs) < count:
        return mapping
    return {code: glyph for code, glyph in mapping.items() if 0 < glyph < count}


def _cmap_format4(data: bytes, at: int) -> dict[int, int]:
    """A segment mapping to delta values (format 4): glyph = code + delta, or looked up in the glyph array."""
    length, _language, doubled = struct.unpack_from(">HHH", data, at + 2)
    count = doubled // 2
    ends = struct.unpack_from(f">{count}H", data, at + 14)
    starts = struct.unpack_from(f">{count}H", data, at + 16 + doubled)
    deltas = struct.unpack_from(f">{count}h", data, at + 16 + 2 * doubled)
    range_offsets_at = at + 16 + 3 * doubled
    range_offsets = struct.unpack_from(f">{count}H", data, range_offsets_at)
    limit = min(at + length, len(data))
    mapping: dict[int, int] = {}
    for n in range(count):
        start, end, delta, range_offset = starts[n], ends[n], deltas[n], range_offsets[n]
        if start > end or start == 0xFFFF:
            continue
        codes = range(start, end + 1)
        if range_offset == 0:
            low, high = (start + delta) & 0xFFFF, (end + delta) & 0xFFFF
            if high - low == end - start:  # no wrap past 0xFFFF inside the segment
                mapping.update(zip(codes, range(low, high + 1), strict=True))
            else:
                mapping.update((code, (code + delta) & 0xFFFF) for code in codes)
            continue
        where = range_offsets_at + 2 * n + range_offset
        available = max(0, min(end - start + 1, (limit - where) // 2))
        raw = struct.unpack_from(f">{available}H", data, where) if available else ()
        # a glyph array cut short by the table's end leaves the segment's last codes unmapped
        mapping.update(zip(codes, [(glyph + delta) & 0xFFFF if glyph else 0 for glyph in raw], strict=False))
    return mapping
