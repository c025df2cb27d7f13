"""Text clean-up before parsing: line endings, script, punctuation, web and PDF noise.

The normaliser changes characters only in recorded ways: every repair is counted into a warning,
and every line it removes goes to ``residue`` with the reason. It never decides document structure;
the parser does. :func:`join_wrapped_lines` is the one helper the parser calls back for PDF line wraps.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from gongwen.markup import has_markup, strip_markup
from gongwen.model import Residue

# -- character classes ----------------------------------------------------------------------------
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
FULLWIDTH_PUNCT = "\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019\u00b7"
_CJK_RE = re.compile(f"[{CJK}]")
_CJK_OR_PUNCT = f"{CJK}{FULLWIDTH_PUNCT}"
# Zero-width and soft-hyphen characters, and C0 controls other than tab, newlines and form feed.
# (and lone surrogates, which a Python string can hold but no file encoding can write)
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")
_SPACE_RE = re.compile("[ \t\u00a0\u2002-\u200a\u3000\u202f\u205f\v]")
PAGE_BREAK = "\f"

# Sentence-final marks: a line ending in one of these is not wrapped mid-sentence.
TERMINAL_PUNCT = "。！？；：!?;:…）)”’」』】》"

# Chinese numerals as they appear in ordinals and dates.
CN_DIGITS = "〇零一二三四五六七八九十百"

# A date as documents write it: 2025年3月18日 or 二〇二五年三月十八日 (named groups y, m, d).
_YEAR = r"(?P<y>\d{4}|[〇零○ＯO一二三四五六七八九]{4})"
_MONTH = r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})"
_DAY = r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})"
DATE_PATTERN = rf"{_YEAR}\s*年\s*{_MONTH}\s*月\s*{_DAY}\s*日"
DATE_LINE_RE = re.compile(rf"^{DATE_PATTERN}$")


@dataclass
class Line:
    """One normalised input line.

    ``text`` has the spaces between Chinese characters removed; ``spaced`` keeps runs of two or more
    spaces (as exactly two) for recognisers that split on them (signer names, joint signatures,
    the 印发 line). ``kind`` is "text", "blank", "page" (a page break) or "meta" (a web metadata
    line already moved to residue; ``extra`` then holds a 原标题 it carried).
    """

    text: str
    spaced: str = ""
    kind: str = "text"
    extra: str | None = None

    @property
    def is_text(self) -> bool:
        return self.kind == "text"


@dataclass
class NormalizedText:
    lines: list[Line]
    residue: list[Residue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    script: str = "simplified"


@dataclass
class _Repairs:
    counts: Counter[str] = field(default_factory=Counter)

    def sub(self, name: str, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        new, n = pattern.subn(repl, text)
        if n and new != text:
            self.counts[name] += n
        return new


_REPAIR_MESSAGES = {
    "punct": "made {n} half-width punctuation mark(s) in Chinese text full-width",
    "paren": "made {n} pair(s) of half-width parentheses in Chinese text full-width",
    "ordinal": "wrote {n} heading ordinal(s) in canonical form (一、 （一） 1. （1）)",
    "docno": "wrote {n} 发文字号 year bracket(s) as 〔 〕",
    "invisible": "removed {n} invisible formatting, control or lone surrogate character(s)",
    "corner": "wrote {n} corner quotation mark(s) 「」『』 as “”‘’ (GB/T 15834 for horizontal simplified text)",
    "date": "wrote {n} date(s) given in figures (2025.3.1, 2025-03-01, 2025/3/1) as 2025年3月1日",
}
# a date in figures standing alone on a line, or just before 印发 (a 版记's print date)
_NUMERIC_DATE_RE = re.compile(rf"(?:^|(?<=[\s{CJK}]))(\d{{4}})([-./])(\d{{1,2}})\2(\d{{1,2}})(?=\s*(?:印发)?$)")
_CORNER_QUOTES_RE = re.compile("[「」『』]")
_CORNER_TO_CURLY = {"「": "“", "」": "”", "『": "‘", "』": "’"}


# -- entry point ----------------------------------------------------------------------------------
def normalize(text: str, keep_traditional: bool = False) -> NormalizedText:
    """Clean ``text`` into lines ready for the parser."""
    repairs = _Repairs()
    warnings: list[str] = []
    text = repairs.sub("invisible", _INVISIBLE_RE, "", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", f"\n{PAGE_BREAK}\n")
    script = "traditional" if looks_traditional(text) else "simplified"
    if script == "traditional" and not keep_traditional:
        text, changed = to_simplified(text)
        warnings.append(f"converted traditional script to simplified ({changed} character(s) changed)")
        text = repairs.sub("corner", _CORNER_QUOTES_RE, lambda m: _CORNER_TO_CURLY[m[0]], text)
    residue: list[Residue] = []
    text = _without_markup(text, residue)
    lines = [_normalize_line(raw, repairs) for raw in text.split("\n")]
    lines = _remove_noise(_join_fragments(lines), residue)
    for name, n in repairs.counts.items():
        warnings.append(_REPAIR_MESSAGES[name].format(n=n))
    return NormalizedText(lines=lines, residue=residue, warnings=warnings, script=script)


# -- Markdown and HTML markup --------------------------------------------------------------------
# front matter opens a Markdown copy; a site's lines may stand above it where the copy was pasted into a page,
# and then only key: value lines (lists, indented lines) tell it from two drawn rules
_FRONT_MATTER_RE = re.compile(
    r"\A---[ \t]*\n(?P<body>(?:.*\n){0,60}?)---[ \t]*(?:\n|\Z)"
    r"|\A(?P<lines>(?:.*\n){1,10}?)---[ \t]*\n"
    r"(?P<fields>(?:[^\n]*:[^\n]*\n|[ \t-][^\n]*\n|\n){1,60}?)---[ \t]*(?:\n|\Z)"
)
_HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
_MD_HEADING_RE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)


def _without_markup(text: str, residue: list[Residue]) -> str:
    """A Markdown copy's front matter, HTML comments and inline markup (gongwen/markup.py) go to residue;
    its heading marks (# 标题) go (the text stays)."""
    m = _FRONT_MATTER_RE.match(text)
    if m:
        body = m["body"] if m["body"] is not None else m["fields"]
        residue.extend(Residue(line, "front matter") for line in body.split("\n") if line.strip())
        text = (m["lines"] or "") + text[m.end() :]
    else:
        text = _without_field_header(text, residue)
    if "<!--" in text:
        residue.extend(Residue(c.strip(), "markup") for c in _HTML_COMMENT_RE.findall(text) if c.strip("<!-> \n"))
        text = _HTML_COMMENT_RE.sub("", text)
    if has_markup(text):
        text = strip_markup(text, residue)
    if "\n>" in text or text.startswith(">"):
        text = _without_notes_above(text, residue)
    if "#" in text:
        text = _MD_HEADING_RE.sub("", text)
    return text


_FIELD_LINE_RE = re.compile(r"^[ \t]*(?P<key>[\u4e00-\u9fffA-Za-z_ ]{1,12}?)[ \t]*[:：][ \t]*(?P<value>.*)$")
_HEADER_KEYS = frozenset(
    (
        "标题",
        "名称",
        "文号",
        "发文字号",
        "发布时间",
        "发布日期",
        "成文日期",
        "发布机构",
        "发布机关",
        "发文机关",
        "发布单位",
        "来源",
        "栏目",
        "分类",
        "原文链接",
        "链接",
        "网址",
        "索引号",
        "作者",
        "title",
        "url",
        "date",
        "source",
    )
)


_FIELD_HEADER_DEPTH = 12


def _without_field_header(text: str, residue: list[Residue]) -> str:
    """A crawler's header of ``key: value`` lines above a copy (标题: … / 发布时间: … / 文号: … /
    原文链接: …), front matter without its fences: three lines at least, two of them with keys a page's
    metadata uses. Its lines go to residue as front matter, where they are evidence for the elements."""
    lines = text.split("\n")
    # at the top; or a few lines down, a site's lines above it, where its keys end in an ASCII colon
    for start in range(min(_FIELD_HEADER_DEPTH, len(lines))):
        n = start
        while n < len(lines) and (m := _FIELD_LINE_RE.match(lines[n])) and len(m["value"]) <= 200:
            if start and ":" not in lines[n]:
                break
            n += 1
        keys = [m["key"].strip() for line in lines[start:n] if (m := _FIELD_LINE_RE.match(line))]
        if n - start >= 3 and sum(key in _HEADER_KEYS for key in keys) >= 2:
            residue.extend(Residue(line.strip(), "front matter") for line in lines[start:n] if line.strip())
            return "\n".join(lines[:start] + lines[n:])
    return text


def _without_notes_above(text: str, residue: list[Residue]) -> str:
    """Quoted lines (> …) above a Markdown copy's first heading are the copy's own notes (where it was
    taken from, which version counts), not the document's."""
    lines = text.split("\n")
    heading = next((i for i, line in enumerate(lines) if _MD_HEADING_RE.match(line)), None)
    if heading is None:
        return text
    kept = []
    quoted = False
    for i, line in enumerate(lines):
        # a line right under a quoted one goes on the quote (Markdown's lazy continuation), as a note
        # wrapped by hand or by a copy's line width does
        quoted = i < heading and (line.lstrip().startswith(">") or (quoted and bool(line.strip())))
        if quoted:
            residue.append(Residue(line.strip(), "note of the copy"))
        else:
            kept.append(line)
    return "\n".join(kept)


# -- script ---------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def load_script_converter() -> None:
    """Load the traditional-to-simplified converter (its dictionaries take a moment) and the class of
    traditional-only characters before they are needed."""
    _traditional_re()


_NOT_UNIFIED_RE = re.compile("[^\u4e00-\u9fff]+")


@lru_cache(maxsize=1)
def _traditional_re() -> re.Pattern[str]:
    """The characters of the CJK Unified Ideographs block that exist only in traditional script (those
    the converter changes, each on its own) as one character class, so that a text's are counted in
    one pass. The block is converted at once, a character a line: no phrase spans two."""
    block = "".join(map(chr, range(0x4E00, 0xA000)))
    converted = _t2s().convert("\n".join(block)).split("\n")
    if len(converted) != len(block):  # not one line out per line in: each character on its own
        converted = [_t2s().convert(ch) for ch in block]
    return re.compile("[" + "".join(ch for ch, out in zip(block, converted, strict=True) if out != ch) + "]")


def looks_traditional(text: str, sample_size: int = 20000) -> bool:
    """True when a noticeable share of the Chinese characters exist only in traditional script."""
    sample = text[:sample_size]
    traditional = len(_traditional_re().findall(sample))
    if traditional < 3:
        return False
    return traditional / len(_NOT_UNIFIED_RE.sub("", sample)) >= 0.03


def to_simplified(text: str) -> tuple[str, int]:
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        changed = sum(1 for a, b in zip(text, converted, strict=False) if a != b)
    else:
        changed = abs(len(converted) - len(text)) + sum(1 for a, b in zip(text, converted, strict=False) if a != b)
    return converted, changed


# -- one line -------------------------------------------------------------------------------------
_WIDE_GAP_RE = re.compile(r"( {2,})")  # a gap that separates columns (kept by split, as a separator)
_ARTICLE_SPACE_RE = re.compile(rf"^(第[{CN_DIGITS}\d]{{1,5}}[章节条])\s+(?=\S)")
_LETTER_SPACED_MIN = 3  # characters; two (李 明) may be a padded name, which the name lists handle
# (these two say first that a match starts with a space, as _HALF_PUNCT_RE does with its marks)
_CJK_SPACE_RE = re.compile(f"(?= )(?:(?<=[{_CJK_OR_PUNCT}]) +|  *(?=[{_CJK_OR_PUNCT}]))")
# a date set with spaces between its digits (2 0 2 5 年 3 月 1 8 日), as letter-spaced PDF text has it
_SPACED_DATE_RE = re.compile(r"(?<![\d.])\d(?: \d){3} ?年 ?\d(?: \d)? ?月 ?\d(?: \d)? ?日")
_DIGIT_CJK_SPACE_RE = re.compile(rf"(?= )(?:(?<=\d) +(?=[{CJK}])|(?<=[{CJK}]) +(?=\d))")

_HALF_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_HALF_PUNCT_MARK_RE = re.compile("[,;:?!]")
# a mark after Chinese (the spaces between taken along), or before it; every match starts with a space or
# a mark, and saying so first lets the search skip the rest of the line quickly (twice as fast)
_HALF_PUNCT_RE = re.compile(rf"(?=[\s,;:?!])(?:(?<=[{_CJK_OR_PUNCT}])\s*([,;:?!])|([,;:?!])(?=\s*[{_CJK_OR_PUNCT}]))")
# "." after Chinese before Chinese, a digit or the line's end, or after a digit at the line's end
_HALF_STOP_RE = re.compile(rf"(?<=[{CJK}”’）》])\.(?=\s*$|[{CJK}“‘（《\d])|(?<=\d)\.(?=\s*$)")
_PAREN_RE = re.compile(r"[(（]([^()（）]{0,80})[)）]")

_CN_NUM = f"[{CN_DIGITS}]{{1,3}}"
_ORDINAL_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(rf"^({_CN_NUM})\s*[、'’‘`´．.，,]\s*(?=\S)"), lambda m: f"{m[1]}、"),
    (re.compile(rf"^[(（]\s*({_CN_NUM})\s*[)）]\s*"), lambda m: f"（{m[1]}）"),
    (re.compile(r"^(\d{1,2})\s*[.．、，,]\s*(?=[^\d\s.．])"), lambda m: f"{m[1]}."),
    (re.compile(r"^[(（]\s*(\d{1,2})\s*[)）]\s*"), lambda m: f"（{m[1]}）"),
)
_ORDINAL_STARTS = set(f"{CN_DIGITS}(（")  # with the digits, the first characters the rules above can match
_DOCNO_BRACKET_RE = re.compile(
    rf"(?<=[{CJK}])\s*[\[【(（﹝〔［]\s*((?:19|20)\d\d)\s*[\]】)）﹞〕］]\s*(?=第?\s*\d{{1,6}}\s*号)"
)


