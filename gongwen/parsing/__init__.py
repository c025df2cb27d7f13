"""Recognise the structure of an official document in plain text.

The recognisers run in a fixed order over the normalised lines: the front (web header, 版头, 标题,
主送机关), then from the end the 版记, then 成文日期 with 发文机关署名, 附注 and 附件 around it, and
what is left is the 正文.
"""

from __future__ import annotations

import re

from gongwen.model import Document, Residue
from gongwen.normalize import normalize
from gongwen.parsing.closing import recognise_rest
from gongwen.parsing.front import ATTACHMENT_LINK_REASON, recognise_front
from gongwen.parsing.glued import looks_glued, unglue
from gongwen.parsing.metadata import fill_from_metadata
from gongwen.parsing.patterns import is_organ_like, kind_of_title, split_organs
from gongwen.parsing.wrapped import unwrap_hard_wrapped

__all__ = ["parse_text"]

ATTACHMENT_LINK_LABEL_RE = re.compile(r"^附\s*件\s*\d{0,2}\s*[：:]")
NO_STRUCTURE_WARNING = "no official-document structure found; every paragraph kept as body text"


def parse_text(text: str, keep_traditional: bool = False) -> Document:
    """Parse ``text`` into a :class:`Document`. Never raises on any string."""
    text, unwrapped, width = unwrap_hard_wrapped(text)
    glued_breaks = 0
    if looks_glued(text):
        text, glued_breaks = unglue(text)
    normalized = normalize(text, keep_traditional=keep_traditional)
    doc = Document(script=normalized.script)
    if unwrapped:
        doc.warnings.append(f"joined {unwrapped} line(s) of a hard-wrapped text to the line before them")
    if glued_breaks:
        doc.warnings.append(f"put back {glued_breaks} line break(s) between elements of a text that came without them")
    residue = list(normalized.residue)
    lines = normalized.lines
    body_start, leading = recognise_front(lines, doc, residue)
    recognise_rest(lines[body_start:], leading, doc, residue, width)
    _order_under_a_title(doc, residue)
    _attachments_from_links(doc, residue)
    fill_from_metadata(doc, residue)
    _derive(doc)
    doc.residue = residue
    doc.warnings = list(normalized.warnings) + doc.warnings + _structure_warnings(doc)  # the recognisers' own too
    return doc


# 医师执业注册管理办法（中华人民共和国国家卫生和计划生育委员会令第13号）: rules published by a 令, as a
# ministry's copy heads them — the 令's mark and number under the name of the rules it issues
_ORDER_UNDER_TITLE_RE = re.compile(
    r"^(?P<rules>.+?)（(?P<mark>[^（）]{2,40}令)(?P<number>第[\d一二三四五六七八九十百零〇]+号)）$"
)


def _order_under_a_title(doc: Document, residue: list[Residue]) -> None:
    m = _ORDER_UNDER_TITLE_RE.match(doc.title or "")
    if m is None or doc.banner:
        return
    doc.banner, doc.order_number = m["mark"], m["number"]
    doc.issuers = doc.issuers or [m["mark"].removesuffix("令")]
    doc.title = None  # a 令 has no title (GB/T 9704 10.2); the name is that of the rules it issues
    if doc.annexes and doc.annexes[0].title is None:
        doc.annexes[0].title = m["rules"]
    else:
        residue.append(Residue(m["rules"], "name of the rules the 令 issues (their text is not in the copy)"))


def _attachments_from_links(doc: Document, residue: list[Residue]) -> None:
    """Where the text has no 附件说明, the page's links to its attachments above the text name them."""
    links = [r.text for r in residue if r.reason == ATTACHMENT_LINK_REASON]
    if doc.attachments or not links:
        return
    doc.attachments = [ATTACHMENT_LINK_LABEL_RE.sub("", link).strip() for link in links]
    doc.guess("attachments", 0.7, "named by the web page's links to them; the text has no 附件说明")


def _derive(doc: Document) -> None:
    """Fill what follows from other elements: 文种, format, issuers."""
    doc.kind = kind_of_title(doc.title) or _kind_of_mark(doc.banner)
    doc.format = _format_of(doc)
    if not doc.issuers:
        doc.issuers = _issuers_from_text(doc)


def _kind_of_mark(banner: str | None) -> str | None:
    if not banner:
        return None
    if banner.endswith("纪要"):
        return "纪要"
    if banner.endswith("命令"):
        return "命令"
    if banner.endswith("令"):
        return "令"
    return None


def _format_of(doc: Document) -> str:
    banner = doc.banner or ""
    if doc.kind == "纪要" and not banner.endswith("文件"):
        return "minutes"  # GB/T 9704 10.3: a 纪要 is set in its own format, with or without its 出席 list
    if banner.endswith(("命令", "令")) or (doc.order_number and doc.kind in ("命令", "令")):
        return "order"
    if doc.kind == "函" and not banner.endswith("文件"):
        return "letter"
    code = doc.doc_number.code if doc.doc_number else None
    if code and code.endswith("函") and not banner.endswith("文件") and doc.kind is None:
        return "letter"  # a 答复 numbered 国办函: a letter, though its title ends with no 文种
    return "standard"


def _issuers_from_text(doc: Document) -> list[str]:
    named = _organs_of_title(doc.title)
    signed = [s for s in doc.signatures if is_organ_like(s, max_len=40)]
    if named and len(named) == len(signed):
        # the same organs, named twice: either may abbreviate (区政府 in the 署名, 华北能源监管局 in the
        # title); the fuller name is the organ's
        return [max(pair, key=len) for pair in zip(named, signed, strict=True)]
    if doc.signatures:
        return signed
    if named:
        return named
    for block in doc.body[:3]:  # a 题注 saying which organ's 令 published the rules
        m = _PUBLISHED_BY_RE.search(getattr(block, "text", ""))
        if m and is_organ_like(m["organ"]):
            doc.guess("issuers", 0.7, f"{m['organ']}, from the 题注 that names the 令 which published the text")
            return [m["organ"]]
    return []


def _organs_of_title(title: str | None) -> list[str]:
    """The organs a title names before its 关于 (GB/T 9704 7.3.1: 发文机关名称 + 关于 + 事由 + 文种)."""
    if not title or "关于" not in title:
        return []
    # 国务院办公厅转发国家地震局关于…: the organ that forwards issues it
    organs = split_organs(re.split("转发|批转|印发", title.split("关于", 1)[0], maxsplit=1)[0])
    return organs if organs and all(is_organ_like(o) for o in organs) else []


# 2022年6月6日中华人民共和国国家安全部令第2号公布: the organ whose 令 published a text, in its 题注
_PUBLISHED_BY_RE = re.compile(r"日(?P<organ>[\u4e00-\u9fff]{2,30}?)令第[\d一二三四五六七八九十百零〇]+号(?:公布|发布)")


def _structure_warnings(doc: Document) -> list[str]:
    warnings: list[str] = []
    if not doc.has_structure():
        warnings.append(NO_STRUCTURE_WARNING)
    if doc.doc_number and "第" in doc.doc_number.text:
        warnings.append(f"发文字号 {doc.doc_number.text} contains 第, which GB/T 9704 does not use")
    if doc.date_text and doc.date and not doc.date_text[:4].isdigit():
        warnings.append("成文日期 written in Chinese numerals; GB/T 9704 uses Arabic numerals")
    return warnings
