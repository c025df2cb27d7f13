"""Repairs of the normaliser, each recorded in warnings, and noise moved to residue."""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

import gongwen
from gongwen.normalize import join_wrapped_lines, looks_traditional, normalize, wrap_width


def texts(raw: str) -> list[str]:
    return [line.text for line in normalize(raw).lines if line.is_text]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("一'强化政治担当", "一、强化政治担当"),
        ("二. 充分发挥作用", "二、充分发挥作用"),
        ("三．加强领导", "三、加强领导"),
        ("(一) 带头落实", "（一）带头落实"),
        ("（二) 带头服务", "（二）带头服务"),
        ("1、加强值守", "1.加强值守"),
        ("2．做好应对", "2.做好应对"),
        ("(3)山区防范", "（3）山区防范"),
        ("（4)沿江地区", "（4）沿江地区"),
    ],
)
def test_ordinals_written_canonically(raw, expected):
    assert texts(raw) == [expected]


@pytest.mark.parametrize("raw", ["一是及时传达学习。", "2025年4月30日前报送。", "1.5倍以上的增长。", "10.1%的比例。"])
def test_non_ordinals_untouched(raw):
    assert texts(raw) == [raw]


def test_half_width_punctuation_in_chinese_made_full_width_and_recorded():
    result = normalize("各基层党委(党总支)、直属党支部:\n为深入学习,落实部署;是否?是!")
    assert [ln.text for ln in result.lines] == [
        "各基层党委（党总支）、直属党支部：",
        "为深入学习，落实部署；是否？是！",
    ]
    assert any("half-width punctuation" in w for w in result.warnings)
    assert any("parentheses" in w for w in result.warnings)


def test_punctuation_between_digits_and_latin_untouched():
    assert texts("会议 14:30 开始，参加 1,000 人 (approx)") == ["会议14:30开始，参加1,000人(approx)"]


@pytest.mark.parametrize("bracket", ["[2020]", "【2020】", "(2020)", "（2020）", "﹝2020﹞", "〔 2020 〕"])
def test_doc_number_year_brackets(bracket):
    result = normalize(f"国办发{bracket}6号")
    assert [ln.text for ln in result.lines] == ["国办发〔2020〕6号"]
    if bracket != "〔 2020 〕":
        assert any("〔 〕" in w for w in result.warnings)


def test_spaces_inside_dates_numbers_and_between_chinese_dropped():
    assert texts("请于 2025 年 4 月 30 日前报送 16 号 文件的 执行情况") == ["请于2025年4月30日前报送16号文件的执行情况"]


def test_spaces_between_latin_words_kept():
    assert texts("采用 Open Document Format 格式") == ["采用Open Document Format格式"]


def test_traditional_converted_and_recorded():
    result = normalize("黨建引領 眾志成城 堅決打贏疫情防控阻擊戰")
    assert result.script == "traditional"
    assert result.lines[0].text == "党建引领众志成城坚决打赢疫情防控阻击战"
    assert any("traditional" in w for w in result.warnings)


def test_traditional_can_be_kept():
    result = normalize("黨建引領 眾志成城 堅決打贏疫情防控阻擊戰", keep_traditional=True)
    assert result.script == "traditional"
    assert result.lines[0].text == "黨建引領眾志成城堅決打贏疫情防控阻擊戰"
    assert not any("traditional" in w for w in result.warnings)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_the_share_of_traditional_characters_decides(seed):
    import opencc

    text = opencc.OpenCC("t2s").convert(seed.read_text(encoding="utf-8"))
    traditional = opencc.OpenCC("s2t").convert(text)
    assert looks_traditional(traditional)  # many distinct traditional characters
    assert not looks_traditional(text)
    assert not looks_traditional(text + "黨建")  # two among thousands
    assert looks_traditional("黨員領導" + "的" * 60)  # four of 64: over 3 %
    assert not looks_traditional("黨員領導" + "的" * 140)  # four of 144: under 3 %


