"""Reading an input file's bytes, with one-line errors that name the file."""

from __future__ import annotations

from pathlib import Path

from gongwen.errors import InputError


def read_input_bytes(path: Path, limit: int | None = None, what: str = "file") -> bytes:
    """The bytes of ``path``; InputError for a missing path, a folder, an unreadable or too large file."""
    try:
        if limit is not None:
            size = path.stat().st_size
            if size > limit:
                mb = 1024 * 1024
                raise InputError(str(path), f"{what} too large ({size // mb} MB; limit {limit // mb} MB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
