"""GL2xx: how IDs and the location are written (GL201, GL205) is tested by their rule cases
(tests/rules/cases/GL201.yaml, GL205.yaml) and here by the cytoband reader itself; GL202-GL204
and GL206 (against the reference data, on fixture pages built from real genes) and their
unsafe fixes here."""

from pathlib import Path

import pytest

from genelint.findings import Severity
from genelint.fixer import fix_bytes
from genelint.parser import parse_bytes
from genelint.rules.identifiers import band_interval, cytoband_problem
from genelint.testing import lint_file, lint_text, make_linter, positions

FIXTURES = Path(__file__).parent / "fixtures" / "identifiers"
EXAMPLES = Path(__file__).parents[2] / "examples"
REFERENCE_CODES = ["GL202", "GL203", "GL204", "GL206"]


def lint(name: str, select=("GL201", "GL205")):
    return lint_file(FIXTURES / name, select=list(select))


@pytest.mark.parametrize(
    "location",
    [
        "Xp11.21",
        "17q21.31",
        "1p36.33-p36.32",
        "1p36.33-1p36.32",
        "Yq11.223",
        "4q",
        "MT",
        "cen",
        "pter-qter",
        "Xq28-qter",
        "22q11.2",
        "2p",
        "X",
        "11",
    ],
)  # a chromosome alone, as NCBI gives genes with no mapped band
def test_valid_cytobands(location):
    assert cytoband_problem(location) is None


@pytest.mark.parametrize(
    "location, problem",
    [
        ("23q12", "chromosome 23 does not exist"),
        ("0p11", "chromosome 0 does not exist"),
        ("xp11.21", "write the chromosome upper case (X)"),
        ("Xr11", "expected the arm p or q at character 2, found 'r'"),
        ("XP11", "the arm is written lower case (p), not P"),
        ("Xp11.", "no sub-band digits after '.' at character 5"),
        ("Xp11.2.1", "unexpected '.1' at character 7"),
        ("1p36-2p11", "a range must stay on chromosome 1, not 2"),
        ("1p36-", "expected the arm p or q at character 6, found nothing"),
        ("chr1p36", "does not start with a chromosome: write it without 'chr' (1p36)"),
        ("chrQ", "does not start with a chromosome (1-22, X or Y)"),
        ("X p11.21", "has a space inside the band; write Xp11.21"),
        ("1p36.33 -p36.32", "has a space inside the band; write 1p36.33-p36.32"),
        ("x p11", "has a space inside the band"),
        ("chrX:55009055", "is a genomic coordinate where a cytoband is expected"),
        ("chr11:5,225,464-5,229,395", "is a genomic coordinate where a cytoband is expected"),
        ("X:55009055", "is a genomic coordinate where a cytoband is expected"),
    ],
)
def test_invalid_cytobands_say_what_is_wrong(location, problem):
    assert problem in (cytoband_problem(location) or "")


def test_missing_location_is_a_warning():
    assert [f.severity.name for f in lint("location_missing.md")] == ["WARNING"]


# --- against the reference data: GL202, GL203, GL204, GL206 --------------------------------


def lint_reference(path):
    return lint_file(path, select=REFERENCE_CODES)


