"""GL3xx on fixture pages: GL301-GL304, GL309 and GL310 with exact (line, column, code), messages,
and fixes applied through the fixer and compared as whole files; GL305-GL308 in whole runs
against the loopback fake of dbSNP and UniProt (tests/conftest.py)."""

from pathlib import Path

import pytest

from genelint.cli import main
from genelint.fixer import fix_bytes
from genelint.hgvs import parse_legacy, parse_protein
from genelint.parser import parse_bytes
from genelint.rules import variants
from genelint.rules._lookups import same_change
from genelint.syntax import read_change
from genelint.testing import lint_file, make_linter, positions

FIXTURES = Path(__file__).parent / "fixtures" / "variants"
FIXED = FIXTURES / "fixed"
EXAMPLES = Path(__file__).parents[2] / "examples"
CODES = ["GL301", "GL302", "GL303", "GL304", "GL309", "GL310"]


def lint(name: str, select=CODES, config=None):
    return lint_file(FIXTURES / name, select=list(select), config=config)


def fixed(raw: bytes, select=CODES, config=None, unsafe=False) -> bytes:
    return fix_bytes(raw, "page.md", make_linter(select, config), unsafe=unsafe)[0]


@pytest.mark.parametrize(
    "fixture, expected",
    [
        # passing pages: every kind of change with a fitting Type; Type words in any spelling;
        # "no rsID" markers
        ("valid_changes.md", []),
        ("type_words_any_spelling.md", []),
        ("rsid_marked_missing.md", []),
        # GL301 points inside the cell at what is wrong
        ("unknown_residue.md", [(16, 5, "GL301")]),
        ("unknown_residue_without_prefix.md", [(16, 3, "GL301")]),
        ("position_zero.md", [(16, 8, "GL301")]),
        ("range_end_before_start.md", [(16, 11, "GL301")]),
        ("text_after_description.md", [(16, 13, "GL301"), (17, 13, "GL301")]),
        ("dna_description.md", [(16, 3, "GL301")]),
        ("empty_change_cell.md", [(16, 4, "GL301")]),
        # every protein form of the recommendations is read (no GL301), with a fitting Type
        ("every_protein_form.md", []),
        # forms the recommendations rule out: GL301 at the first wrong character
        (
            "invalid_protein_forms.md",
            [(16, 17, "GL301"), (17, 5, "GL301"), (18, 13, "GL301"), (19, 5, "GL301")],
        ),
        # GL310: a valid description of several changes (not GL301); one variant is not reported
        (
            "several_changes_in_one_cell.md",
            [(16, 3, "GL310"), (17, 3, "GL310"), (18, 3, "GL310"), (19, 3, "GL310")],
        ),
        ("one_letter_allele.md", [(16, 3, "GL302"), (16, 3, "GL310")]),
        # GL302
        ("legacy_one_letter_change.md", [(16, 3, "GL302"), (17, 3, "GL302")]),
        ("legacy_three_letter_without_prefix.md", [(16, 3, "GL302")]),
        ("legacy_x_stop.md", [(16, 3, "GL302"), (17, 3, "GL302"), (18, 3, "GL302")]),
        ("legacy_star_stop.md", [(16, 3, "GL302")]),
        ("legacy_unchanged_residue.md", [(16, 3, "GL302")]),
        ("one_letter_hgvs.md", [(16, 3, "GL302"), (17, 3, "GL302")]),
        # p.R97X is Arg97Xaa in HGVS: GL302 asks which was meant, GL303 sees Xaa called Nonsense
        ("one_letter_unknown_residue_x.md", [(16, 3, "GL302"), (16, 12, "GL303")]),
        # GL303 at the Type cell
        ("nonsense_called_missense.md", [(16, 16, "GL303")]),
        ("frameshift_called_missense.md", [(16, 23, "GL303")]),
        ("synonymous_called_missense.md", [(16, 15, "GL303")]),
        ("in_frame_types_swapped.md", [(16, 15, "GL303"), (17, 15, "GL303")]),
        ("missense_called_nonsense_legacy.md", [(16, 3, "GL302"), (16, 10, "GL303")]),
        ("unknown_type_word.md", [(16, 17, "GL303")]),
        ("custom_type_synonym.md", [(16, 16, "GL303")]),
        # a change of uncertain outcome: the Type fits one of its alternatives, or is reported
        ("uncertain_alternatives_type.md", [(16, 26, "GL303")]),
        # GL304 at the rsID cell
        ("rsid_upper_case.md", [(16, 28, "GL304")]),
        ("rsid_with_space.md", [(16, 28, "GL304")]),
        ("rsid_leading_zero.md", [(16, 28, "GL304")]),
        ("rsid_without_number.md", [(16, 28, "GL304")]),
        ("rsid_submitted_snp.md", [(16, 28, "GL304")]),
        ("rsid_several_in_one_cell.md", [(16, 28, "GL304")]),
        ("rsid_bare_number.md", [(16, 28, "GL304")]),
        # GL309 at the later row: its change cell, or its rsID cell when only the rsID repeats
        ("duplicate_change_legacy_and_hgvs.md", [(16, 3, "GL302"), (18, 3, "GL309")]),
        ("duplicate_rsid.md", [(17, 28, "GL304"), (17, 28, "GL309")]),
        ("same_change_two_rsids.md", [(17, 3, "GL309")]),
        ("same_rsid_two_changes.md", [(17, 26, "GL309")]),
    ],
)
def test_variant_rules(fixture, expected):
    assert positions(lint(fixture)) == expected


