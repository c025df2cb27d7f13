"""Properties over any input: the parser never raises, and never loses a character."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import EXAMPLES, SEEDS, fold
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gongwen
from gongwen.model import Document
from gongwen.readers.text import read_text_file
from gongwen.writers.text import render_text


def lost_characters(source: str, doc: Document) -> Counter[str]:
    """Content characters of ``source`` that appear in no element, body block or residue. A date counts the
    same in figures and in words (the normaliser writes 2023-05-11 as 2023年5月11日, a documented repair)."""
    kept = render_text(doc) + "\n" + "\n".join(r.text for r in doc.residue)
    return Counter(fold(_DATE_FORMS_RE.sub(r"\1\2\3", source))) - Counter(fold(_DATE_FORMS_RE.sub(r"\1\2\3", kept)))


_DATE_FORMS_RE = re.compile(r"(\d{4})\s*(?:年|[-./])\s*0?(\d{1,2})\s*(?:月|[-./])\s*0?(\d{1,2})\s*日?")


@pytest.mark.parametrize("path", SEEDS + EXAMPLES, ids=lambda p: p.name)
def test_real_documents_lose_nothing(path):
    text = read_text_file(path)
    assert lost_characters(text, gongwen.parse(text)) == Counter()


# Lines built from the pieces real documents are made of, so that the recognisers really fire.
_PIECES = [
    "一、",
    "（二）",
    "3.",
    "（4）",
    "一是",
    "附件：",
    "附件1",
    "1.",
    "2.",
    "抄送：",
    "印发",
    "签发人：",
    "关于",
    "的通知",
    "文件",
    "2025年3月18日",
    "二〇二〇年一月三十日",
    "〔2025〕12号",
    "江政发",
    "人民政府",
    "办公厅",
    "：",
    "，",
    "。",
    "、",
    "（",
    "）",
    "(",
    ")",
    "[2020]",
    "★",
    "机密",
    "特急",
    "000123",
    "— 2 —",
    "第3页",
    "来源：",
    "时间：",
    "责任编辑：",
    "原标题：",
    "出席：",
    "列席：",
    "第15期",
    "令",
    "纪要",
    "  ",
    " ",
    "\t",
]
_WORDS = st.text(
    alphabet="的工作要求各地区部门加强管理组织实施安全发展建设单位领导干部群众项目资金ABCxyz0123456789",
    min_size=1,
    max_size=12,
)
_LINE = st.lists(st.one_of(st.sampled_from(_PIECES), _WORDS), min_size=0, max_size=10).map("".join)
DOCUMENT_STRATEGY = st.lists(_LINE, min_size=1, max_size=40).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENT_STRATEGY)
def test_structured_random_text_loses_nothing(text):
    assert lost_characters(text, gongwen.parse(text)) == Counter()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_parser_never_raises_on_arbitrary_text(text):
    doc = gongwen.parse(text)
    assert isinstance(doc.to_dict(), dict)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(_LINE, st.text(max_size=80)), max_size=60).map("\r\n".join))
def test_parser_never_raises_on_mixed_text(text):
    doc = gongwen.parse(text)
    assert Document.from_dict(doc.to_dict()) == doc
