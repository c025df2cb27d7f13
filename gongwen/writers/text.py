"""Plain text in reading order, every element with the label it is printed with.

Useful to read a parsed document at a glance, and the form in which the parser's promise that no
input text is lost can be checked.
"""

from __future__ import annotations

from gongwen.model import Block, Document, Heading


def render_text(doc: Document) -> str:
    lines: list[str] = []
    lines.extend(_header(doc))
    if doc.title:
        lines += ["", doc.title, ""]
    if doc.addressees:
        lines.append("，".join(doc.addressees) + "：")
    lines.extend(_blocks(doc.body))
    if doc.attachments:
        lines.append("")
        lines.extend(_attachment_note(doc.attachments))
    for item in doc.attendance:
        lines.append(f"{item.role}：{'、'.join(item.names)}")
    if doc.signatures or doc.date_text:
        lines.append("")
        lines.extend(doc.signatures)
        if doc.date_text:
            lines.append(doc.date_text)
    if doc.note:
        lines.append(f"（{doc.note}）")
    for annex in doc.annexes:
        lines += ["", annex.label] if annex.label else [""]
        if annex.title:
            lines.append(annex.title)
        lines.extend(_blocks(annex.body))
    lines.extend(_colophon(doc))
    return "\n".join(lines).strip("\n") + "\n"


def _header(doc: Document) -> list[str]:
    lines: list[str] = []
    if doc.copy_number:
        lines.append(doc.copy_number)
    if doc.secrecy:
        lines.append(doc.secrecy + (f"★{doc.secrecy_period}" if doc.secrecy_period else ""))
    if doc.urgency:
        lines.append(doc.urgency)
    if doc.banner:
        lines.append(doc.banner)
    shown = (doc.banner or "") + "".join(doc.signatures)
    if any(issuer not in shown for issuer in doc.issuers):
        lines.append("  ".join(doc.issuers))
    if doc.order_number:
        lines.append(doc.order_number)
    number = doc.doc_number.text if doc.doc_number else ""
    if doc.signers:
        lines.append(f"{number}    签发人：{' '.join(doc.signers)}".strip())
    elif number:
        lines.append(number)
    return lines


def _blocks(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"{block.label}{block.title}{block.text}")
        else:
            out.append(block.text)
    return out


def _attachment_note(attachments: list[str]) -> list[str]:
    if len(attachments) == 1:
        return [f"附件：{attachments[0]}"]
    lines = [f"附件：1.{attachments[0]}"]
    lines.extend(f"　　　{n}.{title}" for n, title in enumerate(attachments[1:], start=2))
    return lines


def _colophon(doc: Document) -> list[str]:
    lines: list[str] = []
    if doc.cc:
        lines.append(f"抄送：{'，'.join(doc.cc)}。")
    if doc.printer or doc.print_date_text:
        lines.append(f"{doc.printer or ''}    {doc.print_date_text or ''}印发".strip())
    return [""] + lines if lines else []
