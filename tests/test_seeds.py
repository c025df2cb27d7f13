"""The five seed documents parse to their labelled structure (issue: parser done-when)."""

from __future__ import annotations

import pytest
from conftest import SEEDS, expected_for, fold

import gongwen


@pytest.fixture(scope="module", params=SEEDS, ids=lambda p: p.stem)
def parsed(request):
    seed = request.param
    return gongwen.read(seed).to_dict(), expected_for(seed)


SCALAR_FIELDS = ["title", "date", "note", "printer", "print_date"]


@pytest.mark.parametrize("field", SCALAR_FIELDS)
def test_scalar_field(parsed, field):
    got, want = parsed
    assert fold(got[field]) == fold(want[field])


def test_banner(parsed):
    got, want = parsed
    assert fold(got["banner"]) == fold(want["issuer_banner"])


def test_doc_number(parsed):
    got, want = parsed
    assert fold(got["doc_number"] and got["doc_number"]["text"]) == fold(want["doc_number"])


def test_signers(parsed):
    got, want = parsed
    assert fold("".join(got["signers"])) == fold(want["signer"])


@pytest.mark.parametrize("field", ["addressees", "cc"])
def test_joined_list_field(parsed, field):
    got, want = parsed
    assert fold("".join(got[field])) == fold(want[field])


@pytest.mark.parametrize("field", ["attachments", "signatures"])
def test_list_field(parsed, field):
    got, want = parsed
    assert [fold(x) for x in got[field]] == [fold(x) for x in want[field]]


def test_heading_sequence(parsed):
    got, want = parsed
    headings = [[b["level"], b["label"]] for b in got["body"] if b["type"] == "heading"]
    assert headings == want["headings"]


def test_first_body_paragraph(parsed):
    got, want = parsed
    first = got["body"][0]
    text = first["text"] if first["type"] == "paragraph" else first["label"] + first["title"] + first["text"]
    assert fold(text).startswith(fold(want["body_starts_with"]))


def test_kind(parsed):
    got, want = parsed
    assert got["kind"] == want["kind"]


def test_no_pdf_spaces_survive_in_body(parsed):
    got, _ = parsed
    for block in got["body"]:
        text = block["text"] + block.get("title", "")
        assert "  " not in text
        assert not any(a.isspace() and "\u4e00" <= b <= "\u9fff" for a, b in zip(text, text[1:], strict=False))
