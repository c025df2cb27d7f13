"""PDF output measured from glyph positions: the 版心, the 22-line grid, line ends, page numbers, fonts."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from conftest import EXAMPLES, PAGE_NUMBER_RE, SEEDS, check_page_numbers, pdf_lines

import gongwen
from gongwen.layout import spec
from gongwen.layout.compose import baseline
from gongwen.writers.pdf import render_pdf

MM = spec.MM_PER_PT
TOL = 0.15  # mm
DOCS = SEEDS + EXAMPLES


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    files = {}
    for path in DOCS:
        doc = gongwen.read(path)
        target = out / f"{path.stem}.pdf"
        gongwen.write(doc, target)
        files[path.stem] = (doc, target)
    return files


def lines_of(page) -> list[dict]:
    return pdf_lines(page, 2)


def body_lines(page) -> list[dict]:
    return [ln for ln in lines_of(page) if not PAGE_NUMBER_RE.match(ln["text"])]


@pytest.mark.parametrize("stem", [p.stem for p in DOCS])
def test_pages_are_a4_and_every_glyph_inside_the_type_area(rendered, stem):
    doc, path = rendered[stem]
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            assert abs(float(page.width) * MM - 210) < 0.1 and abs(float(page.height) * MM - 297) < 0.1
            for line in body_lines(page):
                mark_of_letter = doc.format == "letter" and line["chars"][0]["non_stroking_color"] != (0, 0, 0)
                if mark_of_letter:
                    continue  # 10.1 puts the 信函 mark 30 mm from the paper's top, above the 版心
                for ch in line["chars"]:
                    assert ch["x0"] * MM >= 28 - TOL and ch["x1"] * MM <= 184 + TOL, (line["text"], ch["text"])
                    assert ch["top"] * MM >= 37 - TOL and ch["bottom"] * MM <= 262 + TOL, (line["text"], ch["text"])


@pytest.mark.parametrize("stem", [p.stem for p in DOCS])
def test_body_baselines_on_the_grid(rendered, stem):
    _, path = rendered[stem]
    first = baseline(0, spec.SIZE_3)
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for line in body_lines(page):
                if abs(line["size"] - 16) > 0.01:
                    continue
                steps = (line["baseline"] - first) / spec.LINE_PITCH
                assert abs(steps - round(steps)) * spec.LINE_PITCH < 0.05, line["text"]
                assert 0 <= round(steps) < 22


def test_full_pages_hold_22_lines(rendered):
    _, path = rendered["002_f9a5f8afe78058de"]
    with pdfplumber.open(path) as pdf:
        counts = [len(body_lines(page)) for page in pdf.pages]
    assert max(counts) == 22
    assert all(n >= 21 for n in counts[1:-2]), counts


@pytest.mark.parametrize("stem", [p.stem for p in DOCS])
def test_wrapped_lines_are_justified_to_the_right_edge(rendered, stem):
    _, path = rendered[stem]
    checked = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines = [ln for ln in body_lines(page) if abs(ln["size"] - 16) < 0.01]
            for line, following in zip(lines, lines[1:], strict=False):
                consecutive = abs(following["baseline"] - line["baseline"] - spec.LINE_PITCH) < 0.05
                assert line["x1"] - line["x0"] <= 156 + TOL
                if consecutive and abs(following["x0"] - 28) < 0.01 and line["x0"] < 40 and len(line["text"]) >= 20:
                    assert abs(line["x1"] - 184) < TOL, line["text"]
                    checked += 1
    assert checked > 0 or stem in ("mingling", "han", "jiyao", "qingshi")


@pytest.mark.parametrize("stem", [p.stem for p in DOCS])
def test_no_line_starts_or_ends_with_a_forbidden_mark(rendered, stem):
    _, path = rendered[stem]
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for line in body_lines(page):
                assert line["text"][0] not in spec.NO_LINE_START, line["text"]
                assert line["text"][-1] not in spec.NO_LINE_END, line["text"]


@pytest.mark.parametrize("stem", [p.stem for p in DOCS])
def test_page_numbers_where_the_standard_puts_them(rendered, stem):
    doc, path = rendered[stem]
    with pdfplumber.open(path) as pdf:
        for number in check_page_numbers(doc, pdf, lines_of, centre_tolerance=1.0, edge_tolerance=TOL):
            assert abs(number["size"] - 14) < 0.01


def test_banner_red_title_22pt_body_16pt(rendered):
    doc, path = rendered["tongzhi"]
    with pdfplumber.open(path) as pdf:
        lines = lines_of(pdf.pages[0])
    banner = next(ln for ln in lines if ln["text"] == doc.banner)
    assert all(c["non_stroking_color"] == pytest.approx(spec.RED, abs=0.01) for c in banner["chars"])
    assert banner["chars"][0]["top"] * MM == pytest.approx(37 + 35, abs=0.6)
    title = [ln for ln in lines if abs(ln["size"] - 22) < 0.01]
    assert "".join(ln["text"] for ln in title) == doc.title
    assert all(c["non_stroking_color"] in ((0,), (0, 0, 0), 0) for ln in title for c in ln["chars"])
    assert any(abs(ln["size"] - 16) < 0.01 and ln["text"].startswith("为切实做好") for ln in lines)


def test_header_rule_red_full_width_4mm_below_number(rendered):
    doc, path = rendered["tongzhi"]
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        number = next(ln for ln in lines_of(page) if ln["text"] == doc.doc_number.text)
        red = [ln for ln in page.lines if ln["stroking_color"] == pytest.approx(spec.RED, abs=0.01)]
    assert len(red) == 1
    rule = red[0]
    assert rule["x0"] * MM == pytest.approx(28, abs=0.05) and rule["x1"] * MM == pytest.approx(184, abs=0.05)
    glyph_bottom = number["baseline"] + spec.EM_DESCENT * spec.SIZE_3 * MM
    assert (rule["top"] + rule["bottom"]) / 2 * MM == pytest.approx(glyph_bottom + 4, abs=0.1)


def test_colophon_rules_end_on_the_last_line_of_the_last_page(rendered):
    _, path = rendered["tongzhi"]
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[-1]
        rules = sorted(page.lines, key=lambda r: r["top"])
        text = [ln["text"] for ln in body_lines(page)]
    assert [round(r["linewidth"] * MM, 2) for r in rules] == [0.35, 0.25, 0.35]
    assert (rules[-1]["top"] + rules[-1]["bottom"]) / 2 * MM == pytest.approx(262, abs=0.05)
    assert text[-1].startswith("江南省人民政府办公厅") and text[-1].endswith("2025年3月18日印发")


def test_text_extracts_in_reading_order(rendered):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    doc, path = rendered["qingshi"]
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", out)
    order = [
        doc.banner,
        doc.doc_number.text,
        "签发人",
        doc.title[:8],
        doc.addressees[0],
        "一、项目必要性",
        "妥否，请批示。",
        doc.signatures[0],
        "2025年2月26日",
    ]
    at = 0
    for part in order:
        found = flat.find(part, at)
        assert found >= 0, (part, flat[at : at + 80])
        at = found + len(part)


def test_every_font_embedded(rendered):
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler-utils) is not installed")
    for _, path in rendered.values():
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = out.splitlines()[2:]
        assert rows
        assert all(row.split()[-5] == "yes" for row in rows), out
        assert "Helvetica" not in out


def test_every_pdf_passes_qpdfs_structure_and_stream_check(rendered, tmp_path):
    if not shutil.which("qpdf"):
        pytest.skip("qpdf is not installed")
    from PIL import Image

    seal = tmp_path / "seal.png"
    Image.new("RGBA", (60, 60), (220, 20, 23, 160)).save(seal)
    folder = Path(EXAMPLES[0]).parent
    sealed = gongwen.write(gongwen.read(folder / "han.txt"), tmp_path / "sealed.pdf", seal=str(seal))
    # a joint document presses the seal once per issuer, on one page: the page names the image once
    joint = gongwen.write(gongwen.read(folder / "lianhe.txt"), tmp_path / "joint.pdf", seal=str(seal))
    for path in [p for _, p in rendered.values()] + [sealed, joint]:
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and "No syntax or stream encoding errors" in result.stdout, result.stdout
        assert "WARNING" not in result.stdout + result.stderr, result.stderr


def test_metadata(rendered):
    doc, path = rendered["tongzhi"]
    with pdfplumber.open(path) as pdf:
        meta = pdf.metadata
    assert meta["Title"] == doc.title
    assert meta["Author"] == "江南省人民政府办公厅"
    assert meta["Subject"] == "江政办发〔2025〕12号"


def test_rare_name_characters_are_drawn_from_a_fallback_font(tmp_path):
    doc = gongwen.parse(
        "关于表彰张堃、李喆、王赟、赵珺同志的通知\n各单位：\n张堃、李喆、王赟、赵珺同志工作突出，特予表彰。\n"
    )
    path = tmp_path / "rare.pdf"
    gongwen.write(doc, path)
    assert not [w for w in doc.warnings if w.startswith("PDF")]
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        rare = [c for c in page.chars if c["text"] in "堃喆赟珺"]
        assert len(rare) == 8
        assert all("WenQuanYi" in c["fontname"] for c in rare)
        image = page.to_image(resolution=150).original.convert("L")
    for ch in rare:  # each has ink, not an empty box
        box = image.crop(tuple(int(v * 150 / 72) for v in (ch["x0"], ch["top"], ch["x1"], ch["bottom"])))
        dark = sum(box.histogram()[:128])
        assert dark > 40, ch["text"]


def test_a_lone_surrogate_put_in_through_the_api_is_drawn_as_a_missing_character(tmp_path):
    doc = gongwen.parse("关于做好工作的通知\n各单位：\n请做好工作。\n")
    doc.body[0].text = "请做好\ud800工作。"
    doc.title = "关于做好\udc80工作的通知"
    path = tmp_path / "surrogate.pdf"
    path.write_bytes(render_pdf(doc))
    assert any("no font has a glyph" in w and "\\ud800" in w for w in doc.warnings)  # named as repr() writes it
    if shutil.which("qpdf"):
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and "WARNING" not in result.stdout + result.stderr, result.stdout
    with pdfplumber.open(path) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
    assert "请做好" in text and "工作。" in text


def test_character_no_font_has_is_reported_and_kept_in_the_text(tmp_path):
    doc = gongwen.parse("各单位：\n请查收\U0001f600附件，\U00020000字。\n")
    path = tmp_path / "missing.pdf"
    path.write_bytes(render_pdf(doc))
    assert any("no font has a glyph" in w and "\U0001f600" in w and "\U00020000" in w for w in doc.warnings)
    with pdfplumber.open(path) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
    assert "请查收\U0001f600附件，\U00020000字。" in text


def test_sealed_layout_and_seal_image(tmp_path):
    from PIL import Image, ImageDraw

    seal = tmp_path / "seal.png"
    image = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((10, 10, 390, 390), outline=(220, 20, 23, 255), width=18)
    image.save(seal)
    doc = gongwen.read(Path(EXAMPLES[0]).parent / "han.txt")
    path = tmp_path / "sealed.pdf"
    gongwen.write(doc, path, seal=str(seal))
    em = spec.CHAR_PITCH
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        lines = body_lines(page)
        images = page.images
    date = next(ln for ln in lines if ln["text"] == "2025年4月2日")
    signature = next(ln for ln in lines if ln["text"] == "江南省交通运输厅" and abs(ln["size"] - 16) < 0.01)
    assert date["x1"] == pytest.approx(184 - 4 * em, abs=TOL)
    assert (signature["x0"] + signature["x1"]) / 2 == pytest.approx((date["x0"] + date["x1"]) / 2, abs=TOL)
    assert len(images) == 1
    seal_box = images[0]
    centre_x = (seal_box["x0"] + seal_box["x1"]) / 2 * MM
    assert centre_x == pytest.approx((signature["x0"] + signature["x1"]) / 2, abs=0.5)
    centre_y = (seal_box["top"] + seal_box["bottom"]) / 2 * MM
    assert centre_y < signature["baseline"] and seal_box["bottom"] * MM > date["baseline"]
    body_bottom = max(
        ln["baseline"] for ln in lines if ln["baseline"] < signature["baseline"] - 1 and ln["text"].startswith("附件")
    )
    assert seal_box["top"] * MM <= body_bottom + spec.LINE_PITCH
    check_seal_is_drawn_with_its_transparency(path, seal_box)


def check_seal_is_drawn_with_its_transparency(path, box):
    """The ring is red and its transparent inside lets the page show through (no black square)."""
    from PIL import ImageStat

    with pdfplumber.open(path) as pdf:
        picture = pdf.pages[0].to_image(resolution=144).original.convert("RGB")
    scale = 2  # pixels per point
    left, top, right, bottom = (round(box[k] * scale) for k in ("x0", "top", "x1", "bottom"))
    ring = picture.getpixel(((left + right) // 2, top + round((bottom - top) * 20 / 400)))
    assert ring[0] > 180 and ring[1] < 90 and ring[2] < 90, ring
    inside = picture.crop(
        (
            left + (right - left) // 4,
            top + (bottom - top) // 4,
            right - (right - left) // 4,
            bottom - (bottom - top) // 4,
        )
    )
    brightness = ImageStat.Stat(inside.convert("L")).mean[0]
    assert brightness > 200, brightness


def test_an_unreadable_seal_image_is_named_and_nothing_is_written(tmp_path):
    seal = tmp_path / "seal.png"
    seal.write_bytes(b"\x89PNG not really")
    target = tmp_path / "sealed.pdf"
    with pytest.raises(gongwen.OutputError) as caught:
        gongwen.write(gongwen.read(Path(EXAMPLES[0]).parent / "han.txt"), target, seal=str(seal))
    assert "seal.png" in str(caught.value) and "seal image" in str(caught.value)
    assert list(tmp_path.iterdir()) == [seal]


def test_unsealed_signature_and_date_positions(rendered):
    _, path = rendered["qingshi"]
    em = spec.CHAR_PITCH
    with pdfplumber.open(path) as pdf:
        lines = body_lines(pdf.pages[-1])
    signature = next(ln for ln in lines if ln["text"] == "清河市人民政府")
    date = next(ln for ln in lines if ln["text"] == "2025年2月26日")
    assert date["baseline"] - signature["baseline"] == pytest.approx(spec.LINE_PITCH, abs=0.05)
    assert date["x0"] - signature["x0"] == pytest.approx(2 * em, abs=TOL)
    # the date is longer than the signature less 2 字, so the date takes the 2-字 right indent
    assert date["x1"] == pytest.approx(184 - 2 * em, abs=0.6)


def test_double_sided_puts_the_colophon_on_an_even_page(tmp_path):
    doc = gongwen.read(Path(EXAMPLES[0]).parent / "lianhe.txt")
    doc.annexes = []
    single = tmp_path / "single.pdf"
    double = tmp_path / "double.pdf"
    gongwen.write(doc, single)
    gongwen.write(doc, double, double_sided=True)
    with pdfplumber.open(single) as pdf:
        single_pages = len(pdf.pages)
    with pdfplumber.open(double) as pdf:
        pages = pdf.pages
        assert len(pages) % 2 == 0 and len(pages) >= single_pages
        last = [ln["text"] for ln in lines_of(pages[-1])]
        assert any(t.startswith("抄送") for t in last)


def test_fonts_named_by_the_caller_are_used(tmp_path):
    from gongwen.layout.fonts import SHIPPED_DIR

    doc = gongwen.read(Path(EXAMPLES[0]).parent / "qingshi.txt")
    path = tmp_path / "kai.pdf"
    gongwen.write(doc, path, fonts={"fangsong": str(SHIPPED_DIR / "ARPLKaitiMGB.ttf")})
    with pdfplumber.open(path) as pdf:
        body = [c for c in pdf.pages[0].chars if c["text"] == "我"]
    assert body and all("ZenKai" in c["fontname"] for c in body)


def test_a_heading_is_not_left_alone_at_the_foot_of_a_page(tmp_path):
    filler = "各地要加强组织领导，明确工作责任，确保各项措施落实到位。" * 2
    for lead in range(14, 20):
        text = "各单位：\n" + "\n".join([filler] * lead) + "\n一、工作要求\n" + filler + "\n"
        path = tmp_path / f"h{lead}.pdf"
        gongwen.write(gongwen.parse(text), path)
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                lines = body_lines(page)
                assert lines[-1]["text"] != "一、工作要求"


def test_double_sided_blank_page_before_the_colophon_is_unnumbered(tmp_path):
    from test_docx import FULL_EVEN_PAGE

    path = gongwen.write(gongwen.parse(FULL_EVEN_PAGE), tmp_path / "double.pdf", double_sided=True)
    with pdfplumber.open(path) as pdf:
        numbers = [[ln["text"] for ln in lines_of(p) if PAGE_NUMBER_RE.match(ln["text"])] for p in pdf.pages]
        texts = [[ln["text"] for ln in lines_of(p)] for p in pdf.pages]
        rules = [(r["top"] + r["bottom"]) / 2 * MM for r in pdf.pages[-1].lines]
    assert numbers == [["— 1 —"], ["— 2 —"], ["— 3 —"], ["— 4 —"], [], []]
    assert texts[4] == [] and texts[5][0].startswith("抄送")
    assert max(rules) == pytest.approx(262, abs=0.05)


def test_the_same_document_gives_the_same_bytes_whatever_came_before():
    first = render_pdf(gongwen.read(EXAMPLES[0]))
    render_pdf(gongwen.read(SEEDS[2]))  # other characters, other fonts, in between
    assert render_pdf(gongwen.read(EXAMPLES[0])) == first
