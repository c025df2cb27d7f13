"""The real-document corpus: exact expectations per document, no loss, and parses that survive reflowing.

``tests/corpus/labels/ID.json`` says what a careful clerk reads in each real document;
``tests/corpus/known_misses.json`` lists, per document, the fields the parser still gets wrong (written
by ``benchmarks/accuracy.py --write-known``). A field that goes wrong fails the test, and so does one that
comes right while still listed, so the list is always exactly the parser's state. The figures are
printed by the benchmark and given in the README, not asserted here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from test_properties import lost_characters

import gongwen
from gongwen.accuracy import FIELDS, REFLOWS, Label, load_labels, misses, same_parse, shown, source_text
from gongwen.model import Document

CORPUS = Path(__file__).resolve().parent / "corpus"
LABELS = load_labels(CORPUS)
KNOWN_MISSES: dict[str, list[str]] = json.loads((CORPUS / "known_misses.json").read_text(encoding="utf-8"))
# documents whose parse a reflowing still changes, per property (the property test keeps this exact too)
KNOWN_UNSTABLE: dict[str, list[str]] = json.loads((CORPUS / "known_unstable.json").read_text(encoding="utf-8"))


def _ids(label: Label) -> str:
    return label.id


@cache
def _text(label_id: str) -> str:
    return source_text(next(lb for lb in LABELS if lb.id == label_id))


@cache
def _parsed(label_id: str) -> Document:
    return gongwen.parse(_text(label_id))


def test_corpus_is_there():
    assert len(LABELS) >= 150
    assert {lb.id for lb in LABELS} >= set(KNOWN_MISSES)


_LIST_FIELDS = {"signers", "issuers", "addressees", "attachments", "signatures", "cc", "annexes"}
_DATE_FIELDS = {"date", "print_date"}


@pytest.mark.parametrize("label", LABELS, ids=_ids)
def test_label_is_well_formed(label):
    assert label.path.is_file()
    assert label.split in ("tuning", "holdout") and label.meta["source"]
    assert set(FIELDS) <= set(label.expected)
    for name in FIELDS:
        value = label.expected[name]
        if name in _LIST_FIELDS:
            assert isinstance(value, list) and all(isinstance(v, str) and v for v in value), name
        elif name in _DATE_FIELDS and value is not None:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", value), name
        else:
            assert value is None or isinstance(value, str), name


@pytest.mark.parametrize("label", LABELS, ids=_ids)
def test_fields_as_labelled(label):
    doc = _parsed(label.id)  # (gongwen.read of a corpus file is this parse of its text)
    missed = misses(doc, label.expected)
    detail = {f: (label.expected.get(f), shown(doc, f)) for f in set(missed) ^ set(KNOWN_MISSES.get(label.id, []))}
    assert missed == KNOWN_MISSES.get(label.id, []), detail


@pytest.mark.parametrize("label", LABELS, ids=_ids)
def test_nothing_lost(label):
    assert lost_characters(_text(label.id), _parsed(label.id)) == Counter()


# -- reflowing the text leaves the parse unchanged -------------------------------------------------
@pytest.mark.parametrize("prop", REFLOWS)
def test_reflowing_leaves_the_parse_unchanged(prop):
    change = REFLOWS[prop]
    unstable = [
        label.id for label in LABELS if not same_parse(_parsed(label.id), gongwen.parse(change(_text(label.id))))
    ]
    known = sorted(i for i, props in KNOWN_UNSTABLE.items() if prop in props)
    assert sorted(unstable) == known