@pytest.mark.parametrize(
    "fixture, messages",
    [
        (
            "unknown_residue.md",
            [
                "'p.Xyz122Ile' is not an HGVS protein change: at column 5: unknown residue 'Xyz'; expected an amino acid code "
                "(three-letter such as 'Arg', one-letter such as 'R', or '*')"
            ],
        ),
        (
            "unknown_residue_without_prefix.md",
            [
                "'Xyz122Ile' is not an HGVS protein change: at column 3: unknown residue 'Xyz'; expected an amino acid code "
                "(three-letter such as 'Arg', one-letter such as 'R', or '*')"
            ],
        ),
        (
            "position_zero.md",
            [
                "'p.Arg0Cys' is not an HGVS protein change: at column 8: position 0 does not exist; numbering starts at 1: expected a number from 1"
            ],
        ),
        (
            "range_end_before_start.md",
            [
                "'p.Lys23_Val21del' is not an HGVS protein change: at column 11: range end 'Val21' is before its start 'Lys23'; expected a position after 23"
            ],
        ),
        (
            "text_after_description.md",
            [
                "'p.Arg97Cys fs' is not an HGVS protein change: at column 13: whitespace is not allowed in a description; expected none",
                "'p.Arg98Cysxyz' is not an HGVS protein change: at column 13: unexpected text 'xyz' after the description; expected the end",
            ],
        ),
        (
            "empty_change_cell.md",
            ["the change cell is empty; expected an HGVS protein change such as p.Arg97Cys"],
        ),
        (
            "invalid_protein_forms.md",
            [
                "'p.[Ser73Arg];[]' is not an HGVS protein change: at column 17: expected a change, '=', '?' or '0' "
                "inside the allele's brackets, found ']'",
                "'p.Met1Thr' is not an HGVS protein change: at column 5: the start codon Met1 is never substituted "
                "(the recommendations: 'for sure not the consequence'); expected p.0?, p.(Met1?) or an extension such as p.Met1ext-5",
                "'p.Arg45del6' is not an HGVS protein change: at column 13: a deletion of several residues names the first "
                "and the last ('Arg45_…del'); expected nothing after 'del'",
                "'p.([Ser68Arg;Asn594del])' is not an HGVS protein change: at column 5: the parentheses of predicted changes "
                "go inside the allele's brackets (p.[(Ser68Arg;Asn594del)]); expected '[' here",
            ],
        ),
        (
            "several_changes_in_one_cell.md",
            [
                "'p.[Arg97Cys;Gly99Ser]' describes an allele of 2 changes (p.Arg97Cys, p.Gly99Ser); "
                "the mutation table lists one change per row: give each change its own row",
                "'p.[Ser68Arg];[Ser68=]' describes 2 alleles (in trans) (p.Ser68Arg, p.Ser68=); "
                "the mutation table lists one change per row: give each change its own row",
                "'p.Trp24=/Cys' describes a mosaic (p.Trp24=, p.Trp24Cys); "
                "the mutation table lists one change per row: give each change its own row",
                "'p.(Ser73Arg)(;)(Asn103del)' describes 2 changes of unknown phase (p.(Ser73Arg), p.(Asn103del)); "
                "the mutation table lists one change per row: give each change its own row",
            ],
        ),
        (
            "legacy_x_stop.md",
            [
                "legacy notation 'R97X': no 'p.' prefix; 'X' used for a stop codon (HGVS: 'Ter' or '*'); write p.Arg97Ter",
                "legacy notation 'p.Arg98X': 'X' used for a stop codon (HGVS: 'Ter' or '*'); write p.Arg98Ter",
                "legacy notation 'p.R99fsX23': 'X' used for a stop codon (HGVS: 'Ter' or '*'); write p.Arg99fsTer23",
            ],
        ),
        (
            "one_letter_hgvs.md",
            [
                "legacy notation 'p.V122I': one-letter residue codes; write p.Val122Ile",
                "legacy notation 'p.(R97C)': one-letter residue codes; write p.(Arg97Cys)",
            ],
        ),
        (
            "one_letter_unknown_residue_x.md",
            [
                "one-letter 'p.R97X': HGVS reads 'X' as an unknown residue (p.Arg97Xaa), legacy lists as a stop (p.Arg97Ter); write the one meant",
                "type 'Nonsense' does not fit p.Arg97Xaa (p.R97X); expected Missense",
            ],
        ),
        (
            "nonsense_called_missense.md",
            ["type 'Missense' does not fit p.Arg97Ter; expected Nonsense"],
        ),
        (
            "uncertain_alternatives_type.md",
            ["type 'Nonsense' does not fit p.(Gly56Ala^Ser^Cys); expected Missense"],
        ),
        (
            "in_frame_types_swapped.md",
            [
                "type 'In-frame insertion' does not fit p.Val7del; expected In-frame deletion",
                "type 'Deletion' does not fit p.Ala3dup; expected In-frame duplication or In-frame insertion",
            ],
        ),
        (
            "unknown_type_word.md",
            [
                "unknown variant type 'Point'; expected one of Missense, Nonsense, Synonymous, Frameshift, In-frame deletion, "
                "In-frame insertion, In-frame duplication, Deletion-insertion, Start loss, Stop loss"
            ],
        ),
        (
            "rsid_upper_case.md",
            ["rsID 'RS137852769' is not written as dbSNP writes it; expected rs137852769"],
        ),
        (
            "rsid_without_number.md",
            ["rsID 'rs' has no number; expected rs followed by digits (e.g. rs137852769)"],
        ),
        (
            "rsid_submitted_snp.md",
            ["'ss123' is a dbSNP submitted-SNP (ss) ID; expected the reference SNP (rs) ID"],
        ),
        (
            "rsid_several_in_one_cell.md",
            [
                "'rs137852769;rs137852770' lists several rsIDs in one cell; give each variant its own row"
            ],
        ),
        ("rsid_bare_number.md", ["rsID '137852769' has no 'rs' prefix; expected rs137852769"]),
        (
            "duplicate_rsid.md",
            [
                "rsID 'RS137852769' is not written as dbSNP writes it; expected rs137852769",
                "rs137852769 is already listed at line 16 (there for p.Val122Ile, here p.Gly139Val)",
            ],
        ),
        (
            "same_change_two_rsids.md",
            ["p.Glu7Val is already listed at line 16 (there with rs334, here rs33930165)"],
        ),
    ],
)
def test_messages(fixture, messages):
    assert [f.message for f in lint(fixture)] == messages


