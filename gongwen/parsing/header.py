"""版头: 份号, 密级和保密期限, 紧急程度, 发文机关标志, 发文字号, 签发人 and the 令号 of a 命令."""

from __future__ import annotations

import re
from copy import copy

from gongwen.model import DocNumber, Document, Residue
from gongwen.normalize import Line
from gongwen.parsing.patterns import (
    DATE_PATTERN,
    DOC_NUMBER_RE,
    SENTENCE_PUNCT_RE,
    doc_number_from_match,
    is_organ_like,
    kind_of_title,
    match_date_line,
    parse_date,
    split_names,
    split_organs,
)

_COPY_NUMBER_RE = re.compile(r"^(\d{3,6})$")
_SECRECY_RE = re.compile(
    r"^(?P<level>绝密|机密|秘密)\s*(?:[★☆*＊]\s*(?P<period>[^\s特加]+))?\s*(?P<urgency>特急|加急)?$"
)
_URGENCY_RE = re.compile(r"^(?P<urgency>特急|加急)$")
_SIGNER_RE = re.compile(r"^(?P<before>.*?)签\s*发\s*人\s*[：:]\s*(?P<names>.*)$")
YEARLESS_DOC_NUMBER_RE = re.compile(r"(?P<code>[\u4e00-\u9fff]{1,12}字)第(?P<serial>\d{1,6})号")
_ORDER_NUMBER_RE = re.compile(r"^第\s*[\d一二三四五六七八九十百零〇]+\s*[号期]$")
_NAME_RE = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff·]{1,12})$")
_ISSUER_DATE_RE = re.compile(rf"^(?P<organ>\S.*?)\s{{2,}}(?P<date>{DATE_PATTERN})$")
# a label some copies put before the 发文字号: 编号：江政发〔2020〕6号  签发人：李明
_NUMBER_LABEL_RE = re.compile(r"^\s*(?:编\s*号|文\s*号|发文字号)\s*[：:]\s*")
# a 令's mark with its number in parentheses on one line: 中华人民共和国主席令（九届第37号）
_MARK_WITH_NUMBER_RE = re.compile(
    r"^(?P<mark>\S{2,30}令)（(?P<number>[^（）]{0,8}第[\d一二三四五六七八九十百零〇]+号)）$"
)
_MARK_SUFFIXES = ("文件", "命令", "令", "纪要")
_HEADER_WINDOW = 12
_FLAGS_START_WINDOW = 3


def recognise_header(lines: list[Line], doc: Document, residue: list[Residue]) -> list[Line]:
    """Fill the 版头 elements found at the top of ``lines``; return the lines left over, in order."""
    consumed: set[int] = set()
    _mark_flags(lines, doc, consumed)
    number_at = _find_doc_number(lines, doc, consumed, residue)
    _find_signers(lines, doc, consumed, number_at)
    _find_mark_with_number(lines, doc, consumed)
    _find_banner(lines, doc, consumed, number_at, residue)
    _find_order_number(lines, doc, consumed)
    _find_issuer_and_date(lines, doc, consumed)
    return [line for i, line in enumerate(lines) if i not in consumed]


def _mark_flags(lines: list[Line], doc: Document, consumed: set[int]) -> None:
    """份号, 密级 and 紧急程度 stand on the first lines, one per line or together (a line or two of a site's
    own above them, such as its name, is passed over and left for the title's recogniser)."""
    start = next((i for i, line in enumerate(lines[:_FLAGS_START_WINDOW]) if _flag_tokens(line, doc)), None)
    if start is None:
        return
    for i in range(start, min(len(lines), start + 4)):
        tokens = _flag_tokens(lines[i], doc)
        if not tokens:
            break
        for tok in tokens:
            _flag_token(tok, doc, dry_run=False)
        consumed.add(i)


def _flag_tokens(line: Line, doc: Document) -> list[str]:
    """The flags a line consists of (份号, 密级★期限, 紧急程度), or [] when it holds anything else."""
    tokens = _merge_star(line.spaced.split())
    if tokens and all(_flag_token(tok, doc, dry_run=True) for tok in tokens) and _each_flag_once(tokens, doc):
        return tokens
    return [line.text] if _flag_token(line.text, doc, dry_run=True) else []


def _each_flag_once(tokens: list[str], doc: Document) -> bool:
    """Whether the tokens, read in turn, each set a flag not set before (机密  机密 sets one: the line is
    no line of flags, and neither 机密 is lost)."""
    if len(tokens) == 1:
        return True
    probe = copy(doc)
    return all(_flag_token(tok, probe, dry_run=False) for tok in tokens)


def _merge_star(tokens: list[str]) -> list[str]:
    """Rejoin 机密 ★ 1年 split at its spaces."""
    merged: list[str] = []
    for tok in tokens:
        if merged and (tok.startswith(("★", "☆")) or merged[-1].endswith(("★", "☆"))):
            merged[-1] += tok
        else:
            merged.append(tok)
    return merged