@pytest.mark.parametrize(
    "fixture, expected",
    [
        # GL202: every ID this gene's, also a phenotype MIM number, a TrEMBL accession, an Ensembl version.
        ("ids_all_match.md", []),
        ("ids_phenotype_mim_and_trembl.md", []),
        ("ensembl_of_other_gene.md", [(24, 12, "GL202")]),
        ("hgnc_withdrawn.md", [(22, 9, "GL202")]),
        ("hgnc_of_other_gene.md", [(22, 9, "GL202")]),
        ("entrez_of_other_gene.md", [(23, 16, "GL202")]),
        ("omim_of_other_gene.md", [(25, 9, "GL202")]),
        ("uniprot_of_other_gene.md", [(26, 25, "GL202")]),
        ("two_ids_one_of_other_gene.md", [(24, 29, "GL202")]),
        ("ids_unknown_to_reference.md", [(24, 12, "GL202"), (25, 9, "GL202")]),
        ("ids_malformed_left_to_gl201.md", []),
        # Written forms the fix keeps: a CURIE, a link, a version, a remark.
        ("hgnc_curie_of_other_gene.md", [(22, 3, "GL202")]),
        ("id_link_of_other_gene.md", [(24, 13, "GL202")]),
        ("id_link_to_elsewhere.md", [(24, 13, "GL202")]),
        ("id_remark_links_it.md", [(23, 16, "GL202")]),
        ("id_remark_names_it.md", [(23, 16, "GL202")]),
        ("id_versioned_of_other_gene.md", [(24, 16, "GL202")]),
        # Two NCBI genes are called MEMO1: the page's IDs say which; without them, the protein-coding one.
        ("duplicate_symbol_ids_disambiguate.md", []),
        ("duplicate_symbol_protein_coding_first.md", []),
        # GL203
        ("symbol_previous.md", [(2, 8, "GL203")]),
        ("symbol_alias_ambiguous.md", [(2, 8, "GL203")]),
        ("symbol_alias_ids_disambiguate.md", [(2, 8, "GL203")]),
        ("symbol_unknown.md", [(2, 8, "GL203")]),
        ("symbol_wrong_case.md", [(2, 8, "GL203")]),
        # GL204: a previous symbol, another case, known aliases pass.
        ("aliases_known.md", []),
        ("alias_of_other_gene.md", [(17, 3, "GL204")]),
        ("alias_unknown_name.md", [(18, 3, "GL204")]),
        # A marker before an alias (check mark, emphasis, bullet) is no part of it; a prose item is no alias.
        ("aliases_with_leading_markers.md", [(17, 5, "GL204"), (18, 5, "GL204")]),
        # Lists on one line, and items the fix must leave alone.
        ("aliases_inline_first.md", [(17, 10, "GL204")]),
        ("aliases_inline_middle.md", [(17, 19, "GL204")]),
        ("aliases_inline_last_emphasised.md", [(17, 32, "GL204")]),
        ("aliases_inline_only_one.md", [(17, 12, "GL204")]),
        (
            "aliases_inline_all_unknown.md",
            [(17, 10, "GL204"), (17, 16, "GL204"), (17, 32, "GL204")],
        ),
        ("aliases_inline_joined_by_words.md", [(17, 16, "GL204")]),
        ("alias_item_with_content_below.md", [(17, 3, "GL204")]),
        # GL206
        ("location_coarser_band.md", []),
        ("location_finer_band.md", []),
        ("location_overlapping_range.md", []),
        ("location_reference_range.md", []),
        ("location_other_band.md", [(11, 39, "GL206")]),
        ("location_other_chromosome.md", [(11, 39, "GL206")]),
        ("location_emphasised_other_band.md", [(11, 41, "GL206")]),
        ("location_reference_two_bands.md", [(11, 38, "GL206")]),
    ],
)
def test_reference_rules(fixture, expected):
    assert positions(lint_reference(FIXTURES / fixture)) == expected


def reference_message(fixture: str) -> tuple[str, Severity]:
    (finding,) = lint_reference(FIXTURES / fixture)
    return finding.message, finding.severity


def test_messages_name_the_owner_and_the_expected_value():
    assert reference_message("ensembl_of_other_gene.md") == (
        "Ensembl ENSG00000102010 belongs to BMX; ALAS2 is ENSG00000158578",
        Severity.ERROR,
    )
    assert (
        reference_message("hgnc_withdrawn.md")[0]
        == "HGNC:398 is the withdrawn ALAS3 (symbol withdrawn, see HGNC:396 ALAS1); ALAS2 is HGNC:397"
    )
    assert (
        reference_message("omim_of_other_gene.md")[0]
        == "OMIM 125290 belongs to ALAS1; ALAS2 is one of 300751, 300752, 301300"
    )
    assert reference_message("alias_of_other_gene.md")[0].startswith(
        "ALAS is not an alias or previous symbol of ALAS2; it is an alias of ALAS1"
    )


def test_unknown_id_is_info():
    assert {f.severity for f in lint_reference(FIXTURES / "ids_unknown_to_reference.md")} == {
        Severity.INFO
    }


def test_symbol_suggestions():
    assert (
        reference_message("symbol_previous.md")[0]
        == "ASB is not an approved symbol; it is a previous symbol of ALAS2 and an alias of ARSB: use ALAS2"
    )
    assert reference_message("symbol_alias_ambiguous.md")[0].endswith(
        "an alias of ALOX12, ALOX15: use the approved symbol of the gene meant"
    )
    assert reference_message("symbol_alias_ids_disambiguate.md")[0].endswith(
        "an alias of ALOX12, ALOX15: use ALOX15"
    )
    assert reference_message("symbol_wrong_case.md")[0].endswith("did you mean ALAS2?")


