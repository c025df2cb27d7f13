"""TrueType subsets for embedding in PDFs, made from glyphs compressed once per process.

Compressing each subset's font file whole with zlib, document after document, would be most of the
time a PDF takes. Here each glyph outline is compressed once, as a deflate segment of its own that ends
on a byte boundary (RFC 1951 sync flush), and a subset's font file is the small tables that differ from
subset to subset, stored uncompressed, followed by the cached segments of its glyphs. The result is one
ordinary zlib stream (RFC 1950), about a fifth larger than the same file compressed whole, and made
several times faster. A font whose outlines are small (deflate's code tables cost more than they save on
a glyph of a few dozen bytes) has its glyphs stored as they are, and so have composite glyphs.

A subset holds one glyph per character a document uses (numbered in the order ``writers.pdf_fonts``
gives the characters, so that a character's code in the PDF is its glyph's number) and the glyphs their
composites use, a ``cmap`` of one range, and the font's ``name``, ``OS/2``, ``cvt``, ``fpgm`` and ``prep``
tables.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Iterable, Sequence
from itertools import accumulate, chain, filterfalse, repeat
from operator import itemgetter, mul, rshift
from typing import NamedTuple, cast

from gongwen import deflate
from gongwen.code_points import WORD
from gongwen.layout.truetype import FontFileError, TrueTypeFile
from gongwen.made_once import MadeOnce

_ADLER_BASE = 65521
_LITTLE_ENDIAN = sys.byteorder == "little"
_MAX_COMPOSITES = 4096
_MAX_STORED = 0xFFFF  # bytes in one stored deflate block (RFC 1951, 3.2.4)
_STORED_OVERHEAD = 5  # a stored block's header
_SAMPLED_GLYPHS = 32  # glyphs compressed to judge whether compressing a font's glyphs pays
_WORTH_COMPRESSING = 0.9  # a font's glyphs are compressed when that leaves at most this part of their size
_COPIED_TABLES = ("OS/2", "cvt ", "fpgm", "name", "prep")
_VARYING_TABLES = ("cmap", "head", "hhea", "hmtx", "loca", "maxp", "post")  # made for each subset, in file order
# byte offsets of the fields a subset sets: head's checkSumAdjustment and indexToLocFormat, hhea's
# numberOfHMetrics, maxp's numGlyphs, and the last code of the identity cmap's one segment
_HEAD_ADJUSTMENT, _HEAD_LOCA_FORMAT, _HHEA_METRICS, _MAXP_GLYPHS, _CMAP_LAST = 8, 50, 34, 4, 26
_LENGTH, _CHECKSUM = itemgetter(0), itemgetter(1)  # of a Segment
_COMPOSITE_MORE, _COMPOSITE_WORDS = 0x0020, 0x0001
_COMPOSITE_SCALE, _COMPOSITE_XY_SCALE, _COMPOSITE_2X2 = 0x0008, 0x0040, 0x0080


class Segment(NamedTuple):
    """Bytes of the font file (padded to 4) as a self-contained deflate segment, with what joining
    segments needs: the TrueType checksum and the two Adler-32 sums of the bytes alone."""

    length: int
    checksum: int  # TrueType checksum: sum of big-endian 32-bit words
    byte_sum: int  # Adler-32's first sum less its start of 1: the bytes' sum, modulo 65521
    weighted_sum: int  # its second sum less the length: each byte times the count of bytes from it to the end
    packed: bytes

    @classmethod
    def of(cls, data: bytes) -> Segment:
        """``data`` compressed at the level for bytes made once and used many times."""
        data = _pad(data)
        return cls._with_sums(data, deflate.segment(data, deflate.SMALL))

    @classmethod
    def stored(cls, data: bytes, known_checksum: int | None = None) -> Segment:
        """``data`` as stored (uncompressed) deflate blocks: for the few KB made anew for each document,
        which zlib would take longer to pack than the rest of the font file takes to join. A caller that
        knows the data's TrueType checksum already may give it."""
        data = _pad(data)
        blocks = [
            struct.pack("<BHH", 0, len(chunk), len(chunk) ^ 0xFFFF) + chunk  # not final, stored; LEN, NLEN
            for chunk in (data[at : at + _MAX_STORED] for at in range(0, len(data), _MAX_STORED))
        ]
        return cls._with_sums(data, b"".join(blocks), known_checksum)

    @classmethod
    def _with_sums(cls, data: bytes, packed: bytes, known_checksum: int | None = None) -> Segment:
        adler = deflate.adler32(data)
        byte_sum = ((adler & 0xFFFF) - 1) % _ADLER_BASE
        words = checksum(data) if known_checksum is None else known_checksum
        return cls(len(data), words, byte_sum, ((adler >> 16) - len(data)) % _ADLER_BASE, packed)


