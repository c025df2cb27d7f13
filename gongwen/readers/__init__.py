"""Readers: each turns one input format into a Document."""

from __future__ import annotations

from pathlib import Path

from gongwen.errors import InputError
from gongwen.model import Document

READ_FORMATS = ("txt", "xml", "docx", "doc", "wps", "html", "htm")


def format_of_path(path: str | Path, given: str | None = None) -> str:
    """The input format: ``given`` if set, else from the suffix; anything unknown is read as text."""
    if given:
        fmt = given.lower().lstrip(".")
        if fmt not in READ_FORMATS:
            raise InputError(str(path), f"unknown input format {given!r} (known: {', '.join(READ_FORMATS)})")
        return fmt
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in READ_FORMATS else "txt"


def read_path(path: str | Path, fmt: str | None = None, keep_traditional: bool = False) -> Document:
    from gongwen.parsing import parse_text
    from gongwen.readers.text import read_text_file

    kind = format_of_path(path, fmt)
    if kind in ("docx", "doc", "wps"):
        from gongwen.readers.docx import read_docx_file

        return read_docx_file(path, keep_traditional=keep_traditional)
    if kind == "xml":
        from gongwen.readers.xml import read_xml_file

        return read_xml_file(path)
    if kind in ("html", "htm"):
        from gongwen.readers.html import read_html_file

        return parse_text(read_html_file(path), keep_traditional=keep_traditional)
    return parse_text(read_text_file(path), keep_traditional=keep_traditional)
