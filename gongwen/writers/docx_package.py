"""The DOCX package (ECMA-376 part 2) each document is written into, as text and bytes.

The base package (styles, settings, font table, page-number footers) is read once per process; what a
document adds is its body, its core properties and, where it needs them, a first-page header, the
footers of an extra section and a seal image. Each document's package is those joined to the shared
parts: its relationships and content types are written here, never through python-docx's object model
(which costs more than writing the document itself).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass

import docx
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import CT_Relationships, serialize_part_xml
from docx.opc.rel import Relationships
from docx.opc.spec import default_content_types
from docx.oxml.section import CT_SectPr
from lxml import etree

from gongwen.errors import OutputError
from gongwen.made_once import MadeOnce

_RELATIONSHIPS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
_NAMESPACE_DECLARATION_RE = re.compile(r' xmlns(?::\w+)?="[^"]*"')
_BODY_START, _BODY_END = "<w:body>", "</w:body>"
_MAX_KEPT = 1024


def fragment(element: etree._Element) -> str:
    """An element as XML text to stand inside a part whose root declares its namespaces: the
    declarations lxml writes on the element's own tag are left out."""
    text = etree.tostring(element, encoding="unicode")
    end = text.index(">")
    return _NAMESPACE_DECLARATION_RE.sub("", text[:end]) + text[end:]


class PackageTemplate:
    """The base package taken apart once: the document part around its body, the parts every document
    shares (serialized), and the order the members are written in."""

    def __init__(self, data: bytes) -> None:
        d = docx.Document(io.BytesIO(data))
        document_part = d.part
        package = document_part.package
        document_xml = document_part.blob.decode("utf-8")
        body_start = document_xml.index(_BODY_START) + len(_BODY_START)
        self.document_head = document_xml[:body_start]
        self.document_tail = document_xml[document_xml.rindex(_BODY_END) :]
        self.section: CT_SectPr = deepcopy(d.element.body.sectPr)
        self.document_name = document_part.partname.membername
        self.document_rels_name = document_part.partname.rels_uri.membername
        self.relationships = _rows(document_part.rels)
        self.core = deepcopy(package.core_properties._element)
        self.core_pieces = _core_pieces(self.core)
        self.parts = tuple((str(part.partname), part.content_type) for part in package.iter_parts())
        self.package_rels = _relationships_xml(_rows(package.rels))
        # the members in package order: shared parts as bytes, the document's own as markers
        targets = {id(rel.target_part) for rel in document_part.rels.values() if not rel.is_external}
        self.members: list[tuple[str, bytes] | str] = []
        for part in package.iter_parts():
            if part is document_part:
                self.members.append("document")
            elif str(part.partname) == "/docProps/core.xml":
                self.members.append("core")
            else:
                self.members.append((part.partname.membername, part.blob))
                if len(part.rels):
                    self.members.append((part.partname.rels_uri.membername, _relationships_xml(_rows(part.rels))))
            if id(part) in targets:
                targets.discard(id(part))
                if not targets:
                    self.members.append("added")  # a document's own parts follow those of the base
        if "added" not in self.members:
            self.members.insert(self.members.index("document") + 1, "added")


@dataclass
class _AddedPart:
    name: str
    content_type: str
    blob: bytes


class DocumentPackage:
    """One document's package: the template's parts, and the parts and relationships it adds."""

    def __init__(self, template: PackageTemplate) -> None:
        self.template = template
        self.relationships = list(template.relationships)
        self.added: list[_AddedPart] = []
        self._images: dict[str, tuple[str, str]] = {}  # file → (rId, file name)

    def add_part(self, name_pattern: str, content_type: str, reltype: str, blob: bytes = b"") -> tuple[str, int]:
        """A new part related to the document: the first free name ``name_pattern % n`` and the first
        free rId, as Word and python-docx number them. Returns the rId and the part's handle."""
        taken = {name for name, _ in self.template.parts} | {part.name for part in self.added}
        name = next(name_pattern % n for n in range(1, len(taken) + 2) if name_pattern % n not in taken)
        rid = self._free_rid()
        target = name.removeprefix("/word/")
        self.relationships.append((rid, reltype, target, False))
        self.added.append(_AddedPart(name, content_type, blob))
        return rid, len(self.added) - 1

    def set_blob(self, handle: int, blob: bytes) -> None:
        self.added[handle].blob = blob

    def add_image(self, path: str) -> tuple[str, str]:
        """The rId and file name of an image file, embedded once however often it is drawn."""
        found = self._images.get(path)
        if found is None:
            try:
                image = Image.from_file(path)
            except OSError as exc:
                raise OutputError(path, f"cannot read the seal image: {exc.strerror or exc}") from None
            except UnrecognizedImageError:
                raise OutputError(path, "cannot read the seal image: not an image format DOCX takes") from None
            rid, _ = self.add_part(f"/word/media/image%d.{image.ext}", image.content_type, RT.IMAGE, image.blob)
            found = self._images[path] = (rid, image.filename)
        return found

    def _free_rid(self) -> str:
        taken = {rel[0] for rel in self.relationships}
        return next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)

    def members(self, document_xml: str, properties: dict[str, str]) -> Iterator[tuple[str, bytes]]:
        """The ZIP members: content types, relationships and every part."""
        template = self.template
        parts = template.parts + tuple((part.name, part.content_type) for part in self.added)
        yield "[Content_Types].xml", _content_types(parts)
        yield "_rels/.rels", template.package_rels
        for member in template.members:
            if member == "document":
                yield template.document_name, document_xml.encode("utf-8")
                yield template.document_rels_name, _relationships_xml(tuple(self.relationships))
            elif member == "core":
                yield "docProps/core.xml", _core_properties(template, properties)
            elif member == "added":
                for part in self.added:
                    yield part.name.removeprefix("/"), part.blob
            else:
                yield member


