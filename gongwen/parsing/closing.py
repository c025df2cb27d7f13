"""Everything below the body: 附件说明, 出席/请假/列席, 发文机关署名, 成文日期, 附注, 附件 and 版记."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongwen.model import Annex, Attendance, Block, Document, Heading, Residue
from gongwen.normalize import Line, wrap_width
from gongwen.parsing.body import parse_blocks
from gongwen.parsing.patterns import (
    ANNEX_LABEL_RE,
    ATTACHMENT_NOTE_RE,
    COPIES_PRINTED_RE,
    DATE_PATTERN,
    NOTE_RE,
    NUMBERED_ITEM_RE,
    ORGAN_TAILS,
    PRINT_DATE_RE,
    SENTENCE_PUNCT_RE,
    heading_match,
    is_organ_like,
    is_signature_like,
    kind_of_title,
    match_date_line,
    parse_date,
    split_names,
    split_organs,
    split_top_level,
)

_CC_RE = re.compile(r"^(?P<label>抄\s*送|主\s*送|抄\s*报)\s*[：:]\s*(?P<rest>.*)$")
# (a date ends in 日: the lookahead turns other lines away before the slow search)
_SIGNATURE_DATE_RE = re.compile(rf"^(?=.*日$)(?P<sig>\S.*?)\s{{2,}}(?P<date>{DATE_PATTERN})$")
_ORGAN_DATE_RE = re.compile(rf"^(?=.*日$)(?P<sig>\S{{2,40}}?)(?P<date>{DATE_PATTERN})$")
_ATTENDANCE_RE = re.compile(r"^(?P<role>出\s*席|请\s*假|列\s*席|缺\s*席)\s*[：:]\s*(?P<rest>.*)$")
_NUMBERED_ATTACHMENT_RE = re.compile(r"^附\s*件\s*(?P<n>\d{1,2})\s*[：:]\s*(?P<rest>\S.*)$")
# the signer of a 命令(令) by post and name, the post's characters maybe spaced out: 市　长：温国辉, 省长　李明
_OFFICER_RE = re.compile(
    r"^(?P<post>(?:[\u4e00-\u9fff] ?){0,14}?(?:长|主 ?席|总 ?理|主 ?任|书 ?记))"
    r"(?:\s*[：:]\s*|\s+)(?P<name>[\u4e00-\u9fff·]{2,8})$"
)
_FRAGMENT_RE = re.compile("^[\u4e00-\u9fff]{1,8}$")  # the first part of an organ's name broken over two lines
_NUMBERED_ATTACHMENT_LABEL_RE = re.compile(r"^附\s*件\s*\d{1,2}\s*[：:]")
_DOWNLOAD_RE = re.compile(r"下载|下载[：:]?|（?下载）?|列表")
_FILE_SUFFIX_RE = re.compile(r"\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar)$", re.I)
# what a title may end with on a line of its own: （试行）, （暂行）, （2024年版）, （征求意见稿）
_QUALIFIER_RE = re.compile(r"^[（(][^（）()。，]{1,12}[）)]$")
_SUB_NUMBERED_ITEM_RE = re.compile(r"^(?P<n>\d{1,2})\s*[-－—]\s*(?P<k>\d{1,2})\s*[.．、]\s*(?P<rest>.*)$")
_COLOPHON_WINDOW = 20
_ATTACHMENT_WINDOW = 60  # lines above the signature a 附件说明 may start (a list of 30 attachments, wrapped)
_MAX_SIGNATURE_LINES = 12  # a 联合行文 of many organs signs a line each (some of twelve)
_MAX_ANNEX_TITLE_LINES = 3


@dataclass
class _Text:
    """A text line of the region below the front, with its index and whether a blank precedes it."""

    index: int
    line: Line
    after_blank: bool

    @property
    def text(self) -> str:
        return self.line.text


def recognise_rest(
    lines: list[Line], leading: list[str], doc: Document, residue: list[Residue], width: int | None = None
) -> None:
    """Parse the body and everything after it from ``lines`` (the part below the 主送机关); ``width`` is
    the wrap width of the whole text when it was found hard-wrapped."""
    residue.extend(Residue(line.extra, "web 原标题") for line in lines if line.kind == "meta" and line.extra)
    texts = _text_lines(lines)
    texts, pasted_after = _split_annexes_after_colophon(texts)
    texts = _recognise_colophon(texts, doc, residue)
    width = width or wrap_width(leading + [t.text for t in texts])
    date_at = _find_closing_date(texts)
    if date_at is None:
        issued_at = _issued_text_start(texts, doc.title)
        body_end = _recognise_attendance(texts, issued_at, doc)
        body_end = _recognise_attachment_note(texts, body_end, doc, residue)
        doc.body = parse_blocks(leading + [t.text for t in texts[:body_end]], width)
        issued = [t.text for t in texts[issued_at:]]
        doc.annexes = _annexes(issued, width, residue) + _annexes(pasted_after, width, residue)
        return
    _set_date(texts[date_at], doc)
    after = _recognise_note(texts, date_at + 1, doc)
    if len(texts) - after == 1 and is_organ_like(texts[after].text):
        # one organ's name alone below the date: a PDF page's running foot or a 版记 line, no annex
        residue.append(Residue(texts[after].text, "organ's name alone below the date"))
        after += 1
    doc.annexes = _annexes([t.text for t in texts[after:]], width, residue) + _annexes(pasted_after, width, residue)
    body_end = _recognise_signatures(texts, date_at, doc)
    body_end = _recognise_attendance(texts, body_end, doc)
    body_end = _recognise_attachment_note(texts, body_end, doc, residue)
    doc.body = parse_blocks(leading + [t.text for t in texts[:body_end]], width)
    doc.annexes = _without_empty_annexes(doc.annexes, doc.attachments, residue)
    doc.annexes = _announced_annexes(doc, residue)


_FILE_SUFFIX_RE = re.compile(r"\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar)$", re.I)


def _without_empty_annexes(annexes: list[Annex], attachments: list[str], residue: list[Residue]) -> list[Annex]:
    """An annex with a title and no text is no annex where it is a web page's link to an attachment (a
    file's name, 省间电力现货交易规则.pdf, or 附件： above the name the 附件说明 gives), or where it has no
    附件 label either: a line left after the closing (the next document's first line, a 翻印 stamp). A
    numbered one (附件2 参会回执) stays: its text may be a form the copy lost."""
    named = set(attachments)
    kept = []
    for annex in annexes:
        if annex.body or not annex.title:
            kept.append(annex)
            continue
        text = f"{annex.label}：{annex.title}" if annex.label else annex.title
        note = annex.title.startswith(("（", "(")) and annex.title.endswith(("）", ")"))  # 附件（官方直链）
        if _FILE_SUFFIX_RE.search(annex.title) or (annex.label == "附件" and annex.title in named) or note:
            residue.append(Residue(text, "link to an attachment whose text is not in the copy"))
        elif not annex.label:
            residue.append(Residue(text, "line after the closing that opens no annex"))
        else:
            kept.append(annex)
    return kept


# what announces a text that follows the closing unlabelled: a 印发/转发 notice issues it, a 令 publishes it
_ISSUES_RE = re.compile(r"印发|转发|批转|发布|公布|颁布|下发|公示|附后")
_INTERPRETATION_RE = re.compile(r"(?:政策)?解读(?:[（(][^）)]*[）)])?$")


def _announced_annexes(doc: Document, residue: list[Residue]) -> list[Annex]:
    """An annex with no 附件 label is the text the document issues (GB/T 9704 7.3.7 labels the others):
    kept where the title or the body announces one, or the 附件说明 names it; otherwise the section is
    the copy's own (an archive's abstract and its table) and goes to residue."""
    body = "".join(_texts(doc.body[-3:]))
    announced = doc.kind in ("令", "命令") or bool(doc.order_number or _ISSUES_RE.search((doc.title or "") + body))
    kept = []
    for annex in doc.annexes:
        if annex.title and _INTERPRETATION_RE.search(annex.title) and not annex.label:
            # 《关于…的通知》解读: the page's reading of the document, published with it, no annex
            residue.append(Residue(annex.title, "interpretation published with the document"))
            residue.extend(Residue(text, "interpretation published with the document") for text in _texts(annex.body))
            continue
        named = annex.title and (annex.title in doc.attachments or _cites(doc, annex.title))
        if annex.label or announced or named:
            kept.append(annex)
            continue
        residue.append(Residue(annex.title or "", "section after the closing that nothing announces"))
        residue.extend(Residue(text, "section after the closing that nothing announces") for text in _texts(annex.body))
    return kept


def _cites(doc: Document, title: str) -> bool:
    """Whether the document names the text (关于延长《嘉定区不可移动文物保护暂行规定》有效期的通知)."""
    core = re.sub(r"[《》〈〉<>\s]", "", title)
    said = (doc.title or "") + "".join(_texts(doc.body))
    return len(core) >= 4 and core in re.sub(r"[《》〈〉<>\s]", "", said)


def _texts(blocks: list[Block]) -> list[str]:
    out = [f"{b.label}{b.title}{b.text}" if isinstance(b, Heading) else b.text for b in blocks]
    return [t for t in out if t]


_CITED_RE = re.compile(r"《(?P<name>[^《》]{4,80})》")
_HANDS_ON_RE = re.compile(r"(?:印发|转发|批转)给你们|现予?(?:印发|转发|批转)|重新公布|现予公布")


def _issued_text_start(texts: list[_Text], title: str | None) -> int:
    """Where the text a 印发/转发/批转 notice issues begins, in a copy that lost the notice's 署名 and date:
    right after the sentence that hands it on, where the lines (a title wrapped over one to three) give the
    name the notice's title cites (关于批转区文化局《关于…的实施意见》的通知). The end of the text if none."""
    cited = _CITED_RE.search(title or "")
    if cited is None:
        return len(texts)
    name = re.sub(r"\s", "", cited["name"])
    for j in range(1, len(texts)):
        if not _HANDS_ON_RE.search(texts[j - 1].text):
            continue
        for k in range(1, 4):
            if "".join(t.text for t in texts[j : j + k]) == name:
                return j
    return len(texts)


