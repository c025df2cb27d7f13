"""Compare a parsed document with its hand labels: the fields of the real-document corpus.

The corpus (``tests/corpus/``) holds real documents as found and, for each, the elements a careful clerk
reads in it (``labels/ID.json``). This module says which fields a parse gets right. It is used by
``benchmarks/accuracy.py`` (the figures) and by the corpus regression test (the exact misses per document).

Two spellings of one text count as the same: comparisons fold away whitespace, punctuation and symbols,
full-width forms and the traditional script, because the labels copy the characters of the source while
the parser normalises them (GB/T 9704 prescribes full-width punctuation; the model is in simplified script).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from gongwen.model import Document

# Every field a label states, in the order the figures are printed.
FIELDS = (
    "title",
    "kind",
    "format",
    "banner",
    "doc_number",
    "order_number",
    "signers",
    "issuers",
    "addressees",
    "attachments",
    "signatures",
    "date",
    "note",
    "cc",
    "printer",
    "print_date",
    "copy_number",
    "secrecy",
    "urgency",
    "annexes",
    "body_starts_with",
    "body_ends_with",
)


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def fold(text: str | None) -> str:
    """Simplified script, NFKC, no whitespace, no punctuation or symbols."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", _t2s().convert(text))
    return "".join(ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith(("P", "S")))


def _block_text(block: dict[str, Any]) -> str:
    if block.get("type") == "heading":
        return f"{block.get('label', '')}{block.get('title', '')}{block.get('text', '')}"
    if block.get("type") == "table":
        return "".join(cell.get("text", "") for row in block.get("rows", []) for cell in row)
    return str(block.get("text", ""))


def _body_text(got: dict[str, Any]) -> str:
    return "".join(fold(_block_text(b)) for b in got["body"])


def _same_text(got: str | None, want: str | None) -> bool:
    return fold(got) == fold(want)


def _same_list(got: Iterable[str], want: Iterable[str]) -> bool:
    return [fold(x) for x in got] == [fold(x) for x in want]


def _same_joined(got: Iterable[str], want: Iterable[str]) -> bool:
    # 主送 and 抄送 lists split at top-level commas; where a source separates organs with 、 or ；
    # the split is a matter of convention, the organs named are not
    return "".join(fold(x) for x in got) == "".join(fold(x) for x in want)


def _doc_number_text(got: dict[str, Any]) -> str | None:
    number = got["doc_number"]
    return number["text"] if number else None


def _body_starts(got: dict[str, Any], want: str | None) -> bool:
    body = _body_text(got)
    return body.startswith(fold(want)) if want else not body


def _body_ends(got: dict[str, Any], want: str | None) -> bool:
    body = _body_text(got)
    return body.endswith(fold(want)) if want else not body


# field -> how to tell the parse (``to_dict()`` form) and the label's value apart
_CHECKS: dict[str, Callable[[dict[str, Any], Any], bool]] = {
    "title": lambda got, want: _same_text(got["title"], want),
    "kind": lambda got, want: _same_text(got["kind"], want),
    "format": lambda got, want: got["format"] == (want or "standard"),
    "banner": lambda got, want: _same_text(got["banner"], want),
    "doc_number": lambda got, want: _same_text(_doc_number_text(got), want),
    "order_number": lambda got, want: _same_text(got["order_number"], want),
    "signers": lambda got, want: _same_joined(got["signers"], want or []),
    "issuers": lambda got, want: _same_list(got["issuers"], want or []),
    "addressees": lambda got, want: _same_joined(got["addressees"], want or []),
    "attachments": lambda got, want: _same_list(got["attachments"], want or []),
    "signatures": lambda got, want: _same_list(got["signatures"], want or []),
    "date": lambda got, want: got["date"] == want,
    "note": lambda got, want: _same_text(got["note"], want),
    "cc": lambda got, want: _same_joined(got["cc"], want or []),
    "printer": lambda got, want: _same_text(got["printer"], want),
    "print_date": lambda got, want: got["print_date"] == want,
    "copy_number": lambda got, want: _same_text(got["copy_number"], want),
    "secrecy": lambda got, want: _same_text(got["secrecy"], want),
    "urgency": lambda got, want: _same_text(got["urgency"], want),
    "annexes": lambda got, want: _same_list([a["title"] or "" for a in got["annexes"]], want or []),
    "body_starts_with": _body_starts,
    "body_ends_with": _body_ends,
}


