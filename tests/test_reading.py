"""Text input arrives in many encodings; bad input is refused with the file's name."""

from __future__ import annotations

import codecs

import pytest

import gongwen
from gongwen.errors import InputError
from gongwen.readers.text import decode_text, read_text_file

SAMPLE = "江南省人民政府关于做好春季安全生产工作的通知\n各市人民政府：\n现将有关事项通知如下。\n"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("gb18030"),
        SAMPLE.encode("gbk"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "gb18030", "gbk"],
)
def test_encodings_decode_to_the_same_text(data):
    assert decode_text(data) == SAMPLE


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", codecs.BOM_UTF8])
def test_empty_input_is_refused(data):
    with pytest.raises(InputError, match="empty"):
        decode_text(data, "empty.txt")


def test_binary_input_is_refused_with_the_file_name(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError) as info:
        read_text_file(path)
    assert "photo.txt" in str(info.value)
    assert "binary" in str(info.value)


def test_undecodable_input_is_refused():
    with pytest.raises(InputError, match="not UTF-8"):
        decode_text("通知".encode() + b"\xff\xfe\xfd\x80\x80" * 3, "x.txt")


def test_missing_file_names_the_path(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        gongwen.read(tmp_path / "missing.txt")


def test_directory_is_refused(tmp_path):
    with pytest.raises(InputError, match="directory"):
        gongwen.read(tmp_path)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n\f"])
def test_line_endings_and_form_feeds(newline):
    doc = gongwen.parse(SAMPLE.replace("\n", newline))
    assert doc.title == "江南省人民政府关于做好春季安全生产工作的通知"
    assert doc.addressees == ["各市人民政府"]
    assert [b.text for b in doc.body] == ["现将有关事项通知如下。"]
