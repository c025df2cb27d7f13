"""The shipped examples cover every element; each parses to the structure it was written with."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ROOT

import gongwen
from gongwen.model import Heading


def read(name: str) -> gongwen.Document:
    return gongwen.read(ROOT / "examples" / name)


def test_red_head_notice_has_every_header_and_closing_element():
    doc = read("tongzhi.txt")
    assert (doc.copy_number, doc.secrecy, doc.secrecy_period, doc.urgency) == ("000025", "机密", "1年", "特急")
    assert doc.banner == "江南省人民政府办公厅文件"
    assert doc.issuers == ["江南省人民政府办公厅"]
    assert doc.doc_number.to_dict() == {"text": "江政办发〔2025〕12号", "code": "江政办发", "year": 2025, "serial": 12}
    assert doc.title == "江南省人民政府办公厅关于做好2025年春季安全生产工作的通知"
    assert (doc.kind, doc.format) == ("通知", "standard")
    assert doc.addressees == ["各市、县（区）人民政府", "省政府各部门、各直属机构"]
    assert doc.attachments == ["2025年春季安全生产重点检查事项清单", "安全生产工作情况统计表"]
    assert doc.signatures == ["江南省人民政府办公厅"]
    assert doc.date == dt.date(2025, 3, 18)
    assert doc.note == "此件发至县级人民政府"
    assert [(a.label, a.title) for a in doc.annexes] == [
        ("附件1", "2025年春季安全生产重点检查事项清单"),
        ("附件2", "安全生产工作情况统计表"),
    ]
    assert doc.cc == ["省委办公厅", "省人大常委会办公厅", "省政协办公厅", "省法院", "省检察院"]
    assert (doc.printer, doc.print_date) == ("江南省人民政府办公厅", dt.date(2025, 3, 18))
    assert doc.residue == []


def test_four_heading_levels_with_run_in_titles():
    doc = read("tongzhi.txt")
    assert [(h.level, h.label) for h in doc.headings] == [
        (1, "一、"),
        (1, "二、"),
        (2, "（一）"),
        (2, "（二）"),
        (3, "1."),
        (3, "2."),
        (4, "（1）"),
        (4, "（2）"),
        (1, "三、"),
    ]
    first_l2 = doc.headings[2]
    assert first_l2.title == "开展隐患排查整治。"
    assert first_l2.text.startswith("各地要组织力量")
    assert doc.headings[3] == Heading(2, "（二）", "强化重点时段防范。", "")


def test_request_with_two_signers():
    doc = read("qingshi.txt")
    assert doc.signers == ["王建国", "李卫东"]
    assert doc.doc_number.text == "清政〔2025〕7号"
    assert doc.kind == "请示"
    assert doc.note == "联系人：刘芳，电话：0797-8123456"
    assert doc.body[-1].text == "妥否，请批示。"


def test_joint_issuance_of_two_organs():
    doc = read("lianhe.txt")
    assert doc.issuers == ["江南省教育厅", "江南省财政厅"]
    assert doc.banner == "江南省教育厅江南省财政厅文件"
    assert doc.signatures == ["江南省教育厅", "江南省财政厅"]
    assert len(doc.annexes) == 1
    annex = doc.annexes[0]
    assert annex.title == "江南省学生资助资金管理办法"
    assert annex.body[0].text == "第一章　总则"  # the space after a chapter number is kept, as written
    assert annex.body[1].text.startswith("第一条")
    assert doc.cc == ["教育部", "财政部"]
    assert doc.printer == "江南省教育厅办公室"


def test_letter():
    doc = read("han.txt")
    assert (doc.kind, doc.format) == ("函", "letter")
    assert doc.banner == "江南省交通运输厅"
    assert doc.doc_number.code == "江交函"
    assert doc.attachments == ["临江大桥建设项目用地范围图"]


def test_minutes_with_attendance():
    doc = read("jiyao.txt")
    assert (doc.kind, doc.format) == ("纪要", "minutes")
    assert doc.banner == "江南省人民政府常务会议纪要"
    assert doc.order_number == "第15期"
    assert doc.issuers == ["江南省人民政府办公厅"]
    assert doc.date == dt.date(2025, 6, 12)
    assert [(a.role, a.names) for a in doc.attendance] == [
        ("出席", ["李明", "王强", "赵红", "陈刚", "周丽"]),
        ("请假", ["孙涛（出差）"]),
        ("列席", ["省政府办公厅", "省水利厅", "省粮食和物资储备局负责同志"]),
    ]
    assert [h.label for h in doc.headings] == ["一、", "二、"]


def test_order_with_order_number():
    doc = read("mingling.txt")
    assert (doc.kind, doc.format) == ("令", "order")
    assert doc.order_number == "第28号"
    assert doc.issuers == ["江南省人民政府"]
    assert doc.date == dt.date(2025, 4, 20)
    assert doc.body[0].text.startswith("《江南省城市绿化管理办法》")


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.txt")), ids=lambda p: p.name)
def test_examples_need_no_repairs(path):
    doc = gongwen.read(path)
    assert doc.warnings == []