def _flag_token(token: str, doc: Document, dry_run: bool) -> bool:
    m = _COPY_NUMBER_RE.match(token)
    if m and doc.copy_number is None:
        if not dry_run:
            doc.copy_number = m[1]
        return True
    m = _SECRECY_RE.match(token)
    if m and doc.secrecy is None:
        if not dry_run:
            doc.secrecy = m["level"]
            doc.secrecy_period = m["period"]
            doc.urgency = m["urgency"] or doc.urgency
        return True
    m = _URGENCY_RE.match(token)
    if m and doc.urgency is None:
        if not dry_run:
            doc.urgency = m["urgency"]
        return True
    return False


def _find_doc_number(lines: list[Line], doc: Document, consumed: set[int], residue: list[Residue]) -> int | None:
    for i, line in enumerate(lines[:_HEADER_WINDOW]):
        if i in consumed:
            continue
        m = DOC_NUMBER_RE.search(line.text)
        if not m:
            m = YEARLESS_DOC_NUMBER_RE.fullmatch(line.text)
            if m:  # 北府教字第1234号: no year, as some organs number their documents
                doc.doc_number = DocNumber(text=m[0], code=m["code"], year=None, serial=int(m["serial"]))
                consumed.add(i)
                return i
            continue
        label = _NUMBER_LABEL_RE.match(line.text[: m.start()])
        rest = (line.text[label.end() if label else 0 : m.start()] + line.text[m.end() :]).strip()
        signer = _SIGNER_RE.match(rest)
        if rest and not (signer and not signer["before"] and signer["names"].strip()):
            continue
        doc.doc_number = doc_number_from_match(m)
        if label:
            residue.append(Residue(label[0].strip(), "label of the 发文字号"))
        consumed.add(i)
        return i
    for i in range(_HEADER_WINDOW, len(lines)):  # below a page's chrome: a 发文字号 on a line of its own
        m = DOC_NUMBER_RE.fullmatch(lines[i].text.strip("（）"))
        if m and i not in consumed:
            doc.doc_number = doc_number_from_match(m)
            consumed.add(i)
            return i
    return None


def _find_signers(lines: list[Line], doc: Document, consumed: set[int], number_at: int | None) -> None:
    window = len(lines[:_HEADER_WINDOW])
    for i in range(window):
        m = _SIGNER_RE.search(lines[i].spaced)
        if not m or not m["names"].strip() or not _is_doc_number_or_empty(m["before"]):
            continue
        names = m["names"]
        number = DOC_NUMBER_RE.search(names)
        if number and i == number_at:
            names = names[: number.start()] + names[number.end() :]
        found = split_names(names)
        if not found:
            continue
        doc.signers.extend(found)
        consumed.add(i)
        # Further names may follow on lines of their own (two per line is the norm).
        j = i + 1
        while j < window and j not in consumed and _is_name_line(lines[j].spaced):
            doc.signers.extend(split_names(lines[j].spaced))
            consumed.add(j)
            j += 1
        return


def _is_doc_number_or_empty(text: str) -> bool:
    text = _NUMBER_LABEL_RE.sub("", text.replace(" ", ""))
    return not text or DOC_NUMBER_RE.fullmatch(text) is not None


def _is_name_line(text: str) -> bool:
    names = split_names(text)
    return 0 < len(names) <= 3 and all(
        _NAME_RE.match(n) and not is_organ_like(n) and not kind_of_title(n) and "关于" not in n for n in names
    )


def _find_banner(
    lines: list[Line], doc: Document, consumed: set[int], number_at: int | None, residue: list[Residue]
) -> None:
    start = 0
    while start in consumed:
        start += 1
    if number_at is not None:
        block = [i for i in range(start, number_at) if i not in consumed]
        # the mark is the lines right above the 发文字号; a site's own line above them is no part of it
        while block and not all(_is_banner_line(lines[i].text) for i in block):
            block.pop(0)
        marks = [i for i in block if lines[i].text.endswith("文件")]
        if len(marks) > 1:  # a stale mark left above the real one (an organ's old name): the last is the mark
            residue.extend(Residue(lines[i].text, "a second mark above the mark") for i in block if i <= marks[-2])
            consumed.update(i for i in block if i <= marks[-2])
            block = [i for i in block if i > marks[-2]]
        if block:
            _set_banner(doc, [lines[i] for i in block])
            consumed.update(block)
        return
    for first in range(start, start + _FLAGS_START_WINDOW):  # a site's own line or two may stand above
        block = _mark_block(lines, first, consumed)
        if block:
            _set_banner(doc, [lines[j] for j in block])
            consumed.update(block)
            return
    if start + 1 < len(lines) and start + 1 not in consumed:
        organ, below = lines[start].text, lines[start + 1].text
        if is_organ_like(organ) and below.startswith(organ + "关于"):
            # a letter's mark is the organ's name alone, which its title then repeats (7.2.2 信函格式)
            _set_banner(doc, [lines[start]])
            consumed.add(start)


