"""The parser on the reference page (every typed part at its exact place) and on the
variations real pages have (one fixture each under fixtures/parser/).

A position is (line, column, end_line, end_column), 1-based, columns in code points.
Byte offsets are checked through the invariant every field must keep:
`doc.raw[span.start:span.end].decode() == field.value`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from genelint.document import Field, GeneDocument, LineIndex, Span
from genelint.parser import parse, parse_bytes

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "examples" / "ALAS2.md"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "parser"


def load(path: Path) -> GeneDocument:
    return parse_bytes(path.read_bytes(), str(path))


def pos(span: Span) -> tuple[int, int, int, int]:
    return (span.line, span.column, span.end_line, span.end_column)


def assert_exact(doc: GeneDocument, what: str, field: Field) -> None:
    """The field's bytes and its line/column both point at exactly its value."""
    span = field.span
    assert doc.raw[span.start : span.end].decode("utf-8") == field.value, what
    start = doc.lines.starts[span.line - 1] + span.column - 1
    end = doc.lines.starts[span.end_line - 1] + span.end_column - 1
    assert doc.text[start:end] == field.value, what


def assert_every_field_exact(doc: GeneDocument) -> None:
    for what, field in doc.fields():
        assert_exact(doc, what, field)


# --- the reference page -----------------------------------------------------------


@pytest.fixture(scope="module")
def ref() -> GeneDocument:
    return load(REFERENCE)


def test_reference_page_parses_without_problems(ref):
    assert ref.problems == []
    assert ref.readable


def test_every_field_of_the_reference_page_is_exact(ref):
    assert_every_field_exact(ref)


FRONT_MATTER = [
    ("title", (2, 1, 2, 6), '"ALAS2"', (2, 8, 2, 15)),
    ("date", (3, 1, 3, 5), "2023-05-10 00:00:00", (3, 7, 3, 26)),
    ("layout", (4, 1, 4, 7), "post", (4, 9, 4, 13)),
    ("categories", (5, 1, 5, 11), "Gene", (5, 13, 5, 17)),
    ("summary", (6, 1, 6, 8), '"# Gene Information for ALAS2"', (6, 10, 6, 40)),
    (
        "tags",
        (7, 1, 7, 5),
        "['ALAS2', 'XlinkedSideroblasticAnemia', 'HemeBiosynthesis', 'MissenseMutation', "
        "'BloodDisorder', 'TreatmentOptions', 'Prognosis', 'GeneticInformationAnalysis']",
        (7, 7, 7, 166),
    ),
]


def test_front_matter_keys_and_values(ref):
    got = [
        (e.key, pos(e.key_span), e.value_text, pos(e.value_span))
        for e in ref.front_matter.entries.values()
    ]
    assert got == FRONT_MATTER
    assert ref.front_matter.data["title"] == "ALAS2"
    assert ref.front_matter.data["tags"][0] == "ALAS2"
    assert pos(ref.front_matter.span) == (1, 1, 8, 4)


def test_front_matter_byte_offsets(ref):
    title = ref.front_matter.entries["title"]
    assert (title.key_span.start, title.key_span.end) == (4, 9)
    assert (title.value_span.start, title.value_span.end) == (11, 18)


def test_h1_and_symbol(ref):
    assert ref.title.value == "Gene Information for ALAS2"
    assert pos(ref.title.span) == (10, 3, 10, 29)
    assert ref.symbol == "ALAS2"


SECTIONS = [
    ("gene-position", "Gene Position", (12, 1, 12, 17), (13, 1, 15, 1)),
    ("pathology-and-function", "Pathology and Function", (16, 1, 16, 26), (17, 1, 19, 1)),
    ("external-ids-and-aliases", "External IDs and Aliases", (20, 1, 20, 28), (21, 1, 35, 1)),
    ("aa-mutation-list", "AA Mutation List", (36, 1, 36, 20), (37, 1, 47, 1)),
    ("somatic-snvs-indels", "Somatic SNVs/InDels", (48, 1, 48, 23), (49, 1, 51, 1)),
    ("related-disease", "Related Disease", (52, 1, 52, 19), (53, 1, 55, 1)),
    ("treatment-and-prognosis", "Treatment and Prognosis", (56, 1, 56, 27), (57, 1, 59, 1)),
    ("drug-response", "Drug Response", (60, 1, 60, 17), (61, 1, 63, 1)),
    ("related-papers", "Related Papers", (64, 1, 64, 18), (65, 1, 76, 87)),
]


