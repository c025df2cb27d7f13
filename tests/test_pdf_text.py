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
