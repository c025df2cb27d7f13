"""Reading Word files: messy DOCX made from the seeds and examples parse like the original text."""

from __future__ import annotations

import random
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES, SEEDS, fold
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

import gongwen
from gongwen.errors import FormatError, InputError
from gongwen.libreoffice import find_soffice, soffice_convert
from gongwen.normalize import normalize
from gongwen.parsing.patterns import HEADING_RES
from gongwen.readers.docx import chinese_numeral, docx_text, format_number

DOCS = SEEDS + EXAMPLES

# One list definition for the four heading levels, as Word users set it up: 一、 （一） 1. （1）
NUMBERING = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
    '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>'
    "</w:abstractNum>"
)


def _heading_level(line: str, headings: set[str]) -> tuple[int, str] | None:
    """The level and text of a line the parser takes for a heading of the main body."""
    lines = normalize(line).lines
    text = lines[0].text if lines and lines[0].is_text else ""
    if text not in headings:
        return None
    for level, regex in HEADING_RES:
        m = regex.match(text)
        if m and m["rest"].strip():
            return level, m["rest"]
    return None


def _add_numbering(d: docx.Document) -> None:
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))


def _number(paragraph, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level - 1}"/><w:numId w:val="90"/></w:numPr>'))


def _text_box(paragraph, lines: list[str]) -> None:
    content = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    xml = (
        f'<w:r {nsdecls("w")} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<w:drawing><wp:anchor simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" '
        'allowOverlap="1" distT="0" distB="0" distL="0" distR="0"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="page"><wp:posOffset>900000</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="page"><wp:posOffset>1800000</wp:posOffset></wp:positionV>'
        '<wp:extent cx="5000000" cy="900000"/><wp:wrapNone/><wp:docPr id="7" name="banner"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:spPr/><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx><wps:bodyPr/>"
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
    )
    paragraph._p.append(parse_xml(xml))


def messy_docx(source: Path, target: Path, banner_in: str) -> None:
    """A Word file as people type them: wrong fonts and sizes, manual indents, auto-numbered headings, and
    the mark in a table or a text box."""
    text = source.read_text(encoding="utf-8")
    model = gongwen.parse(text)
    rnd = random.Random(source.name)
    d = docx.Document()
    _add_numbering(d)
    mark = {model.banner, "文件", *model.issuers} if model.banner else set()
    lines = text.split("\n")
    mark_at = [i for i, line in enumerate(lines[:8]) if line.strip() in mark]
    mark_lines = [lines[i].strip() for i in mark_at]
    numbered = bool(model.date) and model.format != "minutes"
    closing = model.date_text or ""
    placed_mark = False
    headings = {h.label + h.title + h.text for h in model.headings}
    in_main = True
    for index, line in enumerate(lines):
        stripped = line.strip()
        if index in mark_at:
            if not placed_mark:
                _place_mark(d, mark_lines, banner_in)
                placed_mark = True
            continue
        if closing and closing in stripped.replace(" ", ""):
            in_main = False
        p = d.add_paragraph()
        heading = _heading_level(line, headings) if in_main and numbered else None
        if heading:
            _number(p, heading[0])
            run = p.add_run(heading[1])
        else:
            run = p.add_run(line if rnd.random() < 0.5 else stripped)
            if stripped and rnd.random() < 0.5:
                p.paragraph_format.first_line_indent = Pt(rnd.choice([21, 24, 32]))
        run.font.name = rnd.choice(["宋体", "Arial", "微软雅黑"])
        run.font.size = Pt(rnd.choice([10.5, 12, 14, 15]))
    d.save(str(target))


def _place_mark(d: docx.Document, mark_lines: list[str], banner_in: str) -> None:
    if banner_in == "table":
        names = [m for m in mark_lines if m != "文件"]
        suffix = "文件" if "文件" in mark_lines else ""
        table = d.add_table(rows=1, cols=2 if suffix else 1)
        cell = table.rows[0].cells[0]
        cell.paragraphs[0].add_run(names[0])
        for name in names[1:]:
            cell.add_paragraph(name)
        if suffix:
            table.rows[0].cells[1].paragraphs[0].add_run(suffix)
    else:
        _text_box(d.add_paragraph(), mark_lines)


FIELDS = [
    "kind",
    "format",
    "copy_number",
    "secrecy",
    "secrecy_period",
    "urgency",
    "banner",
    "issuers",
    "doc_number",
    "order_number",
    "signers",
    "title",
    "addressees",
    "attachments",
    "attendance",
    "signatures",
    "date",
    "note",
    "cc",
    "printer",
    "print_date",
]


def _comparable(doc: gongwen.Document) -> dict:
    data = doc.to_dict()
    out = {k: data[k] for k in FIELDS}
    out["headings"] = [(h.level, h.label, fold(h.title)) for h in doc.headings]
    out["body"] = fold("".join(b.get("label", "") + b.get("title", "") + b["text"] for b in data["body"]))
    out["annexes"] = [(a["label"], a["title"], len(a["body"])) for a in data["annexes"]]
    return out


