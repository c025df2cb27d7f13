"""Writers: each turns a Document into one output format. Files appear whole or not at all."""

from __future__ import annotations

import contextlib
import itertools
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gongwen.errors import OutputError
from gongwen.layout.options import LayoutOptions
from gongwen.model import Document

if TYPE_CHECKING:
    from gongwen.layout.compose import Composition

WRITE_FORMATS = ("docx", "pdf", "xml", "txt")
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


Renderer = Callable[[Document, LayoutOptions, "Composition | None"], bytes]


def renderer(fmt: str) -> Renderer:
    """The function that writes ``fmt``; only its writer is imported (python-docx is slow to import)."""
    if fmt == "docx":
        from gongwen.writers.docx import render_docx

        return render_docx
    if fmt == "pdf":
        from gongwen.writers.pdf import render_pdf

        return render_pdf
    if fmt == "xml":
        from gongwen.writers.xml import render_xml

        return lambda doc, _options, _composition: render_xml(doc)
    if fmt == "txt":
        from gongwen.writers.text import render_text

        return lambda doc, _options, _composition: render_text(doc).encode("utf-8")
    raise OutputError(None, f"unknown output format {fmt!r} (known: {', '.join(WRITE_FORMATS)})")


def document_properties(doc: Document) -> dict[str, str]:
    """What the DOCX and PDF files say of themselves: title, author (the issuing organs), subject (the
    发文字号) and keywords (the 文种)."""
    return {
        "title": doc.title or doc.banner or "",
        "author": "、".join(doc.issuers or doc.signatures),
        "subject": doc.doc_number.text if doc.doc_number else "",
        "keywords": doc.kind or "",
    }


def render(doc: Document, fmt: str, options: LayoutOptions | None = None) -> bytes:
    """The bytes of ``doc`` in ``fmt``."""
    return render_formats(doc, [fmt], options)[fmt]


def render_formats(doc: Document, formats: Sequence[str], options: LayoutOptions | None = None) -> dict[str, bytes]:
    """The bytes of ``doc`` in each format; the page layout that DOCX and PDF share is made once."""
    renderers = {fmt: renderer(fmt) for fmt in formats}
    options = options or LayoutOptions()
    composition = None
    if len({"docx", "pdf"} & set(formats)) == 2:
        from gongwen.layout.compose import compose
        from gongwen.layout.fonts import load_fonts

        composition = compose(doc, load_fonts(options.fonts, options.use_system_fonts, options.font_dir), options)
    return {fmt: renderers[fmt](doc, options, composition) for fmt in formats}


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
    """Write to a temporary file beside ``path`` and rename it into place. The file gets the permissions
    a plain new file gets (the umask applies), or keeps those of the file it replaces."""
    target = os.fspath(path)
    try:
        fd, tmp = _temporary_beside(target)
    except OSError as exc:
        raise OutputError(target, f"cannot write: {exc.strerror or exc}") from None
    try:
        try:
            _write_all(fd, data)
            replaced = _mode_of(target)
            if replaced is not None and hasattr(os, "fchmod"):  # POSIX modes
                os.fchmod(fd, replaced)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(target, f"cannot write: {exc.strerror or exc}") from None
        raise


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


_TEMPORARY_NUMBERS = itertools.count()


def _temporary_beside(target: str) -> tuple[int, str]:
    """A new file next to ``target``, created as open() creates files (mode 0666 less the umask), unlike
    tempfile.mkstemp, whose files are private (0600). The name holds the process id and a count; the
    exclusive create turns away a name that is taken (or a link planted there)."""
    folder, name = os.path.split(target)
    for _ in range(100):
        tmp = os.path.join(folder, f".{name}.{os.getpid()}-{next(_TEMPORARY_NUMBERS)}.tmp")
        try:
            return os.open(tmp, _NEW_FILE, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


def _mode_of(path: str) -> int | None:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None