def _mark_block(lines: list[Line], first: int, consumed: set[int]) -> list[int]:
    """The lines from ``first`` that make a mark without a 发文字号 below it: organs ending in 文件, or
    in 命令/令/纪要 above an order or issue number."""
    block: list[int] = []
    for i in range(first, min(len(lines), first + 6)):
        if i in consumed:
            continue
        text = lines[i].text
        if not _is_banner_line(text):
            return []
        block.append(i)
        if (
            text.endswith("文件")
            or (text.endswith(("命令", "令")) and _next_is_order_number(lines, i))
            or (text.endswith("纪要") and _next_is_order_number(lines, i))
        ):
            return block
    return []


def _next_is_order_number(lines: list[Line], index: int) -> bool:
    return index + 1 < len(lines) and _ORDER_NUMBER_RE.match(lines[index + 1].text) is not None


def _is_banner_line(text: str) -> bool:
    # (a joint mark of four organs and 文件 runs to some 50 characters)
    if (
        not text
        or len(text) > (80 if text.endswith("文件") else 40)
        or SENTENCE_PUNCT_RE.search(text)
        or "关于" in text
    ):
        return False
    return text == "文件" or text.endswith(_MARK_SUFFIXES) or is_organ_like(text)


def _set_banner(doc: Document, block: list[Line]) -> None:
    names: list[str] = []
    for line in block:
        names.extend(part for part in line.spaced.split("  ") if part.strip())
    names = [n.replace(" ", "") for n in names]
    # several organs stacked with 文件 beside them come out of a PDF with 文件 between the organs
    for suffix in ("文件", "命令", "纪要"):
        if suffix in names[:-1] and len(names) > 2:
            names.remove(suffix)
            names.append(suffix)
    doc.banner = "".join(names)
    issuers = list(names)
    if issuers and issuers[-1] == "文件":
        issuers.pop()
    elif issuers and issuers[-1].endswith("纪要"):
        issuers.pop()  # a 纪要's mark names the meeting; its office stands on the line below
    elif issuers:
        issuers[-1] = re.sub("(?:文件|命令|令)$", "", issuers[-1])
    doc.issuers = [organ for n in issuers if n for organ in split_organs(n)]


def _find_mark_with_number(lines: list[Line], doc: Document, consumed: set[int]) -> None:
    """中华人民共和国主席令（九届第37号）: a 令's mark and its number on one line."""
    for i, line in enumerate(lines[:_FLAGS_START_WINDOW]):
        m = _MARK_WITH_NUMBER_RE.match(line.text)
        if i not in consumed and m:
            doc.banner = m["mark"]
            doc.order_number = m["number"]
            doc.issuers = [m["mark"].removesuffix("令")]
            consumed.add(i)
            return


def _find_order_number(lines: list[Line], doc: Document, consumed: set[int]) -> None:
    for i, line in enumerate(lines[:_HEADER_WINDOW]):
        if i not in consumed and _ORDER_NUMBER_RE.match(line.text) and (doc.banner or i == 0 or i - 1 in consumed):
            doc.order_number = line.text.replace(" ", "")
            consumed.add(i)
            return


def _find_issuer_and_date(lines: list[Line], doc: Document, consumed: set[int]) -> None:
    """A 纪要 names its issuing office and date under the mark: 某某办公厅    2025年6月12日."""
    for i, line in enumerate(lines[:_HEADER_WINDOW]):
        m = _ISSUER_DATE_RE.match(line.spaced)
        if i in consumed or not m or not is_organ_like(m["organ"].replace(" ", "")):
            continue
        date = parse_date(m)
        if date is None:
            continue
        doc.issuers = doc.issuers or [m["organ"].replace(" ", "")]
        doc.date, doc.date_text = date, m["date"].replace(" ", "")
        consumed.add(i)
        return
    if doc.banner and doc.banner.endswith("纪要"):
        _find_issuer_above_date(lines, doc, consumed)


def _find_issuer_above_date(lines: list[Line], doc: Document, consumed: set[int]) -> None:
    """The 纪要's office and date on two lines right under the mark (text extracted from a PDF puts the
    right-aligned date on a line of its own)."""
    i = 0
    while i in consumed:
        i += 1
    if i + 1 >= len(lines) or i + 1 in consumed or not is_organ_like(lines[i].text):
        return
    found = match_date_line(lines[i + 1].text)
    if found is None:
        return
    doc.issuers = doc.issuers or [lines[i].text]
    doc.date, doc.date_text = found
    consumed.update((i, i + 1))
