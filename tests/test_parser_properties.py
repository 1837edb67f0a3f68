"""Properties the parser keeps on any input: it never raises, and every span of every
part lies inside the text and covers exactly the part's value."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from genelint.document import GeneDocument, Span
from genelint.parser import parse, parse_bytes
from genelint.parser.headings import _heading_text

REFERENCE = (Path(__file__).resolve().parent.parent / "examples" / "ALAS2.md").read_text(
    encoding="utf-8"
)
REFERENCE_LINES = REFERENCE.splitlines(keepends=True)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that mean something to the parser, so random text often builds structure.
MARKUP = st.sampled_from(
    list("-*_`#|:\n\r\t >~[]()!<\ufeff")
    + ["---\n", "## ", "```", "<!--", "-->", "\r\n", "rs1", "10.1/x", "é", "🧬"]
)
MARKDOWNISH = st.lists(st.one_of(MARKUP, st.text(max_size=8)), max_size=60).map("".join)


def assert_spans_exact(doc: GeneDocument) -> None:
    size = len(doc.raw)
    for what, field in doc.fields():
        span = field.span
        assert 0 <= span.start <= span.end <= size, what
        assert 1 <= span.line <= span.end_line <= doc.lines.line_count, what
        assert doc.raw[span.start : span.end].decode("utf-8") == field.value, what
    assert_every_span_on_the_page(doc)


def _spans(value, where: str):
    """(where, Span) for every Span anywhere in the document's parts."""
    if isinstance(value, Span):
        yield where, value
    elif dataclasses.is_dataclass(value):
        for part in dataclasses.fields(value):
            yield from _spans(getattr(value, part.name), f"{where}.{part.name}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _spans(item, f"{where}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _spans(item, f"{where}[{key!r}]")


def _place(doc: GeneDocument, byte: int) -> tuple[int, int]:
    """(line, column) of a byte offset by the page's line index (which breaks lines at LF only)."""
    offset = len(doc.raw[:byte].decode("utf-8"))  # raises off a character boundary
    line = doc.lines.line_of(offset)
    return line, offset - doc.lines.starts[line - 1] + 1


def assert_every_span_on_the_page(doc: GeneDocument) -> None:
    """Every Span of every part and problem: inside the file, and its line and column are where
    its byte offsets are (one made from another reading of the lines, YAML's, would not be)."""
    parts = [doc.front_matter, doc.title, doc.sections, doc.cytoband, doc.identifiers]
    parts += [doc.aliases, doc.mutation_table, doc.citations]
    parts += [doc.line_field(number) for number in doc.text_lines]
    parts += [doc.comments, doc.problems]
    for where, span in _spans(parts, "doc"):
        assert 0 <= span.start <= span.end <= len(doc.raw), where
        assert (span.line, span.column) == _place(doc, span.start), where
        if span.end > span.start:
            assert (span.end_line, span.end_column) == _place(doc, span.end), where


@FAST
@given(st.text(max_size=400))
def test_any_text_parses(text):
    assert_spans_exact(parse(text))


@FAST
@given(MARKDOWNISH)
def test_markdown_like_text_parses(text):
    assert_spans_exact(parse(text))


@FAST
@given(st.binary(max_size=400))
def test_any_bytes_parse(raw):
    doc = parse_bytes(raw, "random.md")
    if doc.readable:
        assert_spans_exact(doc)
    else:
        assert [p.code for p in doc.problems] == ["GL001"]


def _delete(lines, i, _):
    return lines[:i] + lines[i + 1 :]


def _duplicate(lines, i, _):
    return lines[: i + 1] + lines[i:]


def _swap(lines, i, j):
    lines = list(lines)
    lines[i], lines[j] = lines[j], lines[i]
    return lines


MUTATIONS = st.sampled_from([_delete, _duplicate, _swap])


@st.composite
def mutated_reference(draw) -> str:
    """The reference page with lines deleted, duplicated or swapped, characters inserted, and cut short."""
    lines = list(REFERENCE_LINES)
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        lines = draw(MUTATIONS)(lines, i, j)
    text = "".join(lines)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.one_of(MARKUP, st.text(max_size=3))) + text[at:]
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


@FAST
@given(mutated_reference())
def test_mutated_reference_page_parses(text):
    assert_spans_exact(parse(text))


@FAST
@given(mutated_reference(), st.booleans())
def test_mutated_reference_page_parses_from_bytes(text, bom):
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogatepass")
    doc = parse_bytes(raw, "mutated.md")
    if doc.readable:
        assert_spans_exact(doc)


def lines_seen_as_text(doc: GeneDocument) -> tuple[int, ...]:
    """The body's lines that are not hidden (code, a comment block), not a heading (as
    headings.py's pattern reads a line) and hold no `<!--`: each line asked in turn."""
    from genelint.parser.body import _Scanner
    from genelint.parser.headings import _HEADING

    first = doc.front_matter.span.end_line + 1 if doc.front_matter.span else 1
    hidden = _Scanner(doc.lines, first).outline.hidden
    return tuple(
        number
        for number in range(first, doc.lines.line_count + 1)
        if number not in hidden
        and not _HEADING.match(doc.lines.line_text(number))
        and "<!--" not in doc.lines.line_text(number)
    )


@FAST
@given(st.one_of(MARKDOWNISH, mutated_reference()))
def test_the_text_lines_are_the_lines_asked_one_by_one(text):
    doc = parse(text)
    assert doc.text_lines == lines_seen_as_text(doc)


def heading_text_taken_off(raw: str, atx: bool) -> tuple[str, int]:
    """A heading's text by taking off, in turn, whitespace, emphasis and whitespace at both ends
    (an ATX heading's closing #s first), and the offset of what is left."""
    text = re.sub(r"[ \t]+#+$", "", raw) if atx else raw
    offset = 0
    for chars in (None, "*_`", None):
        kept = text.lstrip(chars)
        offset += len(text) - len(kept)
        text = kept.rstrip(chars)
    return text, offset


@FAST
@given(st.text(alphabet=st.sampled_from(list("ab #*_`\t\u00a0\u2003")), max_size=12), st.booleans())
def test_a_headings_text_is_what_taking_off_its_marks_leaves(raw, atx):
    assert _heading_text(raw, atx) == heading_text_taken_off(raw, atx)


# `Label: value` as one pattern reads it: the split by str methods must read it the same.
LABEL_VALUE = re.compile(r"^(?P<label>[A-Za-z][A-Za-z0-9 /_.()\-]{0,40}?)\s*:\s*(?P<value>.*)$")


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("aZ9 :\t\u00a0\u2003()/.-_*\r\x85|") + [": ", "Title", "a" * 20]),
        max_size=14,
    ).map("".join)
)
@example("Title: a: b")
@example("DOI:10.1/x:y ")
@example("A b  :\u00a0 value \t")
@example("1 Title: x")
def test_a_label_and_value_are_split_as_the_pattern_reads_them(text):
    from genelint.parser.fields import _label_value

    match = LABEL_VALUE.match(text)
    if text[:2] in ("**", "__") or match is None:
        if match is None and text[:2] not in ("**", "__"):
            assert _label_value(text) is None
        return  # bold labels are read by their own pattern
    value = match.group("value")
    expected = (match.group("label"), 0, value.strip(), match.start("value"))
    assert _label_value(text) == expected
