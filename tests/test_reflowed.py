"""Text whose lines are set differently from the document's own: hard-wrapped at a fixed width, wrapped
inside a page's chrome, a one-line document among chrome lines. The parse reads the document, not the
line breaks."""

from __future__ import annotations

import gongwen
from gongwen.parsing.wrapped import unwrap_hard_wrapped

NOTICE = (
    "江南省人民政府办公厅关于做好二〇二四年春季农业生产防灾减灾工作的通知\n"
    "各市、县人民政府，省政府各部门、各直属机构：\n"
    "为切实做好今年春季农业生产防灾减灾工作，确保粮食和重要农产品稳定安全供给，经省政府同意，现将有关事项通知如下。\n"
    "一、压实工作责任\n"
    "各地要把春季农业生产防灾减灾工作摆上重要位置，主要负责同志亲自部署，分管负责同志抓好落实，确保各项措施落到实处。\n"
    "二、加强监测预警\n"
    "气象、水利、农业农村部门要密切监测天气变化，及时发布预警信息，指导农户做好防范应对，最大限度减轻灾害损失。\n"
    "附件：江南省二〇二四年春季农业生产防灾减灾重点任务分工表\n"
    "江南省人民政府办公厅\n"
    "2024年3月1日\n"
)


def _wrapped(text: str, width: int) -> str:
    out = []
    for line in text.split("\n"):
        out.extend(line[k : k + width] for k in range(0, len(line), width)) if line else out.append(line)
    return "\n".join(out)


def _fields(doc: gongwen.Document) -> tuple[object, ...]:
    body = "".join(getattr(b, "text", "") + getattr(b, "title", "") for b in doc.body)
    return (doc.title, doc.addressees, doc.attachments, doc.signatures, doc.date, body)


def test_a_hard_wrapped_text_parses_as_its_unwrapped_self():
    whole = gongwen.parse(NOTICE)
    assert whole.title and whole.title.endswith("工作的通知") and whole.signatures == ["江南省人民政府办公厅"]
    for width in (20, 24, 28, 33, 40):
        wrapped = gongwen.parse(_wrapped(NOTICE, width))
        assert _fields(wrapped) == _fields(whole), width
        if width <= 24:  # the title and the attachment's name wrapped: lines were joined, and it says so
            assert any("hard-wrapped" in w for w in wrapped.warnings), width


def test_unwrapping_keeps_indented_lines_and_new_elements_apart():
    prose = (
        "各地要把春季农业生产防灾减灾工作摆上重要位置，主要负责同志亲自部署，分管负责同志抓好落实，确保各项措施落"
        "到实处，气象、水利、农业农村部门要密切监测天气变化，及时发布预警信息，指导农户做好防范应对，最大限度减轻"
        "灾害损失，切实保障粮食和重要农产品稳定安全供给江南省二〇二四年春季农业生产防灾减灾重点任务分工表及其填表"
        "说明和联系人名单一份，请各地各部门于三月十五日前报送省农业农村厅，逾期未报的，将在全省范围内予以通报，"
        "并纳入年度目标责任考核，各地要加强值班值守，严格执行领导带班和二十四小时值班制度，确保各类信息及时准确畅通无阻"
    )
    assert len(prose) >= 260
    lines = [prose[0:30], prose[30:60], prose[60:90], prose[90:120], prose[120:150], "  " + prose[150:178]]
    lines += [prose[178:208], "附件：" + prose[208:235], prose[235:260]]
    unwrapped, joined, _ = unwrap_hard_wrapped("\n".join(lines) + "\n")
    out = unwrapped.split("\n")
    assert out[0] == prose[0:150]  # full lines go on with the next
    # an indented line starts a paragraph and stays whole, for the body to tell its first line by its length
    assert out[1:3] == ["  " + prose[150:178], prose[178:208]]
    assert out[3] == "附件：" + prose[208:260]  # 附件 starts an element of its own; its wrapped title is joined
    assert joined == 5