def _text_lines(lines: list[Line]) -> list[_Text]:
    out: list[_Text] = []
    blank = False
    for i, line in enumerate(lines):
        if line.is_text:
            out.append(_Text(i, line, blank))
            blank = False
        elif line.kind == "blank":
            blank = True
    return out


# -- 版记 ---------------------------------------------------------------------------------------
def _split_annexes_after_colophon(texts: list[_Text]) -> tuple[list[_Text], list[str]]:
    """Annexes pasted after the 版记 (as web pages and hasty copies have them): the lines from an annex
    label that follows the last 抄送 or 印发 line, set apart so that the 版记 is found above them."""
    for i in range(len(texts) - 1, -1, -1):
        t = texts[i]
        if _CC_RE.match(t.text) or PRINT_DATE_RE.match(t.text) or PRINT_DATE_RE.match(t.line.spaced):
            if i + 1 < len(texts) and _annex_label(texts[i + 1].text) is not None:
                return texts[: i + 1], [t.text for t in texts[i + 1 :]]
            break
    return texts, []


def _recognise_colophon(texts: list[_Text], doc: Document, residue: list[Residue]) -> list[_Text]:
    """Find 抄送 and 印发 among the last lines; return the lines above the 版记."""
    window = range(max(0, len(texts) - _COLOPHON_WINDOW), len(texts))
    starts = [i for i in window if _CC_RE.match(texts[i].text) or PRINT_DATE_RE.match(texts[i].text)]
    if not starts:
        return texts
    start = starts[0]
    i = start
    while i < len(texts):
        text = texts[i].text
        cc = _CC_RE.match(text)
        printed = PRINT_DATE_RE.match(texts[i].line.spaced) or PRINT_DATE_RE.match(text)
        if cc:
            label = cc["label"].replace(" ", "")
            if label == "主送" or (doc.cc and label != "主送"):
                residue.append(Residue(label, f"{label} label in the 版记"))
            named = len(doc.cc) + len(doc.addressees)
            end = _read_cc(texts, i, label, cc["rest"], doc)
            if len(doc.cc) + len(doc.addressees) == named:  # no organ on it (抄送：, or only a comma)
                residue.extend(Residue(t.text, "empty 抄送 line") for t in texts[i:end])
            i = end
            continue
        if printed and doc.print_date is not None:  # a second 印发 line: kept, as the first one is read
            residue.append(Residue(text, "second 印发 line in the 版记"))
        elif printed:
            _set_printer(texts, i, start, printed, doc)
            if printed["copies"]:
                residue.append(Residue(printed["copies"], "number of copies printed"))
        elif COPIES_PRINTED_RE.match(text):
            residue.append(Residue(text, "number of copies printed"))
        elif not (i + 1 < len(texts) and PRINT_DATE_RE.match(texts[i + 1].text) and is_organ_like(text)):
            residue.append(Residue(text, "text in or after the 版记"))
        i += 1
    return texts[:start]