def test_simplified_text_is_not_taken_for_traditional():
    assert normalize("为深入学习贯彻习近平总书记重要指示精神，现就有关事项通知如下。").script == "simplified"


PDF_PAGE = "这是正文的第{n}行内容，用来模拟从版式文件中提取出来的文本行宽度\n"


def test_page_numbers_and_running_headers_go_to_residue():
    raw = (
        "江南省人民政府文件\n"
        + PDF_PAGE.format(n=1)
        + "— 1 —\n\f江南省人民政府文件\n"
        + PDF_PAGE.format(n=2)
        + "-2-\n\f江南省人民政府文件\n"
        + PDF_PAGE.format(n=3)
        + "第3页\n"
    )
    result = normalize(raw)
    reasons = {r.text: r.reason for r in result.residue}
    assert reasons["— 1 —"] == reasons["-2-"] == reasons["第3页"] == "page number"
    assert reasons["江南省人民政府文件"] == "running header or footer"
    assert [ln.text for ln in result.lines if ln.is_text] == [PDF_PAGE.format(n=n).strip() for n in (1, 2, 3)]


@pytest.mark.parametrize(
    "line",
    [
        "分享到：",
        "相关文章：",
        "责任编辑：李晓妮",
        "（稿件来源：党办；稿件作者：李晓妮）",
        "打印本页 关闭窗口",
        "当前位置：首页 > 政务公开",
        "作者:publish  时间:2020-02-20 14:58  浏览:",
        "【打印本页】【关闭窗口】",
        "返回列表",
        "上一篇：关于做好防汛工作的通知",
        "版权所有©江南省人民政府办公厅",
        "京ICP备05070218号",
        "扫一扫在手机打开当前页",
        "字号：【大 中 小】 【打印】 【关闭】",
        "【字体：大 中 小】",
        "[ 大 中 小 ]",
        "【大】【中】【小】",
        "【收藏】【打印】【关闭】",
        "【我要打印】【关闭窗口】",
        "【字体：大 中 小】 【视力保护色】",
        "分享：",
        "阅读量：1024",
        "信息公开 > 政策文件 > 通知公告",
        "网站标识码：3300000001",
        "技术支持：江南省大数据中心",
    ],
)
def test_web_chrome_goes_to_residue(line):
    doc = gongwen.parse(f"{line}\n各单位：\n现将有关事项通知如下，请认真贯彻执行。\n{line}\n")
    assert [b.text for b in doc.body] == ["现将有关事项通知如下，请认真贯彻执行。"]
    assert len(doc.residue) == 2


def test_sentences_that_begin_with_a_chrome_word_are_kept():
    sentences = [
        "打印机、复印机由各单位自行管理。",
        "上一篇文章提出的要求继续有效。",
        "版权所有者应当及时登记。",
        "责任编辑制度要落实到人。",
        "关闭阀门后方可检修。",
        "扫描二维码即可报名。",
        "大中小学校要加强安全管理。",
        "字体大小应当全文统一。",
        "收藏品要登记造册。",
        "分享经验是好的做法。",
        "阅读量大幅提升。",
        "收入>支出>预算的单位要说明原因。",
    ]
    doc = gongwen.parse("各单位：\n现将有关事项通知如下。\n" + "\n".join(sentences) + "\n江南省教育厅\n2025年3月1日\n")
    assert [b.text for b in doc.body][1:] == sentences
    assert doc.residue == []


def test_weak_chrome_words_inside_the_body_are_kept():
    doc = gongwen.parse(
        "各单位：\n现将会议安排通知如下。\n时间：2025年3月1日上午9时\n地点：省政府第一会议室\n请准时参加，不得缺席。\n"
    )
    assert [b.text for b in doc.body][1:3] == ["时间：2025年3月1日上午9时", "地点：省政府第一会议室"]