@dataclass
class Label:
    """One corpus document's hand label."""

    id: str
    path: Path
    expected: dict[str, Any]
    meta: dict[str, Any]

    split: str = "tuning"

    @property
    def holdout(self) -> bool:
        """Kept out of tuning: the parser is never changed for what it misses here."""
        return self.split == "holdout"


def load_labels(corpus: Path) -> list[Label]:
    """Every label of the corpus, with its part (``splits.json``: tuning or holdout; "undrawn" for a new
    document not yet placed, which nobody may look at the parse of before ``tools/draw_holdout.py``)."""
    splits_path = corpus / "splits.json"
    splits = json.loads(splits_path.read_text(encoding="utf-8")) if splits_path.exists() else {}
    labels = []
    for path in sorted((corpus / "labels").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        meta = {k: v for k, v in data.items() if k != "expected"}
        label = Label(data["id"], corpus / data["file"], data["expected"], meta, splits.get(data["id"], "undrawn"))
        labels.append(label)
    return labels


def source_text(label: Label) -> str:
    """The text of a corpus document as gongwen reads it (an HTML page's text, a text file decoded)."""
    if label.path.suffix.lower() in (".html", ".htm"):
        from gongwen.readers.html import read_html_file

        return read_html_file(label.path)
    from gongwen.readers.text import read_text_file

    return read_text_file(label.path)


def misses(doc: Document, expected: dict[str, Any]) -> list[str]:
    """The fields of ``expected`` that ``doc`` gets wrong, in FIELDS order."""
    got = doc.to_dict()
    return [name for name in FIELDS if not _CHECKS[name](got, expected.get(name))]


def shown(doc: Document, name: str) -> Any:
    """What the parse holds for field ``name``, for printing a miss."""
    return _shown(doc.to_dict(), name)


def _shown(got: dict[str, Any], name: str) -> Any:
    if name == "doc_number":
        return _doc_number_text(got)
    if name == "annexes":
        return [a["title"] for a in got["annexes"]]
    if name == "body_starts_with":
        return _body_text(got)[:16]
    if name == "body_ends_with":
        return _body_text(got)[-16:]
    return got[name]


# -- reflowing a text: the same document, its lines set differently ----------------------------------
_CHROME_ABOVE = (
    "首页 > 政务公开 > 政策文件\n【字体：大 中 小】 【打印】 【关闭】\n"
    "索引号：000014349/2024-00012　主题分类：综合政务\n发布时间：2024-03-05 10:20:33　来源：办公厅\n"
)
_CHROME_BELOW = (
    "\n相关链接：\n网站地图 | 联系我们 | 隐私声明\n主办单位：人民政府办公厅　网站标识码：1100000088\n"
    "京ICP备05070218号　京公网安备11010202000001号\n"
)


def _blank_between(text: str) -> str:
    return "\n\n".join(text.split("\n"))


def _no_blank_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


def _rewrapped(width: int) -> Callable[[str], str]:
    def rewrap(text: str) -> str:
        out = []
        for line in text.split("\n"):
            body = line.strip()
            if len(body) <= width or re.search(r"\s{2,}", body):
                out.append(line)  # lines with gaps are columns (signature and date, 印发 lines)
                continue
            out.extend(body[k : k + width] for k in range(0, len(body), width))
        return "\n".join(out)

    return rewrap


def _with_chrome(text: str) -> str:
    return _CHROME_ABOVE + text + _CHROME_BELOW


# each changes how a document's lines are set, never what it says: its parse should not change
REFLOWS: dict[str, Callable[[str], str]] = {
    "blank line between every two lines": _blank_between,
    "no blank lines": _no_blank_lines,
    "rewrapped at 24": _rewrapped(24),
    "rewrapped at 36": _rewrapped(36),
    "site chrome around": _with_chrome,
}


def _parse_fields(doc: Document) -> dict[str, Any]:
    got = doc.to_dict()
    out: dict[str, Any] = {f: _shown(got, f) for f in FIELDS if not f.startswith("body")}
    out["body"] = _body_text(got)
    return out


def same_parse(a: Document, b: Document) -> bool:
    """Whether two parses agree on every labelled field and on the body's text (folded)."""
    return _parse_fields(a) == _parse_fields(b)