def _read_cc(texts: list[_Text], i: int, label: str, rest: str, doc: Document) -> int:
    parts = [rest]
    i += 1
    while (
        not "".join(parts).endswith(("。", "."))
        and i < len(texts)
        and not _CC_RE.match(texts[i].text)
        and not PRINT_DATE_RE.match(texts[i].text)
        and not _is_printer_line(texts, i)
    ):
        parts.append(texts[i].text)
        i += 1
    text = "".join(parts).rstrip("。.")
    names = split_top_level(text, "，,；;")
    semicolons = len(split_top_level(text, "；;")) - 1  # organs are set apart by commas (7.4.2)
    if semicolons > 0:
        doc.warnings.append(f"wrote {semicolons} semicolon(s) between {label} organs as ，")
    if label == "主送":
        doc.addressees.extend(names)
    else:
        doc.cc.extend(names)
    return i


def _is_printer_line(texts: list[_Text], i: int) -> bool:
    return i + 1 < len(texts) and PRINT_DATE_RE.match(texts[i + 1].text) is not None and is_organ_like(texts[i].text)


def _set_printer(texts: list[_Text], i: int, start: int, m: re.Match[str], doc: Document) -> None:
    printer = m["printer"].strip()
    if not printer and i > start and _is_printer_line(texts, i - 1):
        printer = texts[i - 1].text
    doc.printer = printer or None
    doc.print_date = parse_date(m)
    doc.print_date_text = re.sub(r"\s+", "", m["date"])


