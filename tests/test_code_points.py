"""Text as code points: every character's, astral and lone surrogates included, in order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongwen.code_points import code_points


@given(st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=())))
def test_code_points_are_the_characters_ords(text):
    assert list(code_points(text)) == [ord(ch) for ch in text]


def test_a_lone_surrogate_and_an_astral_character_keep_their_code_points():
    assert list(code_points("公\ud800文\U00020000")) == [0x516C, 0xD800, 0x6587, 0x20000]
