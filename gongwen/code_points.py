"""Text as an array of its code points, in machine words: a set of them is made about twice as fast as a
set of the text's one-character strings (no string is made, and an int hashes without a pass over it)."""

from __future__ import annotations

import sys
from array import array

WORD = next(code for code in "IL" if array(code).itemsize == 4)  # an array type of 4-byte words
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"  # code points as the machine's words


def code_points(text: str) -> array[int]:
    """The code point of each character of ``text`` (a lone surrogate stands as its own)."""
    return array(WORD, text.encode(_UTF32, "surrogatepass"))
