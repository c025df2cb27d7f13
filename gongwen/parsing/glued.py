"""Text whose line breaks were lost: a whole document on one line, as data sets and database fields keep it.

The recognisers read a document line by line, as GB/T 9704 sets its elements apart. When a document comes
as one long line (版头, 标题, 主送, 正文, 署名, 成文日期 and 版记 run together), the element boundaries that
the text itself still shows are turned back into line breaks first: the 发文字号 after a 发文机关标志, the
文种 at the end of the title before the colon of the 主送机关, 附件说明 and its numbered items, the 署名 and
成文日期 before the annexes or the 版记, 抄送, and the 印发 line. Nothing is removed; only line breaks are
added, and the warnings say so.
"""

from __future__ import annotations

import re

from gongwen.normalize import DATE_PATTERN
from gongwen.parsing.patterns import DOC_NUMBER_RE, is_organ_like, split_organs

# a line this long in a text of few lines is a glued document, not a long paragraph of a real one
_GLUED_MIN = 400
_FEW_LINES = 5
_GLUED_ALONE_MIN = 100

_NUMBER = r"[\u4e00-\u9fffA-Za-z（）()]{1,20}?\s*[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*第?\s*\d{1,6}\s*号"
_HEADER_RE = re.compile(rf"^(?P<mark>[^，。：:]{{2,60}}?(?:文件|纪要|命令|令))?\s*(?P<number>{_NUMBER})")
_FLAGS_RE = re.compile(
    r"^(?P<copy>\d{6})?(?P<secrecy>(?:绝密|机密|秘密)(?:★[^\s文]{1,6}?(?=特急|加急|特提|\S{2,}文件))?)?(?P<urgency>特急|加急|特提)?"
)
_MARK_ONLY_RE = re.compile(r"^[^，。：:（(]{4,120}?文件(?=\S{0,60}?关于)")
_TITLE_END = (
    r"(?:的通知|的通报|的意见|的决定|的请示|的批复|的函|的复函|的报告|的纪要|的公告|的通告|的命令|的决议|的议案)"
)
_TITLE_RE = re.compile(rf"^(?P<title>[^。：:]{{4,200}}{_TITLE_END})(?P<addressee>[^。：:！？]{{2,400}}?[：:])")
# a document with no 主送机关 (通告, 通报): its title then its number, or its number, its title and the body,
# which opens as bodies do
_TITLE_THEN_NUMBER_RE = re.compile(rf"^(?P<title>[^。：:\s]{{4,200}}{_TITLE_END})\s*(?P<number>{_NUMBER})\s*")
_TITLE_THEN_BODY_RE = re.compile(
    rf"^(?P<title>[^。：:\s]{{4,200}}?{_TITLE_END})(?=根据|为了?|按照|依据|近期|近日|经|现|我[区市县省局委]|今年|一、)"
)
_ADDRESSEE_FIRST_RE = re.compile(r"^各[^。：:！？\s]{1,300}?[：:]")
_ISSUES_RE = re.compile(r"现予?以?印发|印发给你们|现转发|转发给你们|现予公布|予以发布")
_ISSUED_TITLE_RE = re.compile(
    r"^(?P<title>[^。，；：:\s]{4,60}?(?:方案|办法|规定|细则|规则|意见|要点|计划|规划|标准|指引|清单|制度|条例))\s+(?P<rest>\S.*)$",
    re.S,
)
_DATE_RE = re.compile(DATE_PATTERN)
_ATTACHMENT_RE = re.compile(r"附\s*件\s*[：:]")
_CC_RE = re.compile(r"抄\s*送\s*[：:]")
_PRINTED_RE = re.compile(rf"(?P<date>{DATE_PATTERN})\s*印发")
_ANNEX_RE = re.compile(r"附\s*件\s*\d{0,2}(?![：:]|\s*下载)")  # (附件下载 is a page's button)
_SENTENCE_END = "。；;！？!?）)"


def looks_glued(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) == 1:  # a whole document on its one line, however short
        return len(lines[0]) >= _GLUED_ALONE_MIN
    if len(lines) <= _FEW_LINES and any(len(line) >= _GLUED_MIN for line in lines):
        return True
    # a page's chrome around it leaves the glued document one long line among short ones
    return any(_opens_document(line) or _document_start(line) is not None for line in lines)


