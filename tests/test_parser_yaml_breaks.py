"""Front matter positions on a page with a line break YAML makes and the page's line index does
not: YAML breaks lines at a lone CR, NEL (U+0085), LS (U+2028) and PS (U+2029) as well as at
LF; the index (and every editor's line numbers here) only at LF. Each error and key is placed by
its character offset, so it is where it is written, whatever break comes before it."""

from __future__ import annotations

import pytest

from genelint.parser import parse
from genelint.testing import lint_text

BREAKS = {"CR": "\r", "NEL": "\u0085", "LS": "\u2028", "PS": "\u2029"}
BREAK = pytest.mark.parametrize("br", BREAKS.values(), ids=BREAKS.keys())
BODY = "# Gene Information for HBB\n"


def place(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """(line, column) of the nth `needle` in `text`, counting lines at LF only."""
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    line_start = text.rfind("\n", 0, at) + 1
    return text.count("\n", 0, at) + 1, at - line_start + 1


def problems(text: str) -> list[tuple[int, int, str]]:
    doc = parse(text)
    return [(p.span.line, p.span.column, doc.lines.text_of(p.span)) for p in doc.problems]


# (front matter, where its one problem is: the nth needle, the text the problem's span covers).
# `{br}` is the break; `a{br}  b` is a plain value YAML continues on its next line.
PROBLEMS = {
    # YAML reads `layout: post: x` as a line of its own; the page shows it after `title: HBB`.
    "syntax error after the break": ("title: HBB{br}layout: post: x", ": x", 1, ""),
    "syntax error below the break": (
        "summary: a{br}  b\ntitle: HBB\nlayout: post: x",
        ": x",
        1,
        "",
    ),
    "flow list left open below the break": (
        "summary: a{br}  b\ntags: [HBB, globin\nlayout: post",
        "[",
        1,
        "[HBB, globin",
    ),
    # The written text of the open list stops where YAML's line stops.
    "flow list left open before the break": (
        "tags: [HBB, globin{br}layout: post",
        "[",
        1,
        "[HBB, globin",
    ),
    "repeated key after the break": ("title: HBB{br}title: HBA1", "title", 2, "title"),
    "repeated key below the break": (
        "summary: a{br}  b\ntitle: HBB\ntitle: HBA1",
        "title",
        2,
        "title",
    ),
    "no date below the break": ("summary: a{br}  b\ndate: 2023-02-30", "2023", 1, "2023-02-30"),
    "no date after the break": ("title: HBB{br}date: 2023-02-30", "2023", 1, "2023-02-30"),
    "alias below the break": ("summary: a{br}  b\nx: &a [1]\ny: *a", "*a", 1, ""),
}


@BREAK
@pytest.mark.parametrize("case", PROBLEMS.values(), ids=PROBLEMS.keys())
def test_each_front_matter_problem_is_where_it_is_written(br, case):
    front_matter, needle, nth, written = case
    text = f"---\n{front_matter.format(br=br)}\n---\n{BODY}"
    assert problems(text) == [(*place(text, needle, nth), written)]


@BREAK
def test_the_messages_name_page_lines(br):
    unclosed = parse(f"---\nsummary: a{br}  b\ntags: [HBB, globin\nlayout: post\n---\n{BODY}")
    repeated = parse(f"---\nsummary: a{br}  b\ntitle: HBB\ntitle: HBA1\n---\n{BODY}")
    assert "before line 4;" in unclosed.problems[0].message  # `layout: post`
    assert "(first at line 3)" in repeated.problems[0].message
    kept = repeated.front_matter.entries["title"]  # the entry is the occurrence YAML kept
    assert (kept.key_span.line, kept.value_text) == (4, "HBA1")


@BREAK
def test_a_quoted_value_holding_the_break_is_one_line_and_the_next_key_its_own(br):
    text = f"---\nsummary: 'a{br}b'\ntitle: HBB\n---\n{BODY}"
    doc = parse(text)
    assert doc.problems == []
    summary, title = doc.front_matter.entries["summary"], doc.front_matter.entries["title"]
    assert (summary.value_span.line, summary.value_span.end_line) == (2, 2)
    assert summary.value_text == f"'a{br}b'"
    assert (title.key_span.line, title.value_text) == (3, "HBB")


@BREAK
def test_the_whole_check_reports_the_repeat_at_the_page_line(br):
    text = f"---\nsummary: a{br}  b\ntitle: HBB\ntitle: HBA1\n---\n{BODY}"
    found = [(f.line, f.column, f.end_column) for f in lint_text(text, select=["GL002"])]
    assert found == [(4, 1, 6)]


@BREAK
def test_a_key_after_the_break_has_its_entry_and_the_value_before_ends_at_the_break(br):
    text = f"---\nlayout: post{br}title: 'HBB'\n---\n{BODY}"
    doc = parse(text)
    layout, title = doc.front_matter.entries["layout"], doc.front_matter.entries["title"]
    assert (layout.value_text, title.value, title.value_text) == ("post", "HBB", "'HBB'")
    assert (title.key_span.line, title.key_span.column) == place(text, "title")
    assert doc.lines.text_of(title.value_span) == "'HBB'"


@BREAK
def test_rules_point_at_keys_after_the_break(br):
    # GL203 was silent (the title had no place) and GL501 crashed (provenance had none).
    text = f"---\nlayout: post{br}title: ALAS9{br}provenance: {{generated_by: GPT-4}}\n---\n"
    found = [(f.line, f.column, f.code) for f in lint_text(text, select=["GL203", "GL501"])]
    assert found == [(2, *place(text, "ALAS9")[1:], "GL203"), (*place(text, "provenance"), "GL501")]
