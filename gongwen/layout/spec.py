"""Every number of GB/T 9704-2012 that gongwen's writers use, each once, with the clause it comes from.

Lengths are in millimetres unless the name says otherwise; sizes of type in points. The digest of the
standard these numbers come from is the project's spec/gbt9704.md (§ numbers below refer to it).
"""

from __future__ import annotations

MM_PER_PT = 25.4 / 72
TWIPS_PER_MM = 1440 / 25.4

# -- Page and 版心 (clause 5.2.1, 5.2.2; spec §1.1–1.4) -----------------------------------------
PAGE_WIDTH = 210.0  # A4, GB/T 148
PAGE_HEIGHT = 297.0
MARGIN_TOP = 37.0  # 天头 37 mm ± 1 mm
MARGIN_LEFT = 28.0  # 订口 28 mm ± 1 mm
TEXT_WIDTH = 156.0  # 版心 156 mm × 225 mm, page number not included
TEXT_HEIGHT = 225.0
MARGIN_BOTTOM = PAGE_HEIGHT - MARGIN_TOP - TEXT_HEIGHT  # 35 mm (derived)
MARGIN_RIGHT = PAGE_WIDTH - MARGIN_LEFT - TEXT_WIDTH  # 26 mm (derived)

# -- Grid (5.2.3, spec §1.6, §1.B): 22 lines of 28 characters fill the 版心 -----------------------
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH = TEXT_HEIGHT / LINES_PER_PAGE  # 10.227 mm ≈ 28.99 pt: an even pitch filling 225 mm
CHAR_PITCH = TEXT_WIDTH / CHARS_PER_LINE  # 5.571 mm ≈ 15.79 pt: 16 pt glyphs on a condensed pitch

# -- Sizes of type, 号 → pt as Word and WPS use them (spec §1.A) ------------------------------------
SIZE_3 = 16.0  # 三号: default for every element (5.2.4, spec §1.5)
SIZE_2 = 22.0  # 二号: 标题 (7.3.1)
SIZE_4 = 14.0  # 四号: 版记 (7.4.2, 7.4.3) and page numbers (7.5)
BANNER_SIZE = 36.0  # 发文机关标志: size not fixed (7.2.4; spec §2.1 #4), "醒目、美观、庄重"; shrunk to fit
# Ideographic em box of the CJK fonts, used to place baselines: ascent 0.88 em, descent 0.12 em.
EM_ASCENT = 0.88
EM_DESCENT = 0.12

# -- Colour (5.2.5, 6.2; spec §1.7, §1.11) ---------------------------------------------------------
RED = (0.86, 0.08, 0.09)  # red ink (Y80% M80% on press); used for the mark, the rules of the 版头, seals
RED_HEX = "DC1417"
BLACK = (0.0, 0.0, 0.0)

# -- 版头 (7.2; spec §2.1) ---------------------------------------------------------------------
BANNER_TOP = 35.0  # 发文机关标志: top edge 35 mm below the 版心 top (7.2.4)
DOC_NUMBER_LINES_BELOW_BANNER = 2  # 发文字号: 下空二行 below the mark (7.2.5)
SIGNER_INDENT_CHARS = 1  # 上行文: 字号 left-indented 1 字, 签发人 right-indented 1 字 (7.2.5, 7.2.6)
SIGNERS_PER_LINE = 2  # several 签发人: two names per line (7.2.6)
HEADER_RULE_BELOW_NUMBER = 4.0  # red rule 4 mm below the 发文字号 (7.2.7)
HEADER_RULE_WIDTH = TEXT_WIDTH  # as wide as the 版心 (7.2.7)
HEADER_RULE_THICKNESS = 0.5  # not fixed by the standard; practice 0.35–0.53 mm (spec §6)

