"""DOCX output: read back for its settings, and rendered by LibreOffice and measured from glyph positions."""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile

import docx
import pdfplumber
import pytest
from conftest import EXAMPLES, PAGE_NUMBER_RE, SEEDS, check_page_numbers, pdf_lines, structure
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

import gongwen
from gongwen.layout import spec
from gongwen.libreoffice import find_soffice, soffice_convert

MM = spec.MM_PER_PT
DOCS = SEEDS + EXAMPLES
# LibreOffice lets a line-final ，。、；： hang into the margin whatever w:overflowPunct says; Word and WPS
# honour w:overflowPunct="0". Such a mark may end up to one character beyond the 版心.
HANGING = set("，。、；：")
W = qn


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("docx")
    files = {}
    for path in DOCS:
        doc = gongwen.read(path)
        files[path.stem] = (doc, gongwen.write(doc, out / f"{path.stem}.docx"))
    return files


@pytest.fixture(scope="module")
def rendered(written, tmp_path_factory):
    soffice = find_soffice()
    if not soffice:
        pytest.skip("LibreOffice is not installed")
    out = tmp_path_factory.mktemp("rendered")
    profile = tmp_path_factory.mktemp("lo-profile")
    soffice_convert(soffice, [p for _, p in written.values()], "pdf", out, profile)
    return {stem: (doc, out / f"{stem}.pdf") for stem, (doc, _) in written.items()}


def lines_of(page) -> list[dict]:
    return pdf_lines(page, 1)


def body_size_lines(page) -> list[dict]:
    """The lines set in the body's 16 pt (3号)."""
    return [ln for ln in lines_of(page) if abs(ln["size"] - 16) < 0.01]


# -- read back -----------------------------------------------------------------------------------
@pytest.mark.parametrize("stem", [p.stem for p in DOCS])
def test_section_grid_and_margins(written, stem):
    _, path = written[stem]
    d = docx.Document(str(path))
    section = d.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.top_margin.mm, 1) == 37.0 and round(section.left_margin.mm, 1) == 28.0
    assert round(section.right_margin.mm, 1) == 26.0 and abs(section.bottom_margin.mm - 35) < 0.1
    grid = section._sectPr.find(W("w:docGrid"))
    assert grid.get(W("w:type")) == "lines" and grid.get(W("w:linePitch")) == "580"
    text_height = section.page_height.twips - section.top_margin.twips - section.bottom_margin.twips
    assert text_height == 22 * 580


@pytest.mark.parametrize("stem", [p.stem for p in DOCS])
def test_every_run_names_an_east_asian_font_and_a_size(written, stem):
    _, path = written[stem]
    d = docx.Document(str(path))
    body = d.element.body
    runs = [r for r in body.iter(W("w:r")) if r.find(W("w:t")) is not None]
    assert runs
    for r in runs:
        fonts = r.find(f"{W('w:rPr')}/{W('w:rFonts')}")
        assert (
            fonts is not None
            and fonts.get(W("w:eastAsia"))
            and fonts.get(W("w:ascii")) == "Times New Roman"
            or fonts.get(W("w:ascii")) == "宋体"
        )
        assert r.find(f"{W('w:rPr')}/{W('w:sz')}") is not None
        assert r.find(f"{W('w:rPr')}/{W('w:lang')}").get(W("w:eastAsia")) == "zh-CN"
    styles = d.styles.element
    assert not [f for f in styles.iter(W("w:rFonts")) if f.get(W("w:asciiTheme")) or f.get(W("w:eastAsiaTheme"))]


def _runs_by_text(d):
    out = {}
    for p in d.paragraphs:
        for r in p.runs:
            if r.text:
                rpr = r._r.find(W("w:rPr"))
                out.setdefault(
                    r.text,
                    (
                        rpr.find(W("w:rFonts")).get(W("w:eastAsia")),
                        int(rpr.find(W("w:sz")).get(W("w:val"))),
                        rpr.find(W("w:color")).get(W("w:val")) if rpr.find(W("w:color")) is not None else None,
                    ),
                )
    return out