def test_several_changes_are_not_compared_as_one():
    """GL303 compares a Type with one change: a cell of several changes is GL310's alone,
    and GL309 compares it whole (the same allele twice is a repeat)."""
    read = read_change("p.[Arg97Cys;Gly99Ser]")
    assert read.change is None and read.readable and not read.legacy
    assert read.key == read_change("p.[R97C;G99S]").key == "p.[Arg97Cys;Gly99Ser]"
    assert read_change("p.[Ser86Arg]").change == read_change("p.Ser86Arg").change


def test_gl301_span_covers_the_bad_part():
    (finding,) = lint("unknown_residue.md")
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (16, 5, 16, 8)


# --- fixes: applied by the fixer, whole files compared ---------------------------------


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXED.glob("*.md")))
def test_safe_fix_gives_the_expected_page(fixture):
    raw = (FIXTURES / fixture).read_bytes()
    assert fixed(raw) == (FIXED / fixture).read_bytes()
    assert positions(lint_file(FIXED / fixture, select=["GL302", "GL304"])) == []


def test_fixes_are_safe_and_only_where_the_reading_is_unambiguous():
    assert all(f.fix.applicability == "safe" for f in lint("legacy_x_stop.md", select=["GL302"]))
    assert [f.fix for f in lint("one_letter_unknown_residue_x.md", select=["GL302"])] == [None]
    for name in ("rsid_without_number.md", "rsid_submitted_snp.md", "rsid_several_in_one_cell.md"):
        assert [f.fix for f in lint(name, select=["GL304"])] == [None]
    raw = (FIXTURES / "rsid_bare_number.md").read_bytes()
    assert fixed(raw) == raw  # a bare number may be another database's: unsafe only
    assert fixed(raw, unsafe=True) == raw.replace(b"| 137852769 |", b"| rs137852769 |")


