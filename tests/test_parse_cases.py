"""Targeted cases for each recogniser, written the way real texts arrive."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from conftest import EXAMPLES

import gongwen
from gongwen.model import Heading, Paragraph
from gongwen.parsing import NO_STRUCTURE_WARNING

BODY = "现将有关事项通知如下，请认真贯彻执行。"


def test_addressees_wrapped_over_lines_with_half_width_colon():
    doc = gongwen.parse("关于加强管理的通知\n各省、自治区、直辖市人民政府，\n国务院各部委、各直属机构:\n" + BODY)
    assert doc.addressees == ["各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"]
    assert doc.body == [Paragraph(BODY)]


def test_title_given_only_as_original_title_in_web_header():
    doc = gongwen.parse("网页标题\n时间：2020-01-31 来源：市委 原标题：市委关于加强管理的通知\n各单位：\n" + BODY)
    assert doc.title == "市委关于加强管理的通知"
    assert ("网页标题", "web headline (the page gives 原标题)") in [(r.text, r.reason) for r in doc.residue]


def test_repeated_web_headline_kept_once():
    title = "关于做好春节期间安全工作的通知"
    doc = gongwen.parse(f"01.27 {title}\n\n{title}\n\n{title}\n各单位：\n{BODY}")
    assert doc.title == title
    assert [r.reason for r in doc.residue] == ["repeated headline", "repeated headline"]


def test_run_in_heading_split_at_first_full_stop():
    doc = gongwen.parse(f"各单位：\n{BODY}\n（一）带头落实防控措施。全校各级党组织要充分认识疫情的复杂性。")
    assert doc.body[1] == Heading(2, "（一）", "带头落实防控措施。", "全校各级党组织要充分认识疫情的复杂性。")


def test_wrapped_line_starting_with_a_number_is_not_a_heading():
    text = (
        f"各单位：\n{BODY}\n一、总体要求\n全省各级各部门要在今年年底前完成全部整改任务，截至目前已完成的整改任务数为\n"
        "2025年计划数的一半以上，进度要加快。\n各地要加强督导，对进度滞后的地区进行通报，重点整改事项共\n"
        "3.5万项，要逐项销号。"
    )
    doc = gongwen.parse(text)
    assert [(h.level, h.label) for h in doc.headings] == [(1, "一、")]
    assert doc.body[2].text.endswith("进度要加快。")
    assert doc.body[3].text.endswith("要逐项销号。")


def test_out_of_sequence_arabic_ordinal_is_not_a_heading():
    doc = gongwen.parse(f"各单位：\n{BODY}\n1.加强领导。\n2.强化保障。\n5.月底前报送的材料要齐全。")
    assert [h.label for h in doc.headings] == ["1.", "2."]
    assert isinstance(doc.body[-1], Paragraph)


def test_yishi_ershi_are_not_headings():
    doc = gongwen.parse(f"各单位：\n{BODY}\n一是及时传达学习。\n二是压实防控责任。")
    assert doc.headings == []
    assert [b.text for b in doc.body[1:]] == ["一是及时传达学习。", "二是压实防控责任。"]


def test_numbered_attachment_note_with_wrapped_title():
    text = (
        f"各单位：\n{BODY}\n\n附件：1.江南省2025年度重点建设项目\n      计划安排表\n    2.项目申报指南\n\n"
        "江南省发展和改革委员会\n2025年1月8日"
    )
    doc = gongwen.parse(text)
    assert doc.attachments == ["江南省2025年度重点建设项目计划安排表", "项目申报指南"]
    assert doc.signatures == ["江南省发展和改革委员会"]
    assert doc.body == [Paragraph(BODY)]


def test_several_signatures_stacked():
    doc = gongwen.parse(f"各单位：\n{BODY}\n\n中共江南省委组织部\n江南省人力资源和社会保障厅\n2025年1月8日")
    assert doc.signatures == ["中共江南省委组织部", "江南省人力资源和社会保障厅"]


def test_signature_and_date_on_one_line():
    doc = gongwen.parse(f"各单位：\n{BODY}\n江南省财政厅      2025年1月8日")
    assert doc.signatures == ["江南省财政厅"]
    assert doc.date == dt.date(2025, 1, 8)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("二〇二〇年一月三十日", dt.date(2020, 1, 30)),
        ("二○二五年十二月三十一日", dt.date(2025, 12, 31)),
        ("2025 年 4 月 3 日", dt.date(2025, 4, 3)),
    ],
)
def test_dates_in_chinese_and_arabic_numerals(written, value):
    doc = gongwen.parse(f"各单位：\n{BODY}\n江南省财政厅\n{written}")
    assert doc.date == value
    assert doc.signatures == ["江南省财政厅"]


def test_signer_names_on_several_lines():
    text = (
        "江南省人民政府文件\n江政〔2025〕3号    签发人：王建国  李卫东\n                          张红\n关于的请示\n国务院：\n"
        + BODY
    )
    doc = gongwen.parse(text)
    assert doc.signers == ["王建国", "李卫东", "张红"]
    assert doc.doc_number.serial == 3


def test_a_name_line_ending_in_a_separator_adds_no_empty_signer():
    doc = gongwen.parse("江政〔2025〕3号    签发人：王建国、\n张红、\n关于的请示\n国务院：\n" + BODY)
    assert doc.signers == ["王建国", "张红"]


def test_joint_banner_on_one_line():
    doc = gongwen.parse("江南省教育厅  江南省财政厅  文件\n江教发〔2025〕1号\n关于做好资助工作的通知\n各市：\n" + BODY)
    assert doc.issuers == ["江南省教育厅", "江南省财政厅"]


def test_bare_organ_name_is_not_a_banner_when_it_starts_the_title():
    doc = gongwen.parse("中共江南省委组织部\n关于做好春节期间工作的通知\n各单位：\n" + BODY)
    assert doc.banner is None
    assert doc.title == "中共江南省委组织部关于做好春节期间工作的通知"


def test_doc_number_with_square_brackets_repaired():
    doc = gongwen.parse("江南省人民政府\n江政发[2025]8号\n关于的通知\n各市：\n" + BODY)
    assert doc.doc_number.text == "江政发〔2025〕8号"
    assert doc.banner == "江南省人民政府"


def test_cc_organs_set_apart_by_semicolons_are_split_and_the_repair_named():
    doc = gongwen.parse(
        f"各单位：\n{BODY}\n江南省财政厅\n2025年1月8日\n抄送：财政部；审计署（含派出机构；直属单位）。\n"
    )
    assert doc.cc == ["财政部", "审计署（含派出机构；直属单位）"]
    assert "wrote 1 semicolon(s) between 抄送 organs as ，" in doc.warnings


def test_colophon_cc_over_lines_and_printer_on_its_own_line():
    text = (
        f"各单位：\n{BODY}\n江南省财政厅\n2025年1月8日\n抄送：财政部，\n审计署。\n江南省财政厅办公室\n2025年1月9日印发"
    )
    doc = gongwen.parse(text)
    assert doc.cc == ["财政部", "审计署"]
    assert (doc.printer, doc.print_date) == ("江南省财政厅办公室", dt.date(2025, 1, 9))


def test_news_report_keeps_every_paragraph_and_warns():
    paragraphs = [
        "市委党校主动担当，勇于作为。",
        "一、校委高度重视，统筹安排部署。一是及时传达学习。",
        "二、建强战斗堡垒。",
    ]
    doc = gongwen.parse("\n".join(paragraphs))
    assert NO_STRUCTURE_WARNING in doc.warnings
    assert doc.title is None
    assert len(doc.body) == 3


def test_forwarded_regulation_goes_to_annexes():
    text = (
        "关于印发《管理办法》的通知\n各单位：\n现将《管理办法》印发给你们，请遵照执行。\n江南省财政厅\n2025年1月8日\n\n"
        "江南省财政专项资金管理办法\n第一条　为规范管理，制定本办法。\n第二条　本办法自印发之日起施行。"
    )
    doc = gongwen.parse(text)
    assert doc.annexes[0].label == ""
    assert doc.annexes[0].title == "江南省财政专项资金管理办法"
    assert len(doc.annexes[0].body) == 2


def test_parse_never_fails_on_empty_or_blank_text():
    for text in ["", "   ", "\n\n\f\n"]:
        doc = gongwen.parse(text)
        assert doc.body == []


def test_notice_without_addressees_keeps_its_opening_sentence_in_the_body():
    text = (
        "江南省人民政府关于加强森林防火工作的通告\n江政告〔2025〕2号\n为切实做好森林防火工作，根据《森林防火条例》，"
        "现通告如下：\n一、每年10月1日至次年5月31日为全省森林防火期。\n江南省人民政府\n2025年9月20日\n"
    )
    doc = gongwen.parse(text)
    assert doc.addressees == []
    assert doc.body[0].text.startswith("为切实做好森林防火工作")
    assert doc.kind == "通告" and doc.doc_number.text == "江政告〔2025〕2号"


def test_signature_and_date_run_together_on_one_line():
    doc = gongwen.parse(f"各单位：\n{BODY}\n中共内江市委 2020年1月30日\n")
    assert doc.signatures == ["中共内江市委"]
    assert doc.date == dt.date(2020, 1, 30)
    assert doc.body == [Paragraph(BODY)]


def test_forwarded_text_keeps_its_title_apart_from_its_organ_line():
    text = (
        "关于转发省发展改革委若干措施的通知\n各市人民政府：\n现转发给你们，请认真贯彻执行。\n江南省人民政府办公厅\n"
        "2025年6月1日\n\n关于进一步做好稳就业工作的若干措施\n省发展改革委\n一、支持企业稳定岗位。\n"
    )
    annex = gongwen.parse(text).annexes[0]
    assert annex.title == "关于进一步做好稳就业工作的若干措施"
    assert annex.body[0] == Paragraph("省发展改革委")


def test_doc_number_without_a_year():
    doc = gongwen.parse("台北县政府\n北府教字第1234号\n\n台北县政府关于加强校园安全管理的通知\n各级学校：\n" + BODY)
    assert doc.doc_number.to_dict() == {"text": "北府教字第1234号", "code": "北府教字", "year": None, "serial": 1234}
    assert doc.banner == "台北县政府"


PDF_EXTRACTION = """江南省教育厅文件
江教发〔2024〕9号
江南省教育厅关于做好2024年普通高校毕业生
就业创业工作的通知
各设区市教育局，各普通高等学校，省属中等职业学
校：
为深入贯彻落实党中央、国务院关于稳就业的决策部署，全
力促进高校毕业生更加充分更高质量就业，现就做好2024年
普通高校毕业生就业创业工作通知如下。
一、拓宽就业渠道。各高校要积极开拓市场化社会化就业
渠道，深入开展访企拓岗促就业专项行动。
二、强化就业指导。各高校要加强职业生涯教育，将就业指
导贯穿人才培养全过程。
— 1 —
江南省教育厅文件
三、做好困难帮扶。对脱贫家庭、低保家庭毕业生实施“一
人一档”“一人一策”精准帮扶。
江南省教育厅
2024年3月1日
— 2 —
"""


def test_pdf_extraction_with_wrapped_addressees_and_a_repeated_mark():
    doc = gongwen.parse(PDF_EXTRACTION)
    assert doc.banner == "江南省教育厅文件"
    assert doc.title == "江南省教育厅关于做好2024年普通高校毕业生就业创业工作的通知"
    assert doc.addressees == ["各设区市教育局", "各普通高等学校", "省属中等职业学校"]
    assert [h.label for h in doc.headings] == ["一、", "二、", "三、"]
    assert len(doc.body) == 4 and doc.body[0].text.endswith("工作通知如下。")
    assert ("江南省教育厅文件", "running header or footer") in [(r.text, r.reason) for r in doc.residue]


def test_joint_signature_opening_a_page_is_no_running_head():
    text = (
        "江南省教育厅\n江南省财政厅\n文件\n\n江教发〔2025〕21号\n\n关于做好资助工作的通知\n各高等学校：\n"
        + BODY
        + "\n\n— 1 —\n\f江南省教育厅\n江南省财政厅\n2025 年 5 月 8 日\n\n抄送：教育部。\n江南省教育厅办公室\n"
        "2025 年 5 月 9 日印发\n— 2 —\n"
    )
    doc = gongwen.parse(text)
    assert doc.issuers == ["江南省教育厅", "江南省财政厅"]
    assert doc.signatures == ["江南省教育厅", "江南省财政厅"]
    assert doc.date_text == "2025年5月8日" and doc.print_date_text == "2025年5月9日"
    assert {r.reason for r in doc.residue} == {"page number"}


def test_minutes_office_and_date_on_two_lines_under_the_mark():
    text = "江南省人民政府常务会议纪要\n第15期\n江南省人民政府办公厅\n2025年6月12日\n\n会议研究部署防汛工作。纪要如下：\n一、关于防汛\n会议要求加强巡查。\n"
    doc = gongwen.parse(text)
    assert doc.issuers == ["江南省人民政府办公厅"] and doc.date == dt.date(2025, 6, 12)
    assert doc.title is None and doc.body[0] == Paragraph("会议研究部署防汛工作。纪要如下：")


def test_order_whose_first_sentence_wraps_has_no_title():
    text = (
        "江南省人民政府令\n第28号\n\n《江南省城市绿化管理办法》已经2025年4月15日省人民政\n"
        "府第十二次常务会议通过，现予公布，自2025年7月1日起施行。\n\n省长　李明\n2025年4月20日\n"
    )
    doc = gongwen.parse(text)
    assert doc.title is None
    assert doc.body == [
        Paragraph(
            "《江南省城市绿化管理办法》已经2025年4月15日省人民政府第十二次常务会议通过，现予公布，自2025年7月1日起施行。"
        )
    ]


def test_annexes_pasted_after_the_colophon_are_annexes():
    rows = "\n".join(f"第{n}市  {n * 10}万元" for n in range(1, 31))  # longer than the colophon search window
    text = (
        "江南省财政厅\n关于下达2025年农业发展专项资金的通知\n赣财农〔2025〕8号\n各设区市财政局：\n"
        "现将2025年农业发展专项资金下达给你们（详见附件），请按规定及时拨付。\n"
        "附件：2025年农业发展专项资金分配表\n江南省财政厅\n2025年2月20日\n"
        "抄送：省农业农村厅，省审计厅。\n江南省财政厅办公室            2025年2月20日印发\n"
        f"附件\n2025年农业发展专项资金分配表\n{rows}\n"
    )
    doc = gongwen.parse(text)
    assert doc.cc == ["省农业农村厅", "省审计厅"]
    assert doc.printer == "江南省财政厅办公室" and str(doc.print_date) == "2025-02-20"
    assert [(a.label, a.title) for a in doc.annexes] == [("附件", "2025年农业发展专项资金分配表")]
    assert len(doc.annexes[0].body) == 30 and not doc.residue


def test_two_character_names_padded_to_line_up_are_one_name():
    doc = gongwen.parse(
        "江南省人民政府文件\n江政〔2025〕3号    签发人：李　明\n关于做好春耕工作的请示\n国务院：\n" + BODY
    )
    assert doc.signers == ["李明"]
    minutes = gongwen.parse(
        "江南省人民政府办公厅\n会议纪要\n一、会议认为要加强工作。\n出席：李　明　王建国　张　红\n请假：孙涛\n"
        "江南省人民政府办公厅\n2025年3月1日\n"
    )
    assert [(a.role, a.names) for a in minutes.attendance] == [("出席", ["李明", "王建国", "张红"]), ("请假", ["孙涛"])]


def test_join_padded_names_pairs_single_characters_and_leaves_whole_names():
    from gongwen.parsing.patterns import join_padded_names

    assert join_padded_names(["李", "明", "王建国", "张", "红"]) == ["李明", "王建国", "张红"]
    assert join_padded_names(["王", "建", "国"]) == ["王建国"]
    assert join_padded_names(["欧阳", "明", "王建国"]) == ["欧阳", "明", "王建国"]  # a lone character stays


def test_a_wechat_article_keeps_the_document_and_sets_the_chrome_aside():
    text = (
        "点击上方蓝字 关注我们\n江南发布\n2025-03-18 09:30 发表于江南\n"
        "江南省人民政府办公厅关于做好春季森林防火工作的通知\n各市、县（区）人民政府，省政府各部门：\n"
        "当前，我省已进入森林防火紧要期，现就有关事项通知如下。\n一、压实防火责任。各地要严格落实责任制。\n"
        "江南省人民政府办公厅\n2025年3月17日\n来源：江南省人民政府网站\n编辑：张三\n阅读原文\n分享 收藏 在看 点赞\n"
    )
    doc = gongwen.parse(text)
    assert doc.title == "江南省人民政府办公厅关于做好春季森林防火工作的通知"
    assert doc.signatures == ["江南省人民政府办公厅"] and str(doc.date) == "2025-03-17"
    assert not doc.annexes
    reasons = {r.text: r.reason for r in doc.residue}
    assert (
        reasons["点击上方蓝字 关注我们"] == reasons["阅读原文"] == reasons["分享 收藏 在看 点赞"] == "web page chrome"
    )
    assert reasons["2025-03-18 09:30 发表于江南"] == "web page metadata"
    assert "江南发布" in reasons


def test_a_date_in_parentheses_under_the_title_is_the_date_not_part_of_the_title():
    text = (
        "江南省人民政府\n关于印发《江南省加快发展现代农业\n三年行动方案（2025—2027年）》的通知\n（2025年3月18日）\n\n"
        "各市、县人民政府：\n现将行动方案印发给你们，请认真贯彻落实。\n"
    )
    doc = gongwen.parse(text)
    assert doc.title == "江南省人民政府关于印发《江南省加快发展现代农业三年行动方案（2025—2027年）》的通知"
    assert str(doc.date) == "2025-03-18" and doc.date_text == "2025年3月18日"
    subtitle = gongwen.parse("关于做好资助工作的实施办法\n（试行）\n各单位：\n现将办法印发给你们。\n")
    assert subtitle.title == "关于做好资助工作的实施办法（试行）" and subtitle.date is None


def test_attachments_labelled_one_by_one_above_the_signature():
    text = (
        "关于报送2025年工作计划的通知\n各县（区）教育局：\n请于3月31日前报送2025年工作计划。\n"
        "附件1：2025年工作计划模板\n附件2：联系人回执（请于3月20日前\n报送）\n南昌市教育局\n2025年3月1日\n"
    )
    doc = gongwen.parse(text)
    assert doc.attachments == ["2025年工作计划模板", "联系人回执（请于3月20日前报送）"]
    assert [b.text for b in doc.body] == ["请于3月31日前报送2025年工作计划。"]
    assert doc.signatures == ["南昌市教育局"] and not doc.annexes


@pytest.mark.parametrize("written", ["2025.3.1", "2025-03-01", "2025/3/1"])
def test_a_closing_date_in_figures_is_read_and_written_in_words(written):
    doc = gongwen.parse(f"关于报送工作计划的通知\n各县教育局：\n请于3月31日前报送。\n南昌市教育局\n{written}\n")
    assert str(doc.date) == "2025-03-01" and doc.date_text == "2025年3月1日"
    assert doc.signatures == ["南昌市教育局"] and [b.text for b in doc.body] == ["请于3月31日前报送。"]
    assert any("given in figures" in w for w in doc.warnings)


def test_figures_that_are_no_date_stay_as_written():
    doc = gongwen.parse("关于更新系统的通知\n各单位：\n系统版本号V2025.3.1，电话0791-8888-1234。\n")
    assert doc.body[0].text == "系统版本号V2025.3.1，电话0791-8888-1234。"
    assert not any("given in figures" in w for w in doc.warnings)


def test_rules_drawn_with_characters_are_set_aside_and_separate_what_they_stood_between():
    text = (
        "江南省人民政府文件\n江政发〔2025〕5号\n━━━━━━━━━━━━━━━━━━━━\n关于加强耕地保护的通知\n各市人民政府：\n"
        "现通知如下。\n江南省人民政府\n2025年3月1日\n____________________\n抄送：省委办公厅。\n"
        "————————————————————\n江南省人民政府办公厅  2025年3月1日印发\n"
    )
    doc = gongwen.parse(text)
    assert doc.title == "关于加强耕地保护的通知" and doc.cc == ["省委办公厅"]
    assert doc.printer == "江南省人民政府办公厅"
    assert [r.reason for r in doc.residue] == ["drawn rule"] * 3
    assert [r.text for r in doc.residue] == ["━" * 20, "_" * 20, "—" * 20]


@pytest.mark.parametrize("closing", ["江南省人民政府（印章）", "江南省人民政府\n（盖章）", "（公章）\n江南省人民政府"])
def test_a_typed_seal_placeholder_is_no_part_of_the_signature(closing):
    doc = gongwen.parse(f"关于加强耕地保护的通知\n各市人民政府：\n现通知如下。\n{closing}\n2025年3月1日\n")
    assert doc.signatures == ["江南省人民政府"] and [b.text for b in doc.body] == ["现通知如下。"]
    assert [r.reason for r in doc.residue] == ["seal placeholder"]


def test_a_chapter_in_parentheses_at_a_line_end_is_no_seal():
    doc = gongwen.parse("关于学习的通知\n各单位：\n请认真学习文件精神（第二章）\n某某局\n2025年3月1日\n")
    assert doc.body[0].text == "请认真学习文件精神（第二章）" and not doc.residue


def test_the_marks_of_the_header_are_found_below_a_line_of_the_site_they_were_copied_from():
    text = (EXAMPLES[0].parent / "tongzhi.txt").read_text(encoding="utf-8")
    doc = gongwen.parse("网站导航 政务公开\n" + text)
    original = gongwen.parse(text)
    assert (doc.copy_number, doc.secrecy, doc.urgency) == (original.copy_number, original.secrecy, original.urgency)
    assert doc.banner == original.banner and doc.issuers == original.issuers
    assert doc.title == original.title
    assert [r.text for r in doc.residue] == ["网站导航政务公开"]


def test_the_buttons_and_breadcrumbs_above_a_web_pages_title_are_not_part_of_it():
    text = (
        "当前位置：首页 > 政务公开 > 政策文件\n"
        "发布时间：2025-03-01 10:20  来源：市政府办公室  浏览次数：1234\n"
        "字号：【大 中 小】  【打印】  【关闭】\n"
        "信息公开 > 政策文件 > 通知公告\n"
        "【收藏】【打印】【关闭】\n"
        "关于开展2025年春季爱国卫生运动的通知\n"
        "各区人民政府，市政府各部门：\n"
        "为深入推进爱国卫生运动，现就有关事项通知如下。\n"
        "市人民政府办公室\n"
        "2025年3月1日\n"
    )
    doc = gongwen.parse(text)
    assert doc.title == "关于开展2025年春季爱国卫生运动的通知"
    assert ("字号：【大 中 小】  【打印】  【关闭】", "web page chrome") in [(r.text, r.reason) for r in doc.residue]


@pytest.mark.parametrize("line", ["抄送：", "抄送：，", "抄送：；。", "主送："])
def test_a_cc_line_naming_no_organ_is_kept_in_residue(line):
    doc = gongwen.parse(f"各单位：\n现将有关事项通知如下。\n江南省教育厅\n2025年3月1日\n{line}\n")
    assert doc.cc == [] and doc.addressees == ["各单位"]
    assert (line, "empty 抄送 line") in [(r.text, r.reason) for r in doc.residue]


@pytest.mark.parametrize(
    "above",
    [
        "【发布单位】江南省人民政府办公厅\n【发布文号】江政办发〔2025〕12号\n【发文日期】2025-03-01",
        "索引号：\t001/2025-00012\t分类：\t通知\n发布机构：\t江南省政府办公厅\t发文日期：\t2025-03-01\n"
        "名称：\t关于开展春季爱国卫生运动的通知",
        "2025-03-01 10:20:33",
        "【语音播报】",
        "打印友好版",
    ],
    ids=["bracketed-keys", "metadata-table", "time-stamp", "read-aloud", "print-version"],
)
def test_a_web_pages_metadata_and_buttons_above_the_title_go_to_residue(above):
    text = f"{above}\n关于开展春季爱国卫生运动的通知\n各单位：\n现将有关事项通知如下。\n江南省人民政府办公厅\n2025年3月1日\n"
    doc = gongwen.parse(text)
    assert doc.title == "关于开展春季爱国卫生运动的通知"
    assert [b.text for b in doc.body] == ["现将有关事项通知如下。"] and str(doc.date) == "2025-03-01"
    kept = "".join(r.text for r in doc.residue)
    assert all(ch in kept for ch in above if not ch.isspace())


def test_metadata_words_inside_the_text_and_a_closing_date_in_iso_form_stay():
    lines = ["朗读比赛要按时举行。", "名称：省级示范单位", "实施日期：自发布之日起。"]
    doc = gongwen.parse(
        "各单位：\n现将有关事项通知如下。\n" + "\n".join(lines) + "\n请认真执行。\n江南省教育厅\n2025-03-01\n"
    )
    assert [b.text for b in doc.body] == ["现将有关事项通知如下。", *lines, "请认真执行。"]
    assert doc.residue == [] and str(doc.date) == "2025-03-01"


@pytest.mark.parametrize(
    "footer",
    [
        "网站地图 | 联系我们 | 隐私声明",
        "免责声明 | 隐私保护",
        "京公网安备 11010502000001号",
        "政府网站标识码：3600000001  赣ICP备05000001号",
        "Copyright © 2025 江南省人民政府 All Rights Reserved",
        "建议使用1920*1080分辨率浏览",
        "您是本站第 88 位访客",
    ],
)
def test_a_web_pages_footer_below_the_date_is_no_annex(footer):
    text = f"关于开展春季爱国卫生运动的通知\n各单位：\n现将有关事项通知如下。\n江南省人民政府办公厅\n2025年3月1日\n{footer}\n"
    doc = gongwen.parse(text)
    assert doc.annexes == [] and doc.signatures == ["江南省人民政府办公厅"] and str(doc.date) == "2025-03-01"
    assert [(r.text, r.reason) for r in doc.residue] == [(footer, "web page chrome")]


def test_sentences_about_browsers_and_contacts_stay_in_the_text():
    lines = ["建议使用谷歌浏览器登录系统填报。", "联系我们的同志要及时反馈。", "隐私保护工作要加强。"]
    doc = gongwen.parse("各单位：\n现将有关事项通知如下。\n" + "\n".join(lines) + "\n江南省教育厅\n2025年3月1日\n")
    assert [b.text for b in doc.body] == ["现将有关事项通知如下。", *lines] and doc.residue == []


@pytest.mark.parametrize("line", ["机密  机密", "特急  特急", "机密★1年  特急  特急"])
def test_a_flag_repeated_on_one_line_loses_neither(line):
    from test_properties import lost_characters

    text = f"{line}\n各单位：\n现将有关事项通知如下。\n"
    assert lost_characters(text, gongwen.parse(text)) == Counter()


@pytest.mark.parametrize(
    "lines",
    [
        ["江南省人民政府关于", "加强安全生产工作的通知"],
        ["江南省人民政府", "关于加强安全生产工作的通知"],
        ["江南省人民政府关于加强", "安全生产工作的通知"],
        ["江南省财政厅　江南省教育厅", "关于加强安全生产工作的通知"],
    ],
)
def test_a_title_wrapped_with_blank_lines_between_its_lines_is_whole(lines):
    # every <p> of a web page becomes a paragraph: the wrapped title comes with blank lines between
    doc = gongwen.parse("\n\n".join(lines) + "\n\n各市人民政府：\n\n为加强安全生产，现通知如下。\n")
    assert doc.title == "".join(lines).replace("　", "")
    assert doc.residue == []


def test_a_line_above_a_complete_title_stays_out_of_it():
    doc = gongwen.parse(
        "江南省人民政府关于加强管理的通知\n\n关于加强安全生产工作的通知\n\n各市人民政府：\n\n现通知如下。\n"
    )
    assert doc.title == "关于加强安全生产工作的通知"


@pytest.mark.parametrize(
    "title_line",
    [
        "沪府办发〔2023〕19号关于印发本市试点工作方案的通知",
        "沪府办发〔2023〕19 号 关于印发本市试点工作方案的通知",
        "关于印发本市试点工作方案的通知（沪府办发〔2023〕19号）",
        "关于印发本市试点工作方案的通知\n( 沪府办发〔2023〕19号 )",
    ],
)
def test_a_doc_number_glued_to_the_title_or_under_it_is_the_doc_number(title_line):
    doc = gongwen.parse(
        f"{title_line}\n各区人民政府：\n现将方案印发给你们，请认真执行。\n上海市人民政府办公厅\n2023年6月8日\n"
    )
    assert doc.title == "关于印发本市试点工作方案的通知"
    assert doc.doc_number.text == "沪府办发〔2023〕19号" and doc.doc_number.serial == 19


def test_a_forwarded_documents_number_in_the_title_stays_in_it():
    title = "江南省人民政府关于转发国务院办公厅关于加强管理的通知（国办发〔2023〕5号）的通知"
    doc = gongwen.parse(f"江政发〔2023〕7号\n{title}\n各市人民政府：\n现转发给你们。\n")
    assert doc.title == title and doc.doc_number.text == "江政发〔2023〕7号"


@pytest.mark.parametrize("signer", ["市　长：温国辉", "市长：温国辉", "省长: 李明"])
def test_the_signer_of_an_order_by_post_and_name(signer):
    doc = gongwen.parse(
        f"广州市人民政府令\n第 5 号\n《广州市某规定》已经市政府常务会议通过，现予公布，自2018年1月1日起施行。\n{signer}\n2017年11月20日\n"
    )
    post, name = re.split(r"\s*[：:]\s*", signer.replace("　", ""))
    assert doc.signatures == [f"{post}　{name}"]
    assert doc.format == "order" and doc.order_number == "第5号" and doc.date.isoformat() == "2017-11-20"
    assert len(doc.body) == 1


def test_the_items_a_regulation_enumerates_are_no_headings():
    doc = gongwen.parse(
        "某某办法\n第一条　为规范管理，制定本办法。\n第二条　有下列情形之一的，免征：\n"
        "（一）因任职受雇所得；\n（二）因其他原因所得；\n（三）国务院规定的其他所得。\n"
        "第三条　本办法自发布之日起施行。\n"
    )
    assert doc.headings == []
    assert [b.text for b in doc.body][2:5] == [
        "（一）因任职受雇所得；",
        "（二）因其他原因所得；",
        "（三）国务院规定的其他所得。",
    ]


def test_headings_that_end_with_a_full_stop_stay_headings():
    doc = gongwen.parse(
        "关于做好工作的通知\n各单位：\n现通知如下。\n（一）明确责任。\n各单位要明确责任。\n（二）加强督查。\n各单位要加强督查。\n"
    )
    assert [h.label for h in doc.headings] == ["（一）", "（二）"]


@pytest.mark.parametrize(
    "tail",
    ["某某市人民政府办公室   2023 年 6 月 8 日印发共印 3 份", "某某市人民政府办公室 2023年6月8日印发\n（共印50份）"],
)
def test_the_number_of_copies_printed_after_the_print_date_is_set_aside(tail):
    doc = gongwen.parse(
        f"关于某事的通知\n各单位：\n请认真执行。\n某某市人民政府\n2023年6月8日\n抄送：市委办公室。\n{tail}\n"
    )
    assert doc.printer == "某某市人民政府办公室" and doc.print_date == dt.date(2023, 6, 8)
    assert [r.reason for r in doc.residue] == ["number of copies printed"]
    assert doc.cc == ["市委办公室"]


def test_a_line_that_starts_with_a_comma_or_full_stop_goes_on_the_paragraph_before():
    doc = gongwen.parse(
        "关于某事的通知\n各单位：\n为做好今年的安全生产工作，进一步落实各项责任，现将有关事项通知如下\n。请各单位认真执行，确保各项措施落到实处\n，不得延误。\n"
    )
    assert [b.text for b in doc.body] == [
        "为做好今年的安全生产工作，进一步落实各项责任，现将有关事项通知如下。请各单位认真执行，确保各项措施落到实处，不得延误。"
    ]


def test_a_long_list_of_attachments_is_the_attachment_note():
    items = [f"江南省第{i}批重点项目清单" for i in range(1, 26)]
    listed = "\n".join(f"{i}.{item}" for i, item in enumerate(items, start=1))
    doc = gongwen.parse(
        f"关于某事的通知\n各单位：\n现将清单印发给你们，请认真执行。\n附件：{listed}\n某某市人民政府\n2023年6月8日\n"
    )
    assert doc.attachments == items and doc.signatures == ["某某市人民政府"]


def test_the_end_of_a_sentence_broken_at_each_page_is_no_running_header():
    page = "各单位要认真落实各项措施，切实加强组织领导，确保各项工作任务按时完成，\n"
    text = f"关于某事的通知\n各单位：\n{page * 3}（市财\n政局）\n— 1 —\n\f{page * 3}（市财\n政局）\n— 2 —\n\f{page}特此通知。\n"
    doc = gongwen.parse(text)
    assert "政局）" in "".join(b.text for b in doc.body)


_METADATA_PAGE = """首页 > 政务公开 > 政策文件
索引号：000014349/2020-00012　主题分类：综合政务
发文机关：江南省人民政府办公厅　成文日期：2020-03-01
标题：江南省人民政府办公厅关于加强管理的通知
发文字号：江政办发〔2020〕6号　发布日期：2020年03月05日
{text}"""


def test_a_web_pages_metadata_gives_the_elements_the_copy_lacks():
    doc = gongwen.parse(
        _METADATA_PAGE.format(text="江南省人民政府办公厅关于加强管理的通知\n各市人民政府：\n为加强管理，现通知如下。\n")
    )
    assert doc.doc_number.text == "江政办发〔2020〕6号"
    assert doc.date == dt.date(2020, 3, 1)  # the 成文日期, not the 发布日期
    assert doc.issuers == ["江南省人民政府办公厅"]
    assert sum("web page's metadata" in w for w in doc.warnings) == 3


def test_what_the_text_itself_gives_wins_over_the_metadata():
    text = "江政办发〔2020〕7号\n江南省人民政府办公厅关于加强管理的通知\n各市人民政府：\n为加强管理，现通知如下。\n江南省人民政府办公厅\n2020年3月2日\n"
    doc = gongwen.parse(_METADATA_PAGE.format(text=text))
    assert doc.doc_number.text == "江政办发〔2020〕7号" and doc.date == dt.date(2020, 3, 2)
    assert not any("metadata" in w for w in doc.warnings)


def test_a_metadata_title_stands_in_for_a_copy_without_one():
    doc = gongwen.parse(_METADATA_PAGE.format(text="各市人民政府：\n为加强管理，现通知如下。\n"))
    assert doc.title == "江南省人民政府办公厅关于加强管理的通知" and doc.kind == "通知"


def test_a_doc_number_labelled_编号_with_the_signer_on_its_line():
    doc = gongwen.parse(
        "江南省人民政府文件\n编号：江政发〔2020〕6号  签发人：李明\n关于加强管理的请示\n国务院：\n为加强管理，特请示如下。\n"
    )
    assert doc.doc_number.text == "江政发〔2020〕6号" and doc.signers == ["李明"]
    assert doc.title == "关于加强管理的请示"
    assert ("编号：", "label of the 发文字号") in [(r.text, r.reason) for r in doc.residue]


def test_an_order_mark_with_its_number_in_parentheses():
    doc = gongwen.parse(
        "中华人民共和国主席令(九届第37号)\n《中华人民共和国某法》已由第九届全国人民代表大会常务委员会第二十次会议于2001年4月28日通过，现予公布，自公布之日起施行。\n"
        "中华人民共和国主席  江泽民\n2001年4月28日\n"
    )
    assert doc.banner == "中华人民共和国主席令" and doc.order_number == "九届第37号" and doc.title is None
    assert doc.signatures == ["中华人民共和国主席　江泽民"] and doc.format == "order"


def test_a_signature_wrapped_over_two_lines_is_one_organ():
    doc = gongwen.parse("关于某事的通知\n各单位：\n请认真执行。\n中国共产党江南省\n委员会办公厅\n2023年6月8日\n")
    assert doc.signatures == ["中国共产党江南省委员会办公厅"]


def test_a_title_below_a_pages_chrome_without_blank_lines():
    chrome = "\n".join(
        ["网站首页", "政务公开", "政策文件", "通知公告", "信息公开目录", "政府信息公开指南", "依申请公开"]
    )
    doc = gongwen.parse(
        f"{chrome}\n国务院办公厅\n关于加强管理的通知\n国办发〔2020〕6号\n各省人民政府：\n为加强管理，现通知如下。\n"
    )
    assert doc.title == "国务院办公厅关于加强管理的通知" and doc.doc_number.text == "国办发〔2020〕6号"
    assert [b.text for b in doc.body] == ["为加强管理，现通知如下。"]
    assert {r.text for r in doc.residue} >= set(chrome.split("\n"))


def test_what_was_guessed_is_recorded_and_shown_to_the_user():
    from gongwen.cli import summary

    doc = gongwen.parse(
        "江南省人民政府关于\n\n加强安全生产工作的通知\n\n各市人民政府：\n\n为加强安全生产，现通知如下。\n"
    )
    assert [(u.element, u.confidence) for u in doc.uncertain] == [("title", 0.85)]
    assert any(w.startswith("guessed the title") for w in doc.warnings)
    assert "请核对：标题（把握 85%）" in summary(doc)
    again = type(doc).from_dict(doc.to_dict())
    assert again.uncertain == doc.uncertain and doc.to_dict()["uncertain"][0]["element"] == "title"


def test_a_plain_document_has_nothing_uncertain():
    doc = gongwen.parse(
        "关于加强安全生产工作的通知\n各市人民政府：\n为加强安全生产，现通知如下。\n江南省人民政府\n2023年6月8日\n"
    )
    assert doc.uncertain == []


def test_a_size_switch_with_a_button_to_a_line_and_a_bare_metadata_key_are_chrome():
    page = (
        "设为首页\n首页\n信息公开\n华北能源监管局关于延长市场运行时间的通知\n2019-03-18 00:00\n来源：\n能源局\nAa\n字体：\n小\n|\n中\n|\n大\n"
        "华北监能市场〔2019〕117号\n国家电网华北分部：\n为做好市场运行工作，现将有关事项通知如下。\n"
        "国家能源局华北监管局\n2019年3月15日\n附件：\n相关政策与解读\n《关于延长市场运行时间的通知》政策解读\n"
    )
    doc = gongwen.parse(page)
    assert doc.title == "华北能源监管局关于延长市场运行时间的通知"
    assert doc.addressees == ["国家电网华北分部"] and doc.doc_number.text == "华北监能市场〔2019〕117号"
    assert doc.annexes == [] and doc.signatures == ["国家能源局华北监管局"]
    set_aside = {r.text: r.reason for r in doc.residue}
    assert set_aside["能源局"] == "web page metadata" and set_aside["字体："] == "web page chrome"
    assert set_aside["附件"] == "annex label with no annex"


@pytest.mark.parametrize(
    "lines, organs",
    [
        (["国家发", "展改革委", "国 家 能 源 局"], ["国家发展改革委", "国家能源局"]),
        (["国家能源局华中监管局 江西省能源局"], ["国家能源局华中监管局", "江西省能源局"]),
    ],
)
def test_joint_signatures_broken_or_set_apart_by_one_space(lines, organs):
    doc = gongwen.parse("关于某事的通知\n各单位：\n本通知自印发之日起施行。\n" + "\n".join(lines) + "\n2020年5月28日\n")
    assert doc.signatures == organs and doc.body[-1].text == "本通知自印发之日起施行。"


_GLUED = (
    "江南省人民政府办公厅文件江政办发〔2021〕3号关于做好春季森林防火工作的通知各市、县（区）人民政府，省政府各部门:"
    + "为切实做好今年春季森林防火工作，确保人民群众生命财产安全，现将有关事项通知如下。" * 8
    + "一、加强组织领导。各地要落实森林防火行政首长负责制，层层压实责任。二、强化火源管控。各地要加强野外用火管理。"
    + "附件:1.春季森林防火重点区域2.联系人名单江南省人民政府办公厅2021年1月19日附件1春季森林防火重点区域南山林区、北山林区。"
    + "抄送:省委办公厅，省人大常委会办公厅。江南省人民政府办公厅2021年1月20日印发"
)


def test_a_document_that_lost_its_line_breaks_is_read_element_by_element():
    doc = gongwen.parse(_GLUED)
    assert doc.banner == "江南省人民政府办公厅文件" and doc.doc_number.text == "江政办发〔2021〕3号"
    assert doc.title == "关于做好春季森林防火工作的通知"
    assert doc.addressees == ["各市、县（区）人民政府", "省政府各部门"]
    assert doc.attachments == ["春季森林防火重点区域", "联系人名单"]
    assert doc.signatures == ["江南省人民政府办公厅"] and doc.date == dt.date(2021, 1, 19)
    assert [a.label for a in doc.annexes] == ["附件1"]
    assert doc.cc == ["省委办公厅", "省人大常委会办公厅"] and doc.printer == "江南省人民政府办公厅"
    assert doc.print_date == dt.date(2021, 1, 20)
    assert any("line break" in w for w in doc.warnings)


def test_a_long_paragraph_in_a_text_with_lines_is_not_split():
    long = "为切实做好今年春季森林防火工作，确保人民群众生命财产安全，各地要于2021年1月19日前报送。" * 12
    text = (
        "关于做好春季森林防火工作的通知\n各市人民政府：\n"
        + long
        + "\n"
        + "\n".join(["各地要认真落实。"] * 5)
        + "\n江南省人民政府\n2021年1月19日\n"
    )
    doc = gongwen.parse(text)
    assert doc.body[0].text == long and not any("line break" in w for w in doc.warnings)


def test_a_markdown_copy_keeps_its_text_and_sets_its_markup_aside():
    text = (
        "---\ntitle: 最高人民法院关于某问题的批复\n层级: 司法解释\n---\n"
        "# 最高人民法院关于某问题的批复\n\n法释〔2020〕27号\n\n2020年11月9日 最高人民法院审判委员会第1815次会议通过\n\n"
        "<!-- INFO END -->\n\n广东省高级人民法院：\n\n你院请示收悉。经研究，批复如下：\n\n此复。\n"
    )
    doc = gongwen.parse(text)
    assert doc.title == "最高人民法院关于某问题的批复" and doc.doc_number.text == "法释〔2020〕27号"
    assert doc.addressees == ["广东省高级人民法院"]
    reasons = {r.reason for r in doc.residue}
    assert {"front matter", "markup"} <= reasons


def test_lines_between_the_title_and_the_body_that_are_no_title_go_to_the_body():
    text = "最高人民法院关于修改某解释的决定\n\n2018年7月30日 最高人民法院审判委员会第1745次会议\n\n2018年12月1日 施行\n\n根据司法实践情况，现决定作如下修改：\n\n一、将原第六条删去。\n"
    doc = gongwen.parse(text)
    assert doc.title == "最高人民法院关于修改某解释的决定"
    assert doc.body[0].text.startswith("2018年7月30日")


def test_a_breadcrumb_with_a_step_to_a_line_and_bracketed_size_buttons_are_chrome():
    page = "您所在的位置：\n首页\n>\n广东省能源局\n>\n通知公告\n广东省能源局关于某项目的审查意见\n信息来源：省能源局\n字体：\n[大]\n[中]\n[小]\n粤能许可〔2026〕23号\n江门市发展和改革局：\n你局报告收悉，审查意见如下：\n一、原则同意。\n"
    doc = gongwen.parse(page)
    assert doc.title == "广东省能源局关于某项目的审查意见" and doc.addressees == ["江门市发展和改革局"]
    assert doc.doc_number.text == "粤能许可〔2026〕23号" and doc.body[0].text == "你局报告收悉，审查意见如下："


@pytest.mark.parametrize(
    "joined, organs",
    [
        ("国家医保局财政部", ["国家医保局", "财政部"]),
        ("陕西省发展和改革委员会陕西省林业局", ["陕西省发展和改革委员会", "陕西省林业局"]),
        ("中共山东省委山东省人民政府", ["中共山东省委", "山东省人民政府"]),
        ("最高人民法院、最高人民检察院", ["最高人民法院", "最高人民检察院"]),
        ("江南省人民政府办公厅", ["江南省人民政府办公厅"]),
        ("国家发展改革委办公厅", ["国家发展改革委办公厅"]),
        ("中共龙岩市委精神文明建设办公室", ["中共龙岩市委精神文明建设办公室"]),
    ],
)
def test_organs_written_together_come_apart_whole(joined, organs):
    from gongwen.parsing.patterns import split_organs

    assert split_organs(joined) == organs


def test_signature_lines_set_apart_by_blank_lines_are_all_kept():
    doc = gongwen.parse(
        "关于某事的通知\n\n各单位：\n\n请认真执行。\n\n上海市市场监督管理局\n\n上海市消防救援总队\n\n2023年6月8日\n"
    )
    assert doc.signatures == ["上海市市场监督管理局", "上海市消防救援总队"]


def test_a_second_print_line_is_kept():
    doc = gongwen.parse(
        "关于某事的通知\n各单位：\n请认真执行。\n某某市人民政府\n2023年6月8日\n某某办公室 2023年6月8日印发\n2023年6月9日印发\n"
    )
    assert doc.printer == "某某办公室" and ("2023年6月9日印发", "second 印发 line in the 版记") in [
        (r.text, r.reason) for r in doc.residue
    ]


def test_the_metadata_title_completes_a_title_whose_first_line_was_lost():
    page = (
        "标　　题：     国务院办公厅对十届全国人大四次会议第7240号建议的答复\n"
        "发文字号：     国办函〔2006〕70号     发布日期：     2018年12月24日\n"
        "国务院办公厅对十届全国人大\n\n四次会议第7240号建议的答复\n国办函〔2006〕70号\n某某代表：\n你提出的建议收悉。现答复如下。\n"
    )
    doc = gongwen.parse(page)
    assert doc.title == "国务院办公厅对十届全国人大四次会议第7240号建议的答复"


def test_a_short_letter_on_one_line_is_read_element_by_element():
    line = (
        "江南省自然资源厅关于商请协助收集资料的函江南电力公司:根据工作安排，现需贵单位协助提供相关资料，请予以支持，"
        "于8月20日前反馈我厅。附件:所需数据一览表江南省自然资源厅2021年8月9日信息公开属性:不公开"
    )
    doc = gongwen.parse(line)
    assert doc.title == "江南省自然资源厅关于商请协助收集资料的函" and doc.addressees == ["江南电力公司"]
    assert doc.attachments == ["所需数据一览表"] and doc.signatures == ["江南省自然资源厅"]
    assert doc.date == dt.date(2021, 8, 9)


def test_a_glued_signature_and_date_before_the_print_line():
    body = "为做好电力线路保护区内林木处置工作，现将有关事项通知如下。" * 12
    line = (
        f"龙岩市工业和信息化局龙岩市林业局文件龙工信能源〔2022〕16号龙岩市工业和信息化局龙岩市林业局关于抓好林木采伐安全管理的通知"
        f"各县(市、区)林业局，各供电公司:{body}龙岩市工业和信息化局龙岩市林业局2022年5月26日龙岩市工业和信息化局2022年5月26日印发"
    )
    doc = gongwen.parse(line)
    assert doc.signatures == ["龙岩市工业和信息化局", "龙岩市林业局"] and doc.date == dt.date(2022, 5, 26)
    assert doc.printer == "龙岩市工业和信息化局" and doc.print_date == dt.date(2022, 5, 26)
    assert doc.issuers == ["龙岩市工业和信息化局", "龙岩市林业局"]


def test_a_stale_mark_above_the_real_one_is_set_aside():
    doc = gongwen.parse(
        "华北电力监管局文件\n国家能源局华北监管局文件\n华北监能市场〔2019〕1号\n关于某事的通知\n各单位：\n请认真执行。\n"
    )
    assert doc.banner == "国家能源局华北监管局文件" and doc.issuers == ["国家能源局华北监管局"]
    assert ("华北电力监管局文件", "a second mark above the mark") in [(r.text, r.reason) for r in doc.residue]


def test_a_copy_number_glued_before_the_mark_of_a_one_line_document():
    body = "为做好有关工作，现将有关事项通知如下。" * 20
    doc = gongwen.parse(
        f"170795中共中央办公厅文件中办发〔2020〕39号关于做好某项工作的通知各省、自治区、直辖市党委:{body}中共中央办公厅2020年9月1日"
    )
    assert doc.copy_number == "170795" and doc.banner == "中共中央办公厅文件"
    assert doc.doc_number.text == "中办发〔2020〕39号" and doc.title == "关于做好某项工作的通知"


def test_departments_of_a_ministry_and_joint_signatures_beside_the_date_are_organs():
    doc = gongwen.parse(
        "关于做好某项工作的通知\n各省能源局：\n现将有关事项通知如下。\n国家发展改革委办公厅\n国家能源局综合司\n2020年3月26日\n"
    )
    assert doc.issuers == ["国家发展改革委办公厅", "国家能源局综合司"]
    joint = gongwen.parse(
        "关于印发某办法的通知\n各省卫生健康委：\n现将办法印发给你们。\n国家卫生健康委 国家中医药局 国家医保局  2022年2月14日\n"
    )
    assert joint.signatures == ["国家卫生健康委", "国家中医药局", "国家医保局"] and joint.date == dt.date(2022, 2, 14)


def test_an_annex_title_with_its_qualifier_on_the_next_line():
    doc = gongwen.parse(
        "关于印发某规则的通知\n各单位：\n现将规则印发给你们。\n江南省能源局\n2020年10月29日\n"
        "江南省电力辅助服务市场运营规则\n（试行）\n第一章　总则\n第一条　为规范市场，制定本规则。\n"
    )
    assert [a.title for a in doc.annexes] == ["江南省电力辅助服务市场运营规则（试行）"]


def test_rules_headed_by_the_order_that_publishes_them():
    doc = gongwen.parse(
        "医师执业注册管理办法\n（中华人民共和国国家卫生和计划生育委员会令第 13 号）\n"
        "《医师执业注册管理办法》已于2017年2月3日经委主任会议讨论通过，现予公布，自2017年4月1日起施行。\n"
        "主 任 李斌\n2017年2月28日\n第一章 总则\n第一条 为了规范医师执业活动，制定本办法。\n"
    )
    assert doc.banner == "中华人民共和国国家卫生和计划生育委员会令" and doc.order_number == "第13号"
    assert doc.title is None and doc.format == "order" and doc.kind == "令"
    assert doc.signatures == ["主任　李斌"] and [a.title for a in doc.annexes] == ["医师执业注册管理办法"]


def test_a_reply_numbered_as_a_letter_is_laid_out_as_one():
    doc = gongwen.parse(
        "国务院办公厅对某建议的答复\n国办函〔2006〕70号\n某某代表：\n你提出的建议收悉。现答复如下。\n国务院办公厅\n2006年6月1日\n"
    )
    assert doc.format == "letter"


def test_a_glued_letterhead_a_sealing_organ_and_annexes_after_the_print_line():
    body = "为做好核应急联合演习工作，现将有关事项通知如下。" * 12
    line = (
        f"山东省核应急委员会办公室鲁核应急办便函〔2021〕14号关于召开专家会议的通知省核应急委各成员单位:{body}"
        "附件:1.专家委员会名单2.参会回执山东省核应急委员会办公室（山东省生态环境厅代章）2021年3月3日"
        "山东省核应急委员会办公室2021年3月3日印发附件1专家委员会名单XXX研究员附件2参会回执"
    )
    doc = gongwen.parse(line)
    assert doc.banner == "山东省核应急委员会办公室" and doc.doc_number.text == "鲁核应急办便函〔2021〕14号"
    assert doc.title == "关于召开专家会议的通知" and doc.addressees == ["省核应急委各成员单位"]
    assert doc.attachments == ["专家委员会名单", "参会回执"]
    assert doc.signatures == ["山东省核应急委员会办公室（山东省生态环境厅代章）"]
    assert doc.printer == "山东省核应急委员会办公室" and [a.label for a in doc.annexes] == ["附件1", "附件2"]


def test_a_sites_note_that_it_cut_the_text_is_no_附注():
    doc = gongwen.parse(
        "关于某事的函\n某某省人民政府：\n你省来函收悉。现函复如下。\n国务院办公厅\n2004年3月1日\n（本文有删减）\n"
    )
    assert doc.note is None and ("（本文有删减）", "web editor's note") in [(r.text, r.reason) for r in doc.residue]


def test_a_metadata_table_with_keys_and_values_on_lines_of_their_own():
    page = (
        "索 引 号：\n014742224A/2023-0043406\n生成日期：\n2023-05-11\n公开方式：\n主动公开\n公开范围：\n面向全社会\n"
        "责任部门：\n万载县统计局\n关于做好统计工作的通知\n各乡镇人民政府：\n为做好统计工作，现通知如下。\n"
    )
    doc = gongwen.parse(page)
    assert doc.title == "关于做好统计工作的通知" and doc.addressees == ["各乡镇人民政府"]
    assert {"014742224A/2023-0043406", "面向全社会", "万载县统计局"} <= {r.text for r in doc.residue}


def test_a_letters_mark_is_its_organ_alone_repeated_by_the_title():
    doc = gongwen.parse(
        "江南省自然资源厅\n江南省自然资源厅关于商请协助收集资料的函\n江南电力公司：\n现需贵单位协助提供相关资料。\n"
    )
    assert doc.banner == "江南省自然资源厅" and doc.title == "江南省自然资源厅关于商请协助收集资料的函"


def test_a_joint_mark_of_four_organs_with_文件():
    mark = "龙岩市工业和信息化局中共龙岩市委精神文明建设办公室龙岩市城市管理局龙岩市通信发展管理办公室文件"
    doc = gongwen.parse(
        f"{mark}\n龙工信能源〔2022〕9号\n关于印发整治工作方案的通知\n各县（市、区）工信局：\n现将方案印发给你们。\n"
    )
    assert doc.banner == mark and len(doc.issuers) == 4 and doc.doc_number.serial == 9


def test_the_organ_whose_order_published_rules_is_their_issuer():
    doc = gongwen.parse(
        "公民举报奖励办法\n\n2022年6月6日中华人民共和国国家安全部令第2号公布\n\n第一条　为了鼓励举报，制定本办法。\n"
    )
    assert doc.issuers == ["中华人民共和国国家安全部"]
    assert [u.element for u in doc.uncertain] == ["issuers"]


def test_attachments_with_sub_numbers_are_all_listed_and_their_numbers_kept_aside():
    doc = gongwen.parse(
        "关于某事的意见\n各单位：\n现提出如下意见。\n附件：1.人员名单\n2.监管流程图\n3-1.受理告知书\n3-2.安全责任告知单\n4.施工许可证\n"
        "某某镇人民政府\n2020年9月27日\n"
    )
    assert doc.attachments == ["人员名单", "监管流程图", "受理告知书", "安全责任告知单", "施工许可证"]
    assert {r.text for r in doc.residue if r.reason.startswith("number of an attachment")} == {"3-1", "3-2", "4"}


def test_a_line_after_the_closing_that_opens_no_annex_is_set_aside():
    # the first line of the next document of a file, cut off where the file ends
    doc = gongwen.parse(
        "各单位：\n现将有关事项通知如下，请遵照执行。\n某某局\n2025年3月1日\n卫生部关于在《医疗机构诊疗科目名录》中\n"
    )
    assert doc.annexes == []
    assert ("卫生部关于在《医疗机构诊疗科目名录》中", "line after the closing that opens no annex") in [
        (r.text, r.reason) for r in doc.residue
    ]


def test_a_numbered_annex_whose_text_the_copy_lost_stays():
    doc = gongwen.parse(
        "各单位：\n请按时参会。\n附件：1.专家名单\n2.参会回执\n某某局\n2025年3月1日\n附件1\n专家名单\n张三\n附件2\n参会回执\n"
    )
    assert [(a.label, a.title) for a in doc.annexes] == [("附件1", "专家名单"), ("附件2", "参会回执")]


def test_issuers_take_the_fuller_of_the_names_the_title_and_the_signature_give():
    abbreviated_signature = (
        "上海市嘉定区人民政府关于下达减量化任务的通知\n各镇人民政府：\n现将任务下达给你们。\n区政府\n2014年5月6日\n"
    )
    assert gongwen.parse(abbreviated_signature).issuers == ["上海市嘉定区人民政府"]
    abbreviated_title = "华北能源监管局关于延长市场运行时间的通知\n各有关单位：\n现将有关事项通知如下。\n国家能源局华北监管局\n2020年5月9日\n"
    assert gongwen.parse(abbreviated_title).issuers == ["国家能源局华北监管局"]
    forwarded = "国务院办公厅转发国家地震局关于加强防震减灾工作意见的通知\n各省人民政府：\n国家地震局的意见已经国务院同意，现转发给你们。\n国务院办公厅\n1998年5月6日\n"
    assert gongwen.parse(forwarded).issuers == ["国务院办公厅"]


def test_a_doc_number_on_its_own_under_the_title_and_source_lines_above_it():
    text = (
        "# 关于政协第4404号提案答复的函\n\n原文：<http://www.moe.gov.cn/a.html>\n\n存档：<https://web.archive.org/b>\n\n"
        "---\n\n教师提案〔2020〕475 号\n\n您提出的提案收悉，现答复如下。\n\n感谢您对教育工作的关心和支持。\n\n教育部\n\n2020年9月25日\n"
    )
    doc = gongwen.parse(text)
    assert doc.title == "关于政协第4404号提案答复的函" and doc.addressees == []
    assert doc.doc_number is not None and doc.doc_number.text == "教师提案〔2020〕475号"
    assert doc.body and doc.body[0].text.startswith("您提出的提案收悉")


def test_a_caption_set_apart_under_the_title_is_no_title():
    text = (
        "最高人民法院关于审理某类案件适用法律若干问题的解释\n\n"
        "（2016年11月7日最高人民法院审判委员会第1698次会议通过，自2017年1月1日起施行）\n\n"
        "为正确审理某类案件，根据有关法律规定，制定本解释。\n"
    )
    doc = gongwen.parse(text)
    assert doc.title == "最高人民法院关于审理某类案件适用法律若干问题的解释"
    caption_alone = gongwen.parse(text.split("\n\n", 1)[1])  # a copy that lost its title line
    assert caption_alone.title is None


def test_a_section_after_the_closing_that_nothing_announces_is_the_copys():
    closing = "各单位：\n现将有关事项批复如下：同意。\n特此批复。\n某某局\n2008年10月23日\n"
    tail = "摘要与附加信息\n这份文件是某某局于2008年10月23日发布的一项批复，规定了办理程序。\n"
    doc = gongwen.parse(closing + tail)
    assert doc.annexes == [] and doc.signatures == ["某某局"]
    assert ("摘要与附加信息", "section after the closing that nothing announces") in [
        (r.text, r.reason) for r in doc.residue
    ]
    issued = "关于延长《某某区文物保护暂行规定》有效期的通知\n各单位：\n现决定延长有效期。\n某某局\n2020年1月2日\n"
    rules = "某某区文物保护暂行规定\n第一条 为加强文物保护，制定本规定。\n"
    assert [a.title for a in gongwen.parse(issued + rules).annexes] == ["某某区文物保护暂行规定"]


def test_a_qualifier_after_the_kind_still_names_the_kind():
    for title, kind in (
        ("关于公布市场参数的通知（试行）", "通知"),
        ("关于建设项目总投资额认定问题的指导意见（试行）", "意见"),
        ("卫生部关于修订诊疗科目的通知（2007）", "通知"),
    ):
        assert gongwen.parse(f"{title}\n各单位：\n现将有关事项通知如下。\n某某局\n2020年1月2日\n").kind == kind
    assert gongwen.parse("附件1（征求意见稿）\n").kind is None


def test_bracketed_metadata_and_attachment_links_above_the_text():
    text = (
        "政务公开　>　政策服务　>　政策文件\n[发文机构] 北京市科学技术委员会\n[成文日期] 2026-06-30\n"
        "[发文字号] 京科发〔2026〕10号\n[文件来源] 政府公报 年 第期(总第期)\n"
        "北京市科学技术委员会关于印发《北京市科技行政处罚裁量权适用规定》的通知\n"
        "附件1：北京市科技行政处罚裁量基准表\n附件2：北京市科技行政处罚轻微违法不予处罚清单\n"
        "PDF格式下载 收藏 取消收藏 打印\n京科发〔2026〕10号\n各相关单位：\n现印发给你们，请遵照执行。\n"
        "北京市科学技术委员会\n2026年6月30日\n"
    )
    doc = gongwen.parse(text)
    assert doc.title == "北京市科学技术委员会关于印发《北京市科技行政处罚裁量权适用规定》的通知"
    assert doc.attachments == ["北京市科技行政处罚裁量基准表", "北京市科技行政处罚轻微违法不予处罚清单"]
    assert doc.doc_number is not None and doc.doc_number.text == "京科发〔2026〕10号"
    assert any(u.element == "attachments" for u in doc.uncertain)
    assert ("[文件来源] 政府公报 年 第期（总第期）", "web page metadata") in [(r.text, r.reason) for r in doc.residue]


def test_a_chapter_heading_under_a_web_headline_is_no_title():
    text = (
        "首页 > 政策法规\n中华人民共和国市场主体登记管理条例\n发布日期： 2021-07-30  来源： 国家法律法规数据库\n"
        "（2021年7月27日中华人民共和国国务院令第746号公布）\n\n第一章　总则\n\n"
        "第一条　为了规范市场主体登记管理行为，制定本条例。\n"
    )
    doc = gongwen.parse(text)
    assert doc.title == "中华人民共和国市场主体登记管理条例"


def test_a_joint_title_whose_organs_run_together_on_the_line_above():
    text = (
        "您当前所在的位置：首页 > 政务服务 > 相关政策及解读\n广州市天河区深化支持港澳青年创新创业实施办法\n"
        "发表时间：2023-08-09 23:04:15 信息来源：天河区科技工业和信息化局\n\n穗天科工信规字〔2023〕1号\n"
        "广州市天河区科技工业和信息化局 广州市天河区人力资源和社会保障局 中共广州市天河区委统战部\n"
        "关于印发广州市天河区深化支持港澳青年创新创业实施办法的通知\n区属各单位：\n现印发实施。\n"
    )
    doc = gongwen.parse(text)
    assert doc.title == (
        "广州市天河区科技工业和信息化局广州市天河区人力资源和社会保障局中共广州市天河区委统战部"
        "关于印发广州市天河区深化支持港澳青年创新创业实施办法的通知"
    )
    assert len(doc.issuers) == 3


def test_an_annex_that_is_a_parenthesised_note_and_a_year_alone_on_its_line():
    text = "各单位：\n现将计划下达。\n\n附件：2014年减量化计划表\n\n某某区人民政府\n\n2014\n年8月12日\n\n附件\n\n2014\n年减量化计划表\n\n单位：公顷\n"
    doc = gongwen.parse(text)
    assert [a.title for a in doc.annexes] == ["2014年减量化计划表"]
    note = gongwen.parse("各单位：\n现予公布。\n某某局\n2021年9月29日\n附件\n（官方直链）\n")
    assert note.annexes == [] and any(r.text == "附件：（官方直链）" for r in note.residue)


def test_a_minutes_without_mark_or_attendance_is_still_in_the_minutes_format():
    text = "关于办理环境污染刑事案件有关问题座谈会纪要\n\n2018年6月16日，有关部门在北京召开座谈会。会议纪要如下。\n"
    assert gongwen.parse(text).format == "minutes"
    filed = "某某市人民政府文件\n某政〔2020〕1号\n关于印发某某会议纪要的通知\n各单位：\n现将会议纪要印发给你们。\n"
    assert gongwen.parse(filed).format == "standard"


def test_a_joint_title_with_an_organ_a_paragraph_over_blank_lines():
    text = (
        "国家发展改革委办公厅\n\n国家能源局综合司关于做好电力现货市场试点连续试结算\n\n相关工作的通知\n\n"
        "各有关单位：\n\n现就做好相关工作通知如下。\n"
    )
    doc = gongwen.parse(text)
    assert doc.title == "国家发展改革委办公厅国家能源局综合司关于做好电力现货市场试点连续试结算相关工作的通知"


def test_eight_organs_signing_a_line_each():
    organs = [
        "商务部办公厅",
        "国家发展改革委办公厅",
        "工业和信息化部办公厅",
        "公安部办公厅",
        "财政部办公厅",
        "生态环境部办公厅",
        "税务总局办公厅",
        "市场监管总局办公厅",
    ]
    text = "各省商务主管部门：\n现就有关工作通知如下。\n" + "\n".join(organs) + "\n2025年1月17日\n"
    assert gongwen.parse(text).signatures == organs


def test_a_joint_order_signed_by_four_officers():
    officers = [
        "国家发展和改革委员会主任：郑栅洁",
        "工业和信息化部部长：李乐成",
        "住房和城乡建设部部长：倪虹",
        "交通运输部部长：刘伟",
    ]
    text = (
        "第42号\n《某某实施办法》已经审议通过，现予公布，自2026年8月1日起施行。\n"
        + "\n".join(officers)
        + "\n2026年6月5日\n"
    )
    doc = gongwen.parse(text)
    assert [s.replace("\u3000", "：") for s in doc.signatures] == officers


def test_a_notice_without_its_closing_and_the_text_it_hands_on():
    text = (
        "某区人民政府关于批转区文化局《关于进一步加强文物保护工作的实施意见》的通知\n\n各街道办事处：\n\n"
        "区文化局《关于进一步加强文物保护工作的实施意见》已经区政府同意，现批转给你们，请遵照执行。\n\n"
        "关于进一步加强文物保护工作的\n\n实施意见\n\n为了深入做好文物保护工作，提出如下意见。\n\n一、基本原则\n"
    )
    doc = gongwen.parse(text)
    assert [a.title for a in doc.annexes] == ["关于进一步加强文物保护工作的实施意见"]
    assert doc.body[-1].text.endswith("请遵照执行。")


def test_a_decision_that_republishes_the_rules_it_amends():
    text = (
        "某市人民政府关于修改《某市餐厨垃圾处理管理办法》的决定\n\n市人民政府决定，对《某市餐厨垃圾处理管理办法》作如下修改。\n\n"
        "《某市餐厨垃圾处理管理办法》根据本决定作相应修改后，重新公布。\n\n某市餐厨垃圾处理管理办法\n\n第一条　为了加强管理，制定本办法。\n"
    )
    assert [a.title for a in gongwen.parse(text).annexes] == ["某市餐厨垃圾处理管理办法"]


def test_an_interpretation_after_the_closing_is_no_annex():
    text = (
        "关于调整住房公积金贷款政策的通知\n各直属管理局：\n现将有关政策通知如下。\n某某管理局\n2022年5月16日\n"
        "《关于调整住房公积金贷款政策的通知》解读\n一、调整的背景。为支持购房需求，作出调整。\n"
    )
    doc = gongwen.parse(text)
    assert doc.annexes == []
    assert ("《关于调整住房公积金贷款政策的通知》解读", "interpretation published with the document") in [
        (r.text, r.reason) for r in doc.residue
    ]


def test_a_stray_number_before_the_pages_title_is_not_the_titles():
    text = (
        "---\ntitle: 7深圳市发展和改革委员会关于开展案例征集工作的通知\n---\n\n"
        "# 深圳市发展和改革委员会关于开展案例征集工作的通知\n\n各有关单位：\n\n现将有关事项通知如下。\n"
    )
    assert gongwen.parse(text).title == "深圳市发展和改革委员会关于开展案例征集工作的通知"
    lost = "---\ntitle: 江南省教育厅关于做好招生工作的通知\n---\n\n# 关于做好招生工作的通知\n\n各高校：\n\n现将有关事项通知如下。\n"
    assert gongwen.parse(lost).title == "江南省教育厅关于做好招生工作的通知"  # the organ's line the copy lost


def test_organs_and_a_month_under_a_bulletins_title():
    text = (
        "万载县2022年国民经济和社会发展统计公报\n访问量：1632\n关联稿件：\n"
        "图文解读：《万载县2022年国民经济和社会发展统计公报》 2023-07-12\n万载县统计局 国家统计局万载调查队\n（2023年5月）\n"
        "2022年，万载全县上下坚持稳中求进，全县经济运行呈现稳中向好的良好态势。\n一、综合\n"
    )
    doc = gongwen.parse(text)
    assert doc.title == "万载县2022年国民经济和社会发展统计公报"
    assert doc.issuers == ["万载县统计局", "国家统计局万载调查队"] and doc.date is None
    assert doc.body[0].text.startswith("2022年，万载全县")
