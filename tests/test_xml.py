"""XML: valid against the shipped schema, lossless, deterministic, and safe with hostile input."""

from __future__ import annotations

import dataclasses
import time

import pytest
from conftest import EXAMPLES, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from test_properties import DOCUMENT_STRATEGY

import gongwen
from gongwen.errors import FormatError, InputError
from gongwen.readers.xml import read_xml_bytes
from gongwen.writers.xml import render_xml
from gongwen.xmlschema import schema, schema_path

DOCS = SEEDS + EXAMPLES


def without_notes(doc: gongwen.Document) -> gongwen.Document:
    return dataclasses.replace(doc, residue=[], warnings=[], uncertain=[])


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_every_document_writes_valid_xml(path):
    data = render_xml(gongwen.read(path))
    tree = etree.fromstring(data)
    assert schema().validate(tree), schema().error_log
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<\xe7\x94\xb5\xe5\xad\x90\xe5\x85\xac\xe6\x96\x87')


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_xml_reads_back_to_an_equal_model(path, tmp_path):
    doc = gongwen.read(path)
    target = gongwen.write(doc, tmp_path / "doc.xml")
    back = gongwen.read(target)
    assert without_notes(back) == without_notes(doc)
    assert back.to_dict() == without_notes(doc).to_dict()


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_output_is_deterministic(path):
    assert render_xml(gongwen.read(path)) == render_xml(gongwen.read(path))


def test_headings_carry_level_and_label():
    tree = etree.fromstring(render_xml(gongwen.read(EXAMPLES[0].parent / "tongzhi.txt")))
    ns = {"g": "http://www.egs.org.cn/eGovDoc"}
    levels = [(h.get("层次"), h.get("序号")) for h in tree.findall(".//g:主体/g:正文/g:标题", ns)]
    assert levels[:4] == [("1", "一、"), ("1", "二、"), ("2", "（一）"), ("2", "（二）")]
    assert tree.find(".//g:成文日期", ns).get("印制") == "2025年3月18日"
    assert tree.find(".//g:成文日期", ns).text == "2025-03-18"


def test_schema_documents_every_element_with_a_clause():
    xsd = etree.parse(schema_path())
    ns = {"xs": "http://www.w3.org/2001/XMLSchema"}
    elements = xsd.findall(".//xs:element", ns)
    assert len(elements) > 30
    for element in elements:
        doc = element.find("xs:annotation/xs:documentation", ns)
        assert doc is not None and doc.text.strip(), element.get("name")


def test_model_outside_the_schema_is_refused_not_written(tmp_path):
    doc = gongwen.parse("各单位：\n现将有关事项通知如下。")
    doc.secrecy = "内部"
    with pytest.raises(gongwen.OutputError, match="schema"):
        gongwen.write(doc, tmp_path / "x.xml")
    assert list(tmp_path.iterdir()) == []


def test_malformed_xml_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text('<?xml version="1.0"?>\n<电子公文>\n<公文体>\n</电子公文>\n', encoding="utf-8")
    with pytest.raises(FormatError) as info:
        gongwen.read(bad)
    message = str(info.value)
    assert "bad.xml" in message and "line 4" in message and "malformed" in message


def test_schema_violation_names_the_line():
    data = render_xml(gongwen.read(EXAMPLES[0].parent / "tongzhi.txt")).replace(
        "<密级>机密</密级>".encode(), "<密级>内部</密级>".encode()
    )
    with pytest.raises(FormatError, match=r"line 6: does not match the gongwen schema"):
        read_xml_bytes(data, "x.xml")


def test_external_entity_is_refused_without_reading_the_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE 电子公文 [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        '<电子公文 xmlns="http://www.egs.org.cn/eGovDoc" 版本号="1.0"><公文体><版头/><主体><标题>&x;</标题>'
        "<正文/></主体><版记/></公文体></电子公文>"
    ).encode()
    with pytest.raises(FormatError) as info:
        read_xml_bytes(data, "xxe.xml")
    assert "TOP-SECRET" not in str(info.value)
    assert "DTD" in str(info.value)


def test_billion_laughs_is_refused_quickly():
    entities = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    data = (f'<?xml version="1.0"?><!DOCTYPE 电子公文 [{entities}]><电子公文>&a9;</电子公文>').encode()
    start = time.perf_counter()
    with pytest.raises(FormatError):
        read_xml_bytes(data, "lol.xml")
    assert time.perf_counter() - start < 1.0


def test_dtd_in_utf16_is_refused():
    data = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'.encode("utf-16")
    with pytest.raises(FormatError, match="DTD"):
        read_xml_bytes(data, "u16.xml")


def test_huge_file_is_refused_before_parsing(tmp_path):
    huge = tmp_path / "huge.xml"
    with huge.open("wb") as handle:
        handle.write('<?xml version="1.0"?><电子公文 xmlns="http://www.egs.org.cn/eGovDoc"><x>'.encode())
        chunk = b"A" * (1024 * 1024)
        for _ in range(100):
            handle.write(chunk)
        handle.write("</x></电子公文>".encode())
    start = time.perf_counter()
    with pytest.raises(InputError, match="too large"):
        gongwen.read(huge)
    assert time.perf_counter() - start < 1.0


def test_large_text_node_under_the_size_limit_is_refused_by_the_parser():
    data = b'<?xml version="1.0"?><a>' + b"A" * (20 * 1024 * 1024) + b"</a>"
    with pytest.raises(FormatError, match="malformed"):
        read_xml_bytes(data, "big.xml")


def test_deep_nesting_is_refused():
    data = b"<a>" * 100_000 + b"</a>" * 100_000
    start = time.perf_counter()
    with pytest.raises(FormatError):
        read_xml_bytes(data, "deep.xml")
    assert time.perf_counter() - start < 2.0


def test_cli_convert_to_xml_and_parse_it_back(tmp_path, capsys):
    from gongwen.cli import main

    assert main(["convert", str(EXAMPLES[0].parent / "qingshi.txt"), "-o", str(tmp_path), "--to", "xml"]) == 0
    capsys.readouterr()
    assert main(["parse", str(tmp_path / "qingshi.xml"), "--json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert data["signers"] == ["王建国", "李卫东"]


@settings(max_examples=150, deadline=None)
@given(st.one_of(DOCUMENT_STRATEGY, st.text(max_size=500)))
def test_any_parsed_text_round_trips_through_xml(text):
    doc = gongwen.parse(text)
    assert without_notes(read_xml_bytes(render_xml(doc), "x.xml")) == without_notes(doc)