@pytest.mark.parametrize("banner_in", ["table", "textbox"])
@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_messy_word_file_parses_like_the_text(path, banner_in, tmp_path):
    target = tmp_path / f"{path.stem}.docx"
    messy_docx(path, target, banner_in)
    from_text = gongwen.read(path)
    from_word = gongwen.read(target)
    assert _comparable(from_word) == _comparable(from_text)


def test_auto_numbering_is_read_back_as_labels(tmp_path):
    target = tmp_path / "n.docx"
    messy_docx(EXAMPLES[0].parent / "tongzhi.txt", target, "table")
    text = docx_text(target)
    for label in ("一、总体要求", "（一）开展隐患排查整治。", "1.加强节假日值班值守。", "（2）沿江地区"):
        assert label in text
    xml = zipfile.ZipFile(target).read("word/document.xml").decode()
    assert "一、总体要求" not in xml and "<w:numPr>" in xml  # the labels really came from numbering.xml


def test_rewritten_docx_keeps_the_structure(tmp_path):
    messy = tmp_path / "messy.docx"
    messy_docx(EXAMPLES[0].parent / "qingshi.txt", messy, "textbox")
    clean = gongwen.convert(messy, tmp_path / "clean.docx")
    again = gongwen.read(clean)
    assert _comparable(again) == _comparable(gongwen.read(EXAMPLES[0].parent / "qingshi.txt"))
    d = docx.Document(str(clean))
    assert d.sections[0]._sectPr.find(qn("w:docGrid")).get(qn("w:linePitch")) == "580"


def test_line_breaks_tabs_and_deleted_text(tmp_path):
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("第一行")
    p.add_run().add_break()
    p.add_run("第二行\t末尾")
    p._p.append(
        parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="x"><w:r><w:delText>删掉的</w:delText></w:r></w:del>')
    )
    path = tmp_path / "b.docx"
    d.save(str(path))
    assert docx_text(path).split("\n") == ["第一行", "第二行    末尾"]


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (1, "chineseCounting", "一"),
        (11, "chineseCounting", "十一"),
        (23, "chineseCountingThousand", "二十三"),
        (3, "decimal", "3"),
        (4, "upperRoman", "IV"),
        (2, "lowerLetter", "b"),
    ],
)
def test_number_formats(value, fmt, shown):
    assert format_number(value, fmt) == shown


def test_chinese_numerals():
    assert [chinese_numeral(n) for n in (1, 10, 15, 20, 99, 100, 105)] == [
        "一",
        "十",
        "十五",
        "二十",
        "九十九",
        "一百",
        "一百零五",
    ]


def test_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("这不是Word文件", encoding="utf-8")
    with pytest.raises(FormatError, match="not a valid .docx"):
        gongwen.read(path)


def test_truncated_docx_is_refused(tmp_path):
    good = tmp_path / "good.docx"
    gongwen.write(gongwen.read(EXAMPLES[0]), good)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(FormatError) as info:
        gongwen.read(bad)
    assert "bad.docx" in str(info.value)


def test_missing_document_part_is_refused(tmp_path):
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(FormatError, match="no word/document.xml"):
        gongwen.read(path)


def test_zip_bomb_is_refused_quickly(tmp_path):
    import time

    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b"a" * (300 * 1024 * 1024))
    start = time.perf_counter()
    with pytest.raises(FormatError, match="zip bomb"):
        gongwen.read(path)
    assert time.perf_counter() - start < 1.0


def test_doc_without_libreoffice_says_how_to_convert(tmp_path, monkeypatch):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    with pytest.raises(InputError, match="need LibreOffice"):
        gongwen.read(path)


def test_doc_through_libreoffice(tmp_path):
    soffice = find_soffice()
    if not soffice:
        pytest.skip("LibreOffice is not installed")
    source = tmp_path / "src.docx"
    gongwen.write(gongwen.read(EXAMPLES[0].parent / "qingshi.txt"), source)
    soffice_convert(soffice, [source], "doc", tmp_path, tmp_path / "p", timeout=120)
    doc = gongwen.read(tmp_path / "src.doc")
    assert doc.title == "清河市人民政府关于申请建设城东污水处理厂二期工程的请示"
    assert doc.signers == ["王建国", "李卫东"]


def test_rewritten_docx_passes_the_layout_checks(tmp_path):
    from test_docx import _render_one, test_rendered_body_lines_on_the_grid, test_rendered_glyphs_inside_the_type_area

    messy = tmp_path / "messy.docx"
    messy_docx(EXAMPLES[0].parent / "tongzhi.txt", messy, "table")
    doc = gongwen.read(messy)
    clean = gongwen.write(doc, tmp_path / "clean.docx")
    pdf_path = _render_one(clean, tmp_path)
    rendered = {"clean": (doc, pdf_path)}
    test_rendered_glyphs_inside_the_type_area(rendered, "clean")
    test_rendered_body_lines_on_the_grid(rendered, "clean")
