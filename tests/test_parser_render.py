"""The page genelint reads is the page mistune renders (issue 16, part 3).

For every fixture page, generated benchmark pages and hypothesis mutations of them (lines
swapped, cut, duplicated; comment openers and closers, fences, indentation, quotes, list
markers, underlines and blank lines inserted), compared with mistune's own AST of the body
(the public `create_markdown(renderer="ast")`, nothing of genelint's in it):

1. the outline (genelint.parser.blocks) has the top-level blocks of the AST, in order, of
   the same kinds, with the same headings, tables and list items; the plain-page reading
   (genelint.parser.plain), wherever it takes a page, gives that same outline;
2. its lines are right: the lines it gives a heading, a table, a list item, a comment or a
   code block, rendered alone by mistune, are that same block;
3. what the parser reads is that: the sections are the rendered headings (level, title, line),
   the mutation table is the rendered table at its lines (or GL106 has something to say about
   it), the citations are the rendered list items, and no field lies in code or a comment.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import mistune
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from genelint.fixer import apply_fixes
from genelint.parser import parse
from genelint.parser.blocks import Block, outline
from genelint.parser.plain import plain_outline
from genelint.sections import REFERENCE_SECTIONS, known_titles, section_key
from genelint.testing import lint_text

ROOT = Path(__file__).resolve().parent.parent
RENDER = mistune.create_markdown(renderer="ast", plugins=["table"])
KNOWN = known_titles(REFERENCE_SECTIONS)


def fixture_pages() -> list[Path]:
    folders = [
        ROOT / "tests" / "fixtures",
        ROOT / "tests" / "rules" / "fixtures",
        ROOT / "examples",
    ]
    return sorted(path for folder in folders for path in folder.rglob("*.md"))


def generated_pages(count: int = 40) -> list[str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_corpus import FAULTS, load_genes, page

    genes = load_genes()  # from the bundled reference index
    rng = random.Random(16)
    return [
        page(gene, rng, set(rng.sample(FAULTS, rng.randint(0, 2))), rng.choice(genes))
        for gene in rng.sample(genes, count)
    ]


FIXTURES = fixture_pages()
GENERATED = generated_pages()


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace")


# --- mistune's side ----------------------------------------------------------------


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def plain(node: dict | list) -> str:
    """The text of an AST node as a reader sees it."""
    if isinstance(node, list):
        return " ".join(plain(child) for child in node)
    if node["type"] in ("softbreak", "linebreak"):
        return " "
    if "raw" in node and "children" not in node:
        return node["raw"]
    return plain(node.get("children", []))


def body_of(text: str) -> tuple[str, int]:
    """The body after the front matter and its first line, as the parser splits them."""
    doc = parse(text)
    first = doc.front_matter.span.end_line + 1 if doc.front_matter.span else 1
    lines = text.split("\n")
    return "\n".join(lines[first - 1 :]), first


def rendered_alone(text: str, block: Block, references: dict) -> list[dict]:
    """The block's lines rendered by themselves, knowing the page's link reference
    definitions (`[x]: http://x` elsewhere on the page makes `[x]` in a heading a link)."""
    lines = text.split("\n")[block.line - 1 : block.end_line]
    state = RENDER.block.state_cls()
    state.env["ref_links"] = dict(references)
    nodes, _ = RENDER.parse("\n".join(lines), state)
    return [node for node in nodes if node["type"] != "blank_line"]


KINDS = {"block_text": "paragraph"}


def kind_of(node: dict) -> str:
    if node["type"] == "block_html" and node.get("raw", "").lstrip(" ").startswith("<!--"):
        return "comment"
    return KINDS.get(node["type"], node["type"])


def table_cells(node: dict) -> list[list[str]]:
    head, body = node["children"]
    return [[plain(cell) for cell in head["children"]]] + [
        [plain(cell) for cell in row["children"]] for row in body["children"]
    ]


# --- the three checks ---------------------------------------------------------------


def check_outline(text: str) -> None:
    body, first = body_of(text)
    ours = outline(body, first).blocks
    # The plain-page reading, when it takes the page, is the same outline, block for block.
    fast = plain_outline(body, first)
    assert fast is None or fast == outline(body, first)
    nodes, state = RENDER.parse(body)
    theirs = [node for node in nodes if node["type"] != "blank_line"]
    references = state.env.get("ref_links", {})
    assert [block.kind for block in ours] == [kind_of(node) for node in theirs]
    for block, node in zip(ours, theirs):
        if block.kind == "heading":
            assert block.level == node["attrs"]["level"]
        if block.kind == "table":
            assert block.rows == len(node["children"][1]["children"])
        if block.kind == "list":
            assert len(block.children) == len(node["children"])
        check_lines(text, block, node, references)


def check_lines(text: str, block: Block, node: dict, references: dict) -> None:
    """The block's lines, rendered alone, are the block."""
    if block.kind not in ("heading", "table", "list", "comment", "block_code"):
        return  # a paragraph's lines alone may render otherwise (`2. x` cannot interrupt one)
    if block.kind == "list":
        for item, rendered_item in zip(block.children, node["children"]):
            (alone,) = rendered_alone(text, item, references)
            assert alone["type"] == "list" and len(alone["children"]) == 1, (item, alone)
            assert slug(plain(alone["children"][0])) == slug(plain(rendered_item)), item
        return
    (alone,) = rendered_alone(text, block, references)
    assert kind_of(alone) == block.kind, block
    if block.kind == "heading":
        assert (alone["attrs"]["level"], plain(alone)) == (node["attrs"]["level"], plain(node))
    elif block.kind == "table":
        assert table_cells(alone) == table_cells(node)
    elif block.kind == "block_code":
        # A block's lines end at its last line with text: blank lines a fence left open takes
        # in at the end of the page are code but not its lines.
        assert alone["raw"].rstrip() == node["raw"].rstrip()


