"""Fonts for PDF output: which file plays each role, loaded once per process.

Resolution order for each role: a file the caller names (``fonts={"fangsong": path}`` or the
environment variable ``GONGWEN_FONT_FANGSONG`` …), then the customary fonts where installed (looked up
by file name in ``GONGWEN_FONT_DIR`` and the usual font folders of Linux, Windows and macOS), then the
free fonts shipped in ``gongwen/fonts``. Characters a font lacks fall back, one by one, to a font with
GBK coverage.
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from gongwen.layout.font_names import family_names, normalized
from gongwen.layout.font_subsets import SubsetFace
from gongwen.layout.truetype import FontFileError

if TYPE_CHECKING:
    from gongwen.layout.typeset import Item, Style

SHIPPED_DIR = Path(__file__).resolve().parent.parent / "fonts"

ROLES = ("fangsong", "xiaobiaosong", "heiti", "kaiti", "songti", "latin")

SHIPPED = {
    "fangsong": "FandolFang-Regular.ttf",
    "xiaobiaosong": "NotoSerifSC-Black.ttf",
    "heiti": "WenQuanYiMicroHei.ttf",
    "kaiti": "ARPLKaitiMGB.ttf",
    "songti": "ARPLSungtiLGB.ttf",
    "latin": "LiberationSerif-Regular.ttf",
}
FALLBACK = ("WenQuanYiMicroHei.ttf", "FandolFang-Regular.ttf", "NotoSerifSC-Black.ttf", "ARPLKaitiMGB.ttf")

# The customary fonts of official documents, by the file names they are installed under.
CUSTOMARY = {
    "fangsong": (
        "仿宋_GB2312.ttf",
        "FangSong_GB2312.ttf",
        "FANGSONG_GB2312.TTF",
        "仿宋.ttf",
        "simfang.ttf",
        "FangSong.ttf",
    ),
    "xiaobiaosong": (
        "方正小标宋简体.ttf",
        "FZXBSJW.TTF",
        "FZXiaoBiaoSong-B05S.ttf",
        "方正小标宋_GBK.ttf",
        "FZXBSK.TTF",
    ),
    "heiti": ("黑体.ttf", "simhei.ttf", "SimHei.ttf"),
    "kaiti": ("楷体_GB2312.ttf", "KaiTi_GB2312.ttf", "楷体.ttf", "simkai.ttf", "KaiTi.ttf"),
    "songti": ("宋体.ttc", "simsun.ttc", "SimSun.ttf", "simsun.ttf"),
    "latin": ("times.ttf", "Times New Roman.ttf", "TimesNewRoman.ttf"),
}

# The same fonts by the family names inside them, best first.
CUSTOMARY_FAMILIES = {
    "fangsong": ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"),
    "xiaobiaosong": ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05"),
    "heiti": ("黑体", "SimHei"),
    "kaiti": ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"),
    "songti": ("宋体", "SimSun"),
    "latin": ("Times New Roman",),
}

# Names the DOCX writer gives each role (Word and WPS substitute what they have).
DOCX_NAMES = {
    "fangsong": "仿宋_GB2312",
    "xiaobiaosong": "方正小标宋简体",
    "heiti": "黑体",
    "kaiti": "楷体_GB2312",
    "songti": "宋体",
    "latin": "Times New Roman",
}


def font_folders(first: str | None = None) -> list[Path]:
    home = Path.home()
    folders = [first or "", os.environ.get("GONGWEN_FONT_DIR", "")]
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR", "C:\\Windows")
        folders += [str(Path(windir) / "Fonts"), str(home / "AppData/Local/Microsoft/Windows/Fonts")]
    elif sys.platform == "darwin":
        folders += ["/Library/Fonts", "/System/Library/Fonts", str(home / "Library/Fonts")]
    else:
        folders += [
            "/usr/share/fonts",
            "/usr/local/share/fonts",
            str(home / ".fonts"),
            str(home / ".local/share/fonts"),
        ]
    return [Path(f) for f in folders if f and Path(f).is_dir()]


@dataclass(frozen=True)
class LoadedFont:
    """A font file read once, and the characters it has glyphs for."""

    name: str  # unique per file
    path: str
    chars: frozenset[int] = field(repr=False)
    face: SubsetFace = field(repr=False, compare=False, hash=False)

    def has(self, ch: str) -> bool:
        return ord(ch) in self.chars

    def width(self, text: str, size: float) -> float:
        """The advance of ``text`` at ``size`` points, in points."""
        return self.face.string_width(text, size)


@dataclass
class FontSet:
    roles: dict[str, LoadedFont]
    fallbacks: list[LoadedFont]
    # the typesetter's items for full-width characters, made once per style and character (and its
    # mark for the characters of Latin words)
    typeset_memo: dict[Style, dict[str, Item | object]] = field(default_factory=dict, repr=False, compare=False)
    typeset_words: dict[Style, dict[str, Item]] = field(default_factory=dict, repr=False, compare=False)
    made_missing: bool = field(default=False, repr=False, compare=False)  # an item without a glyph was made

    def for_char(self, role: str, ch: str) -> LoadedFont | None:
        """The font that draws ``ch`` in ``role``, or None when no font has it."""
        primary = self.roles[role]
        if primary.has(ch):
            return primary
        for font in self.fallbacks:
            if font.has(ch):
                return font
        return None

    def all_fonts(self) -> Iterable[LoadedFont]:
        return list(self.roles.values()) + self.fallbacks


def load_fonts(
    overrides: Mapping[str, str] | None = None, use_system: bool = True, font_dir: str | None = None
) -> FontSet:
    """The fonts for every role; loaded once per process for the same arguments."""
    env = {
        role: os.environ[f"GONGWEN_FONT_{role.upper()}"]
        for role in ROLES
        if os.environ.get(f"GONGWEN_FONT_{role.upper()}")
    }
    merged = {**env, **(overrides or {})}
    return _load_fonts(tuple(sorted(merged.items())), use_system, font_dir)


@lru_cache(maxsize=8)
def _load_fonts(overrides: tuple[tuple[str, str], ...], use_system: bool, font_dir: str | None) -> FontSet:
    chosen = dict(overrides)
    system = _system_fonts(font_dir) if use_system or font_dir else {}
    roles: dict[str, LoadedFont] = {}
    for role in ROLES:
        for candidate in (chosen.get(role), system.get(role), str(SHIPPED_DIR / SHIPPED[role])):
            if candidate:
                loaded = _register(candidate)
                if loaded:
                    roles[role] = loaded
                    break
        else:
            raise RuntimeError(f"no usable font for {role}")
    fallbacks = [f for f in (_register(str(SHIPPED_DIR / name)) for name in FALLBACK) if f]
    return FontSet(roles=roles, fallbacks=fallbacks)


def _system_fonts(font_dir: str | None = None) -> dict[str, str]:
    """The customary font of each role found installed: by file name, then by the names inside the
    files (for fonts installed under other file names)."""
    wanted = {name.lower(): role for role, names in CUSTOMARY.items() for name in names}
    found: dict[str, str] = {}
    files = [path for folder in font_folders(font_dir) for path in folder.rglob("*")]
    for path in files:
        role = wanted.get(path.name.lower())
        if role and role not in found:
            found[role] = str(path)
    missing = [role for role in ROLES if role not in found]
    if missing:
        found.update(_fonts_by_family(files, missing))
    return found


def _fonts_by_family(files: list[Path], roles: list[str]) -> dict[str, str]:
    """For each role, the font file whose family name comes first in CUSTOMARY_FAMILIES."""
    rank = {normalized(name): (role, k) for role in roles for k, name in enumerate(CUSTOMARY_FAMILIES[role])}
    best: dict[str, tuple[int, str]] = {}
    for path in files:
        if path.suffix.lower() not in (".ttf", ".ttc"):
            continue
        for name in family_names(path):
            hit = rank.get(normalized(name))
            if hit and (hit[0] not in best or hit[1] < best[hit[0]][0]):
                best[hit[0]] = (hit[1], str(path))
    return {role: path for role, (_, path) in best.items()}


@lru_cache(maxsize=64)
def _register(path: str) -> LoadedFont | None:
    """Read a TrueType font; None when it cannot be embedded (CFF outlines, a licence that forbids it)."""
    # the path's hash keeps two files of one name (a user's copy of a shipped font) apart
    name = f"GW-{Path(path).stem.replace(' ', '')}-{zlib.crc32(path.encode('utf-8')):08x}"
    try:
        face = SubsetFace(path)
    except (OSError, FontFileError):
        return None
    return LoadedFont(name=name, path=path, chars=frozenset(face.char_to_glyph), face=face)
