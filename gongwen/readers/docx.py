"""Word documents back to text, then to the model through the same parser as plain text.

Paragraphs are read in order with the text of tables, text boxes and page headers (where the mark of a
红头文件 often lives); Word's automatic numbering is turned back into the labels a reader sees (一、
（一） 1. …); manual line breaks become line breaks; fields are read as shown. A .doc or .wps file is
first converted to .docx by LibreOffice when it is installed. The file is checked before it is read:
not a zip, truncated, missing parts or a zip bomb are refused quickly.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from gongwen.errors import FormatError, InputError
from gongwen.libreoffice import find_soffice, soffice_convert
from gongwen.model import Document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MAX_PART_BYTES = 64 * 1024 * 1024  # one XML part, uncompressed
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, beyond which a large part is taken for a zip bomb
_CN_DIGITS = "零一二三四五六七八九"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def read_docx_file(path: str | Path, keep_traditional: bool = False) -> Document:
    from gongwen.parsing import parse_text

    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "is a directory")
    if path.suffix.lower() in (".doc", ".wps"):
        return _read_via_libreoffice(path, keep_traditional)
    return parse_text(docx_text(path), keep_traditional=keep_traditional)


def _read_via_libreoffice(path: Path, keep_traditional: bool) -> Document:
    from gongwen.parsing import parse_text

    soffice = find_soffice()
    if not soffice:
        raise InputError(
            str(path),
            f"{path.suffix} files need LibreOffice to read; install it, or save the file "
            "as .docx in Word or WPS and convert that",
        )
    with tempfile.TemporaryDirectory(prefix="gongwen-") as tmp:
        try:
            soffice_convert(soffice, [path], "docx", tmp, Path(tmp) / "profile", timeout=120)
        except (subprocess.SubprocessError, OSError) as exc:
            raise FormatError(str(path), f"LibreOffice could not convert it: {exc}") from None
        converted = Path(tmp) / f"{path.stem}.docx"
        if not converted.exists():
            raise FormatError(str(path), "LibreOffice could not convert it to .docx")
        text = docx_text(converted, source=str(path))
    return parse_text(text, keep_traditional=keep_traditional)


# -- the package ---------------------------------------------------------------------------------
def docx_text(path: str | Path, source: str | None = None) -> str:
    """The text of a .docx file, one line per paragraph, in reading order."""
    source = source or str(path)
    try:
        with zipfile.ZipFile(path) as package:
            parts = _Package(package, source)
            return parts.text()
    except zipfile.BadZipFile:
        raise FormatError(source, "not a Word document (not a valid .docx zip file; truncated?)") from None
    except (OSError, EOFError) as exc:
        raise FormatError(source, f"cannot read the .docx: {exc}") from None


class _Package:
    def __init__(self, package: zipfile.ZipFile, source: str) -> None:
        self.package = package
        self.source = source
        self._check_sizes()
        names = set(package.namelist())
        if "word/document.xml" not in names:
            raise FormatError(source, "not a Word document (no word/document.xml in the package)")
        self.names = names

    def _check_sizes(self) -> None:
        total = 0
        for info in self.package.infolist():
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_PART_BYTES or (info.file_size > 10 * 1024 * 1024 and ratio > MAX_RATIO):
                raise FormatError(
                    self.source,
                    f"refused: part {info.filename} would unpack to {info.file_size // (1024 * 1024)} MB (a zip bomb?)",
                )
        if total > MAX_TOTAL_BYTES:
            raise FormatError(self.source, f"refused: the package would unpack to {total // (1024 * 1024)} MB")

    def xml(self, name: str) -> etree._Element | None:
        if name not in self.names:
            return None
        data = self.package.read(name)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        try:
            return etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            raise FormatError(self.source, f"{name} line {exc.lineno}: malformed XML: {exc.msg}") from None

    def text(self) -> str:
        document = self.xml("word/document.xml")
        body = document.find(w("body")) if document is not None else None
        if body is None:
            raise FormatError(self.source, "word/document.xml has no body")
        numbering = _Numbering(self.xml("word/numbering.xml"), self.xml("word/styles.xml"))
        lines = self._header_lines(document)
        lines += _BlockReader(numbering).blocks(body)
        return "\n".join(lines)

    def _header_lines(self, document: etree._Element) -> list[str]:
        """Text in the first section's headers, where a mark may have been put."""
        rels = self.xml("word/_rels/document.xml.rels")
        if rels is None:
            return []
        targets = {r.get("Id"): r.get("Target") for r in rels.findall(f"{{{PKG_REL_NS}}}Relationship")}
        sect = document.find(f".//{w('sectPr')}")
        lines: list[str] = []
        if sect is None:
            return lines
        for ref in sect.findall(w("headerReference")):
            if ref.get(w("type")) not in ("first", "default"):
                continue
            target = targets.get(ref.get(f"{{{R_NS}}}id"))
            header = self.xml(f"word/{target}") if target else None
            if header is not None:
                found = [line for line in _BlockReader(_Numbering(None, None)).blocks(header) if line.strip()]
                lines.extend(line for line in found if line not in lines)
        return lines


# -- paragraphs, tables, text boxes --------------------------------------------------------------
class _BlockReader:
    def __init__(self, numbering: _Numbering) -> None:
        self.numbering = numbering

    def blocks(self, container: etree._Element) -> list[str]:
        lines: list[str] = []
        for child in container:
            if child.tag == w("p"):
                lines.extend(self.paragraph(child))
            elif child.tag == w("tbl"):
                lines.extend(self.table(child))
            elif child.tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    lines.extend(self.blocks(content))
        return lines

    def table(self, table: etree._Element) -> list[str]:
        lines: list[str] = []
        for row in table.iter(w("tr")):
            cells = [self.blocks(cell) for cell in row.findall(w("tc"))]
            if all(len(c) <= 1 for c in cells):
                lines.append("  ".join(c[0] for c in cells if c and c[0].strip()))
            else:
                for cell in cells:
                    lines.extend(cell)
        return lines

    def paragraph(self, p: etree._Element) -> list[str]:
        boxes: list[str] = []
        for box in _text_boxes(p):
            boxes.extend(self.blocks(box))
        label = self.numbering.label(p)
        text = label + _runs_text(p)
        return boxes + text.split("\n")