def test_a_list_of_lines_of_one_length_is_no_hard_wrap():
    items = "\n".join(f"{i}.江南省第{i}批重点建设项目清单" for i in range(10, 40))
    text = f"附件：\n{items}\n江南省人民政府办公厅\n"
    assert unwrap_hard_wrapped(text) == (text, 0, None)


def test_a_headline_between_the_sites_metadata_and_the_articles_source_line():
    text = (
        "首页 > 政务公开 > 政策文件\n索引号：000014349/2024-00012　主题分类：综合政务\n"
        "发布时间：2024-03-05 10:20:33　来源：办公厅\n"
        "设为首页\n工作邮箱\n江南省能源局关于做好二〇二四年迎峰度夏电力供应保障\n工作的通知\n"
        "2024-03-05 10:04\n来源：江南省能源局\n"
        "各市能源主管部门：\n为做好今年迎峰度夏电力供应保障工作，现将有关事项通知如下。\n"
        "江南省能源局\n2024年3月1日\n"
    )
    doc = gongwen.parse(text)
    assert doc.title == "江南省能源局关于做好二〇二四年迎峰度夏电力供应保障工作的通知"
    assert doc.addressees == ["各市能源主管部门"]


def test_a_markdown_note_wrapped_onto_unquoted_lines_stays_a_note():
    text = (
        "> 本文正文由脚本自官方公开页面提取，仅供检索查阅；以官方链接发布版本\n为准。\n\n"
        "# 江南省人民政府关于延长《江南省河道管理办法》有效期的决定\n\n"
        "经省政府研究，决定延长《江南省河道管理办法》有效期至2029年12月31日。\n\n江南省人民政府\n\n2024年3月1日\n"
    )
    doc = gongwen.parse(text)
    assert doc.title == "江南省人民政府关于延长《江南省河道管理办法》有效期的决定"
    assert any(r.text == "为准。" and r.reason == "note of the copy" for r in doc.residue)


def test_a_one_line_document_among_a_pages_chrome_lines_is_read_as_a_document():
    glued = NOTICE.replace("\n", "")
    text = "首页 > 政务公开\n【字体：大 中 小】 【打印】\n" + glued + "\n网站地图 | 联系我们\n京ICP备05070218号\n"
    doc = gongwen.parse(text)
    assert doc.title == gongwen.parse(glued).title and doc.title and doc.title.endswith("的通知")
    assert doc.date is not None and str(doc.date) == "2024-03-01"


def test_a_signature_wrapped_with_a_blank_line_between_its_parts():
    lines = NOTICE.replace("江南省人民政府办公厅\n2024", "江南省人民政\n府办公厅\n2024").split("\n")
    doc = gongwen.parse("\n\n".join(lines))  # every line a paragraph, as a web page sets it
    assert doc.signatures == ["江南省人民政府办公厅"]
    assert str(doc.date) == "2024-03-01"


def test_a_crawlers_field_header_and_a_page_glued_into_one_line():
    text = (
        "标题: 关于同意实施暴雨强度公式的批复\n发布时间: 2015-09-17 09:00\n文号: \n发布机构: 中国平潭\n"
        "==================== 正文 ====================\n"
        "当前位置： 首页政务公开最新文件 关于同意实施暴雨强度公式的批复 时间：2015-09-17 09:00 微信 微博 QQ空间 "
        "岚综管综〔2015〕185号平潭综合实验区管委会关于同意实施暴雨强度公式的批复区交通与建设局，区气象局："
        + "你们联合报送的请示收悉，经研究，现批复如下：同意实施暴雨强度公式及设计雨型。" * 8
        + "特此批复。平潭综合实验区管委会2015年9月15日 来源：中国平潭 附件下载\n"
    )
    doc = gongwen.parse(text)
    assert doc.title == "平潭综合实验区管委会关于同意实施暴雨强度公式的批复"
    assert doc.doc_number is not None and doc.doc_number.text == "岚综管综〔2015〕185号"
    assert doc.addressees == ["区交通与建设局", "区气象局"]
    assert doc.signatures == ["平潭综合实验区管委会"] and str(doc.date) == "2015-09-15"
    assert ("标题: 关于同意实施暴雨强度公式的批复", "front matter") in [(r.text, r.reason) for r in doc.residue]


