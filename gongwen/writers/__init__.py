"""Writers: each turns a Document into one output format. Files appear whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from gongwen.errors import OutputError
from gongwen.layout.options import LayoutOptions
from gongwen.model import Document

WRITE_FORMATS = ("docx", "pdf", "xml", "txt")


def _renderers() -> dict[str, Callable[[Document, LayoutOptions], bytes]]:
    from gongwen.writers.docx import render_docx
    from gongwen.writers.pdf import render_pdf
    from gongwen.writers.text import render_text
    from gongwen.writers.xml import render_xml

    return {
        "docx": render_docx,
        "pdf": render_pdf,
        "xml": lambda doc, _options: render_xml(doc),
        "txt": lambda doc, _options: render_text(doc).encode("utf-8"),
    }


def render(doc: Document, fmt: str, options: LayoutOptions | None = None) -> bytes:
    """The bytes of ``doc`` in ``fmt``."""
    renderers = _renderers()
    if fmt not in renderers:
        raise OutputError(None, f"unknown output format {fmt!r} (known: {', '.join(WRITE_FORMATS)})")
    return renderers[fmt](doc, options or LayoutOptions())


def output_format(path: str | Path, given: str | None = None) -> str:
    fmt = (given or Path(path).suffix).lower().lstrip(".")
    if fmt not in WRITE_FORMATS:
        raise OutputError(str(path), f"unknown output format {fmt or '(none)'!r} (known: {', '.join(WRITE_FORMATS)})")
    return fmt


def write_path(doc: Document, path: str | Path, fmt: str | None = None, options: LayoutOptions | None = None) -> Path:
    path = Path(path)
    try:
        data = render(doc, output_format(path, fmt), options)
    except OutputError as exc:
        raise OutputError(str(path), exc.reason) from None
    write_atomic(path, data)
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(str(path), f"cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(str(path), f"cannot write: {exc.strerror or exc}") from None
        raise