def test_reference_page_legacy_changes():
    page = EXAMPLES / "ALAS2.md"
    assert positions(lint_file(page, select=CODES)) == [
        (line, 3, "GL302") for line in range(42, 47)
    ]
    raw = page.read_bytes()
    expected = raw
    for legacy, hgvs in [
        (b"V122I", b"p.Val122Ile"),
        (b"G139V", b"p.Gly139Val"),
        (b"R167W", b"p.Arg167Trp"),
        (b"G170R", b"p.Gly170Arg"),
        (b"L176P", b"p.Leu176Pro"),
    ]:
        expected = expected.replace(b"| " + legacy + b" ", b"| " + hgvs + b" ", 1)
    after = fixed(raw, select=["GL302"])
    assert after == expected
    assert b"| p.Val122Ile       | Missense | rs137852769 |" in after
    assert (
        lint_file(page, select=CODES)
        and positions(make_linter(CODES).run_documents([parse_bytes(after, "ALAS2.md")]).findings)
        == []
    )


def test_clean_example_has_no_variant_findings():
    assert positions(lint_file(EXAMPLES / "HBB.md", select=CODES)) == []


# --- options ----------------------------------------------------------------------------


def test_one_letter_hgvs_can_be_allowed():
    config = {"rules": {"hgvs-legacy-notation": {"allow-one-letter": True}}}
    assert lint("one_letter_hgvs.md", config=config) == []
    # legacy forms stay reported, and p.R97X stays ambiguous
    assert positions(lint("legacy_one_letter_change.md", config=config)) == [
        (16, 3, "GL302"),
        (17, 3, "GL302"),
    ]
    assert positions(lint("one_letter_unknown_residue_x.md", select=["GL302"], config=config)) == [
        (16, 3, "GL302")
    ]