def check_reading(text: str) -> None:
    doc = parse(text)
    body, first = body_of(text)
    blocks = outline(body, first).blocks
    nodes = [node for node in RENDER(body) if node["type"] != "blank_line"]
    placed = list(zip(blocks, nodes))
    headings = [(block, node) for block, node in placed if block.kind == "heading"]
    # Sections: the rendered headings of level 2 or with a known title, after the H1 title.
    expected, title_taken = [], False
    for block, node in headings:
        level, written = node["attrs"]["level"], plain(node)
        key = section_key(written, KNOWN)
        if level == 1 and key is None and not title_taken:
            title_taken = True
            continue
        if level == 2 or key is not None:
            expected.append((slug(written), level, block.line))
    assert [(slug(s.title), s.level, s.heading.line) for s in doc.sections] == expected

    section = doc.section("aa-mutation-list")
    table = doc.mutation_table
    in_section = [
        (block, node)
        for block, node in placed
        if block.kind == "table"
        and section is not None
        and section.body.line <= block.line <= section.body.end_line
        and section.body_text
    ]
    if table is not None and in_section:
        block, node = in_section[0]
        assert table.span.line == block.line
    if table is not None and not malformed_table(text):
        # GL106 silent: the table genelint reads is the table that renders, row for row.
        assert in_section, "a table GL106 finds well formed renders as one"
        block, node = in_section[0]
        cells = [[c.value for c in table.header]] + [
            [c.value for c in row.cells] for row in table.rows
        ]
        assert [[slug(c) for c in row] for row in cells] == [
            [slug(c) for c in row] for row in table_cells(node)
        ]
        assert [row.span.line for row in table.rows] == list(
            range(block.line + 2, block.end_line + 1)
        )

    papers = doc.section("related-papers")
    if papers is not None and papers.body_text:
        items = [
            item
            for block, _ in placed
            if block.kind == "list" and papers.body.line <= block.line <= papers.body.end_line
            for item in block.children
        ]
        spans = [(c.span.line, c.span.end_line) for c in doc.citations]
        assert [line for line, _ in spans] == [item.line for item in items if text_on(text, item)]
        assert all(start <= end for start, end in spans)

    hidden = outline(body, first).hidden
    for what, field in doc.fields():
        if what.startswith(("front matter", "section", "comment")):
            continue
        assert not set(range(field.span.line, field.span.end_line + 1)) & hidden, (what, field)


def text_on(text: str, item: Block) -> bool:
    return any(line.strip() for line in text.split("\n")[item.line - 1 : item.end_line])


def malformed_table(text: str) -> bool:
    return any(f.code == "GL106" for f in lint_text(text, select=["GL106"]))


# --- the pages ---------------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(ROOT)))
def test_fixture_pages_read_as_they_render(path):
    text = read(path)
    check_outline(text)
    check_reading(text)


