"""Deflate (RFC 1951), its zlib wrapping (RFC 1950) and the checksums that go with them.

The work is done by ISA-L (the ``isal`` package) where it is installed: at the sizes gongwen packs (a
glyph outline, a page's content, a DOCX part) it is two to four times faster than zlib, at about the
same size; zlib does it otherwise. The two give different bytes for the same data, each of them valid.

Levels are named for what is packed: ``QUICK`` for bytes made anew for each document, ``SMALL`` for bytes
made once per process and used again and again, where a better ratio costs nothing later.
"""

from __future__ import annotations

try:
    from isal import isal_zlib as _engine

    QUICK, SMALL = 2, 2  # ISA-L's levels run 0-3; its 3 is no smaller than 2 on pieces of a few hundred bytes
except ImportError:  # pragma: no cover - isal is a dependency; this keeps a build without it working
    import zlib as _engine  # type: ignore[no-redef]

    QUICK, SMALL = 1, 9

adler32 = _engine.adler32
crc32 = _engine.crc32


def compress(data: bytes, level: int) -> bytes:
    """``data`` as one zlib stream (header, deflate, Adler-32)."""
    return _engine.compress(data, level)


def deflate(data: bytes, level: int) -> bytes:
    """``data`` as raw deflate ending in a final block (a ZIP member's data)."""
    return _raw(data, level, _engine.Z_FINISH)


def segment(data: bytes, level: int) -> bytes:
    """``data`` as raw deflate that refers to nothing before it and ends on a byte boundary, without a
    final block (a sync flush): segments made this way join, in any order, into one deflate stream."""
    return _raw(data, level, _engine.Z_SYNC_FLUSH)


def _raw(data: bytes, level: int, flush: int) -> bytes:
    packer = _engine.compressobj(level, _engine.DEFLATED, -15)
    return packer.compress(data) + packer.flush(flush)


ZLIB_HEADER = compress(b"", SMALL)[:2]  # the header this engine writes at level SMALL
FINAL_BLOCK = deflate(b"", SMALL)  # an empty last block, to close a stream of segments
