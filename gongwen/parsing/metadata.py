"""A web page's metadata as evidence: the 标题, 发文字号, 发文机关 and 成文日期 its table states.

Government portals print a table above the text (索引号 / 发文机关 / 成文日期 / 标题 / 发文字号 …). The
normaliser sets those lines aside as residue, because they are no part of the document; but what they
state is the page publisher's own record of the document's elements. Where the text itself does not
give an element (a copy without its 版头 has no 发文字号 in it), the metadata's value is taken, and the
warnings say so.
"""

from __future__ import annotations

import datetime
import re

from gongwen.model import Document, Residue
from gongwen.normalize import DATE_LINE_RE
from gongwen.parsing.patterns import (
    DOC_NUMBER_RE,
    TITLE_ENDINGS,
    doc_number_from_match,
    is_organ_like,
    kind_of_title,
    parse_date,
)

# key → element; 发布日期 is when the page was published, never the 成文日期
_KEYS = {
    "标题": "title",
    "title": "title",  # a Markdown copy's front matter
    "名称": "title",
    "文号": "doc_number",
    "发文字号": "doc_number",
    "发布文号": "doc_number",
    "发文机关": "issuer",
    "发布机关": "issuer",
    "发布机构": "issuer",
    "发文机构": "issuer",
    "发布单位": "issuer",
    "制定机关": "issuer",
    "制发机关": "issuer",
    "成文日期": "date",
    "文件编号": "doc_number",
    "发文日期": "date",
}
_FIELD_RE = re.compile(
    r"[【\[]?\s*(?P<key>" + "|".join(sorted(_KEYS, key=len, reverse=True)) + r")\s*[】\]]?\s*[：:]\s*"
    r"(?P<value>.*?)\s*(?=[\s　]+[【\[]?[\u4e00-\u9fff]{2,6}\s*[】\]]?\s*[：:]|$)"
)
# the spaces that line a table's keys up (标　　题：, 主 题 词：), within a key of two or three characters
_KEY_SPACES_RE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=(?:[\u4e00-\u9fff][ \u3000]*){1,2}[：:])")
_GLUED_NUMBER_RE = re.compile(r"(?:文\s*号|发文字号)\s*[：:]?\s*(?P<number>\S{2,20}?〔\d{4}〕\d{1,6}号)")
_NUMERIC_DATE_RE = re.compile(r"^(?P<y>\d{4})\s*[-./年]\s*(?P<m>\d{1,2})\s*[-./月]\s*(?P<d>\d{1,2})\s*日?$")


def metadata_fields(residue: list[Residue]) -> dict[str, str]:
    """The first value of each element the page's metadata lines state."""
    found: dict[str, str] = {}
    for item in residue:  # a table's cells glued together (文号杭房公委〔2022〕9号有效性废止)
        above = item.reason.startswith("web page") or item.reason == "unrecognised text above the title"
        glued = _GLUED_NUMBER_RE.search(item.text) if above else None
        if glued:
            found.setdefault("doc_number", glued["number"])
            break
    items = [item for item in residue if item.reason in ("web page metadata", "front matter")]
    for k, item in enumerate(items):
        key = item.text.strip()
        if key in _KEYS and k + 1 < len(items) and items[k + 1].text.strip() not in _KEYS:
            found.setdefault(_KEYS[key], items[k + 1].text.strip())  # a table's key and value on two lines
            continue
        for m in _FIELD_RE.finditer(_KEY_SPACES_RE.sub("", item.text.replace("|", " "))):
            value = m["value"].strip()
            element = _KEYS[m["key"]]
            if value and element not in found:
                found[element] = value
    return found


def fill_from_metadata(doc: Document, residue: list[Residue]) -> None:
    """Fill the elements the text did not give from the page's metadata, each recorded as a guess."""
    fields = metadata_fields(residue)
    if not fields:
        return
    number = DOC_NUMBER_RE.fullmatch(fields.get("doc_number", "").replace(" ", ""))
    if doc.doc_number is None and number:
        doc.doc_number = doc_number_from_match(number)
        doc.guess("doc_number", 0.8, f"{number[0]}, taken from the web page's metadata")
    date = _date_of(fields.get("date", ""))
    if doc.date is None and date is not None:
        doc.date, doc.date_text = date
        doc.guess("date", 0.8, f"{date[1]}, taken from the web page's metadata")
    issuer = fields.get("issuer", "").replace(" ", "")
    if not doc.issuers and not doc.signatures and is_organ_like(issuer):
        doc.issuers = [issuer]
        doc.guess("issuers", 0.8, f"{issuer}, taken from the web page's metadata")
    title = fields.get("title", "").replace(" ", "")
    if doc.title and not _reads_as_title(doc.title) and _reads_as_title(title):
        # the line taken for the title reads as none (页面链接与图片详见 links.tsv): the page's is its title
        residue.append(Residue(doc.title, "unrecognised text above the title"))
        doc.title = None
    if doc.title is None and title and _reads_as_title(title):
        doc.title = title
        doc.guess("title", 0.7, "the text has none; taken from the web page's metadata")
    elif doc.title and title.endswith(doc.title) and _lost_first_part(title[: len(title) - len(doc.title)]):
        # the text's title lost its first line (the organ's name) on the way; the page states it whole
        doc.title = title
        doc.guess("title", 0.8, "its first part taken from the web page's metadata, which states it whole")


def _lost_first_part(prefix: str) -> bool:
    """What the page's title has before the text's: the organs' names or 关于 a first line gave, not a
    stray number (7深圳市…, a list's counter glued to it)."""
    return len(prefix) >= 2 and not re.search(r"\d", prefix) and bool(re.search(r"[\u4e00-\u9fff]{2}", prefix))


def _reads_as_title(text: str) -> bool:
    return bool(text) and (kind_of_title(text) is not None or text.endswith(TITLE_ENDINGS) or "关于" in text)


def _date_of(value: str) -> tuple[datetime.date, str] | None:
    value = value.replace(" ", "")
    m = DATE_LINE_RE.match(value) or _NUMERIC_DATE_RE.match(value)
    if not m:
        return None
    date = parse_date(m)
    if date is None:
        return None
    return date, f"{date.year}年{date.month}月{date.day}日"
