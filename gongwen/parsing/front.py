"""Everything above the body: web page header, 版头, 标题 and 主送机关."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from gongwen.model import Document, Residue
from gongwen.normalize import Line
from gongwen.parsing.header import recognise_header
from gongwen.parsing.patterns import (
    DOC_NUMBER_RE,
    TITLE_ENDINGS,
    doc_number_from_match,
    heading_match,
    is_organ_like,
    kind_of_title,
    listed_organs,
    match_date_line,
    split_organs,
    split_top_level,
)

ATTACHMENT_LINK_REASON = "web page link to an attachment, above the text"
_ADDRESSEE_WINDOW = 30
_FRONT_WINDOW = 60
_LABELLED_FIELD_RE = re.compile(
    r"^(?:签发人|附件|抄送|主送|出席|请假|列席|时间|地点|日期|联系人|电话|会议|"
    r"字体|字号|来源|作者|分享|发布|浏览|索引号|文号|主题词|关键词|标签|您所在的位置|当前位置)"
)
_SENTENCE_BEFORE_COLON_RE = re.compile(
    r"如下[：:]$|^(?:为|根据|按照|依据|依照|遵照|经|现|近日|近期|目前|鉴于|由于|在|随着|今年|去年)|《"
)
_DATE_PREFIX_RE = re.compile(r"^(?:\d{4}[-./年])?\d{1,2}[-./月]\d{1,2}日?\s*")
_MAX_TITLE_LINES = 6
_PARENTHESISED_RE = re.compile(r"[（(](.+)[）)]")
_SENTENCE_END_RE = re.compile("[。！？；]")
_NUMBER_BEFORE_TITLE_RE = re.compile(
    r"^(?P<number>\S{2,20}?〔\d{4}〕第?\d{1,6}号)\s*(?P<title>\S*(?:关于|印发|转发)\S*)$"
)
_NUMBER_AFTER_TITLE_RE = re.compile(r"^(?P<title>.+?)\s*（(?P<number>[^\s（）()]{2,20}?〔\d{4}〕第?\d{1,6}号)）$")
_PARENTHESISED_NUMBER_RE = re.compile(r"^[（(][^\s（）()]{2,20}?〔\d{4}〕第?\d{1,6}号[）)]$")
_CAPTION_RE = re.compile(
    r"^[（(]?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.{0,80}?(?:通过|公布|发布|施行|批准|修正|修订|印发)"
)
_ATTACHMENT_LINK_RE = re.compile(r"^附\s*件\s*\d{0,2}\s*[：:]\s*\S")
_CHAPTER_RE = re.compile(r"^第[一二三四五六七八九十百零〇\d]{1,5}章\s*\S")
_PROSE_START_RE = re.compile(r"^(?:\d{4}年|《|为|根据|按照|依据|经|现)")


def recognise_front(lines: list[Line], doc: Document, residue: list[Residue]) -> tuple[int, list[str]]:
    """Fill the elements above the body. Return the index where the body starts and any front
    lines that belong to the body after all."""
    addressee = _find_addressee(lines)
    if addressee:
        start, end = addressee
        text = "".join(lines[i].text for i in range(start, end + 1) if lines[i].is_text)
        doc.addressees = split_top_level(text.rstrip("：:"))
        front_end, body_start = start, end + 1
    else:
        front_end = body_start = _first_body_line(lines)
    leftovers = _front_matter(lines[:front_end], doc, residue)
    return body_start, leftovers


def _text_lines(lines: list[Line]) -> Iterator[tuple[int, str]]:
    """(index, text) of each text line."""
    return ((i, line.text) for i, line in enumerate(lines) if line.is_text)


# -- 主送机关 -------------------------------------------------------------------------------------
def _find_addressee(lines: list[Line]) -> tuple[int, int] | None:
    """The line ending with a colon that comes before any prose, with its wrapped lines above."""
    for seen, (i, text) in enumerate(_text_lines(lines), start=1):
        if seen > _ADDRESSEE_WINDOW or "。" in text or heading_match(text):
            return None
        if text.endswith(("：", ":")) and len(text) <= 300 and not _LABELLED_FIELD_RE.match(text):
            if _SENTENCE_BEFORE_COLON_RE.search(text):
                return None  # 为……，现通告如下： opens the body of a document that has no addressee
            return _extend_addressee_up(lines, i), i
    return None


def _extend_addressee_up(lines: list[Line], end: int) -> int:
    """Addressees wrap: a line above belongs to them when it ends with a separator, or when it lists organs
    (has separators) and is no title line (no 关于, no 文种 at its end)."""
    start = end
    while start > 0 and lines[start - 1].is_text and _continues_addressees(lines[start - 1].text):
        start -= 1
    return start


def _continues_addressees(text: str) -> bool:
    if "。" in text or DOC_NUMBER_RE.search(text):
        return False
    if text.endswith(("，", "、", ",")):
        return True
    return ("，" in text or "、" in text) and "关于" not in text and kind_of_title(text) is None


def _first_body_line(lines: list[Line]) -> int:
    for seen, (i, text) in enumerate(_text_lines(lines), start=1):
        # a title never ends with a colon: a line that does (and is no addressee) opens the body
        if "。" in text or len(text) > 120 or heading_match(text) or text.endswith(("！", "？", "：", ":")):
            while i > 0 and lines[i - 1].is_text and _opens_wrapped_prose(lines[i - 1].text):
                i -= 1  # the body's first sentence wrapped (text from a PDF): its first line has no 。
            return i
        if seen > _FRONT_WINDOW:
            return i
    return len(lines)


def _opens_wrapped_prose(text: str) -> bool:
    """A line that reads as the start of a sentence, not as a title: no 关于, no 文种 at its end, and a
    comma, a date or a citation at its start."""
    if len(text) < 15 or "关于" in text or kind_of_title(text) is not None:
        return False
    return "，" in text or _PROSE_START_RE.match(text) is not None


# -- web header, 版头, 标题 ------------------------------------------------------------------------
def _front_matter(lines: list[Line], doc: Document, residue: list[Residue]) -> list[str]:
    metas = [i for i, line in enumerate(lines) if line.kind == "meta"]
    headline: str | None = None
    original: str | None = None
    if metas:
        at = _headline_at(lines, metas)
        if at:
            headline = "".join(lines[i].text for i in at)
        for i, line in enumerate(lines[: metas[-1]]):
            if line.is_text and i not in at:
                residue.append(Residue(line.text, "web page navigation" if i < metas[0] else "web page metadata"))
        extras = [lines[i].extra for i in metas if lines[i].extra]
        original = extras[0] if extras else None
        residue.extend(Residue(extra, "web 原标题") for extra in extras[1:])
        lines = lines[metas[-1] + 1 :]
    groups = _groups(lines)
    flat = recognise_header([line for group in groups for line in group], doc, residue)
    remaining = {id(line) for line in flat}
    groups = [[line for line in group if id(line) in remaining] for group in groups]
    groups = _drop_repeats([g for g in groups if g], residue)
    groups = [part for group in groups for part in _split_at_caption(group)]
    guesses: list[tuple[float, str]] = []
    title_lines, leftovers = _title_group(groups, residue, guesses)
    while leftovers and _ATTACHMENT_LINK_RE.match(leftovers[0]):
        # the page lists its attachments' links above the text: they name the attachments (附件说明 below
        # may not); parse_text takes them where the text gives none
        residue.append(Residue(leftovers.pop(0), ATTACHMENT_LINK_REASON))
    if leftovers and doc.doc_number is None and (number := DOC_NUMBER_RE.fullmatch(leftovers[0])):
        doc.doc_number = doc_number_from_match(number)  # 教师提案〔2020〕475号 on its own under the title
        leftovers = leftovers[1:]
    dated = _date_in_parentheses(title_lines[-1]) if len(title_lines) > 1 else None
    if dated:  # （2025年3月18日） under the title, as speeches and minutes have it, is the date
        doc.date, doc.date_text = dated
        title_lines = title_lines[:-1]
    title_lines = _without_organs_under(title_lines, doc, residue)
    _set_title(doc, title_lines, headline, original, residue)
    for confidence, reason in guesses:
        doc.guess("title", confidence, reason)
    _doc_number_out_of_title(doc)
    return leftovers


def _headline_at(lines: list[Line], metas: list[int]) -> list[int]:
    """Where the page's headline stands among the lines above its last metadata row: the last line that
    reads as a title, with the lines of the title it ends (a site's own metadata may stand above the
    headline and the article's 来源 line below it), or else the line just above the first metadata row."""
    for i in range(metas[-1] - 1, -1, -1):
        if lines[i].is_text and _reads_as_title(lines[i].text):
            start = i
            while start > 0 and lines[start - 1].is_text and _title_goes_on([lines[start - 1]], lines[start : i + 1]):
                start -= 1
            return list(range(start, i + 1))
    above = [i for i in range(metas[0]) if lines[i].is_text]
    return above[-1:]


def _reads_as_title(text: str) -> bool:
    named = kind_of_title(text) is not None or text.endswith(TITLE_ENDINGS)
    return named and len(text) <= 120 and not _SENTENCE_END_RE.search(text)


_MONTH_ONLY_RE = re.compile(r"^[（(]\d{4}年\d{1,2}月[）)]$")


def _without_organs_under(title_lines: list[str], doc: Document, residue: list[Residue]) -> list[str]:
    """万载县2022年…统计公报 / 万载县统计局 国家统计局万载调查队 / （2023年5月）: under a title that ends with
    its 文种, the organs' names (as a 公报 or a speech prints them) and a month in parentheses are no part
    of it; the organs are the issuers."""
    end = next((i for i, line in enumerate(title_lines) if kind_of_title(line)), None)
    if end is None or end == len(title_lines) - 1:
        return title_lines
    below = title_lines[end + 1 :]
    if not all(_names_organs(line) or _MONTH_ONLY_RE.match(line) for line in below):
        return title_lines
    for line in below:
        organs = [] if _MONTH_ONLY_RE.match(line) else split_organs(line)
        if organs and not doc.issuers:
            doc.issuers = organs
            doc.guess("issuers", 0.8, f"{'、'.join(organs)}, named under the title")
        residue.append(Residue(line, "organs named under the title" if organs else "month under the title"))
    return title_lines[: end + 1]


def _doc_number_out_of_title(doc: Document) -> None:
    """A 发文字号 glued to the title (沪府发〔2023〕19号关于…的通知), or in parentheses after it (…的通知
    （吉府发〔2003〕37号）, as web pages and PDF extractions give it), is the 发文字号, not the title."""
    if not doc.title:
        return
    m = _NUMBER_BEFORE_TITLE_RE.match(doc.title) or _NUMBER_AFTER_TITLE_RE.search(doc.title)
    if not m or not m["title"] or kind_of_title(m["title"]) is None:
        return
    number = DOC_NUMBER_RE.fullmatch(m["number"])
    if number is None:
        return
    found = doc_number_from_match(number)
    if doc.doc_number is None:
        doc.doc_number = found
    elif doc.doc_number.text != found.text:
        return  # a number other than the document's own: part of the title (a 转发 of another's notice)
    doc.title = m["title"]
    doc.guess("doc_number", 0.9, f"{found.text}, taken out of the title it was written with")


def _date_in_parentheses(text: str) -> tuple[datetime.date, str] | None:
    m = _PARENTHESISED_RE.fullmatch(text)
    return match_date_line(m[1]) if m else None


def _groups(lines: list[Line]) -> list[list[Line]]:
    """Text lines in runs separated by blank lines."""
    groups: list[list[Line]] = [[]]
    for line in lines:
        if line.is_text:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _split_at_caption(group: list[Line]) -> list[list[Line]]:
    """A 题注 (2000年9月29日…通过, （2022年6月6日…令第2号公布）), a 第一章 or a page's list of attachments
    (附件1：…) standing right under a title with no blank line between starts a group of its own: it is not
    part of the title."""
    for k in range(1, len(group)):
        text = group[k].text
        if _CAPTION_RE.match(text) or _CHAPTER_RE.match(text) or _ATTACHMENT_LINK_RE.match(text):
            return [group[:k], group[k:]]
    return [group]


def title_key(text: str) -> str:
    return re.sub(r"\s+", "", _DATE_PREFIX_RE.sub("", text))


def _drop_repeats(groups: list[list[Line]], residue: list[Residue]) -> list[list[Line]]:
    """A web headline often stands two or three times before the text, with blank lines between the
    copies or without; keep the last copy."""
    seen: set[str] = set()
    kept: list[list[Line]] = []
    for group in reversed(groups):
        key = title_key("".join(line.text for line in group))
        if key in seen:
            residue.extend(Residue(line.text, "repeated headline") for line in group)
            continue
        seen.add(key)
        kept.append(_without_repeated_lines(group, residue))
    return list(reversed(kept))


def _without_repeated_lines(group: list[Line], residue: list[Residue]) -> list[Line]:
    later: set[str] = set()
    kept: list[Line] = []
    for line in reversed(group):
        key = title_key(line.text)
        if key in later:
            residue.append(Residue(line.text, "repeated headline"))
            continue
        later.add(key)
        kept.append(line)
    return list(reversed(kept))


def _title_group(
    groups: list[list[Line]], residue: list[Residue], guesses: list[tuple[float, str]]
) -> tuple[list[str], list[str]]:
    """The title's lines (and, when there is no title, the lines that belong to the body), with what was
    guessed on the way added to ``guesses``."""
    if not groups:
        return [], []
    after: list[str] = []
    while groups and all(_CAPTION_RE.match(line.text) or _CHAPTER_RE.match(line.text) for line in groups[-1]):
        # a 题注 or a 第一章 in a group of its own under the title (its first line set apart): body text, no title
        after = [line.text for line in groups.pop()] + after
    if not groups:
        return [], after
    reads = _last_title_like(groups)
    if reads is not None and reads < len(groups) - 1:
        below = groups[reads + 1 :]
        if _PARENTHESISED_NUMBER_RE.match(below[0][0].text):
            # （医保办函〔2025〕86号） under the title, a blank line between: the title's own 发文字号
            groups = [*groups[:reads], groups[reads] + below[0][:1], [*below[0][1:]], *below[1:]]
            groups = [g for g in groups if g]
            below = groups[reads + 1 :]
        # lines between the title and the body that are no title (题注 such as 2018年7月30日…通过): body text
        after = [line.text for group in below for line in group] + after
        groups = groups[: reads + 1]
    title = groups[-1]
    earlier = groups[:-1]
    if len(title) == 1 and title[0].text.startswith("（") and title[0].text.endswith("）") and earlier:
        title = earlier.pop() + title
    above = _chrome_lines_above(title)
    if above:  # 页面链接…（同目录） / XX关于…的批复 with no blank line between: the lines above are chrome
        earlier, title = [*earlier, title[:above]], title[above:]
        guesses.append((0.8, "lines above it in the same paragraph set aside as a page's chrome"))
    joined = False
    while earlier and _title_goes_on(earlier[-1], title):
        title = earlier.pop() + title  # a title wrapped over lines with blank lines between (a web page's <p>s)
        joined = True
    if len(title) > _MAX_TITLE_LINES or any("。" in line.text for line in title):
        cut = _title_at_end(title)
        if cut is None:
            return [], [line.text for group in groups for line in group]
        earlier, title = [*earlier, title[:cut]], title[cut:]  # the lines above it are a page's chrome
        guesses.append((0.75, "its first line chosen among lines of a web page's chrome above it"))
    residue.extend(Residue(line.text, "unrecognised text above the title") for g in earlier for line in g)
    if joined:
        guesses.append((0.85, "its lines joined across the blank lines between them"))
    return [line.text for line in title], after


def _last_title_like(groups: list[list[Line]]) -> int | None:
    """The last of the final groups that reads as a title (ends with a 文种 and is no sentence), when the very
    last group does not; a few groups back at most."""

    def reads(group: list[Line]) -> bool:
        text = "".join(line.text for line in group)
        named = kind_of_title(text) is not None or text.endswith(TITLE_ENDINGS)
        return named and not _SENTENCE_END_RE.search(text) and len(group) <= _MAX_TITLE_LINES

    if reads(groups[-1]):
        return None
    for k in range(len(groups) - 2, max(-1, len(groups) - 5), -1):
        if reads(groups[k]):
            return k
    return None


def _names_organs(text: str) -> bool:
    """One organ's name, or several (listed with 、 or run together: 甲局乙局丙部, as a 联合行文 prints them)."""
    if is_organ_like(text) or listed_organs(text):
        return True
    organs = split_organs(text)
    return len(organs) > 1 and all(is_organ_like(organ) for organ in organs)


def _chrome_lines_above(group: list[Line]) -> int:
    """How many of a group's first lines stand above its title's own: a title holding 关于 starts at the
    line with 关于, or at the organs' names on the lines above it (GB/T 9704 7.3.1); other lines above are
    no part of it. 0 where the group has no 关于 or the title starts on its first line."""
    if len(group) < 2 or kind_of_title(group[-1].text) is None:
        return 0
    at = next((i for i, line in enumerate(group) if "关于" in line.text), None)
    if at is None or _SENTENCE_END_RE.search("".join(line.text for line in group[at:])):
        return 0
    while at > 0 and _names_organs(group[at - 1].text):
        at -= 1
    return at


def _title_at_end(group: list[Line]) -> int | None:
    """Where a title begins among the last lines of ``group`` (a page's chrome above it, no blank line
    between): the shortest run of lines at its end that holds 关于 and ends with a 文种, or else its last
    line when that alone reads as a title. None when the group does not end with a title."""
    texts = [line.text for line in group]
    if kind_of_title(texts[-1]) is None or _SENTENCE_END_RE.search(texts[-1]):
        return None
    for start in range(len(texts) - 1, max(-1, len(texts) - 1 - _MAX_TITLE_LINES), -1):
        if _SENTENCE_END_RE.search(texts[start]):
            break
        if "关于" in texts[start]:
            organ_above = start > 0 and texts[start].startswith("关于") and is_organ_like(texts[start - 1])
            return start - 1 if organ_above else start  # the organ's name may stand on the line above 关于…
    return len(texts) - 1 if len(texts[-1]) >= 8 else None


def _title_goes_on(above: list[Line], title: list[Line]) -> bool:
    """Whether the group ``above`` is the first part of a title whose rest is ``title``: it ends with
    关于 or 印发/转发, or names the organ of a title that starts with 关于, or holds the 关于 of a title
    that has none (GB/T 9704 7.3.1: 发文机关名称 + 关于 + 事由 + 文种, wrapped at will)."""
    if len(above) + len(title) > _MAX_TITLE_LINES or any(_SENTENCE_END_RE.search(line.text) for line in above):
        return False
    first = "".join(line.text for line in above)
    rest = "".join(line.text for line in title)
    if kind_of_title(rest) is None or kind_of_title(first) is not None or len(first) > 60:
        return False
    if first.endswith(("关于", "印发", "转发", "批转", "的")):
        return True
    if rest.startswith("关于"):
        return _names_organs(first)  # one organ, or a 联合行文's several
    if "关于" in rest and _names_organs(first) and _names_organs(rest.split("关于", 1)[0]):
        return True  # 国家发展改革委办公厅 / 国家能源局综合司关于…: a 联合行文's organs a line each
    return "关于" in first and "关于" not in rest


def _set_title(
    doc: Document, title_lines: list[str], headline: str | None, original: str | None, residue: list[Residue]
) -> None:
    own = "".join(title_lines) or None
    if own:
        doc.title = own
        for other, reason in ((headline, "web headline"), (original, "web 原标题")):
            if other:
                same = title_key(other) == title_key(own)
                residue.append(Residue(other, "repeated headline" if same else reason))
    elif original:
        doc.title = original
        doc.guess("title", 0.7, "the text has none; taken from the 原标题 the web page gives")
        if headline:
            residue.append(Residue(headline, "web headline (the page gives 原标题)"))
    elif headline:
        doc.title = headline
        doc.guess("title", 0.6, "the text has none; taken from the web page's headline")
