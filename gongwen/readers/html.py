"""Web pages saved as HTML → text in reading order → the text parser.

A government site's page holds the document between its navigation, metadata and link lists. The page
is read with lxml's forgiving HTML parser; scripts, styles and the head are dropped; block elements
(paragraphs, divisions, headings, list items, table rows, line breaks) end lines, an empty paragraph is
a blank line, table cells are set apart by wide gaps, and the text then goes through the same parser as
pasted text, which sets the web page's own lines aside in ``residue``.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree, html

from gongwen.errors import InputError
from gongwen.readers.text import decode_text

_DROPPED = ("script", "style", "noscript", "template", "head", "iframe", "object", "svg", "select", "button")
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    ]
)
_CELLS = frozenset(("td", "th"))
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_SPACES_RE = re.compile(r"[ \t\r\n\f\v]+")
_PRE = "\x00"  # marks a line of preformatted text until the lines are joined (no page text holds it)
_XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*>?")


def html_to_text(data: bytes, source: str = "<bytes>") -> str:
    """The visible text of an HTML page, one line per block element."""
    text = _XML_DECLARATION_RE.sub("", _decoded(data, source), count=1)  # lxml refuses one in a str
    try:
        root = html.fromstring(text)
    except (etree.ParserError, ValueError):  # nothing but comments or a doctype, or no markup lxml takes
        raise InputError(source, "no text in the web page") from None
    if not isinstance(root.tag, str):  # the page is a lone comment or processing instruction
        raise InputError(source, "no text in the web page")
    etree.strip_elements(root, *_DROPPED, etree.Comment, with_tail=False)
    lines: list[str] = [""]
    _walk(root, lines)
    # a line from preformatted text keeps its indent (the text parser reads indents); others lose theirs
    text = "\n".join(line[1:].rstrip() if line.startswith(_PRE) else line.strip() for line in lines)
    if not text.strip():
        raise InputError(source, "no text in the web page")
    return text


def read_html_file(path: str | Path) -> str:
    from gongwen.readers.files import read_input_bytes

    path = Path(path)
    return html_to_text(read_input_bytes(path), str(path))


def _decoded(data: bytes, source: str) -> str:
    declared = _CHARSET_RE.search(data[:4096])
    if declared:
        try:
            text = data.decode(declared[1].decode("ascii").lower().replace("gb2312", "gb18030"))
        except (LookupError, UnicodeDecodeError):
            text = None
        if text is not None:
            return text
    return decode_text(data, source)


def _walk(element: etree._Element, lines: list[str], pre: bool = False) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    block = tag in _BLOCKS
    pre = pre or tag in ("pre", "textarea", "plaintext", "xmp")  # text laid out as written, line by line
    if block or tag == "br":
        _end_line(lines)
    lines_before, text_before = len(lines), lines[-1]
    if tag in _CELLS and lines[-1].strip():
        lines[-1] += "    "  # a column gap, as the parser reads two or more spaces
    if element.text and tag != "br":
        _add(lines, element.text, pre)
    for child in element:
        _walk(child, lines, pre)
        if child.tail:
            _add(lines, child.tail, pre)
    if block:
        if len(lines) == lines_before and lines[-1] == text_before:  # an empty paragraph: a blank line
            lines.append("")
        _end_line(lines)


def _add(lines: list[str], text: str, pre: bool) -> None:
    if not pre:
        lines[-1] += _inline(text)
        return
    first, *rest = text.replace("\r\n", "\n").split("\n")
    lines[-1] += first
    lines.extend(_PRE + line for line in rest)


def _end_line(lines: list[str]) -> None:
    """Blocks follow one another on lines of their own (a blank line only where a page has one)."""
    if lines[-1].strip():
        lines.append("")


def _inline(text: str) -> str:
    """Source line breaks and runs of spaces inside a paragraph are one space (full-width spaces and
    no-break spaces, which pages use for indents and alignment, stay)."""
    return _SPACES_RE.sub(" ", text)