# -- 成文日期, 发文机关署名, 附注 --------------------------------------------------------------------
def _find_closing_date(texts: list[_Text]) -> int | None:
    for i, t in enumerate(texts):
        if i == 0:
            continue
        if match_date_line(t.text) or _signature_and_date(t):
            return i
    return None


def _signature_and_date(t: _Text) -> re.Match[str] | None:
    m = _SIGNATURE_DATE_RE.match(t.line.spaced)
    if m and is_signature_like(m["sig"].replace(" ", "")) and parse_date(m):
        return m
    m = _ORGAN_DATE_RE.match(t.text)  # 中共内江市委 2020年1月30日, the space lost or single
    if m and is_organ_like(m["sig"]) and parse_date(m):
        return m
    return None


def _set_date(t: _Text, doc: Document) -> None:
    found = match_date_line(t.text)
    if found:
        doc.date, doc.date_text = found
        return
    m = _signature_and_date(t)
    assert m is not None
    doc.date, doc.date_text = parse_date(m), re.sub(r"\s+", "", m["date"])
    doc.signatures.extend(_organs_of_line(m["sig"]))


def _recognise_note(texts: list[_Text], at: int, doc: Document) -> int:
    if at < len(texts):
        m = NOTE_RE.match(texts[at].text)
        if m:
            doc.note = m["note"]
            return at + 1
    return at


