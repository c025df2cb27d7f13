"""Patterns shared by the recognisers: dates, 文种, organ names, ordinals, 发文字号."""

from __future__ import annotations

import datetime as _dt
import re

from gongwen.model import DocNumber
from gongwen.normalize import CJK, DATE_LINE_RE, DATE_PATTERN

# 文种 of 《党政机关公文处理工作条例》 (15 kinds) plus the forms titles end with; longest first.
KINDS = (
    "纪要",
    "决议",
    "决定",
    "命令",
    "公报",
    "公告",
    "通告",
    "意见",
    "通知",
    "通报",
    "报告",
    "请示",
    "批复",
    "议案",
    "函",
    "令",
)
KIND_ALIASES = {"复函": "函", "会议纪要": "纪要"}

_ORG_SUFFIXES = (
    "委员会|人民政府|政府|办公厅|办公室|党委|党组|党工委|工委|纪委|监委|常委|委|部|厅|局|院|署|会|处|科|室|中心|"
    "集团|公司|所|站|队|学校|小学|中学|大学|学院|支部|总支|法院|检察院|银行|协会|联合会|工会|团委|街道|办事处|"
    "镇|乡|村|社区|县|市|省|区|州|盟|旗|馆|社|府|行|台|团|组|司令部|指挥部|机关|分局|支队|大队|中队|"
    "研究院|研究所|基金会|联社|合作社|管委会|管理处|服务中心|司|办|调查队"
)
ORG_END_RE = re.compile(f"(?:{_ORG_SUFFIXES})$")

CN_NUMERALS = "〇零○Ｏ一二三四五六七八九十百"
_CN_DIGIT_VALUE = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

_CJK_CHAR_RE = re.compile(f"[{CJK}]")
# (the lookahead turns away at once the many lines without 印发, before the slow search); the number of
# copies printed may follow (共印50份), as documents before GB/T 9704-2012 had it
_COPIES = r"[（(]?共印\s*\d+\s*份[）)]?"
PRINT_DATE_RE = re.compile(rf"^(?=.*印发)(?P<printer>.*?)\s*(?P<date>{DATE_PATTERN})\s*印发\s*(?P<copies>{_COPIES})?$")
COPIES_PRINTED_RE = re.compile(rf"^{_COPIES}$")

L1_RE = re.compile(rf"^(?P<n>[{CN_NUMERALS}]{{1,3}})、(?P<rest>.*)$")
L2_RE = re.compile(rf"^（(?P<n>[{CN_NUMERALS}]{{1,3}})）(?P<rest>.*)$")
L3_RE = re.compile(r"^(?P<n>\d{1,2})\.(?P<rest>[^\d.].*)$")
L4_RE = re.compile(r"^（(?P<n>\d{1,2})）(?P<rest>.*)$")
HEADING_RES = ((1, L1_RE), (2, L2_RE), (3, L3_RE), (4, L4_RE))

DOC_NUMBER_RE = re.compile(
    rf"(?P<code>[{CJK}A-Za-z][{CJK}A-Za-z0-9（）]{{0,19}}?)〔(?P<year>\d{{4}})〕(?P<serial>第?\d{{1,6}})号"
)
ATTACHMENT_NOTE_RE = re.compile(r"^附\s*件\s*[：:]\s*(?P<rest>.*)$")
ANNEX_LABEL_RE = re.compile(rf"^附\s*件\s*(?P<n>\d{{1,3}}|[{CN_NUMERALS}]{{1,3}})?\s*[：:]?\s*(?P<rest>.*)$")
NUMBERED_ITEM_RE = re.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*(?P<rest>.*)$")
NOTE_RE = re.compile(r"^（(?P<note>.+)）$")
SENTENCE_PUNCT_RE = re.compile("[。，；！？：,;!?]")


def chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral up to 999 (一, 十二, 二十, 一百零五), or of Arabic digits."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGIT_VALUE:
            current = _CN_DIGIT_VALUE[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def _year_value(text: str) -> int:
    if text.isdigit():
        return int(text)
    return int("".join(str(_CN_DIGIT_VALUE[ch]) for ch in text))


def parse_date(match: re.Match[str]) -> _dt.date | None:
    """The date a DATE_PATTERN match names, or None when it is not a real date."""
    try:
        year = _year_value(match["y"])
        month = chinese_number(match["m"])
        day = chinese_number(match["d"])
        if month is None or day is None:
            return None
        return _dt.date(year, month, day)
    except (ValueError, KeyError):
        return None


def match_date_line(text: str) -> tuple[_dt.date, str] | None:
    m = DATE_LINE_RE.match(text)
    if not m:
        return None
    value = parse_date(m)
    return (value, m[0]) if value else None


def doc_number_from_match(m: re.Match[str]) -> DocNumber:
    serial = m["serial"].lstrip("第")
    return DocNumber(text=m[0], code=m["code"], year=int(m["year"]), serial=int(serial))


_QUALIFIERS_RE = re.compile(r"(?:[（(][^（）()]{1,12}[）)])+$")


def kind_of_title(title: str | None) -> str | None:
    if not title:
        return None
    # …的通知（试行）, …的意见（征求意见稿）, …的通知（2007）: a qualifier after the 文种
    stripped = _QUALIFIERS_RE.sub("", title.rstrip("。 ")) or title
    for alias, kind in KIND_ALIASES.items():
        if stripped.endswith(alias):
            return kind
    for kind in KINDS:
        if stripped.endswith(kind):
            return kind
    return None


def is_organ_like(text: str, max_len: int = 40) -> bool:
    """A short line without sentence punctuation that ends like the name of an organ."""
    return 0 < len(text) <= max_len and not SENTENCE_PUNCT_RE.search(text) and ORG_END_RE.search(text) is not None


def is_signature_like(text: str) -> bool:
    """A line that can stand in the 发文机关署名 position: short, no sentence punctuation, not a label."""
    if not (0 < len(text) <= 40) or SENTENCE_PUNCT_RE.search(text):
        return False
    if text.startswith(("附件", "（", "抄送", "印发")) or DATE_LINE_RE.match(text):
        return False
    return not any(regex.match(text) for _, regex in HEADING_RES)


def heading_match(text: str) -> tuple[int, re.Match[str]] | None:
    for level, regex in HEADING_RES:
        m = regex.match(text)
        if m and m["rest"].strip():
            return level, m
    return None


_NAME_SPLIT_RE = re.compile(r"[\s、，,；;]+")


def split_names(text: str) -> list[str]:
    """A list of names (签发人, 出席 …) split at spaces and list marks, padded names made whole."""
    return join_padded_names([name for name in _NAME_SPLIT_RE.split(text.strip()) if name])


def join_padded_names(names: list[str]) -> list[str]:
    """Names split at spaces, with the two-character names that were padded to line up with longer ones
    (李　明) made whole again: a Chinese name has at least two characters, so a run of single characters
    is joined two by two (an odd run ends with three)."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        while len(run) >= 2:
            take = 3 if len(run) == 3 else 2
            out.append("".join(run[:take]))
            del run[:take]
        out.extend(run)
        run.clear()

    for name in names:
        if len(name) == 1 and _CJK_CHAR_RE.match(name):
            run.append(name)
        else:
            flush()
            out.append(name)
    flush()
    return out


def split_top_level(text: str, separators: str = "，") -> list[str]:
    """Split at separators that are not inside brackets."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in "（(《〔【[":
            depth += 1
        elif ch in "）)》〕】]":
            depth = max(depth - 1, 0)
        if ch in separators and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


# how the name of a second organ begins when two are written together (国家医保局财政部, 陕西省发展和改革委员会
# 陕西省林业局): a state or Party prefix, or the same place as the first
_ORGAN_STARTS = (
    "国家",
    "国务院",
    "中共",
    "中国",
    "中央",
    "最高",
    "全国",
    "共青团",
    "国网",
    "财政部",
    "教育部",
    "公安部",
    "商务部",
)
_ORGAN_CUT_RE = re.compile(f"(?:{_ORG_SUFFIXES})")
# what only ends an organ's name: a cut never leaves one of these at the start of the second name
ORGAN_TAILS = ("委员会", "办公厅", "办公室", "人民政府", "常务委员会", "常委会", "工作委员会", "党组", "党委")


def listed_organs(text: str) -> list[str]:
    """Several organs named one after the other, set apart by 、 or spaces (江南省财政厅 江南省教育厅), or []."""
    parts = [p for p in re.split(r"[、\s]+", text) if p]
    return parts if len(parts) > 1 and all(is_organ_like(p) for p in parts) else []


def split_organs(text: str) -> list[str]:
    """The organs a name of several runs together, each whole: 国家医保局财政部 → 国家医保局, 财政部. A name
    that does not come apart into organs that each begin like one is returned whole."""
    text = text.strip()
    listed = listed_organs(text)
    if listed:
        return [organ for p in listed for organ in split_organs(p)]
    for m in _ORGAN_CUT_RE.finditer(text):
        first, rest = text[: m.end()], text[m.end() :]
        if len(first) < 3 or len(rest) < 3 or rest.startswith(ORGAN_TAILS) or not is_organ_like(first):
            continue
        place = first.removeprefix("中国共产党").removeprefix("中共")[:2]
        if not (rest.startswith(_ORGAN_STARTS) or rest.startswith((text[:2], place))):
            continue
        tail = split_organs(rest)
        if all(is_organ_like(part) for part in tail):
            return [first, *tail]
    return [text]


# what else a title ends with: the name of the rules a 令 or a notice issues, a court's 解释, a 答复
TITLE_ENDINGS = ("办法", "规定", "细则", "条例", "解释", "规则", "方案", "答复", "（试行）", "（暂行）")
