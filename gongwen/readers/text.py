"""Plain-text input: decode bytes in whatever encoding Chinese text usually arrives in."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from gongwen.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters other than tab, line feed, vertical tab, form feed and carriage return mark binary
# data, as do texts that decode only to private-use characters.
_STRAY_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f]")
_PRIVATE_USE_RE = re.compile("[\ue000-\uf8ff]")


def decode_text(data: bytes, source: str = "<bytes>") -> str:
    """Decode ``data`` as UTF-8 (with or without BOM), UTF-16/32 with BOM, or GB18030/GBK.

    Raises :class:`InputError` for empty, binary or undecodable input.
    """
    if not data.strip():
        raise InputError(source, "empty input")
    text = _decode_with_bom(data, source)
    if text is None:
        text = _decode_bomless_utf16(data, source) if b"\x00" in data else _decode_utf8_or_gb18030(data, source)
    _reject_binary(text, source)
    if not text.strip():
        raise InputError(source, "empty input")
    return text


def read_text_file(path: str | Path) -> str:
    from gongwen.readers.files import read_input_bytes

    path = Path(path)
    return decode_text(read_input_bytes(path), str(path))


def _decode_with_bom(data: bytes, source: str) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    source, f"invalid {encoding.upper()} after byte-order mark (byte {exc.start + len(bom)})"
                ) from None
    return None


def _decode_bomless_utf16(data: bytes, source: str) -> str:
    """Text with NUL bytes is UTF-16 without a BOM, or binary."""
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = max(len(data) // 2, 1)
    for encoding, nuls in (("utf-16-le", odd_nuls), ("utf-16-be", even_nuls)):
        if len(data) % 2 == 0 and nuls / half > 0.3:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise InputError(source, "binary data, not text")


def _decode_utf8_or_gb18030(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not UTF-8, UTF-16 or GB18030 text (undecodable byte at {exc.start})") from None


def _reject_binary(text: str, source: str) -> None:
    sample = text[:65536]
    controls = len(_STRAY_CONTROL_RE.findall(sample))
    if "\x00" in sample or controls > max(2, len(sample) // 200):
        raise InputError(source, "binary data, not text")
    privates = len(_PRIVATE_USE_RE.findall(sample))
    if privates > max(4, len(sample) // 50):
        raise InputError(source, "binary data, not text (decodes only to private-use characters)")
