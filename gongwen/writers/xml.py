"""The model as XML valid against gongwen/schema/gongwen.xsd: 电子公文 › 公文体 › 版头 · 主体 · 版记.

Output is deterministic: the same model gives the same bytes.
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from gongwen.errors import OutputError
from gongwen.model import Block, Document, Heading
from gongwen.xmlschema import FORMAT_NAMES, NAMESPACE, SCRIPT_NAMES, VERSION, q, schema

_MARK_SUFFIXES = ("文件", "命令", "纪要", "令")
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def render_xml(doc: Document) -> bytes:
    """UTF-8 XML with declaration, indented, checked against the shipped schema."""
    try:
        root = build_tree(doc)
    except ValueError as exc:  # lxml refuses characters XML cannot hold
        raise OutputError(None, f"cannot write as XML: {exc}") from None
    validator = schema()
    if not validator.validate(root):
        error = validator.error_log.last_error
        raise OutputError(None, f"model does not fit the XML schema: {error.message if error else 'invalid'}")
    return _DECLARATION + etree.tostring(root, xml_declaration=False, encoding="UTF-8", pretty_print=True)


def build_tree(doc: Document) -> etree._Element:
    root = etree.Element(q("电子公文"), nsmap={None: NAMESPACE})
    root.set("版本号", VERSION)
    if doc.kind:
        root.set("公文种类", doc.kind)
    root.set("格式", FORMAT_NAMES[doc.format])
    root.set("文字", SCRIPT_NAMES.get(doc.script, "简体"))
    body = _sub(root, "公文体")
    _header(_sub(body, "版头"), doc)
    _main(_sub(body, "主体"), doc)
    _colophon(_sub(body, "版记"), doc)
    return root


def _sub(parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, q(name))
    if text is not None:
        element.text = text
    return element


def _optional(parent: etree._Element, name: str, text: str | None) -> None:
    if text is not None:
        _sub(parent, name, text)


def _date(parent: etree._Element, name: str, value: date | None, printed: str | None) -> None:
    if value is None:
        return
    element = _sub(parent, name, value.isoformat())
    if printed is not None:
        element.set("印制", printed)


def _header(parent: etree._Element, doc: Document) -> None:
    _optional(parent, "份号", doc.copy_number)
    _optional(parent, "密级", doc.secrecy)
    _optional(parent, "保密期限", doc.secrecy_period)
    _optional(parent, "紧急程度", doc.urgency)
    if doc.banner is not None or doc.issuers:
        mark = _sub(parent, "发文机关标志")
        if doc.banner is not None:
            mark.set("印制", doc.banner)
        for issuer in doc.issuers:
            _sub(mark, "发文机关名称", issuer)
        suffix = next((s for s in _MARK_SUFFIXES if (doc.banner or "").endswith(s)), None)
        _optional(mark, "标志后缀", suffix)
    if doc.doc_number:
        number = _sub(parent, "发文字号")
        number.set("印制", doc.doc_number.text)
        _optional(number, "发文机关代字", doc.doc_number.code)
        _optional(number, "年份", None if doc.doc_number.year is None else str(doc.doc_number.year))
        _optional(number, "发文顺序号", None if doc.doc_number.serial is None else str(doc.doc_number.serial))
    _optional(parent, "令号", doc.order_number)
    for signer in doc.signers:
        _sub(parent, "签发人", signer)


def _main(parent: etree._Element, doc: Document) -> None:
    _optional(parent, "标题", doc.title)
    for addressee in doc.addressees:
        _sub(parent, "主送机关", addressee)
    _blocks(_sub(parent, "正文"), doc.body)
    if doc.attachments:
        note = _sub(parent, "附件说明")
        for title in doc.attachments:
            _sub(note, "附件名称", title)
    for line in doc.attendance:
        element = _sub(parent, "与会人员")
        element.set("类别", line.role)
        for name in line.names:
            _sub(element, "名称", name)
    for signature in doc.signatures:
        _sub(parent, "发文机关署名", signature)
    _date(parent, "成文日期", doc.date, doc.date_text)
    _optional(parent, "附注", doc.note)
    for annex in doc.annexes:
        element = _sub(parent, "附件")
        element.set("标识", annex.label)
        _optional(element, "标题", annex.title)
        _blocks(_sub(element, "正文"), annex.body)


def _blocks(parent: etree._Element, blocks: list[Block]) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            heading = _sub(parent, "标题")
            heading.set("层次", str(block.level))
            heading.set("序号", block.label)
            _sub(heading, "标题文字", block.title)
            if block.text:
                _sub(heading, "接排正文", block.text)
        else:
            _sub(parent, "段落", block.text)


def _colophon(parent: etree._Element, doc: Document) -> None:
    for organ in doc.cc:
        _sub(parent, "抄送机关", organ)
    _optional(parent, "印发机关", doc.printer)
    _date(parent, "印发日期", doc.print_date, doc.print_date_text)
