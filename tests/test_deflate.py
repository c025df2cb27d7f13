"""Deflate through ISA-L (or zlib): what gongwen packs unpacks with zlib, and segments join in any order."""

from __future__ import annotations

import subprocess
import sys
import zlib

from gongwen import deflate

GLYPH_LIKE = [bytes((n * 37 + k * k) % 251 for k in range(size)) for n, size in enumerate((5, 300, 1200, 64))]


def test_compress_gives_a_zlib_stream() -> None:
    data = "各地区、各部门：现将有关事项通知如下。".encode() * 50
    packed = deflate.compress(data, deflate.QUICK)
    assert zlib.decompress(packed) == data
    assert len(packed) < len(data) // 5


def test_a_deflated_member_ends_in_a_final_block() -> None:
    data = b"<w:p><w:r><w:t>text</w:t></w:r></w:p>" * 40
    unpacker = zlib.decompressobj(-15)
    assert unpacker.decompress(deflate.deflate(data, deflate.QUICK)) == data
    assert unpacker.eof


def test_segments_join_in_any_order_into_one_stream() -> None:
    segments = [deflate.segment(data, deflate.SMALL) for data in GLYPH_LIKE]
    for order in ([0, 1, 2, 3], [3, 1, 0, 2], [2, 2, 0]):
        raw = b"".join(segments[i] for i in order) + deflate.FINAL_BLOCK
        unpacker = zlib.decompressobj(-15)
        assert unpacker.decompress(raw) == b"".join(GLYPH_LIKE[i] for i in order)
        assert unpacker.eof
    expected = b"".join(GLYPH_LIKE)
    stream = deflate.ZLIB_HEADER + b"".join(segments) + deflate.FINAL_BLOCK + zlib.adler32(expected).to_bytes(4, "big")
    assert zlib.decompress(stream) == expected


def test_checksums_are_zlibs() -> None:
    data = b"".join(GLYPH_LIKE)
    assert deflate.adler32(data) == zlib.adler32(data)
    assert deflate.crc32(data) == zlib.crc32(data)


def test_without_isal_zlib_does_the_work() -> None:
    code = (
        "import sys, zlib; sys.modules['isal'] = None\n"
        "from gongwen import deflate\n"
        "assert deflate.QUICK == 1 and deflate.SMALL == 9\n"
        "data = bytes(range(256)) * 20\n"
        "assert zlib.decompress(deflate.compress(data, deflate.QUICK)) == data\n"
        "raw = deflate.segment(data, deflate.SMALL) + deflate.FINAL_BLOCK\n"
        "assert zlib.decompress(deflate.ZLIB_HEADER + raw + zlib.adler32(data).to_bytes(4, 'big')) == data\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