def test_hard_wrapped_lines_joined_but_headings_kept_apart():
    lines = [
        "为深入学习贯彻习近平总书记关于做好疫情防控工作的重要指示精",
        "神，现就有关事项通知如下。",
        "一、总体要求",
        "坚持人民至上、生命至上，统筹发展和安全，压实各方责任，全面",
        "排查整治各类风险隐患。",
        "1.加强值守",
    ]
    from gongwen.parsing.body import starts_block

    assert join_wrapped_lines(lines, starts_block) == [
        lines[0] + lines[1],
        lines[2],
        lines[3] + lines[4],
        lines[5],
    ]


def test_wrap_width_found_only_for_hard_wrapped_text():
    wrapped = ["一" * 28] * 5 + ["二" * 10]
    assert wrap_width(wrapped) == 29
    assert wrap_width(["短句。", "一" * 80, "二" * 45, "三" * 130, "四" * 12]) is None


def test_a_web_pages_related_documents_list_is_no_annex():
    text = (
        "各单位：\n现将有关事项通知如下，请认真贯彻执行。\n某某省人民政府办公厅\n2025年3月12日\n（此件公开发布）\n"
        "相关文件\n某某省人民政府关于印发数据管理办法的通知\n2024-05-12\n【政策解读】\n"
    )
    doc = gongwen.parse(text)
    assert doc.annexes == [] and doc.note == "此件公开发布"
    assert {r.text for r in doc.residue} == {
        "相关文件",
        "某某省人民政府关于印发数据管理办法的通知",
        "2024-05-12",
        "【政策解读】",
    }
    assert {r.reason for r in doc.residue} == {"web page chrome"}


def test_a_related_documents_heading_inside_the_text_is_kept():
    doc = gongwen.parse("各单位：\n相关文件\n请认真学习相关文件精神，抓好贯彻落实。\n某某局\n2025年3月12日\n")
    assert [b.text for b in doc.body] == ["相关文件", "请认真学习相关文件精神，抓好贯彻落实。"]


def test_a_download_heading_below_an_attachment_link_is_chrome_and_the_link_no_annex():
    text = (
        "各单位：\n现将名单予以公布，请认真做好相关工作。\n附件：2025年度名单\n某某局\n2025年3月1日\n"
        "附件\n2025年度名单.xlsx\n相关附件下载\n"
    )
    doc = gongwen.parse(text)
    # the page's link to the attachment's file is no annex: the file's text is not in the copy
    assert doc.annexes == []
    assert ("相关附件下载", "web page chrome") in [(r.text, r.reason) for r in doc.residue]
    assert ("附件：2025年度名单.xlsx", "link to an attachment whose text is not in the copy") in [
        (r.text, r.reason) for r in doc.residue
    ]


def test_an_annex_of_names_without_prose_is_kept_whole():
    text = "各单位：\n现将名单予以公布，请认真做好相关工作。\n某某局\n2025年3月1日\n附件\n获奖人员名单\n张三\n李四\n"
    doc = gongwen.parse(text)
    assert doc.residue == []
    assert doc.annexes[0].label == "附件" and doc.annexes[0].title == "获奖人员名单"
    assert [b.text for b in doc.annexes[0].body] == ["张三", "李四"]


