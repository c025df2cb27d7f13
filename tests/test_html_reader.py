"""Web pages saved as HTML: the document read out of the page, the page's own text set aside."""

from __future__ import annotations

import contextlib
import html

import pytest
from conftest import EXAMPLES, SEEDS, structure
from hypothesis import given, settings
from hypothesis import strategies as st

import gongwen
from gongwen.readers.html import html_to_text

PAGE = """<!DOCTYPE html>
<html><head><meta charset="gb2312"><title>关于做好春季森林防火工作的通知_江南省人民政府网</title>
<script>var hidden = "脚本里的字";</script><style>.a{color:red}</style></head>
<body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 通知公告</div>
<div class="article">
<h1>江南省人民政府办公厅关于做好春季森林防火工作的通知</h1>
<div class="info">发布时间：2025-03-18&nbsp;&nbsp;来源：省政府办公厅&nbsp;&nbsp;浏览次数：<span>1234</span></div>
<!-- 注释里的字 -->
<div class="content">
<p style="text-align:center">赣府厅字〔2025〕21号</p>
<p>各市、县（区）人民政府，省政府各部门：</p>
<p>&emsp;&emsp;当前，我省已进入森林防火紧要期。为切实做好春季森林防火工作，
现就有关事项通知如下。</p>
<p>&emsp;&emsp;<strong>一、压实防火责任。</strong>各地要严格落实地方行政首长负责制。</p>
<p>&emsp;&emsp;<strong>二、加强火源管控。</strong>严禁野外违规用火。</p>
<p>&emsp;&emsp;附件：<a href="a.doc">森林防火责任清单</a></p>
<p style="text-align:right">江南省人民政府办公厅</p>
<p style="text-align:right">2025年3月17日</p>
<p>（此件主动公开）</p>
</div></div>
<div class="footer">相关链接：<br><a>国务院办公厅关于加强森林防火工作的通知</a><br>版权所有：江南省人民政府办公厅</div>
</body></html>
"""


def test_a_saved_government_page_gives_the_document_and_sets_the_page_aside(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.encode("gb18030"))  # as the page's meta charset (gb2312) says
    doc = gongwen.read(path)
    assert doc.title == "江南省人民政府办公厅关于做好春季森林防火工作的通知"
    assert doc.doc_number.text == "赣府厅字〔2025〕21号"
    assert doc.addressees == ["各市、县（区）人民政府", "省政府各部门"]
    assert [b.label for b in doc.headings] == ["一、", "二、"]
    assert doc.attachments == ["森林防火责任清单"]
    assert doc.signatures == ["江南省人民政府办公厅"] and str(doc.date) == "2025-03-17"
    assert doc.note == "此件主动公开"
    reasons = {r.text: r.reason for r in doc.residue}
    assert reasons["首页 > 政务公开 > 通知公告"] == "web page navigation"  # as the page has it
    assert reasons["国务院办公厅关于加强森林防火工作的通知"] == "web page chrome"
    everything = str(doc.to_dict())
    assert "脚本里的字" not in everything and "注释里的字" not in everything and "color" not in everything


def test_table_cells_are_set_apart_and_line_breaks_end_lines():
    text = html_to_text(
        "<html><body><p>甲<br>乙</p><table><tr><td>单位</td><td>责任人</td></tr>"
        "<tr><td>南昌市</td><td>张三</td></tr></table></body></html>".encode()
    )
    lines = [line for line in text.splitlines() if line]
    assert lines == ["甲", "乙", "单位    责任人", "南昌市    张三"]


@pytest.mark.parametrize(
    "page", ["<html><head><script>var a = 1;</script></head><body>  </body></html>", "<!-- 只有注释 -->"]
)
def test_a_page_without_text_is_refused_with_a_reason(tmp_path, page):
    path = tmp_path / "empty.html"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(gongwen.InputError, match="no text"):
        gongwen.read(path)


MARKUP = ["<p>", "</p>", "<br>", "<td>", "<table>", "<!--", "-->", "<?xml ", "?>", "&nbsp;", "&#0;", "中", " "]
MARKUP += ['<meta charset="x">', "<script>", "<html>", "<body>", "<![CDATA[", "<!DOCTYPE html>"]


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=400),
        st.text(max_size=200).map(lambda t: f"<p>{t}</p>".encode()),
        st.lists(st.sampled_from(MARKUP), max_size=30).map(lambda parts: "".join(parts).encode()),
    )
)
def test_any_bytes_are_read_or_refused_with_a_reason(data):
    with contextlib.suppress(gongwen.InputError):  # any other exception fails the test
        html_to_text(data)


@pytest.mark.parametrize("path", SEEDS + EXAMPLES, ids=lambda p: p.stem)
def test_a_document_published_as_a_web_page_parses_like_its_text(path, tmp_path):
    """Every seed and example, one <p> per line with entity-escaped text, indents and gaps as a CMS writes
    them (a browser would collapse plain spaces, so pages space with &emsp; and &nbsp;)."""
    text = path.read_text(encoding="utf-8")
    paragraphs = "\n".join(
        f"<p>{'&emsp;&emsp;' if line.startswith(' ') else ''}"
        f"<span>{html.escape(line.strip()).replace(' ', '&nbsp;')}</span></p>"
        for line in text.splitlines()
    )
    page = tmp_path / f"{path.stem}.htm"
    page.write_text(f'<html><head><meta charset="utf-8"></head><body>{paragraphs}</body></html>', encoding="utf-8")
    assert structure(gongwen.read(page)) == structure(gongwen.parse(text))


def test_folders_of_web_pages_convert_in_a_batch(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_bytes(PAGE.encode("gb18030"))
    results = gongwen.convert_many([tmp_path / "in"], tmp_path / "out", ["xml"], jobs=1)
    assert [r.status for r in results] == ["converted"]
    assert (tmp_path / "out" / "page.xml").exists()


@pytest.mark.parametrize("path", SEEDS + EXAMPLES, ids=lambda p: p.stem)
def test_a_document_published_as_preformatted_text_parses_like_its_text(path, tmp_path):
    """Some sites publish the text as it was typed, in a <pre> block: its lines and indents are kept."""
    text = path.read_text(encoding="utf-8")
    page = tmp_path / f"{path.stem}.html"
    page.write_text(f"<html><body><pre>{html.escape(text)}</pre></body></html>", encoding="utf-8")
    assert structure(gongwen.read(page)) == structure(gongwen.parse(text))
