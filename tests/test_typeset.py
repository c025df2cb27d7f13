"""The grid line breaker: GB/T 15834 line-start and line-end rules, unbreakable pairs, justification."""

from __future__ import annotations

import pytest

from gongwen.layout import spec
from gongwen.layout.fonts import load_fonts
from gongwen.layout.typeset import Span, Style, break_lines, make_items

BODY = Style("fangsong", spec.SIZE_3, cell=spec.CHAR_PITCH)
WIDTH = spec.TEXT_WIDTH


@pytest.fixture(scope="module")
def fonts():
    return load_fonts(use_system=False)


def lines_of(text: str, fonts, first_indent: float = 0.0) -> list:
    return break_lines(make_items([Span(text, BODY)], fonts), WIDTH, first_indent)


def test_full_lines_hold_28_characters_and_end_at_the_edge(fonts):
    lines = lines_of("国" * 60, fonts)
    assert [len(line.text) for line in lines] == [28, 28, 4]
    assert lines[0].right == pytest.approx(WIDTH, abs=1e-6)


def test_closing_mark_never_starts_a_line(fonts):
    # the 29th character is a full stop: squeezed onto the line when its punctuation allows, else
    # a character is pulled down with it
    for text in ("国" * 28 + "。后文", "国，" * 14 + "。后文", "国" * 27 + "“引”。后面还有很多文字"):
        for line in lines_of(text, fonts):
            assert line.text[0] not in spec.NO_LINE_START
            assert line.text[-1] not in spec.NO_LINE_END
            assert line.right <= WIDTH + 1e-6


def test_squeezing_keeps_the_mark_on_the_line_when_there_is_punctuation_to_squeeze(fonts):
    text = "国，" * 13 + "国国" + "。后文"
    first = lines_of(text, fonts)[0]
    assert first.text.endswith("。") and len(first.text) == 29
    assert first.right == pytest.approx(WIDTH, abs=1e-6)


def test_pull_down_when_nothing_can_be_squeezed(fonts):
    first, second = lines_of("国" * 28 + "。后文", fonts)[:2]
    assert len(first.text) == 27 and second.text.startswith("国。")
    assert first.right == pytest.approx(WIDTH, abs=1e-6)  # justified after the pull-down


def test_opening_mark_never_ends_a_line(fonts):
    first, second = lines_of("国" * 27 + "《标题》后文", fonts)[:2]
    assert not first.text.endswith("《") and second.text.startswith("《")


@pytest.mark.parametrize("pair", ["——", "……"])
def test_two_cell_marks_never_split(fonts, pair):
    for lead in range(25, 29):
        lines = lines_of("国" * lead + pair + "国" * 10, fonts)
        assert all(not line.text.endswith(pair[0]) or line.text.endswith(pair) for line in lines)
        assert pair in "".join(line.text for line in lines)
        assert not any(line.text.startswith(pair[0]) and not line.text.startswith(pair) for line in lines[1:])


def test_latin_and_digits_keep_their_natural_width_and_lines_stay_justified(fonts):
    lines = lines_of("截至2025年12月31日，全省完成投资1234.56亿元，GDP增长5.2%，" * 3, fonts)
    for line in lines[:-1]:
        assert line.right == pytest.approx(WIDTH, abs=1e-6)
        assert line.text[0] not in spec.NO_LINE_START
    digits = [item for line in lines for item in line.items if item.text.startswith("2025")]
    assert digits and digits[0].width < 4 * spec.CHAR_PITCH


def test_paragraph_indent(fonts):
    first, second = lines_of("国" * 40, fonts, first_indent=2 * spec.CHAR_PITCH)[:2]
    assert len(first.text) == 26 and len(second.text) == 14


TITLE_UNITS = 20  # 2号 characters on a line of the 版心


@pytest.mark.parametrize(
    "title",
    [
        "江南省人民政府关于印发《江南省加快发展现代农业三年行动方案（2025—2027年）》的通知",
        "国务院办公厅关于进一步加强和改进城市供水安全保障工作的意见",
        "江南省人民政府办公厅关于做好2025年春季安全生产工作的通知",
        "关于表彰2024年度全省安全生产先进单位和先进个人的决定",
    ],
)
def test_title_lines_fit_keep_every_character_and_break_at_allowed_places(title):
    from gongwen.layout.title import split_title, units

    lines = split_title(title, TITLE_UNITS)
    assert "".join(lines) == title
    assert all(units(line) <= TITLE_UNITS for line in lines)
    for upper, lower in zip(lines, lines[1:], strict=False):
        assert not (upper[-1].isascii() and upper[-1].isalnum() and lower[0].isascii() and lower[0].isalnum())
        assert not (upper.endswith("—") and lower.startswith("—"))


def test_a_long_book_title_breaks_at_its_own_good_places():
    from gongwen.layout.title import split_title

    lines = split_title(
        "江南省人民政府关于印发《江南省加快发展现代农业三年行动方案（2025—2027年）》的通知", TITLE_UNITS
    )
    assert lines == ["江南省人民政府关于印发", "《江南省加快发展现代农业三年行动方案", "（2025—2027年）》的通知"]


def test_a_squeezed_item_differs_from_its_original_in_width_and_scale_alone(fonts):
    from dataclasses import fields, replace

    items = make_items([Span("，“2025年”", Style())], fonts)
    for item in items:
        width = item.width * 0.75
        squeezed = item.squeezed(width)
        expected = replace(item, width=width, scale=item.scale * width / item.width)
        assert [getattr(squeezed, f.name) for f in fields(item)] == [getattr(expected, f.name) for f in fields(item)]
        assert squeezed.look == (item.font, squeezed.scale, item.style)
        changed = {f.name for f in fields(item) if getattr(squeezed, f.name) != getattr(item, f.name)}
        assert changed == {"width", "scale", "look"}


def test_items_drawn_alike_share_one_look_and_the_kept_looks_stay_bounded(fonts):
    from gongwen.layout import typeset

    items = make_items([Span("关于做好安全生产工作的通知2025年", BODY)], fonts)
    chinese = [item for item in items if item.font is items[0].font and item.scale == items[0].scale]
    assert len(chinese) > 10 and all(item.look is chinese[0].look for item in chinese)
    assert items[-2].look is not chinese[0].look  # the digits: another font
    for n in range(typeset._MAX_LOOKS + 50):  # squeezed glyphs bring new scales
        squeezed = chinese[0].squeezed(chinese[0].width * (0.5 + n / (4 * typeset._MAX_LOOKS)))
        assert squeezed.look == (squeezed.font, squeezed.scale, squeezed.style)
    assert len(typeset._LOOKS) <= typeset._MAX_LOOKS
