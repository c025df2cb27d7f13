"""LibreOffice headless, for the conversions gongwen leaves to it (.doc/.wps input, rendering checks)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path


def find_soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_convert(
    soffice: str, paths: Sequence[str | Path], to: str, outdir: str | Path, profile: str | Path, timeout: float = 300
) -> None:
    """Convert ``paths`` to format ``to`` into ``outdir`` in one call, with its own user profile (so that it
    runs beside a LibreOffice the user has open). Raises subprocess.SubprocessError or OSError on failure."""
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{Path(profile).resolve()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
    )
