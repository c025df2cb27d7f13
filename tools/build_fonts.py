"""Build the free fonts shipped in gongwen/fonts from Debian's font packages.

    apt-get install fonts-noto-cjk-extra fonts-arphic-gkai00mp fonts-arphic-gbsn00lp fonts-wqy-microhei \
        fonts-liberation2 texlive-lang-chinese
    python tools/build_fonts.py

Each font is subset to the characters official documents use (GB2312, or GBK for the fallback font,
plus the punctuation of GB/T 15834 that Python's gb2312 codec leaves out), and CFF outlines are
converted to TrueType quadratics, since gongwen embeds TrueType outlines only.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

OUT = Path(__file__).resolve().parent.parent / "gongwen" / "fonts"
TEXLIVE_FANDOL = Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol")

# U+2014 (—) and others are missing from Python's gb2312 codec but appear in every document.
EXTRA = "—―–‖…‘’“”〔〕〈〉《》「」『』【】〖〗·•★☆○〇№℃‰％﹝﹞（）［］｛｝！，。、；：？～￥·ˉˇ¨々"


def gb2312_chars() -> set[str]:
    return _double_byte_chars("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))


def gbk_chars() -> set[str]:
    return _double_byte_chars("gbk", range(0x81, 0xFF), [c for c in range(0x40, 0xFF) if c != 0x7F])


def _double_byte_chars(codec: str, rows, cols) -> set[str]:
    chars: set[str] = set()
    for row in rows:
        for col in cols:
            try:
                chars.add(bytes([row, col]).decode(codec))
            except UnicodeDecodeError:
                continue
    return chars


ASCII = {chr(c) for c in range(0x20, 0x7F)}
LATIN1 = ASCII | {chr(c) for c in range(0xA0, 0x100)}

# (output name, source, face name hint in a collection, characters, licence file)
FONTS = [
    (
        "FandolFang-Regular.ttf",
        TEXLIVE_FANDOL / "FandolFang-Regular.otf",
        None,
        lambda: gb2312_chars() | ASCII | set(EXTRA),
        "/usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz",
    ),
    (
        "NotoSerifSC-Black.ttf",
        Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Black.ttc"),
        "SC",
        lambda: gb2312_chars() | ASCII | set(EXTRA),
        "/usr/share/doc/fonts-noto-cjk-extra/copyright",
    ),
    (
        "ARPLKaitiMGB.ttf",
        Path("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf"),
        None,
        lambda: gb2312_chars() | ASCII | set(EXTRA),
        "/usr/share/doc/fonts-arphic-gkai00mp/license/english/ARPHICPL.TXT.gz",
    ),
    (
        "WenQuanYiMicroHei.ttf",
        Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
        "Micro Hei",
        lambda: gbk_chars() | LATIN1 | set(EXTRA),
        "/usr/share/doc/fonts-wqy-microhei/copyright",
    ),
    (
        "ARPLSungtiLGB.ttf",
        Path("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"),
        None,
        lambda: ASCII | set("—"),
        "/usr/share/doc/fonts-arphic-gbsn00lp/copyright",
    ),
    (
        "LiberationSerif-Regular.ttf",
        Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
        None,
        lambda: LATIN1 | set("‘’“”–—…•€™"),
        "/usr/share/doc/fonts-liberation2/copyright",
    ),
]


def load_face(path: Path, hint: str | None) -> TTFont:
    if path.suffix.lower() == ".ttc":
        for font in TTCollection(str(path)).fonts:
            if hint and hint in font["name"].getDebugName(4):
                return font
        raise SystemExit(f"no face matching {hint!r} in {path}")
    return TTFont(str(path))


def subset_font(font: TTFont, chars: set[str]) -> None:
    options = subset.Options()
    options.layout_features = []  # the typesetter uses no OpenType layout
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)


def cff_to_truetype(font: TTFont, max_err: float = 1.0) -> None:
    """Replace CFF outlines by quadratic glyf outlines (the otf2ttf recipe of fontTools)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        advance, _ = hmtx.metrics[name]
        hmtx.metrics[name] = (advance, getattr(glyph, "xMin", 0))
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"


def copy_licence(source: str, target: Path) -> None:
    import gzip

    src = Path(source)
    data = gzip.decompress(src.read_bytes()) if src.suffix == ".gz" else src.read_bytes()
    target.write_bytes(data)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "licenses").mkdir(exist_ok=True)
    for name, source, hint, chars, licence in FONTS:
        if not source.exists():
            sys.exit(f"missing {source}: install the Debian package named in this script's docstring")
        font = load_face(source, hint)
        subset_font(font, chars())
        if "CFF " in font:
            cff_to_truetype(font)
        font.save(str(OUT / name))
        copy_licence(licence, OUT / "licenses" / f"{Path(name).stem}.txt")
        print(f"{name}: {(OUT / name).stat().st_size / 1e6:.1f} MB, {len(font.getGlyphOrder())} glyphs")


if __name__ == "__main__":
    main()
