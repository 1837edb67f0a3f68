"""GL201 and GL205 on fixture pages, one page per situation, exact (line, column, code)."""

from pathlib import Path

import pytest

from genelint.rules.identifiers import cytoband_problem
from genelint.testing import lint_file, positions

FIXTURES = Path(__file__).parent / "fixtures" / "identifiers"


def lint(name: str, select=("GL201", "GL205")):
    return lint_file(FIXTURES / name, select=list(select))


@pytest.mark.parametrize(
    "fixture, expected",
    [
        ("valid_ids.md", []),
        # HGNC:398 as one token, labels in any case, Ensembl .version, a remark, a 10-character and an isoform accession.
        ("valid_id_variants.md", []),
        ("hgnc_malformed.md", [(14, 9, "GL201"), (15, 9, "GL201"), (16, 9, "GL201")]),
        ("entrez_not_positive_integer.md", [(14, 16, "GL201"), (15, 14, "GL201")]),
        (
            "ensembl_not_gene_id.md",
            [(14, 12, "GL201"), (15, 12, "GL201"), (16, 12, "GL201"), (17, 12, "GL201")],
        ),
        ("omim_not_six_digits.md", [(14, 9, "GL201"), (15, 8, "GL201")]),
        ("uniprot_not_accession.md", [(14, 25, "GL201"), (15, 12, "GL201"), (16, 12, "GL201")]),
        # Only the malformed one of two listed IDs, at its own column.
        ("several_ids_one_malformed.md", [(14, 29, "GL201")]),
        # No value: the label is where the value is missing.
        ("empty_id_value.md", [(14, 3, "GL201")]),
        ("location_valid.md", []),
        ("location_valid_range.md", []),
        ("location_valid_arm_only.md", []),
        ("location_valid_mitochondrial.md", []),
        ("location_chromosome_23.md", [(14, 33, "GL205")]),
        ("location_comma_in_band.md", [(14, 59, "GL205")]),
        ("location_range_across_chromosomes.md", [(14, 11, "GL205")]),
        ("location_empty_sub_band.md", [(14, 11, "GL205")]),
        # Miscased bands are still read as the location, so GL205 reports them.
        ("location_arm_upper_case.md", [(14, 59, "GL205")]),
        ("location_chromosome_lower_case.md", [(14, 59, "GL205")]),
        # Whatever follows the lead ("at position") is the location, also when it is no band.
        ("location_space_after_chromosome.md", [(14, 59, "GL205")]),
        ("location_space_after_arm.md", [(14, 59, "GL205")]),
        ("location_genomic_coordinate.md", [(14, 59, "GL205")]),
        ("location_chr_prefix.md", [(14, 59, "GL205")]),
        # Prose words are no band: `Xpert` and `2pm` elsewhere, `2 p53` after a lead.
        ("location_prose_words_not_a_band.md", []),
        ("location_prose_after_lead.md", []),
        # Text but no location: once, at the section heading; an empty section is GL104's.
        ("location_missing.md", [(12, 1, "GL205")]),
        ("location_only_comment.md", []),
    ],
)
def test_identifier_rules(fixture, expected):
    assert positions(lint(fixture)) == expected


@pytest.mark.parametrize(
    "fixture, expected",
    [
        (
            "ensembl_not_gene_id.md",
            [
                "Ensembl ID 'ENSG0000010201' has 10 digits after ENSG; expected 11",
                "Ensembl ID 'ENST00000335854' is a transcript ID; expected a gene ID (ENSG + 11 digits)",
                "Ensembl ID 'ensg00000102010' must be upper case: ENSG00000102010",
                "Ensembl ID 'ENSMUSG00000025270' is not a human gene ID; expected ENSG + 11 digits",
            ],
        ),
        (
            "uniprot_not_accession.md",
            [
                "'HEM0_HUMAN' is a UniProtKB entry name; expected the accession (e.g. P22557)",
                "UniProtKB accession 'p22557' must be upper case: P22557",
                "UniProtKB accession 'P2255' does not match the accession syntax (6 characters like P22557, or 10 like A0A023GPI8)",
            ],
        ),
        (
            "hgnc_malformed.md",
            [
                "HGNC ID 'HGNC_398' is not HGNC:<number> or <number> (e.g. HGNC:398)",
                "HGNC ID 'hgnc:398' must be written with an upper-case prefix: HGNC:398",
                "HGNC ID '0398' must be a positive number without leading zeros (HGNC:398)",
            ],
        ),
        (
            "omim_not_six_digits.md",
            [
                "OMIM number '30130' has 5 digits; expected 6",
                "OMIM number '*301300' is not six digits (e.g. 301300)",
            ],
        ),
        ("empty_id_value.md", ["OMIM has no value"]),
        ("location_comma_in_band.md", ["cytoband 'Xp11,21': unexpected ',21' at character 5"]),
        (
            "location_arm_upper_case.md",
            ["cytoband 'XP11.21': the arm is written lower case (p), not P"],
        ),
        (
            "location_chromosome_lower_case.md",
            ["cytoband 'xp11.21': write the chromosome upper case (X)"],
        ),
        (
            "location_space_after_chromosome.md",
            ["cytoband 'X p11.21' has a space inside the band; write Xp11.21"],
        ),
        (
            "location_space_after_arm.md",
            ["cytoband 'Xp 11.21' has a space inside the band; write Xp11.21"],
        ),
        (
            "location_genomic_coordinate.md",
            [
                "'chrX:55009055' is a genomic coordinate where a cytoband is expected; write the band (e.g. Xp11.21)",
            ],
        ),
        (
            "location_chr_prefix.md",
            [
                "cytoband 'chrXp11.21' does not start with a chromosome: write it without 'chr' (Xp11.21)"
            ],
        ),
        (
            "location_missing.md",
            [
                "section 'Gene Position' states no cytogenetic location (e.g. 'located at position Xp11.21')"
            ],
        ),
    ],
)
def test_messages_name_the_value_and_what_is_expected(fixture, expected):
    assert [f.message for f in lint(fixture)] == expected


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