def test_type_synonyms_are_configurable():
    config = {
        "rules": {
            "variant-type-mismatch": {
                "synonyms": {"PTC": "nonsense", "Loss of start": "Start loss"}
            }
        }
    }
    assert lint("custom_type_synonym.md", config=config) == []
    # a synonym names a Type that must fit the change like the Type itself
    config = {"rules": {"variant-type-mismatch": {"synonyms": {"PTC": "Missense"}}}}
    assert [f.message for f in lint("custom_type_synonym.md", config=config)] == [
        "type 'PTC' does not fit p.Arg97Ter; expected Nonsense"
    ]


def test_a_synonym_for_an_unknown_type_is_a_configuration_error():
    from genelint.config import ConfigError

    config = {"rules": {"variant-type-mismatch": {"synonyms": {"PTC": "Truncating"}}}}
    with pytest.raises(
        ConfigError,
        match="key rules.variant-type-mismatch.synonyms.PTC: 'Truncating' names no Type; "
        "expected one of Missense,",
    ):
        make_linter(["GL303"], config)


def test_missing_rsid_can_be_required():
    config = {"rules": {"rsid-format": {"allow-missing": False}}}
    assert positions(lint("rsid_marked_missing.md", select=["GL304"], config=config)) == [
        (16, 28, "GL304"),
        (17, 28, "GL304"),
        (18, 29, "GL304"),  # an empty cell's span is between its spaces
    ]


def test_duplicates_can_require_the_same_pair():
    config = {"rules": {"duplicate-variant": {"match": "change-and-rsid"}}}
    assert lint("same_change_two_rsids.md", config=config) == []
    assert lint("same_rsid_two_changes.md", config=config) == []
    assert positions(
        lint("duplicate_change_legacy_and_hgvs.md", select=["GL309"], config=config)
    ) == [(18, 3, "GL309")]


# --- the pieces, and speed --------------------------------------------------------------


@pytest.mark.parametrize(
    "change, types",
    [
        ("p.Arg97Cys", {"Missense"}),
        ("p.Arg97Xaa", {"Missense"}),
        ("p.Arg97*", {"Nonsense"}),
        ("p.Cys188=", {"Synonymous"}),
        ("p.=", {"Synonymous"}),
        ("p.Arg97fs", {"Frameshift"}),
        ("p.Lys23_Val25del", {"In-frame deletion"}),
        ("p.Ala3_Ser5dup", {"In-frame duplication", "In-frame insertion"}),
        ("p.His4_Gln5insAla", {"In-frame insertion"}),
        ("p.His4_Gln5insAlaTer", {"In-frame insertion", "Nonsense"}),
        ("p.Cys28delinsTrpVal", {"Deletion-insertion"}),
        ("p.Met1_Leu2insArgSerThrVal", {"In-frame insertion", "Start loss"}),
        ("p.Lys2_Leu3insTer12", {"In-frame insertion", "Nonsense"}),
        ("p.Gln18[23]", None),
        ("p.(Ala123_Pro131)Ter", {"Nonsense"}),
        ("p.Met2Val", {"Missense"}),
        ("p.Met1?", {"Start loss"}),
        ("p.Met1ext-5", {"Start loss"}),
        ("p.Ter110GlnextTer17", {"Stop loss"}),
        ("p.?", None),
        ("p.Arg97?", None),
        ("p.0", None),
    ],
)
def test_expected_types(change, types):
    result = variants.expected_types(read_change(change).change)
    assert result == (frozenset(types) if types is not None else None)


@pytest.mark.parametrize(
    "written, key",
    [
        ("rs12", "rs12"),
        ("RS12", "rs12"),
        ("rs 12", "rs12"),
        ("rs-012", "rs12"),
        ("12", None),
        ("ss12", None),
        ("rs0", None),
    ],
)
def test_rsid_key(written, key):
    assert variants.rsid_key(written) == key


