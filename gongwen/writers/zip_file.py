"""A ZIP file (PKWARE APPNOTE 6.3, the container of DOCX) written in one go, deflating each member.

Most members of a DOCX are the same from document to document (styles, settings, font table, footers),
so the compressed form of a member is kept and reused when the same bytes come again. Every member is
dated 1980-01-01, the earliest date ZIP can hold, so the same document gives the same file.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable

from gongwen import deflate
from gongwen.made_once import MadeOnce

_LOCAL, _CENTRAL, _END = 0x04034B50, 0x02014B50, 0x06054B50
_VERSION = 20  # 2.0: deflate
_DEFLATE = 8
_UTF8_NAME = 1 << 11
_DOS_TIME, _DOS_DATE = 0, (0 << 9) | (1 << 5) | 1  # 1980-01-01 00:00
_MAX_KEPT = 64


def _pack(data: bytes) -> tuple[int, bytes]:
    """A member's CRC-32 and its bytes deflated."""
    return deflate.crc32(data), deflate.deflate(data, deflate.QUICK)


# member bytes → (CRC-32, deflated); bounded, as documents' own parts never repeat
_deflated = MadeOnce(_pack, _MAX_KEPT).__getitem__


def zip_bytes(members: Iterable[tuple[str, bytes]]) -> bytes:
    """A ZIP file of the members (name, bytes), in the order given."""
    parts: list[bytes] = []
    directory: list[bytes] = []
    at = 0
    count = 0
    for name, data in members:
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else _UTF8_NAME
        crc, packed = _deflated(data)
        fields = (_VERSION, flags, _DEFLATE, _DOS_TIME, _DOS_DATE, crc, len(packed), len(data), len(encoded))
        local = struct.pack("<LHHHHHLLLHH", _LOCAL, *fields, 0) + encoded
        directory.append(struct.pack("<LHHHHHHLLLHHHHHLL", _CENTRAL, _VERSION, *fields, 0, 0, 0, 0, 0, at) + encoded)
        parts += (local, packed)
        at += len(local) + len(packed)
        count += 1
    central = b"".join(directory)
    end = struct.pack("<LHHHHLLH", _END, 0, 0, count, count, len(central), at, 0)
    return b"".join(parts) + central + end
