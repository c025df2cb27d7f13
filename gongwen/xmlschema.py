"""The shipped XML schema and the names shared by the XML writer and reader."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from lxml import etree

NAMESPACE = "http://www.egs.org.cn/eGovDoc"
VERSION = "1.0"
FORMAT_NAMES = {"standard": "通用", "letter": "信函", "order": "命令", "minutes": "纪要"}
SCRIPT_NAMES = {"simplified": "简体", "traditional": "繁体"}


def q(name: str) -> str:
    """The qualified name of an element in the gongwen namespace."""
    return f"{{{NAMESPACE}}}{name}"


def schema_path() -> str:
    return str(resources.files("gongwen") / "schema" / "gongwen.xsd")


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    with resources.as_file(resources.files("gongwen") / "schema" / "gongwen.xsd") as path:
        return etree.XMLSchema(etree.parse(str(path), parser))