def test_each_change_is_read_once_and_shared_by_the_rules():
    read_change.cache_clear()
    lint("valid_changes.md")
    info = read_change.cache_info()
    # 13 rows; GL301, GL302, GL303, GL309 and GL310 each read every change, only the first parses it
    assert (info.misses, info.hits) == (13, 52)


# --- GL305-GL308 against dbSNP and UniProt: one page per situation -----------------------------


@pytest.mark.parametrize(
    "page, expected",
    [
        ("rsid_current_and_matching.md", []),
        ("legacy_change_matching_rsid.md", []),
        ("rsid_merged.md", [(16, 28, "GL305")]),
        ("rsid_absent.md", [(16, 28, "GL305")]),
        ("rsid_withdrawn.md", [(16, 28, "GL305")]),
        ("rsid_in_other_gene.md", [(16, 28, "GL306")]),
        ("rsid_other_change.md", [(16, 3, "GL307"), (17, 3, "GL307")]),
        ("legacy_change_not_matching_rsid.md", [(16, 3, "GL307")]),
        # a repeat count, a change somewhere in a range, several changes: nothing to compare
        ("rsid_beside_repeat_or_uncertain_change.md", []),
        ("residues_matching_uniprot.md", []),
        ("residue_other_than_uniprot.md", [(16, 3, "GL308"), (17, 3, "GL308")]),
        ("position_beyond_uniprot_sequence.md", [(16, 3, "GL308")]),
        ("uniprot_entry_obsolete.md", [(10, 25, "GL308")]),
        ("rsid_in_two_genes_matching.md", []),
        ("rsid_in_two_genes_other_genes_change.md", [(16, 3, "GL307")]),
        ("rsid_in_two_genes_no_such_change.md", [(16, 3, "GL307")]),
    ],
)
def test_dbsnp_and_uniprot_rules_on_fixture_pages(check_online, page, expected):
    code, report = check_online(page)
    assert (check_online.positions(report), code) == (expected, check_online.exit_code(report))


@pytest.mark.parametrize(
    "page, expected",
    [
        ("rsid_merged.md", "rs386571803 was merged into rs268 in dbSNP; cite rs268"),
        ("rsid_absent.md", "dbSNP has no rs999999999: cannot get document summary"),
        ("rsid_withdrawn.md", "dbSNP has no current record for rs1111 (withdrawn)"),
        ("rsid_in_other_gene.md", "rs268 lies in LPL according to dbSNP, not in ALAS2"),
        (
            "legacy_change_not_matching_rsid.md",
            "N318T is not a protein change of rs268: dbSNP lists p.Asn318Ser",
        ),
        (
            "position_beyond_uniprot_sequence.md",
            "p.Ala200Val: UniProtKB P0A183 (MERR_PSEAI) has 144 residues, no position 200",
        ),
        (
            "uniprot_entry_obsolete.md",
            "UniProtKB entry Q99999 is obsolete (no sequence); the mutation list cannot be checked against it",
        ),
    ],
)
def test_dbsnp_and_uniprot_messages_name_the_value_and_what_the_registry_says(
    check_online, page, expected
):
    _, report = check_online(page)
    assert check_online.messages(report) == [expected]


def test_change_mismatch_lists_the_registered_changes(check_online):
    _, report = check_online("rsid_other_change.md")
    assert check_online.messages(report) == [
        "p.Asn318Asp is not a protein change of rs268: dbSNP lists p.Asn318Ser",
        "p.Gly215Val is not a protein change of rs118204057: dbSNP lists p.Gly215Glu, p.Gly215Ala",
    ]