def test_corner_quotes_of_traditional_text_become_curly_quotes_when_it_is_converted():
    raw = "各地要把「防汛安全」擺在突出位置，『責任』要落實到人，做好應急準備工作。\n" * 3
    converted = normalize(raw)
    assert converted.lines[0].text == "各地要把“防汛安全”摆在突出位置，‘责任’要落实到人，做好应急准备工作。"
    assert any("corner quotation mark" in w and "12" in w for w in converted.warnings)
    kept = normalize(raw, keep_traditional=True)
    assert "「防汛安全」" in kept.lines[0].text and not any("corner" in w for w in kept.warnings)
    simplified = normalize("他说「可以」。\n")  # simplified text keeps whatever quotes it has
    assert simplified.lines[0].text == "他说「可以」。"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("急需维修.现将有关情况请示如下：", "急需维修。现将有关情况请示如下："),
        ("约420万元.", "约420万元。"),
        ("他说.“好”", "他说。“好”"),
        ("提供了遵循.1月27日，总书记作出指示", "提供了遵循。1月27日，总书记作出指示"),
        ("电话：0791-86281234.", "电话：0791-86281234。"),
        ("1.", "1."),
        ("一.总体要求", "一、总体要求"),  # an ordinal, not a full stop
        ("第3.2节规定", "第3.2节规定"),
        ("详见文件名称.pdf", "详见文件名称.pdf"),
        ("等等...", "等等..."),
        ("U.S.政府", "U.S.政府"),
    ],
)
def test_a_full_stop_typed_as_a_period_after_chinese_is_made_full_width(raw, expected):
    assert texts(raw) == [expected]


def test_a_date_letter_spaced_digit_by_digit_is_closed_up():
    assert texts("2 0 2 5 年 3 月 1 8 日") == ["2025年3月18日"]
    doc = gongwen.parse("关于加强耕地保护的通知\n各市人民政府：\n现通知如下。\n江南省人民政府\n2 0 2 5 年 3 月 1 日\n")
    assert str(doc.date) == "2025-03-01" and doc.signatures == ["江南省人民政府"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("第一条　为了加强管理，制定本办法。", "第一条　为了加强管理，制定本办法。"),
        ("第二十三条 本办法自印发之日起施行。", "第二十三条　本办法自印发之日起施行。"),
        ("第一章  总则", "第一章　总则"),
        ("第一条为了加强管理。", "第一条为了加强管理。"),  # none written, none added
        ("依照 第一条 规定执行", "依照第一条规定执行"),  # only where a line opens with the number
    ],
)
def test_the_space_after_an_article_or_chapter_number_is_kept(raw, expected):
    assert texts(raw) == [expected]


def test_a_lone_surrogate_is_removed_and_named():
    """A Python string can hold half a surrogate pair (from surrogateescape or JSON); no file can."""
    doc = gongwen.parse("关于做好工作的通知\n各单位：\n请做好\ud800工作。\n")
    assert doc.body[0].text == "请做好工作。"
    assert any("lone surrogate" in warning for warning in doc.warnings)


@pytest.mark.parametrize(
    "dateline",
    ["本站讯", "本报讯（记者 张三）", "新华社北京3月5日电", "人民网北京3月5日电（记者 李四）（通讯员 王五）"],
)
def test_a_news_dateline_above_the_text_is_set_aside_not_taken_for_the_title(dateline):
    doc = gongwen.parse(f"{dateline}\n各单位：\n请认真贯彻执行。\n")
    assert doc.title is None
    assert doc.addressees == ["各单位"]
    assert [(r.text, r.reason) for r in doc.residue] == [(dateline, "news dateline")]


def test_a_dateline_that_begins_a_paragraph_stays_in_it():
    doc = gongwen.parse("关于做好春耕工作的通知\n各单位：\n本报讯 近日，全省召开春耕工作会议。\n")
    assert doc.title == "关于做好春耕工作的通知"
    assert doc.body[0].text.startswith("本报讯")
    assert not doc.residue


CHINESE_OR_FULL_WIDTH = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019\u00b7"
)
# the rule for half-width marks, as plainly as a pattern says it (tried at every position of a line)
HALF_PUNCT_RULE_RE = re.compile(
    rf"(?<=[{CHINESE_OR_FULL_WIDTH}])\s*([,;:?!])|([,;:?!])(?=\s*[{CHINESE_OR_FULL_WIDTH}])"
)


CHINESE = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# the rules for spaces next to Chinese, as plainly as a pattern says them
CJK_SPACE_RULE_RE = re.compile(f"(?<=[{CHINESE_OR_FULL_WIDTH}]) +|  *(?=[{CHINESE_OR_FULL_WIDTH}])")
DIGIT_CJK_SPACE_RULE_RE = re.compile(rf"(?<=\d) +(?=[{CHINESE}])|(?<=[{CHINESE}]) +(?=\d)")