def _text_boxes(p: etree._Element) -> list[etree._Element]:
    """Text-box contents in a paragraph, each once (not again from an mc:Fallback copy)."""
    found = []
    for box in p.iter(w("txbxContent")):
        if any(a.tag == f"{{{MC_NS}}}Fallback" for a in box.iterancestors()):
            continue
        if any(a.tag == w("txbxContent") for a in box.iterancestors()):
            continue
        found.append(box)
    return found


def _inside(el: etree._Element, stop: etree._Element, tags: tuple[str, ...]) -> bool:
    """Whether an ancestor of ``el`` below ``stop`` has one of ``tags``."""
    for ancestor in el.iterancestors():
        if ancestor is stop:
            return False
        if ancestor.tag in tags:
            return True
    return False


def _runs_text(p: etree._Element) -> str:
    """The visible text: w:t, tabs and breaks, field results but not field codes, not deleted text."""
    parts: list[str] = []
    hidden = (w("txbxContent"), w("del"), f"{{{MC_NS}}}Fallback")
    for el in p.iter():
        if _inside(el, p, hidden):
            continue
        tag = el.tag
        if tag == w("t"):
            parts.append(el.text or "")
        elif tag == w("tab"):
            parts.append("    ")
        elif tag in (w("br"), w("cr")):
            parts.append("\n" if el.get(w("type")) != "page" else "")
        elif tag == w("noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


# -- automatic numbering -------------------------------------------------------------------------
@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Numbering:
    numbering: etree._Element | None
    styles: etree._Element | None
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.numbering is not None:
            for ab in self.numbering.findall(w("abstractNum")):
                levels = {}
                for lvl in ab.findall(w("lvl")):
                    levels[int(lvl.get(w("ilvl"), "0"))] = _Level(
                        fmt=_val(lvl.find(w("numFmt")), "decimal"),
                        text=_val(lvl.find(w("lvlText")), ""),
                        start=int(_val(lvl.find(w("start")), "1")),
                    )
                self.abstract[ab.get(w("abstractNumId"))] = levels
            for num in self.numbering.findall(w("num")):
                num_id = num.get(w("numId"))
                self.nums[num_id] = _val(num.find(w("abstractNumId")), "")
                for override in num.findall(w("lvlOverride")):
                    start = override.find(w("startOverride"))
                    if start is not None:
                        self.overrides.setdefault(num_id, {})[int(override.get(w("ilvl"), "0"))] = int(_val(start, "1"))
        if self.styles is not None:
            for style in self.styles.findall(w("style")):
                num_pr = style.find(f"{w('pPr')}/{w('numPr')}")
                if num_pr is not None:
                    num_id = _val(num_pr.find(w("numId")), "")
                    self.style_num[style.get(w("styleId"))] = (num_id, int(_val(num_pr.find(w("ilvl")), "0")))

    def label(self, p: etree._Element) -> str:
        found = self._num_of(p)
        if found is None:
            return ""
        num_id, level = found
        abstract_id = self.nums.get(num_id)
        levels = self.abstract.get(abstract_id or "", {})
        if num_id == "0" or level not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id or num_id, [0] * 9)
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        start = self.overrides.get(num_id, {}).get(level, levels[level].start)
        counters[level] = counters[level] + 1 if counters[level] else start
        return re.sub(r"%(\d)", lambda m: self._format(levels, counters, int(m[1]) - 1), levels[level].text)

    def _num_of(self, p: etree._Element) -> tuple[str, int] | None:
        ppr = p.find(w("pPr"))
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        if num_pr is not None:
            num_id = _val(num_pr.find(w("numId")), "")
            if num_id:
                return num_id, int(_val(num_pr.find(w("ilvl")), "0"))
        style = ppr.find(w("pStyle")) if ppr is not None else None
        return self.style_num.get(_val(style, "")) if style is not None else None

    def _format(self, levels: dict[int, _Level], counters: list[int], level: int) -> str:
        value = counters[level] or (levels[level].start if level in levels else 1)
        fmt = levels[level].fmt if level in levels else "decimal"
        return format_number(value, fmt)


def _val(element: etree._Element | None, default: str) -> str:
    return element.get(w("val"), default) if element is not None else default


def format_number(value: int, fmt: str) -> str:
    """A list number as Word shows it in the given w:numFmt."""
    if fmt.startswith(("chinese", "ideograph", "japaneseCounting", "taiwaneseCounting")):
        return chinese_numeral(value)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalEnclosedCircle" and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def chinese_numeral(value: int) -> str:
    """一 … 十, 十一, 二十, 九十九, 一百 …"""
    if value < 10:
        return _CN_DIGITS[value]
    if value < 20:
        return "十" + (_CN_DIGITS[value % 10] if value % 10 else "")
    if value < 100:
        return _CN_DIGITS[value // 10] + "十" + (_CN_DIGITS[value % 10] if value % 10 else "")
    rest = value % 100
    tail = "" if rest == 0 else ("零" + chinese_numeral(rest) if rest < 10 else chinese_numeral(rest))
    return _CN_DIGITS[value // 100] + "百" + tail


def _roman(value: int) -> str:
    out = ""
    for number, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= number:
            out += letters
            value -= number
    return out
