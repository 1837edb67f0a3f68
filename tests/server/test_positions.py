"""genelint's places (code points, 1-based) as LSP positions (UTF-16 code units, 0-based)."""

from __future__ import annotations

from lsprotocol import types

from genelint.server.positions import PageText


def position(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


def test_ascii_column_is_the_character_less_one():
    page = PageText("ab\ncdef\n")
    assert page.range(2, 2, 2, 4) == types.Range(start=position(1, 1), end=position(1, 3))


def test_greek_letter_is_one_unit_emoji_two_combining_mark_one():
    # α (U+03B1) is one UTF-16 unit, 😀 (U+1F600) two, a combining acute (U+0301) one more.
    line = "α😀e\u0301 X"
    page = PageText("first\n" + line + "\n")
    column = line.index("X") + 1  # genelint's column of X: code points
    assert column == 6
    assert page.range(2, column, 2, column + 1) == types.Range(
        start=position(1, 6), end=position(1, 7)
    )


def test_byte_offsets_of_a_fix_land_on_the_same_text():
    text = "α😀 RS12\n"
    page = PageText(text)
    start = len("α😀 ".encode())
    rng = page.byte_range(start, start + len(b"RS12"))
    assert rng == types.Range(start=position(0, 4), end=position(0, 8))


def test_lines_counted_as_lsp_counts_them():
    # A lone CR ends a line for LSP but not for genelint: the place stays on the same text.
    page = PageText("a\rb\nXY\n")
    assert page.range(2, 1, 2, 3) == types.Range(start=position(2, 0), end=position(2, 2))
    assert PageText("a\r\nXY").range(2, 1, 2, 2) == types.Range(
        start=position(1, 0), end=position(1, 1)
    )


def test_places_past_the_text_are_clamped_and_never_reversed():
    page = PageText("abc")
    assert page.range(9, 1, 9, 5) == types.Range(start=position(0, 3), end=position(0, 3))
    assert page.range(1, 3, 1, 1) == types.Range(start=position(0, 2), end=position(0, 2))
    assert page.line_start(5) == position(0, 3)


def test_a_column_past_the_line_end_stays_on_its_line():
    assert PageText("ab\ncd\n").range(1, 1, 1, 9) == types.Range(
        start=position(0, 0), end=position(0, 2)
    )