def test_section_headings_and_bodies(ref):
    got = [(s.key, s.title, pos(s.heading), pos(s.body)) for s in ref.sections]
    assert got == SECTIONS
    assert all(s.level == 2 for s in ref.sections)
    position = ref.section("gene-position")
    assert (
        position.body_text
        == "\nThe ALAS2 gene is located on the X chromosome at position Xp11.21.\n"
    )


def test_cytoband(ref):
    assert ref.cytoband.value == "Xp11.21"
    assert pos(ref.cytoband.span) == (14, 59, 14, 66)
    assert (ref.cytoband.span.start, ref.cytoband.span.end) == (392, 399)


IDENTIFIERS = [
    ("HGNC", "HGNC", (30, 3, 30, 7), "398", (30, 9, 30, 12)),
    ("NCBI Entrez", "NCBI Entrez", (31, 3, 31, 14), "212", (31, 16, 31, 19)),
    ("Ensembl", "Ensembl", (32, 3, 32, 10), "ENSG00000102010", (32, 12, 32, 27)),
    ("OMIM", "OMIM", (33, 3, 33, 7), "301300", (33, 9, 33, 15)),
    ("UniProtKB", "UniProtKB/Swiss-Prot", (34, 3, 34, 23), "P22557", (34, 25, 34, 31)),
]


def test_identifiers(ref):
    got = [
        (i.kind, i.label.value, pos(i.label.span), i.value.value, pos(i.value.span))
        for i in ref.identifiers
    ]
    assert got == IDENTIFIERS
    assert pos(ref.identifiers[0].span) == (30, 3, 30, 12)


ALIASES = [
    ("ALAS", (24, 3, 24, 7)),
    ("DKFZp686L20217", (25, 3, 25, 17)),
    ("DKFZp686M17190", (26, 3, 26, 17)),
]


def test_aliases(ref):
    assert [(a.value, pos(a.span)) for a in ref.aliases] == ALIASES


MUTATIONS = [
    (("V122I", (42, 3, 42, 8)), ("Missense", (42, 17, 42, 25)), ("rs137852769", (42, 28, 42, 39))),
    (("G139V", (43, 3, 43, 8)), ("Missense", (43, 11, 43, 19)), ("rs137852770", (43, 22, 43, 33))),
    (("R167W", (44, 3, 44, 8)), ("Missense", (44, 11, 44, 19)), ("rs121908710", (44, 22, 44, 33))),
    (("G170R", (45, 3, 45, 8)), ("Missense", (45, 11, 45, 19)), ("rs114686070", (45, 22, 45, 33))),
    (("L176P", (46, 3, 46, 8)), ("Missense", (46, 11, 46, 19)), ("rs121908711", (46, 22, 46, 33))),
]


def test_mutation_table(ref):
    table = ref.mutation_table
    assert [c.value for c in table.header] == ["AA Mutation", "Type", "dbSNP ID"]
    assert table.columns == {"change": 0, "type": 1, "rsid": 2}
    assert pos(table.delimiter) == (41, 1, 41, 34)
    assert pos(table.span) == (40, 1, 46, 35)
    got = [
        tuple((cell.value, pos(cell.span)) for cell in (r.change, r.type, r.rsid))
        for r in table.rows
    ]
    assert got == MUTATIONS
    assert [pos(r.span) for r in table.rows] == [
        (n, 1, n, len(ref.lines.line_text(n)) + 1) for n in range(42, 47)
    ]


CITATIONS = [
    (
        (66, 1, 69, 35),
        [
            ("authors", (66, 11, 66, 81)),
            ("title", (67, 12, 67, 115)),
            ("journal", (68, 14, 68, 34)),
            ("doi", (69, 10, 69, 35)),
        ],
    ),
    (
        (71, 1, 74, 42),
        [
            ("authors", (71, 11, 71, 107)),
            ("title", (72, 12, 72, 110)),
            ("journal", (73, 14, 73, 32)),
            ("doi", (74, 10, 74, 42)),
        ],
    ),
]