def _normalize_line(raw: str, repairs: _Repairs) -> Line:
    if raw.strip() == PAGE_BREAK:
        return Line(text="", kind="page")
    spaced = _SPACE_RE.sub(" ", raw).strip()
    if not spaced:
        return Line(text="", kind="blank")
    spaced = _close_up_letter_spacing(spaced)
    spaced = _repair_punctuation(spaced, repairs)
    if "   " in spaced:  # (the patterns below are tried only where they could change something)
        spaced = _WIDE_GAP_RE.sub("  ", spaced)
    if " " in spaced and "年" in spaced:
        spaced = _SPACED_DATE_RE.sub(lambda m: m[0].replace(" ", ""), spaced)
    text = _DIGIT_CJK_SPACE_RE.sub("", _CJK_SPACE_RE.sub("", spaced)) if " " in spaced else spaced
    if "/" in text or "-" in text or "." in text:  # the text only: what is set aside keeps its own form
        text = repairs.sub("date", _NUMERIC_DATE_RE, _date_in_words, text)
    article = _ARTICLE_SPACE_RE.match(spaced) if spaced.startswith("第") else None
    if article:  # 第一条　为了…: the space after an article or chapter number belongs to the text
        text = f"{article[1]}　{text[len(article[1]) :]}"
    text = _repair_ordinal(text, repairs)
    spaced = _repair_ordinal(spaced, None)
    # a full stop typed as "." after Chinese (ordinals such as 一. are repaired above, before this)
    if "." in text and _CJK_RE.search(text):
        text = repairs.sub("punct", _HALF_STOP_RE, "。", text)
        spaced = _HALF_STOP_RE.sub("。", spaced)
    return Line(text=text, spaced=spaced)