@settings(max_examples=2000, deadline=None)
@given(st.text(st.sampled_from(list("中文，。“\u3000 \t\xa0a1,;:?!")), max_size=24))
def test_the_patterns_that_start_with_what_a_match_starts_with_find_what_the_rules_say(text):
    from gongwen.normalize import _CJK_SPACE_RE, _DIGIT_CJK_SPACE_RE, _HALF_PUNCT_RE

    def mark(m):
        return f"<{m[0]}>"

    assert _HALF_PUNCT_RE.subn(mark, text) == HALF_PUNCT_RULE_RE.subn(mark, text)
    assert _CJK_SPACE_RE.subn(mark, text) == CJK_SPACE_RULE_RE.subn(mark, text)
    assert _DIGIT_CJK_SPACE_RE.subn(mark, text) == DIGIT_CJK_SPACE_RULE_RE.subn(mark, text)


def test_the_traditional_only_characters_are_those_the_converter_changes_one_by_one():
    """The block is converted in one call, a character a line; each on its own gives the same."""
    from gongwen.normalize import _t2s, _traditional_re

    pattern = _traditional_re()
    block = "".join(map(chr, range(0x4E00, 0xA000)))
    assert set(pattern.findall(block)) == {ch for ch in block if _t2s().convert(ch) != ch}
    assert "國" in pattern.pattern and "国" not in pattern.pattern


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("国國学學发發的了一是，。 abc\n")), max_size=80))
def test_a_text_looks_traditional_when_three_percent_of_its_chinese_characters_are(text):
    from gongwen.normalize import _t2s

    chinese = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    traditional = sum(1 for ch in chinese if _t2s().convert(ch) != ch)
    assert looks_traditional(text) == (traditional >= 3 and traditional / len(chinese) >= 0.03)


@pytest.mark.parametrize(
    ("traditional", "simplified", "expected"),
    [(3, 97, True), (3, 98, False), (2, 0, False), (4, 100, True), (30, 1000, False)],
)
def test_the_share_of_traditional_characters_that_makes_a_text_traditional(traditional, simplified, expected):
    text = "國" * traditional + "的" * simplified + "，abc 123"
    assert looks_traditional(text) is expected


def test_a_year_set_on_a_line_of_its_own_joins_its_date():
    text = "各镇人民政府：\n现将任务下达给你们。\n\n上海市嘉定区人民政府\n\n2014\n年8月12日\n"
    doc = gongwen.parse(text)
    assert doc.signatures == ["上海市嘉定区人民政府"] and str(doc.date) == "2014-08-12"
    assert not any(r.reason == "page number" for r in doc.residue)
    apart = gongwen.parse(text.replace("2014\n年", "2014\n\n年"))  # each a paragraph of its own
    assert apart.signatures == ["上海市嘉定区人民政府"] and str(apart.date) == "2014-08-12"


def test_an_attachment_note_naming_its_files_keeps_every_item():
    text = "各单位：\n现予公告。\n特此公告。\n附件：1.注册证格式.doc\n\n2.变更文件格式.doc\n\n3.审批意见单.pdf\n某某局\n2020年1月2日\n"
    doc = gongwen.parse(text)
    assert doc.attachments == ["注册证格式", "变更文件格式", "审批意见单"]
    lone = gongwen.parse("各单位：\n现予公告。\n某某办法.pdf\n某某局\n2020年1月2日\n")  # a page's link, no note
    assert [(r.text, r.reason) for r in lone.residue] == [("某某办法.pdf", "web page download link")]