def test_location_severities():
    assert reference_message("location_other_chromosome.md") == (
        "3p21.2 is on chromosome 3; ALAS2 is at Xp11.21",
        Severity.ERROR,
    )
    assert reference_message("location_other_band.md")[1] == Severity.WARNING


# --- repairs: unsafe fixes from the reference data ---------------------------------------------

FIXED_CODES = ["GL202", "GL204", "GL206"]
SOURCES = "NCBI Gene 2022-09-12 / HGNC 2024-01-18 snapshot"


@pytest.mark.parametrize(
    "fixture, replaced",
    [
        # GL202: the gene's one ID of the kind, as the page writes it; the URLs that hold the old ID too.
        ("ensembl_of_other_gene.md", [("Ensembl: ENSG00000102010", "Ensembl: ENSG00000158578")]),
        ("hgnc_withdrawn.md", [("HGNC: 398", "HGNC: 397")]),
        ("hgnc_of_other_gene.md", [("HGNC: HGNC:396", "HGNC: HGNC:397")]),
        ("hgnc_curie_of_other_gene.md", [("- HGNC:396", "- HGNC:397")]),
        ("entrez_of_other_gene.md", [("Entrez: 211", "Entrez: 212")]),
        ("uniprot_of_other_gene.md", [("P13196", "P22557")]),
        ("id_link_of_other_gene.md", [("ENSG00000102010", "ENSG00000158578")] * 2),
        (
            "id_remark_links_it.md",
            [
                (
                    "211 (see https://www.ncbi.nlm.nih.gov/gene/211)",
                    "212 (see https://www.ncbi.nlm.nih.gov/gene/212)",
                )
            ],
        ),
        ("id_versioned_of_other_gene.md", [("ENSG00000102010.15", "ENSG00000158578")] * 2),
        # GL206: the reference band.
        ("location_other_band.md", [("position Xq28.", "position Xp11.21.")]),
        ("location_other_chromosome.md", [("position 3p21.2.", "position Xp11.21.")]),
        ("location_emphasised_other_band.md", [("**Xq28**", "**Xp11.21**")]),
        # GL204: a bullet item with its line; in a list on one line, the entry and one separator.
        ("alias_of_other_gene.md", [("- ALAS\n", "")]),
        ("alias_unknown_name.md", [("- ALASX\n", "")]),
        ("aliases_with_leading_markers.md", [("- ✓ DKFZp686L20217\n- **ALAS**\n", "")]),
        ("aliases_inline_first.md", [("Aliases: ALAS, XLSA, ASB", "Aliases: XLSA, ASB")]),
        ("aliases_inline_middle.md", [("XLSA; ALAS; ASB", "XLSA; ASB")]),
        ("aliases_inline_last_emphasised.md", [("XLSA, ASB, *ALAS*", "XLSA, ASB")]),
        ("aliases_inline_only_one.md", [("- Aliases: ALAS\n", "")]),
        ("aliases_inline_all_unknown.md", [("Aliases: ALAS, DKFZp686L20217, ALASX\n", "")]),
    ],
)
def test_unsafe_fix_writes_the_reference_and_settles(fixture, replaced):
    raw = (FIXTURES / fixture).read_bytes()
    expected = raw
    for old, new in replaced:
        assert old.encode() in expected
        expected = expected.replace(old.encode(), new.encode(), 1)
    linter = make_linter(select=FIXED_CODES)
    assert fix_bytes(raw, fixture, linter) == (raw, 0)  # unsafe: only with --unsafe-fixes
    fixed, count = fix_bytes(raw, fixture, linter, unsafe=True)
    assert fixed == expected and count >= 1
    assert fix_bytes(fixed, fixture, linter, unsafe=True) == (fixed, 0)
    assert lint_text(fixed, select=[*FIXED_CODES, "GL201", "GL205", "GL106"]) == []