def test_fonts_sizes_and_colours_of_the_elements(written):
    doc, path = written["tongzhi"]
    runs = _runs_by_text(docx.Document(str(path)))
    assert runs[doc.banner] == ("方正小标宋简体", 72, spec.RED_HEX)
    assert runs["江南省人民政府办公厅关于"] == ("方正小标宋简体", 44, None)
    assert runs["机密★1年"][0] == "黑体"
    assert runs["一、总体要求"] == ("黑体", 32, None)
    assert runs["（一）开展隐患排查整治。"] == ("楷体_GB2312", 32, None)
    assert runs["1.加强节假日值班值守。"] == ("仿宋_GB2312", 32, None)
    assert runs[doc.doc_number.text][0] == "仿宋_GB2312"
    assert any(text.startswith("抄送：") and value[1] == 28 for text, value in runs.items())


def test_signer_names_in_kaiti_label_in_fangsong(written):
    _, path = written["qingshi"]
    runs = _runs_by_text(docx.Document(str(path)))
    assert runs["\t签发人："][0] == "仿宋_GB2312"
    assert runs["王建国　李卫东"][0] == "楷体_GB2312"


def test_odd_and_even_footers_carry_the_page_field(written):
    _, path = written["tongzhi"]
    d = docx.Document(str(path))
    assert d.settings.element.find(W("w:evenAndOddHeaders")) is not None
    section = d.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer.paragraphs[0]
        assert p.alignment is not None and side.upper() in str(p.alignment)
        xml = p._p.xml
        assert "PAGE" in xml and xml.count("—") == 2


