"""GL3xx: the situations of GL301-GL304, GL309 and GL310 (positions, messages, fixed text) are
their rule cases (tests/rules/cases/GL30*.yaml, GL310.yaml); here what a case cannot say (spans,
fix applicability, how changes are read, whole fixed files) and GL305-GL308 in whole runs
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
    # 13 rows; GL301, GL302, GL303, GL309 and GL310 each look at every change: the first to
    # ask reads the page's rows (variants.read_changes), and the others are given its readings
    assert (info.misses, info.hits) == (13, 0)


def test_a_page_s_readings_are_worked_out_once_for_every_rule_and_afresh_for_the_next_page():
    worked_out = []

    def readings(doc):
        worked_out.append(doc.path)
        return variants.read_changes(doc)

    linter = make_linter(select=CODES)
    first, second = (
        parse_bytes((FIXTURES / "valid_changes.md").read_bytes(), path) for path in ("a.md", "b.md")
    )
    contexts = [linter.context(rule) for rule in linter._instances.values()]
    for doc in (first, second):
        given = [ctx.page_value(doc, readings) for ctx in contexts]
        assert all(each is given[0] for each in given)
        assert [read.key for read in given[0]] == [
            read_change(row.change.value.strip()).key for row in doc.mutations
        ]
    assert worked_out == ["a.md", "b.md"]


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