def _rows(relationships: Relationships) -> tuple[tuple[str, str, str, bool], ...]:
    """Relationships as (rId, type, target, external), in their order."""
    return tuple((rel.rId, rel.reltype, rel.target_ref, rel.is_external) for rel in relationships.values())


# the core properties a document sets (python-docx's names), and the elements that hold them
_CORE_ELEMENTS = {
    "title": "dc:title",
    "subject": "dc:subject",
    "author": "dc:creator",
    "keywords": "cp:keywords",
    "comments": "dc:description",
}
# the characters XML 1.0 cannot hold (C0 controls but tab and line ends, U+FFFE, U+FFFF) and lone
# surrogates, which no encoding can write: a translate table that leaves them out
XML_UNHOLDABLE: dict[int, None] = dict.fromkeys(
    [*(c for c in range(0x20) if chr(c) not in "\t\n\r"), 0xFFFE, 0xFFFF, *range(0xD800, 0xE000)]
)
# text as lxml writes it in an element (a carriage return as a reference); what XML cannot hold goes
_CORE_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}) | XML_UNHOLDABLE


def _core_pieces(base: etree._Element) -> list[str]:
    """The base core properties as text cut around each element a document sets: the text before the
    first, its key, the text up to the next, … (the base package has them all)."""
    text = serialize_part_xml(base).decode("utf-8")
    found = []
    for key, tag in _CORE_ELEMENTS.items():
        match = re.search(f"<{tag}(?:/>|>[^<]*</{tag}>)", text)
        if match is None:
            raise ValueError(f"the base package's core properties have no {tag}")
        found.append((match.start(), match.end(), key))
    pieces, at = [], 0
    for start, end, key in sorted(found):
        pieces += (text[at:start], key)
        at = end
    return [*pieces, text[at:]]


def _core_properties(template: PackageTemplate, properties: dict[str, str]) -> bytes:
    """docProps/core.xml: the base's, with ``properties`` (one value for each key of _CORE_ELEMENTS,
    python-docx's names) written into its text as python-docx would write them."""
    pieces = template.core_pieces
    out = pieces[:]
    for at in range(1, len(pieces), 2):
        tag = _CORE_ELEMENTS[pieces[at]]
        out[at] = f"<{tag}>{properties[pieces[at]].translate(_CORE_TEXT)}</{tag}>"
    return "".join(out).encode("utf-8")


def _made_relationships_xml(relationships: tuple[tuple[str, str, str, bool], ...]) -> bytes:
    element = CT_Relationships.new()
    for rid, reltype, target, external in relationships:
        element.add_rel(rid, reltype, target, external)
    return serialize_part_xml(element)


def _made_content_types(parts: tuple[tuple[str, str], ...]) -> bytes:
    """[Content_Types].xml: a default per extension where the type is the usual one, else an override."""
    defaults = {"rels": _RELATIONSHIPS_TYPE, "xml": "application/xml"}
    overrides = {}
    for name, content_type in parts:
        ext = name.rpartition(".")[2].lower()
        if (ext, content_type) in default_content_types:
            defaults[ext] = content_type
        else:
            overrides[name] = content_type
    entries = [f'<Default Extension="{ext}" ContentType="{kind}"/>' for ext, kind in sorted(defaults.items())]
    entries += [f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in sorted(overrides.items())]
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{"".join(entries)}</Types>'
    ).encode()


# a relationships part (rId, type, target, external) and the content types, made once for each set
_relationships_xml = MadeOnce(_made_relationships_xml, _MAX_KEPT).__getitem__
_content_types = MadeOnce(_made_content_types, _MAX_KEPT).__getitem__