def test_paragraph_order_follows_the_document(written):
    doc, path = written["tongzhi"]
    texts = [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    expected = [
        "000025",
        "机密★1年",
        "特急",
        doc.banner,
        doc.doc_number.text,
        "江南省人民政府办公厅关于",
        "做好2025年春季安全生产工作的通知",
        "各市、县（区）人民政府，省政府各部门、各直属机构：",
    ]
    assert texts[: len(expected)] == expected
    tail = [
        t
        for t in texts[len(expected) :]
        if t.startswith(("附件：", "江南省人民政府办公厅", "2025年3月18日", "（此件", "附件1", "抄送"))
    ]
    assert tail[0].startswith("附件：1.") and tail[1] == "江南省人民政府办公厅" and tail[2] == "2025年3月18日"
    assert texts[-1].startswith("江南省人民政府办公厅\t2025年3月18日印发")


def test_parsed_back_from_its_own_text(written):
    """The DOCX holds the document's words: reading its paragraphs back gives the same structure."""
    doc, path = written["qingshi"]
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    again = gongwen.parse(text)
    assert again.title == doc.title and again.signers == doc.signers and again.date == doc.date
    assert [h.label for h in again.headings] == [h.label for h in doc.headings]


# -- rendered by LibreOffice ---------------------------------------------------------------------
@pytest.mark.parametrize("stem", ["tongzhi", "lianhe"])
def test_package_holds_only_the_parts_and_styles_a_document_uses(written, stem):
    _, path = written[stem]
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        styles = package.read("word/styles.xml").decode("utf-8")
        document = package.read("word/document.xml").decode("utf-8")
    for unused in ("thumbnail", "theme", "customXml", "stylesWithEffects", "numbering", "webSettings"):
        assert not any(unused in name for name in names), unused
    assert {"word/document.xml", "word/styles.xml", "word/settings.xml", "word/fontTable.xml"} <= names
    style_ids = set(re.findall(r'w:styleId="([^"]+)"', styles))
    assert "Normal" in style_ids and len(style_ids) <= 10 and "latentStyles" not in styles
    for used in re.findall(r'w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', document):
        assert used in style_ids


def test_font_table_names_every_font_used_with_chinese_substitutes(written):
    _, path = written["tongzhi"]
    with zipfile.ZipFile(path) as package:
        table = package.read("word/fontTable.xml").decode("utf-8")
        used = set(
            re.findall(r'<w:rFonts [^>]*w:eastAsia="([^"]+)"', package.read("word/document.xml").decode("utf-8"))
        )
    fonts = dict(re.findall(r'<w:font w:name="([^"]+)">(.*?)</w:font>', table))
    assert used and used <= set(fonts)
    assert '<w:altName w:val="仿宋"/>' in fonts["仿宋_GB2312"]
    assert '<w:altName w:val="楷体"/>' in fonts["楷体_GB2312"]
    for name in used:
        assert '<w:charset w:val="86"/>' in fonts[name], name
    assert "ＭＳ" not in table  # no Japanese faces from a template


@pytest.mark.parametrize("stem", [p.stem for p in DOCS])
def test_rendered_glyphs_inside_the_type_area(rendered, stem):
    doc, path = rendered[stem]
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for line in lines_of(page):
                if PAGE_NUMBER_RE.match(line["text"]):
                    continue
                if doc.format == "letter" and line["chars"][0]["non_stroking_color"] not in ((0,), (0, 0, 0), 0, None):
                    continue  # the 信函 mark stands 30 mm from the paper's top (10.1)
                for ch in line["chars"]:
                    hangs = ch["text"] in HANGING and ch is line["chars"][-1]
                    right = 184 + (spec.SIZE_3 * MM + 0.1 if hangs else 0.2)
                    assert ch["x0"] * MM >= 27.8 and ch["x1"] * MM <= right, (line["text"], ch["text"])
                    assert ch["top"] * MM >= 36.8 and ch["bottom"] * MM <= 262.2, (line["text"], ch["text"])


@pytest.mark.parametrize("stem", [p.stem for p in DOCS])
def test_rendered_body_lines_on_the_grid(rendered, stem):
    _, path = rendered[stem]
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            body = body_size_lines(page)
            assert len(body) <= 22
            if not body:
                continue
            for line in body:
                steps = (line["baseline"] - body[0]["baseline"]) / spec.LINE_PITCH
                assert abs(steps - round(steps)) * spec.LINE_PITCH < 0.15, line["text"]
                top_steps = (line["baseline"] - spec.MARGIN_TOP) / spec.LINE_PITCH
                assert 0 <= top_steps < 22


def test_rendered_full_pages_hold_22_lines(rendered):
    _, path = rendered["002_f9a5f8afe78058de"]
    with pdfplumber.open(path) as pdf:
        counts = [len([ln for ln in lines_of(p) if not PAGE_NUMBER_RE.match(ln["text"])]) for p in pdf.pages]
    assert max(counts) == 22
    assert all(n >= 21 for n in counts[1:-2]), counts


@pytest.mark.parametrize("stem", [p.stem for p in DOCS])
def test_rendered_wrapped_lines_end_at_the_right_edge(rendered, stem):
    _, path = rendered[stem]
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines = body_size_lines(page)
            for line, following in zip(lines, lines[1:], strict=False):
                consecutive = abs(following["baseline"] - line["baseline"] - spec.LINE_PITCH) < 0.15
                if consecutive and abs(following["x0"] - 28) < 0.3 and line["x0"] < 40 and len(line["text"]) >= 20:
                    if line["text"][-1] in HANGING and line["x1"] > 184.5:
                        continue  # LibreOffice's hanging punctuation, see HANGING
                    assert abs(line["x1"] - 184) < 0.5, line["text"]


@pytest.mark.parametrize("stem", [p.stem for p in DOCS])
def test_rendered_page_numbers(rendered, stem):
    doc, path = rendered[stem]
    with pdfplumber.open(path) as pdf:
        check_page_numbers(doc, pdf, lines_of, centre_tolerance=1.5, edge_tolerance=0.3)


@pytest.mark.parametrize("stem", [p.stem for p in DOCS])
def test_rendered_pdf_text_parses_back_to_the_document(rendered, stem):
    """LibreOffice's PDF of the DOCX (its own line breaks and fonts), read by pdftotext, gives the document
    back, apart from the line-final marks LibreOffice leaves out (see the README)."""
    doc, pdf = rendered[stem]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout

    def comparable(d: gongwen.Document) -> str:
        return re.sub("[，、。；：]", "", json.dumps(structure(d), ensure_ascii=False))

    assert comparable(gongwen.parse(text)) == comparable(doc)


def test_rendered_mark_rule_and_colophon(rendered):
    doc, path = rendered["tongzhi"]
    with pdfplumber.open(path) as pdf:
        first, last = pdf.pages[0], pdf.pages[-1]
        mark = next(ln for ln in lines_of(first) if ln["text"] == doc.banner)
        red = [ln for ln in first.lines if abs(ln["x1"] - ln["x0"]) * MM > 150]
        rules = sorted((ln for ln in last.lines if abs(ln["x1"] - ln["x0"]) * MM > 150), key=lambda r: r["top"])
        last_text = lines_of(last)
    assert abs(mark["chars"][0]["top"] * MM - 72) < 2.5
    assert all(c["non_stroking_color"] == pytest.approx(spec.RED, abs=0.02) for c in mark["chars"])
    assert len(red) == 1 and abs(red[0]["x0"] * MM - 28) < 0.1 and abs(red[0]["x1"] * MM - 184) < 0.1
    assert len(rules) == 3 and abs((rules[-1]["top"] + rules[-1]["bottom"]) / 2 * MM - 262) < 0.2
    printed = [ln for ln in last_text if ln["text"].endswith("印发")][0]
    assert abs(printed["x1"] - (184 - spec.SIZE_4 * MM)) < 0.5


def _render_one(docx_path, out_dir):
    soffice = find_soffice()
    if not soffice:
        pytest.skip("LibreOffice is not installed")
    soffice_convert(soffice, [docx_path], "pdf", out_dir, out_dir / "profile", timeout=180)
    return out_dir / (docx_path.stem + ".pdf")


FILLER = "各地要加强组织领导，明确工作责任，确保各项措施落实到位，加强督促检查。"
# 41 paragraphs fill the 4th page, so the 版记 needs a new page; double-sided, that is page 6
FULL_EVEN_PAGE = (
    "关于加强管理的通知\n各单位：\n"
    + "\n".join([FILLER] * 41)
    + "\n江南省财政厅\n2025年1月8日\n抄送：财政部，审计署。\n江南省财政厅办公室    2025年1月9日印发\n"
)


def test_double_sided_blank_page_and_colophon_unnumbered(tmp_path):
    path = gongwen.write(gongwen.parse(FULL_EVEN_PAGE), tmp_path / "double.docx", double_sided=True)
    pdf_path = _render_one(path, tmp_path)
    with pdfplumber.open(pdf_path) as pdf:
        numbers = [[ln["text"] for ln in lines_of(p) if PAGE_NUMBER_RE.match(ln["text"])] for p in pdf.pages]
        texts = [[ln["text"] for ln in lines_of(p)] for p in pdf.pages]
    assert numbers == [["— 1 —"], ["— 2 —"], ["— 3 —"], ["— 4 —"], [], []]
    assert texts[4] == [] and texts[5][0].startswith("抄送")


def test_seal_image_is_anchored_on_the_signature(tmp_path):
    from PIL import Image

    seal = tmp_path / "seal.png"
    Image.new("RGBA", (200, 200), (220, 20, 23, 180)).save(seal)
    path = gongwen.write(gongwen.read(EXAMPLES[0].parent / "han.txt"), tmp_path / "sealed.docx", seal=str(seal))
    xml = docx.Document(str(path)).element.body.xml
    assert "<wp:anchor" in xml and "r:embed" in xml
    pdf_path = _render_one(path, tmp_path)
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        lines = lines_of(page)
        images = page.images
    signature = next(ln for ln in lines if ln["text"] == "江南省交通运输厅" and abs(ln["size"] - 16) < 0.01)
    date = next(ln for ln in lines if ln["text"].replace(" ", "") == "2025年4月2日")
    assert abs(date["x1"] - (184 - 4 * 5.556)) < 0.6  # right-indented 4 字
    assert len(images) == 1
    centre = (images[0]["x0"] + images[0]["x1"]) / 2 * MM
    assert abs(centre - (signature["x0"] + signature["x1"]) / 2) < 1.5
    assert images[0]["top"] * MM < signature["baseline"] < images[0]["bottom"] * MM


def test_each_document_starts_from_a_clean_package_and_the_same_input_gives_the_same_bytes(tmp_path):
    """Documents start from one package made per process: a seal or an extra section of one document
    must not reach the next, and the file (its ZIP dates included) depends on the input alone."""
    from PIL import Image

    from gongwen.layout.options import LayoutOptions
    from gongwen.writers.docx import render_docx

    seal = tmp_path / "seal.png"
    Image.new("RGBA", (120, 120), (220, 20, 23, 180)).save(seal)
    plain = gongwen.read(EXAMPLES[0].parent / "han.txt")
    before = render_docx(plain)
    sealed = render_docx(plain, LayoutOptions(seal=str(seal)))
    blank_page = render_docx(gongwen.parse(FULL_EVEN_PAGE), LayoutOptions(double_sided=True))
    after = render_docx(plain)
    assert after == before
    sealed_names, blank_page_names, plain_names = (
        set(zipfile.ZipFile(io.BytesIO(data)).namelist()) for data in (sealed, blank_page, after)
    )
    assert any(name.startswith("word/media/") for name in sealed_names)
    footers = [len([n for n in names if n.startswith("word/footer")]) for names in (blank_page_names, plain_names)]
    assert footers[0] > footers[1]
    with zipfile.ZipFile(io.BytesIO(after)) as z:
        assert z.testzip() is None
        assert not any(name.startswith("word/media/") for name in z.namelist())
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_title_longer_than_the_core_properties_hold_is_cut_there(tmp_path):
    doc = gongwen.parse("关于" + "加强安全生产" * 50 + "的通知\n各单位：\n现将有关事项通知如下。\n")
    assert len(doc.title) > 255
    path = gongwen.write(doc, tmp_path / "long.docx")
    document = docx.Document(str(path))
    assert document.core_properties.title == doc.title[:255]
    assert any(p.text.startswith("关于加强安全生产") for p in document.paragraphs)


def test_markup_characters_are_escaped_and_characters_xml_cannot_hold_are_left_out(tmp_path):
    """Text is written into the XML as text: <, > and & stay what they are, and a control character
    put into the model through the API (no reader lets one through) does not break the file."""
    doc = gongwen.parse("关于<规范>&“标准”的通知\n各单位：\n现将有关事项通知如下。\n")
    doc.body[0].text = "第一\x01段\ufffe<b>&amp;</b>\ud800"
    doc.signatures = ["江南省\udc80人民政府"]
    path = gongwen.write(doc, tmp_path / "escaped.docx")
    document = docx.Document(str(path))  # parses every part
    texts = [p.text for p in document.paragraphs]
    assert "关于<规范>&“标准”的通知" in texts
    assert "第一段<b>&amp;</b>" in texts
    assert "江南省人民政府" in texts


def test_a_seal_file_that_is_no_image_is_named_with_the_reason(tmp_path):
    from gongwen.layout.options import LayoutOptions

    seal = tmp_path / "seal.png"
    seal.write_text("not an image", encoding="utf-8")
    doc = gongwen.read(EXAMPLES[0].parent / "tongzhi.txt")
    with pytest.raises(gongwen.GongwenError) as caught:
        gongwen.write(doc, tmp_path / "sealed.docx", seal=str(seal))
    assert caught.value.reason.startswith("cannot read the seal image")
    assert not (tmp_path / "sealed.docx").exists()
    (result,) = gongwen.convert_many(
        [EXAMPLES[0].parent / "tongzhi.txt"], tmp_path / "out", ["docx"], 1, options=LayoutOptions(seal=str(seal))
    )
    assert result.status == "failed" and result.error.startswith(f"{seal}: cannot read the seal image")


CORE_KEYS = ("title", "subject", "author", "keywords", "comments")
XML_TEXT_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff").filter(
    lambda ch: ch >= " " or ch in "\t\n\r"
)


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({key: st.text(XML_TEXT_CHARS, max_size=40) for key in CORE_KEYS}))
def test_core_properties_written_as_text_are_python_docxs(properties):
    """docProps/core.xml is written into the base's text; python-docx would write the same bytes."""
    from copy import deepcopy

    from docx.opc.coreprops import CoreProperties
    from docx.opc.oxml import serialize_part_xml

    from gongwen.writers.docx import package_template
    from gongwen.writers.docx_package import _core_properties

    template = package_template()
    element = deepcopy(template.core)
    core = CoreProperties(element)
    for key, value in properties.items():
        setattr(core, key, value)
    assert _core_properties(template, properties) == serialize_part_xml(element)


def test_core_properties_leave_out_what_xml_cannot_hold(tmp_path):
    doc = gongwen.parse("关于做好\x07安全生产工作的通知\n各单位：\n请做好工作。\n")
    doc.title = "关于做好\x07安全生产工作的通知"
    path = gongwen.write(doc, tmp_path / "control.docx")
    assert docx.Document(str(path)).core_properties.title == "关于做好安全生产工作的通知"
