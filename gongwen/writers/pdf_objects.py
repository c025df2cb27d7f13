"""The PDF file itself: numbered objects, compressed streams, the cross-reference table (ISO 32000-1, 7.5).

Objects are kept as bytes, numbered in the order they are reserved, and written out in that order.
"""

from __future__ import annotations

from gongwen import deflate

_HEADER = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"  # the binary comment tells transfer programs the file is binary
# each byte as it stands in a literal string, the content being written as Latin-1: most stand for
# themselves, five are escaped (7.3.4.2: a line end inside a string would be read as a bare newline)
_ESCAPED = {0x0A: "\\n", 0x0D: "\\r", 0x28: "\\(", 0x29: "\\)", 0x5C: "\\\\"}
LITERAL_BYTES = tuple(_ESCAPED.get(b, chr(b)) for b in range(256))


_NUMBERS: dict[float, str] = {}  # numbers as written, kept up to a bound: positions recur from page to page
_MAX_NUMBERS = 20000


def num(value: float) -> str:
    """A number as PDF writes it: at most three decimals, no trailing zeros."""
    text = _NUMBERS.get(value)
    if text is None:
        text = str(int(value)) if value == int(value) else f"{value:.3f}".rstrip("0").rstrip(".")
        if text == "-0":
            text = "0"
        if len(_NUMBERS) < _MAX_NUMBERS:
            _NUMBERS[value] = text
    return text


def text_string(text: str) -> str:
    """A text string (7.9.2.2): UTF-16BE with its byte order mark, written in hex (a lone surrogate as its
    own code unit)."""
    return "<FEFF" + text.encode("utf-16-be", "surrogatepass").hex().upper() + ">"


def name(text: str) -> str:
    """A name object (7.3.5): characters outside printable ASCII and delimiters as #xx."""
    out = []
    for byte in text.encode("utf-8"):
        if 0x21 <= byte <= 0x7E and chr(byte) not in "()<>[]{}/%#":
            out.append(chr(byte))
        else:
            out.append(f"#{byte:02X}")
    return "/" + "".join(out)


class PdfFile:
    """A PDF file being assembled: reserve numbers, set objects, then ``finish``."""

    def __init__(self) -> None:
        self._objects: list[bytes | None] = []

    def reserve(self) -> int:
        """The number of an object whose body is set later."""
        self._objects.append(None)
        return len(self._objects)

    def set(self, number: int, body: str | bytes) -> None:
        self._objects[number - 1] = body.encode("latin-1") if isinstance(body, str) else body

    def add(self, body: str | bytes) -> int:
        number = self.reserve()
        self.set(number, body)
        return number

    def add_stream(self, data: bytes) -> int:
        """A stream object holding ``data``, compressed (FlateDecode)."""
        return self.set_packed_stream(self.reserve(), "/Filter /FlateDecode", deflate.compress(data, deflate.QUICK))

    def set_packed_stream(self, number: int, entries: str, data: bytes) -> int:
        """A stream whose data is already encoded as ``entries`` says."""
        head = f"<< {entries} /Length {len(data)} >>\nstream\n".encode("latin-1")
        self._objects[number - 1] = b"".join((head, data, b"\nendstream"))
        return number

    def finish(self, root: int, info: int) -> bytes:
        """The whole file: header, objects, cross-reference table and trailer (7.5.4, 7.5.5)."""
        parts = [_HEADER]
        offsets = []
        at = len(_HEADER)
        for number, body in enumerate(self._objects, start=1):
            if body is None:
                raise ValueError(f"PDF object {number} was reserved but never set")
            head = f"{number} 0 obj\n".encode("ascii")
            offsets.append(at)
            parts += (head, body, b"\nendobj\n")
            at += len(head) + len(body) + 8
        count = len(self._objects) + 1
        # each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, end of line
        table = "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
        parts.append(
            (
                f"xref\n0 {count}\n0000000000 65535 f \n{table}"
                f"trailer\n<< /Size {count} /Root {root} 0 R /Info {info} 0 R >>\nstartxref\n{at}\n%%EOF\n"
            ).encode("ascii")
        )
        return b"".join(parts)