def test_the_plain_page_reading_takes_the_usual_pages():
    # Not a proof (the check above is): a plain reading that never answered would prove nothing.
    bodies = [body_of(read(path)) for path in FIXTURES] + [body_of(text) for text in GENERATED]
    taken = [plain_outline(body, first) is not None for body, first in bodies]
    assert all(taken[len(FIXTURES) :]) and sum(taken) > len(FIXTURES) // 2


def test_generated_pages_read_as_they_render():
    for text in GENERATED:
        check_outline(text)
        check_reading(text)


BASES = [
    read(path)
    for path in FIXTURES
    if path.parent.name in ("parser", "examples") or "structure" in str(path)
] + GENERATED[:10]
PIECES = [
    "<!--",
    "-->",
    "<!-- genelint-disable GL105 -->",
    "```",
    "~~~",
    "",
    "",
    "---",
    "===",
    "> ",
    "- ",
    "  - ",
    "1. ",
    "    ",
    "     ",
    "\t",
    "| a | b |",
    "| - | - |",
    "| x |",
    "a | b",
    "## Drug Response",
    "Drug Response",
    "* * *",
    "- - -",
    "- ---",
    "* x",
    "+ x",
    "2. x",
    "#hashtag",
    "####### x",
    "**",
    "(x)",
    "<div>",
    "[x]: http://x",
]


@st.composite
def mutated_pages(draw) -> str:
    lines = draw(st.sampled_from(BASES)).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        if len(lines) < 2:
            break
        at = draw(st.integers(0, len(lines) - 1))
        other = draw(st.integers(0, len(lines) - 1))
        piece = draw(st.sampled_from(PIECES))
        operation = draw(
            st.sampled_from(["swap", "cut", "duplicate", "insert", "prefix", "indent", "blank"])
        )
        if operation == "swap":
            lines[at], lines[other] = lines[other], lines[at]
        elif operation == "cut":
            del lines[at]
        elif operation == "duplicate":
            lines.insert(other, lines[at])
        elif operation == "insert":
            lines.insert(at, piece)
        elif operation == "prefix":
            lines[at] = piece + lines[at]
        elif operation == "indent":
            lines[at] = " " * draw(st.sampled_from([1, 2, 3, 4, 6, 8])) + lines[at]
        else:
            lines[at:at] = [""] * draw(st.integers(1, 2))
    return "\n".join(lines)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_pages())
def test_mutated_pages_read_as_they_render(text):
    check_outline(text)
    check_reading(text)


# --- one fixture per situation -------------------------------------------------------

SITUATIONS = ROOT / "tests" / "fixtures" / "parser" / "render"


def situation(name: str):
    return parse((SITUATIONS / name).read_text(encoding="utf-8"), str(SITUATIONS / name))


def gl106(name: str) -> list[tuple[int, str]]:
    return [
        (f.line, f.message) for f in lint_text((SITUATIONS / name).read_bytes(), select=["GL106"])
    ]


def test_a_multi_line_comment_hides_its_section_and_ids():
    doc = situation("comment_hides_section_and_ids.md")
    assert [s.title for s in doc.sections] == ["External IDs and Aliases", "Related Papers"]
    assert [(i.kind, i.value.value) for i in doc.identifiers] == [("HGNC", "397")]
    # The section before the comment ends where the next rendered heading starts.
    assert doc.sections[0].body.end_line == doc.sections[1].heading.line - 1
    assert [c.doi.value for c in doc.citations] == ["10.1111/j.1399-0004.2010.01411.x"]


def test_indented_code_is_not_read_as_ids():
    doc = situation("indented_code_is_not_read.md")
    assert [(i.kind, i.value.value) for i in doc.identifiers] == [("HGNC", "397")]


def test_a_setext_heading_over_two_lines_is_one_section_and_gl105_fixes_both_lines():
    text = (SITUATIONS / "setext_heading_over_two_lines.md").read_text(encoding="utf-8")
    doc = parse(text)
    section = doc.section("drug-response")
    assert (section.title, section.heading.line, section.heading.end_line, section.body.line) == (
        "Drug Response",
        16,
        17,
        19,
    )
    (finding,) = lint_text(text, select=["GL105"])
    assert (
        finding.message
        == "section 'Drug Response' is a setext heading (underlined on line 18); write the section heading as '## Drug Response'"
    )
    fixed, _ = apply_fixes(text.encode(), [finding.fix])
    assert b"\n## Drug Response\n\nThere is currently" in fixed
    assert b"Drug\nResponse" not in fixed and b"\n---\n" not in fixed.split(b"\n---\n", 2)[-1]