def test_citations(ref):
    got = [(pos(c.span), [(k, pos(f.span)) for k, f in c.fields.items()]) for c in ref.citations]
    assert got == CITATIONS
    first, second = ref.citations
    assert first.authors.value.startswith("Cazzola M, May A")
    assert (
        first.title.value
        == "Familial occurrence of myelodysplastic syndromes: report of four families and review of the literature."
    )
    assert first.journal.value == "Leukemia & lymphoma."
    assert first.doi.value == "10.3109/10428199209057385"
    assert second.doi.value == "10.1111/j.1399-0004.2010.01411.x"


def test_a_text_line_as_a_field(ref):
    assert 76 in ref.text_lines  # the footer
    footer = ref.line_field(76)
    assert (
        footer.value
        == "This information is analyzed by AI language model and written by OpenAI's GPT-3."
    )
    assert pos(footer.span) == (76, 4, 76, 84)


# --- variations real pages have -----------------------------------------------------


def values(doc: GeneDocument) -> dict:
    """What a page says, without where: equal for every variation of the reference page."""
    return {
        "symbol": doc.symbol,
        "title": doc.title.value if doc.title else None,
        "sections": [s.key for s in doc.sections],
        "cytoband": doc.cytoband.value if doc.cytoband else None,
        "identifiers": [(i.kind, i.value.value) for i in doc.identifiers],
        "aliases": [a.value for a in doc.aliases],
        "mutations": [
            tuple(c.value if c else None for c in (r.change, r.type, r.rsid)) for r in doc.mutations
        ],
        "citations": [
            tuple(f.value if f else None for f in (c.authors, c.title, c.journal, c.doi))
            for c in doc.citations
        ],
    }


VARIATIONS = sorted(p.name for p in FIXTURES.glob("*.md"))
SAME_AS_REFERENCE = [name for name in VARIATIONS if name != "non_ascii_before_fields.md"]


@pytest.mark.parametrize("name", VARIATIONS)
def test_every_field_of_a_variation_is_exact(name):
    doc = load(FIXTURES / name)
    assert doc.problems == []
    assert_every_field_exact(doc)


@pytest.mark.parametrize("name", SAME_AS_REFERENCE)
def test_a_variation_reads_as_the_reference_page(name, ref):
    assert values(load(FIXTURES / name)) == values(ref)


def test_crlf_keeps_byte_offsets_exact():
    doc = load(FIXTURES / "crlf_line_endings.md")
    assert b"\r\n" in doc.raw
    # Each line before 14 ends in two bytes, so the cytoband moves 13 bytes, not its columns.
    assert pos(doc.cytoband.span) == (14, 59, 14, 66)
    assert (doc.cytoband.span.start, doc.cytoband.span.end) == (392 + 13, 399 + 13)
    assert not doc.mutations[0].rsid.value.endswith("\r")
    assert doc.citations[1].doi.value == "10.1111/j.1399-0004.2010.01411.x"


def test_bom_shifts_bytes_but_not_lines():
    doc = load(FIXTURES / "utf8_bom.md")
    assert doc.raw.startswith(b"\xef\xbb\xbf")
    assert doc.front_matter.present
    assert pos(doc.cytoband.span) == (14, 59, 14, 66)
    assert (doc.cytoband.span.start, doc.cytoband.span.end) == (395, 402)


@pytest.mark.parametrize(
    "fixture, position",
    [
        ("h1_bold_with_closing_hashes.md", (10, 5, 10, 31)),
        ("h1_stray_trailing_star.md", (10, 3, 10, 29)),
    ],
)
def test_h1_span_covers_the_title_without_its_markup(fixture, position):
    doc = load(FIXTURES / fixture)
    assert doc.title.value == "Gene Information for ALAS2"
    assert pos(doc.title.span) == position
    assert doc.raw[doc.title.span.start : doc.title.span.end].decode() == doc.title.value


def test_extra_blank_lines_move_parts_down():
    doc = load(FIXTURES / "extra_blank_lines.md")
    assert doc.title.span.line == 12
    assert doc.identifiers[0].value.span.line > 30


def test_third_level_headings_are_sections():
    doc = load(FIXTURES / "level3_headings.md")
    assert {s.level for s in doc.sections} == {3}
    assert pos(doc.sections[0].heading) == (12, 1, 12, 18)