def _date_in_words(m: re.Match[str]) -> str:
    year, month, day = int(m[1]), int(m[3]), int(m[4])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return m[0]
    return f"{year}年{month}月{day}日"


def _close_up_letter_spacing(spaced: str) -> str:
    """Chinese text or digits set with a space after every character (江 南 省 人 民 政 府 文 件, 0 0 0 0 2 5),
    as justified or spaced-out PDF text comes out, are closed up; wider gaps, which separate columns, stay."""
    if " " not in spaced:
        return spaced
    parts = _WIDE_GAP_RE.split(spaced)
    for k in range(0, len(parts), 2):  # the gaps themselves are at the odd places
        chars = parts[k].split(" ")
        if len(chars) >= _LETTER_SPACED_MIN and all(len(ch) == 1 for ch in chars):
            joined = "".join(chars)
            if _CJK_RE.search(joined) or joined.isdigit():  # not a page number such as — 1 —
                parts[k] = joined
    return "".join(parts)


def _repair_punctuation(text: str, repairs: _Repairs) -> str:
    if not _CJK_RE.search(text):
        return text
    if _HALF_PUNCT_MARK_RE.search(text):
        text = repairs.sub("punct", _HALF_PUNCT_RE, _full_width_punct, text)
    if "(" in text or ")" in text:  # full-width pairs are left as they are
        text = repairs.sub("paren", _PAREN_RE, _full_width_parens, text)
    if "号" in text:
        text = repairs.sub("docno", _DOCNO_BRACKET_RE, lambda m: f"〔{m[1]}〕", text)
    return text


def _full_width_punct(m: re.Match[str]) -> str:
    mark = m[1] or m[2]
    return _HALF_PUNCT[mark]


def _full_width_parens(m: re.Match[str]) -> str:
    inner = m[1]
    whole = m[0]
    if whole[0] == "（" and whole[-1] == "）":
        return whole
    if _CJK_RE.search(inner) or re.fullmatch(r"\s*\d{1,2}\s*", inner):
        return f"（{inner}）"
    return whole


def _repair_ordinal(text: str, repairs: _Repairs | None) -> str:
    """The heading ordinal at the start of ``text`` in canonical form; counted in ``repairs`` if given."""
    first = text[:1]
    if first not in _ORDINAL_STARTS and not first.isdecimal():
        return text
    for pattern, repl in _ORDINAL_RULES:
        m = pattern.match(text)
        if m:
            new = repl(m) + text[m.end() :]
            if new != text and repairs is not None:
                repairs.counts["ordinal"] += 1
            return new
    return text


# -- fragments: a web page that set each piece of a line in an element of its own --------------------
_LONE_MARK_RE = re.compile(r"^[：:，,。；;、]$")
_LONE_ORDINAL_RE = re.compile(rf"^(?:\d{{1,2}}[.．、]|（\d{{1,2}}）|[{CN_DIGITS}]{{1,3}}、|（[{CN_DIGITS}]{{1,3}}）)$")
_DATE_PIECES: tuple[re.Pattern[str] | str, ...] = (
    re.compile(r"^\d{4}$"),
    "年",
    re.compile(r"^\d{1,2}$"),
    "月",
    re.compile(r"^\d{1,2}$"),
    "日",
)