def test_a_table_taken_into_a_list_item_is_no_table():
    # `1. ...` then the table lines: they continue the item's paragraph, as the page renders.
    assert situation("table_taken_into_list_item.md").mutation_table is None
    assert gl106("table_taken_into_list_item.md") == [
        (12, "the AA Mutation List has no table (expected | AA Mutation | Type | dbSNP ID |)")
    ]


def test_a_table_that_does_not_render_is_read_and_reported():
    table = situation("table_after_link_definition.md").mutation_table
    assert (table.rendered, table.delimiter is not None, len(table.rows)) == (False, True, 1)
    assert gl106("table_after_link_definition.md") == [
        (
            14,
            "mutation table does not render as a table: its lines show as plain text where the page is rendered; "
            "check its header line and the line above it",
        )
    ]


def test_a_list_item_holding_only_code_is_a_citation_with_nothing_read_in_it():
    # `- ~~~` opens a code block inside the item: the page shows a bullet with code under it,
    # so the item is a citation (for GL406 to report) whose fields are not read from the code.
    doc = situation("citation_item_of_code_only.md")
    assert [(c.span.line, c.span.end_line) for c in doc.citations] == [(14, 17), (18, 22)]
    assert doc.citations[1].fields == {}
    findings = lint_text(
        (SITUATIONS / "citation_item_of_code_only.md").read_bytes(), select=["GL406"]
    )
    assert [(f.line, f.code) for f in findings] == [(18, "GL406")]


def test_a_field_wrapped_onto_the_next_line_is_read_whole():
    # A title too long for one line goes on in the next, indented or not: one paragraph as the
    # page renders, so one field, its value what its span holds, to the end of the second line;
    # a line after a blank line is another paragraph, no field's.
    first, second = situation("citation_title_wrapped.md").citations
    assert first.title.value == (
        "Familial XLMR with deletions involving the amino terminus of the 2.4 kb\n"
        "    isoform of the UPF3B gene."
    )
    assert (first.title.span.line, first.title.span.column) == (15, 12)
    assert (first.title.span.end_line, first.title.span.end_column) == (16, 31)
    assert second.title.value.endswith("ALAS2 gene in X-linked sideroblastic anemia.")
    assert second.journal.value == "Leukemia."
    findings = lint_text((SITUATIONS / "citation_title_wrapped.md").read_bytes(), select=["GL405"])
    assert [(f.line, f.column, f.code) for f in findings] == [(15, 12, "GL405")]


def test_a_title_goes_on_with_words_only():
    # A colon in the title's second line is the title's, not a label ("… gene: a review"); a
    # link, a PMID or a quote on the next line is none of the title's; a title under an empty
    # "Title:" starts where its words do.
    colon, link, pmid, below = situation("citation_title_wrapped_edges.md").citations
    assert colon.title.value == "Familial XLMR with deletions of the\n  UPF3B gene: a review"
    assert "upf3bgene" not in colon.fields and colon.journal.value == "Clinical Genetics."
    assert link.title.value == "GATA1 binding at the ALAS2 enhancer."
    assert pmid.title.value == "Heme synthesis in erythroid cells."
    assert below.title.value == "Expression of ALAS2 in the marrow."
    assert (below.title.span.line, below.title.span.column) == (26, 5)


def test_a_delimiter_row_of_another_width_is_no_delimiter_and_no_row():
    table = situation("table_delimiter_of_another_width.md").mutation_table
    assert (table.delimiter, [row.span.line for row in table.rows]) == (None, [16])
    assert gl106("table_delimiter_of_another_width.md") == [
        (14, "mutation table has no delimiter row (| --- | --- | --- |) under its header")
    ]


def test_a_line_that_ends_the_rendered_table_is_reported_and_the_rows_below_still_read():
    table = situation("table_row_ends_rendered_table.md").mutation_table
    assert [row.span.line for row in table.rows] == [16, 17, 18]
    assert [span.line for span in table.breaks] == [17]
    assert gl106("table_row_ends_rendered_table.md") == [
        (
            17,
            "this line ends the mutation table where the page is rendered (a row starts and ends with |); "
            "it and the rows below it (lines 17-18) show as plain text",
        )
    ]