def test_bold_id_labels():
    doc = load(FIXTURES / "bold_id_labels.md")
    hgnc, entrez, ensembl, omim, uniprot = doc.identifiers
    assert doc.lines.line_text(hgnc.span.line) == "- **HGNC:** 398"
    assert (hgnc.label.value, pos(hgnc.label.span), pos(hgnc.value.span)) == (
        "HGNC",
        (30, 5, 30, 9),
        (30, 13, 30, 16),
    )
    assert doc.lines.line_text(entrez.span.line) == "- **NCBI Entrez**: 212"
    assert pos(entrez.value.span) == (31, 20, 31, 23)
    assert doc.lines.line_text(ensembl.span.line) == "**Ensembl**: ENSG00000102010"
    assert pos(ensembl.value.span) == (32, 14, 32, 29)
    assert doc.lines.line_text(omim.span.line) == "- __OMIM:__ 301300"
    assert doc.lines.line_text(uniprot.span.line) == "- **UniProtKB/Swiss-Prot:** `P22557`"
    assert pos(uniprot.value.span) == (34, 30, 34, 36)  # inside the backticks


def test_plain_label_lines_for_ids():
    doc = load(FIXTURES / "plain_id_label_lines.md")
    assert doc.lines.line_text(30) == "HGNC: 398"
    assert pos(doc.identifiers[0].value.span) == (30, 7, 30, 10)


def test_trailing_spaces_stay_out_of_values():
    doc = load(FIXTURES / "trailing_spaces.md")
    assert doc.lines.line_text(42).endswith("|  \t")
    assert pos(doc.mutations[0].rsid.span) == (42, 28, 42, 39)
    assert pos(doc.cytoband.span) == (14, 59, 14, 66)


def test_table_without_outer_pipes():
    doc = load(FIXTURES / "table_without_outer_pipes.md")
    assert doc.lines.line_text(42) == "V122I       | Missense | rs137852769"
    row = doc.mutations[0]
    assert [pos(c.span) for c in (row.change, row.type, row.rsid)] == [
        (42, 1, 42, 6),
        (42, 15, 42, 23),
        (42, 26, 42, 37),
    ]


def test_papers_as_a_numbered_list():
    doc = load(FIXTURES / "papers_numbered_list.md")
    assert [c.span.line for c in doc.citations] == [66, 71]
    assert doc.lines.line_text(66).startswith("1. Author:")
    assert pos(doc.citations[1].authors.span) == (71, 12, 71, 108)


def test_papers_with_bold_labels():
    doc = load(FIXTURES / "papers_bold_title_labels.md")
    title = doc.citations[0].title
    assert doc.lines.line_text(title.span.line).startswith("  - **Title:** Familial")
    assert pos(title.span) == (67, 16, 67, 119)


def test_non_ascii_text_before_fields():
    doc = load(FIXTURES / "non_ascii_before_fields.md")
    # The cytoband follows "— ß-région → " on its line: columns count code points, bytes more.
    assert doc.cytoband.value == "Xp11.21"
    line_start = doc.lines.starts[doc.cytoband.span.line - 1]
    code_point_offset = line_start + doc.cytoband.span.column - 1
    assert doc.cytoband.span.start > code_point_offset
    assert doc.citations[0].authors.value.startswith("Čazzola M")
    assert doc.citations[0].title.value.startswith("❝Familial")
    assert doc.citations[1].authors.value.startswith("Cotter PD, Mäy A")
    assert [(i.kind, i.value.value) for i in doc.identifiers] == [(i[0], i[3]) for i in IDENTIFIERS]
    assert doc.mutations[-1].rsid.value == "rs121908711"


def test_headings_inside_code_fences_are_ignored(ref):
    doc = load(FIXTURES / "code_fence_with_headings.md")
    assert [s.key for s in doc.sections] == [s.key for s in ref.sections]
    assert doc.title.value == "Gene Information for ALAS2"
    assert "HGNC" in doc.section("external-ids-and-aliases").body_text
    assert [i.value.value for i in doc.identifiers if i.kind == "HGNC"] == ["398"]
    assert doc.cytoband.value == "Xp11.21"


def test_aliases_on_one_line():
    doc = load(FIXTURES / "aliases_inline_list.md")
    assert doc.lines.line_text(22) == "Aliases: ALAS, DKFZp686L20217, DKFZp686M17190"
    assert [(a.value, pos(a.span)) for a in doc.aliases] == [
        ("ALAS", (22, 10, 22, 14)),
        ("DKFZp686L20217", (22, 16, 22, 30)),
        ("DKFZp686M17190", (22, 32, 22, 46)),
    ]


