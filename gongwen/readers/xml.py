"""gongwen XML back into the model, safely: no DTD, no entities, no network, bounded size."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from lxml import etree

from gongwen.errors import FormatError, InputError
from gongwen.model import Annex, Attendance, Block, DocNumber, Document, Heading, Paragraph
from gongwen.readers.files import read_input_bytes
from gongwen.xmlschema import FORMAT_NAMES, SCRIPT_NAMES, q, schema

MAX_XML_BYTES = 64 * 1024 * 1024
_FORMATS = {v: k for k, v in FORMAT_NAMES.items()}
_SCRIPTS = {v: k for k, v in SCRIPT_NAMES.items()}
_FORBIDDEN = ("<!DOCTYPE", "<!ENTITY")


def read_xml_file(path: str | Path) -> Document:
    path = Path(path)
    data = read_input_bytes(path, MAX_XML_BYTES, "XML file")
    return read_xml_bytes(data, str(path))


def read_xml_bytes(data: bytes, source: str = "<xml>") -> Document:
    """Parse and validate gongwen XML; raise FormatError naming the line and what is wrong."""
    if not data.strip():
        raise InputError(source, "empty input")
    if len(data) > MAX_XML_BYTES:
        raise InputError(source, "XML input too large")
    _refuse_dtd(data, source)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        collect_ids=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise FormatError(source, f"line {exc.lineno}: malformed XML: {exc.msg}") from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise FormatError(source, "line 1: a DTD is not allowed in gongwen XML")
    validator = schema()
    if not validator.validate(root):
        error = validator.error_log.last_error
        line = error.line if error else "?"
        message = error.message if error else "invalid"
        raise FormatError(source, f"line {line}: does not match the gongwen schema: {message}")
    return document_from_tree(root)


def _refuse_dtd(data: bytes, source: str) -> None:
    head = data[:1_000_000]
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        for marker in _FORBIDDEN:
            if marker.encode(encoding) in head:
                raise FormatError(source, f"a DTD or entity declaration ({marker}) is not allowed in gongwen XML")


def _text(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    return element.text or ""


def _texts(parent: etree._Element, name: str) -> list[str]:
    return [e.text or "" for e in parent.findall(q(name))]


def _date(element: etree._Element | None) -> tuple[_dt.date | None, str | None]:
    if element is None:
        return None, None
    return _dt.date.fromisoformat((element.text or "").strip()), element.get("印制")


def document_from_tree(root: etree._Element) -> Document:
    body = root.find(q("公文体"))
    header, main, colophon = (body.find(q(n)) for n in ("版头", "主体", "版记"))
    doc = Document(
        kind=root.get("公文种类"),
        format=_FORMATS[root.get("格式", "通用")],  # type: ignore[arg-type]
        script=_SCRIPTS[root.get("文字", "简体")],  # type: ignore[arg-type]
    )
    _read_header(header, doc)
    _read_main(main, doc)
    doc.cc = _texts(colophon, "抄送机关")
    doc.printer = _text(colophon.find(q("印发机关")))
    doc.print_date, doc.print_date_text = _date(colophon.find(q("印发日期")))
    return doc


def _read_header(header: etree._Element, doc: Document) -> None:
    doc.copy_number = _text(header.find(q("份号")))
    doc.secrecy = _text(header.find(q("密级")))
    doc.secrecy_period = _text(header.find(q("保密期限")))
    doc.urgency = _text(header.find(q("紧急程度")))
    mark = header.find(q("发文机关标志"))
    if mark is not None:
        doc.banner = mark.get("印制")
        doc.issuers = _texts(mark, "发文机关名称")
    number = header.find(q("发文字号"))
    if number is not None:
        year, serial = _text(number.find(q("年份"))), _text(number.find(q("发文顺序号")))
        doc.doc_number = DocNumber(
            text=number.get("印制", ""),
            code=_text(number.find(q("发文机关代字"))),
            year=int(year) if year else None,
            serial=int(serial) if serial else None,
        )
    doc.order_number = _text(header.find(q("令号")))
    doc.signers = _texts(header, "签发人")


def _read_main(main: etree._Element, doc: Document) -> None:
    doc.title = _text(main.find(q("标题")))
    doc.addressees = _texts(main, "主送机关")
    doc.body = _blocks(main.find(q("正文")))
    note = main.find(q("附件说明"))
    doc.attachments = _texts(note, "附件名称") if note is not None else []
    doc.attendance = [Attendance(role=e.get("类别", ""), names=_texts(e, "名称")) for e in main.findall(q("与会人员"))]
    doc.signatures = _texts(main, "发文机关署名")
    doc.date, doc.date_text = _date(main.find(q("成文日期")))
    doc.note = _text(main.find(q("附注")))
    doc.annexes = [
        Annex(label=e.get("标识", ""), title=_text(e.find(q("标题"))), body=_blocks(e.find(q("正文"))))
        for e in main.findall(q("附件"))
    ]


def _blocks(parent: etree._Element | None) -> list[Block]:
    if parent is None:
        return []
    blocks: list[Block] = []
    for element in parent:
        if element.tag == q("段落"):
            blocks.append(Paragraph(element.text or ""))
        elif element.tag == q("标题"):
            blocks.append(
                Heading(
                    level=int(element.get("层次", "1")),
                    label=element.get("序号", ""),
                    title=_text(element.find(q("标题文字"))) or "",
                    text=_text(element.find(q("接排正文"))) or "",
                )
            )
    return blocks