def test_search_boxes_and_size_switches_written_small_to_large_are_chrome():
    text = (
        "网站首页 政务公开\n站内搜索：\n您的位置：首页 > 工作要闻\n关于开展“卖旧买新”活动的公告\n"
        "字号：[小中大] \u2003 [我要打印]\u2003 [关闭] 视力保护色：\n为更好满足住房需求，现公告如下：\n一、给予补贴。\n"
    )
    doc = gongwen.parse(text)
    assert doc.title == "关于开展“卖旧买新”活动的公告" and doc.addressees == []
    reasons = {r.text: r.reason for r in doc.residue}
    assert reasons["站内搜索："] == reasons["字号：[小中大]  [我要打印]  [关闭] 视力保护色："] == "web page chrome"


def test_a_sites_address_domain_and_menu_above_the_title_are_chrome():
    text = (
        "海南省住房公积金管理局\ngjj.hainan.gov.cn\n中文域名：海南省住房公积金管理局.公益\n网上大厅\n首页|\n机构介绍|\n"
        "首页 > 要闻动态 > 头条新闻\n关于调整住房公积金贷款政策的通知\n各直属管理局：\n现将有关政策通知如下。\n海南省住房公积金管理局\n2022年5月16日\n"
    )
    doc = gongwen.parse(text)
    assert doc.title == "关于调整住房公积金贷款政策的通知" and doc.addressees == ["各直属管理局"]
    reasons = {r.text: r.reason for r in doc.residue}
    assert reasons["gjj.hainan.gov.cn"] == "web address" and reasons["网上大厅"] == "web page chrome"


def test_a_doc_number_in_a_metadata_table_whose_cells_ran_together():
    text = (
        "当前位置： 首页 > 政府信息公开 > 政策法规\n索引号     765471314/2022-00073     发布机构     杭州公积金中心\n"
        "文\u3000\u3000号     杭房公委〔2022〕9号     有 效 性     废止\n关于调整住房公积金政策的通知\n"
        "各单位：\n现将有关事项通知如下。\n某某委员会\n2022年6月15日\n"
    )
    doc = gongwen.parse(text)
    assert doc.doc_number is not None and doc.doc_number.text == "杭房公委〔2022〕9号"


def test_a_link_named_only_attachment_dot_doc_is_a_download_link():
    doc = gongwen.parse("各单位：\n现印发你们，请遵照执行。\n附件.doc\n某某监管办公室\n2018年12月25日\n")
    assert doc.body[-1].text == "现印发你们，请遵照执行。" and doc.attachments == []
    assert ("附件.doc", "web page download link") in [(r.text, r.reason) for r in doc.residue]


def test_a_pages_footer_dialog_and_an_empty_attachment_list_are_not_the_documents():
    text = (
        "各单位：\n现将统计结果公布如下。\n附件：\n扫一扫在手机打开当前页\n网站地图 网站帮助 隐私声明 关于我们\n"
        "主办：万载县人民政府 承办：万载县人民政府办公室\nX\n您访问的链接即将离开'万载县人民政府网站'是否继续？\n继续访问 放弃\n"
    )
    doc = gongwen.parse(text)
    assert doc.attachments == [] and doc.annexes == []
    assert doc.body[-1].text == "现将统计结果公布如下。"
    assert ("附件：", "attachment label with no attachment") in [(r.text, r.reason) for r in doc.residue]


def test_a_markdown_metadata_table_is_the_pages_metadata():
    text = (
        "## 政策原文\n\n| 索 引 号： | 000014348/2024-00075 |\n|---|---|\n| 文 号： | 冀发改能源[2024]705号 |\n"
        "| 发布日期： | 2024-05-22 |\n\n关于促进新型储能并网的通知\n\n国网河北省电力公司：\n\n现将有关事项通知如下。\n"
    )
    doc = gongwen.parse(text)
    assert doc.doc_number is not None and doc.doc_number.text == "冀发改能源〔2024〕705号"
    assert doc.addressees == ["国网河北省电力公司"] and doc.body[0].text == "现将有关事项通知如下。"