_MONTH_DAY_RE = re.compile(r"^\s*年(?!\s*$)")  # 年8月12日, 年嘉定区…计划表: the year's own line broke there


def _join_fragments(lines: list[Line]) -> list[Line]:
    """Rejoin the pieces of a line that a web page set on lines of their own: a lone colon or comma goes on
    the line before (附件 / ：), a lone ordinal on the line after (1. / 蒙西…细则), and 2020 / 年 / 5 / 月 / 9 /
    日 or 2014 / 年8月12日 make one date, and a year set alone goes on the line it begins (2014 / 年嘉定区…)."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.is_text or len(line.text) > 4:  # (only pieces this short are rejoined)
            out.append(line)
            i += 1
            continue
        if _is_date_run(lines, i):
            pieces = lines[i : i + len(_DATE_PIECES)]
            out.append(Line(text="".join(p.text for p in pieces), spaced="".join(p.spaced for p in pieces)))
            i += len(_DATE_PIECES)
            continue
        if _LONE_MARK_RE.match(line.text) and out and out[-1].is_text:
            out[-1] = Line(text=out[-1].text + line.text, spaced=out[-1].spaced + line.spaced)
            i += 1
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        k = next((j for j in range(i + 1, min(i + 3, len(lines))) if lines[j].kind != "blank"), None)
        if (
            re.fullmatch(r"\d{4}", line.text)
            and k is not None
            and lines[k].is_text
            and _MONTH_DAY_RE.match(lines[k].text)
        ):
            # 2014 / 年8月12日, 2014 / 年嘉定区…: a year a page set on a line of its own (no page number), a
            # blank line between where the page made each a paragraph
            out.append(Line(text=line.text + lines[k].text, spaced=line.spaced + lines[k].spaced))
            i = k + 1
            continue
        if _LONE_ORDINAL_RE.match(line.text) and nxt is not None and nxt.is_text:
            out.append(Line(text=line.text + nxt.text, spaced=line.spaced + nxt.spaced))
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def _is_date_run(lines: list[Line], i: int) -> bool:
    if i + len(_DATE_PIECES) > len(lines):
        return False
    for piece, line in zip(_DATE_PIECES, lines[i : i + len(_DATE_PIECES)], strict=True):
        if not line.is_text or (line.text != piece if isinstance(piece, str) else not piece.match(line.text)):
            return False
    return True


# -- noise lines ----------------------------------------------------------------------------------
PAGE_NUMBER_RE = re.compile(
    r"^(?:[—\-－–~～·•\s]*\d{1,4}[—\-－–~～·•\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"
    r"|[-—]?\s*(?:page|Page|PAGE)\s*\d{1,4}(?:\s*of\s*\d{1,4})?\s*[-—]?)$"
)
# A web page's chrome: a word that stands alone, in brackets, before a separator or another such
# word (责任编辑：…, 版权所有 © …, 上一篇：…, 打印本页 关闭窗口), never as the start of a sentence
# (责任编辑制度…, 上一篇文章…, 打印机…); a scan prompt may run on (扫一扫在手机打开当前页) where the
# line is no sentence; the ICP number and the font-size switch.
_CHROME_WORDS = (
    "分享到|分享至|相关文章|相关链接|相关阅读|相关新闻|相关稿件|延伸阅读|责任编辑|责编|打印本页|打印此页|打印|"
    "关闭窗口|关闭本页|关闭|当前位置|您当前的位置|您现在的位置|您所在的位置|您的位置|所在位置|网站地图|版权所有|浏览次数|点击次数|"
    "点击数|阅读次数|访问量|上一篇|下一篇|稿件来源|信息来源|收藏本页|加入收藏|返回顶部|返回首页|返回列表|"
    "返回上一页|返回上页|返回主站|我要纠错|我要打印|收藏|分享|视力保护色|背景色|护眼模式|阅读量|浏览量|点击量|"
    "语音播报|朗读|打印友好版|联系我们|关于我们|免责声明|隐私声明|隐私保护|隐私政策|使用帮助|站内搜索|全站搜索|"
    "全文检索|高级检索|关联稿件|附件下载|网上大厅|办事大厅|网上办事|PDF格式下载|PDF下载|下载PDF|取消收藏|"
    "图文解读|文字解读|视频解读|音频解读|点击查看政策解读|网站帮助|继续访问|放弃|主办|承办|协办"
)
_CHROME_SEPARATOR = r"[\s：:|｜/／【】\[\]（）()<>＜＞»·•,，、;；©\d]"
_STRONG_CHROME_RE = re.compile(
    rf"^[【\[（(]?\s*(?:(?:{_CHROME_WORDS})(?=$|{_CHROME_SEPARATOR}|(?:{_CHROME_WORDS}))"
    r"|(?:微信扫一扫|扫一扫|扫描二维码|用手机扫描)(?!.*[。！？]$)"
    r"|(?i:copyright)|(?:建议(?:使用|采用).{0,24}(?:分辨率|浏览器)|您是(?:本站|本网站)?第\s*\d+\s*位访(?:问者|客))"
    r"(?!.*[。！？；]$)"
    r"|\S{0,2}ICP备"
    # the text size buttons: 字号：【大 中 小】, 【字体：大 中 小】, [ 大 中 小 ] (not 大中小学)
    r"|字[体号]\s*(?:[：:]\s*[【\[]?|[【\[])\s*[大小]"
    r"|(?:字[体号]\s*)?大(?:\s*[】\]]?\s*[【\[]?\s*)中(?:\s*[】\]]?\s*[【\[]?\s*)小\s*[】\]]?(?:$|[\s【\[|｜]))"
)
# WeChat articles: the follow prompt above, the reader's buttons below (whole lines only)
_WECHAT_CHROME_RE = re.compile(
    r"^(?:点击(?:上方|下方)?\S{0,4}(?:蓝字|关注)\S{0,12}|阅读原文|长按(?:识别)?(?:二维码|图片)\S{0,12}|"
    r"预览时标签不可点|写留言|(?:分享|收藏|在看|点赞|转发|推荐)(?:\s*(?:分享|收藏|在看|点赞|转发|推荐)){1,5})$"
)
# a WeChat article's byline: date and time, "published in" a place (2025-03-18 09:30 发表于江南)
_WECHAT_BYLINE_RE = re.compile(r"\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?\s*(?:\d{1,2}:\d{2}\s*)?发表于\S{0,12}$")
_WEAK_CHROME_RE = re.compile(
    r"^[【\[（(]?\s*(?:来源|作者|编辑|审核|校对|发布时间|发布日期|发布者|时间|日期|浏览|点击|阅读|"
    r"索引号|主题分类|发文机关|发布机构|成文日期|生效日期|废止日期|有效性|文号|发文字号|主题词|标题|"
    r"所属机构|公开方式|公开范围|公开时限|信息分类|体裁分类|网站标识码|技术支持|发布单位|发布文号|发文日期|"
    r"实施日期|效力状态|时效性|生成日期|公开时限|责任部门|组配分类|原文|原文链接|原文地址|存档|网址|文件来源|发文机构|"
    r"联合发文单位|文件编号|统一编号|首页\s*[>＞»])\s*[：:>＞»】\]]"
)
# a metadata key with nothing after it: its value stands on the next line
_BARE_KEY_RE = re.compile(
    r"^[【\[]?\s*(?:来源|作者|编辑|发布时间|发布日期|发布者|时间|日期|索引号|主题分类|发文机关|发布机构|成文日期|"
    r"文号|发文字号|信息来源|所属机构|发布单位|责任编辑|生成日期|公开方式|公开时限|公开范围|责任部门|有效性|"
    r"生效日期|废止日期|主题分类|体裁分类|组配分类|原文|原文链接|原文地址|存档|链接|网址|文件来源|发文机构|联合发文单位|"
    r"实施日期|发布日期|文件编号|统一编号)\s*[：:】\]]$"
)
_SENTENCE_MARK_RE = re.compile("[。！？；，]")
_ORGAN_KEYS = frozenset(("来源", "信息来源", "发文机关", "发布机构", "所属机构", "发布单位", "责任部门"))
# above the text only: a metadata table's row that repeats the title (名称：关于……的通知)
_HEAD_META_RE = re.compile(r"^[【\[]?\s*名称\s*[：:】\]]")
# a time stamp on a line of its own (2025-03-01 10:20:33): a 成文日期 never has a time of day
_TIMESTAMP_RE = re.compile(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?$")
# a site's registration numbers, wherever they stand on a line (京ICP备05070218号, 京公网安备 1101…号)
_REGISTRATION_RE = re.compile(r"(?:ICP|公网安)备\s*\d")
# a link to a file for download, as a web page lists its attachments (…的函.pdf)
_FILE_LINK_RE = re.compile(r"^[^。；！？]{2,}\.(?:pdf|PDF|docx?|DOCX?|xlsx?|XLSX?|wps|WPS|ofd|OFD|zip|rar|txt)$")
# where the page stands in its site: 信息公开 > 政策文件 > 通知公告 (two steps or more)
_BREADCRUMB_RE = re.compile(
    r"^(?:[^\s>＞»]{1,12}(?:\s*[>＞»]\s*[^\s>＞»]{1,20}){2,}|(?:首页|网站首页|主页)(?:\s*[>＞»]\s*[^\s>＞»]{1,20})+)$"
)
# A web page's list of other documents after the text: its heading, and the link titles below it.
_RELATED_LINKS_RE = re.compile(
    r"^[【\[]?\s*(?:相关[\u4e00-\u9fff]{1,6}|(?:文件|附件)下载|政策解读|图片解读|"
    r"热点专题|推荐阅读|猜你喜欢|友情链接|排行榜|热门文章|热点新闻|关联稿件|关联文件)\s*[】\]]?\s*[：:]?$"
)
# the text size switch with each of its buttons on a line of its own (Aa / 字体： / 小 / | / 中 / | / 大)
_SWITCH_START_RE = re.compile(r"^(?:Aa|A[+＋]|字[体号]\s*[：:]?)$")
_SWITCH_BUTTON_RE = re.compile(r"^(?:[【\[]?[大中小][】\]]?|[|｜]|A[+＋\-－]?|默认|特大|Aa|字[体号]\s*[：:]?)$")
_META_KEYS_RE = re.compile(
    r"(?:作者|时间|来源|浏览|点击|发布时间|发布日期|字号|索引号|主题分类|发文机关|成文日期|文号|"
    r"发文字号|信息来源|阅读)\s*[：:]"
)
# the name of the site or app the text was copied from, on a line of its own above the text
_WEB_ADDRESS_RE = re.compile(r"(?:https?://)?(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/\S*)?")
_SITE_NAME_RE = re.compile(r"^\S{1,20}(?:门户网站|官方网站|网站|官网|政府网|新闻网|客户端|公众号)$")
# a news report's dateline standing alone above the text: 本站讯, 本报讯（记者 张三）, 新华社北京3月5日电
_NEWS_DATELINE_RE = re.compile(
    r"(?:(?:本站|本报|本网|本台|本刊)讯|\S{1,12}?(?:社|网|报|台)\S{0,12}?\d{1,2}月\d{1,2}日(?:电|讯))"
    r"(?:\s*[（(](?:记者|通讯员)[^）)]{1,40}[）)])*"
)
# what a site's editor adds to the text it publishes: （本文有删减）
_EDITORS_NOTE_RE = re.compile(r"[（(](?:本文|此文|原文|文章)?有删[减节][）)]")
_SEAL_MARK_RE = re.compile(r"[（(]\s*(?:印章|盖章|公章|签章|章|单位盖章|单位公章)\s*[）)]$")
# a line drawn with characters, as the red rule and the 版记's rules come out of a PDF or a web page
_RULE_LINE_RE = re.compile(r"[_＿\-－—―─━═=＝~～·•*＊.．]{3,}")
_MD_TABLE_RULE_RE = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?")
_MD_TABLE_ROW_RE = re.compile(r"\|(?P<key>[^|]{1,16})\|(?P<value>[^|]*)\|?")
_FRAMED_WORD_RE = re.compile(r"[_＿\-－—―─━═=＝~～*＊#]{3,}\s*\S{1,8}\s*[_＿\-－—―─━═=＝~～*＊#]{3,}")
_ORIGINAL_TITLE_RE = re.compile(r"原标题\s*[：:]\s*(.+)$")


def _remove_noise(lines: list[Line], residue: list[Residue]) -> list[Line]:
    head_end, tail_start = _body_span(lines)
    page_numbers = {
        i
        for i, line in enumerate(lines)
        if line.is_text and PAGE_NUMBER_RE.match(line.text) and not _is_leading_copy_number(lines, i)
    }
    running = _running_headers(lines, page_numbers)
    related = _related_links_start(lines, tail_start)
    switches = _size_switch_lines(lines) | _vertical_breadcrumbs(lines) | _footer_lines(lines, tail_start)
    links = _download_links(lines)
    values = _values_of_bare_keys(lines, head_end, tail_start) | _metadata_table(lines, head_end)
    out: list[Line] = []
    for i, line in enumerate(lines):
        if not line.is_text:
            out.append(line)
            continue
        line = _without_seal_mark(line, residue)
        if not line.text:
            continue
        reason = "web page chrome" if i >= related or i in switches else None
        reason = reason or ("web page download link" if i in links else None)
        reason = reason or ("web page metadata" if i in values else None)
        reason = reason or _noise_reason(line, i, head_end, tail_start, page_numbers, running)
        if reason is None:
            out.append(line)
            continue
        original = _ORIGINAL_TITLE_RE.search(line.text)
        if original and reason == "web page metadata":
            kept = line.text[: original.start(1)].strip()  # 原标题 itself goes on as the title
            if kept:
                residue.append(Residue(kept, reason))
            out.append(Line(text="", kind="meta", extra=original[1].strip()))
            continue
        residue.append(Residue(line.spaced, reason))
        if reason == "web page metadata":
            out.append(Line(text="", kind="meta"))
        elif reason == "page number":
            out.append(Line(text="", kind="page"))
        elif reason == "drawn rule":  # it separated what stood above it from what stands below
            out.append(Line(text="", kind="blank"))
    return out


def _without_seal_mark(line: Line, residue: list[Residue]) -> Line:
    """A typed placeholder for the seal (（印章） after the organ's name, or （盖章） on a line of its own) is
    no part of the signature: it goes to residue."""
    if "章" not in line.text:
        return line
    m = _SEAL_MARK_RE.search(line.text)
    if not m:
        return line
    residue.append(Residue(m[0], "seal placeholder"))
    kept = line.text[: m.start()].rstrip()
    spaced = _SEAL_MARK_RE.sub("", line.spaced).rstrip()
    return Line(text=kept, spaced=spaced, kind=line.kind)


def _noise_reason(
    line: Line, index: int, head_end: int, tail_start: int, page_numbers: set[int], running: set[int]
) -> str | None:
    text = line.text
    if index in page_numbers:
        return "page number"
    if index in running:
        return "running header or footer"
    if _RULE_LINE_RE.fullmatch(text):
        return "drawn rule"
    if _FRAMED_WORD_RE.fullmatch(text):
        return "section marker of the copy"  # ==================== 正文 ====================
    if _MD_TABLE_RULE_RE.fullmatch(text):
        return "markup"  # |---|---|, a Markdown table's rule
    row = _MD_TABLE_ROW_RE.fullmatch(text)
    if row and index < head_end and _BARE_KEY_RE.match(row["key"].strip()):
        return "web page metadata"  # | 文 号： | 冀发改能源〔2024〕705号 |: the page's metadata table
    if len(text) > 200:
        return None
    if len(_META_KEYS_RE.findall(line.spaced)) >= 2 or _ORIGINAL_TITLE_RE.search(text):
        return "web page metadata"
    if _STRONG_CHROME_RE.match(text) or _WECHAT_CHROME_RE.match(text):
        return "web page chrome"
    if "即将离开" in text and "是否继续" in text:  # the leave-site prompt: 您访问的链接即将离开…是否继续？
        return "web page chrome"
    if text in ("X", "×", "✕", "✖"):  # a dialog's close button
        return "web page chrome"
    if "发表于" in text and _WECHAT_BYLINE_RE.search(line.spaced):
        return "web page metadata"
    in_margin = index < head_end or index >= tail_start
    if in_margin and (_WEAK_CHROME_RE.match(text) or _TIMESTAMP_RE.match(text)):
        return "web page metadata"
    if index < head_end and _HEAD_META_RE.match(text):
        return "web page metadata"
    if in_margin and _BREADCRUMB_RE.match(text):
        return "web page navigation"
    if in_margin and "备" in text and _REGISTRATION_RE.search(text):
        return "web page chrome"
    if in_margin and ("版权所有" in text or "网站标识码" in text) and len(text) <= 60:
        return "web page chrome"

    if index < head_end and _SITE_NAME_RE.match(text):
        return "web page chrome"
    if (in_margin and _WEB_ADDRESS_RE.fullmatch(text)) or text.startswith("中文域名"):
        return "web address"
    if index < head_end and _NEWS_DATELINE_RE.fullmatch(text):
        return "news dateline"
    if _EDITORS_NOTE_RE.fullmatch(text):
        return "web editor's note"
    return None


def _size_switch_lines(lines: list[Line]) -> set[int]:
    """The lines of a text size switch whose buttons stand one to a line (two of 大/中/小 at least)."""
    found: set[int] = set()
    for i, line in enumerate(lines):
        if not (line.is_text and _SWITCH_START_RE.match(line.text)) or i in found:
            continue
        run = [i]
        j = i + 1
        while j < len(lines) and (not lines[j].is_text or _SWITCH_BUTTON_RE.match(lines[j].text)) and j - i < 16:
            if lines[j].is_text:
                run.append(j)
            j += 1
        if sum(lines[k].text.strip("[]【】") in ("大", "中", "小") for k in run) >= 2:
            found.update(run)
    return found


# a web page's footer: lines that only a footer has, and lines that are footer-like beside them
_FOOTER_ANCHOR_RE = re.compile(r"ICP备|公网安备|网站标识码|版权所有|网站地图|Copyright|©")
_FOOTER_KEY_RE = re.compile(
    r"^(?:通信地址|通讯地址|联系地址|地址|邮政编码|邮编|主办单位|承办单位|主办|承办|技术支持|联系电话|电话|传真)\s*[：:]?"
)


def _footer_lines(lines: list[Line], tail_start: int) -> set[int]:
    """Below the text, the footer's address, post code, 主办/承办 lines standing within three lines of a line
    only a footer has (ICP备, 网站标识码, 版权所有 …): the page's, not the document's."""
    anchors = [i for i in range(tail_start, len(lines)) if lines[i].is_text and _FOOTER_ANCHOR_RE.search(lines[i].text)]
    found: set[int] = set()
    for a in anchors:
        for step in (-1, 1):
            j, gap = a + step, 0
            while tail_start <= j < len(lines) and gap <= 3:
                if lines[j].is_text and _FOOTER_KEY_RE.match(lines[j].text) and len(lines[j].text) <= 60:
                    found.add(j)
                    gap = 0
                elif lines[j].is_text and not _FOOTER_ANCHOR_RE.search(lines[j].text):
                    gap += 1
                j += step
    return found


_REFERRING = ("附件", "详见", "参见", "见", "请")  # a sentence that points to a file, not a link
_ANNEX_LABEL_LINE_RE = re.compile(r"^附\s*件\s*\d{0,2}\s*[：:]?$")
_NOTE_ITEM_RE = re.compile(r"^\d{1,2}\s*[.．、]")
_BARE_FILE_RE = re.compile(r"附\s*件\s*\d{0,2}\s*\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar)", re.I)


def _download_links(lines: list[Line]) -> set[int]:
    """Lines that name a file to download (…的函.pdf), as a web page lists them; one right under an annex
    label (附件 / 名单.xlsx) names that annex and stays, and so do the numbered items of a 附件说明 that
    names its attachments by their files."""
    found: set[int] = set()
    previous = ""
    in_note = False  # inside a 附件说明 whose items are the files' names (附件：1.…格式.doc / 2.…)
    for i, line in enumerate(lines):
        if not line.is_text:
            continue
        text = line.text
        if _BARE_FILE_RE.fullmatch(text):  # 附件.doc: a link that names no attachment
            found.add(i)
            previous = text
            continue
        in_note = text.startswith("附件") or (in_note and _NOTE_ITEM_RE.match(text) is not None)
        named = "." in text and len(text) <= 120 and _FILE_LINK_RE.search(text) and not text.startswith(_REFERRING)
        if named and not in_note and not _ANNEX_LABEL_LINE_RE.match(previous):
            found.add(i)
        previous = text
    return found


def _vertical_breadcrumbs(lines: list[Line]) -> set[int]:
    """A breadcrumb with a step to a line (首页 / > / 政务公开 / > / 通知公告): the > lines and the steps
    between them, two > at least."""
    marks = [i for i, ln in enumerate(lines) if ln.is_text and ln.text in (">", "＞", "»", ">>")]
    found: set[int] = set()
    for k, i in enumerate(marks):
        if k + 1 < len(marks) and marks[k + 1] - i <= 3 or k > 0 and i - marks[k - 1] <= 3:
            found.add(i)
            for j in (i - 1, i + 1):
                if 0 <= j < len(lines) and lines[j].is_text and len(lines[j].text) <= 20:
                    found.add(j)
    return found


# the keys of a portal's metadata table as they stand when each cell comes on a line of its own
_TABLE_KEYS = frozenset(
    [
        "索取号",
        "索引号",
        "载体类型",
        "发布机构",
        "发文机关",
        "文件编号",
        "文号",
        "发文字号",
        "记录形式",
        "公开类别",
        "公开方式",
        "关键词",
        "主题词",
        "内容描述",
        "主题分类",
        "成文日期",
        "发布日期",
        "生效日期",
        "废止日期",
        "有效性",
        "所属机构",
        "标题",
        "名称",
        "信息来源",
    ]
)


def _metadata_table(lines: list[Line], head_end: int) -> set[int]:
    """A metadata table above the text with each cell on a line of its own (索取号 / 3589…/2025-00165 /
    发布机构 / 上海市… / 文件编号 / …): three keys or more within a few lines; the keys and the value after
    each (unless it is itself a key)."""
    keys = [i for i in range(min(head_end, len(lines))) if lines[i].is_text and lines[i].text in _TABLE_KEYS]
    found: set[int] = set()
    for k, i in enumerate(keys):
        if not (sum(1 for j in keys[k : k + 3] if j - i <= 8) >= 3 or i in found):
            continue
        found.add(i)
        for j in keys[k + 1 :]:
            if j - max(found) > 3:
                break
            found.add(j)
    for i in sorted(found):
        nxt = i + 1
        if (
            nxt < len(lines)
            and lines[nxt].is_text
            and lines[nxt].text not in _TABLE_KEYS
            and len(lines[nxt].text) <= 40
        ):
            found.add(nxt)
    return found


def _values_of_bare_keys(lines: list[Line], head_end: int, tail_start: int) -> set[int]:
    """The value of a web page's metadata key standing alone on its line (来源： / 能源局): the next line, when
    it is short and no sentence. (A key with its value on one line is found by the key's pattern.)"""
    values: set[int] = set()
    for i, line in enumerate(lines):
        if not line.is_text or head_end <= i < tail_start or not _BARE_KEY_RE.match(line.text):
            continue
        j = i + 1
        while j < len(lines) and lines[j].kind == "blank":
            j += 1
        after = next((ln.text for ln in lines[j + 1 :] if ln.is_text), "")
        # a line above 关于… may be a title's first line rather than the value, unless the key names an organ
        takes_organ = line.text.rstrip("：:】]").lstrip("【[") in _ORGAN_KEYS
        value = j < len(lines) and lines[j].is_text and _is_bare_value(lines[j].text)
        if value and (takes_organ or not after.startswith("关于")):
            values.add(j)
    return values


def _is_bare_value(text: str) -> bool:
    short = len(text) <= 30 and not _SENTENCE_MARK_RE.search(text)  # (an 索引号 takes 23 characters)
    return short and "关于" not in text and not _BARE_KEY_RE.match(text)


def _related_links_start(lines: list[Line], tail_start: int) -> int:
    """Where a web page's related-documents list begins below the text (its links are no annex)."""
    for i in range(tail_start, len(lines)):
        if lines[i].is_text and _RELATED_LINKS_RE.match(lines[i].text):
            return i
    return len(lines)


def _is_leading_copy_number(lines: list[Line], index: int) -> bool:
    """A 6-digit number on one of the first lines is a 份号, not a page number."""
    text = lines[index].text
    before = [ln for ln in lines[:index] if ln.is_text]
    return len(before) < 3 and re.fullmatch(r"\d{6}", text) is not None


def _body_span(lines: list[Line]) -> tuple[int, int]:
    """Indexes of the first and one past the last line that reads as running prose."""
    prose = [i for i, ln in enumerate(lines) if ln.is_text and "。" in ln.text and len(ln.text) >= 8]
    if not prose:
        return len(lines), len(lines)
    return prose[0], prose[-1] + 1


def _running_headers(lines: list[Line], page_numbers: set[int]) -> set[int]:
    """Lines that repeat next to page breaks: the running heads and feet of a PDF extraction.

    A line standing by two or more breaks is a running head wherever it stands; one standing by a single
    break that repeats a line elsewhere (the mark of page 1 repeated atop page 2) only there.
    """
    breaks = page_numbers | {i for i, ln in enumerate(lines) if ln.kind == "page"}
    if not breaks:
        return set()
    near: dict[str, set[int]] = {}
    atop: set[int] = set()  # lines that open a page
    for b in breaks:
        for step, j in _neighbour_text_lines(lines, b):
            near.setdefault(lines[j].text, set()).add(j)
            if step > 0:
                atop.add(j)
    everywhere = Counter(ln.text for ln in lines if ln.is_text)
    running: set[int] = set()
    for text, places in near.items():
        if len(text) > 60 or "。" in text or not _balanced(text):
            continue  # (政局） is the end of a sentence broken at the page, however often it recurs)
        if len(places) >= 2:
            running.update(i for i, ln in enumerate(lines) if ln.is_text and ln.text == text)
        elif everywhere[text] >= 2:
            # a page's foot may end with a line said before (the 印发 organ repeats the signature), and
            # a page may open with a signature that repeats the mark: neither is a running head
            running.update(j for j in places & atop if not _opens_closing(lines, j))
    return running


def _balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in ("（）", "()", "《》", "“”"))


def _opens_closing(lines: list[Line], index: int) -> bool:
    """Whether the date of a signature block follows within a few lines."""
    following = [ln.text for ln in lines[index + 1 : index + 8] if ln.is_text][:3]
    return any(DATE_LINE_RE.match(text) for text in following)


def _neighbour_text_lines(lines: list[Line], index: int) -> Iterable[tuple[int, int]]:
    """(direction, index) of the nearest text line before and after ``index``."""
    for step in (-1, 1):
        j = index + step
        while 0 <= j < len(lines) and not lines[j].is_text:
            j += step
        if 0 <= j < len(lines):
            yield step, j


# -- hard line wraps (called by the parser for body text) -----------------------------------------
def wrap_width(texts: list[str]) -> int | None:
    """The line width a hard-wrapped text was wrapped at, or None when lines are whole paragraphs.

    A PDF extraction has many lines of nearly the same length (the 28-character line, or whatever
    the page held); running prose has lines of very different lengths.
    """
    lengths = [len(t) for t in texts if len(t) >= 8]
    if len(lengths) < 5:
        return None
    counts = Counter(lengths)
    top = max(counts, key=lambda n: (sum(counts[m] for m in range(n - 1, n + 2)), n))
    at_top = [t for t in texts if top - 1 <= len(t) <= top + 1]
    open_ended = sum(1 for t in at_top if not t.endswith(tuple(TERMINAL_PUNCT)))
    if 15 <= top <= 120 and len(at_top) >= max(4, len(lengths) * 0.3) and open_ended >= len(at_top) * 0.6:
        # the longest common length is the full line (first lines are shorter by their indent)
        window = (top - 1, top, top + 1)
        most = max(counts[m] for m in window)
        return max(m for m in window if counts[m] >= most / 4) + 1
    return None


_SHORT_LINE = 20
_CONTINUING_MARKS = tuple("，。、；：！？）》」』”’,;")
_CLOSING_MARKS = "）)”’」』】》"
_NARROW_RE = re.compile("[\x00-\x7f“”‘’]")


def join_wrapped_lines(
    texts: list[str],
    starts_block: Callable[[str], bool],
    is_heading: Callable[[str], bool] | None = None,
    width: int | None = None,
) -> list[str]:
    """Join lines broken inside a sentence (PDF extraction, copied web text).

    A line is joined to the one before unless the line itself starts a new block (``starts_block``: a
    heading ordinal, 附件, a date …), the one before ends a sentence (in hard-wrapped text: and is not
    a full line), or the paragraph so far is a heading (``is_heading``, by default ``starts_block``)
    without a full stop whose last line is not full. ``width`` is the wrap width of the whole document
    when known (a short annex has too few lines to tell).
    """
    width = width or wrap_width(texts)
    heading = is_heading or starts_block
    out: list[str] = []
    last = ""
    lines_in_paragraph = 0
    for text in texts:
        if out and _continues(out[-1], last, lines_in_paragraph == 1, text, width, starts_block, heading):
            out[-1] = _join(out[-1], text)
            lines_in_paragraph += 1
        else:
            out.append(text)
            lines_in_paragraph = 1
        last = text
    return out


def _continues(
    paragraph: str,
    prev: str,
    first: bool,
    text: str,
    width: int | None,
    starts_block: Callable[[str], bool],
    is_heading: Callable[[str], bool],
) -> bool:
    """Whether ``text`` goes on the ``paragraph`` whose last line is ``prev`` (its ``first`` line)."""
    if text.startswith(_CONTINUING_MARKS):
        return True  # a line cannot start with ，。、 or a closing mark (GB/T 15834): it goes on the one before
    if starts_block(text):
        return False
    # a full line of hard-wrapped text; a paragraph's first line is 2 字 shorter for its indent
    full = width is not None and len(prev) >= width - (3 if first else 1)
    # in hard-wrapped text a closing mark ends a sentence only after a full stop (…。” but not “疫”)
    stop = prev.rstrip(_CLOSING_MARKS) if width is not None else prev
    # (only lines of full-width characters tell: digits, Latin and quotes take other widths)
    indented = width is not None and width - 4 <= len(text) <= width - 3 and not _NARROW_RE.search(text)
    if indented and not text.rstrip(_CLOSING_MARKS).endswith(tuple(TERMINAL_PUNCT)):
        return False  # a line 2 字 short that does not end a sentence: a paragraph's indented first line
    if stop.endswith(tuple(TERMINAL_PUNCT)):
        # a full line ending a sentence more often ends one of a paragraph's sentences than the
        # paragraph itself: the paragraph goes on
        return full and stop.endswith(("。", "；", "！", "？"))
    if is_heading(paragraph) and "。" not in paragraph:
        # a heading without a full stop is complete unless it was wrapped at the page width
        return full
    # In text that is not hard-wrapped, a short line without a closing mark is a line of its own
    # (地点：…); a long one, or one that stops at a comma, was cut mid-sentence.
    return width is not None or len(prev) >= _SHORT_LINE or prev.endswith(("，", "、", ",", "——"))


def _join(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b