# -- 主体 (7.3; spec §2.2) ---------------------------------------------------------------------
TITLE_LINES_BELOW_RULE = 2  # 标题: 红色分隔线下空二行 (7.3.1)
ADDRESSEE_LINES_BELOW_TITLE = 1  # 主送机关: 标题下空一行 (7.3.2)
PARAGRAPH_INDENT_CHARS = 2  # 正文: each paragraph indented 2 字 (7.3.3)
ATTACHMENT_NOTE_LINES_BELOW_BODY = 1  # 附件说明: one blank line below the body, indented 2 字 (7.3.4)
ATTACHMENT_NOTE_INDENT_CHARS = 2
SIGNATURE_LINES_BELOW_BODY = 1  # unsealed: 署名 one blank line below the body (7.3.5.2)
SIGNATURE_RIGHT_INDENT_CHARS = 2  # unsealed: 署名 right-indented 2 字 (7.3.5.2)
DATE_OFFSET_CHARS = 2  # unsealed: 日期 starts 2 字 right of the 署名's first character (7.3.5.2)
SEALED_DATE_RIGHT_INDENT_CHARS = 4  # sealed: 成文日期 right-indented 4 字 (7.3.5.1)
SEALED_SIGNATURE_LINES_BELOW_BODY = 2  # sealed: not fixed; 2–3 blank lines in practice (spec §2.2.1 A)
SEAL_DIAMETER = 42.0  # a common organ seal; outside GB/T 9704 (spec §2.2.1 A)
STAMP_LINES_BELOW_BODY = 2  # 签名章 two blank lines below the body, right-indented 4 字 (7.3.5.3)
STAMP_RIGHT_INDENT_CHARS = 4
NOTE_INDENT_CHARS = 2  # 附注: indented 2 字, in parentheses, on the line after the date (7.3.6)
ANNEX_TITLE_LINE = 2  # 附件: 附件N on line 1, title centred on line 3 of the 版心 (7.3.7), 0-based

# -- 版记 (7.4; spec §2.3) ---------------------------------------------------------------------
COLOPHON_INDENT_CHARS = 1  # 抄送 and 印发 lines indented 1 字 left and right (7.4.2, 7.4.3)
COLOPHON_THICK_RULE = 0.35  # first and last rules 0.35 mm (7.4.1)
COLOPHON_THIN_RULE = 0.25  # rules between 0.25 mm (7.4.1)

# -- Page numbers (7.5; spec §2.3 #20) -------------------------------------------------------------
PAGE_NUMBER_BELOW_TEXT = 7.0  # 一字线 7 mm below the 版心's bottom edge
PAGE_NUMBER_INDENT_CHARS = 1  # odd pages right, even pages left, 1 字 in from the edge
PAGE_NUMBER_DASH = "—"  # U+2014 一字线 on each side: — 1 —

# -- Special formats (clause 10; spec §3) -----------------------------------------------------------
LETTER_MARK_TOP_FROM_PAPER = 30.0  # 信函: mark's top 30 mm from the top edge of the paper (10.1)
LETTER_RULE_LENGTH = 170.0  # red double lines 170 mm long (10.1)
LETTER_RULE_BELOW_MARK = 4.0  # first double line 4 mm below the mark, thick over thin (10.1)
LETTER_RULE_FROM_PAPER_BOTTOM = 20.0  # second double line 20 mm above the paper's bottom, thin over thick
LETTER_RULE_THICK = 0.53  # weights not fixed; 1.5 pt / 0.75 pt seen in practice (spec §3.1)
LETTER_RULE_THIN = 0.26
LETTER_RULE_GAP = 0.8
LETTER_FIRST_ELEMENT_GAP = 7 / 8 * SIZE_3 * MM_PER_PT  # 7/8 of a 3号 height under the double line
ORDER_MARK_TOP = 20.0  # 命令: mark's top 20 mm below the 版心 top (10.2)
ORDER_NUMBER_LINES_BELOW_MARK = 2  # 令号 two blank lines below the mark; body two below the 令号
MINUTES_MARK_TOP = 35.0  # 纪要: mark's top 35 mm below the 版心 top (10.3)

# -- Line breaking: GB/T 15834-2011 (spec §4) --------------------------------------------------------
NO_LINE_START = set("，。、；：？！）》」』】〕〗〙”’…—·%‰℃°,.;:?!)]}％・ー〉＞｝］")
NO_LINE_END = set("（《「『【〔〖〘“‘([{〈＜｛［")
UNBREAKABLE_PAIRS = ("——", "……")