@pytest.mark.parametrize(
    "fixture",
    [
        "omim_of_other_gene.md",  # ALAS2 has three MIM numbers: which one is meant is a guess
        "two_ids_one_of_other_gene.md",  # the right Ensembl ID is listed already
        "ids_unknown_to_reference.md",  # the snapshot may be older than the ID
        "id_link_to_elsewhere.md",  # the link's URL does not name the ID
        "id_remark_names_it.md",  # the remark names the old ID as text
        "location_reference_two_bands.md",  # ART3 lies at two bands
        "aliases_inline_joined_by_words.md",  # `ASB and ALAS` is one entry holding a good alias
        "alias_item_with_content_below.md",  # the item has a line below it
    ],
)
def test_no_fix_where_it_would_be_a_guess(fixture):
    findings = lint_reference(FIXTURES / fixture)
    assert findings and [f.fix for f in findings] == [None] * len(findings)


def test_fix_descriptions_say_what_is_written_and_where_it_comes_from():
    def descriptions(fixture):
        return [f.fix.description for f in lint_reference(FIXTURES / fixture)]

    assert descriptions("ensembl_of_other_gene.md") == [
        f"write ENSG00000158578 in place of ENSG00000102010: ALAS2's Ensembl gene ID in the {SOURCES}"
    ]
    assert descriptions("hgnc_withdrawn.md") == [
        "write 397 in place of 398: ALAS2's HGNC ID in the HGNC 2024-01-18 snapshot"
    ]
    assert descriptions("entrez_of_other_gene.md") == [
        "write 212 in place of 211: ALAS2's NCBI Gene ID in the NCBI Gene 2022-09-12 snapshot"
    ]
    assert descriptions("id_link_of_other_gene.md")[0].startswith(
        "write ENSG00000158578 in place of ENSG00000102010 (and in the link's URL): "
    )
    assert descriptions("location_other_chromosome.md") == [
        f"write Xp11.21 in place of 3p21.2: ALAS2's cytoband in the {SOURCES}"
    ]
    assert descriptions("aliases_inline_all_unknown.md") == [
        f"remove ALAS: in the {SOURCES} it is an alias of ALAS1, not of ALAS2",
        f"remove DKFZp686L20217: in the {SOURCES} it is no name of ALAS2 or of any other gene",
        f"remove ALASX: in the {SOURCES} it is no name of ALAS2 or of any other gene",
    ]


def test_reference_page_keeps_its_own_ids_after_unsafe_fixes():
    raw = (EXAMPLES / "ALAS2.md").read_bytes()
    fixed, count = fix_bytes(raw, "ALAS2.md", make_linter(select=FIXED_CODES), unsafe=True)
    assert count == 5
    assert fixed == (
        raw.replace(b"- ALAS\n- DKFZp686L20217\n- DKFZp686M17190\n", b"")
        .replace(b"HGNC: 398", b"HGNC: 397")
        .replace(b"ENSG00000102010", b"ENSG00000158578")
    )
    assert lint_text(fixed, select=FIXED_CODES) == []


def test_a_crlf_page_keeps_its_line_endings():
    raw = (FIXTURES / "aliases_with_leading_markers.md").read_bytes().replace(b"\n", b"\r\n")
    fixed, _ = fix_bytes(raw, "page.md", make_linter(select=FIXED_CODES), unsafe=True)
    assert fixed == raw.replace("- ✓ DKFZp686L20217\r\n- **ALAS**\r\n".encode(), b"")


def test_an_alias_on_the_last_line_without_a_newline_takes_the_ending_before_it():
    raw = (FIXTURES / "alias_of_other_gene.md").read_bytes()
    head = raw[: raw.index(b"- XLSA\n")].replace(b"- ALAS\n", b"")
    fixed, count = fix_bytes(
        head + b"- XLSA\n- ALASX", "page.md", make_linter(select=["GL204"]), unsafe=True
    )
    assert (fixed, count) == (head + b"- XLSA", 1)


def test_reference_page_reference_findings():
    assert positions(lint_reference(EXAMPLES / "ALAS2.md")) == [
        (24, 3, "GL204"),  # ALAS: ALAS1's alias
        (25, 3, "GL204"),  # DKFZp686L20217
        (26, 3, "GL204"),  # DKFZp686M17190
        (30, 9, "GL202"),  # HGNC 398: withdrawn ALAS3
        (32, 12, "GL202"),  # Ensembl of BMX
    ]


