"""Markup a Markdown copy carries inline: stripped from the text, kept in residue."""

from __future__ import annotations

import gongwen
from gongwen.markup import strip_markup
from gongwen.model import Residue


def test_inline_html_and_entities_leave_the_words():
    residue: list[Residue] = []
    text = strip_markup('<p id="t1">&emsp;&emsp;<b>第一条</b>&emsp;为依法惩治犯罪，制定本解释。<br></p>', residue)
    assert text == "\u2003\u2003第一条\u2003为依法惩治犯罪，制定本解释。"
    assert residue == [Residue('<p id="t1"> <b> </b> <br> </p> &emsp; &emsp; &emsp;', "markup")]


def test_a_title_in_angle_brackets_is_no_tag():
    residue: list[Residue] = []
    line = "关于印发<江苏省电力中长期交易规则>的通知"
    assert strip_markup(line, residue) == line and residue == []


def test_links_keep_their_words_and_give_their_address_to_residue():
    residue: list[Residue] = []
    text = strip_markup(
        "附件：[1.注册证格式.doc](<https://example.gov.cn/a.doc>)\n<https://example.gov.cn/b.html>", residue
    )
    assert text == "附件：1.注册证格式.doc\n"
    assert [r.text for r in residue if r.reason == "link address"] == [
        "https://example.gov.cn/a.doc",
        "https://example.gov.cn/b.html",
    ]


def test_container_fences_go_and_a_table_of_contents_with_its_container():
    text = '::: tip 修订信息\n\n法释〔2016〕29号{style="text-align:center;"}\n\n:::\n\n::: details 目录\n\n- [1](#t1)\n\n:::\n正文。'
    residue: list[Residue] = []
    out = strip_markup(text, residue)
    assert "法释〔2016〕29号" in out and "正文。" in out and "#t1" not in out and ":::" not in out
    assert ("- [1](#t1)", "note of the copy") in [(r.text, r.reason) for r in residue]
    assert ('{style="text-align:center;"}', "markup") in [(r.text, r.reason) for r in residue]


def test_a_markdown_copy_with_inline_html_parses_as_the_document():
    text = (
        "---\ntitle: 关于恶臭气体超标排放法律适用有关问题的复函\n---\n\n[[toc]]\n\n"
        "<p>江苏省环境保护厅：</p>\n<p>&emsp;&emsp;你厅来函收悉。经研究，现函复如下。</p>\n"
        "<p>&emsp;&emsp;特此函复。</p>\n\n::: right\n生态环境部办公厅\n\n2018年5月4日\n:::\n"
    )
    doc = gongwen.parse(text)
    assert doc.addressees == ["江苏省环境保护厅"]
    assert doc.signatures == ["生态环境部办公厅"] and str(doc.date) == "2018-05-04"
    assert doc.title == "关于恶臭气体超标排放法律适用有关问题的复函"
    assert "emsp" not in "".join(getattr(b, "text", "") for b in doc.body)


def test_a_tag_whose_attributes_run_over_lines_goes_whole():
    text = (
        "<div style=\"font-family:'方正小标宋简体';\ncolor:red;\ntext-align:center\">国务院安全生产委员会办公室文件\n</div>\n"
        '<p style="text-align:center;\nfont-size:20px">安委办[2024]1号</p>\n\n## 国务院安委会办公室关于印发行动方案的通知\n'
    )
    residue: list[Residue] = []
    lines = [line for line in strip_markup(text, residue).split("\n") if line.strip()]
    assert lines[:2] == ["国务院安全生产委员会办公室文件", "安委办[2024]1号"]
    assert gongwen.parse(text).banner == "国务院安全生产委员会办公室文件"


def test_front_matter_under_a_sites_lines_is_still_front_matter():
    matter = "---\ntitle: 关于恶臭气体超标排放法律适用有关问题的复函\nauthor: 生态环境部\n---\n"
    body = "江苏省环境保护厅：\n你厅来函收悉。现函复如下。\n生态环境部办公厅\n2018年5月4日\n"
    doc = gongwen.parse("首页 > 政务公开 > 政策文件\n【字体：大 中 小】 【打印】 【关闭】\n" + matter + body)
    assert doc.title == "关于恶臭气体超标排放法律适用有关问题的复函"
    assert ("author: 生态环境部", "front matter") in [(r.text, r.reason) for r in doc.residue]
    rules = gongwen.parse("某某局\n---\n各单位：请按时参会。\n---\n")  # two drawn rules, no fields: no front matter
    assert not any(r.reason == "front matter" for r in rules.residue)


def test_a_broken_entity_is_markup_too():
    residue: list[Residue] = []
    assert strip_markup("国务院办公厅 \u00a0 &bsp;", residue).strip() == "国务院办公厅"
    assert residue == [Residue("&bsp;", "markup")]