def _recognise_signatures(texts: list[_Text], date_at: int, doc: Document) -> int:
    """Signature lines stand right above the date; return the index where they begin."""
    start = date_at
    officers: list[str] = []
    while start > 0 and len(officers) < _MAX_SIGNATURE_LINES and (m := _OFFICER_RE.match(texts[start - 1].line.spaced)):
        officers.insert(0, f"{m['post'].replace(' ', '')}\u3000{m['name']}")
        start -= 1
    if officers:  # 市长：温国辉, 总理　李克强 under a 令 (10.2: the signer's post and name), one a line for a joint 令
        doc.signatures = [*officers, *doc.signatures]
        return start
    start = date_at
    while start > 0 and date_at - start < _MAX_SIGNATURE_LINES and is_signature_like(texts[start - 1].text):
        start -= 1
        # a blank line ends the signature block, unless the line above it names an organ too (copies that
        # set every line apart, as Markdown and web pages do)
        if texts[start].after_blank and not (start > 0 and _names_an_organ_above(texts, start)):
            break
    while date_at - start > 1 and not is_organ_like(texts[start].text) and not _is_organ_fragment(texts, start):
        start += 1
    found = [name for t in texts[start:date_at] for name in _organs_of_line(t.line.spaced)]
    rejoined = _rejoin_wrapped_organs(found)
    if len(rejoined) < len(found):
        doc.guess("signatures", 0.8, "an organ's name wrapped over two lines joined into one")
    doc.signatures = rejoined + doc.signatures
    return start


def _names_an_organ_above(texts: list[_Text], at: int) -> bool:
    """Whether the line above ``at`` names an organ, alone or as the first part of one wrapped onto ``at``
    (国家发展 / 改革委, set apart by a blank line as every line of such copies is)."""
    above = texts[at - 1].text
    return is_organ_like(above) or (bool(_FRAGMENT_RE.match(above)) and is_organ_like(above + texts[at].text))


def _organs_of_line(spaced: str) -> list[str]:
    """The organs a signature line names: parts set apart by wide gaps, or by single spaces where each part
    is an organ's name (国家能源局华中监管局 江西省能源局)."""
    names: list[str] = []
    for part in spaced.split("  "):
        pieces = part.split()
        if len(pieces) > 1 and all(len(p) >= 3 and is_organ_like(p) for p in pieces):
            names.extend(organ for p in pieces for organ in split_organs(p))
        elif part.strip():
            names.extend(split_organs(part.replace(" ", "")))
    return names


def _is_organ_fragment(texts: list[_Text], i: int) -> bool:
    """A short line that is an organ's name only together with the next (国家发 / 展改革委)."""
    text = texts[i].text
    if not _FRAGMENT_RE.match(text) or i + 1 >= len(texts) or text.startswith(("特此", "此")) or kind_of_title(text):
        return False
    joined = text + texts[i + 1].text
    return len(joined) <= 24 and is_organ_like(joined)


def _rejoin_wrapped_organs(names: list[str]) -> list[str]:
    """An organ's name wrapped over two lines is one signature: a line that starts with what only ends an
    organ's name (中国共产党江南省 / 委员会办公厅), or that completes a fragment above it (国家发 / 展改革委)."""
    out: list[str] = []
    for name in names:
        tail = name.startswith(ORGAN_TAILS) and not out[-1].endswith(ORGAN_TAILS) if out else False
        fragment = (
            bool(out) and not is_organ_like(out[-1]) and _FRAGMENT_RE.match(out[-1]) and is_organ_like(out[-1] + name)
        )
        if tail or fragment:
            out[-1] += name
        else:
            out.append(name)
    return out


