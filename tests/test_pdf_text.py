"""Text extracted from a PDF: gongwen's own PDFs, read back by pdftotext as a clerk would, parse to the
structure they were made from (paragraphs joined across line wraps and page breaks, the 版头 and 版记
put back together)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import EXAMPLES, SEEDS, structure

import gongwen
from gongwen.writers.pdf import render_pdf


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
@pytest.mark.parametrize("mode", [[], ["-layout"]], ids=["reading-order", "layout"])
@pytest.mark.parametrize("path", SEEDS + EXAMPLES, ids=lambda p: p.stem)
def test_pdftotext_output_parses_back_to_the_same_document(path, mode, tmp_path):
    doc = gongwen.read(path)
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(render_pdf(doc))
    text = subprocess.run(["pdftotext", *mode, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    again = gongwen.parse(text)
    assert structure(again) == structure(doc)
    assert {r.reason for r in again.residue} <= {"page number"}


def test_thousands_of_distinct_characters_copy_out(tmp_path):
    """4000 distinct characters of one font (two-byte codes whose bytes include the string delimiters
    ( ) \\ and line ends) come back out of the PDF in order."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    from gongwen.layout.fonts import load_fonts

    chars = load_fonts().roles["fangsong"].chars
    hanzi = [chr(c) for c in sorted(chars) if 0x4E00 <= c <= 0x9FFF][:4000]
    assert len(hanzi) == 4000
    # codes are given in order of first use; the reversed lines then put a code ending in 0x29 before
    # one ending in 0x28, which only escaping keeps from closing the string early
    body = "\n".join("".join(hanzi[i : i + 40]) + "。" for i in range(0, len(hanzi), 40))
    backwards = "\n".join("".join(reversed(hanzi[i : i + 40])) + "。" for i in range(0, len(hanzi), 40))
    doc = gongwen.parse(f"关于测试字符的通知\n各单位：\n{body}\n{backwards}\n")
    path = tmp_path / "many.pdf"
    path.write_bytes(render_pdf(doc))
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    text = "".join(out.split())
    at = 0
    for ch in hanzi + [ch for i in range(0, len(hanzi), 40) for ch in reversed(hanzi[i : i + 40])]:
        found = text.find(ch, at)
        assert found >= 0, (ch, hex(ord(ch)))
        at = found + 1