_EMPTY = Segment(0, 0, 0, 0, b"")  # a glyph with no outline


def _pad(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 4)


def checksum(data: bytes) -> int:
    """The TrueType checksum of ``data``, padded with zeros to a multiple of four bytes."""
    words = array(WORD, _pad(data))  # in this machine's byte order
    if _LITTLE_ENDIAN:
        words.byteswap()
    return sum(words) & 0xFFFFFFFF


def joined_adler32(lengths: Sequence[int], byte_sums: Sequence[int], weighted_sums: Sequence[int]) -> int:
    """Adler-32 of pieces joined, from the sums of each (RFC 1950: the first sum is 1 plus the bytes, the
    second the first's value after every byte, added up): a piece adds its weighted sum, and its length
    times the first sum it starts from."""
    starts = accumulate(byte_sums, initial=1)
    first = sum(byte_sums) + 1
    second = sum(weighted_sums) + sum(map(mul, lengths, starts))
    return (second % _ADLER_BASE) << 16 | first % _ADLER_BASE


def zlib_stream(segments: Iterable[Segment]) -> tuple[bytes, int]:
    """Join segments into one zlib stream; returns it and the length of the uncompressed data."""
    lengths, _, byte_sums, weighted_sums, packed = list(zip(*segments, strict=True)) or [()] * 5
    adler = joined_adler32(lengths, byte_sums, weighted_sums)
    return b"".join((deflate.ZLIB_HEADER, *packed, deflate.FINAL_BLOCK, struct.pack(">L", adler))), sum(lengths)


