"""The public functions of design.md §4: parse, read, write, convert."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from gongwen.model import Document


def parse(text: str, *, keep_traditional: bool = False) -> Document:
    """Recognise the structure of an official document given as text."""
    from gongwen.parsing import parse_text

    return parse_text(text, keep_traditional=keep_traditional)


def read(path: str | Path, *, format: str | None = None, keep_traditional: bool = False) -> Document:
    """Read a .txt, .xml or .docx file (chosen by suffix, or by ``format``) into a Document."""
    from gongwen.readers import read_path

    return read_path(path, format, keep_traditional=keep_traditional)


def write(
    doc: Document,
    path: str | Path,
    *,
    format: str | None = None,
    seal: bool | str | Path = False,
    double_sided: bool = False,
    fonts: Mapping[str, str] | None = None,
    font_dir: str | None = None,
) -> Path:
    """Write ``doc`` to ``path`` in the format its suffix (or ``format``) names; return the path.

    ``seal`` (False, True, or a seal image), ``double_sided`` and ``fonts`` (font files by role) are
    layout options of the DOCX and PDF writers; see :class:`gongwen.layout.options.LayoutOptions`.
    """
    from gongwen.layout.options import LayoutOptions
    from gongwen.writers import write_path

    options = LayoutOptions(seal=seal, double_sided=double_sided, fonts=dict(fonts or {}), font_dir=font_dir)
    return write_path(doc, path, format, options)


def convert(
    source: str | Path,
    target: str | Path,
    *,
    format: str | None = None,
    keep_traditional: bool = False,
    seal: bool | str | Path = False,
    double_sided: bool = False,
    fonts: Mapping[str, str] | None = None,
    font_dir: str | None = None,
) -> Path:
    """Read ``source`` and write it to ``target``."""
    doc = read(source, keep_traditional=keep_traditional)
    return write(doc, target, format=format, seal=seal, double_sided=double_sided, fonts=fonts, font_dir=font_dir)