# --- front matter in detail ------------------------------------------------------------

REVIEWED = """---
title: HBB
provenance:
  generated_by: "GPT-4"
  reviewed_by: Jane Doe
  reviewed_on: 2024-01-02
tags:
- HBB
---
# Gene Information for HBB
"""


def test_nested_front_matter_keys_have_spans():
    doc = parse(REVIEWED)
    provenance = doc.front_matter.entries["provenance"]
    assert list(provenance.children) == ["generated_by", "reviewed_by", "reviewed_on"]
    generated = provenance.children["generated_by"]
    assert (pos(generated.key_span), generated.value, generated.value_text) == (
        (4, 3, 4, 15),
        "GPT-4",
        '"GPT-4"',
    )
    assert pos(provenance.value_span) == (4, 1, 6, 26)
    assert pos(doc.front_matter.entries["tags"].value_span) == (8, 1, 8, 6)
    assert_every_field_exact(doc)


def test_yaml_error_is_a_problem_at_its_place():
    doc = parse("---\ntitle: HBB\nlayout: post: x\n---\n# Gene Information for HBB\n")
    assert [(p.code, p.span.line, p.span.column) for p in doc.problems] == [("GL002", 3, 13)]


def test_an_unclosed_bracket_or_quote_is_reported_where_it_opens():
    bracket = parse("---\ntitle: [unclosed\n---\n# Gene Information for X\n")
    quote = parse('---\ntitle: "HBA1\nlayout: post\n---\n')
    assert [(p.code, p.span.line, p.span.column) for p in bracket.problems] == [("GL002", 2, 8)]
    assert [(p.code, p.span.line, p.span.column) for p in quote.problems] == [("GL002", 2, 8)]


def test_a_value_that_is_no_date_is_a_problem_at_the_value():
    doc = parse("---\ntitle: HBB\ntags: [HBB, 2023-13-01]\n---\n# Gene Information for HBB\n")
    assert [(p.code, pos(p.span), p.message) for p in doc.problems] == [
        (
            "GL002",
            (3, 13, 3, 23),
            "YAML error in front matter: 'tags[1]: 2023-13-01' is not a valid date (month must be in 1..12)",
        ),
    ]
    assert doc.front_matter.data == {}


@pytest.mark.parametrize(
    "front_matter, where, message",
    [
        # PyYAML's int, float, bool and timestamp constructors fail on these with IndexError,
        # KeyError or AttributeError, not ValueError: the whole run stopped with a traceback.
        ("title: !!int \n", (2, 8, 2, 13), "'title: ' is not a valid int"),
        ("layout: !!float \n", (2, 9, 2, 16), "'layout: ' is not a valid float"),
        ("date: !!timestamp soon\n", (2, 7, 2, 23), "'date: soon' is not a valid date"),
        (
            "provenance:\n  reviewed_by: !!bool maybe\n",
            (3, 16, 3, 28),
            "'provenance.reviewed_by: maybe' is not a valid bool",
        ),
    ],
)
def test_a_value_its_tag_does_not_fit_is_a_problem_at_the_value(front_matter, where, message):
    doc = parse(f"---\n{front_matter}---\n# Gene Information for HBB\n")
    assert [(p.code, pos(p.span), p.message) for p in doc.problems] == [
        ("GL002", where, f"YAML error in front matter: {message}")
    ]
    assert doc.front_matter.unreadable and doc.front_matter.data == {}


def test_repeated_keys_are_problems_and_the_entry_is_the_kept_one():
    doc = parse(
        "---\ntitle: HBB\nlayout: post\ntitle: HBA1\nprovenance:\n  reviewed_by: A\n  reviewed_by: B\n---\n# Gene Information for HBB\n"
    )
    assert [(p.code, pos(p.span)) for p in doc.problems] == [
        ("GL002", (4, 1, 4, 6)),
        ("GL002", (7, 3, 7, 14)),
    ]
    assert doc.front_matter.loaded and doc.front_matter.data["title"] == "HBA1"
    title = doc.front_matter.entries["title"]
    assert (title.value, pos(title.value_span)) == (
        "HBA1",
        (4, 8, 4, 12),
    )  # the value YAML kept, where it is
    reviewed = doc.front_matter.entries["provenance"].children["reviewed_by"]
    assert (reviewed.value, reviewed.key_span.line) == ("B", 7)
    assert_every_field_exact(doc)