class SubsetFace(TrueTypeFile):
    """A font file that makes font files for subsets of itself from cached glyph segments."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self._glyph_segments: dict[int, Segment] = {}  # simple glyphs by index
        self._composite_segments: dict[tuple[int, tuple[int, ...]], Segment] = {}  # by index and parts' numbers
        self._refs: dict[int, list[tuple[int, int]]] = {}  # a composite's parts: (byte offset, glyph index)
        self._parts: dict[int, tuple[int, ...]] = {}  # a composite's parts' glyph indices
        self._glyf_start = self.table_position("glyf")[0]
        copied = {tag: self.table(tag) for tag in sorted(_COPIED_TABLES) if self.has_table(tag)}  # in file order
        self._copied_segment = Segment.of(b"".join(_pad(data) for data in copied.values()))
        # chosen on load (a process that forks workers loads its fonts before): ~0.5 ms a font
        self._pack_glyph = Segment.of if self._compression_pays() else Segment.stored
        # each glyph's horizontal metrics as an hmtx entry (kept as read, unsigned)
        self._metric_entries = MadeOnce(lambda glyph: struct.pack(">HH", *self.hmetrics[glyph]))
        post = self.table("post")
        post = b"\x00\x03\x00\x00" + post[4:16] + b"\x00" * 16  # version 3: no glyph names
        self._base = _FileBase.of(self, copied, post)

    def _compression_pays(self) -> bool:
        """Whether this font's glyphs come out clearly smaller compressed one by one, judged on a sample
        spread over the font. Small outlines do not (deflate's code tables cost more than they save),
        and for them storing is both smaller and several times faster."""
        step = max(1, self.num_glyphs // _SAMPLED_GLYPHS)
        sample = [self._glyph_bytes(index) for index in range(1, self.num_glyphs, step)]
        sample = [_pad(data) for data in sample if data and not _component_refs(data)]
        stored = sum(map(len, sample)) + _STORED_OVERHEAD * len(sample)
        return sum(len(deflate.segment(data, deflate.SMALL)) for data in sample) < stored * _WORTH_COMPRESSING

    # -- the subset -----------------------------------------------------------------------------
    def subset_segments(self, chars: Sequence[int]) -> list[Segment]:
        """The font file for ``chars`` (code points) as segments, in file order: glyph 0 is .notdef and
        glyph k + 1 that of ``chars[k]``, so a character's number in the subset is its position plus one,
        even where two characters share a glyph or a character has none; the parts composite glyphs use
        follow. The ``cmap`` maps codes 1 … n to glyphs 1 … n."""
        glyph_map = [0, *map(self.char_to_glyph.get, chars, repeat(0, len(chars)))]
        self._learn(glyph_map)
        if self._refs.keys().isdisjoint(glyph_map):
            glyphs = list(map(self._glyph_segments.__getitem__, glyph_map))
        else:
            glyph_map, glyphs = self._with_composites(glyph_map)
        offsets = [0, *accumulate(map(_LENGTH, glyphs))]
        head, head_checksum = self._file_head(glyph_map, len(chars), offsets, sum(map(_CHECKSUM, glyphs)))
        return [Segment.stored(head, head_checksum), self._copied_segment, *glyphs]

    def _learn(self, glyph_map: list[int]) -> None:
        """Read the glyphs not met before: a simple one is packed (compressed where that pays), a composite's
        parts noted (and read)."""
        simple, composite = self._glyph_segments, self._refs
        unknown = set(glyph_map).difference(simple, composite)
        pack = self._pack_glyph
        while unknown:
            old = unknown.pop()
            data = self._glyph_bytes(old)
            refs = _component_refs(data)
            if refs:
                # a damaged composite may name glyphs the font does not have: .notdef stands in for them
                composite[old] = [(at, index if index < self.num_glyphs else 0) for at, index in refs]
                self._parts[old] = parts = tuple(index for _, index in composite[old])
                unknown.update(index for index in parts if index not in simple and index not in composite)
            else:
                simple[old] = pack(data) if data else _EMPTY

    def _with_composites(self, glyph_map: list[int]) -> tuple[list[int], list[Segment]]:
        """The glyph map with the parts of composite glyphs added, and every glyph's segment (a composite
        patched to name its parts by their numbers in the subset)."""
        new_of = dict(zip(reversed(glyph_map), range(len(glyph_map) - 1, -1, -1), strict=True))  # first wins
        glyph_map = list(glyph_map)
        parts_of = self._parts
        # the parts of each composite in map order, those of parts that are composites themselves after
        # (the composites met are every composite of the map but those among parts it already had)
        composites = list(filter(parts_of.__contains__, glyph_map))
        while composites:
            start = len(glyph_map)
            parts = dict.fromkeys(chain.from_iterable(map(parts_of.__getitem__, composites)))  # first wins
            glyph_map.extend(filterfalse(new_of.__contains__, parts))
            new_of.update(zip(glyph_map[start:], range(start, len(glyph_map)), strict=True))
            composites = list(filter(parts_of.__contains__, glyph_map[start:]))
        self._learn(glyph_map)
        glyphs: list[Segment | None] = list(map(self._glyph_segments.get, glyph_map))  # None for a composite
        made = self._composite_segments
        for at in [at for at, segment in enumerate(glyphs) if segment is None]:
            old = glyph_map[at]
            key = (old, tuple(map(new_of.__getitem__, parts_of[old])))  # a composite names its parts by number
            glyphs[at] = made.get(key) or self._composite_segment(key)
        return glyph_map, cast("list[Segment]", glyphs)

    def _glyph_bytes(self, old: int) -> bytes:
        start = self._glyf_start + self.glyph_positions[old]
        return self.data[start : self._glyf_start + self.glyph_positions[old + 1]]

    def _composite_segment(self, key: tuple[int, tuple[int, ...]]) -> Segment:
        """A composite (``key``: its index and its parts' numbers in the subset) patched to name its parts
        by those numbers, and kept for the next subset that numbers them the same."""
        if len(self._composite_segments) >= _MAX_COMPOSITES:  # numberings vary: keep memory bounded
            self._composite_segments.clear()
        old, numbers = key
        patched = bytearray(self._glyph_bytes(old))
        for (at, _), number in zip(self._refs[old], numbers, strict=True):
            struct.pack_into(">H", patched, at, number)
        # stored: a composite is a few component records, too short for compression to pay
        segment = self._composite_segments[key] = Segment.stored(bytes(patched))
        return segment

    def _file_head(self, glyph_map: list[int], coded: int, offsets: list[int], glyf_checksum: int) -> tuple[bytes, int]:
        """The offset table, the directory and the tables that vary from subset to subset (``cmap``,
        ``head``, ``hhea``, ``hmtx``, ``loca``, ``maxp``, ``post``), with the TrueType checksum of them
        all; the copied tables (one cached segment) and the glyphs follow. Checksums of 4-byte aligned
        pieces add up, so a table that differs from the font's own in a 16-bit count only has its
        checksum from the font's, plus the count in its place in the word."""
        count, glyf_length = len(glyph_map), offsets[-1]
        long_loca = glyf_length > 0x1FFFE
        hmtx = b"".join(map(self._metric_entries.__getitem__, glyph_map))
        if long_loca:
            loca = struct.pack(f">{len(offsets)}L", *offsets)
        else:
            loca = struct.pack(f">{len(offsets)}H", *map(rshift, offsets, repeat(1, len(offsets))))
        last = min(coded, 0xFFFE)
        base = self._base
        cmap = base.cmap[:_CMAP_LAST] + last.to_bytes(2, "big") + base.cmap[_CMAP_LAST + 2 :]
        count_bytes = count.to_bytes(2, "big")
        hhea = base.hhea[:_HHEA_METRICS] + count_bytes + base.hhea[_HHEA_METRICS + 2 :]
        maxp = base.maxp[:_MAXP_GLYPHS] + count_bytes + base.maxp[_MAXP_GLYPHS + 2 :]
        sums = [
            base.cmap_sum + last,  # the low half of its word
            base.head_sum + long_loca,  # indexToLocFormat: the low half of its word
            base.hhea_sum + count,  # numberOfHMetrics: the low half
            checksum(hmtx),
            checksum(loca),
            base.maxp_sum + (count << 16),  # numGlyphs: the high half
            base.post_sum,
            *base.copied_sums,
            glyf_checksum,
        ]
        lengths = [len(cmap), len(base.head), len(hhea), len(hmtx), len(loca), len(maxp), len(base.post)]
        lengths += (*base.copied_lengths, glyf_length)
        places = list(accumulate([base.directory_length, *((n + 3) & ~3 for n in lengths[:-1])]))
        rows = [(base.tags[i], sums[i] & 0xFFFFFFFF, places[i], lengths[i]) for i in base.directory_order]
        header = struct.pack(base.directory_format, *base.offset_table, *(field for row in rows for field in row))
        header_checksum = checksum(header)
        adjustment = (0xB1B0AFBA - header_checksum - sum(sums)) & 0xFFFFFFFF
        head = base.head[:_HEAD_ADJUSTMENT] + adjustment.to_bytes(4, "big")
        head += base.head[_HEAD_ADJUSTMENT + 4 : _HEAD_LOCA_FORMAT] + (b"\0\1" if long_loca else b"\0\0")
        head += base.head[_HEAD_LOCA_FORMAT + 2 :]
        body = b"".join(map(_pad, (cmap, head, hhea, hmtx, loca, maxp, base.post)))
        # the head table's checksum grows by the adjustment (its word was 0)
        return header + body, (header_checksum + sum(sums[:7]) + adjustment) & 0xFFFFFFFF


class _FileBase(NamedTuple):
    """What every subset file of one font shares: the varying tables as the font has them (counts 0),
    their checksums, the copied tables' entries, and the directory's layout."""

    cmap: bytes
    head: bytes
    hhea: bytes
    maxp: bytes
    post: bytes
    cmap_sum: int
    head_sum: int
    hhea_sum: int
    maxp_sum: int
    post_sum: int
    copied_sums: tuple[int, ...]
    copied_lengths: tuple[int, ...]
    tags: tuple[bytes, ...]  # in file order
    directory_order: tuple[int, ...]  # positions in file order, by tag
    directory_length: int
    directory_format: str
    offset_table: tuple[int, ...]

    @classmethod
    def of(cls, face: TrueTypeFile, copied: dict[str, bytes], post: bytes) -> _FileBase:
        cmap = _identity_cmap(0)
        head = _with_zeros(face.table("head"), _HEAD_ADJUSTMENT, 4)
        head = _with_zeros(head, _HEAD_LOCA_FORMAT, 2)
        hhea = _with_zeros(face.table("hhea"), _HHEA_METRICS, 2)
        maxp = _with_zeros(face.table("maxp"), _MAXP_GLYPHS, 2)
        tags = (*_VARYING_TABLES, *copied, "glyf")
        count = len(tags)
        power = 1 << (count.bit_length() - 1)  # the binary-search fields of the offset table
        return cls(
            cmap=cmap,
            head=head,
            hhea=hhea,
            maxp=maxp,
            post=post,
            cmap_sum=checksum(cmap),
            head_sum=checksum(head),
            hhea_sum=checksum(hhea),
            maxp_sum=checksum(maxp),
            post_sum=checksum(post),
            copied_sums=tuple(map(checksum, copied.values())),
            copied_lengths=tuple(map(len, copied.values())),
            tags=tuple(tag.encode("latin-1") for tag in tags),
            directory_order=tuple(sorted(range(count), key=tags.__getitem__)),
            directory_length=12 + 16 * count,
            directory_format=">LHHHH" + "4sLLL" * count,
            offset_table=(0x00010000, count, power * 16, power.bit_length() - 1, (count - power) * 16),
        )


def _with_zeros(data: bytes, at: int, size: int) -> bytes:
    if len(data) < at + size:
        raise FontFileError("a table of the font is too short")
    return data[:at] + bytes(size) + data[at + size :]


def _identity_cmap(coded: int) -> bytes:
    """A ``cmap`` whose one subtable (format 4) maps the codes 1 … ``coded`` to the glyphs of the same
    numbers: one segment with a delta of 0, and the closing segment for 0xFFFF the format asks for."""
    last = min(coded, 0xFFFE)
    segments = struct.pack(">HHHHHHHHH", last, 0xFFFF, 0, 1, 0xFFFF, 0, 1, 0, 0)  # ends, pad, starts, deltas, offsets
    subtable = struct.pack(">HHHHHHH", 4, 14 + len(segments), 0, 4, 4, 1, 0) + segments
    return struct.pack(">HHHHL", 0, 1, 1, 0, 12) + subtable


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
