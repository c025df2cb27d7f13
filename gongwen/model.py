"""The typed model of an official document (公文) and its JSON form.

Every reader produces a :class:`Document`; every writer consumes one. ``to_dict()`` gives the JSON
contract of design.md §3 and ``Document.from_dict()`` inverts it exactly. This module does no I/O.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, fields
from typing import Any, Literal, Union

FORMATS = ("standard", "letter", "order", "minutes")
Format = Literal["standard", "letter", "order", "minutes"]


@dataclass
class DocNumber:
    """发文字号, e.g. 国办发〔2020〕6号."""

    text: str
    code: str | None = None
    year: int | None = None
    serial: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "code": self.code, "year": self.year, "serial": self.serial}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocNumber:
        return cls(text=data["text"], code=data.get("code"), year=data.get("year"), serial=data.get("serial"))


@dataclass
class Paragraph:
    """A body paragraph."""

    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"type": "paragraph", "text": self.text}


@dataclass
class Heading:
    """A numbered heading: level 1 一、 · 2 （一） · 3 1. · 4 （1）.

    ``title`` is the heading sentence; ``text`` is run-in text that follows it in the same paragraph.
    """

    level: int
    label: str
    title: str
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"type": "heading", "level": self.level, "label": self.label, "title": self.title, "text": self.text}


Block = Union[Paragraph, Heading]  # noqa: UP007 (a runtime alias, kept readable on 3.10)


def block_from_dict(data: dict[str, Any]) -> Block:
    kind = data.get("type")
    if kind == "paragraph":
        return Paragraph(text=data["text"])
    if kind == "heading":
        return Heading(level=int(data["level"]), label=data["label"], title=data["title"], text=data.get("text") or "")
    raise ValueError(f"unknown block type: {kind!r}")


@dataclass
class Annex:
    """An attachment (附件) laid out after the main text, or the text a 印发/转发 notice issues."""

    label: str
    title: str | None
    body: list[Block] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "title": self.title, "body": [b.to_dict() for b in self.body]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Annex:
        return cls(
            label=data.get("label") or "",
            title=data.get("title"),
            body=[block_from_dict(b) for b in data.get("body") or []],
        )


@dataclass
class Attendance:
    """One line of a 纪要's attendance: role 出席, 请假 or 列席, and the names after the colon."""

    role: str
    names: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "names": list(self.names)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attendance:
        return cls(role=data["role"], names=list(data.get("names") or []))


@dataclass
class Residue:
    """Input set aside by the normaliser or parser, with the reason."""

    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Residue:
        return cls(text=data["text"], reason=data["reason"])


@dataclass
class Uncertain:
    """An element the parser was unsure of: how sure (0–1) and why, so that a clerk knows what to check."""

    element: str
    confidence: float
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"element": self.element, "confidence": self.confidence, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Uncertain:
        return cls(element=data["element"], confidence=float(data["confidence"]), reason=data["reason"])


def _date_to_str(value: _dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date_from_str(value: str | None) -> _dt.date | None:
    return _dt.date.fromisoformat(value) if value else None


@dataclass
class Document:
    """One 公文, every element of GB/T 9704-2012 §7 plus what the parser set aside."""

    kind: str | None = None
    format: Format = "standard"
    copy_number: str | None = None
    secrecy: str | None = None
    secrecy_period: str | None = None
    urgency: str | None = None
    issuers: list[str] = field(default_factory=list)
    banner: str | None = None
    doc_number: DocNumber | None = None
    order_number: str | None = None
    signers: list[str] = field(default_factory=list)
    title: str | None = None
    addressees: list[str] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)
    date: _dt.date | None = None
    date_text: str | None = None
    note: str | None = None
    annexes: list[Annex] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    printer: str | None = None
    print_date: _dt.date | None = None
    print_date_text: str | None = None
    script: Literal["simplified", "traditional"] = "simplified"
    residue: list[Residue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    uncertain: list[Uncertain] = field(default_factory=list)

    # -- JSON form -----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            out[f.name] = _field_to_json(getattr(self, f.name))
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        doc_number = data.get("doc_number")
        fmt = data.get("format") or "standard"
        if fmt not in FORMATS:
            raise ValueError(f"unknown format: {fmt!r}")
        return cls(
            kind=data.get("kind"),
            format=fmt,
            copy_number=data.get("copy_number"),
            secrecy=data.get("secrecy"),
            secrecy_period=data.get("secrecy_period"),
            urgency=data.get("urgency"),
            issuers=list(data.get("issuers") or []),
            banner=data.get("banner"),
            doc_number=DocNumber.from_dict(doc_number) if doc_number else None,
            order_number=data.get("order_number"),
            signers=list(data.get("signers") or []),
            title=data.get("title"),
            addressees=list(data.get("addressees") or []),
            body=[block_from_dict(b) for b in data.get("body") or []],
            attachments=list(data.get("attachments") or []),
            attendance=[Attendance.from_dict(a) for a in data.get("attendance") or []],
            signatures=list(data.get("signatures") or []),
            date=_date_from_str(data.get("date")),
            date_text=data.get("date_text"),
            note=data.get("note"),
            annexes=[Annex.from_dict(a) for a in data.get("annexes") or []],
            cc=list(data.get("cc") or []),
            printer=data.get("printer"),
            print_date=_date_from_str(data.get("print_date")),
            print_date_text=data.get("print_date_text"),
            script=data.get("script") or "simplified",
            residue=[Residue.from_dict(r) for r in data.get("residue") or []],
            warnings=list(data.get("warnings") or []),
            uncertain=[Uncertain.from_dict(u) for u in data.get("uncertain") or []],
        )

    # -- conveniences --------------------------------------------------------------------------
    def guess(self, element: str, confidence: float, reason: str) -> None:
        """Record that ``element`` was guessed: in ``uncertain``, and in ``warnings`` for the user."""
        self.uncertain.append(Uncertain(element, confidence, reason))
        self.warnings.append(f"guessed the {element}: {reason}")

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.body if isinstance(b, Heading)]

    def has_structure(self) -> bool:
        """True when any element beyond plain body text was recognised."""
        return any(
            (self.title, self.addressees, self.doc_number, self.banner, self.signatures, self.date, self.order_number)
        )


def _field_to_json(value: Any) -> Any:
    if isinstance(value, _dt.date):
        return _date_to_str(value)
    if isinstance(value, list):
        return [_field_to_json(v) for v in value]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value
