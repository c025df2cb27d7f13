"""Finding the customary fonts installed under file names of their own, by the names inside them."""

from __future__ import annotations

from fontTools.ttLib import TTFont

from gongwen.layout.font_names import _decode, family_names
from gongwen.layout.fonts import SHIPPED, SHIPPED_DIR, _register, load_fonts


def renamed_copy(source: str, target, family: str) -> None:
    font = TTFont(SHIPPED_DIR / source)
    names = font["name"]
    names.names = [n for n in names.names if n.nameID not in (1, 4, 16)]
    for name_id in (1, 4):
        names.setName(family, name_id, 3, 1, 0x804)
        if family.isascii():
            names.setName(family, name_id, 1, 0, 0)
    font.save(target)


def test_family_names_read_from_the_name_table(tmp_path):
    target = tmp_path / "FZXBSJW--GB1-0.ttf"
    renamed_copy(SHIPPED["songti"], target, "方正小标宋简体")
    assert family_names(target) == {"方正小标宋简体"}
    assert family_names(SHIPPED_DIR / SHIPPED["latin"]) == {"Liberation Serif"}
    assert family_names(tmp_path / "missing.ttf") == set()
    (tmp_path / "junk.ttf").write_bytes(b"not a font at all")
    assert family_names(tmp_path / "junk.ttf") == set()


def test_names_in_the_gb2312_encoding_of_old_chinese_fonts():
    # platform 3, encoding 3 (PRC): each 16-bit unit holds one GB2312 byte pair, or a zero and an ASCII byte
    raw = b"\xb7\xc2\xcb\xce\x00_\x00G\x00B\x002\x003\x001\x002"
    assert _decode(raw, 3, 3) == "仿宋_GB2312"


def test_fonts_installed_under_other_file_names_are_found_by_their_family(tmp_path):
    renamed_copy(SHIPPED["songti"], tmp_path / "FZXBSJW--GB1-0.ttf", "方正小标宋简体")
    renamed_copy(SHIPPED["latin"], tmp_path / "tnr-regular.ttf", "Times New Roman")
    renamed_copy(SHIPPED["kaiti"], tmp_path / "kt.ttf", "KaiTi")  # a lesser name of the role
    fonts = load_fonts(font_dir=str(tmp_path))
    assert fonts.roles["xiaobiaosong"].path == str(tmp_path / "FZXBSJW--GB1-0.ttf")
    assert fonts.roles["latin"].path == str(tmp_path / "tnr-regular.ttf")
    assert fonts.roles["kaiti"].path == str(tmp_path / "kt.ttf")
    assert fonts.roles["fangsong"].path == str(SHIPPED_DIR / SHIPPED["fangsong"])  # none installed: shipped


def test_the_best_name_of_a_role_wins(tmp_path):
    renamed_copy(SHIPPED["kaiti"], tmp_path / "a.ttf", "KaiTi")
    renamed_copy(SHIPPED["kaiti"], tmp_path / "b.ttf", "楷体_GB2312")
    assert load_fonts(font_dir=str(tmp_path)).roles["kaiti"].path == str(tmp_path / "b.ttf")
    assert _register(str(tmp_path / "b.ttf")) is not None


def test_two_files_of_one_name_are_two_fonts(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    renamed_copy(SHIPPED["kaiti"], tmp_path / "one" / "font.ttf", "KaiTi")
    renamed_copy(SHIPPED["latin"], tmp_path / "two" / "font.ttf", "Times New Roman")
    first, second = _register(str(tmp_path / "one" / "font.ttf")), _register(str(tmp_path / "two" / "font.ttf"))
    assert first.name != second.name
    assert first.has("楷") and not second.has("楷")
