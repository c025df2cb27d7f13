"""Exceptions. Each names the input and what was wrong, so a caller can print it as one line."""

from __future__ import annotations


class GongwenError(Exception):
    """Base of every error gongwen raises on purpose."""

    def __init__(self, source: str | None, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}" if source else reason)


class InputError(GongwenError):
    """The input cannot be read as a document (empty, binary, undecodable, unreadable)."""


class FormatError(GongwenError):
    """The input is of a known format but malformed (bad XML, a schema violation, a broken DOCX)."""


class OutputError(GongwenError):
    """The output could not be written."""