# -- 出席 / 请假 / 列席 ------------------------------------------------------------------------------
def _recognise_attendance(texts: list[_Text], end: int, doc: Document) -> int:
    first = None
    for i in range(max(0, end - 12), end):
        if _ATTENDANCE_RE.match(texts[i].text):
            first = i
            break
    if first is None:
        return end
    current: Attendance | None = None
    wrapped_after_separator = True
    for t in texts[first:end]:
        m = _ATTENDANCE_RE.match(t.line.spaced)
        listed = (m["rest"] if m else t.line.spaced).strip("。")
        names = split_names(listed)
        if m:
            current = Attendance(role=m["role"].replace(" ", ""), names=[])
            doc.attendance.append(current)
        elif current is not None and current.names and names and not wrapped_after_separator:
            current.names[-1] += names.pop(0)  # a name wrapped onto this line
        assert current is not None
        current.names.extend(names)
        wrapped_after_separator = t.line.spaced.rstrip().endswith(tuple("，、,；; "))
    return first


# -- 附件说明 ------------------------------------------------------------------------------------
def _recognise_attachment_note(texts: list[_Text], end: int, doc: Document, residue: list[Residue]) -> int:
    """附件：1. … 2. … (wrapped titles continue without a number) right above the signature; also
    附件1：… 附件2：… on lines of their own, as many documents write it."""
    labelled = _labelled_attachments(texts, end)
    if labelled is not None:
        doc.attachments, start = labelled
        doc.attachments = _without_file_suffixes(doc.attachments, residue)
        labels = [m[0] for t in texts[start:end] if (m := _NUMBERED_ATTACHMENT_LABEL_RE.match(t.text))]
        residue.extend(Residue(label, "attachment label (the note is written 附件：1. …)") for label in labels)
        return start
    for i in range(end - 1, max(-1, end - _ATTACHMENT_WINDOW), -1):
        m = ATTACHMENT_NOTE_RE.match(texts[i].text)
        if not m:
            continue
        lines = [m["rest"]] + [t.text for t in texts[i + 1 : end]]
        if not any(lines):  # 附件： over nothing (a page's empty attachment list)
            residue.append(Residue(texts[i].text, "attachment label with no attachment"))
            return i
        renumbered: list[Residue] = []
        items = _attachment_items(lines, renumbered)
        if not items:
            return end
        doc.attachments = _without_file_suffixes(items, residue)
        residue.extend(renumbered)
        lone = NUMBERED_ITEM_RE.match(next((line for line in lines if line), ""))
        if len(items) == 1 and lone:  # 附件：1. … with one attachment: the model keeps no number
            residue.append(Residue(lone["n"] + ".", "number of a lone attachment"))
        return i
    return end


def _without_file_suffixes(titles: list[str], residue: list[Residue]) -> list[str]:
    """An attachment named by its file on a web page (…情况表.xls): the title without the file's suffix."""
    out = []
    for title in titles:
        m = _FILE_SUFFIX_RE.search(title)
        if m and m.start() > 0:
            residue.append(Residue(m[0], "file suffix of an attachment's name"))
            title = title[: m.start()]
        out.append(title)
    return out


def _labelled_attachments(texts: list[_Text], end: int) -> tuple[list[str], int] | None:
    """附件1：… 附件2：… (wrapped titles continue on lines without a label) ending right at ``end``."""
    for i in range(max(0, end - _ATTACHMENT_WINDOW), end):
        first = _NUMBERED_ATTACHMENT_RE.match(texts[i].text)
        if not first or first["n"] != "1":
            continue
        items: list[str] = []
        for t in texts[i:end]:
            m = _NUMBERED_ATTACHMENT_RE.match(t.text)
            if m and int(m["n"]) == len(items) + 1:
                items.append(m["rest"])
            elif items and not m and len(t.text) <= 40 and "。" not in t.text:
                items[-1] += t.text
            else:
                return None
        if len(items) < 2:
            return None
        return [item.rstrip("。；;，,") for item in items], i
    return None


