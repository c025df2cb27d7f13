"""The model's JSON form keeps the contract's keys and round-trips exactly."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES, SEEDS

import gongwen
from gongwen.model import Document

CONTRACT_KEYS = {
    "kind",
    "format",
    "copy_number",
    "secrecy",
    "secrecy_period",
    "urgency",
    "issuers",
    "banner",
    "doc_number",
    "signers",
    "title",
    "addressees",
    "body",
    "attachments",
    "signatures",
    "date",
    "note",
    "annexes",
    "cc",
    "printer",
    "print_date",
    "residue",
    "warnings",
}


@pytest.mark.parametrize("path", SEEDS + EXAMPLES, ids=lambda p: p.name)
def test_to_dict_round_trips_through_json(path):
    doc = gongwen.read(path)
    data = json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))
    assert data.keys() >= CONTRACT_KEYS
    assert Document.from_dict(data) == doc
    assert Document.from_dict(data).to_dict() == data


def test_absent_values_are_null_or_empty_never_missing():
    data = Document().to_dict()
    assert data.keys() >= CONTRACT_KEYS
    assert all(data[k] is None for k in ("kind", "title", "doc_number", "date", "print_date", "note"))
    assert all(data[k] == [] for k in ("issuers", "signers", "addressees", "body", "cc", "annexes", "residue"))
    assert data["format"] == "standard"


def test_dates_are_iso_strings_in_json_and_dates_in_the_model():
    doc = gongwen.read(EXAMPLES[0].parent / "tongzhi.txt")
    assert doc.to_dict()["date"] == "2025-03-18"
    assert doc.to_dict()["print_date"] == "2025-03-18"


def test_unknown_block_type_is_rejected():
    with pytest.raises(ValueError):
        Document.from_dict({"body": [{"type": "table"}]})