def _titled(title: str, h1: str = "Gene Information for ALAS2") -> GeneDocument:
    return parse(f"---\ntitle: {title}\nlayout: post\n---\n# {h1}\n")


@pytest.mark.parametrize(
    "title, h1, symbol",
    [
        ('"ALAS2"', "Gene Information for ALAS2", "ALAS2"),
        (
            "ALAS2",
            "Gene Information for ALAS1",
            "ALAS2",
        ),  # one token: the title, whatever the H1 says
        ('"ALAS2 gene"', "Gene Information for ALAS2", "ALAS2"),
        ('"ALAS2 (delta-aminolevulinate synthase 2)"', "Gene Information for ALAS2", "ALAS2"),
        ('"The ALAS2 gene"', "Gene Information for ALAS2", "ALAS2"),  # the word the H1 also names
        ('"ALAS1 or ALAS2"', "Gene Information for ALAS2", "ALAS2"),
        (
            '"The ALAS2 gene"',
            "Genes",
            "ALAS2",
        ),  # no H1 symbol: the first symbol-like word, not 'The'
        ('"gene C1orf64 page"', "Genes", "C1orf64"),
        ('"the gene page"', "Gene Information for ALAS2", None),  # several words, none a symbol
    ],
)
def test_symbol_from_the_title(title, h1, symbol):
    assert _titled(title, h1).symbol == symbol


def test_a_title_over_several_lines_is_not_a_symbol():
    # The quote is closed only by the next value's: the title takes in `layout: post`.
    doc = parse(
        '---\ntitle: "ALAS2\nlayout: post\nsummary: "# x"\n---\n# Gene Information for HBB\n'
    )
    assert doc.front_matter.data["title"] == "ALAS2 layout: post summary: "
    title = doc.front_matter.entries["title"]
    assert pos(title.value_span) == (2, 8, 4, 11)
    assert list(doc.front_matter.entries) == [
        "title"
    ]  # `layout:` and `summary:` are text of the title
    assert doc.symbol == "HBB"  # the H1's, not a word of the broken title
    assert_every_field_exact(doc)
    block = parse("---\ntitle: |\n  ALAS2\n---\n# Gene Information for HBB\n")
    assert (
        block.front_matter.data["title"],
        pos(block.front_matter.entries["title"].value_span),
    ) == ("ALAS2\n", (2, 8, 3, 8))
    assert block.symbol == "ALAS2"  # a block scalar of one word is that word
    two_lines = parse("---\ntitle: |\n  ALAS2\n  gene\n---\n# Gene Information for HBB\n")
    assert two_lines.symbol == "HBB"  # a title with a line break in it is never a symbol


def test_undecodable_bytes_are_gl001_not_an_exception():
    doc = parse_bytes(b"---\ntitle: \xe9\n---\n", "latin1.md")
    assert not doc.readable
    assert [(p.code, p.span.line) for p in doc.problems] == [("GL001", 2)]


# --- the other examples --------------------------------------------------------------


def test_clean_example_page_reads_fully_and_has_no_findings():
    from genelint.testing import lint_text

    page = ROOT / "examples" / "HBB.md"
    doc = load(page)
    assert [(i.kind, i.value.value) for i in doc.identifiers] == [
        ("HGNC", "4827"),
        ("NCBI Entrez", "3043"),
        ("Ensembl", "ENSG00000244734"),
        ("OMIM", "141900"),
        ("UniProtKB", "P68871"),
    ]
    assert doc.cytoband.value == "11p15.4"
    assert [r.rsid.value for r in doc.mutations] == [
        "rs334",
        "rs33930165",
        "rs33950507",
        "rs11549407",
    ]
    assert lint_text(page.read_bytes(), path="HBB.md") == []


def test_example_plugin_rule_reports_a_placeholder():
    from genelint.testing import lint_text, positions

    page = (
        (ROOT / "examples" / "HBB.md")
        .read_text(encoding="utf-8")
        .replace("Hydroxyurea raises", "TODO: Hydroxyurea raises")
    )
    config = {"rule-paths": [str(ROOT / "examples" / "plugin")], "select": ["XY001"]}
    assert positions(lint_text(page, config=config)) == [(64, 1, "XY001")]