@pytest.mark.parametrize(
    "page, expected, refsnp_requests",
    [
        # The change is one of rs7777's, but in the other gene: only the RefSNP record can tell.
        (
            "rsid_in_two_genes_other_genes_change.md",
            "p.Gly10Arg is not a protein change of rs7777 in LPL: dbSNP lists p.Asn318Ser there;"
            " p.Gly10Arg is its change in OTHERGENE",
            1,
        ),
        ("rsid_in_two_genes_matching.md", None, 1),
        # A change that is none of the rs's, in any gene, needs no second service.
        (
            "rsid_in_two_genes_no_such_change.md",
            "p.Asn318Asp is not a protein change of rs7777: dbSNP lists p.Asn318Ser, p.Gly10Arg",
            0,
        ),
        # An rs in one gene: the docsum's changes are that gene's.
        ("rsid_current_and_matching.md", None, 0),
        # The record does not annotate the page's gene at all: it cannot say, so nothing is said.
        ("rsid_in_two_genes_record_names_other_genes.md", None, 1),
    ],
)
def test_rs_in_several_genes_is_checked_in_the_pages_gene(
    check_online, fake, page, expected, refsnp_requests
):
    _, report = check_online(page)
    assert check_online.messages(report) == ([expected] if expected else [])
    assert fake.requests("variation") == refsnp_requests


def test_refsnp_not_needed_is_not_asked_nor_reported_when_the_service_fails(check_online, fake):
    fake.faults = {"variation": "500"}
    _, report = check_online("rsid_in_two_genes_no_such_change.md")
    assert check_online.positions(report) == [(16, 3, "GL307")]
    assert fake.requests("variation") == 0


def test_refsnp_failure_is_unverified_and_falls_back_to_every_gene(check_online, fake):
    fake.faults = {"variation": "500"}
    _, report = check_online("rsid_in_two_genes_other_genes_change.md")
    assert check_online.positions(report) == [(16, 27, "GL010")]
    assert check_online.messages(report) == [
        "could not verify the RefSNP record of rs7777: variation: HTTP 500"
    ]


def test_residue_mismatch_names_both_residues(check_online):
    _, report = check_online("residue_other_than_uniprot.md")
    assert check_online.messages(report) == [
        "p.Glu3Lys: UniProtKB P0A183 (MERR_PSEAI) has Asn at position 3, not Glu",
        "K5P: UniProtKB P0A183 (MERR_PSEAI) has Leu at position 5, not Lys",
    ]


def test_merged_rsid_fix_writes_the_current_rs(check_online, tmp_path):
    page = tmp_path / "LPL.md"
    page.write_bytes((FIXTURES / "rsid_merged.md").read_bytes())
    config = check_online.config()
    assert (
        main(
            [
                "check",
                "--config",
                str(config),
                "--select",
                check_online.selected,
                "--fix",
                str(page),
            ]
        )
        == 0
    )
    assert "| p.Asn318Ser | Missense | rs268 |" in page.read_text()


@pytest.mark.parametrize("cell", ["RS268", "rs 268", "rs0268", "ss12345", ""])
def test_malformed_rsids_are_not_asked(page_lookups, cell):
    text = (FIXTURES / "rsid_merged.md").read_text().replace("rs386571803", cell)
    assert page_lookups(text) == []


@pytest.mark.parametrize(
    "listed, registered, same",
    [
        ("p.Asn318Ser", "NP_000228.1:p.Asn318Ser", True),
        ("N318S", "NP_000228.1:p.Asn318Ser", True),
        ("p.(Asn318Ser)", "NP_000228.1:p.Asn318Ser", True),
        ("p.Asn318Asp", "NP_000228.1:p.Asn318Ser", False),
        ("p.Asn319Ser", "NP_000228.1:p.Asn318Ser", False),
        ("R97X", "NP_000001.1:p.Arg97Ter", True),
        ("p.Arg97Xaa", "NP_000001.1:p.Arg97Ter", True),  # an unknown new residue (Xaa) matches any
        ("p.Gly215AlafsTer3", "NP_000228.1:p.Gly215fs", True),
        ("p.Gly215del", "NP_000228.1:p.Gly215fs", False),
    ],
)
def test_same_change(listed, registered, same):
    try:
        change = parse_protein(listed)
    except ValueError:
        change = parse_legacy(listed)
    assert same_change(change, parse_protein(registered)) is same
