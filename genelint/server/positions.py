"""genelint's places (1-based line and column in code points, lines ended by LF; byte offsets
for fixes) as LSP positions (0-based line, column in UTF-16 code units, lines ended by LF,
CRLF or a lone CR). Every conversion goes through `PageText`, so it is done one way only."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from lsprotocol import types

_LSP_LINE_END = re.compile(r"\r\n|\r|\n")


class PageText:
    """One version of an open page's text, with both line tables built once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.raw = text.encode("utf-8", "surrogatepass")
        # genelint's lines: split at LF only (genelint.document.LineIndex).
        self._genelint_starts = [0, *accumulate(len(piece) + 1 for piece in text.split("\n")[:-1])]
        self._lsp_starts = [0, *(end.end() for end in _LSP_LINE_END.finditer(text))]
        self._ascii = text.isascii()

    def offset(self, line: int, column: int) -> int:
        """The code-point offset of genelint's (line, column), clamped to the text."""
        if line > len(self._genelint_starts):
            return len(self.text)
        line = max(line, 1)
        # A column past the line's end is its end (the LF), never a place on the next line.
        end = (
            self._genelint_starts[line] - 1 if line < len(self._genelint_starts) else len(self.text)
        )
        return min(self._genelint_starts[line - 1] + max(column, 1) - 1, end)

    def offset_of_byte(self, byte: int) -> int:
        if self._ascii:
            return byte
        return len(self.raw[:byte].decode("utf-8", "surrogatepass"))

    def position(self, offset: int) -> types.Position:
        """The LSP position of a code-point offset."""
        line = bisect_right(self._lsp_starts, offset) - 1
        before = self.text[self._lsp_starts[line] : offset]
        units = (
            len(before)
            if before.isascii()
            else len(before.encode("utf-16-le", "surrogatepass")) // 2
        )
        return types.Position(line=line, character=units)

    def range(self, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        """The LSP range of a genelint place (end column exclusive); never ends before it starts."""
        start = self.offset(line, column)
        end = max(start, self.offset(end_line, end_column))
        return types.Range(start=self.position(start), end=self.position(end))

    def byte_range(self, start: int, end: int) -> types.Range:
        """The LSP range of a fix's byte offsets [start, end)."""
        return types.Range(
            start=self.position(self.offset_of_byte(start)),
            end=self.position(self.offset_of_byte(end)),
        )

    def line_start(self, line: int) -> types.Position:
        """The start of genelint's line `line` (1-based); past the last line, the end of the text."""
        if line > len(self._genelint_starts):
            return self.position(len(self.text))
        return self.position(self._genelint_starts[line - 1])

    def contains(self, rng: types.Range, position: types.Position) -> bool:
        start, end = (rng.start.line, rng.start.character), (rng.end.line, rng.end.character)
        return start <= (position.line, position.character) <= end
