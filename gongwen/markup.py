"""Markup inside a text copy: what Markdown sites and knowledge bases leave around a document's words.

Copies kept as Markdown carry more than ``#`` and front matter: HTML written inline (``<p>&emsp;&emsp;…</p>``,
``<b>第一条</b>``, ``<br>``), links (``[附件1.doc](<https://…>)``, ``<https://…>``), the fences of
containers (``::: tip 修订信息`` … ``:::``), attribute lists (``{style="text-align:center;"}``) and
``[[toc]]``. None of it is the document's text. The words stay where they stand; the markup goes to
``residue`` (reason "markup", a link's address "link address"), so that nothing of the input is lost, and
the content of a container that holds only the copy's own notes (目录, 原文链接) goes there too.
"""

from __future__ import annotations

import html
import re

from gongwen.model import Residue

# an HTML tag: an ASCII name right after < (never <江苏省电力中长期交易规则>, a title in angle brackets)
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?/?>")
_MULTILINE_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\s[^<>]{0,800}?>")
_ENTITY_RE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,9}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_IMAGE_RE = re.compile(r"!\[[^\]\n]*\]\((?:<[^>\n]*>|[^)\s]*)\)")
_LINK_RE = re.compile(r"\[(?P<text>[^\]\n]*)\]\((?P<address><[^>\n]*>|[^)\s]*)\)")
_AUTOLINK_RE = re.compile(r"<(?:https?|ftp)://[^>\s]+>")
_ATTRIBUTES_RE = re.compile(r"\{[.#]?[A-Za-z-]+(?:=(?:\"[^\"\n]*\"|[^}\s]*))?(?:\s+[^}\n]*)?\}(?=\s*$)")
_FENCE_RE = re.compile(r"^\s*:{3,}\s*(?P<kind>[A-Za-z-]*)\s*(?P<title>.*?)\s*$")
_TOC_RE = re.compile(r"^\s*\[\[toc\]\]\s*$", re.I)
# a container holding the copy's own notes, not the document's text
_NOTE_CONTAINERS = ("目录", "原文链接", "原文", "来源", "链接", "相关链接", "参考链接")
_COMMON_TAGS = re.compile(
    r"</?(?:p|div|span|br|b|strong|i|em|u|center|font|h[1-6]|table|tr|td|th|li|ul|ol|sup|sub)\b", re.I
)


def has_markup(text: str) -> bool:
    """Whether ``text`` carries any of the markup this module strips (a quick test before the work)."""
    return bool(
        _COMMON_TAGS.search(text)
        or "](" in text
        or "://" in text
        or ":::" in text
        or _ENTITY_RE.search(text)
        or _TOC_RE.search(text)
    )


def strip_markup(text: str, residue: list[Residue]) -> str:
    """``text`` without the markup, each line's markup in ``residue``."""
    text = _MULTILINE_TAG_RE.sub(lambda m: _multiline_tag(m, residue), text)
    out: list[str] = []
    note_container = False
    for line in text.split("\n"):
        fence = _FENCE_RE.match(line)
        if fence or _TOC_RE.match(line):
            residue.append(Residue(line.strip(), "markup"))
            if fence:
                opening = bool(fence["kind"] or fence["title"])
                note_container = opening and fence["title"].strip() in _NOTE_CONTAINERS
            out.append("")
            continue
        if note_container:
            if line.strip():
                residue.append(Residue(line.strip(), "note of the copy"))
            out.append("")
            continue
        out.append(_strip_line(line, residue))
    return "\n".join(out)


def _multiline_tag(m: re.Match[str], residue: list[Residue]) -> str:
    """A tag whose attributes run over lines (<div style="…\n…">) goes whole: its words were none."""
    if "\n" not in m[0]:
        return m[0]  # one line: the line's own pass takes it
    residue.append(Residue(" ".join(m[0].split()), "markup"))
    return ""


def _strip_line(line: str, residue: list[Residue]) -> str:
    removed: list[str] = []
    addresses: list[str] = []

    def drop(m: re.Match[str]) -> str:
        removed.append(m[0])
        return ""

    def keep_text(m: re.Match[str]) -> str:
        addresses.append(m["address"].strip("<>"))
        return m["text"]

    def drop_address(m: re.Match[str]) -> str:
        addresses.append(m[0].strip("<>"))
        return ""

    line = _IMAGE_RE.sub(drop, line)
    line = _LINK_RE.sub(keep_text, line)
    line = _AUTOLINK_RE.sub(drop_address, line)
    line = _TAG_RE.sub(drop, line)
    line = _ATTRIBUTES_RE.sub(drop, line)
    line = _ENTITY_RE.sub(lambda m: _entity(m, removed), line)
    if removed:
        residue.append(Residue(" ".join(removed), "markup"))
    residue.extend(Residue(address, "link address") for address in addresses if address)
    return line


def _entity(m: re.Match[str], removed: list[str]) -> str:
    """An entity's character; the entity's name is markup, and so is a broken one (&bsp; for &nbsp;)."""
    char = html.unescape(m[0])
    removed.append(m[0])
    return "" if char == m[0] else char
