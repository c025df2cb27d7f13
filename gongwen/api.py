"""The public functions of design.md §4: parse, read, write, convert."""

from __future__ import annotations

from pathlib import Path

from gongwen.model import Document


def parse(text: str, *, keep_traditional: bool = False) -> Document:
    """Recognise the structure of an official document given as text."""
    from gongwen.parsing import parse_text

    return parse_text(text, keep_traditional=keep_traditional)


def read(path: str | Path, *, format: str | None = None, keep_traditional: bool = False) -> Document:
    """Read a .txt or .xml file (chosen by suffix, or by ``format``) into a Document."""
    from gongwen.readers import read_path

    return read_path(path, format, keep_traditional=keep_traditional)


def write(doc: Document, path: str | Path, *, format: str | None = None) -> Path:
    """Write ``doc`` to ``path`` in the format its suffix (or ``format``) names; return the path."""
    from gongwen.writers import write_path

    return write_path(doc, path, format)


def convert(
    source: str | Path, target: str | Path, *, format: str | None = None, keep_traditional: bool = False
) -> Path:
    """Read ``source`` and write it to ``target``."""
    return write(read(source, keep_traditional=keep_traditional), target, format=format)