def test_a_glued_page_whose_notice_has_no_addressee():
    body = "根据有关法律法规，为加强饮用水水源保护区保护管理，现就有关事项通告如下。" * 8
    text = (
        "当前位置： 首页政务公开最新文件 平潭综合实验区管委会关于加强水源保护管理的通告 时间：2016-03-25 13:21 微信 微博 "
        f"平潭综合实验区管委会关于加强水源保护管理的通告岚综管综〔2016〕52号 {body}特此通告。 平潭综合实验区管委会 "
        "2016年3月24日 来源：中国平潭 附件下载\n"
    )
    doc = gongwen.parse(text)
    assert doc.title == "平潭综合实验区管委会关于加强水源保护管理的通告"
    assert doc.doc_number is not None and doc.doc_number.text == "岚综管综〔2016〕52号"
    assert doc.signatures == ["平潭综合实验区管委会"] and str(doc.date) == "2016-03-24"
    assert doc.annexes == []  # 附件下载 is the page's button


def test_a_glued_page_that_begins_at_its_addressees():
    body = "为深入推进文明城市创建工作，现将工作方案印发给你们，请认真贯彻执行。" * 12
    text = (
        "标题: 某片区管理局关于印发《某片区创建文明城市工作方案》的通知\n发布时间: 2023-06-05 16:28\n文号: \n"
        "页面链接与图片详见 links.tsv(同目录)\n==================== 正文 ====================\n"
        "当前位置： 首页政务公开最新文件部门文件 某片区管理局关于印发 《某片区创建文明城市工作方案》的通知 "
        f"时间：2023-06-05 16:28 微信 微博 QQ空间 各处室、机关党委，办事处，各村委会：{body}\n"
    )
    doc = gongwen.parse(text)
    assert doc.addressees == ["各处室、机关党委", "办事处", "各村委会"]
    assert doc.title == "某片区管理局关于印发《某片区创建文明城市工作方案》的通知"
    assert ("页面链接与图片详见links.tsv（同目录）", "unrecognised text above the title") in [
        (r.text, r.reason) for r in doc.residue
    ]


def test_a_glued_notice_and_the_text_it_issues_after_its_date():
    issued = "2023年是文明城市创建总评年，为全面提升创建工作水平，制定如下工作方案：一、工作目标。" * 6
    line = (
        "某片区管理局〔2023〕5号某片区管理局关于印发《某片区创建文明城市工作方案》的通知各处室，各村委会："
        "《某片区创建文明城市工作方案》已经研究同意，现予以印发，请认真贯彻执行。 某片区管理局 2023年6月5日"
        f"某片区创建文明城市工作方案 {issued}"
    )
    doc = gongwen.parse(line)
    assert doc.signatures == ["某片区管理局"] and str(doc.date) == "2023-06-05"
    assert [a.title for a in doc.annexes] == ["某片区创建文明城市工作方案"]


def test_a_crawlers_header_under_a_sites_lines():
    header = "标题: 关于加强水源保护管理的通告\n发布时间: 2016-03-25 13:21\n文号: \n发布机构: 中国平潭\n"
    doc = gongwen.parse(
        "首页 > 政务公开 > 政策文件\n【字体：大 中 小】 【打印】\n"
        + header
        + "关于加强水源保护管理的通告\n为加强管理，特通告如下。\n"
    )
    assert ("发布时间: 2016-03-25 13:21", "front matter") in [(r.text, r.reason) for r in doc.residue]
    assert doc.title == "关于加强水源保护管理的通告"