_NUMBER_START_RE = re.compile(rf"(?<=\s){_NUMBER}")
_TITLE_START_RE = re.compile(r"(?<=[\s号])[\u4e00-\u9fff（]")
_ADDRESSEE_START_RE = re.compile(r"(?<=\s)各")
_CHROME_BEFORE_MAX = 300  # characters of a page's chrome (breadcrumb, time, share buttons) before the document


def _document_start(line: str) -> int | None:
    """Where a whole document begins inside a long line that a page's chrome opens (当前位置：首页… 时间：…
    微信 微博 岚综管综〔2015〕185号…关于…的批复区交通与建设局：…): the first place, after a space, from
    which the line reads as a document does (a 发文字号 or a title, then the 主送机关's colon)."""
    if len(line) < _GLUED_MIN:
        return None
    # a 发文字号 first; else a title, which has no gap in it (the chrome before it has: 微信 微博 QQ空间)
    for pattern, gapless in ((_NUMBER_START_RE, False), (_TITLE_START_RE, True), (_ADDRESSEE_START_RE, False)):
        for m in pattern.finditer(line, 1, _CHROME_BEFORE_MAX):
            head, _ = _split_front(line[m.start() :])
            titled = [h for h in head if re.search(f"{_TITLE_END}$", h)]
            addressed = head[-1].endswith(("：", ":")) if head else False
            numbered = any(re.fullmatch(_NUMBER, h.strip()) for h in head)
            if pattern is _ADDRESSEE_START_RE and addressed:
                return m.start()  # no title or number in the line: it begins at its 主送机关
            if titled and (addressed or numbered) and not (gapless and re.search(r"\s", titled[-1])):
                return m.start()
    return None


def _opens_document(line: str) -> bool:
    """Whether a long line begins as a whole document does: with its 版头 (a mark, a 发文字号) or with a
    title run into its 主送机关's colon."""
    if len(line) < _GLUED_ALONE_MIN:
        return False
    head, _ = _split_front(line.strip())
    return len(head) >= (1 if len(line) >= _GLUED_MIN else 2)  # a shorter line must show two boundaries


def unglue(text: str) -> tuple[str, int]:
    """``text`` with line breaks put back at the element boundaries it shows, and how many were put."""
    out: list[str] = []
    added = 0
    lines = text.split("\n")
    alone = sum(1 for line in lines if line.strip()) <= _FEW_LINES
    for line in lines:
        start = None if _opens_document(line) else _document_start(line)
        if start is not None:  # the page's chrome before the document: a line of its own
            out.append(line[:start].rstrip())
            line = line[start:]
            added += 1
        elif len(line) < _GLUED_ALONE_MIN or not (alone or _opens_document(line)):
            out.append(line)
            continue
        parts = _split_document(line.strip())
        added += len(parts) - 1
        out.extend(parts)
    return "\n".join(out), added


def _split_document(line: str) -> list[str]:
    head, rest = _split_front(line)
    body, closing = _split_closing(rest, _issuer_names(head))
    return [p for p in [*head, *body, *closing] if p.strip()]


def _split_front(line: str) -> tuple[list[str], str]:
    """版头, 标题 and 主送机关 off the front; the rest is the body and what follows it."""
    head: list[str] = []
    flags = _FLAGS_RE.match(line)
    if flags and flags[0]:  # 份号, 密级 and 紧急程度 before the mark, each on a line of its own
        head.extend(flags[g] for g in ("copy", "secrecy", "urgency") if flags[g])
        line = line[flags.end() :]
    m = _HEADER_RE.match(line)
    if m and m.start("number") < 80:
        if m["mark"]:
            head.append(m["mark"])
        head.extend(_letterhead(m["number"]))
        line = line[m.end() :]
    else:
        mark = _mark_before_title(line)
        if mark:
            head.append(mark)
            line = line[len(mark) :]
    t = _TITLE_RE.match(line)
    if t and _reads_as_addressee(t["addressee"]):
        head.extend([t["title"], t["addressee"]])
        line = line[t.end() :]
    elif (n := _TITLE_THEN_NUMBER_RE.match(line)) is not None:  # …的通告岚综管综〔2016〕52号 根据…
        head.extend([n["title"], n["number"]])
        line = line[n.end() :]
    elif head and (b := _TITLE_THEN_BODY_RE.match(line)) is not None:  # 〔2015〕160号…的通报根据《…
        head.append(b["title"])
        line = line[b.end() :]
    elif (a := _ADDRESSEE_FIRST_RE.match(line)) is not None and _reads_as_addressee(a[0]):
        head.append(a[0])  # the copy begins at the 主送机关 (各处室、机关党委，…：)
        line = line[a.end() :]
    return head, line