@pytest.mark.parametrize(
    "page", sorted(p.name for p in EXAMPLES.glob("*.md") if p.name != "ALAS2.md")
)
def test_clean_examples_agree_with_the_reference(page):
    assert lint_reference(EXAMPLES / page) == []


@pytest.mark.parametrize(
    "location, expected",
    [
        ("Xp11.21", ("X", -11220000, -11210000)),
        ("17q21", ("17", 21000000, 22000000)),
        ("1p36.33-p36.32", ("1", -36340000, -36320000)),
        ("Xq", ("X", 0, 10**8)),
        ("Xq28-qter", ("X", 28000000, 10**8)),
        ("nonsense", None),
    ],
)
def test_band_interval(location, expected):
    assert band_interval(location) == expected


def test_reference_data_is_not_loaded_without_refdata_rules():
    linter = make_linter(select=["GL101"])

    def boom():
        raise AssertionError("refdata loaded")

    linter._refdata_loader = boom
    run = linter.run_documents([parse_bytes((EXAMPLES / "ALAS2.md").read_bytes(), "ALAS2.md")])
    assert run.internal_errors == []


@pytest.mark.parametrize(
    "written, values",
    [
        ("ENSG00000158578", [("ENSG00000158578", 0)]),
        ("   ENSG00000158578  ", [("ENSG00000158578", 3)]),  # one value: no splitting
        ("", []),
        ("   ", []),
        ("ENSG00000158578, ENSG00000102010", [("ENSG00000158578", 0), ("ENSG00000102010", 17)]),
        (" 397 (HGNC) ; 398", [("397", 1), ("398", 14)]),
        ("P22557 (canonical)", [("P22557", 0)]),
    ],
)
def test_id_values_are_each_value_at_its_offset(written, values):
    from genelint.rules._page_gene import id_values

    doc = parse_bytes(f"- Ensembl:{written}\n".encode(), "page.md")
    span = doc.lines.span(10, 10 + len(written))
    assert list(id_values(written, span, doc.lines)) == [(v, 10 + at) for v, at in values]


# --- pages of thousands of IDs and aliases: each rule reads the page's list once ------------


def test_ids_of_other_genes_by_the_hundred_each_found_and_the_page_read_once(monkeypatch):
    # Whether the page lists the gene's own HGNC ID (then no fix writes it again) was asked of
    # every ID for each one reported: minutes for a page of thousands. Now once a page.
    import genelint.rules.identifiers as identifiers

    raw = (FIXTURES / "ensembl_of_other_gene.md").read_bytes()
    others = "".join(f"- HGNC: {number}\n" for number in range(1000, 1300))
    page = raw.replace(b"- HGNC: 397\n", b"- HGNC: 397\n" + others.encode())
    asked = []
    listed = identifiers._is_listed
    monkeypatch.setattr(
        identifiers, "_is_listed", lambda *args: asked.append(args) or listed(*args)
    )
    findings = lint_text(page, select=["GL202"])
    hgnc = [f for f in findings if "HGNC:" in f.message]
    assert len(hgnc) > 250 and [f.fix for f in hgnc] == [None] * len(hgnc)  # 397 is listed
    assert [f.fix is not None for f in findings if "Ensembl" in f.message] == [True]
    assert len(asked) < 3 * 305  # each ID once in the loop, once for the fixes


class _CountedList(list):
    def __init__(self, items):
        super().__init__(items)
        self.walks = 0

    def __iter__(self):
        self.walks += 1
        return super().__iter__()


def test_aliases_by_the_hundred_are_each_removed_and_the_list_walked_a_few_times():
    raw = (FIXTURES / "alias_of_other_gene.md").read_bytes()
    unknown = "".join(f"- ALASX{number}\n" for number in range(300))
    page = raw.replace(b"- ALAS\n", b"- ALAS\n" + unknown.encode())
    linter = make_linter(select=["GL204"])
    doc = parse_bytes(page, "page.md", linter.settings.parser_options())
    doc.aliases = _CountedList(doc.aliases)
    findings = linter.run_documents([doc]).findings
    assert len(findings) == 301 and all(f.fix is not None for f in findings)
    assert doc.aliases.walks <= 3  # not once for each alias reported
    fixed, _ = fix_bytes(page, "page.md", linter, unsafe=True)
    assert fixed == raw.replace(b"- ALAS\n", b"")
