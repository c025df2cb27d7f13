"""TrueType subsets for embedding in PDFs, made from glyphs compressed once per process.

Compressing each subset's font file whole with zlib, document after document, would be most of the
time a PDF takes. Here each glyph outline is compressed once, as a deflate segment of its own that ends
on a byte boundary (RFC 1951 sync flush), and a subset's font file is the small tables that differ from
subset to subset, compressed on the spot, followed by the cached segments of its glyphs. The result is
one ordinary zlib stream (RFC 1950), about a fifth larger than the same file compressed whole, and made
several times faster.

A subset holds one glyph per character a document uses (numbered in the order ``writers.pdf_fonts``
gives the characters, so that a character's code in the PDF is its glyph's number) and the glyphs their
composites use, a format 6 ``cmap``, and the font's ``name``, ``OS/2``, ``cvt``, ``fpgm`` and ``prep``
tables.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gongwen.layout.truetype import TrueTypeFile

_ADLER_BASE = 65521
_LEVEL = 9  # glyph segments are made once, so the best compression costs nothing later
_ZLIB_HEADER = b"\x78\xda"  # deflate, 32 KB window, "maximum compression" flag (RFC 1950)
_FINAL_BLOCK = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15).flush()  # an empty last block
_MAX_COMPOSITES = 4096
_COPIED_TABLES = ("OS/2", "cvt ", "fpgm", "name", "prep")
_COMPOSITE_MORE, _COMPOSITE_WORDS = 0x0020, 0x0001
_COMPOSITE_SCALE, _COMPOSITE_XY_SCALE, _COMPOSITE_2X2 = 0x0008, 0x0040, 0x0080


@dataclass(frozen=True)
class Segment:
    """Bytes of the font file (padded to 4) as a self-contained deflate segment."""

    length: int
    checksum: int  # TrueType checksum: sum of big-endian 32-bit words
    adler: int  # Adler-32 of the bytes alone
    packed: bytes

    @classmethod
    def of(cls, data: bytes, level: int = _LEVEL) -> Segment:
        data = _pad(data)
        packer = zlib.compressobj(level, zlib.DEFLATED, -15)
        packed = packer.compress(data) + packer.flush(zlib.Z_SYNC_FLUSH)
        return cls(len(data), checksum(data), zlib.adler32(data), packed)


_UNSEEN = Segment(0, 0, 1, b"")  # a glyph not compressed yet


def _pad(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 4)


def checksum(data: bytes) -> int:
    """The TrueType checksum of ``data``, padded with zeros to a multiple of four bytes."""
    data = _pad(data)
    return sum(struct.unpack(f">{len(data) // 4}L", data)) & 0xFFFFFFFF


def adler32_combine(first: int, second: int, second_length: int) -> int:
    """Adler-32 of two pieces joined, from the checksum of each (zlib's adler32_combine)."""
    rem = second_length % _ADLER_BASE
    low1, high1 = first & 0xFFFF, first >> 16
    low2, high2 = second & 0xFFFF, second >> 16
    low = (low1 + low2 - 1) % _ADLER_BASE
    high = (rem * low1 + high1 + high2 - rem) % _ADLER_BASE
    return (high << 16) | low


def zlib_stream(segments: Iterable[Segment]) -> tuple[bytes, int]:
    """Join segments into one zlib stream; returns it and the length of the uncompressed data."""
    parts = [_ZLIB_HEADER]
    adler, length = 1, 0
    for segment in segments:
        parts.append(segment.packed)
        adler = adler32_combine(adler, segment.adler, segment.length)
        length += segment.length
    parts += [_FINAL_BLOCK, struct.pack(">L", adler)]
    return b"".join(parts), length


class SubsetFace(TrueTypeFile):
    """A font file that makes font files for subsets of itself from cached glyph segments."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self._glyph_segments: dict[int, Segment | None] = {}  # simple glyphs by index; None when empty
        self._composite_segments: dict[tuple[int, tuple[int, ...]], Segment] = {}  # by index and parts' numbers
        self._refs: dict[int, list[tuple[int, int]]] = {}  # a composite's parts: (byte offset, glyph index)
        self._glyf_start = self.table_position("glyf")[0]
        copied = {tag: self.table(tag) for tag in sorted(_COPIED_TABLES) if self.has_table(tag)}
        self._copied_entries = {tag: (checksum(data), len(data)) for tag, data in copied.items()}  # in file order
        self._copied_segment = Segment.of(b"".join(_pad(data) for data in copied.values()))
        post = self.table("post")
        self._post = b"\x00\x03\x00\x00" + post[4:16] + b"\x00" * 16  # version 3: no glyph names

    # -- the subset -----------------------------------------------------------------------------
    def subset_segments(self, chars: Sequence[int]) -> list[Segment]:
        """The font file for ``chars`` (code points) as segments, in file order: glyph 0 is .notdef and
        glyph k + 1 that of ``chars[k]``, so a character's number in the subset is its position plus one,
        even where two characters share a glyph or a character has none; the parts composite glyphs use
        follow. The ``cmap`` (format 6) maps codes 1 … n to glyphs 1 … n."""
        glyph_map, new_of = self._glyph_map(chars)
        simple = self._glyph_segments
        glyphs: list[Segment] = []
        offsets = [0]
        at = glyf_checksum = 0
        for old in glyph_map:
            refs = self._component_refs(old)
            if refs:
                segment: Segment | None = self._composite_segment(old, refs, new_of)
            else:
                segment = simple.get(old, _UNSEEN)
                if segment is _UNSEEN:
                    segment = self._simple_segment(old)
            if segment is not None:
                glyphs.append(segment)
                at += segment.length
                glyf_checksum += segment.checksum
            offsets.append(at)
        tables = self._varying_tables(glyph_map, len(chars), offsets)
        head, body = self._file_head(tables, at, glyf_checksum & 0xFFFFFFFF)
        return [Segment.of(head + body, 6), self._copied_segment, *glyphs]

    def _glyph_map(self, chars: Sequence[int]) -> tuple[list[int], dict[int, int]]:
        """New glyph → old (.notdef, one per character, then composite parts), and old → first new."""
        get = self.char_to_glyph.get
        glyph_map = [0, *(get(char, 0) for char in chars)]
        count = len(glyph_map)
        new_of = dict(zip(reversed(glyph_map), range(count - 1, -1, -1), strict=True))  # first one wins
        n = 0
        while n < len(glyph_map):
            for _, part in self._component_refs(glyph_map[n]):
                if part not in new_of:
                    new_of[part] = len(glyph_map)
                    glyph_map.append(part)
            n += 1
        return glyph_map, new_of

    def _glyph_bytes(self, old: int) -> bytes:
        start = self._glyf_start + self.glyph_positions[old]
        return self.data[start : self._glyf_start + self.glyph_positions[old + 1]]

    def _component_refs(self, old: int) -> list[tuple[int, int]]:
        refs = self._refs.get(old)
        if refs is None:
            # a damaged composite may name glyphs the font does not have: .notdef stands in for them
            count = self.num_glyphs
            found = _component_refs(self._glyph_bytes(old))
            refs = self._refs[old] = [(at, index if index < count else 0) for at, index in found]
        return refs

    def _composite_segment(self, old: int, refs: list[tuple[int, int]], new_of: dict[int, int]) -> Segment:
        """A composite names its parts by their numbers in the subset: patched and cached per numbering."""
        numbers = tuple(new_of[index] for _, index in refs)
        key = (old, numbers)
        segment = self._composite_segments.get(key)
        if segment is None:
            if len(self._composite_segments) >= _MAX_COMPOSITES:  # numberings vary: keep memory bounded
                self._composite_segments.clear()
            patched = bytearray(self._glyph_bytes(old))
            for (at, _), number in zip(refs, numbers, strict=True):
                struct.pack_into(">H", patched, at, number)
            segment = self._composite_segments[key] = Segment.of(bytes(patched))
        return segment

    def _simple_segment(self, old: int) -> Segment | None:
        data = self._glyph_bytes(old)
        segment = self._glyph_segments[old] = Segment.of(data) if data else None
        return segment

    def _varying_tables(self, glyph_map: list[int], coded: int, offsets: list[int]) -> dict[str, bytes]:
        count = len(glyph_map)
        # the metrics are kept as read, unsigned
        hmetrics = self.hmetrics
        hmtx = struct.pack(f">{2 * count}H", *[value for g in glyph_map for value in hmetrics[g]])
        cmap = struct.pack(f">HHHHLHHHHH{coded}H", 0, 1, 1, 0, 12, 6, 10 + 2 * coded, 0, 1, coded, *range(1, coded + 1))
        long_loca = offsets[-1] > 0x1FFFE
        loca = (
            struct.pack(f">{len(offsets)}L", *offsets)
            if long_loca
            else struct.pack(f">{len(offsets)}H", *(o >> 1 for o in offsets))
        )
        head = bytearray(self.table("head"))
        head[8:12] = b"\0\0\0\0"  # checkSumAdjustment, set once the file's checksum is known
        struct.pack_into(">h", head, 50, 1 if long_loca else 0)
        hhea = bytearray(self.table("hhea"))
        struct.pack_into(">H", hhea, 34, count)
        maxp = bytearray(self.table("maxp"))
        struct.pack_into(">H", maxp, 4, count)
        return {
            "cmap": cmap,
            "head": bytes(head),
            "hhea": bytes(hhea),
            "hmtx": hmtx,
            "loca": loca,
            "maxp": bytes(maxp),
            "post": self._post,
        }

    def _file_head(self, varying: dict[str, bytes], glyf_length: int, glyf_checksum: int) -> tuple[bytes, bytes]:
        """The offset table and directory, and the varying tables after them; then the copied tables
        (one cached segment) and the glyphs follow."""
        entries: dict[str, tuple[int, int]] = {}  # tag → (checksum, length)
        for tag, data in varying.items():
            entries[tag] = (checksum(data), len(data))
        entries.update(self._copied_entries)
        entries["glyf"] = (glyf_checksum, glyf_length)
        count = len(entries)
        directory_length = 12 + 16 * count
        order = [*varying, *self._copied_entries, "glyf"]
        offsets = {}
        at = directory_length
        for tag in order:
            offsets[tag] = at
            at += (entries[tag][1] + 3) & ~3
        power = 1 << (count.bit_length() - 1)  # the binary-search fields of the offset table
        directory = [struct.pack(">LHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, (count - power) * 16)]
        for tag in sorted(entries):
            sum_, length = entries[tag]
            directory.append(struct.pack(">4sLLL", tag.encode("latin-1"), sum_, offsets[tag], length))
        header = b"".join(directory)
        total = (checksum(header) + sum(c for c, _ in entries.values())) & 0xFFFFFFFF
        head = bytearray(varying["head"])
        struct.pack_into(">L", head, 8, (0xB1B0AFBA - total) & 0xFFFFFFFF)
        tables = dict(varying, head=bytes(head))
        return header, b"".join(_pad(tables[tag]) for tag in varying)


def _component_refs(glyph: bytes) -> list[tuple[int, int]]:
    """(byte offset, glyph index) of each component of a composite glyph; [] for a simple one."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph)[0] >= 0:
        return []
    refs = []
    at = 10
    flags = _COMPOSITE_MORE
    while flags & _COMPOSITE_MORE and at + 4 <= len(glyph):  # a record cut short ends the list
        flags, index = struct.unpack_from(">HH", glyph, at)
        refs.append((at + 2, index))
        at += 4 + (4 if flags & _COMPOSITE_WORDS else 2)
        if flags & _COMPOSITE_SCALE:
            at += 2
        elif flags & _COMPOSITE_XY_SCALE:
            at += 4
        elif flags & _COMPOSITE_2X2:
            at += 8
    return refs
