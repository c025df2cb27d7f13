"""The family names a TrueType font file gives itself, read from its ``name`` table alone.

Fonts are installed under many file names (方正小标宋简体 as ``FZXBSJW.TTF``, ``FZXBSJW--GB1-0.ttf`` or a
Chinese name), so a font the file-name lookup misses is found by the names inside it. Only the table
directory and the ``name`` table are read, which keeps a scan of a whole fonts folder quick.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

_TRUETYPE = (0x00010000, 0x74727565)  # 'OTTO' (CFF outlines) is not embedded
_FAMILY_IDS = (1, 4, 16)  # family, full name, typographic family
_WINDOWS, _MAC, _UNICODE = 3, 1, 0
_WINDOWS_PRC = 3  # strings in GB2312, one or two bytes in each 16-bit unit
_MAC_SIMPLIFIED_CHINESE = 25


def family_names(path: str | Path) -> set[str]:
    """The family and full names of the (first) font in a .ttf or .ttc file; empty when unreadable."""
    try:
        with open(path, "rb") as handle:
            data = _name_table(handle)
    except (OSError, struct.error):
        return set()
    return _names(data) if data else set()


def normalized(name: str) -> str:
    return name.replace(" ", "").replace("-", "").replace("_", "").lower()


def _name_table(handle) -> bytes | None:
    start = 0
    if handle.read(4) == b"ttcf":
        handle.seek(12)
        (start,) = struct.unpack(">L", handle.read(4))
    handle.seek(start)
    version, count = struct.unpack(">LH", handle.read(6))
    if version not in _TRUETYPE or count > 200:
        return None
    handle.seek(start + 12)
    directory = handle.read(16 * count)
    for i in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sLLL", directory, 16 * i)
        if tag == b"name":
            handle.seek(offset)
            return handle.read(min(length, 1 << 20))
    return None


def name_records(data: bytes) -> Iterator[tuple[int, int, int, int, bytes]]:
    """(platform, encoding, language, name id, the string's bytes) of each record of a ``name`` table."""
    if len(data) < 6:
        return
    _format, count, strings = struct.unpack_from(">HHH", data)
    for i in range(min(count, (len(data) - 6) // 12)):
        platform, encoding, language, name_id, length, offset = struct.unpack_from(">6H", data, 6 + 12 * i)
        yield platform, encoding, language, name_id, data[strings + offset : strings + offset + length]


def _names(data: bytes) -> set[str]:
    names = set()
    for platform, encoding, _language, name_id, raw in name_records(data):
        if name_id not in _FAMILY_IDS:
            continue
        text = _decode(raw, platform, encoding)
        if text and text.strip():
            names.add(text.strip())
    return names


def _decode(raw: bytes, platform: int, encoding: int) -> str | None:
    if platform == _WINDOWS and encoding == _WINDOWS_PRC:
        units = [raw[i : i + 2] for i in range(0, len(raw) - 1, 2)]
        return b"".join(u[1:] if u[0] == 0 else u for u in units).decode("gb18030", "ignore")
    if platform in (_WINDOWS, _UNICODE):
        return raw.decode("utf-16-be", "ignore")
    if platform == _MAC and encoding == 0:
        return raw.decode("mac_roman", "ignore")
    if platform == _MAC and encoding == _MAC_SIMPLIFIED_CHINESE:
        return raw.decode("gb18030", "ignore")
    return None