def _attachment_items(lines: list[str], residue: list[Residue] | None = None) -> list[str] | None:
    """Titles of 附件：1. … 2. …, or None unless the numbers run 1, 2, 3 … (a lone title has none). Sub-numbers
    (6-1. 6-2. under 6) count as items of their own; the model numbers them afresh, so they go to residue."""
    items: list[str] = []
    numbered = False
    main = 0
    for line in lines:
        if not line:
            continue
        sub = _SUB_NUMBERED_ITEM_RE.match(line) if numbered or not items else None
        if sub and int(sub["n"]) in (main, main + 1) and sub["rest"].strip():
            main = int(sub["n"])
            items.append(sub["rest"].strip())
            if residue is not None:
                residue.append(Residue(f"{sub['n']}-{sub['k']}", "number of an attachment, numbered afresh"))
            numbered = True
            continue
        m = NUMBERED_ITEM_RE.match(line)
        if m and (not items or numbered):
            if int(m["n"]) != main + 1 or not m["rest"].strip():
                return None
            numbered = True
            main = int(m["n"])
            if main != len(items) + 1 and residue is not None:
                residue.append(Residue(m["n"], "number of an attachment, numbered afresh"))
            items.append(m["rest"].strip())
        elif items and len(line) <= 40 and "。" not in line and not m:
            items[-1] += line
        elif not items:
            items.append(line)
        else:
            return None
    items = [item.rstrip("。；;，,") for item in items]
    return items if all(items) else None


# -- 附件 after the closing ----------------------------------------------------------------------
def _annexes(lines: list[str], width: int | None, residue: list[Residue]) -> list[Annex]:
    """The annexes in ``lines``; an annex label with nothing after it (a web page's 附件： above no link)
    goes to residue."""
    annexes = []
    for annex in _sections(lines, width):
        if annex.title or annex.body:
            annexes.append(annex)
        else:
            residue.append(Residue(annex.label, "annex label with no annex"))
    return annexes


def _sections(lines: list[str], width: int | None) -> list[Annex]:
    if not lines:
        return []
    sections: list[tuple[str, list[str]]] = []
    for line in lines:
        found = _annex_label(line)
        if found is not None:
            label, rest = found
            sections.append((label, [rest] if rest else []))
        elif sections:
            sections[-1][1].append(line)
        else:
            sections.append(("", [line]))
    return [_annex(label, body, width) for label, body in sections]


def _annex_label(line: str) -> tuple[str, str] | None:
    """(label, title on the same line) when ``line`` opens an annex: 附件, 附件2, 附件：title …"""
    m = ANNEX_LABEL_RE.match(line)
    if not m or len(line) > 8 + len(m["rest"]) or (m["rest"] and len(line) > 60):
        return None
    if not m["n"] and _DOWNLOAD_RE.fullmatch(m["rest"].strip()):
        return None  # 附件下载: a page's button, no annex
    if SENTENCE_PUNCT_RE.search(m["rest"] or ""):
        return None
    label = line[: m.start("rest")].rstrip("：: ") if m["rest"] else line.rstrip("：: ")
    return label.replace(" ", ""), m["rest"]


def _annex(label: str, lines: list[str], width: int | None) -> Annex:
    title_lines: list[str] = []
    for line in lines[:_MAX_ANNEX_TITLE_LINES]:
        if (
            SENTENCE_PUNCT_RE.search(line)
            or len(line) > 40
            or heading_match(line)
            or re.match(r"^第[一二三四五六七八九十\d]+[章条节]", line)
            or (title_lines and is_organ_like(line))  # the issuing organ under a forwarded text's title
        ):
            break
        title_lines.append(line)
        if title_lines and len(lines) > len(title_lines) and _ends_title(line):
            following = lines[len(title_lines)]
            if _QUALIFIER_RE.match(following):  # 江西省电力辅助服务市场运营规则 / （试行）
                title_lines.append(following)
            break
    title = "".join(title_lines) or None
    return Annex(label=label, title=title, body=parse_blocks(lines[len(title_lines) :], width))


def _ends_title(line: str) -> bool:
    return line.endswith(
        (
            "办法",
            "规定",
            "细则",
            "方案",
            "规则",
            "条例",
            "意见",
            "通知",
            "名单",
            "表",
            "计划",
            "要点",
            "目录",
            "清单",
            "指南",
            "标准",
            "规划",
            "决定",
            "报告",
            "章程",
            "制度",
            "措施",
            "纲要",
            "守则",
            "说明",
            "准则",
        )
    )
