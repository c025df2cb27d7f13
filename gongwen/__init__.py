"""gongwen: Chinese official documents (党政机关公文) from plain text to GB/T 9704-2012 layout.

>>> import gongwen
>>> doc = gongwen.parse(text)
>>> doc.to_dict()["title"]
"""

from __future__ import annotations

from gongwen.api import convert, parse, read, write
from gongwen.batch import Result, convert_many
from gongwen.errors import FormatError, GongwenError, InputError, OutputError
from gongwen.model import Annex, Attendance, DocNumber, Document, Heading, Paragraph, Residue

__version__ = "0.1.0"

__all__ = [
    "Annex",
    "Attendance",
    "DocNumber",
    "Document",
    "FormatError",
    "GongwenError",
    "Heading",
    "InputError",
    "OutputError",
    "Paragraph",
    "Residue",
    "Result",
    "__version__",
    "convert",
    "convert_many",
    "parse",
    "read",
    "write",
]