def test_yaml_aliases_are_refused_before_they_expand():
    lines = ["---", 'title: "HBA1"', "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    lines += ["tags: *a9", "---", "# Gene Information for HBA1", ""]
    doc = parse("\n".join(lines))
    assert [(p.code, p.span.line, p.span.column) for p in doc.problems] == [("GL002", 4, 10)]
    assert doc.front_matter.data == {}


def test_an_asterisk_that_is_not_an_alias_is_fine():
    doc = parse('---\ntitle: "HBB"\nsummary: "*bold* words"\n---\n# Gene Information for HBB\n')
    assert doc.problems == []
    assert doc.front_matter.data["summary"] == "*bold* words"


# --- setext headings ---------------------------------------------------------------


SETEXT = "---\ntitle: ALAS2\n---\n\nGene Information for ALAS2\n==========================\n\nText.\n\n**Drug Response**\n---\nNone known.\n"


def test_setext_headings_are_the_title_and_sections_at_their_title_line():
    doc = parse(SETEXT)
    assert (doc.title.value, pos(doc.title.span)) == ("Gene Information for ALAS2", (5, 1, 5, 27))
    (section,) = doc.sections
    assert (section.title, section.level, section.key) == ("Drug Response", 2, "drug-response")
    assert pos(section.heading) == (10, 1, 10, 18)
    assert (section.body.line, section.body_text) == (
        12,
        "None known.\n",
    )  # the body starts below the underline


def test_a_setext_title_over_several_lines_is_its_lines_as_written():
    # A Field is the text under its span: the lines with their break and indentation; the
    # symbol and the section titles read its words.
    doc = parse("---\ntitle: ALAS2\n---\nGene Information\n  for ALAS2\n===\n\nText.\n")
    assert (doc.title.value, pos(doc.title.span)) == (
        "Gene Information\n  for ALAS2",
        (4, 1, 5, 12),
    )
    assert doc.raw[doc.title.span.start : doc.title.span.end].decode() == doc.title.value
    section = parse("---\ntitle: ALAS2\n---\nDrug\n  Response\n---\n").sections[0]
    assert (section.title, section.key, pos(section.heading)) == (
        "Drug Response",
        "drug-response",
        (4, 1, 5, 11),
    )


def test_a_setext_heading_keeps_a_trailing_hash_as_it_renders():
    # Closing #s belong to ATX headings only; under a setext underline they are text.
    (setext,) = parse("---\ntitle: ALAS2\n---\nDrug Response #\n---\n").sections
    (atx,) = parse("---\ntitle: ALAS2\n---\n## Drug Response #\n").sections
    assert (setext.title, pos(setext.heading)) == ("Drug Response #", (4, 1, 4, 16))
    assert (atx.title, pos(atx.heading)) == ("Drug Response", (4, 1, 4, 19))


@pytest.mark.parametrize(
    "text",
    [
        "Text.\n\n---\n",  # after a blank line: a thematic break
        "- Drug Response\n---\n",  # under a list item
        "> Drug Response\n---\n",  # under a quote
        "    Drug Response\n---\n",  # under indented code
        "```\nDrug Response\n---\n```\n",  # in fenced code
    ],
)
def test_what_is_not_a_setext_heading(text):
    assert parse("---\ntitle: ALAS2\n---\n" + text).sections == []


@pytest.mark.parametrize(
    "text, title, heading",
    [
        # A paragraph of two lines underlined is one heading of both lines, as it renders.
        ("Some text\nDrug Response\n---\n", "Some text Drug Response", (4, 1, 5, 14)),
        # A one-column "table" without a delimiter row is a paragraph, so the --- underlines it.
        ("| Drug Response |\n---\n", "| Drug Response |", (4, 1, 4, 18)),
    ],
)
def test_what_renders_as_a_setext_heading_is_one(text, title, heading):
    (section,) = parse("---\ntitle: ALAS2\n---\n" + text).sections
    assert (section.title, section.level, pos(section.heading)) == (title, 2, heading)


def test_the_line_index_makes_spans_as_the_class_does():
    # LineIndex makes a new Span from its fields directly (LineIndex.span, .span_at): the same object.
    span = LineIndex("abc\ndéf\n").span(4, 7)
    same = Span(2, 1, 2, 4, 4, 8)
    assert type(span) is Span and span == same and hash(span) == hash(same)
    assert repr(span) == repr(same) and span._asdict() == same._asdict()
    with pytest.raises(AttributeError):
        span.line = 3  # type: ignore[misc]
