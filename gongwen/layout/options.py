"""Options the layout writers (DOCX, PDF) take."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class LayoutOptions:
    """``seal``: False (unsealed layout, 7.3.5.2), True (sealed layout, 7.3.5.1) or the path of a seal
    image (a red PNG with transparency) to press on the signature. ``double_sided``: put the 版记 on an
    even page, inserting an unnumbered blank page where needed. ``fonts``: font files by role for PDF
    output (fangsong, xiaobiaosong, heiti, kaiti, songti, latin)."""

    seal: bool | str | Path = False
    double_sided: bool = False
    fonts: Mapping[str, str] = field(default_factory=dict)
    use_system_fonts: bool = True
    font_dir: str | None = None  # searched first for the customary fonts by file name

    @property
    def sealed(self) -> bool:
        return bool(self.seal)

    @property
    def seal_image(self) -> str | None:
        return str(self.seal) if isinstance(self.seal, (str, Path)) and str(self.seal) else None