def _mark_before_title(line: str) -> str | None:
    """A mark with no 发文字号 after it: organs and 文件 (甲局乙局文件关于…), or a letter's organ name that
    the title then repeats (山东省自然资源厅山东省自然资源厅关于…)."""
    m = _MARK_ONLY_RE.match(line)
    if m and all(is_organ_like(o) for o in split_organs(m[0].removesuffix("文件"))):
        return m[0]
    for end in range(4, min(41, len(line) // 2)):
        organ = line[:end]
        if line.startswith(organ, end) and is_organ_like(organ):
            return organ
    return None


def _letterhead(number: str) -> list[str]:
    """山东省生态环境厅鲁环便函〔2021〕1190号: a letter's 发文机关标志 (the organ's name alone) glued before its
    number comes apart from it where the rest is still a 发文字号."""
    # the longest name whose number keeps a code of three characters or more (鲁环便函, not 便函): 山东省生态
    # 环境厅 rather than 山东省
    for cut in range(min(len(number) - 7, 40), 1, -1):
        organ, rest = number[:cut], number[cut:]
        code = rest.split("〔")[0]
        if 3 <= len(code) <= 10 and is_organ_like(organ) and DOC_NUMBER_RE.fullmatch(rest.replace(" ", "")):
            return [organ, rest]
    return [number]


def _reads_as_addressee(text: str) -> bool:
    names = re.split(r"[，、,]", text.rstrip("：:"))
    return any(is_organ_like(n) or "各" in n or n.endswith(("单位", "部门", "机关", "企业")) for n in names if n)


def _issuer_names(head: list[str]) -> list[str]:
    """The organs the front names (the mark without 文件, the title before 关于): the 署名 repeats one."""
    names = []
    for part in head:
        organ = re.sub("(?:文件|纪要|命令|令)$", "", part) if not part.endswith("号") else ""
        if "关于" in part:
            organ = part.split("关于", 1)[0]
        if organ and is_organ_like(organ, max_len=60):
            names.append(organ)
    return names


def _split_closing(text: str, issuers: list[str]) -> tuple[list[str], list[str]]:
    """The body, and the lines of 附件说明, 署名, 成文日期, annexes and 版记 after it."""
    closing: list[str] = []
    printed = _last(_PRINTED_RE, text)
    after_print = text[printed.end() :] if printed else ""
    if printed and (len(after_print) < 20 or _ANNEX_RE.match(after_print)):
        # (annexes set after the 版记, as an OCR of the pages may give them, follow it on lines of their own)
        annexes = [line for a in _split_at(after_print, _ANNEX_RE) if a for line in _annex_lines(a)]
        text, closing = _split_printer(text[: printed.end()], printed, issuers)
        closing += annexes if len(after_print) >= 20 else [after_print]
    cc = _last(_CC_RE, text)
    if cc and len(text) - cc.start() < 600:
        closing.insert(0, text[cc.start() :])
        text = text[: cc.start()]
    date = _closing_date(text)
    if date is not None:
        after = text[date.end() :]
        annexes = [line for a in _split_at(after, _ANNEX_RE) if a for line in _annex_lines(a)]
    else:  # …现予以印发。 某局 2023年6月5日苏平片区…工作方案 2023年是…: the text it issues follows
        date = _date_before_issued_text(text)
        if date is None:
            return _with_attachments(text), closing
        annexes = _issued_text_lines(text[date.end() :])
    before = text[: date.start()]
    body, signature = _signature_before(before, issuers)
    return _with_attachments(body), [*signature, date[0], *annexes, *closing]


def _split_printer(text: str, printed: re.Match[str], issuers: list[str]) -> tuple[str, list[str]]:
    """…2021年1月19日中共某某办公室2021年1月19日印发: the 印发 line starts after the date or sentence before it,
    when what stands between is an organ's name; else where the issuer's name (its office prints it) begins."""
    start = printed.start()
    earlier = list(_DATE_RE.finditer(text, 0, start)) + list(re.finditer("[。；;]", text[:start]))
    begin = max((m.end() for m in earlier), default=0)
    if begin and is_organ_like(text[begin:start].strip(), max_len=60):
        return text[:begin], [text[begin:]]
    for name in issuers:
        at = text.rfind(name, max(0, start - 60), start)
        if at > 0:
            return text[:at], [text[at:]]
    return text[:start], [text[start:]]


def _closing_date(text: str) -> re.Match[str] | None:
    """The 成文日期: the last date that follows a name (no sentence mark right before it), with only annexes
    after it."""
    for m in reversed(list(_DATE_RE.finditer(text))):
        after = text[m.end() :].lstrip()
        before = text[max(0, m.start() - 1) : m.start()]
        trailing = len(after) <= 30 and not re.search("[。；，]", after)  # 信息公开属性：不公开, a 附注
        if (not after or trailing or _ANNEX_RE.match(after)) and before not in ("，", ",", "于", "至", "在"):
            return m
    return None


def _date_before_issued_text(text: str) -> re.Match[str] | None:
    """The 成文日期 of a 印发/转发 notice whose issued text follows it unlabelled: the first date right after
    an organ's name that follows a sentence's end, in a text that says it issues one."""
    if not _ISSUES_RE.search(text):
        return None
    for m in _DATE_RE.finditer(text):
        before = text[: m.start()].rstrip()
        stop = max(before.rfind(mark) for mark in "。！；")
        if stop > 0 and is_organ_like(before[stop + 1 :].strip(), max_len=40) and _ISSUES_RE.search(before):
            return m
    return None


def _issued_text_lines(text: str) -> list[str]:
    """The issued text's title, where a gap sets it apart from its first sentence, and the rest."""
    m = _ISSUED_TITLE_RE.match(text.strip())
    return [m["title"], m["rest"]] if m else [text.strip()]


def _signature_before(text: str, issuers: list[str]) -> tuple[str, list[str]]:
    """The 署名 at the end of ``text``: an organ the front named, else the organ-like run after the last
    sentence mark."""
    for name in sorted(issuers, key=len, reverse=True):
        m = re.search(re.escape(name) + r"(?:[（(][^（）()]{2,40}代章[）)])?$", text)
        if m:  # (the name, and the organ that sealed for it: （山东省工业和信息化厅代章）)
            return text[: m.start()], [m[0]]
    cut = max((text.rfind(ch) for ch in _SENTENCE_END), default=-1)
    tail = text[cut + 1 :]
    if cut >= 0 and is_organ_like(tail.strip(), max_len=60):
        return text[: cut + 1], [tail]
    return text, []


def _with_attachments(text: str) -> list[str]:
    """The body, with 附件：1. … 2. … set on lines of their own."""
    m = _last(_ATTACHMENT_RE, text)
    if m is None:
        return [text]
    items = _numbered_items(text[m.end() :])
    return [text[: m.start()], text[m.start() : m.end()] + items[0], *items[1:]]


def _numbered_items(text: str) -> list[str]:
    """1.甲2.乙3.丙 split before each number that follows its predecessor."""
    parts: list[str] = []
    expected = 1
    last = 0
    for m in re.finditer(r"(\d{1,2})\s*[.．、，,]", text):
        if int(m[1]) == expected:
            if expected > 1:
                parts.append(text[last : m.start()])
                last = m.start()
            expected += 1
    parts.append(text[last:])
    return parts


def _annex_lines(text: str) -> list[str]:
    """附件1省直…途径1.省医保中心现场办。… → the label, the title, the body from its first numbered item."""
    m = _ANNEX_RE.match(text)
    if m is None:
        return [text]
    rest = text[m.end() :]
    first = re.search(r"(?:^|(?<=[\u4e00-\u9fff）)]))(?:1[.．、]|一、|（一）)", rest)
    if first and first.start() > 0:
        return [m[0], rest[: first.start()], rest[first.start() :]]
    return [m[0], rest] if rest else [m[0]]


def _split_at(text: str, pattern: re.Pattern[str]) -> list[str]:
    starts = [m.start() for m in pattern.finditer(text)]
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the last match is wanted
        pass
    return found
